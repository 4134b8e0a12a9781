"""The data of a timeline page: events, their sources and the cards of the
entities they name, as plain JSON-ready dicts (see `views/html.py`).

Events come from `records.event_record`, so a field it gains (such as an
event's `status`) reaches the page; what a page needs beyond it (each day
range, the Simplified text the search box matches, the cards) is added here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cgt_cli.extract.dates import interval
from cgt_cli.index.store import SEP
from cgt_cli.views import records
from cgt_cli.views.labels import outlet_label, published_label

if TYPE_CHECKING:
    from cgt_cli.index.lookup import Card
    from cgt_cli.index.store import EntityRow, EventRow, Source, Store

RELATED_MOST = 8  # related entities on an in-page card
READ_AS = {
    "explicit": "the text states the full date",
    "anchor": "the year is the article's published year",
    "context": "the year comes from another date in the same article (it states no published date)",
    "unknown": "no text states the year",
}


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

    def named(self, name: str, sources: tuple[str, ...]) -> int | None:
        """The entity an event's linked name means: the one linked across
        articles, or the generic one of the event's own article."""
        if self._by_name is None:
            self._by_name = {}
            for row in self.store.entity_rows():
                self._by_name.setdefault(row.name, []).append(row)
        rows = self._by_name.get(name, [])
        row = next((r for r in rows if r.scope is None), None) or next((r for r in rows if r.scope in sources), None)
        return None if row is None else self.entity(row)


def page_data(store: Store, events: list[EventRow], *, title: str, command: str, card: Card | None = None) -> dict:
    """Everything a page shows, as plain data. With `card`, the page is that entity's."""
    pages = _Pages(store)
    focus = pages.entity(card.row) if card else None
    shown = [_event(pages, e) for e in events]
    data = {
        "title": title,
        "command": command,
        "focus": focus,
        "events": shown,
    }
    data["entities"] = [_entity(pages, n) for n in range(len(pages.rows))]
    if card is not None:
        data["quotes"] = [_quote(pages, store, span) for span in card.quotes]
    data["sources"] = [_source(pages.headers[i]) for i in pages.sources]
    data["script"] = script_table(data)
    return data


def _event(pages: _Pages, event: EventRow) -> dict:
    record = records.event_record(event)
    days = interval(event.date.partition("/..")[0] if event.date.endswith("/..") else event.date)
    names = event.entities or ()
    simple = (event.search or "").split(SEP)[len(names) :] if event.search else []
    quotes = []
    for n, quote in enumerate(record["quotes"]):
        shown = {"src": pages.source(quote["source"]), "line": quote["line"], "text": quote["quote"]}
        if n < len(simple) and simple[n] != quote["quote"]:
            shown["simple"] = simple[n]  # what the search box matches, for a Traditional article
        quotes.append(shown)
    linked = [pages.named(name, event.sources) for name in names]
    main = next((i for i, name in zip(linked, names, strict=True) if i is not None and name in event.summary), None)
    return {
        "date": record["date"],
        "precision": record["precision"],
        "part": record["part"],
        "read": READ_AS.get(record["resolution"], record["resolution"]),
        "inferred": record["resolution"] == "context",
        "status": record.get("status"),
        "kind": record["kind"],
        "first": days[0].isoformat() if days else None,
        "last": days[1].isoformat() if days and not event.date.endswith("/..") else None,
        "summary": record["summary"],
        "trigger": record["trigger"],
        "place": record["place"],
        "entities": [i for i in linked if i is not None],
        "main": main,
        "quotes": quotes,
    }


def _entity(pages: _Pages, index: int) -> dict:
    row = pages.rows[index]
    entity = pages.store.entity(row.number)
    related = pages.store.related(row.number, entity.places)[:RELATED_MOST]
    others = [f for f in entity.forms if f != entity.name] + [a for a in entity.aliases if a not in entity.forms]
    return {
        "name": row.name,
        "kind": row.kind,
        "scope": row.scope,
        "mentions": row.mentions,
        "articles": row.articles,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "aliases": list(dict.fromkeys(others)),
        "places": list(entity.places),
        "roles": [
            {
                "person": r.person,
                "title": r.title,
                "organisation": r.organisation,
                "conflict": r.conflict,
                "src": pages.source(r.span.article_id),
            }
            for r in entity.roles
        ],
        "related": [[pages.entity(other) if other.number in pages.entities else None, other.name, other.kind, n] for other, n in related],
    }


def _quote(pages: _Pages, store: Store, span) -> dict:
    article = store.article(span.article_id)
    quote = article.quote(span)
    return {"src": pages.source(quote.source), "line": quote.line, "text": quote.text}


def _source(source: Source) -> dict:
    record = records.source_record(source)
    return {
        "id": source.id,
        "file": source.file,
        "title": source.title,
        "outlet": outlet_label(source),
        "published": published_label(source),
        "basis": record["published_basis"],
        "format": source.layout.format,
    }


def script_table(data: dict) -> dict:
    """Traditional characters (and their Simplified forms) that a query may
    hold and the page's text can match: the search box folds a query with it,
    as `cgt grep` does, so 濟南 finds 济南. Only characters whose Simplified
    form occurs in the page are kept."""
    from cgt_cli.read.normalize import char_table

    seen = set()
    for event in data["events"]:
        seen.update(event["summary"])
        for quote in event["quotes"]:
            seen.update(quote.get("simple", quote["text"]))
    for entity in data["entities"]:
        seen.update(entity["name"])
    pairs = sorted((t, s) for t, s in char_table().items() if s in seen)
    return {"from": "".join(t for t, _ in pairs), "to": "".join(s for _, s in pairs)}
