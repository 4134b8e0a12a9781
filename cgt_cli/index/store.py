"""The query-shaped index: one corpus laid out as SQLite tables.

`write` lays an assembled `Index` out as rows; `Store` answers the commands
from those rows without loading the corpus whole: the timeline reads narrow
event rows, `show` reads one entity with the mentions and events around it,
grep reads only the texts that can hold a literal pattern. Data goes in and
data records come out; formatting is the views' job. The same tables live in
the persistent cache file and, with --no-cache, in an in-memory database, so
every command has one path.
"""

from __future__ import annotations

import json
import marshal
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

from cgt_cli.index import bodies, packing, rows
from cgt_cli.index.packing import SEP
from cgt_cli.model import Article, Entity, Index, Layout, Quote, Span
from cgt_cli.read.files import Skipped

SCHEMA = """
CREATE TABLE IF NOT EXISTS corpora (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, used REAL NOT NULL, skipped TEXT NOT NULL, counts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS texts (
    corpus INTEGER, ord INTEGER, id TEXT, file TEXT, encoding TEXT, script TEXT, title TEXT,
    body_chars INTEGER, layout BLOB, removed BLOB, body TEXT NOT NULL, PRIMARY KEY (corpus, ord));
CREATE INDEX IF NOT EXISTS texts_id ON texts (corpus, id);
CREATE TABLE IF NOT EXISTS events (
    corpus INTEGER, ord INTEGER, undated INTEGER, kind TEXT, first_day TEXT, last_day TEXT, date TEXT,
    resolution TEXT, part TEXT, summary TEXT, place TEXT, sources TEXT, status TEXT, lines TEXT, basis TEXT,
    date_text TEXT, PRIMARY KEY (corpus, ord));
CREATE TABLE IF NOT EXISTS event_details (
    corpus INTEGER, ord INTEGER, trigger TEXT, entities TEXT, quotes TEXT, search BLOB, PRIMARY KEY (corpus, ord));
    -- quotes without their texts, search the quotes' Simplified texts in UTF-16 (index.packing)
CREATE TABLE IF NOT EXISTS entities (
    corpus INTEGER, number INTEGER, name TEXT, kind TEXT, scope TEXT, mentions INTEGER, articles INTEGER,
    first_seen TEXT, last_seen TEXT, data BLOB, sentences BLOB, PRIMARY KEY (corpus, number)); -- index.packing
CREATE TABLE IF NOT EXISTS names (
    corpus INTEGER, name TEXT, how TEXT, number INTEGER, seq INTEGER, PRIMARY KEY (corpus, name, how, number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS related (
    corpus INTEGER, entity INTEGER, other INTEGER, sentences INTEGER, PRIMARY KEY (corpus, entity, other)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_entities (
    corpus INTEGER, entity INTEGER, event INTEGER, PRIMARY KEY (corpus, entity, event)) WITHOUT ROWID;
""" + bodies.SCHEMA
TABLES = ("texts", "events", "event_details", "entities", "names", "related", "event_entities", "chars")


class Damaged(Exception):
    """A stored row cannot be read back: the corpus must be built again."""


class Source(NamedTuple):
    """What an article's header says; its text stays in the store."""

    id: str
    file: str
    encoding: str
    script: str
    layout: Layout
    title: str | None
    body_chars: int


class EventRow(NamedTuple):
    """A timeline row. Read without `detail`, the fields after `sources` are None."""

    date: str
    resolution: str
    kind: str
    part: str | None
    summary: str
    place: str | None
    sources: tuple[str, ...]  # article ids, in corpus order
    status: str  # "happened" | "planned"
    lines: str = ""  # per source, joined by SEP: the file's line of its first quote (split only when shown)
    basis: str | None = None  # how the year was read (extract.dates.BASES)
    date_text: str | None = None  # the date as the sentence writes it
    trigger: str | None = None
    entities: tuple[str, ...] | None = None
    quotes_json: str | None = None  # each quote's Quote fields as a JSON array, primary first (or:)
    quoted: tuple[Quote, ...] | None = None  # the quotes, primary first

    def quotes(self) -> list[Quote]:
        if self.quoted is not None:
            return list(self.quoted)
        if self.quotes_json is None:
            raise ValueError("the event was read without its detail")
        return [Quote(*fields) for fields in _decoded(json.loads, self.quotes_json)]


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Which timeline rows a query wants."""

    undated: bool = False  # the events whose year no text states, instead of the dated ones
    facts: bool = True  # status statements too
    first: date | None = None  # only rows reaching this day or later
    last: date | None = None  # only rows starting this day or earlier
    source: str | None = None  # only rows with this article among their sources
    naming: str | None = None  # only rows whose names or sentences hold this (Simplified) text

    def terms(self) -> tuple[list[str], list]:
        """The conditions on table `e` (events) that read alike in SQLite and DuckDB, with
        their arguments; `source` and `naming` are each store's own SQL."""
        where, args = ["e.undated = ?"], [self.undated]
        if not self.facts:
            where.append("e.kind = 'event'")
        if self.first is not None:
            where.append("e.last_day >= ?")
            args.append(self.first.isoformat())
        if self.last is not None:
            where.append("e.first_day <= ?")
            args.append(self.last.isoformat())
        return where, args


