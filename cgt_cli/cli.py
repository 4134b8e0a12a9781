"""The `cgt` command line: parse options, call the library, print once.

Heavy modules (OpenCC, the lexicons, Rich renderables) are imported inside the
commands, so `cgt --help` stays fast.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from cgt_cli.errors import ERROR, FOUND, INTERRUPTED, NOT_FOUND, CgtError, quoted

_DEBUG_HINT = " (run with --debug for details)"


class _Group(TyperGroup):
    """Click's own errors (a bad option value, a missing argument) in cgt's one line."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        if sys.stderr is None:  # closed: diagnostics are lost, never mixed into the output
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _ClickError as error:
            code = error.exit_code
            message = error.format_message().rstrip(".")
            if "\n" in message:  # `cgt` alone: the help page
                error.show()
            else:
                command = getattr(getattr(error, "ctx", None), "command_path", None)
                _warn(message[:1].lower() + message[1:] + (f" (see {command} --help)" if command else ""))
        except (typer.Abort, KeyboardInterrupt):
            code = INTERRUPTED
        if code == INTERRUPTED:  # also when Typer turned a Ctrl-C into this code
            _interrupted()
        sys.exit(code if isinstance(code, int) else FOUND)


_ClickError = typer.BadParameter.__mro__[2]  # ClickException: Click's usage and parameter errors


