"""One event per happening: events of one article merged, then those of several articles.

Within an article, two events are one when they have the same date and the same main
entity, or one's main entity is named in the other's summary (a title and its lede), or
the same trigger and summary. Across articles, the same kind, date and main entity.
Merged events keep every quote, source and entity, in first-seen order.
"""

from __future__ import annotations

from dataclasses import replace

from cgt_cli.model import Event


def merge_in_article(events: list[Event]) -> list[Event]:
    """One event per happening in one article (see the module docstring)."""
    merged: list[Event] = []
    for event in events:
        same = next((i for i, e in enumerate(merged) if _same_happening(e, event)), None)
        if same is None:
            merged.append(event)
        else:
            merged[same] = _joined(merged[same], event)
    return merged


def _same_happening(a: Event, b: Event) -> bool:
    if a.date != b.date:
        return False
    if (a.trigger, a.summary) == (b.trigger, b.summary):
        return True
    main_a, main_b = main_entity(a), main_entity(b)
    named = main_a in a.entities and main_b in b.entities
    return named and (main_a == main_b or main_a in b.summary or main_b in a.summary)


def _joined(first: Event, event: Event) -> Event:
    return replace(
        first,
        quotes=first.quotes + event.quotes,
        sources=tuple(dict.fromkeys(first.sources + event.sources)),
        entities=tuple(dict.fromkeys(first.entities + event.entities)),
    )


def merge(events: list[Event], key) -> list[Event]:
    """Events with equal `key` become one, with all quotes and sources, in first-seen order."""
    merged: dict[object, Event] = {}
    for event in events:
        k = key(event)
        merged[k] = _joined(merged[k], event) if k in merged else event
    return list(merged.values())


def main_entity(event: Event) -> str:
    """The first entity named in the summary, else the summary itself."""
    return next((name for name in event.entities if name in event.summary), event.summary)


def merge_across_articles(events: list[Event]) -> list[Event]:
    """Events of several articles with the same date and main entity are one."""
    return merge(events, lambda e: (e.kind, e.date, main_entity(e)))
