"""Build a dataset (`index.parquet`) from a corpus, the per-article map on an engine.

Every map of the build (`map_file`: read, hash, process one file; then
`index.build`'s maps 1-3) runs on a mapper: the local process pool
(`index.load.fork_map`) or a Dask cluster (`dask.bag` over chunks of items); the
reduces on distinct names, the merge and the write run here, on the node that called. A Dask
worker reads the files itself: they must be at the same paths on every worker (a
shared filesystem). Dask is imported only by `dask_mapper` (the `scale` extra).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cgt_cli.errors import CgtError, quoted
from cgt_cli.read.files import Skipped

CHUNK = 32  # files per task: a task's overhead is paid once for them
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


def build_dataset(paths: Mapping[str, str], folder: Path, mapper: Mapper) -> Built:
    """Map every file with `mapper`, assemble the index (its maps through `mapper`, its
    reduces and merge here), and write the dataset."""
    from cgt_cli.extract.article import Processed
    from cgt_cli.index import parquet
    from cgt_cli.index.build import assemble
    from cgt_cli.index.load import sort_result

    began = time.perf_counter()
    folder = _outside(folder, paths)
    processed: list[Processed] = []
    skipped: list[Skipped] = []
    digests: dict[str, str] = {}
    for (article_id, (file, digest, result)) in zip(paths.values(), mapper(map_file, list(paths.items())), strict=True):
        if sort_result(result, article_id, file, processed, skipped):
            digests[article_id] = digest
    skipped.sort(key=lambda s: s.file)
    index = assemble(processed, skipped, map=mapper)
    counts = parquet.write(index, folder, sha256=digests, names={p.article.id: p.names for p in processed})
    events = sum(1 for e in index.events if e.kind == "event")
    return Built(len(index.articles), skipped, events, len(index.entities), time.perf_counter() - began, counts)


def _outside(folder: Path, paths: Mapping[str, str]) -> Path:
    """The dataset folder, absolute: neither inside a folder of the corpus nor holding
    one of its files (cgt never writes into the corpus)."""
    folder = Path(os.path.abspath(folder))
    real = os.path.realpath(folder)
    for corpus_folder in {os.path.dirname(os.path.realpath(path)) for path in paths}:
        if (real + os.sep).startswith(corpus_folder + os.sep) or corpus_folder.startswith(real + os.sep):
            raise CgtError(f"the dataset folder {folder} is inside the corpus: give a folder outside it")
    return folder


@contextlib.contextmanager
def local_mapper():
    """The local engine: `index.load.fork_map`, every core of this machine."""
    from cgt_cli.index.load import fork_map

    yield fork_map


@contextlib.contextmanager
def dask_mapper(scheduler: str | None = None, workers: int | None = None):
    """A mapper on a Dask cluster, for every map of one build: the scheduler at `scheduler`
    (tcp://HOST:8786), else a local cluster of `workers` processes (default: one a core)."""
    from cgt_cli.index.parquet import require

    bag = require("dask.bag")
    require("distributed")
    with _client(scheduler, workers) as client:

        def run(function, items: list) -> list:
            if not items:
                return []
            return bag.from_sequence(items, npartitions=-(-len(items) // CHUNK)).map(function).compute(scheduler=client.get)

        yield run


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
