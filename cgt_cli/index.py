"""The in-memory index of a corpus and its queries (built by `pipeline`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from cgt_cli.corpus import Skipped
from cgt_cli.errors import CgtError
from cgt_cli.model import Article, Entity, Event, Span
from cgt_cli.normalize import fold_width, to_simplified
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


def compile_pattern(pattern: str, regex: bool = False, ignore_case: bool = False) -> re.Pattern[str]:
    """The pattern as matched against `simple`: Simplified, half-width."""
    if not pattern:
        raise CgtError("empty pattern: give the text to search for")
    simple = fold_width(to_simplified(pattern))
    try:
        return re.compile(simple if regex else re.escape(simple), re.IGNORECASE if ignore_case else 0)
    except re.error as error:
        raise CgtError(f"invalid regular expression {pattern!r}: {error}") from None


def search(index: Index, pattern: re.Pattern[str], everything: bool = False) -> list[Span]:
    """Every non-empty match, by article in corpus order, then by offset."""
    hits = []
    for article in index.articles:
        for start, end in [(0, len(article.text))] if everything else article.content():
            hits.extend(
                Span(article.id, m.start(), m.end())
                for m in pattern.finditer(article.simple, start, end)
                if m.end() > m.start()
            )
    return hits


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
    wanted = fold_width(to_simplified(entity)) if entity else None
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
