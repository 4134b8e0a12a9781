"""Header lines that say who published a page and when.

`read_meta(line)` reads a source line (`来源:X`), a dateline (`某某日报 2021-03-08
10:15`, `发布时间:2019/7/3 09:15:00 | 来源:X`, `X|2024-02-01|【打印】`) or a date
alone on its line, and says what it states. `header_date(line)` finds a
publication date in every form headers use: those of `dates.find_dates`
(2019年4月13日, 2019-04-13, 2019/7/3, 20210415, 二〇二三年十一月二日), ROC years
(民国112年5月3日, 112/05/03: year + 1911), ISO timestamps (2024-05-06T10:00:00) and English (3 May 2024, May 3, 2024;
May 2024 gives a month). A date under another label (活动时间, 截止日期) is not
a publication date.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cgt_cli.extract import lexicon

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_NUM = r"\d{1,3}|[〇零一二三四五六七八九十百]{1,5}"
_ROC = re.compile(
    rf"民[国國]\s*(?P<y>{_NUM})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日"
    r"|(?<![\d/.-])(?P<ny>1\d\d)(?P<sep>[/.-])(?P<nm>[01]?\d)(?P=sep)(?P<nd>[0-3]?\d)(?![\d/.-])"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon{n}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
_ENGLISH = re.compile(
    rf"(?<![a-z])(?:(?P<d1>\d{{1,2}})\s+{_MONTH.format(n=1)},?\s+"
    rf"|{_MONTH.format(n=2)}\s+(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?)"
    r"(?P<y>(?:19|20)\d\d)(?!\d)",
    re.I,
)
_TIME = re.compile(r"\s*(\d{1,2}:\d{2}(?::\d{2})?)")
_ISO = re.compile(r"(?<!\d)(\d{4}-[01]\d-[0-3]\d)T(\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")
_LABEL_BEFORE = re.compile(r"(?P<label>[\u4e00-\u9fffA-Za-z]{0,6})\s*[:]?\s*$")
_SOURCE = re.compile(r"(?<![\u4e00-\u9fff])(?:文章|信息|新闻|稿件|本文)?(?:来源|稿源|出处)\s*:\s*")  # not 图片来源
_FIELD = re.compile(r"[\u4e00-\u9fff]{1,5}\s*:")  # 编辑: 点击: 栏目: the next field of the line
_PAIR = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,6}\s*:\s*[^\s|:]*")  # 栏目:要闻, 点击:25
_CHANNEL = re.compile(r"\s*[-—]\s*[\u4e00-\u9fff]{1,8}(?:频道|栏目|专栏|版)$")  # 某某网-江苏频道
_IN_SENTENCE = "至止于在从自到为截"
_WEEKDAY = re.compile(r"^(?:星期|礼拜|周)[一二三四五六日天]$|^农历")
_HAN = re.compile(r"[\u4e00-\u9fff]")


class Found(NamedTuple):
    """A publication date in a line: where it is, its ISO value and clock time."""

    start: int
    end: int
    value: str  # "2021-03-08", or "2024-05" (a month: only a date alone on its line)
    time: str | None


class Meta(NamedTuple):
    """What a header line states."""

    source: str | None  # the value of a 来源 label
    word: str | None  # a name beside the date on a dateline (某某日报 2021-03-08)
    date: Found | None
    kind: str  # "source" | "dateline" | "posted" (发表于: a repost's time) | "bare" (a date alone)


def read_meta(line: str) -> Meta | None:
    """The source and date a header line states, or None for any other line."""
    line = line.strip().lstrip("-·•* \t")
    source = _SOURCE.search(line)
    found = header_date(line)
    if found and not _publication_label(line[: found.start]):
        found = None
    if found is None and source is None:
        return None
    outlet, taken = _source_value(line, source, found) if source else (None, (0, 0))
    start, end = (found.start, found.end) if found else (len(line), len(line))
    before = _leftover(_without(line[:start], taken))
    after = _leftover(_without(line[end:], taken, end))
    if source is None and not _dateline_rest(before, after):
        return None
    alone = found is not None and not re.search(r"\w", line[:start] + line[end:])
    kind = "source" if source else "posted" if "发表于" in line else "bare" if alone else "dateline"
    return Meta(outlet, None if source else _outlet_beside(before, after), found, kind)


@lru_cache(maxsize=4096)
def header_date(line: str) -> Found | None:
    """The first publication date in `line`; a month only when nothing else is on the line."""
    from cgt_cli.extract.dates import find_dates

    found = [_roc(m, line) for m in _ROC.finditer(line)] + [_english(m, line) for m in _ENGLISH.finditer(line)]
    found = [f for f in found if f] + [_iso(m) for m in _ISO.finditer(line)]
    for mention in find_dates(line, None):
        if mention.resolution != "explicit" or not re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", mention.value):
            continue
        if any(f.start < mention.end and mention.start < f.end for f in found):
            continue  # 民国99年1月1日 is not 1999
        time = re.search(r"\d{1,2}:\d{2}(?::\d{2})?", mention.text)
        found.append(Found(mention.start, mention.end, mention.value, time.group() if time else None))
    days = sorted(f for f in found if len(f.value) == 10)
    months = sorted(f for f in found if len(f.value) == 7)
    if days:
        return days[0]
    if months and not re.search(r"\w", line[: months[0].start] + line[months[0].end :]):
        return months[0]  # May 2024 alone on its line: a monthly's issue
    return None


def _iso(match: re.Match[str]) -> Found:
    """2024-05-06T10:00:00+08:00: a machine timestamp, which find_dates leaves (a letter follows)."""
    return Found(match.start(), match.end(), match.group(1), match.group(2))


def _roc(match: re.Match[str], line: str) -> Found | None:
    """民国112年5月3日 or 112/05/03: an ROC year, 1911 before the Common Era's."""
    y, m, d = (match.group(a) or match.group(b) for a, b in (("y", "ny"), ("m", "nm"), ("d", "nd")))
    return _found(match, line, _number(y) + 1911, _number(m), _number(d))


