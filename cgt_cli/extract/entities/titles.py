"""Documents named in a text: policy titles, and the bodies and zones that
head them.

A policy is a title in 《》, or in 「」 or “” (as Taiwan's and Hong Kong's
pages write laws: 「再生医疗法」), that ends with a document word (方案, 意见,
办法, 法 …; data/entity_policy_heads.txt), a trailing (2022—2024年) or
(试行) aside. The body before 关于 in a title issues it (《临湖市人民政府办公厅关于…
的意见》), and a new area that starts a title is a place
(《浦东新区促进…方案》). Offsets are into the string passed in.
"""

from __future__ import annotations

import re
from functools import cache

from cgt_cli.extract.entities import words as lex
from cgt_cli.extract.entities.bounds import TITLE, Found

_TRAILING_PARENS = re.compile(r"(?:\([^()]*\))+$")
_QUOTED = re.compile(r"「(?P<corner>[^「」\n]{2,60})」|“(?P<curly>[^“”\n]{4,60})”")
_ABOUT = "关于"
_ZONE = re.compile(f"[{lex.CJK}]{{2,4}}新区")
_SEVERAL = re.compile(r"[\s、,]")
_SHORT_NAME_GIVEN = re.compile("(?:简称|下称|以下称)为?$")  # (下称「再生双法」): a short name, not a title


@cache
def _policy_head_re() -> re.Pattern[str]:
    return re.compile(f"(?:{lex.alternation('policy_heads')})$")


@cache
def _issuer_re() -> re.Pattern[str]:
    """What an issuer's name ends with: a body's ending or the whole of a national body."""
    endings = (s.text for s in lex.suffixes().values() if s.kind == "org" and s.cls != "brand")
    national = lex.alternation("national_bodies")
    return re.compile(f"(?:{lex.trie_pattern(endings)})$|(?:{national})$")


def is_policy(title: str) -> bool:
    return _policy_head_re().search(_TRAILING_PARENS.sub("", title)) is not None


def find_policies(text: str) -> list[Found]:
    """Policy titles, with the body that issues one and the zone that starts one;
    a short name given in quotes (下称「X法」) is no title of its own."""
    hits = []
    for m in TITLE.finditer(text):
        if is_policy(m.group(1)):
            hits += [Found("policy", m.start(1), m.end(1)), *_heads(text, m.start(1), m.end(1))]
    for m in _QUOTED.finditer(text):
        group = "corner" if m.group("corner") else "curly"
        if is_policy(m.group(group)) and not _SHORT_NAME_GIVEN.search(text, max(0, m.start() - 5), m.start()):
            hits.append(Found("policy", m.start(group), m.end(group)))
    return hits


def _heads(text: str, start: int, end: int) -> list[Found]:
    """The issuer before 关于 (one body, not a list of them) and a zone at the start."""
    heads = []
    about = text.find(_ABOUT, start, end)
    issuer = text[start:about]
    if about > start + 1 and not _SEVERAL.search(issuer) and _issuer_re().search(issuer):
        heads.append(Found("org", start, about))
    zone = _ZONE.match(text, start, end)
    if zone:
        heads.append(Found("place", start, zone.end()))
    return heads
