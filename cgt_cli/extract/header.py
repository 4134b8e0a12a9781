"""The page header: its title, outlet and published date.

The header window runs from the top of the page to its first paragraph (a line
with a full stop, or a long one). Each line in it is page furniture, a meta line
(`datelines.read_meta`: a source line, a dateline, a date alone), a title
candidate (a short line of Han text), a fragment (a word or two: a site's name,
a menu item) or something else (labelled fields, credits, photo captions).

- Title: the first of the candidates right above the first meta line (headline
  and subtitle; furniture between them and the meta line is skipped); with none
  above, of those below it (e-paper pages put the issue date first). Among them,
  the first that is headline-sized wins (menu items one a line are short).
  With no meta line, the first line is the headline when it is set off from the
  text by a blank line or is headline-sized; a short line glued to the text is a
  section heading. With none of these, a breadcrumb's last step when it is a
  headline. `原标题:` and a channel label (`要闻|`) are not part of it, and an
  issuer's name above `关于…的公告` is not the title.
- Published: the date of the first meta line under the headline (else of the
  nearest above it: a portal's date bar comes before both); a forum's 发表于
  (when a post was made) only when no other line dates the article; a date alone
  on its line only beside a headline or a source line (it may head a list entry).
- Outlet: a 来源 line; else the name beside the date on a dateline; else a
  publisher's name alone on the line above a date alone. Else, marked inferred:
  the site's name after the headline (`标题_站名`), alone on the first line, in a
  welcome line (`X欢迎您`) or at the head of a header bar (`站名 > 标题`, `站名 频道
  标题` above the title).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from cgt_cli.extract import lexicon
from cgt_cli.extract.datelines import Meta, header_date, read_meta
from cgt_cli.extract.furniture import TITLE_MAX, crumb_end, is_boilerplate, is_breadcrumb

HEADER_LINES = 40  # non-empty lines looked at before giving up on a paragraph
HEADLINE_MIN = 10  # a headline glued to the text is at least this long
META_MAX = 160  # a longer line is text, never a header line
_LABEL = re.compile(r"^(?P<label>[^\s:|│丨]{1,6})\s*(?P<sep>[:│丨])\s*")  # 证券代码:… 撰文│… 热搜:…
_LEAD = re.compile(r"^[【\[]?(?:摘要|导读|导语|核心提示|内容提要|提要|编者按)[】\]]?\s*:?")
_CAPTION = re.compile(r"^(?:图为|图片:|图:)|[\s(]摄\)?$|摄影$")  # 图为园区外景 张三 摄
_ORIGINAL = re.compile(r"^原标题\s*:\s*")
_CHANNEL = re.compile(r"^[^\s|]{1,6}\s*[|｜丨]\s*(?=\S{8})")  # 要闻|某某园区开园…
_SITE_AFTER = re.compile(r"(?:\s*[_|｜]\s*|\s+-\s+)(?P<site>[^\s_|｜-]{2,12})$")  # 标题_某某网
_WELCOME = re.compile(r"^\W*(?P<site>[^\s\W]{2,20}?)欢迎(?:您|你)")
_ISSUER_NEXT = re.compile(r"^关于")
_HAN = re.compile(r"[\u4e00-\u9fff]")


class Header(NamedTuple):
    title: tuple[int, int] | None
    outlet: str | None
    outlet_inferred: bool
    published: str | None
    time: str | None
    body_from: int  # the index of the first line after the headline (or the dateline above it)
    skip: frozenset[int]  # header lines that are not text: meta lines, fragments, the title again


class _Line(NamedTuple):
    index: int
    start: int
    end: int
    kind: str  # blank | furniture | bar | meta | candidate | fragment | publisher | other
    meta: Meta | None = None
# A list's heading that is only a year or a month (●2021年, 2022年度, 【2023年5月】).
_DATE_HEADING = re.compile(r"[\W_]*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?(?:\s*\d{1,2}\s*月份?)?[\W_]*")


def read_header(text: str, lines: list[tuple[int, int]]) -> Header:
    window = _window(text, lines)
    metas = [w for w in window if w.kind == "meta"]
    title = _titled(text, window, metas) if metas else None
    if all(m.meta.kind == "bare" for m in metas) and not _headline_sized(text, title):
        metas = []  # a date alone is a published date beside a headline or a source line
        title = _lone_title(text, lines, window)
    title = title or _crumb_title(text, window)
    chosen = _dated(metas, title)
    outlet, by, inferred = _outlet(text, window, metas, chosen, title)
    title_span = _title_span(text, lines, title) if title else None
    first = title or chosen  # the body starts below the headline (or the dateline of a page without one)
    last = max((w.index for w in (title, chosen, by) if w), default=-1)
    return Header(
        title=title_span,
        outlet=outlet,
        outlet_inferred=inferred,
        published=chosen.meta.date.value if chosen else None,
        time=chosen.meta.date.time if chosen else None,
        body_from=first.index + 1 if first else 0,
        skip=_not_text(text, window, [*metas, by], title_span, last),
    )


def _not_text(
    text: str, window: list[_Line], said: list[_Line | None], title: tuple[int, int] | None, last: int
) -> frozenset[int]:
    """Header lines that are not text: the meta lines and the outlet's, fragments and bars
    above the last line the header uses, the title said again."""
    skip = {w.index for w in said if w is not None}
    skip |= {w.index for w in window if w.index < last and w.kind in ("fragment", "bar", "publisher")}
    if title:
        same = text[title[0] : title[1]]
        skip |= {w.index for w in window if _bare_title(text[w.start : w.end]) == same}
    return frozenset(skip)


def _dated(metas: list[_Line], title: _Line | None) -> _Line | None:
    """The meta line that dates the page: under the headline first, else the nearest above it."""
    dated = [m for m in metas if m.meta.date]
    below = [m for m in dated if title is None or m.index > title.index]
    dated = below or dated[::-1]
    return next((m for m in dated if m.meta.kind != "posted"), dated[0] if dated else None)


def _window(text: str, lines: list[tuple[int, int]]) -> list[_Line]:
    """The header lines, each with its kind, up to the first paragraph."""
    window: list[_Line] = []
    seen = 0
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line:
            window.append(_Line(index, start, end, "blank"))
            continue
        seen += 1
        meta = read_meta(line) if len(line) <= META_MAX else None
        if meta:
            window.append(_Line(index, start, end, "meta", meta))
            continue
        if seen > HEADER_LINES or (_is_paragraph(line) and not is_boilerplate(line)):
            break
        window.append(_Line(index, start, end, _kind(line)))
    return _publishers(text, _bars(text, window))


def _is_paragraph(line: str) -> bool:
    """A line of text: a sentence ends in it, or it is long; a lead (摘要:…) is still header."""
    if _LEAD.match(line):
        return False
    return len(line) > META_MAX or "。" in line or ";" in line or (line[-1] in "!?" and "," in line)


def _kind(line: str) -> str:
    if is_boilerplate(line):
        return "furniture"
    if len(line) < 4 or not _HAN.search(line):
        return "fragment"
    if _is_fields(line) or _CAPTION.search(line) or len(line) > TITLE_MAX or line[-1] in ",:、":
        return "other"
    if header_date(line) or _DATE_HEADING.fullmatch(line):
        return "other"  # a date no meta line (今天是2024年5月6日 星期一), a list's year heading (●2021年): not a headline
    return "candidate"


def _is_fields(line: str) -> bool:
    """Labelled fields (证券代码:600000 证券简称:…, 热搜: 园区 政策, 撰文│某某), not a headline (专访:…)."""
    label = _LABEL.match(line)
    if not label or _ORIGINAL.match(line):
        return False
    if label.group("label") in lexicon.load("header_credit_labels"):
        return True
    value = line[label.end() :]
    return label.group("sep") == ":" and (
        ":" in value or len(value) < 8 or all(len(item) <= 6 for item in value.split())
    )


def _bars(text: str, window: list[_Line]) -> list[_Line]:
    """A candidate that holds the next candidate and more is a header bar (站名 频道 标题, 标题_站名)."""
    candidates = [w for w in window if w.kind == "candidate"]
    bars = {
        w.index
        for w, after in pairwise(candidates)
        if len(text[w.start : w.end]) > len(text[after.start : after.end])
        and _bare_title(text[after.start : after.end]) in text[w.start : w.end]
    }
    return [w._replace(kind="bar") if w.index in bars else w for w in window]


def _publishers(text: str, window: list[_Line]) -> list[_Line]:
    """A publisher's name alone on the line above a date alone (某大学新闻中心 / 2024年3月1日)."""
    out = list(window)
    shown = [w for w in window if w.kind != "blank"]
    for above, below in pairwise(shown):
        if below.kind == "meta" and below.meta.kind == "bare" and is_publisher(text[above.start : above.end]):
            others = [w for w in shown if w.kind == "candidate" and w.index != above.index]
            if others:
                out[window.index(above)] = above._replace(kind="publisher")
    return out


