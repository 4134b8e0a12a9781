"""Normalize a decoded file: strip pinyin annotations, then fold to Simplified.

`text` keeps the article's own script with annotations like `濟(jì)南` removed;
`removed` maps its offsets back to the decoded file. `simple` is `text` in
Simplified Chinese with full-width ASCII folded to half-width, character for
character, so one offset means the same place in both.

The Traditional→Simplified backend (OpenCC) sits behind `to_simplified` and
`_script_tables`; nothing else in cgt imports it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

# One pinyin syllable carrying a tone mark, alone in ASCII or full-width parentheses.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_ANNOTATION = re.compile(
    rf"[(（](?=[a-zü{_TONED}]{{1,7}}[)）])[a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]"
)
_FULLWIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULLWIDTH_RE = re.compile("[\uff01-\uff5e\u3000]")


@dataclass(frozen=True)
class Normalized:
    text: str
    simple: str
    script: str  # "simplified" | "traditional" | "mixed"
    removed: tuple[tuple[int, int], ...]


def normalize(raw: str) -> Normalized:
    text, removed = strip_pinyin(raw)
    script = detect_script(text)
    simple = text if script == "simplified" else to_simplified(text)
    return Normalized(text, fold_width(simple), script, removed)


def strip_pinyin(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove `(jì)`-style annotations; return the text and its offset map.

    The map holds (offset in the result, characters removed before it), one
    entry after each annotation, ascending; see `Article.raw_offset`.
    """
    pieces: list[str] = []
    removed: list[tuple[int, int]] = []
    last = total = out_len = 0
    for match in _PINYIN_ANNOTATION.finditer(raw):
        pieces.append(raw[last : match.start()])
        out_len += match.start() - last
        total += match.end() - match.start()
        removed.append((out_len, total))
        last = match.end()
    pieces.append(raw[last:])
    return "".join(pieces), tuple(removed)


def simplify(text: str) -> str:
    """A query or name as matched against `Article.simple`: Simplified, half-width."""
    return fold_width(to_simplified(text))


def fold_width(text: str) -> str:
    """Full-width ASCII and the ideographic space to half-width, one for one.

    A page holds a few distinct ones (,:()?…): one `str.replace` each is several times
    faster than a `str.translate` over a whole Chinese text."""
    for char in set(_FULLWIDTH_RE.findall(text)):
        text = text.replace(char, _FULLWIDTH[char])
    return text


def detect_script(text: str) -> str:
    """simplified, traditional or mixed, from characters that exist in one script only."""
    traditional_only, simplified_only = _script_tables()
    distinct = set(text)
    if distinct.isdisjoint(traditional_only):
        return "simplified"
    counts = Counter(text)  # one pass, not one `str.count` per distinct character
    trad = sum(counts[c] for c in distinct & traditional_only)
    simp = sum(counts[c] for c in distinct & simplified_only)
    if simp <= trad * 0.05:
        return "traditional"
    return "mixed"


def to_simplified(text: str) -> str:
    """Traditional→Simplified as OpenCC's t2s phrase conversion does it, keeping the length.

    OpenCC's tables are the source of truth. Its one-character entries (all one to one) make a
    `str.translate` table, 30 times faster than OpenCC's converter; a line holding one of its
    phrase keys (瞭解, 乾坤…, a few hundred) is converted by OpenCC itself, so the result is the
    phrase conversion. A line whose phrase conversion would change length is converted
    character by character instead.
    """
    table, phrases = _t2s_tables()
    if phrases.search(text) is None:
        return text.translate(table)
    lines = text.split("\n")
    return "\n".join(
        _by_phrases(line, table, phrases) if phrases.search(line) else line.translate(table) for line in lines
    )


def _by_phrases(line: str, table: dict[int, int], phrases: re.Pattern[str]) -> str:
    """OpenCC's conversion of a line holding a phrase key. OpenCC converts each piece between
    its separators on its own and keeps the separators, so only the pieces holding a phrase key
    go through it; the others are one-character conversions, a `str.translate`."""
    converter = _converter()
    pieces = converter.split_chars_re.split(line)
    for i in range(0, len(pieces), 2):  # odd indexes are the separators
        pieces[i] = converter.convert(pieces[i]) if phrases.search(pieces[i]) else pieces[i].translate(table)
    converted = "".join(pieces)
    return converted if len(converted) == len(line) else line.translate(table)


@cache
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@cache
def _t2s_tables() -> tuple[dict[int, int], re.Pattern[str]]:
    """OpenCC's t2s tables: one character to one (its first choice), and a pattern of its phrase keys."""
    from importlib.resources import files

    folder = files("opencc") / "dictionary"
    table = {}
    for key, value in _entries(folder / "TSCharacters.txt"):
        if len(key) == 1 and len(value) == 1 and key != value:
            table[ord(key)] = ord(value)
    keys = sorted((key for key, _ in _entries(folder / "TSPhrases.txt")), key=len, reverse=True)
    return table, re.compile("|".join(map(re.escape, keys)))


def _entries(path) -> list[tuple[str, str]]:
    """(key, first value) of each line of an OpenCC dictionary file."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            pairs.append((key, values.split(" ")[0]))
    return pairs


@cache
def _script_tables() -> tuple[frozenset[str], frozenset[str]]:
    """The characters OpenCC changes in one direction only: Traditional-only, Simplified-only."""
    from importlib.resources import files

    folder = files("opencc") / "dictionary"
    to_simp = _changed_chars(folder / "TSCharacters.txt")
    to_trad = _changed_chars(folder / "STCharacters.txt")
    both = to_simp & to_trad
    return frozenset(to_simp - both), frozenset(to_trad - both)


@cache
def char_table() -> dict[str, str]:
    """Each Traditional character OpenCC changes, with its first Simplified form:
    what a page's search box folds a query with (a query is one to a few words,
    so character by character is enough; `simplify` also knows phrases)."""
    from importlib.resources import files

    table = {}
    for line in (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split()[0] if values.split() else key
        if len(key) == 1 and len(first) == 1 and first != key:
            table[key] = first
    return table


def _changed_chars(path) -> set[str]:
    chars = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values and key not in values.split():
            chars.add(key)
    return chars
