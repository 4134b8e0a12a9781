"""`cgt grep`: search every article, blind to script."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cgt_cli.cli.base import command
from cgt_cli.cli.options import CacheDirOption, CorpusOption, DatasetOption, FormatOption, JsonOption, NoCacheOption
from cgt_cli.cli.shared import choose_format, finish, load, writer
from cgt_cli.errors import CgtError


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
    from cgt_cli.views import records

    fmt = choose_format(fmt, as_json)
    if count and files:
        raise CgtError("--count and --files-with-matches ask for different lists: give one of them")
    compiled = query.compile_pattern(pattern, regex, ignore_case, regexes=regexps, word=word, fixed=fixed)
    store = load(corpus, cache_dir, no_cache, dataset)
    if (count or files) and max_count is None:  # numbers only: no lines, no hit objects
        found = query.count(store, compiled, everything=everything, seconds=timeout)
        _grep_numbers(found, fmt, files)
        finish(store, bool(found))
    hits = query.search(store, compiled, everything=everything, seconds=timeout)
    lines = records.hit_lines(store, hits, context, max_count)
    out = writer()
    if count or files:  # of the lines shown (-m)
        _grep_numbers(records.per_article(store, [hit for line in lines for hit in line.hits]), fmt, files)
    elif fmt != "table":
        from cgt_cli.views import rows

        out.data(fmt, rows.hits(store, lines, context))
    elif lines:
        from cgt_cli.views import styled

        out.view(styled.grep_view(lines, source, out.terminal if heading is None else heading))
    finish(store, bool(lines))


def _grep_numbers(found: dict[str, tuple[str, int]], fmt: str, files: bool) -> None:
    """grep -c (matches per article) or -l (the articles), as data or a view."""
    if fmt != "table":
        from cgt_cli.views import rows

        writer().data(fmt, rows.files(found) if files else rows.counts(found))
        return
    from cgt_cli.views import records, styled

    if files:
        writer().view(styled.files_view(records.file_records(found)))
    else:
        writer().view(styled.count_view(records.count_records(found)))
