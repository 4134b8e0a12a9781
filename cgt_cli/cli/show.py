"""`cgt show NAME`: the card of one entity."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Optional

import typer

from cgt_cli.cli.base import command
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
from cgt_cli.errors import NOT_FOUND


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

    fmt = choose_format(fmt, as_json, pages=True)
    check_output(fmt, output)
    listed = card_rows(which, fmt)
    store = load(corpus, cache_dir, no_cache, dataset)
    try:
        entity = find_entity(store, name)
    except Ambiguous as many:
        if fmt in PAGES:
            raise
        if fmt == "json":
            writer().document(records.candidates_record(name, many.candidates), output)
        elif fmt != "table":
            writer().data(fmt, rows.candidates(many.candidates), output)
        else:
            out = writer()
            out.view(terminal.candidates_table(name, many.candidates, boxed=out.terminal))
        raise typer.Exit(NOT_FOUND) from None
    found = card(store, entity, detail=fmt != "table")
    if fmt in PAGES:
        if not all_quotes:
            found = replace(found, quotes=found.quotes[:5])
        words = ["cgt", "show", name, *option_words(("--all", all_quotes), ("--corpus", corpus)), "--format", fmt]
        page(store, found.events, fmt, output, title=found.row.name, command=words, card=found)
    elif fmt == "json":
        writer().document(records.entity_record(store, found), output)
    elif fmt != "table":
        writer().data(fmt, rows.card(store, found, listed, headers(store)), output)
    else:
        writer().view(terminal.entity_card(store, found, headers(store), None if all_quotes else 5))
    finish(store, True)
