"""A built index as a dataset: flat Parquet tables in one folder, native columns only.

Each table is a folder of part files (`articles/part-000000.parquet`, ...): the
local engine writes one part a table, the Dask engine one per partition of
articles (written by the workers) and one per range of entities or of dates.
Lists are list columns, spans structs; no pickles. Last, `cgt-dataset.json`
names every part with its rows: a folder without that manifest, or whose parts
do not hold the rows it names, is not a dataset (`check`). `cgt --index DATASET`
reads the tables through DuckDB (`index.dataset`). pyarrow is imported only here
(the `scale` extra).

The folder is a path or a URL of any filesystem fsspec knows (`file://`, `s3://`
with s3fs, `gs://` with gcsfs, `memory://` within one process): pyarrow writes
through it; nothing here opens a file itself.

- articles: one row per article, key `id` (its corpus-relative path without suffix);
  sha256 of the file's bytes, encoding, script, title, outlet, published date,
  the header's spans, body spans, text, and the Simplified text only where it differs.
- hits, role_hits, alias_hits: what the per-article map found (names with their kind,
  titles people hold, short names), by article and offsets.
- entities: one row per linked entity, with its forms, aliases, places, the
  sentences naming it and the entities sharing them (`related`).
- mentions, roles: each entity's mentions and roles, in order.
- events: the timeline in order (dated, then `undated`), with quotes, sources and
  the entity numbers each event names (`named`).
- skipped: the files that could not be used, and why.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import NamedTuple

from cgt_cli.errors import CgtError, reason
from cgt_cli.model import Index

FORMAT = "cgt-dataset-2"
MANIFEST = "cgt-dataset.json"
TABLES = ("articles", "hits", "role_hits", "alias_hits", "entities", "mentions", "roles", "events", "skipped")
ARTICLE_GROUP = 256  # articles a row group: one is read whole to show one article (`dataset.BLOCK`)
SCALE_HINT = "pip install 'cgt[scale]'"


def require(module: str):
    """Import one of the `scale` extra's packages, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise CgtError(f"datasets need {module.split('.')[0]}, which is not installed: {SCALE_HINT}") from None


@functools.cache
def _schemas():
    pa = require("pyarrow")
    s, i, b = pa.string(), pa.int32(), pa.bool_()
    span = pa.struct([("start", i), ("end", i)])
    spot = pa.struct([("article", s), ("start", i), ("end", i)])
    quote = pa.struct([("source", s), ("file", s), ("line", i), ("start", i), ("end", i), ("text", s)])
    fields = {
        "articles": [
            ("ord", i), ("id", s), ("file", s), ("sha256", s), ("encoding", s), ("script", s), ("title", s),
            ("outlet", s), ("outlet_inferred", b), ("published", s), ("published_time", s), ("published_inferred", b),
            ("published_basis", s), ("format", s), ("title_span", span), ("body", pa.list_(span)),
            ("removed", pa.list_(pa.struct([("at", i), ("chars", i)]))), ("body_chars", i), ("text", s), ("simple", s),
        ],
        "hits": [("article", s), ("kind", s), ("name", s), ("start", i), ("end", i)],
        "role_hits": [("article", s), ("person", s), ("title", s), ("organisation", s), ("start", i), ("end", i)],
        "alias_hits": [("article", s), ("short", s), ("full", s), ("start", i), ("end", i)],
        "entities": [
            ("number", i), ("name", s), ("kind", s), ("scope", s), ("mentions", pa.int64()), ("articles", i),
            ("first_seen", s), ("last_seen", s), ("forms", pa.list_(s)), ("aliases", pa.list_(s)),
            ("places", pa.list_(s)), ("sentences", pa.list_(spot)),
            ("related", pa.list_(pa.struct([("other", i), ("sentences", i)]))),
        ],
        "mentions": [("entity", i), ("ord", i), ("article", s), ("start", i), ("end", i)],
        "roles": [
            ("entity", i), ("ord", i), ("person", s), ("title", s), ("organisation", s),
            ("article", s), ("start", i), ("end", i), ("conflict", b),
        ],
        "events": [
            ("ord", i), ("undated", b), ("kind", s), ("first_day", s), ("last_day", s), ("date", s), ("resolution", s),
            ("part", s), ("summary", s), ("place", s), ("sources", pa.list_(s)), ("status", s), ("lines", pa.list_(i)),
            ("basis", s), ("date_text", s), ("trigger", s), ("entities", pa.list_(s)), ("quotes", pa.list_(quote)),
            ("search", pa.list_(s)), ("named", pa.list_(i)),
        ],
        "skipped": [("file", s), ("reason", s), ("trace", s)],
    }  # fmt: skip
    return {name: pa.schema(columns) for name, columns in fields.items()}


class Place(NamedTuple):
    """Where a dataset lives: an fsspec filesystem and the folder's path on it."""

    fs: object
    root: str
    url: str  # as given: a path or a URL (what the workers reopen it from)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def shown(self, *parts: str) -> str:
        """A part's name for DuckDB: a local path, or a URL of a registered filesystem."""
        return self.path(*parts) if is_local(self.fs) else self.fs.unstrip_protocol(self.path(*parts))


def place(url: str | Path) -> Place:
    """The filesystem and folder of a dataset path or URL."""
    from fsspec.core import url_to_fs

    text = os.fspath(url)
    try:
        fs, root = url_to_fs(text)
    except (ImportError, ValueError) as error:  # an unknown protocol, or its package missing (s3fs, gcsfs)
        raise CgtError(f"cannot use the dataset location {text}: {reason(error)}") from None
    return Place(fs, root, text)


