"""The queries behind `timeline` and `grep`, over a corpus' `Store`."""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from cgt_cli.errors import NOT_FOUND, CgtError, quoted
from cgt_cli.index.store import SEP, EventFilter, EventRow, Store
from cgt_cli.model import Span
from cgt_cli.read.normalize import simplify

REGEX_SECONDS = 10.0  # a regular expression may search the whole corpus this long


class Pattern(NamedTuple):
    """A grep pattern as matched against `simple`; `literal` is text every match
    contains (SQLite picks the articles that hold it), when there is one."""

    compiled: object  # re.Pattern, or a `regex` pattern (stoppable)
    literal: str | None
    word: bool = False  # only matches that are whole words (see `whole_word`)


def compile_pattern(
    pattern: str | None = None,
    regex: bool = False,
    ignore_case: bool = False,
    *,
    regexes: list[str] | None = None,
    word: bool = False,
    fixed: bool = False,
) -> Pattern:
    """The patterns as one, matched against `simple` (Simplified, half-width).

    `pattern` is literal text unless `regex`; each of `regexes` (grep -e) is a
    regular expression, unless `fixed` (grep -F) makes every one literal. Several
    patterns match where any does; `word` keeps only whole words (`whole_word`).
    Literal text uses `re`; a regular expression uses the `regex` package, whose
    matching can be stopped after a time limit (`(a+)+$` can otherwise run for ever).
    """
    given = ([(pattern, regex and not fixed)] if pattern is not None else []) + [(r, not fixed) for r in regexes or []]
    if not given or any(not text for text, _ in given):
        raise CgtError("empty pattern: give the text to search for")
    parts = [simplify(text) if is_regex else re.escape(simplify(text)) for text, is_regex in given]
    joined = parts[0] if len(parts) == 1 else "|".join(f"(?:{part})" for part in parts)
    flags = re.IGNORECASE if ignore_case else 0
    literal = simplify(given[0][0]) if len(given) == 1 and not given[0][1] and not ignore_case else None
    if not any(is_regex for _, is_regex in given):
        return Pattern(re.compile(joined, flags), literal, word)
    import regex as engine

    shown = next(text for text, is_regex in given if is_regex) if len(given) == 1 else " | ".join(t for t, _ in given)
    repeats = repeat_product(joined)
    if repeats > MOST_REPEATS:
        raise CgtError(
            f"the regular expression {quoted(shown)} repeats {repeats:,} times over (at most {MOST_REPEATS:,}): simplify it"
        )
    try:
        return Pattern(engine.compile(joined, engine.IGNORECASE if ignore_case else 0), literal, word)
    except engine.error as error:
        raise CgtError(f"invalid regular expression {quoted(shown)}: {error}") from None


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


def search(store: Store, pattern: Pattern, *, everything: bool = False, seconds: float = REGEX_SECONDS) -> list[Span]:
    """Every non-empty match inside one range of an article's title and body
    (or anywhere with `everything`), by article in corpus order, then by offset.
    A regular expression is stopped after `seconds`."""
    return [Span(article.id, start, end) for article, found in matches(store, pattern, everything, seconds) for start, end in found]


def count(
    store: Store, pattern: Pattern, *, everything: bool = False, seconds: float = REGEX_SECONDS
) -> dict[str, tuple[str, int]]:
    """The file and number of matches (as `search` finds them) of each article with one, by id in corpus order.
    A literal is counted from the Simplified texts alone, by bisection in each article's ranges."""
    literal = pattern.literal if pattern.literal and "\n" not in pattern.literal else None
    if literal is None or pattern.word:
        return {article.id: (article.file, len(found)) for article, found in matches(store, pattern, everything, seconds)}
    counts = {}
    by_ranges = _count if _overlaps_itself(literal) else _count_disjoint
    for article_id, file, text, content in store.simple_texts(literal):
        n = text.count(literal) if everything else by_ranges(text, pattern, sorted(content))
        if n:
            counts[article_id] = (file, n)
    return counts


def _overlaps_itself(literal: str) -> bool:
    """Whether two occurrences of `literal` can overlap (`aba` in `ababa`): it starts with its own end."""
    return any(literal[:k] == literal[-k:] for k in range(1, len(literal)))


def _count_disjoint(text: str, pattern: Pattern, ranges: list[tuple[int, int]]) -> int:
    """`_count` for a literal whose occurrences never overlap: every occurrence is a match
    (`finditer` skips none), so each range's are counted by `str.count` in C, no match
    objects made. A match starting in a range must end in it, and start before the next."""
    literal, size = pattern.literal, len(pattern.literal)
    n, last = 0, len(ranges) - 1
    for i, (start, end) in enumerate(ranges):
        stop = end if i == last else min(end, ranges[i + 1][0] + size - 1)
        if stop - start >= size:
            n += text.count(literal, start, stop)
    return n


