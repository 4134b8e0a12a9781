"""`cgt sources`: the loaded articles."""

from __future__ import annotations

from cgt_cli.cli.base import command
from cgt_cli.cli.options import CacheDirOption, CorpusOption, DatasetOption, FormatOption, JsonOption, NoCacheOption
from cgt_cli.cli.shared import choose_format, finish, load, writer


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

    fmt = choose_format(fmt, as_json)
    store = load(corpus, cache_dir, no_cache, dataset)
    found = store.sources()
    if fmt != "table":
        writer().data(fmt, rows.sources(found))
    else:
        out = writer()
        out.view(terminal.sources_table(found, boxed=out.terminal))
    finish(store, bool(found))