class EntityRow(NamedTuple):
    """An entity as lists show it; `number` reads the rest from the store."""

    number: int
    name: str
    kind: str
    scope: str | None
    mentions: int
    articles: int
    first_seen: str | None
    last_seen: str | None


_EVENT_LINE = "e.date, e.resolution, e.kind, e.part, e.summary, e.place, e.sources, e.status, e.lines, e.basis, e.date_text"
_EVENT_COLUMNS = _EVENT_LINE + ", d.trigger, d.entities, d.quotes, d.search"
_DETAIL = "JOIN event_details d ON d.corpus = e.corpus AND d.ord = e.ord"
_ARTICLE_COLUMNS = "t.id, t.file, t.encoding, b.simple, b.original, t.script, t.removed, t.layout"
_ARTICLE_ROWS = "FROM texts t LEFT JOIN bodies b ON b.digest = t.body WHERE t.corpus = ?"
_ENTITY_COLUMNS = "number, name, kind, scope, mentions, articles, first_seen, last_seen"


def create(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)


@contextmanager
def writing(db: sqlite3.Connection):
    """One write transaction, holding the write lock from its start (waiting for
    another process' write, never failing half-way through a read-then-write)."""
    if db.in_transaction:
        db.commit()  # a read snapshot ends here
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.commit()


def write(db: sqlite3.Connection, key: str | None, index: Index, map: rows.Mapper = rows.serial_map) -> int:
    """Lay `index` out as the rows of a new corpus (made through `map`: `index.rows`); its id.
    Inside `writing`: a corpus already stored under `key` (by another process: the same
    files and code) is kept."""
    if key is not None:
        old = db.execute("SELECT id FROM corpora WHERE key = ?", (key,)).fetchone()
        if old:
            return old[0]
    skipped = json.dumps([[s.file, s.reason, s.trace, s.notice] for s in index.skipped + index.notices], ensure_ascii=False)
    corpus = db.execute(
        "INSERT INTO corpora (key, used, skipped, counts) VALUES (?, julianday('now'), ?, '{}')", (key, skipped)
    ).lastrowid
    texts, chars = rows.articles(corpus, index, map)
    db.executemany("INSERT INTO texts VALUES (?,?,?,?,?,?,?,?,?,?,?)", [(*row, bodies.insert(db, body)) for row, body in texts])
    db.executemany("INSERT INTO chars VALUES (?,?,?)", bodies.char_rows(corpus, chars))
    events, named = rows.events(corpus, index, map)
    db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (row[:16] for row in events))
    db.executemany("INSERT INTO event_details VALUES (?,?,?,?,?,?)", (row[:2] + row[16:] for row in events))
    db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.entities(corpus, index, map))
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", rows.name_rows(corpus, index))
    db.executemany("INSERT INTO related VALUES (?,?,?,?)", rows.related_rows(corpus, index.related))
    db.executemany("INSERT OR IGNORE INTO event_entities VALUES (?,?,?)", named)
    counts = {table: db.execute(f"SELECT count(*) FROM {table} WHERE corpus = ?", (corpus,)).fetchone()[0] for table in TABLES}
    db.execute("UPDATE corpora SET counts = ? WHERE id = ?", (json.dumps(counts), corpus))
    return corpus


def drop(db: sqlite3.Connection, corpus: int) -> None:
    """Delete one corpus' rows (inside the caller's transaction)."""
    for table in TABLES:
        db.execute(f"DELETE FROM {table} WHERE corpus = ?", (corpus,))
    db.execute("DELETE FROM corpora WHERE id = ?", (corpus,))


