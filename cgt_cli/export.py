"""JSON records: plain data, stable keys, dates as ISO strings. Documented in README.md."""

from __future__ import annotations

from cgt_cli.index import Index
from cgt_cli.model import Article, Event, Span
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
