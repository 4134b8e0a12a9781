"""One event per happening: events of one article merged, then those of several articles.

Within an article, two events are one when they have the same date and the same main
entity, or one's main entity is named in the other's summary (a title and its lede), or
the same trigger and summary. Across articles, the same kind, date and main entity.
Merged events keep every quote, source and entity, in first-seen order.
"""

from __future__ import annotations

from dataclasses import replace

from cgt_cli.model import Event

RECENT = 200  # happenings of one date an event is compared with: the latest, in order


def merge_in_article(events: list[Event]) -> list[Event]:
    """One event per happening in one article (see the module docstring). An event is
    compared only with happenings of its own date (at most the RECENT latest), and
    each happening's quotes are joined once at the end: linear in the events."""
    happenings: list[tuple[Event, list[Event]]] = []  # as merged so far (for comparing), and its events
    of_date: dict[str, list[int]] = {}
    for event in events:
        numbers = of_date.setdefault(event.date, [])
        same = next((i for i in numbers[-RECENT:] if _same_happening(happenings[i][0], event)), None)
        if same is None:
            numbers.append(len(happenings))
            happenings.append((event, [event]))
        else:
            current, group = happenings[same]
            group.append(event)
            entities = tuple(dict.fromkeys(current.entities + event.entities))
            happenings[same] = (current if entities == current.entities else replace(current, entities=entities), group)
    return [_joined(group) for _, group in happenings]


def _same_happening(a: Event, b: Event) -> bool:
    if a.date != b.date:
        return False
    if (a.trigger, a.summary) == (b.trigger, b.summary):
        return True
    main_a, main_b = main_entity(a), main_entity(b)
    named = main_a in a.entities and main_b in b.entities
    return named and (main_a == main_b or main_a in b.summary or main_b in a.summary)


def _joined(group: list[Event]) -> Event:
    """The first event with every quote (each sentence once), source and entity of the group."""
    if len(group) == 1:
        return group[0]
    return replace(
        group[0],
        quotes=tuple(dict.fromkeys(q for e in group for q in e.quotes)),
        sources=tuple(dict.fromkeys(s for e in group for s in e.sources)),
        entities=tuple(dict.fromkeys(n for e in group for n in e.entities)),
    )


def merge(events: list[Event], key) -> list[Event]:
    """Events with equal `key` become one, with all quotes and sources, in first-seen order."""
    groups: dict[object, list[Event]] = {}
    for event in events:
        groups.setdefault(key(event), []).append(event)
    return [_joined(group) for group in groups.values()]


def main_entity(event: Event) -> str:
    """The first entity named in the summary, else the summary itself."""
    return next((name for name in event.entities if name in event.summary), event.summary)


def merge_across_articles(events: list[Event]) -> list[Event]:
    """Events of several articles with the same date and main entity are one."""
    return merge(events, lambda e: (e.kind, e.date, main_entity(e)))