def _decoded(loads, data, *more):
    try:
        return loads(data, *more)
    except Exception as error:  # damage to a pickle, marshal or JSON text surfaces as one of many types
        raise Damaged(f"{type(error).__name__}: {error}") from None


class Store:
    """One corpus' rows, read on demand; `article` keeps what it has read."""

    def __init__(self, db: sqlite3.Connection, corpus: int) -> None:
        self._db = db
        self._corpus = corpus
        self._articles: dict[str, Article] = {}

    @classmethod
    def in_memory(cls, index: Index, map: rows.Mapper = rows.serial_map) -> Store:
        """The index in a private in-memory database (for --no-cache)."""
        db = sqlite3.connect(":memory:")
        create(db)
        with writing(db):
            return cls(db, write(db, None, index, map))

    def close(self) -> None:
        self._db.close()

    def forget(self) -> None:
        """Delete this corpus' rows, so that the next load builds it again."""
        with writing(self._db):
            drop(self._db, self._corpus)

    def check(self) -> None:
        """`Damaged` unless every table holds the rows written (a table emptied, rows deleted)."""
        row = self._db.execute("SELECT counts FROM corpora WHERE id = ?", (self._corpus,)).fetchone()
        written = _decoded(json.loads, row[0]) if row else None
        found = {table: self.count(table) for table in TABLES}
        if written != found:
            missing = sorted(t for t in TABLES if not written or written.get(t) != found[t])
            raise Damaged(f"rows missing from {', '.join(missing)}")

    def _rows(self, sql: str, *args):
        return self._db.execute(sql.replace("$C", "corpus = ?"), (self._corpus, *args))

    @cached_property
    def _skipped(self) -> list[Skipped]:
        row = self._db.execute("SELECT skipped FROM corpora WHERE id = ?", (self._corpus,)).fetchone()
        if row is None:
            raise Damaged("the corpus is no longer in the index")
        return [Skipped(*fields) for fields in _decoded(json.loads, row[0])]

    @property
    def skipped(self) -> list[Skipped]:
        """The files not read, and why."""
        return [s for s in self._skipped if not s.notice]

    @property
    def notices(self) -> list[Skipped]:
        """The files read in part, and how (an article too long to read whole)."""
        return [s for s in self._skipped if s.notice]

    def count(self, table: str, where: str = "1") -> int:
        return self._rows(f"SELECT count(*) FROM {table} WHERE $C AND {where}").fetchone()[0]

    # articles

    def sources(self) -> list[Source]:
        rows = self._rows("SELECT id, file, encoding, script, layout, title, body_chars FROM texts WHERE $C ORDER BY ord")
        return [Source(i, f, e, s, _layout(layout), t, b) for i, f, e, s, layout, t, b in rows]

    def has_article(self, article_id: str) -> bool:
        return self._rows("SELECT 1 FROM texts WHERE $C AND id = ?", article_id).fetchone() is not None

    def article(self, article_id: str) -> Article:
        if article_id not in self._articles:
            row = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} {_ARTICLE_ROWS} AND t.id = ?", (self._corpus, article_id)).fetchone()
            if row is None:
                raise KeyError(article_id)
            self._articles[article_id] = _article(*row)
        return self._articles[article_id]

    def texts(self, containing: str | None = None):
        """Articles in corpus order; only those whose Simplified text holds
        `containing` when given: the character map names the articles that hold
        each of its characters, SQLite picks those that hold it, nothing else is read."""
        for row in self._chosen(f"SELECT {_ARTICLE_COLUMNS} {_ARTICLE_ROWS}", 3, containing):
            yield _article(*row)

    def simple_texts(self, containing: str | None = None):
        """(id, file, Simplified text, ranges of title and body) of the articles `texts` gives,
        without decoding their original script (what counting matches needs)."""
        for article_id, file, simple, layout in self._chosen(f"SELECT t.id, t.file, b.simple, t.layout {_ARTICLE_ROWS}", 2, containing):
            if simple is None:
                raise Damaged(f"the text of {article_id} is missing")
            found = _layout(layout)
            yield article_id, file, simple, ([found.title] if found.title else []) + list(found.body)

    def _chosen(self, sql: str, at: int, containing: str | None):
        """The rows of `sql` (over texts t and bodies b) in corpus order, of the articles holding
        `containing`, with the Simplified text (column `at`) decoded."""
        if not containing:
            for row in self._db.execute(sql + " ORDER BY t.ord", (self._corpus,)):
                yield _narrowed(row, at)
            return
        numbers = self._holding(containing)
        held = "(b.simple IS NULL OR instr(b.simple, ?) > 0)"  # a missing text is read, and is damage
        for start in range(0, len(numbers), 500):
            chunk = ",".join(map(str, numbers[start : start + 500]))
            for row in self._db.execute(sql + f" AND t.ord IN ({chunk}) AND {held} ORDER BY t.ord", (self._corpus, bodies.wide(containing))):
                row = _narrowed(row, at)
                if row[at] is None or containing in row[at]:  # the bytes may match across two characters
                    yield row

    def _holding(self, text: str) -> list[int]:
        """The numbers of the articles whose Simplified text holds every character of `text`."""
        chars = sorted(set(text))
        marks = ",".join("?" * len(chars))
        rows = self._rows(f"SELECT articles FROM chars WHERE $C AND char IN ({marks})", *chars).fetchall()
        return bodies.holding([blob for blob, in rows]) if len(rows) == len(chars) else []

    def keep(self, article: Article) -> None:
        """Hold an article read by `texts`, so `article` need not read it again."""
        self._articles[article.id] = article

    # events

    def events(self, wanted: EventFilter | None = None, *, detail: bool = True) -> list[EventRow]:
        """Timeline rows in order, filtered; without `detail`, only what a timeline line shows."""
        wanted = wanted or EventFilter()
        where, args = wanted.terms()
        if wanted.source is not None:
            where.append(f"instr('{SEP}' || e.sources || '{SEP}', ?) > 0")
            args.append(SEP + wanted.source + SEP)
        columns = _EVENT_COLUMNS if detail else _EVENT_LINE
        if wanted.naming is not None:
            where.append("(instr(d.entities, ?) > 0 OR instr(d.search, ?) > 0)")
            args += [wanted.naming, bodies.wide(wanted.naming)]
            columns += ", d.entities, d.search"
        joined = detail or wanted.naming is not None
        sql = f"SELECT {columns} FROM events e {_DETAIL if joined else ''} WHERE e.corpus = ? AND {' AND '.join(where)} ORDER BY e.ord"
        rows = self._db.execute(sql, (self._corpus, *args))
        return self._event_rows(rows if wanted.naming is None else _naming(rows, wanted.naming), detail)

    def events_of(self, number: int, *, detail: bool = True) -> list[EventRow]:
        """Every event (dated first, then undated) whose sentence names the entity."""
        rows = self._db.execute(
            f"SELECT {_EVENT_COLUMNS if detail else _EVENT_LINE} FROM event_entities x "
            f"JOIN events e ON e.corpus = x.corpus AND e.ord = x.event {_DETAIL if detail else ''} "
            "WHERE x.corpus = ? AND x.entity = ? ORDER BY e.ord",
            (self._corpus, number),
        )
        return self._event_rows(rows, detail)

    def _event_rows(self, rows, detail: bool) -> list[EventRow]:
        if not detail:
            return [_event_row(*row) for row in rows]
        rows = [(*row[:-2], _decoded(json.loads, row[-2]), row[-1]) for row in rows]
        articles = self._articles_numbered(set().union(*(packing.quote_articles(row[-2]) for row in rows)))
        return [_event_row(*row[:-2], _decoded(packing.quotes, row[-2], row[-1], articles)) for row in rows]

    # entities

    def entity_rows(self, where: str = "1", *args) -> list[EntityRow]:
        """Entities (filtered by SQL `where`), most mentioned first."""
        sql = f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE $C AND {where} ORDER BY mentions DESC, name, ifnull(scope, '')"
        return [EntityRow(*row) for row in self._rows(sql, *args)]

    def named(self, name: str, hows: tuple[str, ...], part: bool = False) -> list[EntityRow]:
        """Entities with a name, alias or form (`hows`) equal to, or holding, `name`."""
        test = "instr(name, ?) > 0" if part else "name = ?"
        marks = ",".join("?" * len(hows))
        numbers = f"SELECT number FROM names WHERE $C AND {test} AND how IN ({marks})"
        found = self._rows(numbers, name, *hows).fetchall()
        if not found:
            return []
        return self.entity_rows(f"number IN ({','.join(str(n) for n, in found)})")

    def aliases(self) -> dict[int, list[str]]:
        """Every entity's aliases (other names and short names), by entity number."""
        out: dict[int, list[str]] = {}
        for number, name in self._rows("SELECT number, name FROM names WHERE $C AND how = 'alias' ORDER BY number, seq"):
            out.setdefault(number, []).append(name)
        return out

    def names(self) -> set[str]:
        return {name for name, in self._rows("SELECT name FROM entities WHERE $C")}

    def entity(self, number: int) -> Entity:
        (data,) = self._rows("SELECT data FROM entities WHERE $C AND number = ?", number).fetchone()
        return _decoded(packing.entity, data, self._ids)

    def sentences(self, number: int) -> list[Span]:
        """The sentences naming the entity, in the order of its first mention in each."""
        (data,) = self._rows("SELECT sentences FROM entities WHERE $C AND number = ?", number).fetchone()
        return _decoded(packing.spans, data, self._ids)

    def _ids(self, numbers: set[int]) -> dict[int, str]:
        return {n: named[0] for n, named in self._articles_numbered(numbers).items()}

    def _articles_numbered(self, numbers: set[int]) -> dict[int, tuple[str, str]]:
        """The id and file of the articles numbered `numbers` (KeyError when one is missing: damage)."""
        found: dict[int, tuple[str, str]] = {}
        ordered = sorted(numbers)
        for start in range(0, len(ordered), 500):
            chunk = ",".join(map(str, ordered[start : start + 500]))
            found.update((n, (i, f)) for n, i, f in self._rows(f"SELECT ord, id, file FROM texts WHERE $C AND ord IN ({chunk})"))
        if len(found) != len(numbers):
            raise KeyError(f"article {min(numbers - found.keys())}")
        return found

    def related_counts(self, numbers: list[int]) -> dict[int, dict[int, int]]:
        """For each of the entities, the others named in its sentences: {other: sentences shared}."""
        found: dict[int, dict[int, int]] = {n: {} for n in numbers}
        for start in range(0, len(numbers), 500):
            marks = ",".join("?" * len(numbers[start : start + 500]))
            sql = f"SELECT entity, other, sentences FROM related WHERE $C AND entity IN ({marks})"
            for number, other, n in self._rows(sql, *numbers[start : start + 500]):
                found[number][other] = n
        return found

    def related(self, number: int, places: tuple[str, ...]) -> list[tuple[EntityRow, int]]:
        """Other entities named in the entity's sentences, with the number of sentences
        shared, most first; not the places the entity is in."""
        counts = self.related_counts([number])[number]
        if not counts:
            return []
        rows = self.entity_rows(f"number IN ({','.join(map(str, counts))})")
        pairs = [(row, counts[row.number]) for row in rows if row.name not in places]
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0].name))


