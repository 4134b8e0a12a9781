"""One body's different spellings: keys, variants and generic names.

`name_key` folds what never tells two bodies apart: a place's 省/市 ending
(无锡市X ~ 无锡X), a company's legal form (X有限公司 ~ X), quotes and a
parenthesised year. `variants` adds the looser spellings a body goes by: its
name without a parenthesised place, and a company's short name (杭州康远医药科技
有限公司 -> 康远医药). Two names are the same body when the key of one is the
key of a spelling of the other (`same_body`): spellings are never compared with
each other, so two companies sharing a short name do not merge.
"""

from __future__ import annotations

import re
from functools import cache

from cgt_cli.extract.entities import words as lex

_DETERMINER = re.compile("^[该本此这其我各贵]")
_QUOTES = re.compile("[“”\"'‘’《》\\s]")
_PARENS = re.compile(r"\(([^()]*)\)")


@cache
def leading_place_re() -> re.Pattern[str]:
    names = lex.trie_pattern(n for n, p in lex.places().items() if p.mark in ".+")
    return re.compile(f"({names}){lex.PLACE_ENDINGS}?")


@cache
def _legal_re() -> re.Pattern[str]:
    legal = [s.text for s in lex.suffixes().values() if s.cls == "legal"]
    return re.compile(f"(?<=..)(?:{lex.trie_pattern(legal)})$")


@cache
def _industry_re() -> re.Pattern[str]:
    return re.compile(f"(?<=..)(?:{lex.alternation('industry_words')})$")


def _clean(name: str) -> str:
    return _QUOTES.sub("", name).casefold()


def is_generic(name: str) -> bool:
    """True for a name made only of the field's common words and a name
    ending, with no place or name of its own: 联盟, 该公司, 研究中心, 科技局,
    细胞治疗产业联盟. Such a name says what kind of body it is, not which."""
    core = _DETERMINER.sub("", _clean(name))
    return not core or lex.generic_re().fullmatch(core) is not None


def _is_place(part: str) -> bool:
    return leading_place_re().fullmatch(part) is not None


def without_places(name: str) -> str:
    """`name` without the places it starts with: 济南市高新区X -> 高新区X."""
    pos = 0
    while m := leading_place_re().match(name, pos):
        pos = m.end()
    return name[pos:]


def _fold_places(name: str) -> str:
    """Leading places without their ending: 山东省济南市X -> 山东济南X."""
    out, pos = [], 0
    while m := leading_place_re().match(name, pos):
        out.append(m.group(1))
        pos = m.end()
    return "".join(out) + name[pos:]


def _drop_parens(name: str, keep_places: bool) -> str:
    def keep(m: re.Match[str]) -> str:
        return m.group() if keep_places and _is_place(m.group(1)) else ""

    return _PARENS.sub(keep, name)


def _drop_legal(name: str) -> str:
    return _legal_re().sub("", name)


def name_key(name: str) -> str:
    """The spelling-free key of a name: quotes, a place's 省/市, a legal
    form and a parenthesised year or (试行) folded away; a parenthesised
    place kept, since X(苏州)有限公司 and X(上海)有限公司 are two companies."""
    return _drop_legal(_fold_places(_drop_parens(_clean(name), keep_places=True)))


def _with_endings(name: str) -> str:
    """Leading places with their full ending (无锡X -> 无锡市X), unless only a
    name ending follows them (山东大学 stays)."""
    out, pos = [], 0
    while m := leading_place_re().match(name, pos):
        out.append(m.group(1) + lex.places()[m.group(1)].ending)
        pos = m.end()
    return name if name[pos:] in lex.suffixes() else "".join(out) + name[pos:]


def variants(name: str) -> set[str]:
    """Spellings of the same body: with and without 省/市, with and without the
    legal form or a parenthesised place, and a company's short name(s)."""
    base = _QUOTES.sub("", name)
    forms = {base, _fold_places(base), _with_endings(base), _drop_parens(base, keep_places=False)}
    forms |= {_drop_legal(f) for f in forms}
    return {f for f in forms if f} | _short_names(base)


def _short_names(name: str) -> set[str]:
    """A company's short name: its own words once the leading place, the legal
    form and trade words (科技, 生物 …) are gone, one trade word at a time."""
    if not _legal_re().search(name):
        return set()
    core = _drop_legal(_fold_places(_drop_parens(name, keep_places=False)))
    while (m := leading_place_re().match(core)) and len(core) - m.end() >= 2:
        core = core[m.end() :]
    shorts = set()
    while len(core) >= 2 and not is_generic(core) and not _is_place(core):
        shorts.add(core)
        shorter = _industry_re().sub("", core)
        if shorter == core:
            break
        core = shorter
    return shorts


_EDITION = re.compile(rf"^(?:{lex.EDITION})+")
_YEAR = re.compile(r"^[0-9]{4} ?年度? ?")
_TRAILING_PARENS = re.compile(r"(?:\([^()]*\))+$")


def series_name(name: str, kind: str) -> str:
    """The name of the series an event or yearly document belongs to, by which
    it is also known: without its edition (2025X大会, 第三届X峰会 -> X大会) or
    without its year and period (2021年X工作要点, X行动计划(2023-2025年) -> …)."""
    if kind == "event":
        return _EDITION.sub("", name)
    if kind == "policy":
        return _TRAILING_PARENS.sub("", _YEAR.sub("", name)).strip()
    return name


def same_body(a: str, b: str) -> bool:
    """Whether two names may be one body: the key of one is the key of one of
    the other's spellings."""
    key_a, key_b = name_key(a), name_key(b)
    return (
        key_a == key_b
        or key_a in {name_key(v) for v in variants(b)}
        or key_b in {name_key(v) for v in variants(a)}
    )
