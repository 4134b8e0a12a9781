"""Places in one stretch of text: provinces, cities, districts, towns and islands.

Offsets are into the string passed in; `Found` is the record the body finder
uses too, so places and bodies can be compared.
"""

from __future__ import annotations

import re
from functools import cache

from cgt_cli.extract.entities import words as lex
from cgt_cli.extract.entities.bounds import Bounds, Found
from cgt_cli.extract.entities.keys import is_generic

_TWO_CJK = re.compile(f"[{lex.CJK}]{{2}}")
# Patterns that start with a set of characters, which the regex engine scans for fast.
_LONE_DISTRICT = re.compile("[新区县](?:(?<=新)[区县]|(?<!新))(?=委|政府|人民政府|党委|区长|县长|副区长|副县长)")
_LONE_TOWN = re.compile("[镇岛]")
_NUMERAL = re.compile("[一二两三四五六七八九十百千万几多各全本该每]")
_DISTRICT_END = re.compile("(?:新区|区|县)$")
_PLACE_AFTER = re.compile("[区县市](?![域内外场])")  # 镇江市, 镇海区; not 岛区域


@cache
def _place_re() -> re.Pattern[str]:
    """A province or city with its ending or not (杭州, 杭州市), and the
    district after it (杭州市西湖区)."""
    names = lex.trie_pattern(n for n, p in lex.places().items() if p.mark != "=")
    district = f"[{lex.CJK}]{{2}}(?:新区|区|县)"
    return re.compile(
        rf"(?P<place>{names})(?P<ending>{lex.PLACE_ENDINGS})?(?P<district>{district})?"
    )


def find_places(text: str, bounds: Bounds) -> list[Found]:
    """Provinces and cities (an ambiguous one such as 中山 only as 中山市),
    a district after its city (杭州市西湖区, and 西湖区 alone in it), a
    district before its committee or government when it starts a clause
    (正如西湖区委 -> 西湖区), and a town or island of two characters that
    starts a clause (永安镇占地…, 把官洲岛建设成…)."""
    hits = []
    for m in _place_re().finditer(text):
        if m["district"]:
            hits += [
                Found("place", m.start(), m.end()),
                Found("place", m.start("district"), m.end()),
            ]
        elif m["ending"] or lex.places()[m["place"]].mark != "*":
            hits.append(Found("place", m.start(), m.end()))
    return hits + _lone(text, bounds, _LONE_DISTRICT) + _lone(text, bounds, _LONE_TOWN)


def _lone(text: str, bounds: Bounds, ending: re.Pattern[str]) -> list[Found]:
    """Two characters of a name and `ending`, the name starting a clause: no
    boundary word before the ending (位于镇海区, 据青岛日报) and no longer
    place after it (镇江市)."""
    hits = []
    for m in ending.finditer(text):
        start = m.start() - 2
        core = text[start : m.start()]
        if (
            start >= 0
            and _TWO_CJK.fullmatch(core)
            and not _NUMERAL.match(core)
            and not is_generic(core)
            and bounds.left_edge(m.start()) == start
            and not _PLACE_AFTER.match(text, m.end())
        ):
            hits.append(Found("place", start, m.end()))
    return hits


def district_stems(text: str, places: list[Found]) -> set[str]:
    """The two characters naming each district among `places` (临湖 of 临湖区,
    某某市临湖区): an office or zone may start with them (临湖经济技术开发区)."""
    stems = set()
    for f in places:
        name = text[f.start : f.end]
        stem = _DISTRICT_END.sub("", name)[-2:]
        if stem != name[-2:] and _TWO_CJK.fullmatch(stem) and not is_generic(stem):
            stems.add(stem)
    return stems
