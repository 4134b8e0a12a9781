"""The build as maps around two small reduces: the same stage functions for any engine.

Each stage is a function of one item, in and out plain picklable data (no text
crosses a reduce: only names, counts and offsets):

    map 1    extract.article.process_file((id, file, bytes)) -> Processed: decode,
             normalize, layout, dates, names (cached by content); then
             `first(Processed) -> (Local, {Unit: Summary})`: each hit's link key,
             zones split off, 简称 used, and the distinct names counted
    reduce   `reduce.link_units([{Unit: Summary}]) -> Units`: spellings joined into
             entities, the companies' short names and their pattern
    map 2    `second((Processed, Local), units) -> [Hit]`: the short names it uses
    reduce   `reduce.name_entities(Units, used_shorts([[Hit]])) -> Naming`: each
             entity's number, name and kind (they need every article's short names)
    map 3    `third((Processed, Local, [Hit]), units, naming) -> Part`: events (they
             read the linked names), mentions with forms and sentences, pairs, roles
    merge    `merge([Part], Units, Naming)`: events across articles as a group-by on
             (kind, date, main entity), entities from their mentions, timeline order

`assemble(processed, skipped, map=...)` drives them; `map(fn, items)` returns
`[fn(item) for item in items]` in order, however it runs them: in this process by
default, `index.load.fork_map` on every core, or any other engine's mapper (a
Dask bag's, say). The reduces and the merge run where `assemble` runs.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from cgt_cli.extract.article import Processed, process
from cgt_cli.extract.dates import sort_key
from cgt_cli.extract.events import Found, partly_read
from cgt_cli.index.linking import Hit, Local, Summary, Unit, prepare, scan_shorts
from cgt_cli.index.reduce import Naming, Units, link_units, name_entities
from cgt_cli.model import Article, Entity, Event, Index, Role, Span
from cgt_cli.read.files import Document, Skipped
from cgt_cli.read.sentences import Sentences

NEIGHBOURS = 25  # entities either side that a long list's member is related to
_LAST = 1 << 30  # short-name hits come after every other hit of their entity


@dataclass(frozen=True)
class Part:
    """Map 3's result for one article: no text but names, offsets and events."""

    article: str
    published: str | None
    found: Found
    # per mention, in its entity's order: entity, start, end, spelling, place, form, sentence start, end
    mentions: list[tuple[int, int, int, str, str | None, str, int, int]]
    pairs: dict[tuple[int, int], int]  # (entity, other) → sentences of this article naming both (a dict: cheap to unpickle)
    roles: list[tuple[Role, int | None, int | None]]  # each role with its person's and body's entity


Mapper = Callable[[Callable, list], list]


def serial_map(fn: Callable, items: list) -> list:
    return [fn(item) for item in items]


def build_index(documents: list[Document], skipped: list[Skipped] | None = None) -> Index:
    return assemble([process(doc) for doc in documents], skipped)


def assemble(processed: list[Processed], skipped: list[Skipped] | None = None, map: Mapper = serial_map) -> Index:
    """Every stage after map 1's `process_file` (see the module docstring), the maps through `map`.

    The cyclic garbage collector is paused meanwhile: the stages make no cycles, and
    each collection would walk every article held (a third of the merge's time). What
    they made is then frozen out of it, so the store's write does not walk it either."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _assemble(processed, skipped, map)
    finally:
        if paused:
            gc.freeze()
            gc.enable()


def _assemble(processed: list[Processed], skipped: list[Skipped] | None, map: Mapper) -> Index:
    firsts = map(first, processed)
    units = link_units([summary for _, summary in firsts])
    locals_ = [local for local, _ in firsts]
    shorts = map(partial(second, units=units), list(zip(processed, locals_, strict=True)))
    naming = name_entities(units, used_shorts(shorts))
    parts = map(partial(third, units=units, naming=naming), list(zip(processed, locals_, shorts, strict=True)))
    return to_index([p.article for p in processed], skipped, parts, units, naming)


def first(processed: Processed) -> tuple[Local, dict[Unit, Summary]]:
    """Map 1's linking part (`process_file` is its first): the article's hits with
    their units, and what the reduce reads of them."""
    local = prepare(processed.article, processed.names)
    return local, local.summary()


def second(item: tuple[Processed, Local], units: Units) -> list[Hit]:
    """Map 2: the companies' short names the article uses."""
    processed, local = item
    return scan_shorts(processed.article, local, units.root, units.shorts, units.pattern)


