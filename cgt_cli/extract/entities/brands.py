"""Companies named without a legal form: short names (传奇生物, 北京启澜基因,
瑞森博远生物科技), the companies of a list (百济神州、再鼎医药等一批企业) and
news outlets at their reports (证券时报记者, 中新网江苏新闻5月16日电).

Offsets are into the string passed in.
"""

from __future__ import annotations

import re
from functools import cache

from cgt_cli.extract.entities import words as lex
from cgt_cli.extract.entities.bounds import Bounds, Found
from cgt_cli.extract.entities.keys import is_generic, leading_place_re

_CORE = re.compile(f"(?![该此本这那其各每我贵])[{lex.CJK}]{{2,4}}")
_APPOSITION = re.compile("药?企业|药企")  # 生物医药企业泽维生物: the noun before a name
_ITEM = re.compile(f"(?![该此本这那其各每我贵])[{lex.CJK}A-Za-z0-9]{{2,8}}")
_MODIFIERS = "上市|知名|龙头|创新型?|生物医药|医药|生物|科技型?|高新技术|头部|领军|重点|优质|外资|本土|国内外|国内|国际|行业|相关"
_LIST_TAIL = re.compile(  # 等, 等一批, 等5家, 四家 …; a set of characters first, which is fast to scan for
    "[等0-9一二两三四五六七八九十多]"
    "(?:(?<=等)(?:[0-9一二两三四五六七八九十百几多]+[家个]|一批|多家|众多)?|(?<!等)[0-9一二两三四五六七八九十]*家)"
    f"(?:{_MODIFIERS})*(?:企业|公司|药企)"
)
_MOST_ITEMS = 60
_OUTLET_ENDINGS = "日报|晚报|时报|商报|晨报|都市报|报|网|电视台|电台|通讯社|新闻社|社"
_OUTLET_CORE = re.compile(f"(?![该此本这那其各每我贵])[{lex.CJK}]{{2,6}}")
_LONGEST = 12  # a place, a short name and trade words
_COUNTED = re.compile(lex.COUNTED)
_LEGAL_AFTER = re.compile(r"(?:\([^()]{1,8}\))?(?:有限|股份|集团|公司|控股)")  # inside a full name


@cache
def _name_end_re() -> re.Pattern[str]:
    """What may follow a company's short name: punctuation, a function word
    or a title (传奇生物首席执行官)."""
    words = "|".join(lex.alternation(name) for name in ("followers", "boundaries", "titles"))
    return re.compile(rf"[^{lex.CJK}]|{words}|$")


def brand_start(text: str, edge: int, s: int, end: int) -> int | None:
    """Where a company's short name that ends with a trade word (生物, 医药,
    科技 …) at `s` starts, if it is one: two characters of its own at `edge`
    (传奇生物), or after a noun such as 企业 (医药企业泽维生物); three or four
    when a place (上海澜昕创生物) or a trade word before 科技 (瑞森博远生物科技)
    vouches for them. It stands alone: punctuation, a function word or a
    title follows it, not the rest of a company's full name."""
    if _name_end_re().match(text, end) is None or _LEGAL_AFTER.match(text, end):
        return None
    edge = _after_apposition(text, edge, s)
    place = leading_place_re().match(text, edge, s)
    own = place.end() if place else edge
    core_end = s
    while core_end - own > 2 and text[core_end - 2 : core_end] in lex.words("industry_words"):
        core_end -= 2
    core = text[own:core_end]
    chained = core_end < s and text[s:end] == "科技"  # 瑞森博远生物科技, not 当时选择生物医药
    if not _CORE.fullmatch(core) or _COUNTED.search(core):
        return None
    if (place is None and core_end < s and not (chained and len(core) > 2)) or (len(core) > 2 and not (place or chained)):
        return None
    if core in lex.places() or is_generic(core):
        return None
    return edge


def _after_apposition(text: str, edge: int, s: int) -> int:
    """`edge`, or the end of the last noun like 企业 between it and `s` that
    leaves two characters before `s`."""
    last = None
    for m in _APPOSITION.finditer(text, max(edge, s - _LONGEST), s - 2):
        last = m
    return last.end() if last else edge


@cache
def _outlet_re() -> re.Pattern[str]:
    """An outlet's ending (and the region of its edition) right before its report."""
    region = lex.place_pattern(".+")
    return re.compile(
        f"(?:{_OUTLET_ENDINGS})(?:{region})?"
        "(?=讯|记者|报道|消息|新闻[0-9]|[0-9]{1,2}月[0-9]{1,2}日电)"
    )


def find_outlets(text: str, bounds: Bounds) -> list[Found]:
    """News outlets named where they report: a name of two to six characters of
    its own and an ending such as 报, 网 or 社, at the start of a clause."""
    found = []
    for m in _outlet_re().finditer(text):
        start = bounds.left_edge(m.start())
        core = text[start : m.start()]
        if _OUTLET_CORE.fullmatch(core) and not is_generic(text[start : m.end()]) and core not in lex.places():
            found.append(Found("org", start, m.end()))
    return found


def find_listed(text: str, bounds: Bounds) -> list[Found]:
    """The companies of a list that says it is one (A、B、C等一批企业,
    A、B四家企业): items of two to eight characters, neither places nor
    generic words."""
    found = []
    for tail in _LIST_TAIL.finditer(text):
        items = _items(text, bounds, tail.start())
        if len(items) >= 2:
            found += [Found("org", s, e) for s, e in items if _company(text[s:e])]
    return found


def _items(text: str, bounds: Bounds, pos: int) -> list[tuple[int, int]]:
    """The items listed with 、 that end at `pos`, last first."""
    items = []
    while len(items) < _MOST_ITEMS:
        start = bounds.left_edge(pos, whole=True)
        items.append((start, pos))
        if start == 0 or text[start - 1] != "、":
            break
        pos = start - 1
    return items


def _company(item: str) -> bool:
    return _ITEM.fullmatch(item) is not None and item not in lex.places() and not is_generic(item)
