"""Entity queries on an index: find one by name, and what the card says of it."""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace

from cgt_cli.entities import is_generic
from cgt_cli.errors import NOT_FOUND, CgtError
from cgt_cli.index import Index
from cgt_cli.model import Entity, Event, Span
from cgt_cli.normalize import simplify
from cgt_cli.sentences import sentence_at


KINDS = ("org", "park", "alliance", "person", "place", "policy", "event")


class Ambiguous(CgtError):
    """Several entities answer to the name: the user picks one."""

    def __init__(self, query: str, candidates: list[Entity]) -> None:
        super().__init__(f"{query!r} names {len(candidates)} entities; give one of their names", NOT_FOUND)
        self.query = query
        self.candidates = candidates


class Unknown(CgtError):
    """No entity answers to the name; `suggestions` are similar names."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {query!r}{hint}", NOT_FOUND)
        self.suggestions = suggestions


@dataclass(frozen=True)
class Card:
    entity: Entity
    events: list[Event]
    related: list[tuple[Entity, int]]
    quotes: list[Span]  # one sentence per mention, first mentions first
    articles: list[str]
    first_seen: str | None
    last_seen: str | None


def find_entity(index: Index, query: str) -> Entity:
    """Exact name, then alias or spelling (either script), then a unique part of a name.

    A generic word (联盟, 中心) lists every entity it could mean.
    """
    wanted = simplify(query.strip())
    if not wanted:
        raise CgtError("empty name: give the name to look up")
    entities = index.entities
    steps = [
        lambda e: e.name == wanted,
        lambda e: wanted in e.aliases or wanted in e.forms,
        lambda e: wanted in e.name or any(wanted in a for a in e.aliases),
    ]
    if is_generic(wanted):
        steps = [steps[0], steps[2]]
    for step in steps:
        found = _ranked([e for e in entities if step(e)])
        if len(found) == 1:
            return found[0]
        if found:
            raise Ambiguous(query, found)
    raise Unknown(query, suggestions(wanted, {e.name for e in entities}))


def suggestions(wanted: str, names: set[str], most: int = 5) -> list[str]:
    """Names like `wanted`: compared whole and window by window (苏洲 → 苏州…产业园)."""
    scored = []
    for name in names:
        windows = [name[i : i + len(wanted)] for i in range(max(1, len(name) - len(wanted) + 1))]
        best = max(difflib.SequenceMatcher(None, wanted, w).ratio() for w in windows + [name])
        if best >= 0.5:
            scored.append((-best, len(name), name))
    return [name for _, _, name in sorted(scored)[:most]]


def _ranked(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (-len(e.mentions), e.name, e.scope or ""))


def card(index: Index, entity: Entity) -> Card:
    """Everything the corpus says of one entity."""
    sentences = _sentences(index, entity)
    return replace(
        _summary_card(index, entity),
        events=events_of(index, entity),
        related=related(index, entity, sentences),
        quotes=[Span(article_id, start, end) for article_id, (start, end) in sentences],
    )


def events_of(index: Index, entity: Entity) -> list[Event]:
    """Timeline events (and facts) whose sentence names the entity."""
    by_article: dict[str, list[Span]] = {}
    for mention in entity.mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    return [
        event
        for event in index.events + index.undated
        if any(_inside(m, q) for q in event.quotes for m in by_article.get(q.article_id, ()))
    ]


def _inside(mention: Span, quote: Span) -> bool:
    return mention.article_id == quote.article_id and quote.start <= mention.start and mention.end <= quote.end


def _sentences(index: Index, entity: Entity) -> dict[tuple[str, tuple[int, int]], list[Span]]:
    """The sentences that name the entity, first mentions first, with its mentions in each."""
    sentences: dict[tuple[str, tuple[int, int]], list[Span]] = {}
    for mention in entity.mentions:
        sentences.setdefault((mention.article_id, _sentence(index, mention)), []).append(mention)
    return sentences


def related(index: Index, entity: Entity, sentences: dict) -> list[tuple[Entity, int]]:
    """Other entities named in `sentences` (see `_sentences`), with the number shared."""
    counts: Counter[int] = Counter()
    for (article_id, sentence), own in sentences.items():
        others = set()
        for start, end, number in _mentions_in(index, article_id, sentence):
            other = index.entities[number]
            if other is entity or other.name in entity.places or any(_overlap(m, start, end) for m in own):
                continue
            others.add(number)
        counts.update(others)
    ranked = sorted(counts.items(), key=lambda x: (-x[1], index.entities[x[0]].name))
    return [(index.entities[n], c) for n, c in ranked]


def _overlap(mention: Span, start: int, end: int) -> bool:
    return mention.start < end and start < mention.end


def _sentence(index: Index, mention: Span) -> tuple[int, int]:
    return sentence_at(index.article(mention.article_id).simple, mention.start, mention.end)


def _mentions_in(index: Index, article_id: str, sentence: tuple[int, int]):
    """(start, end, entity number) of every mention inside the sentence."""
    table = index.mention_table.get(article_id, [])
    first = bisect_left(table, (sentence[0],))
    for start, end, number in table[first:]:
        if start >= sentence[1]:
            break
        if end <= sentence[1]:
            yield start, end, number


def entity_rows(index: Index, kind: str | None = None, min_mentions: int = 1) -> list[Card]:
    """Cards of all entities (without events and related), most mentioned first."""
    chosen = [e for e in _ranked(index.entities) if (kind is None or e.kind == kind) and len(e.mentions) >= min_mentions]
    return [_summary_card(index, e) for e in chosen]


def _summary_card(index: Index, entity: Entity) -> Card:
    articles = list(dict.fromkeys(m.article_id for m in entity.mentions))
    dates = sorted(d for d in (index.article(a).layout.published for a in articles) if d)
    return Card(entity, [], [], [], articles, dates[0] if dates else None, dates[-1] if dates else None)
