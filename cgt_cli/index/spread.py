"""The build on a Dask cluster, every article's records kept on the workers.

The client (the node that runs `cgt index`) receives only what the reduces read,
never an article's text, mentions or events; the workers write the tables.

    map 1     `_read`, one task a partition of PARTITION files: read, hash, process,
              `build.first`; kept on its worker (`_Chunk`). Back: its articles'
              count, its skipped files; its summaries of distinct names, combined
              (`combine`) in a tree of tasks into one.
    reduce 1  here: `reduce.link_units` on that one summary; `Units` sent to every worker.
    map 2     `_shorts`: `build.second` on the kept chunk; kept. Back: the short names
              used, counted (a tree of tasks again).
    reduce 2  here: `reduce.name_entities`; `Naming` sent to every worker.
    map 3     `_third`: `build.third` on each article; writes the partition's part of
              `articles`, `hits`, `role_hits` and `alias_hits`; keeps what the
              corpus-wide tables need, split by entity range, each event with its
              quotes cut from the text. Back: its events' dates, counted.
    entities  `ranges.entity_tables`, one task a range of ENTITIES entity numbers, from
              every partition's piece of it: its parts of `entities`, `mentions`, `roles`.
    events    `ranges.merge_range`, one task a range of dates cut where their counts
              add up to about EVENTS (a date is never split): events merged across
              articles on (kind, date, main entity) and ordered; their count back;
              then `ranges.event_tables` writes them, numbered from the ranges before.
    here      `skipped` and the manifest.

Each step gives the same rows as `build.assemble` and `parquet.write` on one
machine: the same functions per article, the reduces fed the same counts in the
same order, and each range in the order of the whole.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate

from cgt_cli.extract.article import Processed
from cgt_cli.index import ranges
from cgt_cli.index.engines import Built, map_file
from cgt_cli.index.linking import Local, Summary, Unit
from cgt_cli.index.parquet import Place, write_part
from cgt_cli.index.ranges import Piece, QuoteInfo, add_pieces, inside
from cgt_cli.model import Event
from cgt_cli.read.files import Skipped

PARTITION = 256  # files a task of the maps, and articles a part file of the per-article tables
FAN = 16  # results combined by one task of a tree
ENTITIES = 16384  # entities a task of the entity tables
EVENTS = 65536  # events (about) a task of the merge


def build(client, paths: Mapping[str, str], where: Place) -> Built:
    """Build the dataset at `where` from the files `paths` (path → article id) on the
    cluster of `client` (see the module docstring)."""
    from cgt_cli.index import parquet_rows as rows
    from cgt_cli.index.parquet import finish
    from cgt_cli.index.reduce import link_units, name_entities

    stages: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        stages[stage], clock[0] = time.perf_counter() - clock[0], time.perf_counter()

    items = list(paths.items())
    # not pure: _read reads files, _third and the tables' tasks write them (never taken from another build)
    chunks = client.map(_read, [items[i : i + PARTITION] for i in range(0, len(items), PARTITION)], pure=False)
    heads = client.gather(client.map(_head, chunks))
    units = link_units([_tree(client, combine, client.map(_summary, chunks), {})])
    lap("map 1, reduce 1")
    sent_units = client.scatter(units, broadcast=True, hash=False)
    shorts = client.map(_shorts, chunks, units=sent_units)
    naming = name_entities(units, _tree(client, _added, client.map(_used, shorts), Counter()))
    lap("map 2, reduce 2")
    sent_naming = client.scatter(naming, broadcast=True, hash=False)
    firsts = [0, *accumulate(n for n, _ in heads)][:-1]
    thirds = client.map(
        _third, chunks, shorts, firsts, range(len(chunks)), url=where.url, units=sent_units, naming=sent_naming, block=ENTITIES,
        pure=False,
    )
    written = [part for parts in client.gather(client.map(_written, thirds)) for part in parts]
    del chunks, shorts  # the workers let the records go
    lap("map 3 (per-article tables)")
    by_number = list(naming.number)
    entities = [
        client.submit(ranges.entity_tables, [client.submit(_entity_piece, t, b) for t in thirds], start, by_number[start : start + ENTITIES],
                      sent_naming, where.url, b, pure=False)
        for b, start in enumerate(range(0, len(by_number), ENTITIES))
    ]  # fmt: skip
    events, counted, held = _timeline(client, thirds, naming, where.url)
    written += [part for parts in client.gather(entities + events) for part in parts]
    del held  # scattered data is not recomputed: held until the tasks reading it are done
    lap("entities, events")
    skipped = sorted((s for _, found in heads for s in found), key=lambda s: s.file)
    written.append(write_part(where.url, "skipped", rows.skipped(skipped), 0))
    counts = finish(where, written)
    return Built(sum(n for n, _ in heads), skipped, counted, len(by_number), sum(stages.values()), counts, stages)


def _timeline(client, thirds: list, naming, url: str) -> tuple[list, int, list]:
    """The tasks writing `events`, a range of dates each; the events of kind "event"; and
    the futures they read, to hold until they are done (a scattered future released
    before its readers ran cancels them)."""
    cut = ranges.cuts(_tree(client, _added, client.map(_dates, thirds), Counter()), EVENTS)
    sent_cut = client.scatter(cut, broadcast=True, hash=False)
    merged = [
        client.submit(ranges.merge_range, [client.submit(_event_piece, t, sent_cut, b) for t in thirds])
        for b in range(max(cut.values(), default=-1) + 1)
    ]
    counts = client.gather([client.submit(ranges.counted, m) for m in merged])
    offsets = [0, *accumulate(rows for rows, _ in counts)][:-1]
    named_as: dict[str, list[tuple[int, str | None]]] = {}
    for unit, number in naming.number.items():
        named_as.setdefault(naming.name[unit], []).append((number, unit[1]))
    sent_names = client.scatter(named_as, broadcast=True, hash=False)
    tasks = [
        client.submit(ranges.event_tables, m, offset, sent_names, url, b, pure=False)
        for b, (m, offset) in enumerate(zip(merged, offsets, strict=True))
    ]
    return tasks, sum(n for _, n in counts), [sent_cut, sent_names, merged]


def _tree(client, combine_them, futures: list, empty):
    """The results of `futures` combined by `combine_them` (a list in, one out, order
    kept) in a tree of tasks on the workers; only the last comes here. (Everything the
    client receives comes through `client.gather`.)"""
    while len(futures) > 1:
        futures = [client.submit(combine_them, futures[i : i + FAN]) for i in range(0, len(futures), FAN)]
    return client.gather(futures[0]) if futures else empty


@dataclass
class _Chunk:
    """Map 1 of one partition, held by a worker until map 3."""

    processed: list[Processed]
    locals: list[Local]
    digests: list[str]
    skipped: list[Skipped]
    summary: dict[Unit, Summary]


def _read(items: list[tuple[str, str]]) -> _Chunk:
    from cgt_cli.index.build import first
    from cgt_cli.index.load import sort_result

    processed: list[Processed] = []
    skipped: list[Skipped] = []
    digests = []
    for path, article_id in items:
        file, digest, result = map_file((path, article_id))
        if sort_result(result, article_id, file, processed, skipped):
            digests.append(digest)
    firsts = [first(p) for p in processed]
    return _Chunk(processed, [local for local, _ in firsts], digests, skipped, combine([s for _, s in firsts]))


def combine(summaries: list[dict[Unit, Summary]]) -> dict[Unit, Summary]:
    """Summaries of articles in corpus order as one: `reduce.link_units` reads it as it
    reads them one by one (counts added, every unit and name where first seen)."""
    names: dict[Unit, Counter] = {}
    kinds: dict[Unit, Counter] = {}
    aliased: Counter = Counter()
    aliases: dict[Unit, frozenset[str]] = {}
    for summary in summaries:
        for unit, said in summary.items():
            names.setdefault(unit, Counter()).update(said.names)
            kinds.setdefault(unit, Counter()).update(said.kinds)
            aliased[unit] += said.aliased
            aliases[unit] = aliases.get(unit, frozenset()) | said.aliases
    return {unit: Summary(dict(names[unit]), dict(kinds[unit]), aliased[unit], aliases[unit]) for unit in names}


def _head(chunk: _Chunk) -> tuple[int, list[Skipped]]:
    return len(chunk.processed), chunk.skipped


def _summary(chunk: _Chunk) -> dict[Unit, Summary]:
    return chunk.summary


def _shorts(chunk: _Chunk, units) -> list:
    from cgt_cli.index.build import second

    return [second(item, units) for item in zip(chunk.processed, chunk.locals, strict=True)]


def _used(shorts: list) -> Counter:
    from cgt_cli.index.build import used_shorts

    return used_shorts(shorts)


def _added(counters: list[Counter]) -> Counter:
    total: Counter = Counter()
    for counter in counters:
        total.update(counter)
    return total


@dataclass
class _Third:
    """Map 3 of one partition, held by a worker until the corpus-wide tables are written."""

    pieces: dict[int, Piece]  # by entity range
    events: list[tuple[bool, Event]]  # (undated, event): each article's events and facts, then undated
    quotes: dict[tuple[str, int, int], QuoteInfo]
    dates: Counter  # (undated, date) → events


def _third(chunk: _Chunk, shorts: list, first: int, part: int, url: str, units, naming, block: int) -> tuple[_Third, list]:
    """Map 3 on a kept partition: writes its parts of the per-article tables; its
    `_Third` and the parts written."""
    from cgt_cli.index import parquet_rows as rows
    from cgt_cli.index.build import third

    articles = [p.article for p in chunk.processed]
    parts = [third(item, units, naming) for item in zip(chunk.processed, chunk.locals, shorts, strict=True)]
    tables = {
        "articles": rows.articles(articles, {a.id: d for a, d in zip(articles, chunk.digests, strict=True)}, first),
        **rows.map_hits({p.article.id: p.names for p in chunk.processed}),
    }
    written = [write_part(url, table, found, part) for table, found in tables.items()]
    kept = _Third({}, [], {}, Counter())
    for n, (article, found) in enumerate(zip(articles, parts, strict=True)):
        add_pieces(kept.pieces, found, block)
        mentions = sorted((m[1], m[2], m[0]) for m in found.mentions)
        for undated, events in ((False, found.found.events + found.found.facts), (True, found.found.undated)):
            for event in events:
                kept.events.append((undated, event))
                kept.dates[undated, event.date] += 1
                for q in event.quotes:
                    quoted = (article.quote(q), article.simple[q.start : q.end], inside(mentions, q), first + n)
                    kept.quotes.setdefault((q.article_id, q.start, q.end), quoted)
    return kept, written


def _written(result: tuple[_Third, list]) -> list:
    return result[1]


def _dates(result: tuple[_Third, list]) -> Counter:
    return result[0].dates


def _event_piece(result: tuple[_Third, list], cut: dict, block: int) -> tuple[list, dict]:
    """A partition's events whose dates fall in range `block`, with their quotes."""
    kept = result[0]
    events = [(undated, e) for undated, e in kept.events if cut[undated, e.date] == block]
    quotes = {(q.article_id, q.start, q.end): None for _, e in events for q in e.quotes}
    return events, {key: kept.quotes[key] for key in quotes}


def _entity_piece(result: tuple[_Third, list], block: int) -> Piece | None:
    return result[0].pieces.get(block)