def _naming(rows, text: str):
    """The rows whose last two columns (an event's names, its `search`) hold `text`, without
    those columns: the UTF-16 bytes of `search` may hold those of `text` across two characters."""
    for row in rows:
        if text in row[-2] or text in _decoded(bodies.narrow, row[-1]):
            yield row[:-2]


def _narrowed(row: tuple, at: int) -> tuple:
    """The row with its stored Simplified text (column `at`) as text."""
    stored = row[at]
    return row if stored is None else (*row[:at], _decoded(bodies.narrow, stored), *row[at + 1 :])


def _article(article_id, file, encoding, simple, original, script, removed, layout) -> Article:
    if simple is None:
        raise Damaged(f"the text of {article_id} is missing")
    if type(simple) is bytes:
        simple = _decoded(bodies.narrow, simple)
    text = _decoded(lambda packed: bodies.original(simple, packed), original)
    return Article(article_id, file, encoding, text, simple, script, _decoded(marshal.loads, removed), _layout(layout))


def _layout(data: bytes) -> Layout:
    """A layout stored as the marshal of its fields (plain tuples: three times faster than pickle)."""
    return _decoded(lambda fields: Layout(*marshal.loads(fields)), data)


def _event_row(date, resolution, kind, part, summary, place, sources, status, lines, basis, date_text, *detail) -> EventRow:
    line = (date, resolution, kind, part, summary, place, tuple(sources.split(SEP)), status, lines, basis, date_text)
    if not detail:
        return EventRow(*line)
    trigger, entities, quotes = detail
    return EventRow(*line, trigger, tuple(entities.split(SEP)) if entities else (), None, quotes)
