"""Link the entity mentions of every article into entities.

Per article, `extract.entities.find_names` finds names, roles and aliases in
the title and body. Here they become corpus-wide entities:
- names of one body link when `same_body` says so (with/without 市, legal
  form, short name); a person links by exact name;
- a name too generic to tell bodies apart (细胞与基因治疗产业联盟, or a 简称 like
  联盟) links only inside its own article;
- a leading zone (X片区Y产业园) is split off as where the body is;
- explicit short names (下简称“X”) and a company's short name (康远医药 for
  杭州康远医药科技有限公司) add mentions where they are used;
- an event or yearly document is also known by its series' name, without
  its edition or year (太湖湾大会 for 2025太湖湾大会).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import accumulate

from cgt_cli.extract.entities.find import (
    Alias,
    EntityHit,
    Names,
    RoleHit,
    is_generic,
    name_key,
    series_name,
    variants,
)
from cgt_cli.extract.entities.words import trie_pattern
from cgt_cli.model import Article, Entity, Role, Span

_BODIES = ("org", "park", "alliance")
SHORT_IN_ARTICLE = 3  # a short name this long counts in an article naming the body in full
SHORT_ANYWHERE = 4  # and this long in any article
_ZONE_END = re.compile(r"(?:片区|自贸区|试验区|高新区|开发区|新区|园区|区|市|省|县)$")
_LOCATED = re.compile(r"位于([^,。;的\s]{2,20})的?$")


def family(kind: str) -> str:
    return "body" if kind in _BODIES else kind


@dataclass(frozen=True)
class _Hit:
    article: str
    kind: str
    name: str
    start: int
    end: int
    place: str | None = None


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    hits: list[_Hit] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    scope: str | None = None


@dataclass
class Linked:
    entities: list[Entity]
    names: dict[str, list[tuple[int, int, str, str]]]  # article → (start, end, entity name, kind)


def link_entities(articles: list[Article], names: dict[str, Names]) -> Linked:
    """Corpus-wide entities from each article's `names` (see `find_names`)."""
    groups: dict[tuple, _Group] = {}
    found_roles: list[tuple[Article, RoleHit]] = []
    for article in articles:
        found = names[article.id]
        here: dict[str, tuple] = {}
        for hit in _split_zones(list(found.hits), article):
            here.setdefault(hit.name, _unit(hit.kind, hit.name, hit.article))
            group = _group_of(groups, hit)
            group.hits.append(hit)
            series = series_name(hit.name, hit.kind)
            if series != hit.name and not is_generic(series):
                group.aliases.add(series)
        taken = _Taken((h.start, h.end) for h in found.hits)
        for alias in found.aliases:
            if alias.full in here:
                _add_alias(groups[here[alias.full]], article, alias, taken)
        found_roles += [(article, role) for role in found.roles]
    _merge_same_bodies(groups)
    _add_short_names(groups, articles)
    return _entities(groups, found_roles)


def _unit(kind: str, name: str, article: str) -> tuple[str, str | None, str]:
    """The key a name links under: family, scope (an article for generic names), name."""
    fam = family(kind)
    scope = article if fam == "body" and is_generic(name) else None
    return fam, scope, name if fam in ("person", "policy", "event") else name_key(name)


def _group_of(groups: dict[tuple, _Group], hit: _Hit) -> _Group:
    unit = _unit(hit.kind, hit.name, hit.article)
    return groups.setdefault(unit, _Group(scope=unit[1]))


def _split_zones(hits: list[EntityHit], article: Article) -> list[_Hit]:
    """Hits as `_Hit`s; a body named after a zone (X片区Y产业园) becomes Y, in X."""
    places: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for h in hits:
        if h.kind == "place":
            places[h.start].append((h.end, h.name))
    out = []
    for h in hits:
        zone = _leading_zone(h, places)
        located = _LOCATED.search(article.simple, max(0, h.start - 22), h.start)
        where = zone or (located.group(1) if located and h.kind in _BODIES else None)
        if zone:
            out.append(_Hit(article.id, h.kind, h.name[len(zone) :], h.start + len(zone), h.end, zone))
        else:
            out.append(_Hit(article.id, h.kind, h.name, h.start, h.end, where))
    return out


def _leading_zone(hit: EntityHit, places: dict[int, list[tuple[int, str]]]) -> str | None:
    """The longest zone (…片区, …新区) that starts the name of a park or alliance;
    an industry cluster is named after its region and keeps it."""
    if hit.kind not in ("park", "alliance") and not hit.name.endswith(("产业园", "研究院")):
        return None
    if hit.name.endswith("集群"):
        return None
    best = None
    for end, name in places.get(hit.start, ()):
        rest = hit.name[end - hit.start :]
        if end < hit.end and _ZONE_END.search(name) and len(rest) >= 4 and not is_generic(rest):
            if best is None or len(name) > len(best):
                best = name
    return best


class _Taken:
    """Ranges already named in an article: does a new range overlap one? (log n)"""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        last = bisect_left(self.starts, end) - 1
        return last >= 0 and self.reach[last] > start


def _add_alias(group: _Group, article: Article, alias: Alias, taken: _Taken) -> None:
    """`X(下简称“Y”)`: Y names X in this article; its later uses are mentions of X."""
    group.aliases.add(alias.short)
    for start, end in article.content():
        for match in re.finditer(re.escape(alias.short), article.simple[start:end]):
            s, e = start + match.start(), start + match.end()
            if s >= alias.start and not taken.overlaps(s, e):
                group.hits.append(_Hit(article.id, group.hits[0].kind, alias.short, s, e))