app = typer.Typer(
    cls=_Group,
    name="cgt",
    help="Timelines and facts from Chinese cell and gene therapy (CGT) news.\n\n"
    "Reads a folder of articles (Simplified or Traditional, UTF-8/GBK/Big5/UTF-16) "
    "and answers: what happened when, who is who, and where each fact was said. "
    "Without --corpus, cgt reads its bundled seed articles.",
    epilog="Examples:  cgt timeline  ·  cgt show 山东大学  ·  cgt grep CDMO --source  ·  "
    "cgt sources --corpus ~/news/\n\n"
    "Exit codes: 0 found, 1 nothing found, 2 error (a skipped file also ends the run with 2).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

CorpusOption = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--corpus",
        envvar="CGT_CORPUS",
        help="A folder (every *.txt, *.html and *.htm below it) or article files; repeatable. "
        "Default: $CGT_CORPUS, else the bundled seeds.",
        show_default=False,
        readable=False,  # cgt reports an unreadable file itself, and serves the others
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON data instead of a table (--format json).")]
FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        help="table (the default view), or data: json, ndjson (one object a line), csv, tsv or md.",
        show_default=False,
    ),
]
CacheDirOption = Annotated[
    Optional[Path],
    typer.Option(
        "--cache-dir",
        envvar="CGT_CACHE_DIR",
        help="Where the persistent index lives. Default: $XDG_CACHE_HOME/cgt or ~/.cache/cgt.",
        show_default=False,
        readable=False,  # an unusable cache is one warning, not a usage error
    ),
]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the persistent index.")]
DatasetOption = Annotated[
    Optional[Path],
    typer.Option(
        "--index",
        metavar="DATASET",
        help="Answer from this dataset (Parquet tables made by cgt index --out) through DuckDB, "
        "instead of --corpus. Needs the scale extra: pip install 'cgt[scale]'.",
        show_default=False,
    ),
]
PageFormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        help="table (the default view); data: json, ndjson (one object a line), csv, tsv or md; "
        "html: one self-contained page (timeline, filters, entity cards; works offline); "
        "timelinejs: the JSON that TimelineJS 3 reads.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option("-o", "--output", help="Write the data or page (--format other than table, or --json) to this file.", show_default=False),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", envvar="CGT_DEBUG", help="Print the traceback of an internal error (a bug in cgt)."),
]
ColorOption = Annotated[
    Optional[str],
    typer.Option(
        "--color",
        help="auto (colour on a terminal, none with NO_COLOR, some with FORCE_COLOR), always or never.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        from cgt_cli import __version__

        print(f"cgt {__version__}")
        raise typer.Exit(FOUND)


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: DebugOption = False,
    color: ColorOption = None,
) -> None:
    """Timelines and facts from Chinese cell and gene therapy (CGT) news."""
    _debugging[:] = [debug]
    _warned.clear()
    try:
        _coloring[:] = [_color_choice(color)]
    except CgtError as error:
        _warn(error.message)
        raise typer.Exit(error.exit_code) from None


_opened: list = []  # stores the running command reads from
_warned: set[str] = set()  # what the running command has said on stderr
_debugging: list[bool] = [False]  # --debug given before or after the command, or CGT_DEBUG
_cache_mode: list[str] = ["use"]  # how the running command uses the persistent index (`cache.recover`)
_coloring: list[str] = ["auto"]  # --color given before or after the command


def command(function):
    """Register a command whose CgtError becomes one line on stderr and its exit code.

    Every command also takes --debug. A damaged persistent index costs one
    rebuild (of the corpus, or of the file), then the command runs without it
    (see `cache.recover`), with one warning each time.
    """

    @functools.wraps(function)
    def run(*args, debug: bool = False, color: str | None = None, **kwargs):
        import sqlite3

        from cgt_cli.index.cache import recover
        from cgt_cli.index.store import Damaged
        from cgt_cli.read.files import shown_path

        _warned.clear()
        _debugging[0] = _debugging[0] or debug
        kwargs = {name: shown_path(value) if isinstance(value, str) else value for name, value in kwargs.items()}
        try:
            if color is not None:
                _coloring[0] = _color_choice(color)
            _cache_mode[0] = "use"
            while True:
                try:
                    return function(*args, **kwargs)
                except (Damaged, sqlite3.Error) as error:
                    if _cache_mode[0] == "none":
                        raise  # not the cache's: a bug
                    _close_opened(forget=isinstance(error, Damaged))
                    _cache_mode[0], message = recover(error, _cache_mode[0])
                    _warn(message)
        except CgtError as error:
            _warn(error.message)
            raise typer.Exit(error.exit_code) from None
        except typer.Exit:
            raise
        except KeyboardInterrupt:
            raise typer.Exit(_interrupted()) from None
        except BrokenPipeError:  # the reader went away (`cgt timeline | head`): stop quietly, like grep
            sys.stdout = None
            raise typer.Exit(ERROR) from None
        except Exception as error:  # a bug: one line, the traceback only with --debug
            if _debugging[0]:
                import traceback

                traceback.print_exc(file=sys.stderr)
            _warn(f"internal error: {type(error).__name__}: {error}{_DEBUG_HINT}")
            raise typer.Exit(ERROR) from None
        finally:
            _close_opened()

    signature = inspect.signature(function, eval_str=True)
    debug = inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=DebugOption)
    color = inspect.Parameter("color", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ColorOption)
    run.__signature__ = signature.replace(parameters=[*signature.parameters.values(), debug, color])
    run.__annotations__ = {**function.__annotations__, "debug": DebugOption, "color": ColorOption}
    return app.command()(run)


def _color_choice(value: str | None) -> str:
    from cgt_cli.output import color_choice

    return color_choice(value)


def _format(value: str | None, as_json: bool, pages: bool = False) -> str:
    from cgt_cli.output import choose_format

    return choose_format(value, as_json, pages)


def _check_output(fmt: str, output: Path | None) -> None:
    if output is not None and fmt == "table":
        raise CgtError("-o writes the --format or --json output: give one of them")


def _out():
    from cgt_cli.output import Output

    return Output(_coloring[0])


def _report_skipped(store) -> None:
    """Each skipped file in one line; cgt's own failure on a file as an internal error."""
    from cgt_cli.views.labels import short_path

    for skip in store.skipped:
        if skip.trace is None:
            _warn(f"skipped {short_path(skip.file)}: {skip.reason}")
        elif _debugging[0]:
            sys.stderr.write(skip.trace)
            _warn(f"internal error while processing {short_path(skip.file)}: {skip.reason}")
        else:
            _warn(f"internal error while processing {short_path(skip.file)}{_DEBUG_HINT}")


def _close_opened(forget: bool = False) -> None:
    import sqlite3

    while _opened:
        store = _opened.pop()
        try:
            if forget:
                store.forget()
        except sqlite3.Error:
            pass  # the next load finds the damage again
        finally:
            store.close()


