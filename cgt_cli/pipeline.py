"""Load a corpus into a store: the persistent cache first, both cores for the rest."""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from pathlib import Path

from cgt_cli.cache import Cache, code_version, content_key
from cgt_cli.corpus import Document, SkipFile, Skipped, decode, read_files
from cgt_cli.model import Article, Entity, Event, Index
from cgt_cli.store import Store
from cgt_cli.timex import sort_key

if TYPE_CHECKING:
    from cgt_cli.linking import Names

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


def load_index(paths: list[Path], cache: Cache | None, progress: Progress | None = None) -> tuple[Store, LoadStats]:
    """The corpus as a store: the cache's when the files are as they were, else
    built (reusing every processed file the cache holds) and stored."""
    began = time.perf_counter()
    key = corpus_key(paths) if cache else None
    if cache and key:
        stored = cache.get_corpus(key)
        if stored is not None:
            articles, skipped = stored.count("texts"), len(stored.skipped)
            return stored, LoadStats(len(paths), 0, articles, skipped, True, _since(began))
    entries, skipped = read_files(paths)
    keys = [content_key(data) for _, _, data in entries]
    known = cache.get_articles(sorted(set(keys))) if cache else {}
    todo = [(n, entry) for n, entry in enumerate(entries) if keys[n] not in known]
    fresh = _process_all(todo, progress)
    processed: list[Processed] = []
    for n, (article_id, file, _) in enumerate(entries):
        result = known[keys[n]] if keys[n] in known else fresh[n]
        if isinstance(result, str):
            skipped.append(Skipped(file, result))
            continue
        article = replace(result.article, id=article_id, file=file)
        processed.append(replace(result, article=article))
    if cache:
        cache.put_articles({keys[n]: r for n, r in fresh.items() if not isinstance(r, str)})
    skipped.sort(key=lambda s: s.file)
    index = assemble(processed, skipped)
    stored = cache.put_corpus(key, index) if cache and key else None
    if stored is None:
        stored = Store.in_memory(index)
        if cache:
            cache.close()  # the store does not read from it
    done = sum(1 for r in fresh.values() if not isinstance(r, str))
    stats = LoadStats(len(paths), done, len(entries) - len(todo), len(skipped), False, _since(began))
    return stored, stats


def corpus_key(paths: list[Path]) -> str | None:
    """The corpus as its files stand: paths, sizes, times and inodes, and cgt's code."""
    digest = hashlib.sha256(code_version().encode())
    for path in paths:
        try:
            st = os.stat(str(path))  # a str is twice as fast as the Path
        except OSError:
            return None  # a missing or unreadable file: build afresh, report it
        digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode())
    return digest.hexdigest()


def _process_all(todo: list[tuple[int, tuple[str, str, bytes]]], progress: Progress | None) -> dict[int, object]:
    """Processed results (or skip reasons) by entry number, on every core when worth it."""
    items = [entry for _, entry in todo]
    workers = min(len(os.sched_getaffinity(0)), 8) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(items) >= PARALLEL_FROM and workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(process_file, items, chunksize=16)
            return {n: _tick(r, i, len(items), progress) for i, ((n, _), r) in enumerate(zip(todo, results))}
    return {n: _tick(process_file(entry), i, len(items), progress) for i, (n, entry) in enumerate(todo)}


def _tick(result, done: int, total: int, progress: Progress | None):
    if progress:
        progress(done + 1, total)
    return result


def process_file(entry: tuple[str, str, bytes]) -> Processed | str:
    """One file's processed record, or the reason it is skipped."""
    article_id, file, data = entry
    try:
        raw, encoding = decode(data)
        return process(Document(article_id, file, raw, encoding))
    except SkipFile as why:
        return str(why)
    except Exception as error:  # a bug in an extractor must cost one file, not the run
        return f"cannot process ({type(error).__name__}: {error})"


@dataclass(frozen=True)
class Processed:
    """One file after the per-article stages; depends only on the file's content."""

    article: Article
    names: Names


def process(doc: Document) -> Processed:
    """Normalize, lay out and find the names of one decoded file."""
    from cgt_cli.linking import find_names

    article = read_article(doc)
    return Processed(article, find_names(article))


def build_index(documents: list[Document], skipped: list[Skipped] | None = None) -> Index:
    return assemble([process(doc) for doc in documents], skipped)


def assemble(processed: list[Processed], skipped: list[Skipped] | None = None) -> Index:
    """The corpus-wide stages: link entities, find events, order the timeline."""
    from cgt_cli.events import find_events, merge_across_articles
    from cgt_cli.linking import link_entities

    articles = [p.article for p in processed]
    linked = link_entities(articles, {p.article.id: p.names for p in processed})
    dated: list[Event] = []
    undated: list[Event] = []
    for article in articles:
        found = find_events(article, linked.names.get(article.id, []))
        dated += found.events + found.facts
        undated += found.undated
    order = {article.id: n for n, article in enumerate(articles)}
    texts = {article.id: article.text for article in articles}
    return Index(
        articles,
        list(skipped or []),
        sorted(merge_across_articles(dated), key=lambda e: _event_order(e, order)),
        sorted(undated, key=lambda e: _event_order(e, order)),
        [_with_forms(entity, texts) for entity in linked.entities],
    )


def _with_forms(entity: Entity, texts: dict[str, str]) -> Entity:
    """The entity with the spellings it has in the articles' own scripts."""
    forms = Counter(texts[m.article_id][m.start : m.end] for m in entity.mentions)
    return replace(entity, forms=tuple(f for f, _ in forms.most_common()))


def _event_order(event: Event, order: dict[str, int]) -> tuple:
    quote = event.quotes[0]
    return (sort_key(event.date), order[quote.article_id], quote.start)


def read_article(doc: Document) -> Article:
    """Normalize and lay out one decoded file."""
    from cgt_cli.layout import find_layout
    from cgt_cli.normalize import normalize

    norm = normalize(doc.raw)
    return Article(
        id=doc.id,
        file=doc.file,
        encoding=doc.encoding,
        text=norm.text,
        simple=norm.simple,
        script=norm.script,
        removed=norm.removed,
        layout=find_layout(norm.simple),
    )


def _since(began: float) -> float:
    return time.perf_counter() - began
