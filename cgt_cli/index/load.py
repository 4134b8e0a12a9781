"""Load a corpus into a store: the persistent cache first, every core for the rest."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from cgt_cli.index.cache import Cache, content_key, corpus_code
from cgt_cli.index.store import Store
from cgt_cli.read.files import Skipped, read_files

PARALLEL_FROM = 64  # fewer files than this are processed in this process

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadStats:
    files: int
    processed: int  # read and processed now
    reused: int  # taken from the cache
    skipped: int
    unchanged: bool  # the corpus was read from the cache as stored
    seconds: float


def load_index(paths: Mapping[str, str], cache: Cache | None, progress: Progress | None = None) -> tuple[Store, LoadStats]:
    """The corpus (files and their ids, as `read.files.find_files` gives them) as a
    store: the cache's when the files are as they were, else built (reusing every
    processed file the cache holds) and stored."""
    began = time.perf_counter()
    key = corpus_key(paths) if cache else None
    if cache and key:
        stored = cache.get_corpus(key)
        if stored is not None:
            articles, skipped = stored.count("texts"), len(stored.skipped)
            return stored, LoadStats(len(paths), 0, articles, skipped, True, _since(began))
    from cgt_cli.extract.article import Failed, Processed  # a warm start imports no extractor
    from cgt_cli.index.build import assemble

    entries, skipped = read_files(paths)
    keys = [content_key(data, file) for _, file, data in entries]
    known = cache.get_articles(sorted(set(keys))) if cache else {}
    todo = [(n, entry) for n, entry in enumerate(entries) if keys[n] not in known]
    fresh = _process_all(todo, progress)
    processed: list[Processed] = []
    for n, (article_id, file, _) in enumerate(entries):
        sort_result(known[keys[n]] if keys[n] in known else fresh[n], article_id, file, processed, skipped)
    if cache:
        cache.put_articles({keys[n]: r for n, r in fresh.items() if not isinstance(r, Failed)})
    skipped.sort(key=lambda s: s.file)
    index = assemble(processed, skipped, map=fork_map)
    stored = cache.put_corpus(key, index, fork_map) if cache and key else None
    if stored is None:
        stored = Store.in_memory(index, fork_map)
        if cache:
            cache.close()  # the store does not read from it
    done = sum(1 for r in fresh.values() if isinstance(r, Processed))
    stats = LoadStats(len(paths), done, len(entries) - len(todo), len(skipped), False, _since(began))
    return stored, stats


def sort_result(result, article_id: str, file: str, processed: list, skipped: list[Skipped]) -> bool:
    """One article's map result into the processed or the skipped; True if processed."""
    from cgt_cli.extract.article import Failed

    if isinstance(result, Failed):
        skipped.append(Skipped(file, f"internal error ({result.error})", result.trace))
    elif isinstance(result, str):
        skipped.append(Skipped(file, result))
    else:
        processed.append(replace(result, article=replace(result.article, id=article_id, file=file)))
        return True
    return False


def corpus_key(paths: Mapping[str, str]) -> str | None:
    """The corpus as its files stand: absolute paths, ids, sizes, times and inodes, and
    the code that builds it. A folder spelt relative or absolute is one corpus."""
    stat = os.stat
    lines = [corpus_code()]
    for name, article_id in paths.items():  # absolute, as find_files gives them
        try:
            st = stat(name)
        except OSError:
            return None  # a missing or unreadable file: build afresh, report it
        lines.append(f"{name}\0{article_id}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()  # names as os.fsencode gives them


def _process_all(todo: list[tuple[int, tuple[str, str, bytes]]], progress: Progress | None) -> dict[int, object]:
    """Processed results (or skip reasons, or failures) by entry number, on every core when worth it."""
    from cgt_cli.extract.article import process_file

    items = [entry for _, entry in todo]
    workers = _workers()
    if len(items) >= PARALLEL_FROM and workers > 1:
        with _pool(workers) as pool:
            results = pool.imap(process_file, items, chunksize=16)
            return {n: _tick(r, i, len(items), progress) for i, ((n, _), r) in enumerate(zip(todo, results, strict=True))}
    return {n: _tick(process_file(entry), i, len(items), progress) for i, (n, entry) in enumerate(todo)}


_JOB: tuple[Callable, list] | None = None  # fork_map's function and items, inherited by its workers


def fork_map(fn: Callable, items: list) -> list:
    """`[fn(item) for item in items]` on every core: the workers are forked with the
    function and the items in their memory, so only the results are pickled."""
    global _JOB
    workers = _workers()
    if len(items) < PARALLEL_FROM or workers < 2:
        return [fn(item) for item in items]
    _JOB = (fn, items)
    gc.freeze()  # the workers' collector never walks (so never copies) the parent's objects
    try:
        with _pool(workers) as pool:
            return pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _JOB = None
        gc.unfreeze()


def _run(n: int):
    fn, items = _JOB
    return fn(items[n])


def _workers() -> int:
    return min(len(os.sched_getaffinity(0)), 8) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _pool(workers: int):
    """A pool of forked workers. Ctrl-C reaches the whole process group: the workers ignore
    it, and leaving the pool's block for any reason (KeyboardInterrupt included) terminates
    them at once."""
    import multiprocessing

    return multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start)


def _worker_start() -> None:
    """A worker's start: Ctrl-C ignored; the garbage collector on (a parent may fork with it paused)."""
    import signal

    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _tick(result, done: int, total: int, progress: Progress | None):
    if progress:
        progress(done + 1, total)
    return result


def _since(began: float) -> float:
    return time.perf_counter() - began
