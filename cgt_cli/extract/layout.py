"""Split a page into header, body and boilerplate; read title, outlet and date.

Works on `simple` (offsets are shared with `text`), line by line:
- the header is the run of short lines before the first paragraph: title,
  source line (来源:X), dateline (`济南日报 2020-09-28 11:19`);
- the trailer starts at a heading such as 相关推荐 or End on a line of its own;
  everything after it is boilerplate;
- in between, a line is boilerplate when it is page furniture
  (`furniture.py`): a breadcrumb, a contact or licence line, a share button.
The rules come from what such pages share, not from any one site.
"""

from __future__ import annotations

import re

from cgt_cli.extract import lexicon
from cgt_cli.extract.furniture import follow_outlet, is_boilerplate, is_trailer_heading
from cgt_cli.model import Layout

__all__ = ["find_layout", "is_boilerplate", "is_trailer_heading"]

TITLE_MAX = 80
HEADER_LINES = 8  # the header is looked for in this many non-empty lines

_SOURCE = re.compile(r"(?:来源|稿源|出处|来自)\s*:\s*(?P<outlet>[^\s|,:]{2,30})")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_DATE_LABEL = re.compile(r"(?:发布|更新|发表|出版)?(?:时间|日期)\s*:?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。!?;]")


def find_layout(simple: str) -> Layout:
    lines = _lines(simple)
    trailer = _trailer_start(simple, lines)
    header = _read_header(simple, lines[:trailer])
    body = tuple(
        (start, end)
        for start, end in lines[header["body_from"] : trailer]
        if start < end and not is_boilerplate(simple[start:end])
    )
    published, time, inferred, basis = header["published"], header["time"], False, "stated in the header"
    if published is None:
        published, basis = _infer_published(simple, body)
        inferred = published is not None
    outlet, outlet_inferred = header["outlet"], False
    if outlet is None:
        outlet = _outlet_from_follow_lines(simple, lines)
        outlet_inferred = outlet is not None
    return Layout(
        title=header["title"],
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


def _read_header(text: str, lines: list[tuple[int, int]]) -> dict:
    """Title, outlet, published date and the index of the first body line.

    The header runs to the last source or date line among the first lines,
    as long as only title-like lines come before it; with no such line, a
    first title-like line is the title.
    """
    found = {"title": None, "outlet": None, "published": None, "time": None, "body_from": 0}
    titles: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(lines[: HEADER_LINES * 2]):
        line = text[start:end]
        if not line:
            continue
        if _read_meta_line(line, found):
            found["body_from"] = index + 1
        elif not is_boilerplate(line):
            if not _looks_like_title(line) or len(titles) == HEADER_LINES:
                break
            titles.append((start, end))
            if found["published"] is None and found["outlet"] is None and len(titles) == 1:
                found["body_from"] = index + 1
    header_titles = [t for t in titles if t[1] <= lines[found["body_from"] - 1][1]] if found["body_from"] else []
    found["title"] = header_titles[0] if header_titles else None
    return found


def _read_meta_line(line: str, found: dict) -> bool:
    """Take a source line or dateline into `found`; False for any other line."""
    source = _SOURCE.match(line.lstrip("-·•* \t"))
    if source:
        found["outlet"] = found["outlet"] or source.group("outlet")
        return True
    dateline = _dateline(line) if found["published"] is None else None
    if dateline:
        found["published"], found["time"], outlet = dateline
        found["outlet"] = found["outlet"] or outlet
        return True
    return False


def _looks_like_title(line: str) -> bool:
    return 4 <= len(line) <= TITLE_MAX and not _SENTENCE_END.search(line) and bool(_HAN.search(line))


def _dateline(line: str) -> tuple[str, str | None, str | None] | None:
    """(published ISO date, time, outlet) when the line is a short dateline."""
    from cgt_cli.extract.dates import find_dates

    full = [m for m in find_dates(line, None) if m.resolution == "explicit" and len(m.value) == 10]
    if not full:
        return None
    first = full[0]
    time = _TIME.search(first.text)
    rest = _DATE_LABEL.sub(" ", line[: first.start] + " " + line[first.end :]).strip()
    if len(rest) > 30 or _SENTENCE_END.search(rest):
        return None
    source = _SOURCE.search(rest)
    outlet = source.group("outlet") if source else _outlet_in(rest)
    return first.value, time.group() if time else None, outlet


def _outlet_in(rest: str) -> str | None:
    """The first word of a dateline's leftover that can name an outlet."""
    markers = lexicon.load("boilerplate_markers")
    for word in re.split(r"[\s|·•/,:]+", rest):
        word = word.strip("-—()[]【】")
        if (
            2 <= len(word) <= 20
            and _HAN.search(word)
            and not re.search(r"\d", word)
            and not any(m in word for m in markers)
        ):
            return word
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
