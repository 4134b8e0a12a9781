"""JSON records: plain data, stable keys, dates as ISO strings. Documented in README.md."""

from __future__ import annotations

from cgt_cli.index import Index
from cgt_cli.model import Article, Entity, Event, Role, Span
from cgt_cli.sentences import sentence_at


def title_of(article: Article) -> str | None:
    title = article.layout.title
    return article.text[title[0] : title[1]] if title else None


def body_chars(article: Article) -> int:
    return sum(end - start for start, end in article.layout.body)


def source_record(article: Article) -> dict:
    layout = article.layout
    return {
        "id": article.id,
        "file": article.file,
        "title": title_of(article),
        "outlet": layout.outlet,
        "outlet_inferred": layout.outlet_inferred,
        "published": layout.published,
        "published_time": layout.published_time,
        "published_inferred": layout.published_inferred,
        "published_basis": layout.published_basis,
        "script": article.script,
        "encoding": article.encoding,
        "body_chars": body_chars(article),
    }


def context_range(article: Article, hit: Span, chars: int | None) -> tuple[int, int]:
    """The sentence around a hit, or `chars` characters either side of it."""
    if chars is None:
        return sentence_at(article.text, hit.start, hit.end)
    return max(0, hit.start - chars), min(len(article.text), hit.end + chars)


def hit_record(index: Index, hit: Span, chars: int | None) -> dict:
    article = index.article(hit.article_id)
    line, column = article.line_col(hit.start)
    start, end = context_range(article, hit, chars)
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


def event_record(index: Index, event: Event) -> dict:
    quotes = []
    for quote in event.quotes:
        article = index.article(quote.article_id)
        line, column = article.line_col(quote.start)
        quotes.append(
            {
                "source": article.id,
                "file": article.file,
                "line": line,
                "start": quote.start,
                "end": quote.end,
                "quote": article.text[quote.start : quote.end],
            }
        )
    return {
        "date": event.date,
        "precision": precision(event.date),
        "part": event.part,
        "resolution": event.resolution,
        "kind": event.kind,
        "summary": event.summary,
        "trigger": event.trigger,
        "place": event.place,
        "entities": list(event.entities),
        "source": event.sources[0],
        "sources": list(event.sources),
        "quote": quotes[0]["quote"],
        "quotes": quotes,
    }


def role_record(index: Index, role: Role) -> dict:
    article = index.article(role.span.article_id)
    return {
        "person": role.person,
        "title": role.title,
        "organisation": role.organisation,
        "conflict": role.conflict,
        "source": article.id,
        "start": role.span.start,
        "end": role.span.end,
        "quote": article.text[role.span.start : role.span.end],
    }


def entity_row(card) -> dict:
    entity = card.entity
    return {
        "name": entity.name,
        "kind": entity.kind,
        "scope": entity.scope,
        "mentions": len(entity.mentions),
        "articles": len(card.articles),
        "first_seen": card.first_seen,
        "last_seen": card.last_seen,
    }


def entity_record(index: Index, card) -> dict:
    entity = card.entity
    mentions = []
    for mention in entity.mentions:
        article = index.article(mention.article_id)
        start, end = sentence_at(article.text, mention.start, mention.end)
        mentions.append(
            {
                "source": article.id,
                "start": mention.start,
                "end": mention.end,
                "text": article.text[mention.start : mention.end],
                "quote": article.text[start:end],
            }
        )
    return entity_row(card) | {
        "aliases": list(entity.aliases),
        "forms": list(entity.forms),
        "places": list(entity.places),
        "roles": [role_record(index, r) for r in entity.roles],
        "events": [event_record(index, e) for e in card.events],
        "related": [{"name": e.name, "kind": e.kind, "count": n} for e, n in card.related],
        "mentions": mentions,
        "sources": card.articles,
    }


def candidates_record(query: str, entities: list[Entity]) -> dict:
    return {
        "query": query,
        "candidates": [
            {"name": e.name, "kind": e.kind, "scope": e.scope, "mentions": len(e.mentions)} for e in entities
        ],
    }
