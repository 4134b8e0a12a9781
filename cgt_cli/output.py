"""Standard output for the commands: a view for a person, or data in a format.

Colour: `--color always` or `never` when given; else none with NO_COLOR, some
with FORCE_COLOR (each when set and not empty), else only on a terminal.
Width: on a terminal, the terminal's (rows wrap under their own column). When
piped, lines take their natural width (nothing is wrapped or cropped); tables and
cards take $COLUMNS, else 80, and tables are made without their box (`views.terminal.new_table`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from cgt_cli.errors import CgtError

COLORS = ("auto", "always", "never")


def color_choice(value: str | None) -> str:
    """--color's value (auto when not given); another is an error."""
    if value is None:
        return "auto"
    if value not in COLORS:
        raise CgtError(f"invalid --color value {value!r}: use auto, always or never")
    return value


def choose_format(value: str | None, as_json: bool, pages: bool = False) -> str:
    """The output format: --format, or json for --json; a bad or clashing value is an error.
    With `pages`, the page formats (views.formats.PAGES) are allowed too."""
    if value is None and not as_json:
        return "table"  # the view: the writers are not even imported
    from cgt_cli.views.formats import FORMATS, PAGES

    if as_json and value not in (None, "json"):
        raise CgtError(f"--json and --format {value} disagree: give one of them")
    chosen = "json" if as_json else value or "table"
    allowed = FORMATS + PAGES if pages else FORMATS
    if chosen not in allowed:
        raise CgtError(f"invalid --format value {chosen!r}: use {', '.join(allowed[:-1])} or {allowed[-1]}")
    return chosen


def card_rows(which: str | None, fmt: str) -> str:
    """What `show --rows` lists; only ndjson and the flat formats list one part of the card."""
    from cgt_cli.views.rows import CARD_ROWS

    if which is None:
        return CARD_ROWS[0]
    if fmt not in ("ndjson", "csv", "tsv", "md"):
        raise CgtError(f"--rows lists one part of the card: use it with --format ndjson, csv, tsv or md, not {fmt}")
    if which not in CARD_ROWS:
        raise CgtError(f"invalid --rows value {which!r}: use {', '.join(CARD_ROWS[:-1])} or {CARD_ROWS[-1]}")
    return which


def stdout():
    """Standard output, or a one-line error when it was closed (`cgt timeline >&-`)."""
    if sys.stdout is None:
        raise CgtError("cannot write the output: standard output is closed")
    return sys.stdout


def color_wanted(choice: str, terminal: bool, environ=os.environ) -> bool:
    """Whether to write colour, from --color, NO_COLOR, FORCE_COLOR and the terminal."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR", ""):
        return False
    if environ.get("FORCE_COLOR", ""):
        return True
    return terminal


class Output:
    """Writes one command's result on stdout (a command prints once, through here)."""

    def __init__(self, color: str = "auto") -> None:
        self.terminal = sys.stdout is not None and sys.stdout.isatty()
        self.color = color_wanted(color, self.terminal)

    def view(self, renderable) -> None:
        """A view: plain lines when piped without colour (Rich not even imported); else through Rich."""
        from cgt_cli.views.lines import Styled

        plain_lines = not self.terminal and not self.color
        if plain_lines and isinstance(renderable, (str, Styled)):
            plain = renderable if isinstance(renderable, str) else renderable.plain
            stdout().write(plain + "\n" if plain else "")
            return
        from rich.cells import cell_len
        from rich.panel import Panel
        from rich.text import Text

        if isinstance(renderable, str):
            renderable = Text(renderable)
        if plain_lines and isinstance(renderable, Text):
            plain = renderable.plain
            stdout().write(plain + "\n" if plain else "")
            return
        width = None
        if not self.terminal:  # lines are never cut; a table or a card takes $COLUMNS or 80, as `ls` and git do
            width = _natural_width(renderable) if isinstance(renderable, (Text, Styled)) else piped_width()
        console = self.console(width)
        if isinstance(renderable, Panel) and not self.terminal:  # a card's title is whole
            renderable.width = max(console.width, cell_len(str(renderable.title or "")) + 8)
        if isinstance(renderable, Styled):  # rows wrapped to the width already; shown as they are made
            for part in renderable.chunks():
                console.print(part, crop=False)
        elif plain_lines:  # a table's lines without the spaces that pad them to its width
            with console.capture() as captured:
                console.print(renderable)
            stdout().write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
        else:
            console.print(renderable)

    def console(self, width: int | None = None):
        from rich.console import Console

        system = ("auto" if self.terminal else "standard") if self.color else None
        return Console(
            file=stdout(),
            force_terminal=self.terminal or self.color,
            color_system=system,
            no_color=not self.color,
            highlight=False,
            markup=False,  # article text is never read as markup or emoji codes
            emoji=False,
            width=width,
        )

    def data(self, fmt: str, listing, output: Path | None = None) -> None:
        """A listing in a data format (views.formats.WRITERS), on stdout or into `output`."""
        from cgt_cli.views.formats import WRITERS

        with _target(output) as out:
            WRITERS[fmt](out, listing)

    def document(self, data, output: Path | None = None) -> None:
        """One JSON document (a card), on stdout or into `output`."""
        from cgt_cli.views.formats import write_document

        with _target(output) as out:
            write_document(out, data)


@contextlib.contextmanager
def _target(output: Path | None):
    """stdout, or the file -o names (UTF-8, line ends as the writer gives them)."""
    if output is None:
        yield stdout()
        return
    try:
        handle = output.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise CgtError(f"cannot write {output}: {error.strerror or error}") from None
    with handle:
        yield handle


def piped_width(environ=os.environ) -> int:
    """The width of a table or a card in a pipe or a file: $COLUMNS when it is a
    positive number, else 80. Never a terminal's found on stdin or stderr (as Rich
    would): the same command writes the same file wherever it runs."""
    columns = environ.get("COLUMNS", "")
    return int(columns) if columns.isascii() and columns.isdigit() and int(columns) > 0 else 80


def _natural_width(renderable) -> int:
    """How wide the renderable is when nothing needs to wrap."""
    from rich.console import Console

    wide = Console(width=100_000, color_system=None, force_terminal=False)
    return max(1, min(100_000, wide.measure(renderable).maximum))
