"""The persistent index: one SQLite file in the user's cache directory.

Two kinds of entries, both keyed so that a stale one is never used:
- `processed`: one processed file per content key (SHA-256 of the file's bytes
  and of the code that reads and extracts, with its lexicons: `article_code`),
  so only new or changed files are processed again, wherever they live;
- corpora: a whole corpus laid out as the query tables of `store`, keyed by
  the corpus' files with their sizes and modification times and by the code
  that builds the index (`corpus_code`), for an instant warm start. Only the
  most recently used few are kept.
The views and the command line are in neither key: a change to how results
are shown never throws a processed article away.
Every write is one SQLite transaction: a crash leaves the old state. A corrupt
or foreign file is replaced (with a warning); a directory that cannot be
written means working without a cache (with one warning).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from functools import cache
from pathlib import Path

from cgt_cli import __version__
from cgt_cli.index import store
from cgt_cli.read.files import is_page

FILE_NAME = "index.sqlite"
FORMAT = "cgt-index-4"
CORPORA_KEPT = 3
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processed (key TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


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
    """An open cache file; use `open_cache` to get one."""

    def __init__(self, path: Path, connection: sqlite3.Connection, warn) -> None:
        self.path = path
        self._db = connection
        self._warn = warn

    def get_articles(self, keys: list[str]) -> dict[str, object]:
        found = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, data FROM processed WHERE key IN ({marks})", chunk)
            for key, data in rows:
                value = _unpickled(data)
                if value is not None:
                    found[key] = value
        return found

    def put_articles(self, entries: dict[str, object]) -> None:
        rows = [(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in entries.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO processed VALUES (?, ?)", rows)
        except sqlite3.Error as error:
            self._cannot_write(error)

    def get_corpus(self, key: str) -> store.Store | None:
        """The corpus stored under `key`, marked as just used."""
        row = self._db.execute("SELECT id FROM corpora WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        with self._db:
            self._db.execute("UPDATE corpora SET used = julianday('now') WHERE id = ?", row)
        return store.Store(self._db, row[0])

    def put_corpus(self, key: str, index) -> store.Store | None:
        """Store the corpus under `key`; only the CORPORA_KEPT most recently used stay.
        None (after a warning) when the cache cannot be written."""
        try:
            corpus = store.write(self._db, key, index)
            with self._db:
                stale = self._db.execute("SELECT id FROM corpora ORDER BY used DESC, id DESC LIMIT -1 OFFSET ?", (CORPORA_KEPT,))
                for (old,) in stale.fetchall():
                    store.drop(self._db, old)
        except sqlite3.Error as error:
            self._cannot_write(error)
            return None
        return store.Store(self._db, corpus)

    def _cannot_write(self, error: sqlite3.Error) -> None:
        self._warn(f"cannot write the cache {self.path} ({error}): working without it")

    def close(self) -> None:
        self._db.close()


def open_cache(directory: Path, warn) -> Cache | None:
    """The cache in `directory`, created or rebuilt as needed; None (after one
    warning through `warn`) when it cannot be used."""
    path = directory / FILE_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return _connect(path, warn)
    except _Foreign as why:
        warn(f"cache {path} {why}: rebuilding it")
    except (OSError, sqlite3.Error) as error:
        warn(f"cannot use the cache in {directory} ({_reason(error)}): working without it")
        return None
    try:
        path.unlink()
        return _connect(path, warn)
    except (OSError, sqlite3.Error, _Foreign) as error:
        warn(f"cannot rebuild the cache {path} ({_reason(error)}): working without it")
        return None


class _Foreign(Exception):
    """The file is not a cgt cache of this format, or is damaged."""


def _connect(path: Path, warn) -> Cache:
    try:
        db = sqlite3.connect(path, timeout=10)
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row is None and not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta', 'processed', 'sqlite_sequence')").fetchone():
            with db:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
        elif row is None or row[0] != FORMAT:
            db.close()
            raise _Foreign("is not a cgt index of this version")
        store.create(db)
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        raise _Foreign(f"is damaged ({error})") from None
    return Cache(path, db, warn)


def _unpickled(data: bytes):
    """A stored value, or None when it cannot be read back (then it is rebuilt)."""
    try:
        return pickle.loads(data)
    except Exception:  # any damage to a pickle surfaces as one of many types
        return None


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)
