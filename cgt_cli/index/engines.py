"""Build a dataset (`index.parquet`) from a corpus, on this machine or on a Dask cluster.

Locally, every map of the build (`map_file`: read, hash, process one file; then
`index.build`'s maps 1-3) runs on the process pool (`index.load.fork_map`), and
the reduces, the merge and the write here. On Dask (`index.spread`), the maps, the
merge and the writes run on the workers, which keep each article's records between
the maps; only the reduces' tables of distinct names come here. A Dask worker
reads the files itself, at the same paths (a shared filesystem), and writes the
tables to the dataset's location, which it must reach too. Dask is imported only
by `dask_mapper` (the `scale` extra).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from cgt_cli.errors import CgtError, quoted
from cgt_cli.read.files import Skipped

CONNECT_SECONDS = 30  # how long to wait for a scheduler to answer

Mapper = Callable[[Callable, list], list]  # map(function, items) -> results, in order


@dataclass(frozen=True)
class Built:
    articles: int
    skipped: list[Skipped]  # in path order
    events: int
    entities: int
    seconds: float
    counts: dict[str, int]  # rows per table
    stages: dict[str, float] = field(default_factory=dict)  # on Dask: wall seconds of each step


def map_file(item: tuple[str, str]) -> tuple[str, str | None, object]:
    """The per-article map from a path: (file as shown, SHA-256 of its bytes, and
    `process_file`'s result, or the reason it cannot be read)."""
    from cgt_cli.extract.article import process_file
    from cgt_cli.read.files import SkipFile, read_bytes, shown_path

    path, article_id = item
    file = shown_path(path)
    try:
        data = read_bytes(path)
    except SkipFile as why:
        return file, None, str(why)
    return file, hashlib.sha256(data).hexdigest(), process_file((article_id, file, data))


@dataclass(frozen=True)
class Cluster:
    """The Dask engine: a client of the cluster the build runs on."""

    client: object


def build_dataset(paths: Mapping[str, str], out: str | Path, engine: Mapper | Cluster) -> Built:
    """Build the dataset at `out` (a folder, or a URL an fsspec filesystem knows) from
    the files `paths`: on a Dask `Cluster`, or with the local `Mapper`."""
    from cgt_cli.index import parquet

    began = time.perf_counter()
    where = parquet.place(out)
    if parquet.is_local(where.fs):
        _outside(where.root, paths)
    where = parquet.prepare(where)
    if isinstance(engine, Cluster):
        from cgt_cli.index import spread

        return replace(spread.build(engine.client, paths, where), seconds=time.perf_counter() - began)
    return _build_here(paths, where, engine, began)


def _build_here(paths: Mapping[str, str], where, mapper: Mapper, began: float) -> Built:
    """Every map through `mapper`, the records gathered here: `build.assemble`, then the tables."""
    from cgt_cli.extract.article import Processed
    from cgt_cli.index import parquet
    from cgt_cli.index.build import assemble
    from cgt_cli.index.load import sort_result

    processed: list[Processed] = []
    skipped: list[Skipped] = []
    digests: dict[str, str] = {}
    for (article_id, (file, digest, result)) in zip(paths.values(), mapper(map_file, list(paths.items())), strict=True):
        if sort_result(result, article_id, file, processed, skipped):
            digests[article_id] = digest
    skipped.sort(key=lambda s: s.file)
    index = assemble(processed, skipped, map=mapper)
    counts = parquet.write(index, where, sha256=digests, names={p.article.id: p.names for p in processed})
    events = sum(1 for e in index.events if e.kind == "event")
    return Built(len(index.articles), skipped, events, len(index.entities), time.perf_counter() - began, counts)


def _outside(folder: str, paths: Mapping[str, str]) -> None:
    """Neither inside a folder of the corpus nor holding one of its files (cgt never
    writes into the corpus)."""
    real = os.path.realpath(folder)
    for corpus_folder in {os.path.dirname(os.path.realpath(path)) for path in paths}:
        if (real + os.sep).startswith(corpus_folder + os.sep) or corpus_folder.startswith(real + os.sep):
            raise CgtError(f"the dataset folder {folder} is inside the corpus: give a folder outside it")


@contextlib.contextmanager
def local_mapper():
    """The local engine: `index.load.fork_map`, every core of this machine."""
    from cgt_cli.index.load import fork_map

    yield fork_map


@contextlib.contextmanager
def dask_mapper(scheduler: str | None = None, workers: int | None = None):
    """The Dask engine for one build: the scheduler at `scheduler` (tcp://HOST:8786),
    else a local cluster of `workers` processes (default: one a core)."""
    from cgt_cli.index.parquet import require

    require("distributed")
    with _client(scheduler, workers) as client:
        yield Cluster(client)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None):
    """A client of the scheduler, or of a local cluster made (and closed) here."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            with Client(cluster, set_as_default=False) as client:
                yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise CgtError(f"cannot reach the Dask scheduler {quoted(scheduler)}: {error}") from None
    with client:
        yield client
