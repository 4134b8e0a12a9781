"""Where names start and what a found name is: the boundary tokens of a text
(`Bounds`), the `Found` record every finder returns, and 《》 masking.

A name reaches back from its ending to the nearest boundary: punctuation, a
function word or a verb that introduces a body (与, 由, 在, 联合, 签署 …;
data/entity_boundaries.txt). Offsets are into the string passed in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from cgt_cli.extract.entities import words as lex

TITLE = re.compile(r"《([^《》\n]{2,100})》")
_TAIL = 8  # the longest name ending looked for at a word's end
_LONGEST = 32  # no name reaches further back over 与/和/及 (entity_bodies.MAX_NAME)


class Found(NamedTuple):
    """A name found in the text; `shown` is False for generic names (研究中心),
    which are kept only to tell whose title a person holds. (A named tuple: the
    finders make one for every candidate, and a tuple is the cheapest to make.)"""

    kind: str
    start: int
    end: int
    shown: bool = True
    ending: int = 0  # length of the name ending (大学, 有限公司), 0 for others


class Bounds:
    """The boundary tokens of a text, in order, for finding a name's start."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts: list[int] = []
        ends: list[int] = []
        weak: list[bool] = []
        for m in lex.boundary_re().finditer(text):  # a token every few characters: local names
            kind = m.lastgroup
            if kind != "keep":
                start, end = m.span()
                starts.append(start)
                ends.append(end)
                weak.append(kind == "weak")
        self.starts, self.ends, self.weak = starts, ends, weak

    def left_edge(self, pos: int, whole: bool = False) -> int:
        """Where a name that goes on to `pos` starts. A weak 与/和/及 is inside
        the name before generic words (细胞与再生医学产业联盟); with `whole`, 和
        right before the ending or its last character is too (协和医学院)."""
        i = bisect_right(self.ends, pos) - 1
        while i >= 0 and self.weak[i] and pos - self.ends[i] <= _LONGEST and self._inside_name(i, pos, whole):
            i -= 1
        return self.ends[i] if i >= 0 else 0

    def is_edge(self, pos: int) -> bool:
        return pos == 0 or self.left_edge(pos) == pos

    def _inside_name(self, i: int, pos: int, whole: bool) -> bool:
        """Whether the weak word at `i` is inside a name: generic words on its
        right and no name ending on its left (细胞与基因治疗联盟, not
        体验中心及细胞中心 or 中大与科技园)."""
        right = self.text[self.ends[i] : pos]
        left_start, left_end = self.ends[i - 1] if i else 0, self.starts[i]
        if left_end <= left_start:
            return False
        if len(right) < 2:
            return whole and self.text[self.starts[i]] == "和"
        tail = self.text[max(left_start, left_end - _TAIL) : left_end]
        return lex.generic_words_re().fullmatch(right) is not None and lex.ending_tail_re().search(tail) is None


def mask_titles(text: str) -> str:
    """`text` with everything inside 《》 blanked out, offsets kept."""
    return TITLE.sub(lambda m: "《" * (len(m.group()) - 1) + "》", text)
