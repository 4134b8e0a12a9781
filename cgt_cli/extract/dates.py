"""Chinese date expressions -> ISO 8601 values, anchored to a published date.

`find_dates(text, anchor)` returns every date expression in `text` as a
`TimeMention`, in text order and without overlaps. `text` is Simplified
Chinese; full-width ASCII (０-９, －, ～, ：) is read as half-width without
changing any offset.

Values, at the precision the text gives:
    "2019", "2019-12", "2019-12-05"  a year, a month, a day (a clock time such
                                     as "2020-09-28 11:19" or 上午 is kept in
                                     the mention, not in the value)
    "2022/2024", "2017-08/2017-11"   a range START/END; an end that omits the
                                     year or month takes them from the start
                                     (8月11日至8月22日), and moves to the next
                                     year when it would fall before the start
    "2020/.."                        an open start: 自2020年起, 2024以来, 至今
    "--11-18", "--11"                a year-less date whose year is unknown
                                     (also as a range end: "2014-11/--03")
    ".."                             nothing absolute is known (去年 or
                                     本月9日 without an anchor)
`part` keeps a coarse part on a year or month value: 初/上旬 "early",
中/中旬 "mid", 底/末/下旬 "late", 上半年 "H1", 下半年 "H2". A range has no part.

Where the year comes from (`resolution`):
    "explicit"  written in the text; a two-digit year (15年, 98年4月) takes the
                latest century that puts it at most 10 years after the anchor's
                year (today's when there is no anchor)
    "anchor"    今年/去年/明年, 本月/上月/下月, or a year-less date (9月25日),
                which takes the anchor's year, or the year before when that
                would put it more than 6 months after the anchor
    "context"   no anchor: a year-less date takes the year of the nearest date
                in the same text that writes a year and a month, preferring the
                nearest one before it
    "unknown"   none of these; the value has no year ("--MM-DD", "--MM", "..")

Forms read: 2019年4月13日 (spaces allowed, Chinese numerals too: 二〇一九年四月
十三日, 十一月十八日), 2019-04-13 / 2019/04/19 / 2019.9.6 / 2022 11 23 /
20240307 (with an optional clock time), 2019-12, 2019.12, 09-01, 2018年,
15年3月2日, 2018 as a whole token, parts (2021年底, 今年上半年, 3月中旬),
relative words (今年/去年/明年 + month and day, 本月9日, 上个月), ranges joined by
-, —, ~, 至 or 到 (2022—2024年, 2019年4月12-19日, 从2015年1月至12月,
1999.08-2002.02) and open starts (自2020年起, 2024以来, 2019年至今).
Not read: a day without a month (23日, 一日, 1号), 同年/当年/次年, a bare 年底.

Not dates: a digit run inside a longer run or touching letters (phone,
licence, record and ID numbers); a number followed by a unit or more digits
(5亿元, 10.52, 99个, 2018-19); a bare four-digit year outside 1900-2100, or
with Han text directly after it, or directly before it other than 在/于/从/
至/为... (健康中国2030; 2022上海...周 names an event edition, not a date); a
two-digit year standing alone after such Han (近10年来, 成立20年) or before
来/内/前/后/多/代... (20年前, 90年代); a 年-year outside 1800-2199 or followed
by 多/余 (2000多年); impossible dates (2月30日, 13月). MM-DD needs two digits
each (09-01), so 3-5 is not read, but a score such as 11-18 is.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from cgt_cli.model import TimeMention

_CN = "〇零一二三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_HAN = "\u3400-\u9fff"
_SP = r"[ \t]*"
_YEAR = rf"\d{{4}}|\d{{2}}|[{_CN}]{{4}}|[{_CN}]{{2}}"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_CONN = rf"{_SP}(?:-|–|—{{1,2}}|~|〜|至|到){_SP}"
_TIME = (
    rf"(?:{_SP}(?:[上下中]午|早上|晚上|凌晨|傍晚))?"
    rf"(?:{_SP}\d{{1,2}}(?::\d{{2}}(?::\d{{2}})?|[时点](?:\d{{1,2}}分|半)?))?"
)
_EARLY_MID_LATE = rf"底|末|初(?![步次级衷心])|中(?![{_HAN}])"  # not 初步, 中国
_YEAR_PART = rf"年[底末初中]|{_EARLY_MID_LATE}|[上下]半年"  # 今年年中, 2021年底, 上半年
_MONTH_PART = rf"[上中下]旬|{_EARLY_MID_LATE}"
_PARTS = {"初": "early", "上旬": "early", "中": "mid", "中旬": "mid", "底": "late",
          "末": "late", "下旬": "late", "上半年": "H1", "下半年": "H2"}
_SHIFT = {"今": 0, "去": -1, "明": 1, "本": 0, "上": -1, "下": 1}
_PREPOSITIONS = "在于从自到至及和与或为是"  # Han that may stand right before a bare or two-digit year
# after a year standing alone, these make it a duration or count: 近10年来, 20年前, 2000多年
_NOT_AFTER = {"short": "来内间里多余后前左半级代度", "year": "多余"}
_STRENGTH = ("explicit", "anchor", "context", "unknown")


class _Regexes(NamedTuple):
    candidates: re.Pattern[str]
    date: re.Pattern[str]  # a date, a range or an open start
    single: re.Pattern[str]  # a date or an open start, for when a range turns out wrong
    digit_tail: re.Pattern[str]
    iso: re.Pattern[str]
    wide: re.Pattern[str]  # full-width ASCII, read as half-width
    fold: dict[int, int]


class _Atom(NamedTuple):
    """One end of a date expression, as written (year None when not written)."""

    year: int | None
    month: int | None
    day: int | None
    part: str | None
    year_shift: int | None  # 今年 0, 去年 -1, 明年 1
    month_shift: int | None  # 本月 0, 上月 -1, 下月 1
    form: str  # "bare" 2018, "short" 10年, "year" 2018年, "" otherwise

    @property
    def has_month(self) -> bool:
        return self.month is not None or self.month_shift is not None


_Placed = tuple[str, str, str | None]  # value, resolution, part


class _Found(NamedTuple):
    start: int
    end: int
    first: _Atom
    last: _Atom | None  # the end of a range
    open: bool  # 起/以来/至今


def _atom(n: str, ranged: bool) -> str:
    """The pattern of one date, its groups suffixed with `n`.

    In the start of a range a number may leave its unit to the end: 2019年4月12-19日.
    """

    def unit_later(number: str, unit: str) -> str:
        return rf"|(?={_CONN}(?:{number}){_SP}{unit})" if ranged else ""

    numeric = (
        rf"(?P<ny{n}>\d{{4}})[-/.](?P<nm{n}>{_MONTH})(?!\d)(?:[-/.](?P<nd{n}>{_DAY})(?!\d))?"
        rf"|(?P<sy{n}>\d{{4}})[ ](?P<sm{n}>{_MONTH})[ ](?P<sd{n}>{_DAY})(?!\d)"
        rf"|(?P<py{n}>\d{{4}})(?P<pm{n}>\d\d)(?P<pd{n}>\d\d)(?!\d)"
        rf"|(?P<qm{n}>0[1-9]|1[0-2])-(?P<qd{n}>0[1-9]|[12]\d|3[01])(?!\d)"
    )
    chinese = (
        rf"(?:(?P<y{n}>{_YEAR})(?:{_SP}年{unit_later(_YEAR, '年')})"
        rf"|(?<![如说表证声注过])(?P<ry{n}>[今去明])年(?![轻级龄纪]))?"
        rf"(?P<yp{n}>{_YEAR_PART})?"
        rf"(?:{_SP}(?:(?P<m{n}>{_MONTH})(?:{_SP}月份?{unit_later(_MONTH, '月')})"
        rf"|(?P<rm{n}>[本上下])个?月))?"
        rf"(?P<mp{n}>{_MONTH_PART})?"
        rf"(?:{_SP}(?P<d{n}>{_DAY})(?:{_SP}[日号]{unit_later(_DAY, '[日号]')}){_TIME})?"
    )
    bare = rf"(?P<by{n}>\d{{4}})(?!\d|{_SP}年)"
    return rf"(?P<a{n}>(?:{numeric}){_TIME}|{bare}|{chinese})"


@cache
def _regexes() -> _Regexes:
    start = rf"\d{_CN}十"
    prefix = rf"(?:[从自]{_SP})?"
    opening = rf"(?P<open>{_SP}(?:以来|至今|迄今|起(?![草步诉飞来源点])))"
    return _Regexes(
        candidates=re.compile(  # one character class first, for speed; then what must surround it
            rf"[{start}从自今去明本上下](?:(?<=[从自])(?={_SP}[{start}今去明本上下])|(?<=[今去明])(?=年)"
            rf"|(?<=[本上下])(?=个?月)|(?<=\d)(?<![{start}A-Za-z./-]\d)"
            rf"|(?<=[{_CN}十])(?<![{start}A-Za-z./-].)(?=[{_CN}十]*{_SP}(?:[年月日号]|{_CONN})))"
        ),
        date=re.compile(
            prefix + _atom("1", True) + rf"(?:{_CONN}{_atom('2', False)}(?:{_SP}止)?|{opening})?"
        ),
        single=re.compile(prefix + _atom("1", False) + rf"{opening}?"),
        digit_tail=re.compile(r"[-.:/~–—〜]*\d|[A-Za-z]|[ \t]*[年月日号万亿元%‰倍个岁名人次家项位台件种]"),
        iso=re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"),
        wide=re.compile("[\uff01-\uff5e\u3000]"),
        fold={c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20},
    )


def find_dates(text: str, anchor: date | None) -> list[TimeMention]:
    """Every date expression in `text`, in order; see the module docstring."""
    rx = _regexes()
    folded = text.translate(rx.fold) if rx.wide.search(text) else text
    found = _scan(folded, (anchor or date.today()).year)
    context = [(f.start, f.first.year) for f in found if f.first.year and f.first.month]
    context += [(f.end, f.last.year) for f in found if f.last and f.last.year and f.last.month]
    context.sort()
    mentions = []
    for f in found:
        try:
            placed = _place_found(f, anchor, None if anchor else _nearest(context, f.start))
        except (ValueError, OverflowError):  # a year outside 1..9999 (an anchor near the ends)
            placed = None
        if placed:
            mentions.append(TimeMention(f.start, f.end, text[f.start : f.end], *placed))
    return mentions


def _scan(text: str, pivot: int) -> list[_Found]:
    """Match a date or range at each candidate start (a wrong range: its start alone).

    A rejected match is skipped whole.
    """
    rx = _regexes()
    found: list[_Found] = []
    pos = 0
    for candidate in rx.candidates.finditer(text):
        at = candidate.start()
        if at < pos:
            continue
        match = rx.date.match(text, at)
        hit = match and _accept(match, text, pivot)
        if not hit and match and match.group("a2") is not None:
            match = rx.single.match(text, at)
            hit = match and _accept(match, text, pivot)
        if hit:
            found.append(hit)
        if match:
            pos = max(pos, match.end())
    return found


def _accept(match: re.Match[str], text: str, pivot: int) -> _Found | None:
    if not match.group("a1"):
        return None  # the atom matched nothing (its groups are all optional)
    groups = match.groupdict()
    ranged = groups.get("a2") is not None
    if ranged and not groups["a2"]:
        return None
    first = _read_atom(groups, "1", pivot, is_end=False)
    last = _read_atom(groups, "2", pivot, is_end=True) if ranged else None
    if first is None or (ranged and last is None):
        return None
    if last and last.day and not (last.has_month or first.has_month):
        return None  # 2019年至5日: the day has no month
    opened = bool(groups.get("open"))
    start = match.start() if ranged or opened else match.start("a1")
    found = _Found(start, match.end(), first, last, opened)
    return found if _fits_context(text, found) else None


def _read_atom(groups: dict[str, str | None], n: str, pivot: int, is_end: bool) -> _Atom | None:
    """The atom of the groups suffixed `n`, or None when it is not a whole, possible date."""

    def pick(names: str) -> str | None:
        return next((groups[k + n] for k in names.split() if groups[k + n]), None)

    year_text, month_text = pick("ny sy py by y"), pick("nm sm pm qm m")
    day_text = pick("nd sd pd qd d")
    rel_year, rel_month = groups["ry" + n], groups["rm" + n]
    year_part, month_part = groups["yp" + n], groups["mp" + n]
    has_year, has_month = bool(year_text or rel_year), bool(month_text or rel_month)
    if not (has_year or has_month or (is_end and day_text)):
        return None
    if (day_text and not has_month and not is_end) or (rel_month and has_year):
        return None
    if (year_part and (has_month or not has_year)) or (month_part and (day_text or not has_month)):
        return None
    year = _full_year(year_text, pivot) if year_text else None
    bare = bool(groups["by" + n])
    lowest, highest = (1900, 2100) if bare else (1800, 2199)
    if year is not None and len(year_text) == 4 and not lowest <= year <= highest:
        return None
    month = _number(month_text) if month_text else None
    day = _number(day_text) if day_text else None
    if not _possible(year or 2000, month or 1, day or 1):
        return None
    alone = year_text and not has_month and not year_part
    form = ("bare" if bare else "short" if len(year_text) == 2 else "year") if alone else ""
    part = _PARTS.get((year_part or month_part or "").lstrip("年"))
    shifts = _SHIFT.get(rel_year or ""), _SHIFT.get(rel_month or "")
    return _Atom(year, month, day, part, *shifts, form)


def _number(text: str) -> int:
    """An Arabic or Chinese number: 12, 十二, 二十七, 二〇一九 (digit by digit)."""
    if text.isascii():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_VALUE.get(tens, 1) * 10 + _CN_VALUE.get(ones, 0)
    return int("".join(str(_CN_VALUE[c]) for c in text))


def _full_year(text: str, pivot: int) -> int:
    """A four-digit year; a two-digit one in the latest century ending at most at pivot + 10."""
    value = _number(text)
    if len(text) == 4:
        return value
    latest = pivot + 10
    return latest - (latest - value) % 100


def _possible(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _fits_context(text: str, found: _Found) -> bool:
    """The characters around a match agree that it is a date (see the module docstring)."""
    before = text[found.start - 1] if found.start else ""
    after = text[found.end] if found.end < len(text) else ""
    if found.first.form in ("bare", "short") and _is_han(before) and before not in _PREPOSITIONS:
        return False
    last = found.last or found.first
    if not found.open and after:
        if last.form == "bare" and _is_han(after):
            return False
        if after in _NOT_AFTER.get(last.form, ""):
            return False
    tail = _regexes().digit_tail.match(text, found.end) if text[found.end - 1].isdigit() else None
    if tail and not (last.day and tail.group()[0] in " \t"):  # `56 个` counts; `2023-03-15 人民网` is a date
        return False
    return after != "龄"


def _nearest(context: list[tuple[int, int]], pos: int) -> int | None:
    """The year of the nearest context date before `pos`, else after it."""
    before = [year for at, year in context if at < pos]
    if before:
        return before[-1]
    return next((year for at, year in context if at > pos), None)


def _place(atom: _Atom, anchor: date | None, context_year: int | None) -> tuple[_Atom, str]:
    """Give `atom` a year (and month for 本月/上月), saying where it came from."""
    if atom.year is not None:
        return atom, "explicit"
    if atom.year_shift is not None or atom.month_shift is not None:
        if anchor is None:
            return atom, "unknown"
        if atom.month_shift is None:
            return atom._replace(year=anchor.year + atom.year_shift), "anchor"
        month = anchor.replace(day=1) + relativedelta(months=atom.month_shift)
        return atom._replace(year=month.year, month=month.month), "anchor"
    if anchor is not None:
        year = anchor.year
        if _first_day(atom._replace(year=year)) > anchor + relativedelta(months=6):
            year -= 1
        return atom._replace(year=year), "anchor"
    if context_year is not None:
        return atom._replace(year=context_year), "context"
    return atom, "unknown"


def _place_end(last: _Atom, first: _Atom, how: str, anchor: date | None) -> tuple[_Atom, str]:
    """A range's end: its own year if it writes one, else the start's (the next one if earlier)."""
    if last.year is not None or last.year_shift is not None or last.month_shift is not None:
        return _place(last, anchor, None)
    end = last._replace(year=first.year, month=first.month if last.month is None else last.month)
    if first.year is not None and last.month is not None and _first_day(end) < _first_day(first):
        end = end._replace(year=first.year + 1)
    return end, how


def _place_found(found: _Found, anchor: date | None, context_year: int | None) -> _Placed | None:
    """(value, resolution, part) of a match, or None when it names an impossible date or range."""
    first, how = _place(found.first, anchor, context_year)
    head = _iso(first)
    if found.last is None:
        if head[0].isdigit() and interval(head) is None:
            return None
        return (head + "/.." if found.open and head != ".." else head), how, first.part
    last, how_last = _place_end(found.last, first, how, anchor)
    tail = _iso(last)
    how = max(how, how_last, key=_STRENGTH.index)
    if ".." in (head, tail):
        return "..", how, None
    span = interval(f"{head}/{tail}")
    if head[0].isdigit() and tail[0].isdigit() and (span is None or span[0] > span[1]):
        return None
    return f"{head}/{tail}", how, None


def _first_day(atom: _Atom) -> date:
    year = atom.year if atom.year is not None else 2000
    return date(year, atom.month or 1, 1) + relativedelta(days=(atom.day or 1) - 1)


def _iso(atom: _Atom) -> str:
    """YYYY[-MM[-DD]]; --MM[-DD] without a year; ".." without a month either."""
    month = f"-{atom.month:02d}" if atom.month else ""
    day = f"-{atom.day:02d}" if atom.day else ""
    if atom.year is not None:
        return f"{atom.year:04d}{month}{day}"
    return f"-{month}{day}" if month else ".."


def _span(value: str) -> tuple[date, date] | None:
    match = _regexes().iso.fullmatch(value)
    if not match or match[1] == "0000":
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not _possible(year, month, day or 1):
        return None
    first = date(year, month, day or 1)
    return first, (first if day else first + relativedelta(months=1, days=-1))


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