def _load(corpus: list[Path] | None, cache_dir: Path | None = None, no_cache: bool = False, dataset: Path | None = None):
    """The corpus' store (through the cache), or the dataset's; skipped files reported on stderr."""
    if dataset is not None:
        if corpus and _given_on_command_line("corpus"):
            raise CgtError("--index answers from a dataset: give --corpus or --index, not both")
        return _open_dataset(dataset)
    store, _ = _load_with_stats(corpus, cache_dir, no_cache)
    return store


def _given_on_command_line(parameter: str) -> bool:
    """Whether the running command's `parameter` was typed, not taken from the environment."""
    from typer._click.core import ParameterSource  # Click, as Typer bundles it
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    return context is not None and context.get_parameter_source(parameter) == ParameterSource.COMMANDLINE


def _open_dataset(folder: Path):
    """The dataset `cgt index --out` wrote, answering like a corpus' store."""
    from cgt_cli.index.dataset import open_dataset

    store = open_dataset(folder)
    _opened.append(store)
    _report_skipped(store)
    if not store.count("texts"):
        raise CgtError(f"no readable articles in the dataset {folder}")
    return store


def _load_with_stats(corpus, cache_dir, no_cache):
    from cgt_cli.index.cache import default_directory, open_cache
    from cgt_cli.index.load import load_index
    from cgt_cli.read.files import find_files

    paths = find_files([str(p) for p in corpus] if corpus else None)
    use = "none" if no_cache else _cache_mode[0]
    cache = None if use == "none" else open_cache(cache_dir or default_directory(), _warn, fresh=use == "fresh")
    try:
        with _progress_bar() as progress:
            store, stats = load_index(paths, cache, progress)
    except BaseException:
        if cache:
            cache.close()
        raise
    _opened.append(store)  # it reads on while the command runs; `command` closes it
    _report_skipped(store)
    if not store.count("texts"):
        raise CgtError("no readable articles in the corpus")
    return store, stats


@contextlib.contextmanager
def _progress_bar():
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


