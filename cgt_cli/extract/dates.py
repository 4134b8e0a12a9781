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

import re
from datetime import date
from functools import cache
from typing import NamedTuple

from cgt_cli.extract.dating import Atom, Found, interval, place_all, possible, sort_key
from cgt_cli.model import TimeMention

__all__ = ["find_dates", "interval", "sort_key"]

_CN = "〇零一二三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_HAN = "\u3400-\u9fff"
_SP = r"[ \t]*"
_YEAR = rf"\d{{4}}|\d{{3}}|\d{{2}}|[{_CN}]{{4}}|[{_CN}]{{2}}"
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
_SHIFT = {"今": 0, "去": -1, "明": 1, "本": 0, "上": -1, "下": 1, "同": 0, "当": 0, "次": 1, "翌": 1, "隔": 1}
_DAY_WORDS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2, "明天": 1, "明日": 1}
_CONTEXT_DAYS = {"当天": 0, "当日": 0, "同日": 0, "次日": 1, "翌日": 1}  # from the date before
_NOT_COUNTED = "首每这此多一二两三几该本再屡不共相想"  # 首次年会, 不同年龄: not 次年, 同年
# the Han that may follow 今天/昨日…: a time of day, an adverb or preposition, a verb's start
# (今日头条, 今日山东 name things; 今天天气 is no event's date)
_DAY_WORD_NEXT = "上下中早晚凌傍夜起正在于从向与和将已又再也就还便首即对由被为共同召举发宣获揭签开启迎公表"
_ADVERBS = "曾已便就又再即才均先"  # 2016曾获评…: a bare year before an adverb is a date
_DOC_NUMBER = re.compile(r"[〕\]】)）][ \t]*第?\d+[ \t]*号")  # 〔2019〕15号, (2018)7号: a document number
_PREPOSITIONS = "在于从自到至及和与或为是"  # Han that may stand right before a bare or two-digit year
# after a year standing alone, these make it a duration or count: 近10年来, 20年前, 2000多年
_NOT_AFTER = {"short": "来内间里多余后前左半级代度", "year": "多余"}


_GROUPS = {  # the groups that hold a year, a month and a day, for either atom
    n: tuple(tuple(k + n for k in names.split()) for names in ("ny sy py by y", "nm sm pm qm m", "nd sd pd qd d"))
    for n in "12"
}


class _Regexes(NamedTuple):
    candidates: re.Pattern[str]
    date: re.Pattern[str]  # a date, a range or an open start
    single: re.Pattern[str]  # a date or an open start, for when a range turns out wrong
    digit_tail: re.Pattern[str]
    wide: re.Pattern[str]  # full-width ASCII, read as half-width
    fold: dict[int, int]


def _atom(n: str, ranged: bool) -> str:
    """The pattern of one date, its groups suffixed with `n`.

    In the start of a range a number may leave its unit to the end: 2019年4月12-19日.
    """

    def unit_later(number: str, unit: str) -> str:
        return rf"|(?={_CONN}(?:{number}){_SP}{unit})" if ranged else ""

    numeric = (
        rf"(?P<ny{n}>\d{{4}})[-/.](?P<nm{n}>{_MONTH})(?!\d)(?:[-/.](?P<nd{n}>{_DAY})(?!\d))?"
        rf"|(?P<sy{n}>\d{{4}})[ ]{{1,2}}(?P<sm{n}>{_MONTH})[ ]{{1,2}}(?P<sd{n}>{_DAY})(?!\d)"
        rf"|(?P<py{n}>\d{{4}})(?P<pm{n}>\d\d)(?P<pd{n}>\d\d)(?!\d)"
        rf"|(?P<qm{n}>0[1-9]|1[0-2])-(?P<qd{n}>0[1-9]|[12]\d|3[01])(?!\d)"
    )
    chinese = (
        rf"(?:(?P<y{n}>{_YEAR})(?:{_SP}年{unit_later(_YEAR, '年')})"
        rf"|(?<![如说表证声注过])(?P<ry{n}>[今去明])年(?![轻级龄纪份])"
        rf"|(?<![{_NOT_COUNTED}])(?P<cy{n}>[同当次翌隔])年(?![轻级龄纪份会]))?"
        rf"(?P<yp{n}>{_YEAR_PART})?"
        rf"(?:{_SP}(?:(?P<m{n}>{_MONTH})(?:{_SP}月份?{unit_later(_MONTH, '月')})"
        rf"|(?P<rm{n}>[本上下])个?月|(?<![{_NOT_COUNTED}])(?P<cm{n}>[同当次翌])月))?"
        rf"(?P<mp{n}>{_MONTH_PART})?"
        rf"(?:{_SP}(?P<d{n}>{_DAY})(?:{_SP}(?P<du{n}>[日号]){unit_later(_DAY, '[日号]')}){_TIME})?"
    )
    words = "|".join([*_DAY_WORDS, *_CONTEXT_DAYS])
    day_word = rf"(?<![{_NOT_COUNTED}])(?P<w{n}>{words}){_TIME}"
    bare = rf"(?P<by{n}>\d{{4}})(?!\d|{_SP}年)"
    return rf"(?P<a{n}>(?:{numeric}){_TIME}|{bare}|{day_word}|{chinese})"


