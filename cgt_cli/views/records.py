"""JSON records: plain data, stable keys, dates as ISO strings. Documented in README.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from cgt_cli.model import Article, Quote, Role, Span
from cgt_cli.read.sentences import sentence_at

if TYPE_CHECKING:
    from cgt_cli.index.lookup import Card
    from cgt_cli.index.store import EntityRow, EventRow, Source, Store


def source_record(source: Source) -> dict:
    layout = source.layout
    return {
        "id": source.id,
        "file": source.file,
        "title": source.title,
        "outlet": layout.outlet,
        "outlet_inferred": layout.outlet_inferred,
        "published": layout.published,
        "published_time": layout.published_time,
        "published_inferred": layout.published_inferred,
        "published_basis": layout.published_basis,
        "script": source.script,
        "encoding": source.encoding,
        "format": layout.format,
        "body_chars": source.body_chars,
    }


def context_range(article: Article, hit: Span, chars: int | None) -> tuple[int, int]:
    """The sentence around a hit, or `chars` characters either side of it."""
    if chars is None:
        return sentence_at(article.text, hit.start, hit.end)
    return max(0, hit.start - chars), min(len(article.text), hit.end + chars)


class HitLine(NamedTuple):
    """What grep shows as one line: a sentence (or a window of `-C` characters) and every match in it."""

    article: Article
    start: int
    end: int
    hits: list[Span]
    contexts: list[tuple[int, int]]  # each hit's own sentence (or window), found once


def hit_lines(store: Store, hits: list[Span], chars: int | None, most: int | None = None) -> list[HitLine]:
    """The hits grouped into the lines grep shows, in order; at most `most` lines per article.

    Hits whose sentences (or windows) overlap share one line, which spans them all."""
    lines: list[HitLine] = []
    shown: dict[str, int] = {}
    for hit in hits:
        article = store.article(hit.article_id)
        start, end = context_range(article, hit, chars)
        last = lines[-1] if lines else None
        if last and last.article.id == article.id and start < last.end:
            last.hits.append(hit)
            last.contexts.append((start, end))
            if end > last.end:
                lines[-1] = last._replace(end=end)
        elif most is None or shown.get(article.id, 0) < most:
            shown[article.id] = shown.get(article.id, 0) + 1
            lines.append(HitLine(article, start, end, [hit], [(start, end)]))
    return lines


def count_records(counts: dict[str, tuple[str, int]]) -> list[dict]:
    """Matches per article (`counts`: id → (file, matches)), in corpus order."""
    return [{"source": source, "file": file, "count": n} for source, (file, n) in counts.items()]


def file_records(counts: dict[str, tuple[str, int]]) -> list[dict]:
    """The articles with a match, in corpus order."""
    return [{"source": source, "file": file} for source, (file, _) in counts.items()]


def per_article(store: Store, hits: list[Span]) -> dict[str, tuple[str, int]]:
    """The file and number of hits of each article, in their order."""
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.article_id] = counts.get(hit.article_id, 0) + 1
    return {source: (store.article(source).file, n) for source, n in counts.items()}


def hit_record(store: Store, hit: Span, chars: int | None, around: tuple[int, int] | None = None) -> dict:
    """One match as JSON; `around` is its context when already found (`HitLine.contexts`)."""
    article = store.article(hit.article_id)
    line, column = article.line_col(hit.start)
    start, end = around or context_range(article, hit, chars)
    return {
        "source": article.id,
        "file": article.file,
        "line": line,
        "column": column,
        "start": hit.start,
        "end": hit.end,
        "match": article.text[hit.start : hit.end],
        "context": article.text[start:end],
        "context_start": start,
    }


def precision(value: str) -> str:
    """year, month, day, range, open or unknown: how exactly a date value is known."""
    if value.endswith("/..") or value == "..":
        return "open" if value != ".." else "unknown"
    if "/" in value:
        return "range"
    if value.startswith("--"):
        return "unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "unknown")


def quote_record(quote: Quote) -> dict:
    return {
        "source": quote.source,
        "file": quote.file,
        "line": quote.line,
        "start": quote.start,
        "end": quote.end,
        "quote": quote.text,
    }


def event_record(event: EventRow) -> dict:
    quotes = [quote_record(q) for q in event.quotes()]
    return {
        "date": event.date,
        "precision": precision(event.date),
        "part": event.part,
        "resolution": event.resolution,
        "kind": event.kind,
        "status": event.status,
        "summary": event.summary,
        "trigger": event.trigger,
        "place": event.place,
        "entities": list(event.entities),
        "source": event.sources[0],
        "sources": list(event.sources),
        "quote": quotes[0]["quote"],
        "quotes": quotes,
        "basis": event.basis,
        "date_text": event.date_text,
    }


def role_record(store: Store, role: Role) -> dict:
    article = store.article(role.span.article_id)
    line, column = article.line_col(role.span.start)
    return {
        "person": role.person,
        "title": role.title,
        "organisation": role.organisation,
        "conflict": role.conflict,
        "source": article.id,
        "start": role.span.start,
        "end": role.span.end,
        "quote": article.text[role.span.start : role.span.end],
        "file": article.file,
        "line": line,
        "column": column,
    }


def entity_row(row: EntityRow, aliases: list[str]) -> dict:
    return {
        "name": row.name,
        "kind": row.kind,
        "scope": row.scope,
        "mentions": row.mentions,
        "articles": row.articles,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "aliases": aliases,
    }


def entity_record(store: Store, card: Card) -> dict:
    entity = card.entity
    return entity_row(card.row, list(entity.aliases)) | {
        "forms": list(entity.forms),
        "places": list(entity.places),
        "roles": [role_record(store, r) for r in entity.roles],
        "events": [event_record(e) for e in card.events],
        "related": related_records(card),
        "mentions": mention_records(store, card),
        "sources": card.articles,
    }


def mention_records(store: Store, card: Card) -> list[dict]:
    """Each place the entity is named: the name as written, its sentence, and where in the file."""
    mentions = []
    for mention in card.entity.mentions:
        article = store.article(mention.article_id)
        start, end = sentence_at(article.text, mention.start, mention.end)
        line, column = article.line_col(mention.start)
        mentions.append(
            {
                "source": article.id,
                "start": mention.start,
                "end": mention.end,
                "text": article.text[mention.start : mention.end],
                "quote": article.text[start:end],
                "file": article.file,
                "line": line,
                "column": column,
            }
        )
    return mentions


def related_records(card: Card) -> list[dict]:
    return [{"name": e.name, "kind": e.kind, "count": n} for e, n in card.related]


def candidates_record(query: str, rows: list[EntityRow]) -> dict:
    return {"query": query, "candidates": candidate_records(rows)}


def candidate_records(rows: list[EntityRow]) -> list[dict]:
    return [{"name": e.name, "kind": e.kind, "scope": e.scope, "mentions": e.mentions} for e in rows]
