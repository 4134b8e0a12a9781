"""An assembled `Index` laid out as the store's rows (and the dataset's event rows).

The rows are made in runs (of articles, events, entities) through a mapper, as the
build's maps are: `index.load.fork_map` makes them on every core, each worker
reading the index it was forked with and sending back plain tuples and bytes; only
the inserts are left to the process that writes. `serial_map` makes them here.
"""

from __future__ import annotations

import json
import marshal
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import fields
from functools import partial

from cgt_cli.index import bodies, packing
from cgt_cli.index.packing import SEP
from cgt_cli.model import Index, Layout

Mapper = Callable[[Callable, list], list]
RUNS = 128  # about this many runs per table: enough for a pool's workers to share


def serial_map(fn: Callable, items: list) -> list:
    return [fn(item) for item in items]


def runs(count: int) -> list[range]:
    """`range(count)` cut into about RUNS runs, each but the last a multiple of 8 long
    (the character map's bitmaps of consecutive runs join byte by byte)."""
    size = 8 * max(1, -(-count // (8 * RUNS)))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def articles(corpus: int, index: Index, map: Mapper = serial_map):
    """The `texts` rows but their last column, each with its body `bodies.made` (the key
    goes there once stored), and the `bodies.char_bits` of each run."""
    made = map(partial(_article_run, corpus, index), runs(len(index.articles)))
    return [row for rows, _ in made for row in rows], [bits for _, bits in made]


def _article_run(corpus: int, index: Index, run: range):
    rows = []
    for n in run:
        a = index.articles[n]
        layout = marshal.dumps(tuple(getattr(a.layout, f.name) for f in fields(Layout)))
        row = (corpus, n, a.id, a.file, a.encoding, a.script, a.title, a.body_chars, layout, marshal.dumps(a.removed))
        rows.append((row, bodies.made(a.text, a.simple)))
    return rows, bodies.char_bits([index.articles[n].simple for n in run])


def events(corpus: int, index: Index, map: Mapper = serial_map):
    """The rows of `events` and `event_details` together (`stored_event_rows`), and those of `event_entities`."""
    numbers = {a.id: n for n, a in enumerate(index.articles)}  # each article's `ord` in `texts`
    named = _named(index)
    index.mention_table  # noqa: B018 (made once, before any worker forks)
    count = len(index.events) + len(index.undated)
    made = map(partial(_event_run, corpus, index, numbers, named), runs(count))
    return [row for rows, _ in made for row in rows], [row for _, rows in made for row in rows]


def _event_run(corpus, index, numbers, named, run: range):
    stored = [(*row, *packing.pack_quotes(quotes, simples, numbers)) for row, _, quotes, simples in event_columns(corpus, index, run)]
    return stored, list(event_entity_rows(corpus, index, run, named))


def entities(corpus: int, index: Index, map: Mapper = serial_map) -> list[tuple]:
    numbers = {a.id: n for n, a in enumerate(index.articles)}
    made = map(partial(_entity_run, corpus, index, numbers), runs(len(index.entities)))
    return [row for rows in made for row in rows]


def _entity_run(corpus: int, index: Index, numbers: dict[str, int], run: range) -> list[tuple]:
    rows = []
    for number in run:
        entity = index.entities[number]
        ids = list(dict.fromkeys(m.article_id for m in entity.mentions))
        dates = sorted(d for d in (index.article(a).layout.published for a in ids) if d)
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        rows.append((
            corpus, number, entity.name, entity.kind, entity.scope, len(entity.mentions), len(ids), first, last,
            packing.pack_entity(entity, numbers), packing.pack_spans(index.sentences[number], numbers),
        ))  # fmt: skip
    return rows


def event_rows(corpus: int, index: Index):
    """Each event as the columns of `events` then those of `event_details` after (corpus, ord),
    the quotes whole as JSON and `search` their Simplified texts after the event's names (the
    dataset's layout; the store packs the quotes: `events`)."""
    for row, names, quotes, simples in event_columns(corpus, index):
        yield (*row, json.dumps(quotes, ensure_ascii=False), SEP.join([*names, *simples]))


def _all_events(index: Index) -> list:
    return [(0, e) for e in index.events] + [(1, e) for e in index.undated]


def event_columns(corpus: int, index: Index, run: range | None = None):
    """Each event's columns up to its names, with its names, quotes and their Simplified texts."""
    from cgt_cli.extract.dates import interval  # only writing needs it (a command reading the store does not)

    every = _all_events(index)
    for n in run if run is not None else range(len(every)):
        undated, event = every[n]
        articles = [index.article(q.article_id) for q in event.quotes]
        days = interval(event.date)
        first, last = (days[0].isoformat(), days[1].isoformat()) if days else (None, None)
        quoted = list(zip(articles, event.quotes, strict=True))
        quotes = [a.quote(q) for a, q in quoted]
        lines = {}
        for quote in quotes:
            lines.setdefault(quote.source, quote.line)
        row = (
            corpus, n, undated, event.kind, first, last, event.date, event.resolution,
            event.part, event.summary, event.place, SEP.join(event.sources), event.status,
            SEP.join(str(lines[source]) for source in event.sources), event.basis, event.date_text,
            event.trigger, SEP.join(event.entities),
        )
        yield row, event.entities, quotes, [a.simple[q.start : q.end] for a, q in quoted]


def related_rows(corpus: int, related: dict[tuple[int, int], int]):
    for (number, other), n in sorted(related.items()):
        yield (corpus, number, other, n)


def name_rows(corpus: int, index: Index):
    """(corpus, name, how, number, seq): each entity's name, aliases and forms, `seq` their order."""
    for number, entity in enumerate(index.entities):
        yield (corpus, entity.name, "name", number, 0)
        for how, names in (("alias", entity.aliases), ("form", entity.forms)):
            for seq, name in enumerate(dict.fromkeys(names)):
                yield (corpus, name, how, number, seq)


def _named(index: Index) -> dict[str, list[tuple[int, str | None]]]:
    """Each entity name's (number, scope)."""
    numbers: dict[str, list[tuple[int, str | None]]] = {}
    for number, entity in enumerate(index.entities):
        numbers.setdefault(entity.name, []).append((number, entity.scope))
    return numbers


def event_entity_rows(corpus: int, index: Index, run: range | None = None, named: dict | None = None):
    """Each event with every entity named inside one of its quotes, and with the entities its
    summary names from elsewhere in the article (项目 for the project named before): `show`
    finds the events `timeline --entity` finds."""
    table = index.mention_table
    named = _named(index) if named is None else named
    every = _all_events(index)
    for n in run if run is not None else range(len(every)):
        event = every[n][1]
        for quote in event.quotes:
            rows = table.get(quote.article_id, [])
            for i in range(bisect_left(rows, (quote.start,)), len(rows)):  # not a slice: a copy per quote
                start, end, number = rows[i]
                if start >= quote.end:
                    break
                if end <= quote.end:
                    yield (corpus, number, n)
        for name in event.entities:
            for number, scope in named.get(name, []):
                if scope is None or scope in event.sources:
                    yield (corpus, number, n)
