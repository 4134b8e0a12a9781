"""Sentence boundaries in Chinese text, as offsets.

A sentence ends after 。！？；(or their half-width forms) and at a line end.
Closing quotes and brackets right after the end mark stay with the sentence.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^\n。!?;！？；]*(?:[。!?;！？；]+[”’\"')）」』]*|(?=\n)|$)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence in text[start:end], white space trimmed."""
    end = len(text) if end is None else end
    spans = []
    for match in _SENTENCE.finditer(text, start, end):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end]."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    spans = split_sentences(text, line_start, line_end)
    first = next((s for s, e in spans if e > start), start)
    last = next((e for s, e in reversed(spans) if s < end), end)
    return min(first, start), max(last, end)
