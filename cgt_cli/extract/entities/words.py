"""The lexicons behind entity finding, read once from cgt_cli/data/entity_*.txt.

Every table and pattern here is built on first use and cached; nothing is
read at import time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cgt_cli.extract.lexicon import load

CJK = "\u4e00-\u9fff"
ORDINAL = "第[一二三四五六七八九十百0-9]+"
EDITION = f"(?:[0-9]{{4}}年?|{ORDINAL}届|首届)+"  # 2023年, 第五届, 首届: an event's edition
# A numeral or rank plus a classifier (首个, 三大, 99个, 11场) or a rank (国家级, 万亿级, A级).
COUNTED = (
    "[一二两三四五六七八九十百千万亿几多数首每0-9]+[个家所大批项类种座场]"
    "|(?:[一二两三四五六七八九十百千万亿0-9]+|[A-Za-z]+|[省市区县]|国家|世界)级"
)


@dataclass(frozen=True)
class Suffix:
    """One name ending and how names with it behave."""

    text: str
    kind: str  # org | park | alliance | event | place
    cls: str  # legal | named | body | gov | brand
    before: str = ""  # gov: characters right before that make a plain word
    after: str = ""  # gov: characters right after that make a plain word


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a prefix tree, longest match first,
    behind a check of the first character (which keeps long lists fast)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    first = "".join(re.escape(ch) for ch in sorted(trie) if ch)
    return f"(?=[{first}]){build(trie)}" if first else "(?!)"


def _column(name: str) -> tuple[str, ...]:
    return tuple(line.split()[0] for line in load(name))


@cache
def words(name: str) -> frozenset[str]:
    """The first column of data/entity_NAME.txt as a set."""
    return frozenset(_column(f"entity_{name}"))


@cache
def alternation(name: str) -> str:
    """The entries of data/entity_NAME.txt as one longest-first alternation."""
    return trie_pattern(_column(f"entity_{name}"))


@cache
def suffixes() -> dict[str, Suffix]:
    table = {}
    for line in load("entity_suffixes"):
        text, kind, cls, *rest = line.split()
        before, after = (rest + ["", ""])[:2]
        table[text] = Suffix(text, kind, cls, before.strip("-"), after)
    return table


@dataclass(frozen=True)
class Place:
    mark: str  # "." plain, "+" major, "*" ambiguous, "=" national word
    ending: str  # 省, 市, 自治区, 特别行政区; "" for a national word


@cache
def places() -> dict[str, Place]:
    table = {}
    for name, *rest in map(str.split, load("entity_places")):
        mark = rest[0] if rest else "."
        ending = rest[1] if len(rest) > 1 else "市"
        table[name] = Place(mark, "" if mark == "=" else ending)
    return table


PLACE_ENDINGS = "(?:省|市|自治区|特别行政区)"
_NOT_A_LETTER = r"\x00-@\[-`\{-\u4dff\ua000-\U0010ffff"  # neither CJK nor Latin
_UNITS = "[年月日号时点]|平方米|平方公里|公顷|亩|万|亿|元"  # after a number: never inside a name


@cache
def place_pattern(marks: str) -> str:
    """Places whose mark is in `marks`, each optionally with its ending."""
    names = [name for name, place in places().items() if place.mark in set(marks)]
    return f"(?:{trie_pattern(names)}){PLACE_ENDINGS}?"


@cache
def not_given() -> str:
    """Characters that never follow a surname inside a person's name."""
    return "".join("".join(line.split()) for line in load("entity_not_given"))


@cache
def generic_re() -> re.Pattern[str]:
    """A whole string made only of generic words, name endings and ordinals.
    An island's ending (生物岛) is no generic word: it names one island."""
    endings = (s for s in suffixes() if not s.endswith("岛"))
    parts = (alternation("generic_words"), trie_pattern(endings), ORDINAL)
    return re.compile("(?:" + "|".join(parts) + ")+", re.IGNORECASE)


@cache
def generic_words_re() -> re.Pattern[str]:
    """A whole string made only of generic words and ordinals (no name ending)."""
    return re.compile(f"(?:{alternation('generic_words')}|{ORDINAL})+", re.IGNORECASE)


@cache
def ending_tail_re() -> re.Pattern[str]:
    """A name ending other than a company's trade word (生物, 科技) at the end of a string."""
    endings = (s.text for s in suffixes().values() if s.cls != "brand")
    return re.compile(f"(?:{trie_pattern(endings)})$")


@cache
def boundary_re() -> re.Pattern[str]:
    """Where a name cannot reach back over: `weak` joins two generic words
    (细胞与基因), `hard` always ends what stands before, `keep` is skipped: the
    words listed with !, and a place or a few characters in parentheses inside
    a name (X(苏州)有限公司, 中关村(大兴)产业园, 干(体)细胞), unless they
    are a name of their own (产业园(宜兴药谷)开园), and a space, - or + after
    Latin letters or digits (ATP GMP中心, CAR-T细胞, CD34+造血干细胞)."""
    entries = _column("entity_boundaries")
    keep = [e[1:] for e in entries if e.startswith("!")]
    hard = [e for e in entries if not e.startswith("!") and e not in {"与", "和", "及"}]
    endings = trie_pattern(suffixes())
    paren_place = (
        rf"\({place_pattern('.+*=')}\)"
        rf"|(?<=[{CJK}])\((?![{CJK}]*?(?:{endings})\))[{CJK}]{{1,4}}\)(?=[{CJK}])"
        r"|(?<=[A-Za-z0-9]) (?=[A-Za-z0-9])"
        rf"|(?<=[A-Za-z0-9])(?:-(?=[A-Za-z0-9])|\+(?=[{CJK}A-Za-z0-9]))"
    )
    first = "".join(sorted({e[0] for e in keep + hard} | {"(", "与", "和", "及"}))
    return re.compile(
        rf"(?=[{_NOT_A_LETTER}{re.escape(first)}])"  # one set of characters: the engine scans for it fast
        rf"(?:(?P<keep>{trie_pattern(keep)}|{paren_place})"
        rf"|(?P<hard>{trie_pattern(hard)}|[0-9]+(?:{_UNITS})|[^{CJK}A-Za-z0-9]+)"
        r"|(?P<weak>[与和及]))"
    )
