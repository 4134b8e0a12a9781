"""`cgt entities`: every entity, most mentioned first."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cgt_cli.cli.base import command, warn
from cgt_cli.cli.options import CacheDirOption, CorpusOption, DatasetOption, FormatOption, JsonOption, NoCacheOption
from cgt_cli.cli.shared import choose_format, finish, load, writer
from cgt_cli.errors import CgtError, quoted


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

    fmt = choose_format(fmt, as_json)
    if kind is not None and kind not in KINDS:
        raise CgtError(f"unknown kind {quoted(kind)}: use one of {', '.join(KINDS)}")
    store = load(corpus, cache_dir, no_cache, dataset)
    found = entity_rows(store, kind=kind, min_mentions=min_mentions)
    if not found:
        times = f" named {min_mentions} times or more" if min_mentions > 1 else ""
        warn(f"no {kind or 'entities'}{' entities' if kind else ''}{times} in the corpus")
    if fmt != "table":
        writer().data(fmt, rows.entities(found, store.aliases()))
    elif found:
        out = writer()
        out.view(terminal.entities_table(found, boxed=out.terminal))
    finish(store, bool(found))