def _interrupted() -> int:
    """Ctrl-C: one line, exit 130; a second Ctrl-C while cleaning up is ignored."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warn("interrupted")
    return INTERRUPTED


def _warn(message: str) -> None:
    """One line on stderr, once per command run."""
    from cgt_cli.views.terminal import safe

    if message not in _warned:
        _warned.add(message)
        print(f"cgt: {safe(message)}", file=sys.stderr)


def _stdout():
    """Standard output, or a one-line error when it was closed (`cgt timeline >&-`)."""
    from cgt_cli.output import stdout

    return stdout()


def _headers(store) -> dict:
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


def _page(store, events, output_format: str, output: Path | None, *, title: str, command: list[str], card=None) -> None:
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


def _given(*pairs) -> list[str]:
    """The options a command was given, as words of its command line."""
    words = []
    for option, value in pairs:
        if value is True:
            words.append(option)
        elif value not in (None, False):
            for one in value if isinstance(value, list) else [value]:
                words += [option, str(one)]
    return words


def _finish(store, found: bool) -> None:
    """Exit like grep: 2 when a file was skipped, else 0 found / 1 nothing found."""
    if store.skipped:
        raise typer.Exit(ERROR)
    raise typer.Exit(FOUND if found else NOT_FOUND)


@command
def timeline(
    since: Annotated[Optional[str], typer.Option("--from", help="Only events on or after: 2020, 2020-09 or 2020-09-25.")] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="Only events on or before: 2020, 2020-09 or 2020-09-25.")] = None,
    entity: Annotated[Optional[str], typer.Option("--entity", help="Only events that name this organisation, person, place…")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Only events from this article id (see `cgt sources`).")] = None,
    quotes: Annotated[bool, typer.Option("--quotes", help="Show the sentence each event comes from.")] = False,
    facts: Annotated[bool, typer.Option("--facts", help="Add dated status statements (截至…, 自…起) as facts.")] = False,
    undated: Annotated[bool, typer.Option("--undated", help="List the events whose year no text states, instead.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say under each event how its date was read.")] = False,
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    fmt: PageFormatOption = None,
    output: OutputOption = None,
) -> None:
    """Every dated event across the articles, oldest first.

    Each row: the date at the precision the text gives, what happened, where,
    and its source: outlet and published date, file:line (the path ends with the
    article id). A date whose year came from another date in the same article
    (no published date) is marked ~; --explain says how each date was read.

    Examples:

      cgt timeline

      cgt timeline --from 2022 --to 2022-06 --quotes

      cgt timeline --entity 联盟 --explain

      cgt timeline --format csv > timeline.csv

      cgt timeline --undated --corpus ~/news/

      cgt timeline --format html -o timeline.html    # a page to open in a browser

      cgt timeline --index ~/news-ds/    # a dataset made by cgt index --out
    """
    from cgt_cli.index.query import timeline as select
    from cgt_cli.index.query import why_empty
    from cgt_cli.views import rows, terminal
    from cgt_cli.views.formats import PAGES

    fmt = _format(fmt, as_json, pages=True)
    _check_output(fmt, output)
    store = _load(corpus, cache_dir, no_cache, dataset)
    filters = {"since": since, "until": until, "entity": entity, "source": source, "facts": facts, "undated": undated}
    events = select(store, **filters, detail=fmt != "table" or quotes)
    if not events:
        _warn(why_empty(store, **filters))
    if fmt in PAGES:
        given = _given(("--from", since), ("--to", until), ("--entity", entity), ("--source", source), ("--facts", facts),
                       ("--undated", undated), ("--corpus", corpus))  # fmt: skip
        _page(store, events, fmt, output, title="CGT news timeline", command=["cgt", "timeline", *given, "--format", fmt])
    elif fmt != "table":
        _out().data(fmt, rows.timeline(events, _headers(store)), output)
    elif events:
        _out().view(terminal.timeline_view(events, _headers(store), quotes, explain))
    _finish(store, bool(events))


@command
def show(
    name: Annotated[str, typer.Argument(help="An organisation, park, alliance, person, place or document, in either script.")],
    all_quotes: Annotated[bool, typer.Option("--all", help="Show every quote and event, not only the first 5 and 20.")] = False,
    which: Annotated[
        Optional[str],
        typer.Option("--rows", help="With --format ndjson, csv, tsv or md: list mentions (the default), events, roles or related."),
    ] = None,
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    fmt: PageFormatOption = None,
    output: OutputOption = None,
) -> None:
    """The card of one entity: kind, aliases, where, roles, events, related entities, quotes.

    NAME is matched exactly, then as an alias or spelling (濟南 finds 济南), then as
    a unique part of a name. A name several entities share lists the candidates
    (exit 1); an unknown name suggests similar ones (exit 1).

    Examples:

      cgt show 山东大学

      cgt show 無錫市科技局

      cgt show 李进 --json

      cgt show 山东大学 --format csv --rows events

      cgt show 联盟            # lists every alliance it could mean

      cgt show 山东大学 --format html -o 山东大学.html

      cgt show 山东大学 --index ~/news-ds/    # from a dataset (cgt index --out)
    """
    from cgt_cli.index.lookup import Ambiguous, card, find_entity
    from cgt_cli.output import card_rows
    from cgt_cli.views import records, rows, terminal
    from cgt_cli.views.formats import PAGES

    fmt = _format(fmt, as_json, pages=True)
    _check_output(fmt, output)
    listed = card_rows(which, fmt)
    store = _load(corpus, cache_dir, no_cache, dataset)
    try:
        entity = find_entity(store, name)
    except Ambiguous as many:
        if fmt in PAGES:
            raise
        if fmt == "json":
            _out().document(records.candidates_record(name, many.candidates), output)
        elif fmt != "table":
            _out().data(fmt, rows.candidates(many.candidates), output)
        else:
            _out().view(terminal.candidates_table(name, many.candidates))
        raise typer.Exit(NOT_FOUND) from None
    found = card(store, entity, detail=fmt != "table")
    if fmt in PAGES:
        if not all_quotes:
            found = replace(found, quotes=found.quotes[:5])
        words = ["cgt", "show", name, *_given(("--all", all_quotes), ("--corpus", corpus)), "--format", fmt]
        _page(store, found.events, fmt, output, title=found.row.name, command=words, card=found)
    elif fmt == "json":
        _out().document(records.entity_record(store, found), output)
    elif fmt != "table":
        _out().data(fmt, rows.card(store, found, listed, _headers(store)), output)
    else:
        _out().view(terminal.entity_card(store, found, _headers(store), None if all_quotes else 5))
    _finish(store, True)


@command
def entities(
    kind: Annotated[
        Optional[str],
        typer.Option("--kind", help="Only this kind: org, park, alliance, person, place, policy, event or product."),
    ] = None,
    min_mentions: Annotated[int, typer.Option("--min-mentions", min=1, help="Only entities named at least N times.")] = 1,
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """All entities, most mentioned first: name, kind, mentions, articles, first and last seen.

    Examples:

      cgt entities

      cgt entities --kind person

      cgt entities --kind org --min-mentions 3 --json

      cgt entities --format tsv | cut -f1,3

      cgt entities --kind org --index ~/news-ds/    # from a dataset (cgt index --out)
    """
    from cgt_cli.index.lookup import KINDS, entity_rows
    from cgt_cli.views import rows, terminal

    fmt = _format(fmt, as_json)
    if kind is not None and kind not in KINDS:
        raise CgtError(f"unknown kind {quoted(kind)}: use one of {', '.join(KINDS)}")
    store = _load(corpus, cache_dir, no_cache, dataset)
    found = entity_rows(store, kind=kind, min_mentions=min_mentions)
    if not found:
        times = f" named {min_mentions} times or more" if min_mentions > 1 else ""
        _warn(f"no {kind or 'entities'}{' entities' if kind else ''}{times} in the corpus")
    if fmt != "table":
        _out().data(fmt, rows.entities(found, store.aliases()))
    elif found:
        _out().view(terminal.entities_table(found))
    _finish(store, bool(found))


@command
def grep(
    pattern: Annotated[Optional[str], typer.Argument(help="Text to find, in either script (济南 finds 濟南).")] = None,
    regexps: Annotated[
        Optional[list[str]],
        typer.Option("-e", "--regexp", help="A Python regular expression to find (repeatable; instead of or besides PATTERN)."),
    ] = None,
    regex: Annotated[bool, typer.Option("--regex", help="PATTERN is a regular expression too.")] = False,
    fixed: Annotated[bool, typer.Option("-F", "--fixed-strings", help="Every pattern is literal text (the default for PATTERN).")] = False,
    word: Annotated[bool, typer.Option("-w", "--word-regexp", help="Only whole words: at a match's edges no letter or digit meets another, nor Han meets Han.")] = False,
    ignore_case: Annotated[bool, typer.Option("-i", "--ignore-case", help="Fold Latin case.")] = False,
    context: Annotated[
        Optional[int],
        typer.Option("-C", "--context", min=0, help="Show N characters either side instead of the sentence."),
    ] = None,
    max_count: Annotated[
        Optional[int], typer.Option("-m", "--max-count", min=0, help="At most NUM matching lines per article.")
    ] = None,
    count: Annotated[bool, typer.Option("-c", "--count", help="Print the number of matches per article, and the total.")] = False,
    files: Annotated[bool, typer.Option("-l", "--files-with-matches", help="Print only the ids of the articles with a match.")] = False,
    source: Annotated[bool, typer.Option("--source", help="Cite outlet, date, title, file:line:column under each line.")] = False,
    heading: Annotated[
        Optional[bool],
        typer.Option("--heading/--no-heading", help="Group lines under each article (default on a terminal) or start each with its id."),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Search the page's boilerplate too, not only title and body.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Stop a regular expression's search after this many seconds.")
    ] = 10.0,
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Search all articles, blind to script, with context and citations.

    PATTERN is literal text; -e gives a regular expression. Matches Simplified
    and Traditional alike and shows each line in its article's own script, every
    match highlighted, cited as id:line:column (--source for the long form).

    Examples:

      cgt grep CDMO --source

      cgt grep 濟南 -c

      cgt grep -e '细胞(治疗|产业)联盟' --json

      cgt grep -w CAR-T -l

      cgt grep 联盟 -C 10 -m 2 --corpus ~/news/

      cgt grep 濟南 -c --index ~/news-ds/    # from a dataset (cgt index --out)
    """
    from cgt_cli.index import query
    from cgt_cli.views import records, rows, terminal

    fmt = _format(fmt, as_json)
    if count and files:
        raise CgtError("--count and --files-with-matches ask for different lists: give one of them")
    compiled = query.compile_pattern(pattern, regex, ignore_case, regexes=regexps, word=word, fixed=fixed)
    store = _load(corpus, cache_dir, no_cache, dataset)
    if (count or files) and max_count is None:  # numbers only: no lines, no hit objects
        found = query.count(store, compiled, everything=everything, seconds=timeout)
        _grep_numbers(found, fmt, files)
        _finish(store, bool(found))
    hits = query.search(store, compiled, everything=everything, seconds=timeout)
    lines = records.hit_lines(store, hits, context, max_count)
    out = _out()
    if count or files:  # of the lines shown (-m)
        _grep_numbers(records.per_article(store, [hit for line in lines for hit in line.hits]), fmt, files)
    elif fmt != "table":
        out.data(fmt, rows.hits(store, lines, context))
    elif lines:
        out.view(terminal.grep_view(lines, source, out.terminal if heading is None else heading))
    _finish(store, bool(lines))