def _count(text: str, pattern: Pattern, ranges: list[tuple[int, int]]) -> int:
    """How many of a literal's matches lie inside the last range starting at or before them."""
    starts = [m.start() for m in pattern.compiled.finditer(text)]
    if not starts:
        return 0
    size, last = len(pattern.literal), len(ranges) - 1
    n = 0
    for i, (start, end) in enumerate(ranges):
        stop = end - size + 1
        if i < last and ranges[i + 1][0] < stop:
            stop = ranges[i + 1][0]
        if stop > start:
            n += bisect_left(starts, stop) - bisect_left(starts, start)
    return n


def matches(store: Store, pattern: Pattern, everything: bool = False, seconds: float = REGEX_SECONDS):
    """Each article with a match, with its matches' (start, end) (see `search`). Only the
    articles that hold a literal pattern are read (`Store.texts`); its matches are placed
    in the article's ranges by bisection, not one by one."""
    deadline = time.monotonic() + seconds
    timed = not isinstance(pattern.compiled, re.Pattern)  # the `regex` package: stoppable
    literal = pattern.literal if pattern.literal and "\n" not in pattern.literal else None
    for article in store.texts(literal):
        ranges = [(0, len(article.simple))] if everything else sorted(article.content())
        found = _matches(article.simple, pattern, ranges, deadline if timed else None, seconds)
        if found:
            store.keep(article)  # its hits are shown next
            yield article, found


def _matches(text: str, pattern: Pattern, ranges: list[tuple[int, int]], deadline: float | None, seconds: float):
    """The non-empty matches in `text` that lie inside the last range starting at or before them."""
    if pattern.literal is not None and not pattern.word:  # one length: whole ranges at a time
        size = len(pattern.literal)
        starts = [m.start() for m in pattern.compiled.finditer(text)]
        found = []
        for i, (start, end) in enumerate(ranges):
            stop = min(end - size + 1, ranges[i + 1][0]) if i + 1 < len(ranges) else end - size + 1
            found += [(s, s + size) for s in starts[bisect_left(starts, start) : bisect_left(starts, stop)]]
        return found
    starts = [start for start, _ in ranges]
    found = []
    for m in _finditer(pattern.compiled, text, deadline, seconds):
        i = bisect_right(starts, m.start()) - 1
        if m.end() > m.start() and i >= 0 and m.end() <= ranges[i][1]:
            if pattern.word and not whole_word(text, m.start(), m.end()):
                continue
            found.append((m.start(), m.end()))
    return found


def _kind(char: str) -> str | None:
    if "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f":
        return "han"
    return "letter" if char.isalnum() or char == "_" else None


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is whole words: on neither side does a letter or digit
    meet a letter or digit, or a Han character a Han character. In Chinese text,
    Latin words sit between Han characters without spaces: `苏州CAR-T细胞` holds
    the word CAR, `CART` does not; a Han word is whole only between non-Han text."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (
        (before and _kind(before) is not None and _kind(before) == _kind(text[start]))
        or (after and _kind(after) is not None and _kind(after) == _kind(text[end - 1]))
    )


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
    from cgt_cli.extract.dates import interval

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
    if first and last and first > last:
        raise CgtError(f"--from {since} is after --to {until}: no event can match", NOT_FOUND)
    if source is not None and not store.has_article(source):
        raise CgtError(f"no article with id {quoted(source)}: see `cgt sources`")
    wanted = simplify(entity) if entity else None
    if wanted and SEP in wanted:
        return []
    wanted_rows = EventFilter(undated=undated, facts=facts, first=first, last=last, source=source, naming=wanted or None)
    return store.events(wanted_rows, detail=detail)


def why_empty(store: Store, **filters) -> str:
    """Why `timeline(store, **filters)` found nothing, in one line: the filter that
    alone finds nothing (with similar names for --entity), else the filters together."""
    since, until, entity, source = (filters.get(name) for name in ("since", "until", "entity", "source"))
    undated = filters.get("undated", False)
    what = "undated events" if undated else "events"
    alone = {"facts": filters.get("facts", False), "undated": undated, "detail": False}
    if entity and not timeline(store, entity=entity, **alone):
        return f"no {what[:-1]} names {entity}{_entity_hint(store, entity)}"
    if source and not timeline(store, source=source, **alone):
        return f"no {what} in article {source}"
    if (since or until) and not timeline(store, since=since, until=until, **alone):
        span = " ".join(part for part in (f"from {since}" if since else "", f"to {until}" if until else "") if part)
        return f"no {what} {span}"
    given = [f"--{name} {value}" for name, value in (("entity", entity), ("source", source), ("from", since), ("to", until)) if value]
    if not given:
        return f"no {what} in the corpus" + ("" if undated else " (events whose year no text states: --undated)")
    return f"no {what[:-1]} matches {' and '.join(given)} together"


def _entity_hint(store: Store, name: str) -> str:
    """`; it is named in 2 articles (cgt show X)` for a known entity, else similar names."""
    from cgt_cli.index.lookup import find_entity, suggestions

    try:
        row = find_entity(store, name)
    except CgtError:
        similar = suggestions(simplify(name), store.names())
        return f"; did you mean {', '.join(similar)}?" if similar else ""
    return f"; {row.name} is named in {row.articles} article{'s' if row.articles != 1 else ''} (cgt show {row.name})"
