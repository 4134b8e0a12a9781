"""Each listing command's records as a `Listing`: the JSON records of
`records.py`, and the flat columns CSV, TSV and Markdown get (README.md lists them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cgt_cli.views import records
from cgt_cli.views.formats import Listing

if TYPE_CHECKING:
    from cgt_cli.index.lookup import Card
    from cgt_cli.index.store import EntityRow, EventRow, Source, Store
    from cgt_cli.views.records import HitLine

TIMELINE = (
    "date", "precision", "part", "resolution", "basis", "date_text", "kind", "summary", "trigger", "place",
    "entities", "source", "file", "line", "outlet", "published", "quote", "sources",
)  # fmt: skip
ENTITIES = ("name", "kind", "scope", "mentions", "articles", "first_seen", "last_seen", "aliases")
SOURCES = (
    "id", "file", "title", "outlet", "outlet_inferred", "published", "published_time", "published_inferred",
    "published_basis", "script", "encoding", "body_chars",
)  # fmt: skip
HITS = ("source", "file", "line", "column", "start", "end", "match", "context", "context_start")
COUNTS = ("source", "file", "count")
FILES = ("source", "file")
MENTIONS = ("source", "file", "line", "column", "start", "end", "text", "quote")
ROLES = ("person", "title", "organisation", "conflict", "source", "file", "line", "column", "start", "end", "quote")
RELATED = ("name", "kind", "count")
CANDIDATES = ("name", "kind", "scope", "mentions")
CARD_ROWS = ("mentions", "events", "roles", "related")  # what `show --rows` lists


def timeline(events: list[EventRow], headers: dict[str, Source]) -> Listing:
    """Events with their first quote's file and line and their first article's outlet and date."""

    def flat(record: dict) -> dict:
        quote = record["quotes"][0]
        layout = headers[record["source"]].layout
        return record | {"file": quote["file"], "line": quote["line"], "outlet": layout.outlet, "published": layout.published}

    return Listing((records.event_record(e) for e in events), TIMELINE, flat)


def entities(rows: list[EntityRow], aliases: dict[int, list[str]]) -> Listing:
    return Listing((records.entity_row(r, aliases.get(r.number, [])) for r in rows), ENTITIES)


def sources(found: list[Source]) -> Listing:
    return Listing((records.source_record(s) for s in found), SOURCES)


def hits(store: Store, lines: list[HitLine], chars: int | None) -> Listing:
    """One record per match (a line with three matches gives three)."""
    found = (records.hit_record(store, hit, chars, around) for line in lines for hit, around in zip(line.hits, line.contexts, strict=True))
    return Listing(found, HITS)


def counts(found: dict[str, tuple[str, int]]) -> Listing:
    return Listing(records.count_records(found), COUNTS)


def files(found: dict[str, tuple[str, int]]) -> Listing:
    return Listing(records.file_records(found), FILES)


def card(store: Store, found: Card, which: str, headers: dict[str, Source]) -> Listing:
    """One of the card's lists (`CARD_ROWS`) as a listing."""
    if which == "events":
        return timeline(found.events, headers)
    if which == "roles":
        return Listing([records.role_record(store, r) for r in found.entity.roles], ROLES)
    if which == "related":
        return Listing(records.related_records(found), RELATED)
    return Listing(records.mention_records(store, found), MENTIONS)


def candidates(rows: list[EntityRow]) -> Listing:
    return Listing(records.candidate_records(rows), CANDIDATES)
