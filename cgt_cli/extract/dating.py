"""Where a date's year comes from, and the values dates take.

`timex` reads each date expression as written (an `Atom`, or two for a range);
`place_all` gives every one a value and says where its year came from:

    "explicit"  written in the expression (2019年, 19年, ROC 112年)
    "anchor"    the published day: 今年/去年/明年, 本月/上月/下月, 今天/昨天/
                前天/明天, a bare day (17日, the published month or the one
                before), or a year-less date (9月25日), which takes the
                published year, or the year before when that would put it more
                than 6 months after publication
    "context"   the page itself: a year heading (●2021年) over the line, the
                year of an event named right before or after the date
                (2024某某细胞大会9月8日开幕, 9月8日召开的“2024某某论坛”; it
                beats the anchor when they differ), the date before it for
                同年/当年/次年/隔年, 同月/次月, 当天/当日/同日/次日; with no
                anchor, the nearest date that writes a year and a month (or an
                event's year), preferring the one before, and for 今天/今年 the
                year of an event named in the same sentence
    "unknown"   none of these: the value has no year ("--MM-DD", "--MM", "..")

Each mention also says it in finer words, its `basis` (one of BASES): "stated",
"published" (the published year), "published-before" (the year before it),
"published-month" (17日: the published month or the one before), "relative"
(今年, 本月, 昨天…, counted from the published day), "heading", "name" (the
year of an event named beside the date or in its sentence), "previous"
(同年, 次日…: counted from the date before), "context" (the nearest dated
mention), "unknown". A range has the basis of its weaker end.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from cgt_cli.model import TimeMention

STRENGTH = ("explicit", "anchor", "context", "unknown")
BASES = (
    "stated", "published", "published-before", "published-month", "relative", "heading", "name", "previous", "context",
    "unknown",
)  # fmt: skip


class Atom(NamedTuple):
    """One end of a date expression, as written (year None when not written)."""

    year: int | None
    month: int | None
    day: int | None
    part: str | None
    year_shift: int | None  # 今年 0, 去年 -1, 明年 1 (同年 0, 次年 1 with relative_to "context")
    month_shift: int | None  # 本月 0, 上月 -1, 下月 1 (同月 0, 次月 1 with relative_to "context")
    form: str  # "bare" 2018, "short" 10年, "year" 2018年, "day" 17日, "" otherwise
    day_shift: int | None = None  # 今天 0, 昨天 -1 (当天 0, 次日 1 with relative_to "context")
    relative_to: str = "anchor"  # what the shifts count from: "anchor" or "context" (the date before)

    @property
    def has_month(self) -> bool:
        return self.month is not None or self.month_shift is not None

    @property
    def relative(self) -> bool:
        return self.year_shift is not None or self.month_shift is not None or self.day_shift is not None


class Found(NamedTuple):
    start: int
    end: int
    first: Atom
    last: Atom | None  # the end of a range
    open: bool  # 起/以来/至今


class _Around(NamedTuple):
    """What the page says around one date."""

    anchor: date | None
    heading: int | None  # the year of the heading the date stands under
    named: int | None  # the year of the event named right before or after it (2024某某大会9月8日)
    edition: int | None  # the year of an event named in the same sentence
    nearest: int | None  # with no anchor: the year of the nearest dated mention
    before: tuple[Atom, str] | None  # the last date placed before it, with its resolution
    horizon: tuple[int, int, int] | None  # six months after the anchor: a year-less date after it is last year's


_Placed = tuple[str, str, str | None, str]  # value, resolution, part, basis
_Year = tuple[Atom, str, str]  # the atom with its year, its resolution and basis
_HEADING = re.compile(r"^[ \t]*[●○◆◇■□▶►★☆•·◎#*\-—]*[ \t]*((?:19|20)\d\d)[ \t]*年?度?[ \t]*[:：]?[ \t]*$", re.M)
# a year that starts an event's name: 2024某某细胞大会, 2019第五届某某论坛
_EDITION = re.compile(
    r"(?<![\d.\-/])((?:19|20)\d\d)(?![\d年\-./])(?=[ \t]?(?P<name>(?:第[〇一二三四五六七八九十百\d]+|首)届"
    r"[^,;:!?。\n《》“”]{0,30}?(?:大会|峰会|论坛|博览会|交易会|展览会|研讨会|年会|产业周|活动周|大赛|活动|会)"
    r"|[^,;:!?。\n《》“”]{1,30}?(?:大会|峰会|论坛|博览会|交易会|展览会|研讨会|年会|产业周|活动周|大赛|活动)))"
)
# what may stand between an event's name and its date: 2024某某大会9月8日, “…峰会”将于11月3日,
# 11月16日召开的“…峰会”
_NAME_THEN_DATE = re.compile(r"[”》]?[ \t]*(?:将|拟|定|已|计划|预计)?(?:于|在)?[ \t]*")
_DATE_THEN_NAME = re.compile(r"[ \t]*(?:[\u4e00-\u9fff]{1,3}的)?[“《]?[ \t]*")


def place_all(text: str, found: list[Found], anchor: date | None) -> list[TimeMention]:
    """Each match as a mention with its value (see the module docstring); impossible ones dropped."""
    headings = [(m.start(), int(m.group(1))) for m in _HEADING.finditer(text)]
    named = list(_EDITION.finditer(text))
    editions = [(m.start(), int(m.group(1))) for m in named]
    starts = [m.start() for m in named]
    ends = _sentence_ends(text)
    nearest = [(f.start, f.first.year) for f in found if f.first.year and f.first.month]
    nearest += [(f.end, f.last.year) for f in found if f.last and f.last.year and f.last.month]
    nearest = sorted(nearest + editions)
    mentions, before = [], None
    horizon = anchor + relativedelta(months=6) if anchor else None
    horizon = (horizon.year, horizon.month, horizon.day) if horizon else None
    for f in found:
        around = _Around(
            anchor,
            _last_before(headings, f.start),
            _adjacent(text, named, starts, f),
            _edition(editions, ends, f.start),
            None if anchor else _nearest(nearest, f.start),
            before,
            horizon,
        )
        try:
            placed = _place_found(f, around)
        except (ValueError, OverflowError):  # a year outside 1..9999 (an anchor near the ends)
            placed = None
        if placed:
            mentions.append(TimeMention(f.start, f.end, text[f.start : f.end], *placed[0]))
            before = placed[1] or before
    return mentions


def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in re.finditer(r"[。!?;！？；\n]", text)]


def _last_before(marks: list[tuple[int, int]], pos: int) -> int | None:
    """The year of the last mark at or before `pos`."""
    i = bisect_right(marks, (pos, 10_000))
    return marks[i - 1][1] if i else None


def _adjacent(text: str, named: list[re.Match[str]], starts: list[int], found: Found) -> int | None:
    """The year of an event whose name ends right before the date or starts right after it."""
    i = bisect_right(starts, found.start)
    before, after = named[i - 1] if i else None, named[i] if i < len(named) else None
    if before and before.end("name") <= found.start and _NAME_THEN_DATE.fullmatch(text, before.end("name"), found.start):
        return int(before.group(1))
    if after and after.start() >= found.end and _DATE_THEN_NAME.fullmatch(text, found.end, after.start()):
        return int(after.group(1))
    return None


def _edition(editions: list[tuple[int, int]], ends: list[int], pos: int) -> int | None:
    """The year of the first event named in the sentence holding `pos`."""
    i = bisect_right(ends, pos)
    start = ends[i - 1] if i else 0
    end = ends[i] if i < len(ends) else 1 << 62
    j = bisect_right(editions, (start, -1))
    return editions[j][1] if j < len(editions) and editions[j][0] < end else None


def _nearest(context: list[tuple[int, int]], pos: int) -> int | None:
    """The year of the nearest context date before `pos`, else after it."""
    i = bisect_right(context, (pos - 1, 10_000))  # the marks before `pos`
    if i:
        return context[i - 1][1]
    j = bisect_right(context, (pos, 10_000))  # the first mark after `pos`
    return context[j][1] if j < len(context) else None


def _place(atom: Atom, around: _Around) -> _Year:
    """Give `atom` a year (and month or day when it shifts them), saying where it came from."""
    if atom.year is not None:
        return atom, "explicit", "stated"
    if atom.relative_to == "context":
        return _from_before(atom, around)
    if atom.day_shift is not None:
        return _from_today(atom, around)
    if atom.relative:
        return _from_anchor(atom, around)
    if atom.month is None:  # a bare day: 17日
        return _bare_day(atom, around.anchor)
    return _yearless(atom, around)


def _yearless(atom: Atom, around: _Around) -> _Year:
    """9月25日: the heading's or named event's year, else the anchor's, else the nearest date's."""
    anchor = around.anchor
    by_anchor, basis = None, "published"
    if anchor is not None:
        by_anchor = anchor.year
        if _later_than(atom._replace(year=by_anchor), around.horizon):
            by_anchor, basis = by_anchor - 1, "published-before"
    for year, source in ((around.heading, "heading"), (around.named, "name")):
        if year is not None:
            return atom._replace(year=year), "anchor" if year == by_anchor else "context", source
    if by_anchor is not None:
        return atom._replace(year=by_anchor), "anchor", basis
    if around.nearest is not None:
        return atom._replace(year=around.nearest), "context", "context"
    return atom, "unknown", "unknown"


def _from_anchor(atom: Atom, around: _Around) -> _Year:
    """今年/去年/明年 and 本月/上月/下月, counted from the published day; without one, 今年 is
    the year of an event named in the same sentence (2026某某论坛将于今年6月举行)."""
    anchor = around.anchor
    if anchor is None:
        if atom.year_shift == 0 and atom.month_shift is None and around.edition is not None:
            return atom._replace(year=around.edition), "context", "name"
        return atom, "unknown", "unknown"
    if atom.month_shift is None:
        return atom._replace(year=anchor.year + atom.year_shift), "anchor", "relative"
    month = anchor.replace(day=1) + relativedelta(months=atom.month_shift)
    return atom._replace(year=month.year, month=month.month), "anchor", "relative"


def _from_today(atom: Atom, around: _Around) -> _Year:
    """今天/昨天/前天/明天 from the published day; without one, only the year of an event
    held that day (今日,2025首届某某峰会开幕) is known."""
    if around.anchor is None:
        if around.edition is not None:
            return atom._replace(year=around.edition, day_shift=None), "context", "name"
        return atom, "unknown", "unknown"
    day = around.anchor + timedelta(days=atom.day_shift)
    return atom._replace(year=day.year, month=day.month, day=day.day), "anchor", "relative"


def _bare_day(atom: Atom, anchor: date | None) -> _Year:
    """17日: the published month, or the month before when the day is later than publication."""
    if anchor is None:
        return atom, "unknown", "unknown"
    month = anchor.replace(day=1)
    if atom.day > anchor.day:
        month -= relativedelta(months=1)
    if atom.day > calendar.monthrange(month.year, month.month)[1]:
        return atom, "unknown", "unknown"
    return atom._replace(year=month.year, month=month.month), "anchor", "published-month"


def _from_before(atom: Atom, around: _Around) -> _Year:
    """同年/次年, 同月/次月, 当天/次日: counted from the date before; 当天 alone, from the anchor."""
    before, how = around.before or (None, "unknown")
    if atom.day_shift is not None:
        if before is None or before.day is None or before.year is None:
            if atom.day_shift == 0 and around.anchor is not None:
                anchor = around.anchor
                return atom._replace(year=anchor.year, month=anchor.month, day=anchor.day), "anchor", "relative"
            return atom, "unknown", "unknown"
        day = date(before.year, before.month, before.day) + timedelta(days=atom.day_shift)
        return atom._replace(year=day.year, month=day.month, day=day.day), _weaker(how, "context"), "previous"
    if before is None or before.year is None or (atom.month_shift is not None and before.month is None):
        return atom, "unknown", "unknown"
    if atom.month_shift is not None:
        month = date(before.year, before.month, 1) + relativedelta(months=atom.month_shift)
        return atom._replace(year=month.year, month=month.month), _weaker(how, "context"), "previous"
    return atom._replace(year=before.year + atom.year_shift), _weaker(how, "context"), "previous"


def _weaker(*hows: str) -> str:
    return max(hows, key=STRENGTH.index)


def _place_end(last: Atom, first: Atom, how: str, basis: str, around: _Around) -> _Year:
    """A range's end: its own year if it writes one, else the start's (the next one if earlier)."""
    if last.year is not None or last.relative:
        return _place(last, around._replace(heading=None, named=None, edition=None))
    end = last._replace(year=first.year, month=first.month if last.month is None else last.month)
    if first.year is not None and last.month is not None and _first_day(end) < _first_day(first):
        end = end._replace(year=first.year + 1)
    return end, how, basis


def _place_found(found: Found, around: _Around) -> tuple[_Placed, tuple[Atom, str] | None] | None:
    """((value, resolution, part, basis), the start as placed) of a match, or None when it
    names an impossible date or range."""
    first, how, basis = _place(found.first, around)
    head = iso(first)
    start = (first, how) if first.year is not None else None
    if found.last is None:
        if first.year is not None and not possible(first.year, first.month or 1, first.day or 1):
            return None  # 2月29日 in a year without one
        return ((head + "/.." if found.open and head != ".." else head), how, first.part, basis), start
    last, how_last, basis_last = _place_end(found.last, first, how, basis, around)
    tail = iso(last)
    if STRENGTH.index(how_last) > STRENGTH.index(how):
        how, basis = how_last, basis_last
    if ".." in (head, tail):
        return ("..", how, None, basis), start
    span = interval(f"{head}/{tail}")
    if head[0].isdigit() and tail[0].isdigit() and (span is None or span[0] > span[1]):
        return None
    return (f"{head}/{tail}", how, None, basis), start


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def possible(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= _MONTH_DAYS[month] or (month == 2 and day == 29 and calendar.isleap(year))


def _later_than(atom: Atom, day: tuple[int, int, int]) -> bool:
    return (atom.year, atom.month or 1, atom.day or 1) > day


def _first_day(atom: Atom) -> tuple[int, int, int]:
    return (atom.year if atom.year is not None else 2000, atom.month or 1, atom.day or 1)


def iso(atom: Atom) -> str:
    """YYYY[-MM[-DD]]; --MM[-DD] without a year; ".." without a month either."""
    month = f"-{atom.month:02d}" if atom.month else ""
    day = f"-{atom.day:02d}" if atom.day and atom.month else ""
    if atom.year is not None:
        return f"{atom.year:04d}{month}{day}"
    return f"-{month}{day}" if month else ".."


@cache
def _iso_pattern() -> re.Pattern[str]:
    return re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _span(value: str) -> tuple[date, date] | None:
    match = _iso_pattern().fullmatch(value)
    if not match or match[1] == "0000":
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not possible(year, month, day or 1):
        return None
    first = date(year, month, day or 1)
    return first, (first if day else first + relativedelta(months=1, days=-1))


@lru_cache(maxsize=4096)  # a few thousand distinct values per corpus, asked for by every event and row
def interval(value: str) -> tuple[date, date] | None:
    """The first and last day `value` means; None for unknown-year, open or malformed values.

    "2019" -> 2019-01-01..2019-12-31; "2017-08/2017-11" -> 2017-08-01..2017-11-30.
    """
    head, sep, tail = value.partition("/")
    if not sep:
        return _span(value)
    first, last = _span(head), _span(tail)
    return (first[0], last[1]) if first and last else None


def sort_key(value: str) -> tuple[int, date, int, str]:
    """A key that orders values chronologically.

    Values with a known first day come first, by that day; at the same first
    day the longer span comes first ("2019/.." before "2019" before "2019-01"
    before "2019-01-01"); then the value's text. Unknown-year values
    ("--11-18", "..") follow all of them, by their text.
    """
    first = _span(value.partition("/")[0])
    if first is None:
        return (1, date.min, 0, value)
    whole = interval(value)
    last = whole[1] if whole else date.max
    return (0, first[0], -last.toordinal(), value)
