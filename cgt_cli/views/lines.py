"""Long output as rows of styled pieces: plain lines when piped, wrapped with a
hanging indent on a terminal (each row's text stays under its own column)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich is imported only to render on a terminal or in colour: piped plain rows never load it
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement

Piece = tuple[str, str]  # (text, style)

# where a line may break: after any Han character or full-width sign, at spaces, and
# around a run of other characters (a Latin word, a number, a path), which stays whole
_WIDE_CHARS = "\u2e80-\u303e\u3040-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6\U00020000-\U0003134f"


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a character two cells wide, text cells() can count fast, the atoms a line breaks
    between), compiled on first use: plain rows need none of them."""
    return (
        re.compile(f"[{_WIDE_CHARS}]"),
        re.compile(f"[\u0020-\u02ff\u2000-\u206f{_WIDE_CHARS}]*"),
        re.compile(f"[{_WIDE_CHARS}]+|[ \t]+|[^ \t{_WIDE_CHARS}]+"),
    )
_CLOSING = "，。、；：！？）》」』】〉,.;:!?)”’…"  # signs that may not start a line


class Styled:
    """Rows built as (text, style) pieces: a row's `lead` pieces (a date, a
    `line:column:`) hold its column, its `body` wraps beneath that column.

    Written plain when piped (one row a line, at its natural width: 57,000
    rows stay cheap); on a terminal, each row that is wider than the screen is
    wrapped with its continuation lines indented to the width of its lead,
    wide (Chinese) characters counted as two cells.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[tuple[Piece, ...], tuple[Piece, ...]]] = []

    def row(self, *body: Piece, lead: tuple[Piece, ...] = ()) -> None:
        self.rows.append((lead, body))

    def blank(self) -> None:
        self.rows.append(((), ()))

    def __bool__(self) -> bool:
        return bool(self.rows)

    def chunks(self, size: int = 500):
        """The rows as Styled parts of `size` rows, to print one after the other."""
        for start in range(0, len(self.rows), size):
            part = Styled()
            part.rows = self.rows[start : start + size]
            yield part

    @property
    def plain(self) -> str:
        texts: list[str] = []
        for lead, body in self.rows:
            texts += [text for text, _ in lead]
            texts += [text for text, _ in body]
            texts.append("\n")
        return "".join(texts).rstrip()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        indents = [sum(cells(text) for text, _ in lead) for lead, _ in self.rows]
        widths = [sum(cells(text) for text, _ in lead + body) for lead, body in self.rows]
        return Measurement(max(indents, default=0) + 1, max(widths, default=1))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment
        from rich.style import Style

        width = options.max_width
        styles: dict[str, Style] = {}
        newline = Segment.line()
        for lead, body in self.rows:
            for line in wrapped(lead, body, width):
                for text, style in line:
                    if style not in styles:
                        styles[style] = console.get_style(style) if style else Style.null()
                    yield Segment(text, styles[style])
                yield newline


def wrapped(lead: tuple[Piece, ...], body: tuple[Piece, ...], width: int) -> list[list[Piece]]:
    """One row as the lines it takes at `width` cells: the body under the lead's column
    (no column when the lead would take more than half the width)."""
    indent = sum(cells(text) for text, _ in lead)
    if indent + sum(cells(text) for text, _ in body) <= width:
        return [[*lead, *body]]
    if indent > width // 2:
        return wrapped((), lead + body, width)
    plain = "".join(text for text, _ in body).rstrip()
    lines: list[list[Piece]] = []
    for start, end in line_ranges(plain, width - indent):
        line = list(lead) if not lines else [(" " * indent, "")]
        at = 0
        for text, style in body:
            cut = text[max(start - at, 0) : max(end - at, 0)]
            if cut:
                line.append((cut, style))
            at += len(text)
        if line[-1][0].endswith(" "):
            line[-1] = (line[-1][0].rstrip(), line[-1][1])
        lines.append(line)
    return lines


def cells(text: str) -> int:
    """Terminal cells `text` takes: two for each wide (Chinese) character."""
    if text.isascii():
        return len(text)
    wide_one, narrow_only, _ = _patterns()
    if narrow_only.fullmatch(text):
        return len(text) + len(wide_one.findall(text))
    from rich.cells import cell_len

    return cell_len(text)  # emoji, combining marks: Rich's table


def line_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` filled greedily to `width` cells.

    Chinese breaks between any two characters; a Latin word, number or path
    moves whole to the next line (folded only when longer than a line); a
    space where a line breaks is dropped; 。” never starts a line (the
    character before comes along)."""
    wide_one, _, atoms = _patterns()
    lines: list[tuple[int, int]] = []
    start, used = 0, 0
    for atom in atoms.finditer(text):
        a, b = atom.span()
        chunk = atom.group()
        if chunk[0] in " \t":
            if used + len(chunk) <= width:
                used += len(chunk)
            else:
                lines.append((start, a))
                start, used = b, 0
        elif wide_one.match(chunk):  # a run of wide characters: two cells each, break anywhere
            at = a
            while b - at > (width - used) // 2:
                cut = max(at + (width - used) // 2, start + 1)
                back = cut
                while back > max(start + 1, a) and text[back] in _CLOSING:
                    back -= 1
                lines.append((start, back))
                start, at, used = back, cut, 2 * (cut - back)
            used += 2 * (b - at)
        else:
            size = cells(chunk)
            if used + size <= width:
                used += size
            elif size <= width:
                cut = a
                while cut - 1 > start and text[cut] in _CLOSING and wide_one.match(text[cut - 1]):
                    cut -= 1  # 。” never starts a line: the character before comes along
                lines.append((start, cut))
                start, used = cut, cells(text[cut:b])
            else:  # longer than a line: fold it
                for at, char in enumerate(chunk, a):
                    if used + cells(char) > width and used:
                        lines.append((start, at))
                        start, used = at, 0
                    used += cells(char)
    lines.append((start, len(text)))
    return [(a, b) for a, b in lines if b > a] or [(0, 0)]
