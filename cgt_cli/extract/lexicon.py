"""Plain-text lexicons in cgt_cli/data/, loaded lazily, once.

A lexicon file holds one entry a line; blank lines and lines starting with
`#` are ignored. Entries are Simplified Chinese (text is matched on `simple`).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def load(name: str) -> tuple[str, ...]:
    """The entries of cgt_cli/data/NAME.txt, in file order."""
    text = (files("cgt_cli") / "data" / f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return tuple(e for e in entries if e and not e.startswith("#"))
