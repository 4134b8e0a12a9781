"""Named bodies in one stretch of text: organisations, parks, alliances,
events, zones (from their name endings) and policy titles.

A name ends at a lexicon ending (有限公司, 大学, 产业园, 联盟, 峰会, 高新区 …)
and reaches back to the nearest boundary: punctuation, a function word or a
verb that introduces a body (与, 由, 在, 联合, 签署 …), at most MAX_NAME
characters. Offsets are into the string passed in.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from cgt_cli.extract.entities import words as lex
from cgt_cli.extract.entities.bounds import Bounds, Found
from cgt_cli.extract.entities.brands import brand_start, find_listed, find_outlets
from cgt_cli.extract.entities.keys import is_generic, without_places
from cgt_cli.extract.entities.people import vouched
from cgt_cli.extract.entities.titles import find_policies

MAX_NAME = 32
_DETERMINER = re.compile("[该此本这那其各每]")
_COUNTED = re.compile(lex.COUNTED)
_EDITION = re.compile(lex.EDITION)
_SHORT_OWNER = re.compile(f"[{lex.CJK}]{{2,3}}")
_MAKER = re.compile(f"([{lex.CJK}]{{2,4}}?)(?:生物|基因|药业|医药|制药|科技)")  # 华辰基因
_CODE = re.compile(r"(?<![A-Za-z0-9+-])[A-Za-z][A-Za-z0-9-]*[0-9][A-Za-z0-9-]*$")  # XK07


@cache
def _suffix_re() -> re.Pattern[str]:
    return re.compile(f"(?=({lex.trie_pattern(lex.suffixes())}))")


@cache
def _national_re() -> re.Pattern[str]:
    """The state's own bodies, named without a place (国务院, 中共中央)."""
    return re.compile(lex.alternation("national_bodies"))


@cache
def _long_suffix_re() -> re.Pattern[str]:
    long = [s.text for s in lex.suffixes().values() if len(s.text) > 1 and s.cls != "brand"]
    return re.compile(lex.trie_pattern(long))


@cache
def _anchor_re() -> re.Pattern[str]:
    """Where a name may start even after an unlisted verb: a major place or a
    national word, or any place written with 省/市."""
    every = lex.trie_pattern(lex.places())
    first = "".join(sorted({name[0] for name in lex.places()}))
    return re.compile(
        rf"(?=[{first}])(?<!\()(?:{lex.place_pattern('+=')}|(?:{every}){lex.PLACE_ENDINGS})"
    )


@cache
def _office_starts() -> tuple[re.Pattern[str], ...]:
    """Where the name of an office or zone starts, best first: a place, a
    district (海淀区), a bare 省/市/区/县 (市科技局)."""
    return (
        re.compile(lex.place_pattern(".+*=")),
        re.compile(f"(?P<stem>[{lex.CJK}]{{2}})(?:高新区|经开区|新区|区|县)"),
        re.compile(f"[省市区县](?=[{lex.CJK}])"),
    )


def find_bodies(text: str, bounds: Bounds, stems: frozenset[str] = frozenset()) -> list[Found]:
    """Every body and policy named in `text`, shown or not, nested ones too;
    `bounds` are those of `mask_titles(text)`, `stems` the districts named in
    it without 区/县 (see `entity_places.district_stems`)."""
    masked, table = bounds.text, lex.suffixes()
    by_end: dict[int, tuple[int, lex.Suffix]] = {}
    for m in _suffix_re().finditer(masked):
        by_end.setdefault(m.start() + len(m.group(1)), (m.start(), table[m.group(1)]))
    found = [_candidate(masked, bounds, s, suffix, stems) for s, suffix in by_end.values()]
    found += [Found("org", m.start(), m.end(), True, m.end() - m.start()) for m in _national_re().finditer(masked)]
    found += find_listed(masked, bounds) + find_outlets(masked, bounds)
    return _drop_inner(_uncross([f for f in found if f])) + find_policies(text)


def _candidate(text: str, bounds: Bounds, s: int, suffix: lex.Suffix, stems: frozenset[str]) -> Found | None:
    """The name that ends with `suffix` at `s`, if it is one."""
    end = s + len(suffix.text)
    if suffix.cls == "gov" and _plain_word(text, s, end, suffix):
        return None
    edge = bounds.left_edge(s, whole=suffix.kind == "org")
    if suffix.cls == "brand":
        brand = brand_start(text, edge, s, end)
        return None if brand is None else Found(suffix.kind, brand, end, True, len(suffix.text))
    start = _trim_to_anchor(text, max(edge, s - MAX_NAME), s)
    if _DETERMINER.match(text, start, s) or _COUNTED.search(text, start, s):
        return None
    while suffix.kind != "event" and start < s and text[start].isdigit():
        start += 1
    if suffix.cls == "gov":
        return _office(text, start, s, suffix, stems)
    if s - start < 2:  # never 大学 alone
        return None
    if suffix.kind == "product":
        start = _product_start(text, start, s)
    generic = lex.generic_re().fullmatch(text, start, end) is not None
    if suffix.cls == "region":
        generic = generic or is_generic(without_places(text[start:end]))
    shown = not generic or (suffix.cls == "body" and s - start >= 4)
    return Found(suffix.kind, start, end, shown, len(suffix.text))