def is_publisher(line: str, limit: int = 12) -> bool:
    """A line that is only a publisher's name: Han, short, with a publisher's ending (网, 日报, 中心)."""
    return 2 <= len(line) <= limit and bool(re.fullmatch(r"[\u4e00-\u9fff·()()]+", line)) and _names_outlet(line)


def _names_outlet(word: str) -> bool:
    return word.endswith(tuple(lexicon.load("outlet_suffixes")))


def _titled(text: str, window: list[_Line], metas: list[_Line]) -> _Line | None:
    """The first of the candidates right above the first meta line, else of those below it."""
    first = window.index(metas[0])
    run: list[_Line] = []
    for w in reversed(window[:first]):
        if w.kind == "candidate":
            run.append(w)
        elif run and w.kind in ("furniture", "bar", "other"):
            break
    below = [w for w in window[first + 1 :] if w.kind == "candidate"]
    return _headline(text, run[::-1] or below)


def _headline(text: str, candidates: list[_Line]) -> _Line | None:
    """The first headline-sized candidate, else the first (menu items one a line are short)."""
    sized = [w for w in candidates if _headline_sized(text, w)]
    return (sized or candidates or [None])[0]


def _lone_title(text: str, lines: list[tuple[int, int]], window: list[_Line]) -> _Line | None:
    """With no meta line: the first line, when set off by a blank line or headline-sized."""
    first = next((w for w in window if w.kind not in ("blank", "furniture", "bar", "fragment")), None)
    if first is None or first.kind != "candidate":
        return None
    set_off = first.index + 1 < len(lines) and lines[first.index + 1][0] == lines[first.index + 1][1]
    return first if set_off or _headline_sized(text, first) else None