def is_local(fs) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def part_name(table: str, part: int) -> str:
    return f"{table}/part-{part:06d}.parquet"


def write_part(url: str, table: str, rows: list[dict], part: int) -> tuple[str, int]:
    """Write `rows` as part `part` of `table` in the dataset at `url` (on a worker, or
    here); its name and rows, for the manifest."""
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    where = place(url)
    name = part_name(table, part)
    written = pa.Table.from_pylist(rows, schema=_schemas()[table])
    group = ARTICLE_GROUP if table == "articles" else 65536
    try:
        where.fs.makedirs(where.path(table), exist_ok=True)
        pq.write_table(written, where.path(name), filesystem=where.fs, compression="zstd", row_group_size=group)
    except OSError as error:
        raise CgtError(f"cannot write the dataset to {url}: {reason(error)}") from None
    return name, written.num_rows


def finish(where: Place, parts: list[tuple[str, int]]) -> dict[str, int]:
    """The manifest, written last: every part with its rows (a table without any gets an
    empty one first); the rows of each table."""
    named = dict(parts)
    for table in TABLES:
        if not any(name.startswith(table + "/") for name in named):
            name, rows = write_part(where.url, table, [], 0)
            named[name] = rows
    counts = {table: sum(rows for name, rows in named.items() if name.startswith(table + "/")) for table in TABLES}
    manifest = {"format": FORMAT, "tables": counts, "parts": dict(sorted(named.items()))}
    try:
        with where.fs.open(where.path(MANIFEST), "w", encoding="utf-8") as out:
            out.write(json.dumps(manifest, indent=2) + "\n")
    except OSError as error:
        raise CgtError(f"cannot write the dataset to {where.url}: {reason(error)}") from None
    return counts


def write(index: Index, where: Place, *, sha256: dict[str, str], names: dict | None = None) -> dict[str, int]:
    """Write `index` as the dataset at `where` (made ready by `prepare`), one part a
    table; the rows of each table. `sha256` gives each article's file digest, `names`
    each article's `Names` (the map's hits), by id."""
    from cgt_cli.index import parquet_rows as rows

    tables = {
        "articles": rows.articles(index.articles, sha256),
        **rows.map_hits(names or {}),
        **rows.entity_tables(rows.every_entity(index)),
        "events": rows.events(index),
        "skipped": rows.skipped(index.skipped),
    }
    return finish(where, [write_part(where.url, name, tables[name], 0) for name in TABLES])


def prepare(where: Place) -> Place:
    """An empty or dataset folder, its manifest and tables removed first: a write that
    stops half-way leaves no dataset, never a mix of two."""
    fs, url = where.fs, where.url
    try:
        if fs.exists(where.root):
            if not fs.isdir(where.root):
                raise CgtError(f"cannot write the dataset to {url}: it is a file")
            if fs.ls(where.root, detail=False) and not fs.exists(where.path(MANIFEST)):
                raise CgtError(f"cannot write the dataset to {url}: the folder holds other files (give an empty or new one)")
            if fs.exists(where.path(MANIFEST)):
                fs.rm(where.path(MANIFEST))
            for table in TABLES:
                if fs.exists(where.path(table)):
                    fs.rm(where.path(table), recursive=True)
        fs.makedirs(where.root, exist_ok=True)
    except OSError as error:
        raise CgtError(f"cannot write the dataset to {url}: {reason(error)}") from None
    return where


def check(folder: str | Path) -> tuple[Place, dict[str, list[str]]]:
    """The dataset at `folder` and its tables' parts, by table (as DuckDB reads them);
    a one-line `CgtError` when it is missing, not a dataset, or holds other rows than it says."""
    pq = require("pyarrow.parquet")
    where = place(folder)
    fs = where.fs
    if not fs.isdir(where.root):
        raise CgtError(f"no dataset at {folder}: {'not a folder' if fs.exists(where.root) else 'no such folder'}")
    try:
        with fs.open(where.path(MANIFEST), "r", encoding="utf-8") as manifest_file:
            manifest = json.loads(manifest_file.read())
    except FileNotFoundError:
        raise CgtError(f"{folder} is not a cgt dataset (no {MANIFEST}: build one with cgt index --out)") from None
    except (OSError, ValueError) as error:
        raise CgtError(f"cannot read the dataset {folder}: {MANIFEST}: {reason(error)}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("parts"), dict):
        raise CgtError(f"{folder} is not a dataset of this cgt (format {FORMAT}): build it again with cgt index --out")
    parts: dict[str, list[str]] = {table: [] for table in TABLES}
    for name, written in manifest["parts"].items():
        table = name.split("/")[0]
        if table not in parts:
            continue
        try:
            rows = pq.read_metadata(where.path(name), filesystem=fs).num_rows
        except FileNotFoundError:
            raise CgtError(f"the dataset {folder} is damaged: {name} is missing") from None
        except (OSError, ValueError):  # not Parquet (pyarrow's ArrowInvalid is a ValueError), or unreadable
            raise CgtError(f"the dataset {folder} is damaged: {name} is not a readable Parquet file") from None
        if rows != written:
            raise CgtError(f"the dataset {folder} is damaged: {name} holds {rows} rows, not {written}")
        parts[table].append(where.shown(name))
    missing = [table for table, names in parts.items() if not names]
    if missing:
        raise CgtError(f"the dataset {folder} is damaged: no part of the table {missing[0]}")
    return where, parts