def _product_start(text: str, start: int, s: int) -> int:
    """A drug's code right before its ending is its name, without the words
    describing it (冷冻保存型细胞制剂XK07注射液 -> XK07注射液); a company's
    short name before it is not (华辰基因CAR-NK细胞注射液 -> CAR-NK细胞注射液)."""
    code = _CODE.search(text, start, s)
    if code and code.start() > start:
        return code.start()
    maker = _MAKER.match(text, start, s)
    return maker.end() if maker and s - maker.end() >= 2 and not is_generic(maker.group(1)) else start


def _trim_to_anchor(text: str, start: int, s: int) -> int:
    """Start at the first major place or national word (落户杭州高新区 ->
    杭州高新区), unless what stands before it holds a name ending, is an
    event's edition (第五届中国…大会) or is a short name of two or three
    characters that starts a clause (、华康泉州原料药基地)."""
    m = _anchor_re().search(text, start + 1, s) if s - start > 2 else None
    if m is None:
        return start
    named = _long_suffix_re().search(text, start, m.start())
    edition = _EDITION.fullmatch(text, start, m.start())
    return start if named or edition or _owner(text, start, m.start()) else m.start()


def _owner(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a short name (恒瑞, 养生堂) that starts a
    clause, as the owner of what is named after it."""
    clause = start == 0 or not text[start - 1].isalnum()
    return clause and _SHORT_OWNER.fullmatch(text, start, end) is not None and not is_generic(text[start:end])


def _plain_word(text: str, s: int, end: int, suffix: lex.Suffix) -> bool:
    """Whether an office ending is part of a plain word (主办, 全部, 局面)."""
    before = s > 0 and text[s - 1] in suffix.before
    return before or end < len(text) and text[end] in suffix.after


def _office(text: str, start: int, s: int, suffix: lex.Suffix, stems: frozenset[str]) -> Found | None:
    """An office or zone, whose name starts at a place (杭州市科技局, 市委), or
    anywhere when a title and a name, or a short name, follow it
    (医务卫生局副局长李明, 卫生福利部(下称“卫福部”)) at the start of a
    clause. One that says only
    what kind of office it is shows only with its place's level
    (区卫生健康委), or as a long name vouched for so (数字经济及产业局)."""
    end = s + len(suffix.text)
    office = _office_start(text, start, s, stems)
    clause = start == 0 or not text[start - 1].isalnum()  # not after a word such as 即 (即墨区)
    if office is None and clause and s - start >= 2 and vouched(text, end):
        generic = lex.generic_re().fullmatch(text, start, end) is not None
        return Found(suffix.kind, start, end, not generic or s - start >= 6, len(suffix.text))
    if office is None or s - office < 1:  # 市委, but never 委 alone
        return None
    generic = lex.generic_re().fullmatch(text, office, end) is not None
    leveled = text[office] in "省市区县" and s - office >= 3
    return Found(suffix.kind, office, end, not generic or leveled, len(suffix.text))


def _office_start(text: str, start: int, s: int, stems: frozenset[str]) -> int | None:
    """Where an office's name starts: a place in it (杭州市科技局), a district
    named elsewhere in the text (临湖经济技术开发区), a district of its own
    (海淀区委, but not 开发区党工委), or 省/市/区/县 where the name starts (市科技局)."""
    place, district, level = _office_starts()
    m = place.search(text, start, s + 1)
    if m and m.start() < s:
        return m.start()
    if stems:  # two characters each: look at each place in the name, not for each stem
        named = next((i for i in range(start, s - 1) if text[i : i + 2] in stems), None)
        if named is not None:
            return named
    m = district.search(text, start, s + 1)
    if m and m.start() < s and not is_generic(m.group("stem")):
        return m.start()
    return start if level.match(text, start, s) else None


def _uncross(found: list[Found]) -> list[Found]:
    """A name that starts inside another one which ends before its own ending
    (…与健康研究所华南干细胞研究所, reached back over 与) starts where the
    other ends: 华南干细胞研究所."""
    found.sort(key=lambda f: f.start)
    starts = [f.start for f in found]
    out, reach = [], -1
    for f in found:
        inner = []
        if reach > f.start:  # some name before this one goes on past its start
            near = found[bisect_left(starts, f.start - MAX_NAME - 8) : bisect_left(starts, f.start)]
            inner = [g.end for g in near if f.start < g.end <= f.end - f.ending - 2]
        out.append(f._replace(start=max(inner)) if inner else f)
        reach = max(reach, f.end)
    return out


def _drop_inner(found: list[Found]) -> list[Found]:
    """Keep a name written at the head of a longer one (浙江大学 in
    浙江大学医学院) only when more than an ending follows it, not before a
    legal form (控股 in 控股集团) or one more ending (中心 in 中心医院), nor
    inside the longer one's ending (工业园 in 工业园区); a park or zone is
    kept before an ending (临湖工业园区管委会)."""
    found.sort(key=lambda f: (f.start, f.end))
    starts = [f.start for f in found]
    kept = []
    for f in found:
        near = found[bisect_left(starts, f.start - MAX_NAME - 8) : bisect_right(starts, f.start)]
        rests = [g.end - g.ending - f.end for g in near if f.end < g.end]
        if all(rest >= 1 or rest == 0 and f.kind in ("park", "place") for rest in rests):
            kept.append(f)
    return kept