@cache
def _regexes() -> _Regexes:
    start = rf"\d{_CN}十"
    prefix = rf"(?:[从自]{_SP})?"
    opening = rf"(?P<open>{_SP}(?:以来|至今|迄今|起(?![草步诉飞来源点])))"
    return _Regexes(
        candidates=re.compile(  # one character class first, for speed; then what must surround it
            rf"[{start}从自今去明本上下昨前当同次翌隔](?:(?<=[从自])(?={_SP}[{start}今去明本上下])|(?<=[今去明])(?=年)"
            rf"|(?<=[本上下])(?=个?月)|(?<=[今昨前明])(?=[天日](?:[^{_HAN}]|[{_DAY_WORD_NEXT}]|$))"
            rf"|(?<=[当同次翌])(?=[天日])|(?<=[同当次翌隔])(?=[年月])"
            rf"|(?<=\d)(?<![{start}A-Za-z./-]\d)"
            rf"|(?<=[{_CN}十])(?<![{start}A-Za-z./-].)(?=[{_CN}十]*{_SP}(?:[年月日号]|{_CONN})))"
        ),
        date=re.compile(
            prefix + _atom("1", True) + rf"(?:{_CONN}{_atom('2', False)}(?:{_SP}止)?|{opening})?"
        ),
        single=re.compile(prefix + _atom("1", False) + rf"{opening}?"),
        digit_tail=re.compile(r"[-.:/~–—〜]*\d|[A-Za-z]|[ \t]*[年月日号万亿元%‰倍个岁名人次家项位台件种]"),
        wide=re.compile("[\uff01-\uff5e\u3000]"),
        fold={c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20},
    )


def find_dates(text: str, anchor: date | None) -> list[TimeMention]:
    """Every date expression in `text`, in order; see the module docstring."""
    rx = _regexes()
    folded = text.translate(rx.fold) if rx.wide.search(text) else text
    return place_all(text, _scan(folded, (anchor or date.today()).year), anchor)


def _scan(text: str, pivot: int) -> list[Found]:
    """Match a date or range at each candidate start (a wrong range: its start alone).

    A rejected match is skipped whole.
    """
    rx = _regexes()
    found: list[Found] = []
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


def _accept(match: re.Match[str], text: str, pivot: int) -> Found | None:
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
    if last and (first.form == "day" or first.day_shift is not None or last.day_shift is not None):
        return None  # 17日至19日, 今天至明天: read the start alone
    opened = bool(groups.get("open"))
    start = match.start() if ranged or opened else match.start("a1")
    found = Found(start, match.end(), first, last, opened)
    return found if _fits_context(text, found) else None


