"""Sentence boundaries in Chinese text, as offsets.

A sentence ends after 。！？；(or their half-width forms) and at a line end.
Closing quotes and brackets right after the end mark stay with the sentence.
A run of more than LONGEST characters without either (a list of 5,000 names,
a 20 MB line) is cut every LONGEST characters: each sentence's work stays
bounded, and no real sentence is that long.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ENDS = "。!?;！？；"
_CLOSERS = "”’\"')）」』"
LONGEST = 2000  # characters: a longer run without an end mark is cut, so no sentence costs more
_SENTENCE = re.compile(rf"[^\n{_ENDS}]{{0,{LONGEST}}}(?:[{_ENDS}]+[{_CLOSERS}]*|(?=\n)|$)?")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence in text[start:end], white space trimmed."""
    return list(_sentences(text, start, len(text) if end is None else end))


def _sentences(text: str, start: int, end: int):
    for match in _SENTENCE.finditer(text, start, end):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            yield s, e


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end].

    Splits only from the sentence boundary nearest before `start` (the end of
    an earlier run of end marks), not from the line's start: a hit in a long
    paragraph costs the sentence, not the paragraph.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    first, last = None, end
    for s, e in _sentences(text, _boundary_before(text, line_start, line_end, start), line_end):
        if s >= end:
            break
        if first is None and e > start:
            first = s
        last = e
    return min(start if first is None else first, start), max(last, end)


def _boundary_before(text: str, line_start: int, line_end: int, start: int) -> int:
    """A sentence boundary at or before `start` on its line (where a sentence match ends)."""
    pos = start
    while True:
        i = max(text.rfind(mark, line_start, pos) for mark in _ENDS)
        if i < 0:
            return line_start
        run = i
        while run > line_start and text[run - 1] in _ENDS:
            run -= 1
        after = i + 1
        while after < line_end and text[after] in _ENDS:
            after += 1
        while after < line_end and text[after] in _CLOSERS:
            after += 1
        if after <= start:
            return after
        pos = run  # `start` is inside this run of marks or its closers: look before it


class Sentences:
    """A text's sentences split once, for many `sentence_at` questions."""

    def __init__(self, text: str) -> None:
        spans = split_sentences(text)
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def at(self, start: int, end: int) -> tuple[int, int]:
        """What `sentence_at(text, start, end)` gives."""
        i = bisect_right(self._ends, start)  # the first sentence ending after `start`
        first = self._starts[i] if i < len(self._starts) else start
        j = bisect_left(self._starts, end) - 1  # the last sentence starting before `end`
        last = self._ends[j] if j >= 0 else end
        return min(first, start), max(last, end)
