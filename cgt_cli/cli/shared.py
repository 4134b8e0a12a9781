"""What the commands share: loading the store, choosing the format, printing once, exiting like grep."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import typer

from cgt_cli.cli.base import DEBUG_HINT, cache_mode, coloring, debugging, opened, warn
from cgt_cli.errors import ERROR, FOUND, NOT_FOUND, CgtError


def choose_format(value: str | None, as_json: bool, pages: bool = False) -> str:
    from cgt_cli import output

    return output.choose_format(value, as_json, pages)


def check_output(fmt: str, output: Path | None) -> None:
    if output is not None and fmt == "table":
        raise CgtError("-o writes the --format or --json output: give one of them")


def writer():
    from cgt_cli.output import Output

    return Output(coloring[0])


def report_skipped(store) -> None:
    """Each skipped file in one line; cgt's own failure on a file as an internal error; each
    file read only in part in one line (a notice: the exit code stays)."""
    from cgt_cli.views.labels import short_path

    for notice in getattr(store, "notices", ()):  # a dataset keeps none
        warn(f"{short_path(notice.file)}: {notice.reason}")
    for skip in store.skipped:
        if skip.trace is None:
            warn(f"skipped {short_path(skip.file)}: {skip.reason}")
        elif debugging[0]:
            sys.stderr.write(skip.trace)
            warn(f"internal error while processing {short_path(skip.file)}: {skip.reason}")
        else:
            warn(f"internal error while processing {short_path(skip.file)}{DEBUG_HINT}")



def load(corpus: list[Path] | None, cache_dir: Path | None = None, no_cache: bool = False, dataset: Path | None = None):
    """The corpus' store (through the cache), or the dataset's; skipped files reported on stderr."""
    if dataset is not None:
        if corpus and given_on_command_line("corpus"):
            raise CgtError("--index answers from a dataset: give --corpus or --index, not both")
        return open_dataset(dataset)
    store, _ = load_with_stats(corpus, cache_dir, no_cache)
    return store


def given_on_command_line(parameter: str) -> bool:
    """Whether the running command's `parameter` was typed, not taken from the environment."""
    from typer._click.core import ParameterSource  # Click, as Typer bundles it
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    return context is not None and context.get_parameter_source(parameter) == ParameterSource.COMMANDLINE


def open_dataset(folder: Path):
    """The dataset `cgt index --out` wrote, answering like a corpus' store."""
    from cgt_cli.index.dataset import open_dataset

    store = open_dataset(folder)
    opened.append(store)
    report_skipped(store)
    if not store.count("texts"):
        raise CgtError(f"no readable articles in the dataset {folder}")
    return store


def load_with_stats(corpus, cache_dir, no_cache):
    from cgt_cli.index.cache import default_directory, open_cache
    from cgt_cli.index.load import load_index
    from cgt_cli.read.files import find_files

    paths = find_files([str(p) for p in corpus] if corpus else None)
    use = "none" if no_cache else cache_mode[0]
    cache = None if use == "none" else open_cache(cache_dir or default_directory(), warn, fresh=use == "fresh")
    try:
        with progress_bar() as progress:
            store, stats = load_index(paths, cache, progress)
    except BaseException:
        if cache:
            cache.close()
        raise
    opened.append(store)  # it reads on while the command runs; `command` closes it
    report_skipped(store)
    if not store.count("texts"):
        raise CgtError("no readable articles in the corpus")
    return store, stats


@contextlib.contextmanager
def progress_bar():
    """A progress callback that shows a bar on stderr, only on a terminal and for long builds."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if task is None and total >= 50:
                task = bar.add_task("indexing articles", total=total)
            if task is not None:
                bar.update(task, completed=done)

        yield update



def _stdout():
    """Standard output, or a one-line error when it was closed (`cgt timeline >&-`)."""
    from cgt_cli.output import stdout

    return stdout()


def headers(store) -> dict:
    """Every article's header by id: what a timeline line cites."""
    return {source.id: source for source in store.sources()}


def _emit(text: str, output: Path | None) -> None:
    """Write a whole output to stdout or to the file -o names."""
    if output is None:
        _stdout().write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CgtError(f"cannot write {output}: {error.strerror or error}") from None


def page(store, events, output_format: str, output: Path | None, *, title: str, command: list[str], card=None) -> None:
    """A timeline page or TimelineJS document of `events` (and of an entity, with `card`)."""
    import shlex

    from cgt_cli.views.page_data import page_data

    data = page_data(store, events, title=title, command=shlex.join(command), card=card)
    if output_format == "html":
        from cgt_cli.views.html import render_page

        _emit(render_page(data), output)
    else:
        from cgt_cli.views.timelinejs import timelinejs

        _emit(json.dumps(timelinejs(data, title), ensure_ascii=False, indent=2) + "\n", output)


def option_words(*pairs) -> list[str]:
    """The options a command was given, as words of its command line."""
    words = []
    for option, value in pairs:
        if value is True:
            words.append(option)
        elif value not in (None, False):
            for one in value if isinstance(value, list) else [value]:
                words += [option, str(one)]
    return words


def finish(store, found: bool) -> None:
    """Exit like grep: 2 when a file was skipped, else 0 found / 1 nothing found."""
    if store.skipped:
        raise typer.Exit(ERROR)
    raise typer.Exit(FOUND if found else NOT_FOUND)
