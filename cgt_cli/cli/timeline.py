"""`cgt timeline`: every dated event, oldest first."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cgt_cli.cli.base import command, warn
from cgt_cli.cli.options import (
    CacheDirOption,
    CorpusOption,
    DatasetOption,
    JsonOption,
    NoCacheOption,
    OutputOption,
    PageFormatOption,
)
from cgt_cli.cli.shared import check_output, choose_format, finish, headers, load, option_words, page, writer


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
    from cgt_cli.views import rows, styled
    from cgt_cli.views.formats import PAGES

    fmt = choose_format(fmt, as_json, pages=True)
    check_output(fmt, output)
    store = load(corpus, cache_dir, no_cache, dataset)
    filters = {"since": since, "until": until, "entity": entity, "source": source, "facts": facts, "undated": undated}
    events = select(store, **filters, detail=fmt != "table" or quotes)
    if not events:
        warn(why_empty(store, **filters))
    if fmt in PAGES:
        given = option_words(("--from", since), ("--to", until), ("--entity", entity), ("--source", source), ("--facts", facts),
                       ("--undated", undated), ("--corpus", corpus))  # fmt: skip
        page(store, events, fmt, output, title="CGT news timeline", command=["cgt", "timeline", *given, "--format", fmt])
    elif fmt != "table":
        writer().data(fmt, rows.timeline(events, headers(store)), output)
    elif events:
        writer().view(styled.timeline_view(events, headers(store), quotes, explain))
    finish(store, bool(events))
