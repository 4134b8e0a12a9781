"""A built index as a dataset: flat Parquet tables in one folder, native columns only.

`write` lays an `Index` out as the tables below (lists as list columns, spans as
structs; no pickles), one file each, then `cgt-dataset.json` with every table's
row count: a folder without that manifest, or whose files do not hold the rows it
names, is not a dataset (`check`). `cgt --index DATASET` reads the tables through
DuckDB (`index.dataset`). pyarrow is imported only here (the `scale` extra).

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

import json
import os
from pathlib import Path

from cgt_cli.errors import CgtError, reason
from cgt_cli.model import Index

FORMAT = "cgt-dataset-1"
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


def write(index: Index, folder: Path, *, sha256: dict[str, str], names: dict | None = None) -> dict[str, int]:
    """Write `index` as the dataset in `folder` (made if need be; an older dataset there
    is replaced, anything else refused); the rows of each table. `sha256` gives each
    article's file digest, `names` each article's `Names` (the map's hits), by id."""
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    from cgt_cli.index import parquet_rows as rows

    _prepare(folder)
    tables = {
        "articles": rows.articles(index, sha256),
        **rows.map_hits(names or {}),
        "entities": rows.entities(index),
        "mentions": rows.mentions(index),
        "roles": rows.roles(index),
        "events": rows.events(index),
        "skipped": [{"file": s.file, "reason": s.reason, "trace": s.trace} for s in index.skipped],
    }
    counts = {}
    for name, schema in _schemas().items():
        table = pa.Table.from_pylist(tables[name], schema=schema)
        group = ARTICLE_GROUP if name == "articles" else 65536
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd", row_group_size=group)
        counts[name] = table.num_rows
    manifest = {"format": FORMAT, "tables": counts}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def _prepare(folder: Path) -> None:
    """An empty or dataset folder, its manifest removed first: a write that stops
    half-way leaves no dataset, never a mix of two."""
    try:
        if folder.exists():
            if not folder.is_dir():
                raise CgtError(f"cannot write the dataset to {folder}: it is a file")
            if any(folder.iterdir()) and not (folder / MANIFEST).exists():
                raise CgtError(f"cannot write the dataset to {folder}: the folder holds other files (give an empty or new one)")
            (folder / MANIFEST).unlink(missing_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CgtError(f"cannot write the dataset to {folder}: {reason(error)}") from None


def check(folder: Path) -> dict[str, Path]:
    """The tables' files of the dataset in `folder`, by name; a one-line `CgtError`
    when it is missing, not a dataset, or holds other rows than it says."""
    pq = require("pyarrow.parquet")
    if not folder.is_dir():
        raise CgtError(f"no dataset at {folder}: {'not a folder' if folder.exists() else 'no such folder'}")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CgtError(f"{folder} is not a cgt dataset (no {MANIFEST}: build one with cgt index --out)") from None
    except (OSError, ValueError) as error:
        raise CgtError(f"cannot read the dataset {folder}: {MANIFEST}: {reason(error)}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CgtError(f"{folder} is not a dataset of this cgt (format {FORMAT}): build it again with cgt index --out")
    files = {name: folder / f"{name}.parquet" for name in TABLES}
    written = manifest.get("tables") if isinstance(manifest.get("tables"), dict) else {}
    for name, path in files.items():
        if not path.is_file():
            raise CgtError(f"the dataset {folder} is damaged: {path.name} is missing")
        try:
            rows = pq.read_metadata(os.fspath(path)).num_rows
        except (OSError, ValueError):  # not Parquet (pyarrow's ArrowInvalid is a ValueError), or unreadable
            raise CgtError(f"the dataset {folder} is damaged: {path.name} is not a readable Parquet file") from None
        if rows != written.get(name):
            raise CgtError(f"the dataset {folder} is damaged: {path.name} holds {rows} rows, not {written.get(name)}")
    return files
