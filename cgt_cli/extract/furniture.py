"""Page furniture: the lines of a page that are not the article.

A line is furniture when it holds a strong marker anywhere (爆料, 公网安备,
版权所有), a contact, licence or copyright range, a weak marker on a short line
(分享到, 公众号, 上一篇…), or has the shape of site navigation: a breadcrumb
(`A > B > 标题`, also with a trailing `>`), a menu bar (`首页 | 版面导航 | …`), a
`XX正文` location line, a page title of keywords joined by `_`, a weather bar, or
no Han characters at all. A trailer heading (相关推荐, End) starts the list after
the article. Rules and markers describe what such pages share, not any one site.
"""

from __future__ import annotations

import re
from functools import cache

from cgt_cli.extract import lexicon

SHORT_LINE = 40  # a marker of boilerplate_markers.txt counts on lines this short
CRUMB = 16  # the longest step of a breadcrumb before its last one
TITLE_MAX = 80
NAVIGATION_MAX = 200  # a longer line is no breadcrumb or menu

_CRUMB_STEP = re.compile(r"\s*(?:>>|[»›]|/)\s*|\s+>\s*|\s*>\s+")  # a bare 纯度>99% is no step
_CRUMB_MARK = re.compile("[>»›/]")  # what every step holds: a line without one is no breadcrumb
_CONTACT = re.compile(  # behind a set of first characters, which the engine scans for fast
    r"(?=[0hw热电邮传信])(?:(?<!\d)0\d{2,3}-\d{6,8}(?!\d)|https?://|www\.\w|(?:热线|电话|邮箱|传真|信箱)\s*:?\s*[\d(+A-Za-z])"
)
# Looked for only in a line with an @: from every letter it reads up to 64 more.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.]+")
_LICENCE = re.compile(r"(?:许可证|备案|证号)\s*(?:号|编号)?\s*:?\s*[\w-]{0,4}\d{5,}")
_COPYRIGHT = re.compile(r"^\W{0,3}\s*(?:\(c\)\s*)?(?:19|20)\d\d\s*[-~]\s*(?:19|20)\d\d\b", re.I)
_FOLLOW = re.compile(r"^\W{0,3}\s*(?:转自|来自|转载自)?(?P<outlet>[^\s\W]{2,12}?)(?:官方)?(?:微博|公众号|抖音号|客户端|APP|视频号)\s*$")
_LOCATION = re.compile(r"^.{0,16}正文(?:内容)?$")  # 某某新闻网湖南正文: where the page sits, not a title
_WEATHER = re.compile(r"-?\d{1,2}\s*℃")
_MENU_ITEM = re.compile(r"^[^\W\d_]{1,8}$")
_PUNCTUATION = re.compile(r"[。,!?]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MENU_BAR = re.compile(r"[|｜]")


def is_boilerplate(line: str) -> bool:
    """True for a line of page furniture (the line without its line break)."""
    line = line.strip()
    if _markers("boilerplate_strong").search(line):
        return True
    if _CONTACT.search(line) or ("@" in line and _EMAIL.search(line)):
        return True
    if _LICENCE.search(line) or _COPYRIGHT.search(line):
        return True
    if not _HAN.search(line):
        return len(line) < 30 or not re.search(r"[A-Za-z]{3}", line)
    if len(line) <= NAVIGATION_MAX and (is_breadcrumb(line) or _is_navigation(line)):
        return True
    if len(line) <= SHORT_LINE:
        return bool(_markers("boilerplate_markers").search(line) or _FOLLOW.match(line) or _WEATHER.search(line))
    return False


@cache
def _markers(name: str) -> re.Pattern[str]:
    """One pattern for the markers of a lexicon: a line holds one of them."""
    return re.compile("|".join(map(re.escape, lexicon.load(name))))


def is_breadcrumb(line: str) -> bool:
    """`首页 > 新闻 > 正文`, `某某网>>浙江频道`, `主页 > 新闻中心 >`, `站名 > 标题`.

    Every step but the last is short; the last may be the headline itself.
    """
    if not _CRUMB_MARK.search(line):
        return False
    steps = _CRUMB_STEP.split(line)
    if len(steps) < 2 or not all(1 <= len(s) <= CRUMB and not _PUNCTUATION.search(s) for s in steps[:-1]):
        return False
    last = steps[-1]
    if "/" in line and not re.search(r"[>»›]", line):  # A / B: short steps only
        return 1 <= len(last) <= CRUMB and not _PUNCTUATION.search(last)
    return len(last) <= CRUMB or (len(last) <= TITLE_MAX and not re.search(r"[,;:。]", last))


def crumb_end(line: str) -> int:
    """Where the last step of a breadcrumb starts (the headline, on pages that end the trail with it)."""
    steps = list(_CRUMB_STEP.finditer(line))
    return steps[-1].end() if steps else 0


def _is_navigation(line: str) -> bool:
    """A menu bar, a `XX正文` location line, a keyword page title or a weather bar."""
    if "正文" in line and _LOCATION.match(line):
        return True
    items = [item.strip() for item in _MENU_BAR.split(line)]
    if len(items) >= 3 and all(_MENU_ITEM.match(item) for item in items):
        return True
    if "_" not in line:
        return False
    keywords = [k for k in line.split("_") if k.strip()]
    return len(keywords) >= 3 and all(_HAN.search(k) and len(k) <= 24 for k in keywords)


def is_trailer_heading(line: str) -> bool:
    """A heading like 相关推荐 or End that starts the list after the article."""
    return _heading_re().fullmatch(line) is not None


@cache
def _heading_re() -> re.Pattern[str]:
    """A line whose letters and digits are those of a heading: 相关推荐, 【相关阅读】, E n d
    (a pattern that fails at a paragraph's first letters, where stripping a whole line of its
    punctuation to compare it cost a copy of every line)."""
    gap = r"[\W_]*"
    headings = [h for h in lexicon.load("boilerplate_headings") if not re.search(r"[\W_]", h)]
    return re.compile(gap + "(?:" + "|".join(gap.join(map(re.escape, h)) for h in headings) + ")" + gap)


def follow_outlet(line: str) -> str | None:
    """The outlet a follow button names (`XX新闻微博`, `XX公众号`), if the line is one."""
    follow = _FOLLOW.match(line)
    return follow.group("outlet") if follow else None
