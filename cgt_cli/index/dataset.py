"""A dataset (`index.parquet`) answering the commands through DuckDB.

`DatasetStore` has the read API of `index.store.Store` (same methods, same
records), so every query command runs unchanged on `--index DATASET`. DuckDB reads
the Parquet files in place, only the columns and row groups a query needs; the
views below give the tables the store's names and columns (`texts`, `events`,
`entities`, `names`), so the filters the queries pass (`mentions >= ?`) mean the
same here. DuckDB is imported only here (the `scale` extra).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from cgt_cli.index.parquet import ARTICLE_GROUP, check, is_local, require
from cgt_cli.index.store import SEP, EntityRow, EventFilter, EventRow, Source, Store
from cgt_cli.model import Article, Entity, Layout, Role, Span
from cgt_cli.read.files import Skipped

BLOCK = ARTICLE_GROUP  # articles read together by `DatasetStore.article`: one row group
# Spans come out as two lists of numbers: DuckDB makes a Python dict of each struct, twice as slow.
_LAYOUT = (
    "title_span.start, title_span.\"end\", outlet, outlet_inferred, published, published_time, published_inferred, "
    'published_basis, [r.start for r in body], [r."end" for r in body], format'
)
_ARTICLE = f"id, file, encoding, text, simple, script, [r.at for r in removed], [r.chars for r in removed], {_LAYOUT}"
# Lists of strings and numbers come out joined (one string a row, split in Python): faster than a list a row.
_EVENT_LINE = (
    "e.date, e.resolution, e.kind, e.part, e.summary, e.place, array_to_string(e.sources, chr(31)), e.status, "
    "array_to_string(e.lines, chr(31)), e.basis, e.date_text"
)
# The quotes as JSON arrays, made by DuckDB (EventRow.quotes reads them back).
_EVENT_DETAIL = _EVENT_LINE + (
    ", e.trigger, array_to_string(e.entities, chr(31)), "
    'to_json([json_array(q.source, q.file, q.line, q.start, q."end", q.text) for q in e.quotes])'
)
_ENTITY = "number, name, kind, scope, mentions, articles, first_seen, last_seen"
_VIEWS = {
    "texts": "SELECT * FROM read_parquet({articles})",
    "events": "SELECT * FROM read_parquet({events})",
    "entities": "SELECT * FROM read_parquet({entities})",
    "mentions": "SELECT * FROM read_parquet({mentions})",
    "roles": "SELECT * FROM read_parquet({roles})",
    "names": "SELECT number, 'name' AS how, name FROM entities "
    "UNION ALL SELECT number, 'alias', unnest(aliases) FROM entities "
    "UNION ALL SELECT number, 'form', unnest(forms) FROM entities",
}


def open_dataset(folder: str | Path) -> DatasetStore:
    """The dataset at `folder` (a path, or a URL of an fsspec filesystem), checked
    (`parquet.check`) and opened."""
    where, parts = check(folder)
    duckdb = require("duckdb")
    db = duckdb.connect(":memory:")
    if not is_local(where.fs):
        db.register_filesystem(where.fs)  # DuckDB reads its URLs through fsspec
    files = {table: "[" + ", ".join(_literal(name) for name in names) + "]" for table, names in parts.items()}
    for name, sql in _VIEWS.items():
        db.execute(f"CREATE VIEW {name} AS " + sql.format(**files))
    return DatasetStore(db, files)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DatasetStore:
    """One dataset's tables, read on demand; `article` keeps what it has read."""

    def __init__(self, db, files: dict[str, str]) -> None:
        self._db = db
        self._files = files
        self._articles: dict[str, Article] = {}

    def close(self) -> None:
        self._db.close()

    def forget(self) -> None:
        """Nothing to forget: a dataset is rebuilt only by `cgt index --out`."""

    def _rows(self, sql: str, *args) -> list[tuple]:
        return self._db.execute(sql, list(args)).fetchall()

    @cached_property
    def skipped(self) -> list[Skipped]:
        rows = self._rows(f"SELECT file, reason, trace FROM read_parquet({self._files['skipped']})")
        return [Skipped(*row) for row in rows]

    def count(self, table: str, where: str = "1") -> int:
        return self._rows(f"SELECT count(*) FROM {table} WHERE {where}")[0][0]

    # articles

    def sources(self) -> list[Source]:
        rows = self._rows(f"SELECT id, file, encoding, script, title, body_chars, {_LAYOUT} FROM texts ORDER BY ord")
        return [Source(i, f, e, s, _layout(*layout), t, b) for i, f, e, s, t, b, *layout in rows]

    def has_article(self, article_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM texts WHERE id = ?", article_id))

    def article(self, article_id: str) -> Article:
        """One article; read with the others of its block (`BLOCK` in corpus order), as
        a card or a grep shows many articles and one query each would cost the most."""
        if article_id not in self._articles:
            found = self._rows("SELECT ord FROM texts WHERE id = ?", article_id)
            if not found:
                raise KeyError(article_id)
            first = found[0][0] // BLOCK * BLOCK
            for row in self._rows(f"SELECT {_ARTICLE} FROM texts WHERE ord >= ? AND ord < ?", first, first + BLOCK):
                self._articles.setdefault(row[0], _article(*row))
        return self._articles[article_id]

    def texts(self, containing: str | None = None):
        """Articles in corpus order; only those whose Simplified text holds `containing`
        when given (DuckDB picks them, nothing else is read)."""
        sql = f"SELECT {_ARTICLE} FROM texts"
        if containing:
            cursor = self._db.execute(sql + " WHERE contains(coalesce(simple, text), ?) ORDER BY ord", [containing])
        else:
            cursor = self._db.execute(sql + " ORDER BY ord")
        while batch := cursor.fetchmany(256):
            for row in batch:
                yield _article(*row)

    def simple_texts(self, containing: str | None = None):
        """(id, file, Simplified text, ranges of title and body) of the articles `texts`
        gives, without their original script (what counting matches needs)."""
        sql = (
            'SELECT id, file, coalesce(simple, text), title_span.start, title_span."end", '
            '[r.start for r in body], [r."end" for r in body] FROM texts'
        )
        if containing:
            cursor = self._db.execute(sql + " WHERE contains(coalesce(simple, text), ?) ORDER BY ord", [containing])
        else:
            cursor = self._db.execute(sql + " ORDER BY ord")
        while batch := cursor.fetchmany(256):
            for article_id, file, simple, title_start, title_end, starts, ends in batch:
                title = [] if title_start is None else [(title_start, title_end)]
                yield article_id, file, simple, title + list(zip(starts, ends, strict=True))

    def keep(self, article: Article) -> None:
        self._articles[article.id] = article

    # events

    def events(self, wanted: EventFilter | None = None, *, detail: bool = True) -> list[EventRow]:
        """Timeline rows in order, filtered; without `detail`, only what a timeline line shows."""
        wanted = wanted or EventFilter()
        where, args = wanted.terms()
        if wanted.source is not None:
            where.append("list_contains(e.sources, ?)")
            args.append(wanted.source)
        if wanted.naming is not None:
            where.append("contains(array_to_string(e.search, chr(31)), ?)")
            args.append(wanted.naming)
        sql = f"SELECT {_EVENT_DETAIL if detail else _EVENT_LINE} FROM events e WHERE {' AND '.join(where)} ORDER BY e.ord"
        return [_event_row(*row) for row in self._rows(sql, *args)]

    def events_of(self, number: int, *, detail: bool = True) -> list[EventRow]:
        """Every event (dated first, then undated) whose sentence names the entity."""
        sql = f"SELECT {_EVENT_DETAIL if detail else _EVENT_LINE} FROM events e WHERE list_contains(e.named, ?) ORDER BY e.ord"
        return [_event_row(*row) for row in self._rows(sql, number)]

    # entities

    def entity_rows(self, where: str = "1", *args) -> list[EntityRow]:
        """Entities (filtered by SQL `where`), most mentioned first."""
        sql = f"SELECT {_ENTITY} FROM entities WHERE {where} ORDER BY mentions DESC, name, ifnull(scope, '')"
        return [EntityRow(*row) for row in self._rows(sql, *args)]

    def named(self, name: str, hows: tuple[str, ...], part: bool = False) -> list[EntityRow]:
        """Entities with a name, alias or form (`hows`) equal to, or holding, `name`."""
        test = "contains(name, ?)" if part else "name = ?"
        marks = ",".join("?" * len(hows))
        found = self._rows(f"SELECT DISTINCT number FROM names WHERE {test} AND how IN ({marks})", name, *hows)
        if not found:
            return []
        return self.entity_rows(f"number IN ({','.join(str(n) for n, in found)})")

    def aliases(self) -> dict[int, list[str]]:
        """Every entity's aliases (other names and short names), by entity number."""
        rows = self._rows("SELECT number, aliases FROM entities WHERE len(aliases) > 0 ORDER BY number")
        return {number: list(dict.fromkeys(names)) for number, names in rows}

    def names(self) -> set[str]:
        return {name for name, in self._rows("SELECT name FROM entities")}

    def entity(self, number: int) -> Entity:
        ((name, kind, scope, forms, aliases, places),) = self._rows(
            "SELECT name, kind, scope, forms, aliases, places FROM entities WHERE number = ?", number
        )
        mentions = self._rows("SELECT article, start, \"end\" FROM mentions WHERE entity = ? ORDER BY ord", number)
        roles = self._rows(
            "SELECT person, title, organisation, article, start, \"end\", conflict FROM roles WHERE entity = ? ORDER BY ord",
            number,
        )
        return Entity(
            name, kind, tuple(forms), tuple(aliases), tuple(places), tuple(Span(*m) for m in mentions),
            tuple(Role(p, t, o, Span(a, s, e), c) for p, t, o, a, s, e, c in roles), scope,
        )  # fmt: skip

    def sentences(self, number: int) -> list[Span]:
        """The sentences naming the entity, in the order of its first mention in each."""
        ((spans,),) = self._rows("SELECT sentences FROM entities WHERE number = ?", number)
        return [Span(s["article"], s["start"], s["end"]) for s in spans]

    def related_counts(self, numbers: list[int]) -> dict[int, dict[int, int]]:
        """For each of the entities, the others named in its sentences: {other: sentences shared}."""
        found: dict[int, dict[int, int]] = {n: {} for n in numbers}
        if numbers:
            sql = f"SELECT number, related FROM entities WHERE number IN ({','.join(map(str, numbers))})"
            for number, related in self._rows(sql):
                found[number] = {r["other"]: r["sentences"] for r in related}
        return found

    related = Store.related  # the same ranking, over this store's counts and rows


def _layout(title_start, title_end, outlet, outlet_inferred, published, time, inferred, basis, starts, ends, fmt) -> Layout:
    title = None if title_start is None else (title_start, title_end)
    return Layout(title, outlet, outlet_inferred, published, time, inferred, basis, tuple(zip(starts, ends, strict=True)), fmt)


def _article(article_id, file, encoding, text, simple, script, at, chars, *layout) -> Article:
    return Article(article_id, file, encoding, text, simple or text, script, tuple(zip(at, chars, strict=True)), _layout(*layout))


def _event_row(date, resolution, kind, part, summary, place, sources, status, lines, basis, date_text, *detail) -> EventRow:
    line = (date, resolution, kind, part, summary, place, tuple(sources.split(SEP)), status, lines, basis, date_text)
    if not detail:
        return EventRow(*line)
    trigger, entities, quotes = detail
    return EventRow(*line, trigger, tuple(entities.split(SEP)) if entities else (), quotes)
