"""Entity queries on a store: find one by name, and what the card says of it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from cgt_cli.errors import NOT_FOUND, CgtError, quoted
from cgt_cli.extract.entities.find import is_generic
from cgt_cli.index.store import EntityRow, EventRow, Store
from cgt_cli.model import Entity, Span
from cgt_cli.read.normalize import simplify

LONGEST_NAME = 200  # characters: longer queries get no suggestions
KINDS = ("org", "park", "alliance", "person", "place", "policy", "event", "product")


class Ambiguous(CgtError):
    """Several entities answer to the name: the user picks one."""

    def __init__(self, query: str, candidates: list[EntityRow]) -> None:
        super().__init__(f"{query!r} names {len(candidates)} entities; give one of their names", NOT_FOUND)
        self.query = query
        self.candidates = candidates


class Unknown(CgtError):
    """No entity answers to the name; `suggestions` are similar names."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {quoted(query)}{hint}", NOT_FOUND)
        self.suggestions = suggestions


@dataclass(frozen=True)
class Card:
    row: EntityRow
    entity: Entity
    events: list[EventRow]
    related: list[tuple[EntityRow, int]]
    quotes: list[Span]  # one sentence per mention, first mentions first

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article_id for m in self.entity.mentions))


def find_entity(store: Store, query: str) -> EntityRow:
    """Exact name, then alias or spelling (either script), then a unique part of a name.

    A generic word (联盟, 中心) lists every entity it could mean.
    """
    wanted = simplify(query.strip())
    if not wanted:
        raise CgtError("empty name: give the name to look up")
    steps = [(("name",), False), (("alias", "form"), False), (("name", "alias"), True)]
    if is_generic(wanted):
        steps = [steps[0], steps[2]]
    for hows, part in steps:
        found = store.named(wanted, hows, part)
        if len(found) == 1:
            return found[0]
        if found:
            raise Ambiguous(query, found)
    raise Unknown(query, suggestions(wanted, store.names()))


def suggestions(wanted: str, names: set[str], most: int = 5) -> list[str]:
    """Names like `wanted`: compared whole and window by window (苏洲 → 苏州…产业园)."""
    scored = []
    if len(wanted) > LONGEST_NAME:
        return []  # no name is like it, and comparing would take long
    for name in names:
        windows = [name[i : i + len(wanted)] for i in range(max(1, len(name) - len(wanted) + 1))]
        best = max(difflib.SequenceMatcher(None, wanted, w).ratio() for w in windows + [name])
        if best >= 0.5:
            scored.append((-best, len(name), name))
    return [name for _, _, name in sorted(scored)[:most]]


def card(store: Store, row: EntityRow, *, detail: bool = True) -> Card:
    """Everything the corpus says of one entity; its events without their
    detail (see `EventRow`) unless `detail`."""
    entity = store.entity(row.number)
    events = store.events_of(row.number, detail=detail)
    return Card(row, entity, events, store.related(row.number, entity.places), store.sentences(row.number))


def entity_rows(store: Store, *, kind: str | None = None, min_mentions: int = 1) -> list[EntityRow]:
    """All entities (of one kind), most mentioned first."""
    min_mentions = min(min_mentions, 2**63 - 1)  # SQLite's largest integer; more than any count
    if kind is None:
        return store.entity_rows("mentions >= ?", min_mentions)
    return store.entity_rows("kind = ? AND mentions >= ?", kind, min_mentions)
