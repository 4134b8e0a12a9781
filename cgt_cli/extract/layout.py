"""Split a page into header, body and boilerplate; read title, outlet and date.

Works on `simple` (offsets are shared with `text`), line by line:
- the header (`header.py`) is the run of short lines before the first
  paragraph: title, source line (来源:X), dateline (`某某日报 2021-03-08 10:15`);
- the trailer starts at a heading such as 相关推荐 or End on a line of its own;
  everything after it is boilerplate;
- in between, a line is boilerplate when it is page furniture
  (`furniture.py`): a breadcrumb, a contact or licence line, a share button.
- the end of the text may date it (`(新华社,2022年4月8日上海)`: a stated
  published date), name its source (`(来源:经济日报)`: the outlet) or sign it
  (an issuer's name above a date alone: the outlet, inferred).
A page with no header date gets the latest full date of its body, as inferred.
The rules come from what such pages share, not from any one site.
"""

from __future__ import annotations

import re

from cgt_cli.extract.furniture import follow_outlet, is_boilerplate, is_trailer_heading
from cgt_cli.model import Layout

__all__ = ["find_layout", "is_boilerplate", "is_trailer_heading"]

ENDING_LINES = 8  # the end of the text is looked for in this many last body lines
_END_DATELINE = re.compile(r"[((](?:来源\s*:\s*)?(?P<outlet>[\u4e00-\u9fff]{2,12})\s*[,、]?\s*(?P<rest>[^()()]{6,30})[))]$")
_END_SOURCE = re.compile(
    r"(?<!图)(?<!图片)(?:文章|信息|新闻|稿件|本文)?来源\s*:\s*(?P<outlet>[^\s()()【】\[\],。:]{2,20})\s*[))】\]]?$"
)
_SIGNER = re.compile(r"[\u4e00-\u9fff()()]{4,30}")


def find_layout(simple: str) -> Layout:
    from cgt_cli.extract.header import read_header

    lines = _lines(simple)
    trailer = _trailer_start(simple, lines)
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
    ending = _end_dateline(simple, body)
    if published is None and ending:
        published, basis = ending[0], "stated in a dateline at the end"
    if outlet is None:
        outlet = ending[1] if ending else _end_source(simple, body)
    if published is None:
        published, basis = _infer_published(simple, body)
        inferred = published is not None
    if outlet is None:
        outlet = _signer(simple, body) or _outlet_from_follow_lines(simple, lines)
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


def _end_dateline(text: str, body: tuple[tuple[int, int], ...]) -> tuple[str, str] | None:
    """(date, outlet) of a dateline closing the text: `(新华社,2022年4月8日上海)`."""
    from cgt_cli.extract.datelines import header_date
    from cgt_cli.extract.header import is_publisher

    for start, end in body[-ENDING_LINES:][::-1]:
        match = _END_DATELINE.search(text, max(start, end - 40), end)
        found = header_date(match.group("rest")) if match and is_publisher(match.group("outlet")) else None
        if found and len(found.value) == 10:
            return found.value, match.group("outlet")
    return None


def _end_source(text: str, body: tuple[tuple[int, int], ...]) -> str | None:
    """The outlet a source note closing the text names: `(来源:经济日报)`, `文章来源:X`."""
    for start, end in body[-ENDING_LINES:][::-1]:
        match = _END_SOURCE.search(text, max(start, end - 40), end)
        if match:
            return match.group("outlet")
    return None


def _signer(text: str, body: tuple[tuple[int, int], ...]) -> str | None:
    """An issuer's name on the line above a date alone, closing the text (the notice's signature)."""
    from cgt_cli.extract.datelines import read_meta
    from cgt_cli.extract.header import is_publisher

    tail = body[-ENDING_LINES:]
    for (start, end), (below_start, below_end) in zip(tail, tail[1:]):
        name = text[start:end]
        if below_end - below_start > 40 or not _SIGNER.fullmatch(name):
            continue
        meta = read_meta(text[below_start:below_end])
        if meta and meta.kind == "bare" and is_publisher(name, limit=30):
            if not any("。" in text[s:e] for s, e in tail if s > below_start):
                return name
    return None


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