def _english(match: re.Match[str], line: str) -> Found | None:
    name = (match.group("mon1") or match.group("mon2"))[:3].lower()
    month = _MONTHS.index(name) + 1
    day = match.group("d1") or match.group("d2")
    return _found(match, line, int(match.group("y")), month, int(day) if day else None)


def _found(match: re.Match[str], line: str, year: int, month: int, day: int | None) -> Found | None:
    import calendar

    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    time = _TIME.match(line, match.end())
    end = time.end() if time else match.end()
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return Found(match.start(), end, value, time.group(1) if time else None)


def _number(text: str) -> int:
    """12, 一一二, 一百一十二, 十二: Arabic or Chinese numerals."""
    if text.isdigit():
        return int(text)
    if "百" not in text and "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    hundreds, _, rest = text.rpartition("百")
    tens, _, ones = rest.rpartition("十") if "十" in rest else ("", "", rest)
    value = (_CN_DIGITS.get(hundreds, 1) * 100 if "百" in text else 0) + _CN_DIGITS.get(ones, 0)
    return value + ((_CN_DIGITS.get(tens, 1) if tens or "十" in rest else 0) * 10)


def _dateline_rest(before: str, after: str) -> bool:
    """What a dateline holds beside its date: a few short words (a name, a weekday, buttons)."""
    words = (before + " " + after).split()
    return len(before) + len(after) <= 30 and all(len(w) <= 12 and not re.search(r"[。!?;]", w) for w in words)


def _publication_label(before: str) -> bool:
    """No label right before the date, or one that names a publication (发布时间, 日期)."""
    label = _LABEL_BEFORE.search(before).group("label").lower()
    if label.endswith(("今天是", "今天", "今日是", "今日")):
        return False  # 今天是2024年5月6日: a portal's clock, not the page's date
    if label and label[-1] in _IN_SENTENCE and not label.endswith(("发表于", "发布于")):
        return False  # 截至2024年5月6日, 于2024年…: a date inside a sentence
    if not label.endswith(("时间", "日期", "date")):
        return True  # 发表于 2021-3-9, 某某日报 2021-03-08: no label of a kind
    return label in ("时间", "日期", "date") or label.endswith(tuple(lexicon.load("header_date_labels")))


def _source_value(line: str, source: re.Match[str], found: Found | None) -> tuple[str | None, tuple[int, int]]:
    """The outlet a 来源 label names, and the span of the line it takes.

    The value stops at the next field (编辑:), a separator or the date; a label
    glued to its end (`委员  会发布时间20210415`) leaves its head behind.
    """
    start = source.end()
    end = found.start if found and found.start >= start else len(line)
    stop = re.search(r"[|｜【\[]", line[start:end])
    end = start + stop.start() if stop else end
    field = _FIELD.search(line, start, end)
    end = field.start() if field else end
    value = line[start:end].strip()
    glued = re.search(r"(?:发布|发表|更新)?(?:时间|日期)$", value)
    if glued:
        value = value[: glued.start()]
    words = value.split()
    if not words:
        return None, (source.start(), end)
    head = "".join(words) if glued and len(words) == 2 and len(words[1]) <= 2 else words[0]
    head = _CHANNEL.sub("", head.strip("-—·,()[]【】"))
    named = 2 <= len(head) <= 30 and _names_something(head)
    return (head if named else None), (source.start(), end)


def _without(piece: str, taken: tuple[int, int], offset: int = 0) -> str:
    """`piece` (starting at `offset` of its line) without the span `taken`."""
    start, end = max(taken[0] - offset, 0), max(taken[1] - offset, 0)
    return piece[:start] + " " + piece[end:] if start < end else piece


def _leftover(piece: str) -> str:
    """A piece of a dateline without its labelled fields, labels and separators."""
    piece = _PAIR.sub(" ", piece)
    piece = re.sub(r"(?:发表|发布)于\s*[\u4e00-\u9fff]*", " ", piece)  # 发表于上海: where a post was made
    piece = re.sub(r"(?:(?:发布|发表|更新|出版)?(?:时间|日期)|\bdate\b)\s*:?", " ", piece, flags=re.I)
    return re.sub(r"[\s|｜·•/,:()【】\[\]]+", " ", piece).strip()


def _outlet_beside(before: str, after: str) -> str | None:
    """The name beside the date: one with a publisher's ending, else the nearest before it, else after."""
    words = [w for w in (_name(w) for w in before.split()[::-1] + after.split()) if w]
    named = [w for w in words if w.endswith(tuple(lexicon.load("outlet_suffixes")))]
    return (named or words or [None])[0]


def _names_something(word: str) -> bool:
    """False for 本站原创, 网络整理, 阅读量: nothing is left without the words that name no outlet."""
    for stop in lexicon.load("outlet_not_names"):
        word = word.replace(stop, "")
    return len(word) >= 2


def _name(word: str) -> str | None:
    """`word` when it can name an outlet: Han, no digits, no marker, not a weekday or credit word."""
    word = word.strip("-—()[]【】")
    if not 2 <= len(word) <= 20 or not _HAN.search(word) or re.search(r"\d", word) or _WEEKDAY.match(word):
        return None
    if word in lexicon.load("header_credit_labels") or not _names_something(word):
        return None
    return None if any(m in word for m in lexicon.load("boilerplate_markers")) else word
