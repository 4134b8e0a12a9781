"""The persistent index: one SQLite file in the user's cache directory.

Two kinds of entries, both keyed so that a stale one is never used:
- `processed`: one processed file per content key (SHA-256 of the file's bytes
  and of the code that reads and extracts, with its lexicons: `article_code`),
  so only new or changed files are processed again, wherever they live; a
  zlib-compressed pickle whose article text refers to `bodies`, where every
  text is stored once for the processed files and the corpora alike;
- corpora: a whole corpus laid out as the query tables of `store`, keyed by
  the corpus' files with their sizes and modification times and by the code
  that builds the index (`corpus_code`), for an instant warm start. Only the
  most recently used few are kept.
The views and the command line are in neither key: a change to how results
are shown never throws a processed article away.
Every write is one SQLite transaction: a crash leaves the old state. The file
is in WAL mode with a busy timeout, writes take the write lock first and are
idempotent (a corpus another process stored meanwhile is taken as it is), and a
command reads its corpus from one snapshot: any number of cgt processes can
share it. A corrupt or foreign file is replaced (with a warning); a read-only
one is read and never written (with one warning); a directory that cannot be
written to nor read from means working without a cache (with one warning).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import os
import pickle
import sqlite3
import sys
import zlib
from functools import cache
from pathlib import Path

from cgt_cli import __version__
from cgt_cli.errors import reason
from cgt_cli.index import bodies, store
from cgt_cli.read.files import is_page

FILE_NAME = "index.sqlite"
CORPORA_KEPT = 3
BUSY_SECONDS = 60  # how long a write waits for another process' write
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processed (key TEXT PRIMARY KEY, data BLOB NOT NULL); -- zlib(pickle), texts in bodies, dataclasses by position
"""
# The file's tables as written by this cgt: a cache made with other tables is rebuilt, not misread.
FORMAT = "cgt-index-" + hashlib.sha256((_SCHEMA + store.SCHEMA).encode()).hexdigest()[:12]


def default_directory() -> Path:
    """$XDG_CACHE_HOME/cgt, else ~/.cache/cgt."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cgt"


PACKAGE = Path(__file__).resolve().parents[1]
ARTICLE_CODE = ("model.py", "errors.py", "read", "extract", "data")  # what the per-article map runs
INDEX_CODE = ("index",)  # what links, assembles and stores a corpus


def code_digest(package: Path, parts: tuple[str, ...]) -> str:
    """A digest of the files (`.py` and lexicons) under `parts` of `package`,
    with cgt's and Python's versions (pickle and marshal formats)."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for part in parts:
        top = package / part
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.suffix in (".py", ".txt"))
        for path in files:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def article_code() -> str:
    """The code a processed article depends on: reading and extracting, and the lexicons."""
    return code_digest(PACKAGE, ARTICLE_CODE)


@cache
def corpus_code() -> str:
    """The code a stored corpus depends on: that of its articles and the index's own."""
    return code_digest(PACKAGE, ARTICLE_CODE + INDEX_CODE)


def content_key(data: bytes, file: str = "") -> str:
    """The key of a processed file: its bytes and cgt's code; for a saved web page,
    also that it is one and the version of the library that extracts its text."""
    key = hashlib.sha256(data).hexdigest() + ":" + article_code()
    if is_page(file):
        from cgt_cli.read.html import extractor_version

        key += ":html-" + extractor_version()
    return key


