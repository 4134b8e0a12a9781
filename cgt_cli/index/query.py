"""The queries behind `timeline` and `grep`, over a corpus' `Store`."""

from __future__ import annotations

import re
import time
from bisect import bisect_right

from cgt_cli.errors import CgtError, quoted
from cgt_cli.extract.dates import interval
from cgt_cli.index.store import SEP, EventFilter, EventRow, Store
from cgt_cli.model import Span
from cgt_cli.read.normalize import simplify

REGEX_SECONDS = 10.0  # a regular expression may search the whole corpus this long


def compile_pattern(pattern: str, regex: bool = False, ignore_case: bool = False):
    """The pattern as matched against `simple`: Simplified, half-width.

    Literal text uses `re`; a regular expression uses the `regex` package,
    whose matching can be stopped after REGEX_SECONDS (a pattern like `(a+)+$`
    can otherwise run for ever).
    """
    if not pattern:
        raise CgtError("empty pattern: give the text to search for")
    simple = simplify(pattern)
    if not regex:
        return re.compile(re.escape(simple), re.IGNORECASE if ignore_case else 0)
    import regex as engine

    repeats = repeat_product(simple)
    if repeats > MOST_REPEATS:
        raise CgtError(
            f"the regular expression {quoted(pattern)} repeats {repeats:,} times over (at most {MOST_REPEATS:,}): simplify it"
        )
    try:
        return engine.compile(simple, engine.IGNORECASE if ignore_case else 0)
    except engine.error as error:
        raise CgtError(f"invalid regular expression {quoted(pattern)}: {error}") from None


MOST_REPEATS = 100_000  # `(?:x{1000}){1000}` compiles for 3 s into 270 MB; 65535 × 65535 would never end
_COUNT = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def repeat_product(pattern: str) -> int:
    """The largest product of counted repeats (`{m}`, `{m,n}`) nested in `pattern`:
    what the `regex` package expands when compiling. Escapes and sets are skipped."""
    groups = [1]  # the largest product inside each open group
    last = 1  # the product of the item a count would repeat
    i = 0
    while i < len(pattern):
        char = pattern[i]
        count = _COUNT.match(pattern, i) if char == "{" else None
        if count and (count.group(1) or count.group(2)):
            last *= max(int(count.group(1) or 0), int(count.group(2) or 0))
            groups[-1] = max(groups[-1], last)
            i = count.end()
            continue
        if char == "(":
            groups.append(1)
            last = 1
        elif char == ")" and len(groups) > 1:
            last = groups.pop()
            groups[-1] = max(groups[-1], last)
        else:
            last = 1
            i = _set_end(pattern, i) if char == "[" else i + 1 if char == "\\" else i
        i += 1
    return max(groups)


def _set_end(pattern: str, start: int) -> int:
    """The `]` closing the set opened at `start` (the last character when unclosed)."""
    i = start + 1 + pattern.startswith("^", start + 1)
    i += pattern.startswith("]", i)
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return min(i, len(pattern) - 1)


def search(store: Store, pattern, *, everything: bool = False, seconds: float = REGEX_SECONDS) -> list[Span]:
    """Every non-empty match inside one range of an article's title and body
    (or anywhere with `everything`), by article in corpus order, then by offset.
    A regular expression is stopped after `seconds`."""
    deadline = time.monotonic() + seconds
    timed = not isinstance(pattern, re.Pattern)  # the `regex` package: stoppable
    literal = None if timed or pattern.flags & re.IGNORECASE else _literal(pattern.pattern)
    hits = []
    for article in store.texts(literal):
        ranges = [(0, len(article.simple))] if everything else sorted(article.content())
        starts = [start for start, _ in ranges]
        found = []
        for m in _finditer(pattern, article.simple, deadline if timed else None, seconds):
            i = bisect_right(starts, m.start()) - 1
            if m.end() > m.start() and i >= 0 and m.end() <= ranges[i][1]:
                found.append(Span(article.id, m.start(), m.end()))
        if found:
            store.keep(article)  # its hits are shown next
            hits += found
    return hits


def _literal(escaped: str) -> str | None:
    """The text a `re.escape`d pattern matches, if it has no line break."""
    text = re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL)
    return text if "\n" not in text else None


def _finditer(pattern, text: str, deadline: float | None, seconds: float):
    if deadline is None:
        return list(pattern.finditer(text))
    try:
        return list(pattern.finditer(text, timeout=max(0.001, deadline - time.monotonic())))
    except TimeoutError:
        raise CgtError(
            f"the regular expression ran longer than {seconds:g} s and was stopped: simplify it"
        ) from None


_BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def parse_bound(value: str, option: str):
    """`2020`, `2020-09` or `2020-09-25` as its (first day, last day)."""
    days = interval(value) if _BOUND.fullmatch(value) else None
    if days is None:
        raise CgtError(f"invalid {option} value {quoted(value)}: use a date like 2020, 2020-09 or 2020-09-25")
    return days


def timeline(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    source: str | None = None,
    facts: bool = False,
    undated: bool = False,
    detail: bool = True,
) -> list[EventRow]:
    """The events that pass every filter, in timeline order.

    `entity` is looked for in the names an event links and in its sentences.
    Without `detail`, rows hold only what a timeline line shows (see `EventRow`).
    """
    first = parse_bound(since, "--from")[0] if since else None
    last = parse_bound(until, "--to")[1] if until else None
    if source is not None and not store.has_article(source):
        raise CgtError(f"no article with id {quoted(source)}: see `cgt sources`")
    wanted = simplify(entity) if entity else None
    if wanted and SEP in wanted:
        return []
    wanted_rows = EventFilter(undated=undated, facts=facts, first=first, last=last, source=source, naming=wanted or None)
    return store.events(wanted_rows, detail=detail)
