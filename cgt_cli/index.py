"""The in-memory index of a corpus and its queries (built by `pipeline`)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import cached_property

from cgt_cli.corpus import Skipped
from cgt_cli.errors import CgtError
from cgt_cli.model import Article, Entity, Event, Span
from cgt_cli.normalize import simplify
from cgt_cli.timex import interval


@dataclass
class Index:
    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # dated events and facts, by date
    undated: list[Event] = field(default_factory=list)  # events whose year nobody states
    entities: list[Entity] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    @cached_property
    def _by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    @cached_property
    def mention_table(self) -> dict[str, list[tuple[int, int, int]]]:
        """Per article, (start, end, entity number) of every mention, by start."""
        table: dict[str, list[tuple[int, int, int]]] = {}
        for number, entity in enumerate(self.entities):
            for m in entity.mentions:
                table.setdefault(m.article_id, []).append((m.start, m.end, number))
        for rows in table.values():
            rows.sort()
        return table


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

    try:
        return engine.compile(simple, engine.IGNORECASE if ignore_case else 0)
    except engine.error as error:
        raise CgtError(f"invalid regular expression {_shown(pattern)}: {error}") from None


def _shown(pattern: str) -> str:
    """The pattern for a message: quoted, control characters escaped, cut when long."""
    return repr(pattern if len(pattern) <= 60 else pattern[:60] + "…")


def search(index: Index, pattern, everything: bool = False) -> list[Span]:
    """Every non-empty match, by article in corpus order, then by offset."""
    deadline = time.monotonic() + REGEX_SECONDS
    timed = not isinstance(pattern, re.Pattern)  # the `regex` package: stoppable
    hits = []
    for article in index.articles:
        for start, end in [(0, len(article.text))] if everything else article.content():
            matches = _finditer(pattern, article.simple, start, end, deadline if timed else None)
            hits.extend(Span(article.id, m.start(), m.end()) for m in matches if m.end() > m.start())
    return hits


def _finditer(pattern, text: str, start: int, end: int, deadline: float | None):
    if deadline is None:
        return list(pattern.finditer(text, start, end))
    try:
        return list(pattern.finditer(text, start, end, timeout=max(0.001, deadline - time.monotonic())))
    except TimeoutError:
        raise CgtError(
            f"the regular expression ran longer than {REGEX_SECONDS:g} s and was stopped: simplify it"
        ) from None


_BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def parse_bound(value: str, option: str):
    """`2020`, `2020-09` or `2020-09-25` as its (first day, last day)."""
    days = interval(value) if _BOUND.fullmatch(value) else None
    if days is None:
        raise CgtError(f"invalid {option} value {value!r}: use a date like 2020, 2020-09 or 2020-09-25")
    return days


def timeline(
    index: Index,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    source: str | None = None,
    facts: bool = False,
    undated: bool = False,
) -> list[Event]:
    """The events that pass every filter, in timeline order."""
    first = parse_bound(since, "--from")[0] if since else None
    last = parse_bound(until, "--to")[1] if until else None
    if source is not None and source not in {a.id for a in index.articles}:
        raise CgtError(f"no article with id {source!r}: see `cgt sources`")
    wanted = simplify(entity) if entity else None
    chosen = []
    for event in index.undated if undated else index.events:
        if event.kind == "fact" and not facts:
            continue
        if source and source not in event.sources:
            continue
        if wanted and not _names(index, event, wanted):
            continue
        if (first or last) and not _within(event, first, last):
            continue
        chosen.append(event)
    return chosen


def _within(event: Event, first, last) -> bool:
    days = interval(event.date)
    if days is None:
        return False
    return (first is None or days[1] >= first) and (last is None or days[0] <= last)


def _names(index: Index, event: Event, wanted: str) -> bool:
    """Whether the event names `wanted` (Simplified) in its entities or its sentences."""
    if any(wanted in name for name in event.entities):
        return True
    return any(wanted in index.article(q.article_id).simple[q.start : q.end] for q in event.quotes)