def used_shorts(found: list[list[Hit]]) -> Counter:
    """(entity unit, short name) → times used, over every article's map 2."""
    return Counter((unit, short) for hits in found for unit, short, *_ in hits)


def third(item: tuple[Processed, Local, list[Hit]], units: Units, naming: Naming) -> Part:
    """Map 3: one article's events (which read its linked names), its mentions with
    their forms and sentences, the pairs of entities its sentences name, its roles."""
    from cgt_cli.extract.events import find_events

    processed, local, shorts = item
    article = processed.article
    numbered = []
    for seq, (unit, name, _, start, end, place) in enumerate(local.hits + tuple(shorts)):
        root = units.root[unit]
        rank = _LAST if seq >= len(local.hits) else units.rank[unit]
        numbered.append((naming.number[root], rank, seq, root, name, start, end, place))
    numbered.sort(key=lambda h: h[:3])  # the order of the entity's hits in the whole corpus
    names = sorted(((h[5], h[6], naming.name[h[3]], naming.kind[h[3]]) for h in numbered), key=lambda n: (n[0], -n[1]))
    found = find_events(article, names)
    split = Sentences(article.simple)
    mentions = [
        (number, start, end, name, place, article.text[start:end], *split.at(start, end))
        for number, _, _, _, name, start, end, place in sorted(numbered, key=lambda h: (h[0], h[5]))
    ]
    published = article.layout.published
    return Part(article.id, published, found, mentions, _pairs(mentions), _roles(processed, numbered, naming))


def _pairs(mentions) -> dict[tuple[int, int], int]:
    """Each pair of entities named in one sentence, counted. In a sentence that lists
    more than 2 × NEIGHBOURS + 1 of them (a list of 5,000 companies), each is related
    only to the NEIGHBOURS named next to it on either side: linear, not quadratic, and
    the same pairs for any ordinary sentence. A mention inside or across one of the
    entity's own (联盟 in 细胞产业联盟) does not make the other entity related to it."""
    named: dict[tuple[int, int], dict[int, list[tuple[int, int]]]] = {}
    for start, end, number, sentence in sorted((m[1], m[2], m[0], (m[6], m[7])) for m in mentions):
        named.setdefault(sentence, {}).setdefault(number, []).append((start, end))
    related: Counter = Counter()
    for spans in named.values():
        if len(spans) > 1:
            listed = list(spans.items())
            for n, (number, own) in enumerate(listed):
                for other, theirs in listed[max(0, n - NEIGHBOURS) : n + NEIGHBOURS + 1]:
                    if other != number and any(not _overlaps(m, own) for m in theirs):
                        related[number, other] += 1
    return dict(related)


def _overlaps(mention: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < mention[1] and mention[0] < end for start, end in spans)


def _roles(processed: Processed, numbered, naming: Naming) -> list[tuple[Role, int | None, int | None]]:
    """Roles with the entities of both sides: the person's card and the organisation's.
    A name is the entity it names in this article (the last of that spelling), else the
    entity of that name anywhere."""
    here: dict[str, tuple[int, Unit]] = {}
    for number, _, _, root, name, *_ in numbered:
        here[name] = max(here.get(name, (-1, root)), (number, root))
    article_id, out = processed.article.id, []
    for hit in processed.names.roles:
        person = _unit(hit.person, here, naming)
        org = _unit(hit.organisation, here, naming) if hit.organisation else None
        org_name = naming.name[org] if org is not None else hit.organisation
        role = Role(hit.person, hit.title, org_name, Span(article_id, hit.start, hit.end))
        out.append((role, *(naming.number[u] if u is not None else None for u in (person, org))))
    return out


def _unit(name: str, here: dict[str, tuple[int, Unit]], naming: Naming) -> Unit | None:
    return here[name][1] if name in here else naming.by_name.get(name)