def _crumb_title(text: str, window: list[_Line]) -> _Line | None:
    """A page with no title line but a breadcrumb ending in a headline: that last step."""
    for w in window:
        line = text[w.start : w.end]
        if w.kind == "furniture" and is_breadcrumb(line):
            step = w._replace(start=w.start + crumb_end(line), kind="candidate")
            if _headline_sized(text, step) and not header_date(text[step.start : step.end]):
                return step
    return None


def _headline_sized(text: str, line: _Line | None) -> bool:
    return line is not None and len(_bare_title(text[line.start : line.end])) >= HEADLINE_MIN


def _title_span(text: str, lines: list[tuple[int, int]], title: _Line) -> tuple[int, int]:
    """The headline's span: no 原标题: or channel label; the 关于… line below an issuer."""
    line = text[title.start : title.end]
    if _is_issuer(line) and title.index + 1 < len(lines):
        start, end = lines[title.index + 1]
        if _ISSUER_NEXT.match(text[start:end]):
            return start, end
    bare = _bare_title(line)
    start = title.start + line.index(bare)
    return start, start + len(bare)


def _bare_title(line: str) -> str:
    """The headline without 原标题:, a channel label before it or a site's name after it."""
    line = _CHANNEL.sub("", _ORIGINAL.sub("", line), count=1)
    site = _SITE_AFTER.search(line)
    return line[: site.start()] if site and _names_outlet(site.group("site")) else line


def _is_issuer(line: str) -> bool:
    """A line that only names an organisation (the issuer of a notice or announcement)."""
    return line.endswith(tuple(lexicon.load("issuer_suffixes")))


def _outlet(
    text: str, window: list[_Line], metas: list[_Line], chosen: _Line | None, title: _Line | None
) -> tuple[str | None, _Line | None, bool]:
    """(outlet, the line that names it, inferred)."""
    for m in metas:
        if m.meta.source:
            return m.meta.source, m, False
    for m in ([chosen] if chosen else []) + metas:
        if m.meta.word:
            return m.meta.word, m, False
    for w in window:
        if w.kind == "publisher":
            return text[w.start : w.end], w, False
    site = _site_name(text, window, title)
    return site, None, site is not None


def _site_name(text: str, window: list[_Line], title: _Line | None) -> str | None:
    """The site named after the headline (标题_站名), by a welcome line or at the head of a header bar."""
    site = _SITE_AFTER.search(text, title.start, title.end) if title else None
    if site and _names_outlet(site.group("site")):
        return site.group("site")
    top = next((w for w in window if w.kind != "blank"), None)
    if top and top is not title and is_publisher(text[top.start : top.end]):
        return text[top.start : top.end]  # 某某网 alone on the page's first line
    for w in window:
        line = text[w.start : w.end]
        welcome = _WELCOME.match(line)
        if welcome:
            return welcome.group("site")
        if w.kind == "bar" or is_breadcrumb(line):
            words = re.split(r"\s*[>»›_|｜]+\s*|\s+", line)
            ends = (words[0], words[-1]) if w.kind == "bar" else (words[0],)
            for word in ends if len(words) > 1 else ():
                if 2 <= len(word) <= 12 and _HAN.search(word) and _names_outlet(word):
                    return word
    return None
