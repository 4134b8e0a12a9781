"""Split a page into header, body and boilerplate; read title, outlet and date.

Works on `simple` (offsets are shared with `text`), line by line:
- the header (`header.py`) is the run of short lines before the first
  paragraph: title, source line (来源:X), dateline (`某某日报 2021-03-08 10:15`);
- the trailer starts at a heading such as 相关推荐 or End on a line of its own;
  everything after it is boilerplate;
- in between, a line is boilerplate when it is page furniture
  (`furniture.py`): a breadcrumb, a contact or licence line, a share button.
- the end of the text (`ending.py`) may date it and name its outlet
  (`(新华社,2022年4月8日上海)`, `(来源:某某日报)`) or sign it (an issuer's
  name above a date alone: the outlet, inferred).
A page with no header date gets the latest full date of its body, as inferred.
The rules come from what such pages share, not from any one site.

A saved web page (`read.html`) comes as its title line and main text, with
what its markup says: the title, site name and date are its header, and a
source line or dateline at the top of its text still counts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cgt_cli.extract.furniture import follow_outlet, is_boilerplate, is_trailer_heading
from cgt_cli.model import Layout

if TYPE_CHECKING:
    from cgt_cli.read.html import PageMeta

__all__ = ["find_layout", "is_boilerplate", "is_trailer_heading"]


def find_layout(simple: str, page: PageMeta | None = None) -> Layout:
    """The layout of a text file, or of a saved page's text with its markup's `page` metadata."""
    from cgt_cli.extract.ending import read_ending
    from cgt_cli.extract.header import read_header

    lines = _lines(simple)
    trailer = _trailer_start(simple, lines)
    if page is not None:
        return _page_layout(simple, lines[:trailer], page)
    header = read_header(simple, lines[:trailer])
    body = tuple(
        (start, end)
        for index, (start, end) in enumerate(lines[:trailer])
        if index >= header.body_from
        and index not in header.skip
        and start < end
        and not is_boilerplate(simple[start:end])
    )
    published, time, inferred, basis = header.published, header.time, False, "stated in the header"
    outlet, outlet_inferred = header.outlet, header.outlet_inferred
    ending = read_ending(simple, body)
    if published is None and ending.published:
        published, basis = ending.published, "stated in a dateline at the end"
    if outlet is None and ending.outlet:
        outlet, outlet_inferred = ending.outlet, ending.outlet_inferred
    if published is None:
        published, basis = _infer_published(simple, body)
        inferred = published is not None
    if outlet is None:
        outlet = _outlet_from_follow_lines(simple, lines)
        outlet_inferred = outlet is not None
    return Layout(
        title=header.title,
        outlet=outlet,
        outlet_inferred=outlet_inferred,
        published=published,
        published_time=time,
        published_inferred=inferred,
        published_basis=basis if published else "no date in the header or body",
        body=body,
    )


def _page_layout(simple: str, lines: list[tuple[int, int]], page: PageMeta) -> Layout:
    """A saved page: title, site and date from its markup first, then from the top of its text."""
    from cgt_cli.extract.header import read_header

    title = lines[0] if page.title and lines else None
    header = read_header(simple, lines)  # the title line on top, as a text page has it
    said = header.published is not None or header.outlet is not None  # a source line or dateline on top
    first, skip = (max(header.body_from, 1 if title else 0), header.skip) if said else (1 if title else 0, frozenset())
    body = tuple(
        (s, e) for i, (s, e) in enumerate(lines) if i >= first and i not in skip and s < e and not is_boilerplate(simple[s:e])
    )
    if page.published:
        published, time, inferred, basis = page.published, None, False, "stated on the page (read by htmldate)"
    elif header.published:
        published, time, inferred, basis = header.published, header.time, False, "stated in the header"
    else:
        (published, basis), time = _infer_published(simple, body), None
        inferred = published is not None
    return Layout(
        title=title,
        outlet=header.outlet or page.site,
        outlet_inferred=bool(header.outlet) and header.outlet_inferred,
        published=published,
        published_time=time,
        published_inferred=inferred,
        published_basis=basis if published else "no date on the page",
        body=body,
        format="html",
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, with surrounding white space trimmed."""
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        start = pos + (line.find(stripped) if stripped else 0)
        spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def _trailer_start(text: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line that heads the page's trailer (or len(lines))."""
    for index, (start, end) in enumerate(lines):
        if index > 0 and is_trailer_heading(text[start:end]):
            return index
    return len(lines)


def _infer_published(text: str, body: tuple[tuple[int, int], ...]) -> tuple[str | None, str]:
    """The latest full date stated in the body: the page was published no earlier."""
    from cgt_cli.extract.dates import find_dates

    best: str | None = None
    for start, end in body:
        for mention in find_dates(text[start:end], None):
            if mention.resolution == "explicit" and re.fullmatch(r"\d{4}-\d\d-\d\d", mention.value):
                best = max(best or mention.value, mention.value)
    if best is None:
        return None, "no date in the header or body"
    return best, f"inferred: the latest full date in the body ({best})"


def _outlet_from_follow_lines(text: str, lines: list[tuple[int, int]]) -> str | None:
    """An outlet named by its follow buttons (`XX新闻微博`, `XX公众号`)."""
    for start, end in lines:
        outlet = follow_outlet(text[start:end])
        if outlet:
            return outlet
    return None
