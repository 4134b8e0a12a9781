"""The end of a page's text: a closing dateline, a source note or a signature.

- A closing dateline or source note, on a short line of its own or in brackets
  ending the last lines (`(新华社,2022年4月8日上海)`, `(来源:某某日报)`,
  `文章来源:X 2022-04-08`), states the outlet and, when it has a full date, the
  published date. A name beside a date counts only when it is a publisher's.
- A signature, an issuer's name above a date alone closing a notice, names the
  outlet, marked inferred; its date is the document's, so the page's published
  date stays the one inferred from the body.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from cgt_cli.extract.datelines import read_meta
from cgt_cli.extract.header import is_publisher

ENDING_LINES = 8  # the end of the text is looked for in this many last body lines
NOTE_MAX = 40  # a closing note is no longer than this
_BRACKETED = re.compile(r"[((【\[]\s*(?P<note>[^()()【】\[\]]{2,40}?)\s*[))】\]]$")
_SIGNER = re.compile(r"[\u4e00-\u9fff()()]{4,30}")


class Ending(NamedTuple):
    published: str | None  # a full date stated by a closing dateline
    outlet: str | None
    outlet_inferred: bool  # named by a signature, not a source note


def read_ending(text: str, body: tuple[tuple[int, int], ...]) -> Ending:
    tail = body[-ENDING_LINES:]
    for start, end in reversed(tail):
        closing = _closing_note(text[start:end])
        if closing:
            return closing
    signer = _signer(text, tail)
    return Ending(None, signer, signer is not None)


def _closing_note(line: str) -> Ending | None:
    """The outlet and date a closing note states: the whole short line, or its bracketed end."""
    bracketed = _BRACKETED.search(line, max(0, len(line) - NOTE_MAX - 2))
    note = bracketed.group("note") if bracketed else line if len(line) <= NOTE_MAX else None
    meta = read_meta(note) if note else None
    if meta is None:
        return None
    outlet = meta.source or (meta.word if meta.word and is_publisher(meta.word) else None)
    if outlet is None:
        return None
    date = meta.date.value if meta.date and len(meta.date.value) == 10 else None
    return Ending(date, outlet, False)


def _signer(text: str, tail: tuple[tuple[int, int], ...]) -> str | None:
    """An issuer's name on the line above a date alone, with no sentence after it."""
    for (start, end), (below_start, below_end) in pairwise(tail):
        name = text[start:end]
        if below_end - below_start > NOTE_MAX or not _SIGNER.fullmatch(name):
            continue
        meta = read_meta(text[below_start:below_end])
        if meta and meta.kind == "bare" and is_publisher(name, limit=30):
            if not any("。" in text[s:e] for s, e in tail if s > below_start):
                return name
    return None