class Cache:
    """An open cache file; use `open_cache` to get one. A read-only one (a read-only
    disk or file) serves what it holds and writes nothing."""

    def __init__(self, path: Path, connection: sqlite3.Connection, warn, readonly: bool = False) -> None:
        self.path = path
        self._db = connection
        self._warn = warn
        self.readonly = readonly

    def get_articles(self, keys: list[str]) -> dict[str, object]:
        found = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, data FROM processed WHERE key IN ({marks})", chunk)
            for key, data in rows.fetchall():
                value = _unpickled(self._db, data)
                if value is not None:
                    found[key] = value
        return found

    def put_articles(self, entries: dict[str, object]) -> None:
        if self.readonly or not entries:
            return
        try:
            with store.writing(self._db):
                rows = [(key, _pickled(self._db, value)) for key, value in entries.items()]
                self._db.executemany("INSERT OR REPLACE INTO processed VALUES (?, ?)", rows)
        except sqlite3.Error as error:
            self._cannot_write(error)

    def get_corpus(self, key: str) -> store.Store | None:
        """The corpus stored under `key`, marked as just used, read from one snapshot
        (other processes may write meanwhile); `store.Damaged` when its rows are not
        all there."""
        if not self.readonly:
            self._mark_used(key)
        self._db.execute("BEGIN")  # a read transaction: this process sees one state of the file
        row = self._db.execute("SELECT id FROM corpora WHERE key = ?", (key,)).fetchone()
        if row is None:
            self._db.rollback()
            return None
        corpus = store.Store(self._db, row[0])
        try:
            corpus.check()
        except store.Damaged as error:
            self._warn(damaged(error, "this corpus"))
            if not self.readonly:
                corpus.forget()
            self._db.rollback()
            return None
        return corpus

    def _mark_used(self, key: str) -> None:
        """Best effort: a writer holding the file is not waited for (the order of use is a hint)."""
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            with self._db:
                self._db.execute("UPDATE corpora SET used = julianday('now') WHERE key = ?", (key,))
        except sqlite3.OperationalError:
            pass
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")

    def put_corpus(self, key: str, index, map=None) -> store.Store | None:
        """Store the corpus under `key` (unless another process just did; its rows made
        through `map`, as `store.write` says); only the
        CORPORA_KEPT most recently used stay. None (after a warning) when the cache
        cannot be written, and without one when it is read-only."""
        if self.readonly:
            return None
        try:
            with store.writing(self._db):
                corpus = store.write(self._db, key, index, *([map] if map else []))
                stale = self._db.execute("SELECT id FROM corpora ORDER BY used DESC, id DESC LIMIT -1 OFFSET ?", (CORPORA_KEPT,))
                for (old,) in stale.fetchall():
                    store.drop(self._db, old)
            self._db.execute("BEGIN")
            if self._db.execute("SELECT 1 FROM corpora WHERE id = ?", (corpus,)).fetchone() is None:
                return None  # dropped by other processes in between: serve this run from memory
        except sqlite3.Error as error:
            self._cannot_write(error)
            return None
        return store.Store(self._db, corpus)

    def _cannot_write(self, error: sqlite3.Error) -> None:
        self._warn(f"cannot write the cache {self.path} ({reason(error)}): working without it")

    def close(self) -> None:
        self._db.close()


def recover(error: Exception, mode: str) -> tuple[str, str]:
    """After `error` while a command read the cache in `mode` ("use" at first): the
    mode to run it again in, and the warning. A damaged row costs its corpus
    (forgotten by the caller), a damaged file the file ("fresh"); a second
    failure, or a lock or a disk that fails, means no cache ("none")."""
    if mode == "use" and isinstance(error, store.Damaged):
        return "again", damaged(error, "this corpus")
    if mode == "use" and not _transient(error):
        return "fresh", damaged(error, "it")
    return "none", f"cannot use the persistent index ({reason(error)}): working without it"


def damaged(error: Exception, what: str) -> str:
    return f"the persistent index is damaged ({reason(error)}): rebuilding {what}"


def _transient(error: Exception) -> bool:
    """A lock held too long, a full or failing disk: the file may be sound."""
    text = str(error).lower()
    return any(word in text for word in ("locked", "busy", "disk i/o", "unable to open", "readonly", "full"))


def open_cache(directory: Path, warn, fresh: bool = False) -> Cache | None:
    """The cache in `directory`, created or rebuilt as needed (anew when `fresh`);
    read-only when it cannot be written; None (after one warning through `warn`)
    when it cannot be used."""
    path = directory / FILE_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not _writable(directory, path):
            return _read_only(path, warn)
        if fresh:
            _remove(path)
        return _connect(path, warn)
    except _Foreign as why:
        warn(f"cache {path} {why}: rebuilding it")
    except (OSError, sqlite3.Error) as error:
        warn(f"cannot use the cache in {directory} ({reason(error)}): working without it")
        return None
    try:
        _remove(path)
        return _connect(path, warn)
    except (OSError, sqlite3.Error, _Foreign) as error:
        warn(f"cannot rebuild the cache {path} ({reason(error)}): working without it")
        return None


class _Foreign(Exception):
    """The file is not a cgt cache of this format, or is damaged."""