def _merge_same_bodies(groups: dict[tuple, _Group]) -> None:
    """Join groups whose names are spellings of one body (same family and scope)."""
    for unit in list(groups):
        if unit not in groups or unit[0] not in ("body", "place"):
            continue
        names = {h.name for h in groups[unit].hits}
        for name in names:
            for spelling in variants(name):
                other = (unit[0], unit[1], name_key(spelling))
                if other != unit and other in groups and unit in groups:
                    _join(groups, unit, other)


def _join(groups: dict[tuple, _Group], keep: tuple, gone: tuple) -> None:
    source = groups.pop(gone)
    target = groups[keep]
    target.hits += source.hits
    target.aliases |= source.aliases


def _add_short_names(groups: dict[tuple, _Group], articles: list[Article]) -> None:
    """A company's short name where it is used: in any article when it has
    SHORT_ANYWHERE characters, else only in articles that name the company in full."""
    owners: dict[str, list[tuple]] = defaultdict(list)
    for unit, group in groups.items():
        if unit[0] != "body" or unit[1] is not None:
            continue
        seen = {h.name for h in group.hits}
        for short in set().union(*(variants(name) for name in seen)) - seen:
            if len(short) >= SHORT_IN_ARTICLE and not is_generic(short):
                owners[short].append(unit)
    shorts = {s: units[0] for s, units in owners.items() if len(set(units)) == 1}
    if not shorts:
        return
    pattern = re.compile(trie_pattern(shorts))
    spans: dict[tuple[str, bool], list[tuple[int, int]]] = defaultdict(list)
    named: dict[str, set[tuple]] = defaultdict(set)
    for unit, group in groups.items():
        for h in group.hits:
            spans[h.article, unit[0] == "place"].append((h.start, h.end))
            named[h.article].add(unit)
    for article in articles:
        taken = (_Taken(spans[article.id, False]), _Taken(spans[article.id, True]))
        _scan_shorts(groups, article, pattern, shorts, taken, named[article.id])


def _scan_shorts(groups, article: Article, pattern, shorts: dict[str, tuple], taken, named_here: set) -> None:
    """Short names used in the article, where no other name is written; a
    place inside one (武汉 in 武汉光谷中源药业) does not hide it, a place
    that holds one (外高桥 in 外高桥保税区) does."""
    bodies, places = taken
    for start, end in article.content():
        for match in pattern.finditer(article.simple, start, end):
            s, e, short = match.start(), match.end(), match.group()
            unit = shorts[short]
            hidden = bodies.overlaps(s, e) or places.overlaps(s, s) or places.overlaps(e, e)
            if hidden or not (len(short) >= SHORT_ANYWHERE or unit in named_here):
                continue
            group = groups[unit]
            group.hits.append(_Hit(article.id, group.hits[0].kind, short, s, e))
            group.aliases.add(short)


def _entities(groups: dict[tuple, _Group], found_roles) -> Linked:
    names: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    canonical: dict[tuple, str] = {}
    for unit, group in groups.items():
        full = Counter(h.name for h in group.hits if h.name not in group.aliases)
        canonical[unit] = max(full or Counter(h.name for h in group.hits), key=lambda n: (full[n], len(n), n))
    roles = _roles(groups, canonical, found_roles)
    entities = []
    for unit, group in groups.items():
        name = canonical[unit]
        kind = Counter(h.kind for h in group.hits).most_common(1)[0][0]
        for h in group.hits:
            names[h.article].append((h.start, h.end, name, kind))
        entities.append(_entity(unit, group, name, kind, roles.get(unit, [])))
    for spans in names.values():
        spans.sort(key=lambda n: (n[0], -n[1]))
    return Linked(entities, dict(names))


def _entity(unit, group: _Group, name: str, kind: str, roles: list[Role]) -> Entity:
    hits = sorted(group.hits, key=lambda h: (h.article, h.start))
    spellings = Counter(h.name for h in hits)
    places = Counter(h.place for h in hits if h.place)
    return Entity(
        name=name,
        kind=kind,
        forms=(),  # filled by the index, which holds the original text
        aliases=tuple(sorted((set(spellings) | group.aliases) - {name})),
        places=tuple(p for p, _ in places.most_common()),
        mentions=tuple(Span(h.article, h.start, h.end) for h in hits),
        roles=tuple(roles),
        scope=unit[1],
    )


def _roles(groups, canonical, found_roles) -> dict[tuple, list[Role]]:
    """Roles for both sides: the person's card and the organisation's card."""
    lookup = {(h.article, h.name): u for u, g in groups.items() for h in g.hits}
    by_name = {canonical[u]: u for u in groups if u[1] is None}
    out: dict[tuple, list[Role]] = defaultdict(list)
    for article, hit in found_roles:
        person = lookup.get((article.id, hit.person)) or by_name.get(hit.person)
        org = hit.organisation and (lookup.get((article.id, hit.organisation)) or by_name.get(hit.organisation))
        org_name = canonical[org] if org else hit.organisation
        role = Role(hit.person, hit.title, org_name, Span(article.id, hit.start, hit.end))
        for unit in {person, org} - {None}:
            out[unit].append(role)
    return {unit: _flag_conflicts(roles) for unit, roles in out.items()}


def _flag_conflicts(roles: list[Role]) -> list[Role]:
    """Two different titles for one person at one organisation: both flagged."""
    titles: dict[tuple, set[str]] = defaultdict(set)
    for role in roles:
        titles[(role.person, role.organisation)].add(role.title)
    unique: dict[tuple, Role] = {}
    for role in roles:  # one role per person, title, organisation and article: the first said
        unique.setdefault((role.person, role.title, role.organisation, role.span.article_id), role)
    return [replace(r, conflict=len(titles[(r.person, r.organisation)]) > 1) for r in unique.values()]