def _grep_numbers(found: dict[str, tuple[str, int]], fmt: str, files: bool) -> None:
    """grep -c (matches per article) or -l (the articles), as data or a view."""
    from cgt_cli.views import records, rows, terminal

    if fmt != "table":
        _out().data(fmt, rows.files(found) if files else rows.counts(found))
    elif files:
        _out().view(terminal.files_view(records.file_records(found)))
    else:
        _out().view(terminal.count_view(records.count_records(found)))


@command
def sources(
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """List the loaded articles: title, outlet, published date, script, body size.

    Examples:

      cgt sources

      cgt sources --corpus ~/news/ --json

      cgt sources --format csv > sources.csv

      cgt sources --index ~/news-ds/ --json    # from a dataset (cgt index --out)
    """
    from cgt_cli.views import rows, terminal

    fmt = _format(fmt, as_json)
    store = _load(corpus, cache_dir, no_cache, dataset)
    found = store.sources()
    if fmt != "table":
        _out().data(fmt, rows.sources(found))
    else:
        _out().view(terminal.sources_table(found))
    _finish(store, bool(found))


@command
def index(
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    as_json: JsonOption = False,
    out: Annotated[
        Optional[Path],
        typer.Option("--out", metavar="DATASET", help="Write the index as a dataset of Parquet tables to this folder "
                     "(read with --index DATASET; needs cgt[scale]).", show_default=False),
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
    must see the corpus at the same paths.

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

    built, stats = _load_with_stats(corpus, cache_dir, False)
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
        _out().document(summary)
    else:
        how = "unchanged, read from the index" if stats.unchanged else (
            f"{stats.processed} processed, {stats.reused} reused from the index"
        )
        _out().view(
            f"{summary['articles']} articles ({how}), {summary['skipped']} skipped; "
            f"{summary['events']} events, {summary['entities']} entities; "
            f"{stats.seconds:.2f} s. Index: {summary['cache']}"
        )
    _finish(built, True)


def _index_dataset(corpus, out: Path | None, engine: str, scheduler: str | None, workers: int | None, as_json: bool) -> None:
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
    _report_skipped(built)
    if not built.articles:
        raise CgtError("no readable articles in the corpus")
    summary = {
        "articles": built.articles, "skipped": len(built.skipped), "events": built.events, "entities": built.entities,
        "seconds": round(built.seconds, 3), "engine": engine, "dataset": str(out), "tables": built.counts,
    }  # fmt: skip
    if as_json:
        _out().document(summary)
    else:
        _out().view(
            f"{built.articles} articles ({engine} engine), {len(built.skipped)} skipped; {built.events} events, "
            f"{built.entities} entities; {built.seconds:.2f} s. Dataset: {out}"
        )
    raise typer.Exit(ERROR if built.skipped else FOUND)


def main() -> None:
    app()
