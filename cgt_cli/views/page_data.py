"""The data of a timeline page: events, their sources and the cards of the
entities they name, as plain JSON-ready data (see `views/html.py`).

Events come from `records.event_record`, so a field it gains (such as an
event's `status`) reaches the page; what a page needs beyond it (the entities
as page numbers, the event's main entity, the cards, a character table for the
search box) is added here. The page derives each date's days and precision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cgt_cli.views import records
from cgt_cli.views.labels import other_names, outlet_label, published_label

if TYPE_CHECKING:
    from cgt_cli.index.lookup import Card
    from cgt_cli.index.store import EntityRow, EventRow, Source, Store

RELATED_MOST = 8  # related entities on an in-page card


class _Pages:
    """Numbers the sources and entities a page refers to, in the order first met."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.headers = {s.id: s for s in store.sources()}
        self.sources: dict[str, int] = {}
        self.entities: dict[int, int] = {}  # entity number in the store -> index on the page
        self.rows: list[EntityRow] = []
        self._by_name: dict[str, list[EntityRow]] | None = None

    def source(self, article_id: str) -> int:
        return self.sources.setdefault(article_id, len(self.sources))

    def entity(self, row: EntityRow) -> int:
        if row.number not in self.entities:
            self.entities[row.number] = len(self.rows)
            self.rows.append(row)
        return self.entities[row.number]

    def by_name(self) -> dict[str, list[EntityRow]]:
        if self._by_name is None:
            self._by_name = {}
            for row in self.store.entity_rows():
                self._by_name.setdefault(row.name, []).append(row)
        return self._by_name

    def named(self, name: str, sources: tuple[str, ...]) -> int | None:
        """The entity an event's linked name means: the one linked across
        articles, or the generic one of the event's own article."""
        rows = self.by_name().get(name, [])
        row = next((r for r in rows if r.scope is None), None) or next((r for r in rows if r.scope in sources), None)
        return None if row is None else self.entity(row)


EVENT_FIELDS = ("date", "part", "resolution", "status", "kind", "summary", "trigger", "place", "entities", "main", "quotes")
SOURCE_FIELDS = ("id", "file", "title", "outlet", "published", "basis", "format")


def page_data(store: Store, events: list[EventRow], *, title: str, command: str, card: Card | None = None) -> dict:
    """Everything a page shows, as plain data. With `card`, the page is that entity's.

    Events and sources are rows (lists in the order of EVENT_FIELDS and
    SOURCE_FIELDS, named in the data): a corpus of 10,000 articles has 57,000
    events, and their keys alone would weigh 9 MB. A quote is [source, line, text].
    """
    pages = _Pages(store)
    focus = pages.entity(card.row) if card else None
    shown = [_event(pages, e) for e in events]
    data = {
        "title": title,
        "command": command,
        "focus": focus,
        "event_fields": EVENT_FIELDS,
        "events": shown,
        "entities": _entities(pages),
    }
    if card is not None:
        data["quotes"] = [_quote(pages, store, span) for span in card.quotes]
    data["source_fields"] = SOURCE_FIELDS
    data["sources"] = [_source(pages.headers[i]) for i in pages.sources]
    data["script"] = script_table(data)
    return data


def _event(pages: _Pages, event: EventRow) -> list:
    record = records.event_record(event)
    names = event.entities or ()
    linked = [pages.named(name, event.sources) for name in names]
    main = next((i for i, name in zip(linked, names, strict=True) if i is not None and name in event.summary), None)
    quotes = [[pages.source(q["source"]), q["line"], q["quote"]] for q in record["quotes"]]
    entities = [i for i in linked if i is not None]
    fields = {"entities": entities, "main": main, "quotes": quotes, "status": record.get("status")}
    return [fields[name] if name in fields else record[name] for name in EVENT_FIELDS]


def _entities(pages: _Pages) -> list[dict]:
    """The card of every entity the events name (cards may name others, not carded)."""
    count = len(pages.rows)
    related = pages.store.related_counts([row.number for row in pages.rows])
    by_number = {row.number: row for rows in pages.by_name().values() for row in rows}
    return [_entity(pages, n, related[pages.rows[n].number], by_number) for n in range(count)]


def _entity(pages: _Pages, index: int, counts: dict[int, int], by_number: dict[int, EntityRow]) -> dict:
    row = pages.rows[index]
    entity = pages.store.entity(row.number)
    related = sorted(
        ((by_number[o], n) for o, n in counts.items() if by_number[o].name not in entity.places), key=lambda p: (-p[1], p[0].name)
    )[:RELATED_MOST]
    return records.entity_row(row, other_names(entity)) | {
        "places": list(entity.places),
        "roles": [
            {
                "person": r.person,
                "title": r.title,
                "organisation": r.organisation,
                "conflict": r.conflict,
                "src": pages.source(r.span.article_id),
                "line": pages.store.article(r.span.article_id).line_col(r.span.start)[0],
            }
            for r in entity.roles
        ],
        "related": [[pages.entities.get(other.number), other.name, other.kind, n] for other, n in related],
    }


def _quote(pages: _Pages, store: Store, span) -> list:
    quote = store.article(span.article_id).quote(span)
    return [pages.source(quote.source), quote.line, quote.text]


def _source(source: Source) -> list:
    layout = source.layout
    return [source.id, source.file, source.title, outlet_label(source), published_label(source), layout.published_basis, layout.format]


def script_table(data: dict) -> dict:
    """The Traditional characters (with their Simplified forms) the page's search
    folds, in the query and in the quotes alike, as `cgt grep` folds its pattern:
    so 濟南 finds 济南 and 济南 finds 濟南. Kept: those that occur in the page's
    quotes, and those whose Simplified form occurs in it (a query may hold them)."""
    from cgt_cli.read.normalize import char_table

    seen = set()
    quote = EVENT_FIELDS.index("quotes")
    summary = EVENT_FIELDS.index("summary")
    for event in data["events"]:
        seen.update(event[summary])
        for _, _, text in event[quote]:
            seen.update(text)
    for entity in data["entities"]:
        seen.update(entity["name"])
    pairs = sorted((t, s) for t, s in char_table().items() if s in seen or t in seen)
    return {"from": "".join(t for t, _ in pairs), "to": "".join(s for _, s in pairs)}