def to_index(articles, skipped, parts: list[Part], units: Units, naming: Naming) -> Index:
    """The merge, with the articles at hand: the `Index` the store lays out."""
    index = Index(list(articles), list(skipped or []))
    index.notices = _notices(index.articles, parts)
    index.events, index.undated, index.entities, index.sentences, index.related = merge(parts, units, naming)
    return index


def _notices(articles: list[Article], parts: list[Part]) -> list[Skipped]:
    """An article whose events were read only in part says so (one line, not a skip)."""
    files = {article.id: article.file for article in articles}
    said = ((files[part.article], partly_read(part.found)) for part in parts)
    return sorted((Skipped(file, reason, None, True) for file, reason in said if reason), key=lambda s: s.file)


def merge(parts: list[Part], units: Units, naming: Naming):
    """Events merged across articles and ordered; entities from their mentions; each
    entity's sentences; the pairs of entities that share sentences."""
    from cgt_cli.extract.merge import merge_across_articles

    order = {part.article: n for n, part in enumerate(parts)}
    dated = [e for part in parts for e in part.found.events + part.found.facts]
    undated = [e for part in parts for e in part.found.undated]
    events = sorted(merge_across_articles(dated), key=lambda e: _event_order(e, order))
    undated = sorted(undated, key=lambda e: _event_order(e, order))
    entities, sentences = _entities(parts, units, naming)
    related: Counter = Counter()
    for part in parts:
        related.update(part.pairs)
    return events, undated, entities, sentences, dict(related)


def _entities(parts: list[Part], units: Units, naming: Naming) -> tuple[list[Entity], list[list[Span]]]:
    count = len(units.groups)
    mentions: list[list] = [[] for _ in range(count)]
    roles: list[list[Role]] = [[] for _ in range(count)]
    for part in sorted(parts, key=lambda p: p.article):  # an entity's mentions: by article id, then offset
        for m in part.mentions:
            mentions[m[0]].append((part.article, *m[1:]))
    for part in parts:
        for role, person, org in part.roles:
            for number in dict.fromkeys(n for n in (person, org) if n is not None):
                roles[number].append(role)
    entities, sentences = [], []
    for unit, number in naming.number.items():
        entity, said = make_entity(unit, naming, mentions[number], roles[number])
        entities.append(entity)
        sentences.append(said)
    return entities, sentences


def make_entity(unit: Unit, naming: Naming, said: list[tuple], roles: list[Role]) -> tuple[Entity, list[Span]]:
    """One entity from its mentions in order, each (article, start, end, spelling, place,
    form, sentence start, sentence end), and its roles; with the sentences naming it.
    The local build and the Dask engine's entity ranges (`index.ranges`) both make them here."""
    name = naming.name[unit]
    entity = Entity(
        name=name,
        kind=naming.kind[unit],
        forms=tuple(f for f, _ in Counter(m[5] for m in said).most_common()),
        aliases=tuple(sorted(({m[3] for m in said} | naming.aliases[unit]) - {name})),
        places=tuple(p for p, _ in Counter(m[4] for m in said if m[4]).most_common()),
        mentions=tuple(Span(m[0], m[1], m[2]) for m in said),
        roles=tuple(_flag_conflicts(roles)),
        scope=unit[1],
    )
    return entity, [Span(*s) for s in dict.fromkeys((m[0], m[6], m[7]) for m in said)]


def _flag_conflicts(roles: list[Role]) -> list[Role]:
    """Two different titles for one person at one organisation: both flagged."""
    if not roles:
        return roles
    titles: dict[tuple, set[str]] = {}
    for role in roles:
        titles.setdefault((role.person, role.organisation), set()).add(role.title)
    unique: dict[tuple, Role] = {}
    for role in roles:  # one role per person, title, organisation and article: the first said
        unique.setdefault((role.person, role.title, role.organisation, role.span.article_id), role)
    flagged = [(r, len(titles[r.person, r.organisation]) > 1) for r in unique.values()]
    return [r if r.conflict == flag else replace(r, conflict=flag) for r, flag in flagged]


def _event_order(event: Event, order: dict[str, int]) -> tuple:
    quote = event.quotes[0]
    return (sort_key(event.date), order[quote.article_id], quote.start)


__all__ = ["Mapper", "Part", "Unit", "assemble", "build_index", "first", "merge", "second", "third", "used_shorts"]
