"""The corpus-wide tables of a build on Dask, by range, on the workers (`index.spread`).

- `entity_tables`: the entities numbered in one range, from the `Piece` of it that
  each partition kept (its mentions, roles and pairs): the rows `build.merge` and
  `parquet_rows.entity_tables` make of them on one machine.
- `merge_range` then `event_tables`: the events whose dates fall in one range
  (`cuts`: the timeline cut where the events' counts add up to about
  `spread.EVENTS`, never inside a date), merged across articles on (kind, date,
  main entity) and ordered as `build.merge` does, then numbered from the ranges
  before and written. An event's quotes were cut out of the text on the worker
  that held its article (`QuoteInfo`); `Quoted` serves them to the store's rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from cgt_cli.index.linking import Unit
from cgt_cli.index.parquet import write_part
from cgt_cli.model import Event, Index, Span


@dataclass
class Piece:
    """What one partition says of a range of entities."""

    # (number, article, order in the article's mentions, start, end, spelling, place, form, sentence start, end)
    mentions: list[tuple] = field(default_factory=list)
    roles: list[tuple] = field(default_factory=list)  # (number, Role), in corpus order
    pairs: list[tuple[int, int, int]] = field(default_factory=list)  # (number, other, sentences)
    published: dict[str, str | None] = field(default_factory=dict)  # article → its published date


# A quote as the event rows need it: the Quote, its Simplified text, the entities
# mentioned inside it, and its article's place in the corpus.
QuoteInfo = tuple


def add_pieces(pieces: dict[int, Piece], found, block: int) -> None:
    """An article's mentions, roles and pairs, into the pieces of ranges of `block` entities."""
    for seq, m in enumerate(found.mentions):
        piece = pieces.setdefault(m[0] // block, Piece())
        piece.mentions.append((m[0], found.article, seq, *m[1:]))
        piece.published[found.article] = found.published
    for role, person, org in found.roles:
        for number in dict.fromkeys(n for n in (person, org) if n is not None):
            pieces.setdefault(number // block, Piece()).roles.append((number, role))
    for (number, other), n in found.pairs.items():
        pieces.setdefault(number // block, Piece()).pairs.append((number, other, n))


def inside(mentions: list[tuple[int, int, int]], quote: Span) -> tuple[int, ...]:
    """The entities mentioned inside a quote (as `rows.event_entity_rows` reads them)."""
    inside = []
    for start, end, number in mentions[bisect_left(mentions, (quote.start,)) :]:
        if start >= quote.end:
            break
        if end <= quote.end:
            inside.append(number)
    return tuple(inside)


def entity_tables(pieces: list[Piece | None], first: int, units: list[Unit], naming, url: str, part: int) -> list:
    """The rows of the entities numbered from `first` (their `units`), from every
    partition's piece, as `build.merge` makes them; written as part `part`."""
    from cgt_cli.index import parquet_rows as rows
    from cgt_cli.index.build import make_entity

    said: list[list[tuple]] = [[] for _ in units]
    roles: list[list] = [[] for _ in units]
    related: list[Counter] = [Counter() for _ in units]
    published: dict[str, str | None] = {}
    for piece in filter(None, pieces):
        published.update(piece.published)
        for m in piece.mentions:
            said[m[0] - first].append(m)
        for number, role in piece.roles:
            roles[number - first].append(role)
        for number, other, n in piece.pairs:
            related[number - first][other] += n
    numbered = []
    for i, unit in enumerate(units):
        mentions = sorted(said[i], key=lambda m: (m[1], m[2]))  # by article id, then as the article lists them
        entity, sentences = make_entity(unit, naming, [(m[1], *m[3:]) for m in mentions], roles[i])
        dates = sorted(d for d in (published[a] for a in dict.fromkeys(m[1] for m in mentions)) if d)
        numbered.append(rows.Numbered(first + i, entity, sentences, dict(related[i]), dates))
    tables = rows.entity_tables(numbered)
    return [write_part(url, table, found, part) for table, found in tables.items()]


def merge_range(pieces: list[tuple[list, dict]]) -> tuple[list[Event], list[Event], dict]:
    """One range of dates: its events merged across articles and ordered, as `build.merge` does."""
    from cgt_cli.extract.dates import sort_key
    from cgt_cli.extract.merge import merge_across_articles

    quotes: dict = {}
    for _, found in pieces:
        quotes.update(found)

    def order(event: Event) -> tuple:
        quote = event.quotes[0]
        return (sort_key(event.date), quotes[quote.article_id, quote.start, quote.end][3], quote.start)

    dated = merge_across_articles([e for events, _ in pieces for undated, e in events if not undated])
    undated = [e for events, _ in pieces for undated, e in events if undated]
    return sorted(dated, key=order), sorted(undated, key=order), quotes


def counted(merged: tuple[list[Event], list[Event], dict]) -> tuple[int, int]:
    """(rows, dated events of kind "event")."""
    return len(merged[0]) + len(merged[1]), sum(1 for e in merged[0] if e.kind == "event")


class Quoted:
    """An article as `rows.event_rows` reads it for its events: its quotes and their
    Simplified text, cut out where its text was (`quote(span)`, `simple[start:end]`)."""

    def __init__(self, article_id: str, quotes: dict[tuple[int, int], tuple]) -> None:
        self.id = article_id
        self._quotes = quotes

    def quote(self, span: Span):
        return self._quotes[span.start, span.end][0]

    @property
    def simple(self):
        return self

    def __getitem__(self, cut: slice) -> str:
        return self._quotes[cut.start, cut.stop][1]


def event_tables(merged: tuple[list[Event], list[Event], dict], offset: int, named_as: dict, url: str, part: int) -> list:
    """A range's events as rows numbered from `offset`, written as part `part`."""
    from cgt_cli.index import parquet_rows as rows

    events, undated, quotes = merged
    by_article: dict[str, dict] = {}
    for (article_id, start, end), (quote, simple, _, _) in quotes.items():
        by_article.setdefault(article_id, {})[start, end] = (quote, simple)
    index = Index([Quoted(a, found) for a, found in by_article.items()], events=events, undated=undated)
    named = []
    for event in events + undated:
        numbers = {n for q in event.quotes for n in quotes[q.article_id, q.start, q.end][2]}
        for name in event.entities:
            numbers.update(n for n, scope in named_as.get(name, ()) if scope is None or scope in event.sources)
        named.append(numbers)
    return [write_part(url, "events", rows.events(index, offset, named), part)]


def cuts(dates: Counter, events: int) -> dict[tuple[bool, str], int]:
    """Each (undated, date) → its range: ranges in timeline order, of about `events` events each."""
    from cgt_cli.extract.dates import sort_key

    cut, block, size, last = {}, 0, 0, None
    for key in sorted(dates, key=lambda k: (k[0], sort_key(k[1]))):
        here = (key[0], sort_key(key[1]))
        if size >= events and here != last:
            block, size = block + 1, 0
        cut[key], size, last = block, size + dates[key], here
    return cut
