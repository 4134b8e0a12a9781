"""Rich renderables for cgt's views. Builds, never prints: cli.py prints once."""

from __future__ import annotations

import re

from rich.console import Group
from rich.table import Table
from rich.text import Text

from cgt_cli.export import body_chars, context_range, title_of
from cgt_cli.index import Index
from cgt_cli.model import Article, Event, Span

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Text fit for a terminal: control characters and escapes shown as �, lines joined."""
    return _CONTROL.sub("\ufffd", text.replace("\n", " ").replace("\t", " "))


def published_label(article: Article) -> str:
    layout = article.layout
    if not layout.published:
        return "unknown"
    return ("~" if layout.published_inferred else "") + layout.published


def outlet_label(article: Article) -> str:
    layout = article.layout
    if not layout.outlet:
        return "unknown"
    return ("~" if layout.outlet_inferred else "") + layout.outlet


def sources_table(articles: list[Article]) -> Table:
    table = Table(
        title=f"{len(articles)} articles",
        title_justify="left",
        caption="~ inferred from the page, not stated in its header",
        caption_justify="left",
    )
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="fold", min_width=12)
    for column in ("outlet", "published", "script"):
        table.add_column(column, no_wrap=True)
    table.add_column("chars", justify="right", no_wrap=True)
    for article in articles:
        table.add_row(
            safe(article.id),
            safe(title_of(article) or "(no title)"),
            safe(outlet_label(article)),
            published_label(article),
            article.script,
            f"{body_chars(article):,}",
        )
    return table


def citation(article: Article, start: int) -> str:
    line, column = article.line_col(start)
    title = title_of(article)
    parts = [outlet_label(article), published_label(article)]
    parts.append(f"《{title}》" if title else "(no title)")
    parts.append(f"{article.file}:{line}:{column}")
    return safe(" · ".join(parts))


def grep_view(index: Index, hits: list[Span], chars: int | None, with_source: bool) -> Group:
    parts: list = []
    current = None
    for hit in hits:
        article = index.article(hit.article_id)
        if article.id != current:
            current = article.id
            heading = f"{article.id}  {title_of(article) or ''}".rstrip()
            parts.append(Text(("\n" if len(parts) else "") + safe(heading), style="bold magenta"))
        parts.append(_hit_line(article, hit, chars))
        if with_source:
            parts.append(Text("    — " + citation(article, hit.start), style="dim"))
    return Group(*parts)


def _hit_line(article: Article, hit: Span, chars: int | None) -> Text:
    line, column = article.line_col(hit.start)
    start, end = context_range(article, hit, chars)
    text = Text(f"{line}:{column}: ", style="green")
    text.append(safe(article.text[start : hit.start]))
    text.append(safe(article.text[hit.start : hit.end]), style="bold red")
    text.append(safe(article.text[hit.end : end]))
    return text


def count_table(index: Index, hits: list[Span]) -> Table:
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.article_id] = counts.get(hit.article_id, 0) + 1
    table = Table(show_footer=True)
    table.add_column("source", footer="total")
    table.add_column("hits", justify="right", footer=str(len(hits)))
    for article in index.articles:
        if article.id in counts:
            table.add_row(safe(article.id), str(counts[article.id]))
    return table


_PARTS = {"early": "early", "mid": "mid", "late": "late", "H1": "first half", "H2": "second half"}


def date_label(event: Event) -> str:
    """The date at its precision; `~` when its year came from another date in the text."""
    label = event.date.replace("/..", " onwards").replace("/", " – ")
    if event.part:
        label += f" ({_PARTS.get(event.part, event.part)})"
    return ("~" if event.resolution == "context" else "") + label


def timeline_table(index: Index, events: list[Event], quotes: bool = False) -> Table:
    table = Table(
        caption="~ year taken from another date in the same article (no published date)",
        caption_justify="left",
    )
    table.add_column("date", no_wrap=True)
    table.add_column("what happened", overflow="fold", ratio=3)
    table.add_column("where", overflow="fold", ratio=1)
    table.add_column("source", overflow="fold", ratio=1)
    year = None
    for event in events:
        event_year = event.date[:4] if event.date[:1].isdigit() else "year unknown"
        if event_year != year:
            if year is not None:
                table.add_section()
            table.add_row(Text(event_year, style="bold cyan"), "", "", "")
            year = event_year
        table.add_row(
            date_label(event),
            _what(index, event, quotes),
            safe(event.place or ""),
            _sources(index, event),
        )
    return table


def _what(index: Index, event: Event, quotes: bool) -> Text:
    text = Text(safe(event.summary), style="italic" if event.kind == "fact" else "")
    if event.kind == "fact":
        text.append("  (fact)", style="dim")
    if quotes:
        for quote in event.quotes:
            article = index.article(quote.article_id)
            text.append("\n“" + safe(article.text[quote.start : quote.end]) + "”", style="dim")
    return text


def _sources(index: Index, event: Event) -> str:
    lines = []
    for article_id in event.sources:
        article = index.article(article_id)
        lines.append(f"{outlet_label(article)} {published_label(article)}")
    return safe("\n".join(lines))
