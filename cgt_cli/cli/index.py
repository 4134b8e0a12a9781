"""`cgt index`: build or refresh the persistent index, or write a dataset."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cgt_cli.cli.base import command
from cgt_cli.cli.options import CacheDirOption, CorpusOption, JsonOption
from cgt_cli.cli.shared import finish, load_with_stats, report_skipped, writer
from cgt_cli.errors import ERROR, FOUND, CgtError, quoted


@command
def index(
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    as_json: JsonOption = False,
    out: Annotated[
        Optional[str],
        typer.Option("--out", metavar="DATASET", help="Write the index as a dataset of Parquet tables to this folder "
                     "or URL (s3://..., file://...; read with --index DATASET; needs cgt[scale]).", show_default=False),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="With --out, where the per-article work runs: local (this machine's cores) or dask.")
    ] = "local",
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="With --engine dask: the scheduler's address (tcp://HOST:8786). "
                     "Default: a local cluster.", show_default=False),
    ] = None,
    workers: Annotated[
        Optional[int],
        typer.Option("--workers", min=1, help="With --engine dask and no --scheduler: the local cluster's worker processes "
                     "(default: one a core).", show_default=False),
    ] = None,
) -> None:
    """Build or refresh the persistent index of a corpus, and say what it holds.

    Every command reads through the index: files processed before (same
    content, same cgt) are taken from it, and only new or changed files are
    processed again, on every core. A progress bar shows on a terminal.

    With --out, the index is written as a dataset instead: Parquet tables
    (articles, entities, mentions, events…) that every query command reads
    with --index DATASET through DuckDB, and any Parquet reader can open. With
    --engine dask, the articles are processed on a Dask cluster, whose workers
    must see the corpus at the same paths, and write the tables themselves.

    Examples:

      cgt index --corpus ~/news/

      cgt index --cache-dir /tmp/cgt-cache --json

      cgt index --corpus ~/news/ --out ~/news-dataset/

      cgt index --corpus /nfs/news/ --engine dask --out /nfs/news-ds/

      CGT_CORPUS=/nfs/news/ cgt index --engine dask --scheduler tcp://HOST:8786 --out /nfs/ds/
    """
    if out is not None or engine != "local" or scheduler is not None or workers is not None:
        _index_dataset(corpus, out, engine, scheduler, workers, as_json)
    from cgt_cli.index.cache import default_directory

    built, stats = load_with_stats(corpus, cache_dir, False)
    summary = {
        "articles": built.count("texts"),
        "processed": stats.processed,
        "reused": stats.reused,
        "skipped": stats.skipped,
        "events": built.count("events", "undated = 0 AND kind = 'event'"),
        "entities": built.count("entities"),
        "seconds": round(stats.seconds, 3),
        "cache": str((cache_dir or default_directory()) / "index.sqlite"),
    }
    if as_json:
        writer().document(summary)
    else:
        how = "unchanged, read from the index" if stats.unchanged else (
            f"{stats.processed} processed, {stats.reused} reused from the index"
        )
        writer().view(
            f"{summary['articles']} articles ({how}), {summary['skipped']} skipped; "
            f"{summary['events']} events, {summary['entities']} entities; "
            f"{stats.seconds:.2f} s. Index: {summary['cache']}"
        )
    finish(built, True)


def _index_dataset(corpus, out: str | None, engine: str, scheduler: str | None, workers: int | None, as_json: bool) -> None:
    """`cgt index --out`: the corpus as a dataset, processed on `engine`; exits."""
    from cgt_cli.index.engines import build_dataset, dask_mapper, local_mapper
    from cgt_cli.index.parquet import require
    from cgt_cli.read.files import find_files

    if engine not in ("local", "dask"):
        raise CgtError(f"unknown engine {quoted(engine)}: use local or dask")
    if out is None:
        raise CgtError("--engine, --scheduler and --workers build a dataset: give --out DATASET")
    if engine == "local" and (scheduler is not None or workers is not None):
        raise CgtError("--scheduler and --workers are for --engine dask")
    if scheduler is not None and workers is not None:
        raise CgtError("--workers sizes a local cluster: with --scheduler, the cluster has its own workers")
    require("pyarrow")
    paths = find_files([str(p) for p in corpus] if corpus else None)
    with dask_mapper(scheduler, workers) if engine == "dask" else local_mapper() as mapper:
        built = build_dataset(paths, out, mapper)
    report_skipped(built)
    if not built.articles:
        raise CgtError("no readable articles in the corpus")
    summary = {
        "articles": built.articles, "skipped": len(built.skipped), "events": built.events, "entities": built.entities,
        "seconds": round(built.seconds, 3), "engine": engine, "dataset": str(out), "tables": built.counts,
    }  # fmt: skip
    if as_json:
        writer().document(summary)
    else:
        writer().view(
            f"{built.articles} articles ({engine} engine), {len(built.skipped)} skipped; {built.events} events, "
            f"{built.entities} entities; {built.seconds:.2f} s. Dataset: {out}"
        )
    raise typer.Exit(ERROR if built.skipped else FOUND)