def _writable(directory: Path, path: Path) -> bool:
    """Whether SQLite can write here: the folder (for its journal) and the file, if there."""
    return os.access(directory, os.W_OK | os.X_OK) and (not path.exists() or os.access(path, os.W_OK))


def _read_only(path: Path, warn) -> Cache | None:
    """The cache as it is, opened read-only (immutable when even SQLite's shared-memory
    file cannot be made); None when there is none of this format."""
    if not path.exists():
        raise PermissionError(errno.EACCES, "read-only")
    for mode in ("ro", "ro&immutable=1"):
        try:
            db = sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=BUSY_SECONDS)
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.Error:
            continue
        if row is None or row[0] != FORMAT:
            db.close()
            raise PermissionError(errno.EACCES, "read-only, and not a cgt index of this version")
        warn(f"the cache {path} is read-only: using what it holds, writing nothing")
        return Cache(path, db, warn, readonly=True)
    raise PermissionError(errno.EACCES, "read-only, and cannot be read")


def _remove(path: Path) -> None:
    """The cache file and SQLite's files beside it (a journal left would be applied to a new file)."""
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), path.with_name(path.name + "-journal")):
        name.unlink(missing_ok=True)


def _connect(path: Path, warn) -> Cache:
    """Open the file in WAL mode (readers never wait for a writer, and a writer waits
    BUSY_SECONDS for another); its tables are made, or checked, under the write lock,
    so processes starting together agree."""
    try:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS)
        if not _current(db):
            _create(db)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        raise _Foreign(f"is damaged ({reason(error)})") from None
    return Cache(path, db, warn)


def _current(db: sqlite3.Connection) -> bool:
    """Whether the file holds every table of this format (checked without a lock)."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.OperationalError:
        return False  # no meta table: new (or not ours, which `_create` tells)
    tables = {name for name, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return row is not None and row[0] == FORMAT and tables >= {"meta", "processed", *store.TABLES, "corpora"}


def _create(db: sqlite3.Connection) -> None:
    """Make the tables (a missing one again) under the write lock; `_Foreign` when the
    file belongs to something else."""
    with store.writing(db):
        tables = {name for name, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} - {"sqlite_sequence"}
        if tables:
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() if "meta" in tables else None
            if row is None or row[0] != FORMAT:
                raise _Foreign("is not a cgt index of this version")
        for statement in (_SCHEMA + store.SCHEMA).split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))


def _pickled(db: sqlite3.Connection, value) -> bytes:
    """A processed file compressed, its article's texts stored in `bodies` (inside the
    caller's transaction) and referred to by their key."""
    article = getattr(value, "article", None)
    refs = {}
    if article is not None:
        key = bodies.put(db, article.text, article.simple)
        refs = {id(article.text): ("text", key), id(article.simple): ("simple", key)}
    out = io.BytesIO()
    _Pickler(out, refs).dump(value)
    return zlib.compress(out.getvalue(), 6)


class _Pickler(pickle.Pickler):
    """Texts by reference; a dataclass as its class and its fields' values (not a dict of
    them by name: a fifth smaller compressed, with its thousands of names and roles)."""

    def __init__(self, out: io.BytesIO, refs: dict[int, tuple[str, str]]) -> None:
        super().__init__(out, pickle.HIGHEST_PROTOCOL)
        self._refs = refs

    def persistent_id(self, obj):
        return self._refs.get(id(obj)) if type(obj) is str else None

    def reducer_override(self, obj):
        kind = type(obj)
        if dataclasses.is_dataclass(kind) and kind is not obj:
            found = dataclasses.fields(kind)
            if all(f.init for f in found):
                return kind, tuple(getattr(obj, f.name) for f in found)
        return NotImplemented


def _unpickled(db: sqlite3.Connection, data: bytes):
    """A stored value, or None when it cannot be read back (then it is rebuilt)."""
    texts: dict[str, tuple[str, str] | None] = {}

    def text(ref):
        which, key = ref
        if key not in texts:
            texts[key] = bodies.get(db, key)
        if texts[key] is None:
            raise LookupError(f"body {key} is missing")
        return texts[key][0 if which == "text" else 1]

    try:
        unpickler = pickle.Unpickler(io.BytesIO(zlib.decompress(data)))
        unpickler.persistent_load = text
        return unpickler.load()
    except Exception:  # any damage to a pickle surfaces as one of many types
        return None
