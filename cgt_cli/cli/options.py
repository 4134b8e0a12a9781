"""The options several commands share, as Typer annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

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