def _read_atom(groups: dict[str, str | None], n: str, pivot: int, is_end: bool) -> Atom | None:
    """The atom of the groups suffixed `n`, or None when it is not a whole, possible date."""

    def pick(names: tuple[str, ...]) -> str | None:
        for name in names:
            if groups[name]:
                return groups[name]
        return None

    if groups["w" + n]:
        return _day_word(groups["w" + n])
    names = _GROUPS[n]
    year_text, month_text, day_text = pick(names[0]), pick(names[1]), pick(names[2])
    rel_year, rel_month = groups["ry" + n] or groups["cy" + n], groups["rm" + n] or groups["cm" + n]
    year_part, month_part = groups["yp" + n], groups["mp" + n]
    has_year, has_month = bool(year_text or rel_year), bool(month_text or rel_month)
    bare_day = bool(day_text and day_text.isdigit() and groups["du" + n] == "日") and not (is_end or has_year or has_month)
    if not (has_year or has_month or (is_end and day_text) or bare_day):
        return None
    if (day_text and not has_month and not is_end and not bare_day) or (rel_month and has_year):
        return None
    if (year_part and (has_month or not has_year)) or (month_part and (day_text or not has_month)):
        return None
    if year_text and len(year_text) == 3 and not (month_text and int(year_text) <= 200):
        return None  # an ROC year (112年5月3日) comes with its month
    relative_to = "context" if groups["cy" + n] or groups["cm" + n] else "anchor"
    if groups["cy" + n] and groups["rm" + n] or groups["ry" + n] and groups["cm" + n]:
        return None
    year = _full_year(year_text, pivot) if year_text else None
    bare = bool(groups["by" + n])
    lowest, highest = (1900, 2100) if bare else (1800, 2199)
    if year is not None and len(year_text) == 4 and not lowest <= year <= highest:
        return None
    month = _number(month_text) if month_text else None
    day = _number(day_text) if day_text else None
    if not possible(year or 2000, month or 1, day or 1):
        return None
    alone = year_text and not has_month and not year_part
    form = ("bare" if bare else "short" if len(year_text) == 2 else "year") if alone else "day" if bare_day else ""
    part = _PARTS.get((year_part or month_part or "").lstrip("年"))
    shifts = _SHIFT.get(rel_year or ""), _SHIFT.get(rel_month or "")
    return Atom(year, month, day, part, *shifts, form, relative_to=relative_to)


def _day_word(word: str) -> Atom:
    """今天/昨日… from the published day; 当天/次日… from the date before."""
    if word in _DAY_WORDS:
        return Atom(None, None, None, None, None, None, "", _DAY_WORDS[word])
    return Atom(None, None, None, None, None, None, "", _CONTEXT_DAYS[word], "context")


def _number(text: str) -> int:
    """An Arabic or Chinese number: 12, 十二, 二十七, 二〇一九 (digit by digit)."""
    if text.isascii():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_VALUE.get(tens, 1) * 10 + _CN_VALUE.get(ones, 0)
    return int("".join(str(_CN_VALUE[c]) for c in text))


def _full_year(text: str, pivot: int) -> int:
    """A four-digit year; an ROC one (112 is 2023); a two-digit one in the latest century
    ending at most at pivot + 10."""
    value = _number(text)
    if len(text) == 4:
        return value
    if len(text) == 3:
        return value + 1911
    latest = pivot + 10
    return latest - (latest - value) % 100


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _fits_context(text: str, found: Found) -> bool:
    """The characters around a match agree that it is a date (see the module docstring)."""
    before = text[found.start - 1] if found.start else ""
    after = text[found.end] if found.end < len(text) else ""
    first, last = found.first, found.last or found.first
    if first.form in ("bare", "short") and _is_han(before) and before not in _PREPOSITIONS:
        return False
    if first.form == "bare" and (before == "〔" or before in "[【(（" and _DOC_NUMBER.match(text, found.end)):
        return False
    if first.form == "day":  # 17日, at a clause's start; 于28日
        return before in "于在" or (not _is_han(before) and not before.isalnum() and after in ",，")
    if not found.open and after:
        if last.form == "bare" and _is_han(after) and after not in _ADVERBS:
            return False
        if after in _NOT_AFTER.get(last.form, ""):
            return False
    tail = _regexes().digit_tail.match(text, found.end) if text[found.end - 1].isdigit() else None
    if tail and not (last.day and tail.group()[0] in " \t"):  # `56 个` counts; `2023-03-15 人民网` is a date
        return False
    return after != "龄"
