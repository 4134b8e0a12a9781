"""Rich renderables for cgt's views. Builds, never prints: cli.py prints once."""

from __future__ import annotations

import re

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cgt_cli.export import body_chars, context_range, title_of
from cgt_cli.index import Index
from cgt_cli.model import Article, Entity, Event, Span

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
    table.add_column("id", overflow="fold", min_width=8)
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


def grep_view(index: Index, hits: list[Span], chars: int | None, with_source: bool) -> Text:
    """Hits grouped by article: `line:column: context` with the match highlighted."""
    text = Text()
    current = None
    for hit in hits:
        article = index.article(hit.article_id)
        if article.id != current:
            heading = f"{article.id}  {title_of(article) or ''}".rstrip()
            text.append(("\n" if current is not None else "") + safe(heading) + "\n", style="bold magenta")
            current = article.id
        line, column = article.line_col(hit.start)
        start, end = context_range(article, hit, chars)
        text.append(f"{line}:{column}: ", style="green")
        text.append(safe(article.text[start : hit.start]))
        text.append(safe(article.text[hit.start : hit.end]), style="bold red")
        text.append(safe(article.text[hit.end : end]) + "\n")
        if with_source:
            text.append("    — " + citation(article, hit.start) + "\n", style="dim")
    text.rstrip()
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


def timeline_view(index: Index, events: list[Event], quotes: bool = False) -> Text:
    """Events grouped by year, one line each: date, what happened, @ where, — source."""
    text = Text()
    year = None
    for event in events:
        event_year = event.date[:4] if event.date[:1].isdigit() else "year unknown"
        if event_year != year:
            text.append(("\n" if year is not None else "") + event_year + "\n", style="bold cyan")
            year = event_year
        text.append(f"  {date_label(event):<13}", style="green")
        text.append(safe(event.summary), style="italic" if event.kind == "fact" else "")
        if event.kind == "fact":
            text.append("  (fact)", style="dim")
        if event.place:
            text.append(f"  @ {safe(event.place)}", style="cyan")
        text.append("  — " + _sources(index, event) + "\n", style="dim")
        if quotes:
            for quote in event.quotes:
                article = index.article(quote.article_id)
                text.append(f"{'':15}“{safe(article.text[quote.start : quote.end])}”\n", style="dim")
    if any(e.resolution == "context" for e in events):
        text.append("\n~ year taken from another date in the same article (no published date)\n", style="dim")
    text.rstrip()
    return text


def _sources(index: Index, event: Event) -> str:
    labels = []
    for article_id in event.sources:
        article = index.article(article_id)
        labels.append(f"{outlet_label(article)} {published_label(article)}")
    return safe("; ".join(labels))


def candidates_table(query: str, entities: list[Entity]) -> Table:
    table = Table(title=f"{safe(query)!s} names {len(entities)} entities; show one by its name", title_justify="left")
    for column in ("name", "kind", "mentions", "articles"):
        table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for entity in entities:
        articles = len({m.article_id for m in entity.mentions})
        name = entity.name + (f"  (in {entity.scope})" if entity.scope else "")
        table.add_row(safe(name), entity.kind, str(len(entity.mentions)), str(articles))
    return table


def entities_table(cards: list) -> Table:
    table = Table(title=f"{len(cards)} entities", title_justify="left")
    table.add_column("name", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    for card in cards:
        entity = card.entity
        table.add_row(
            safe(entity.name),
            entity.kind,
            str(len(entity.mentions)),
            str(len(card.articles)),
            card.first_seen or "",
            card.last_seen or "",
        )
    return table


def entity_card(index: Index, card, most: int | None = 5) -> Panel:
    """The card; `most` quotes (and four times as many events), None for all."""
    entity = card.entity
    parts: list = [_card_facts(card)]
    if entity.roles:
        parts += [Text("\nroles", style="bold"), _roles_table(index, entity)]
    if card.events:
        events = card.events if most is None else card.events[: most * 4]
        parts += [Text(f"\nevents ({len(events)} of {len(card.events)})", style="bold"), timeline_view(index, events)]
        if len(events) < len(card.events):
            parts.append(Text("  … the rest with --all, or: cgt timeline --entity NAME", style="dim"))
    if card.related:
        parts += [Text("\nrelated (sentences shared)", style="bold"), _related_text(card.related)]
    shown = card.quotes if most is None else card.quotes[:most]
    if shown:
        parts.append(Text(f"\nquotes ({len(shown)} of {len(card.quotes)})", style="bold"))
        for quote in shown:
            article = index.article(quote.article_id)
            parts.append(Text("“" + safe(article.text[quote.start : quote.end]) + "”"))
            parts.append(Text("    — " + citation(article, quote.start), style="dim"))
    title = f"{safe(entity.name)} · {entity.kind}"
    return Panel(Group(*parts), title=title, title_align="left")


def _card_facts(card) -> Text:
    entity = card.entity
    lines = []
    if entity.places:
        lines.append(("where", "、".join(entity.places)))
    others = [f for f in entity.forms if f != entity.name] + [a for a in entity.aliases if a not in entity.forms]
    if others:
        lines.append(("also", "、".join(dict.fromkeys(others))))
    count = len(card.articles)
    seen = f"{len(entity.mentions)} mentions in {count} article{'s' if count != 1 else ''}"
    if card.first_seen:
        seen += f", published {card.first_seen}" + (f" to {card.last_seen}" if card.last_seen != card.first_seen else "")
    lines.append(("seen", seen))
    if entity.scope:
        lines.append(("scope", f"a generic name, linked only inside {entity.scope}"))
    text = Text()
    for label, value in lines:
        text.append(f"{label}: ", style="bold")
        text.append(safe(value) + "\n")
    text.rstrip()
    return text


def _roles_table(index: Index, entity: Entity) -> Table:
    table = Table(box=None, padding=(0, 1), show_header=True)
    for column in ("person", "title", "organisation", "source"):
        table.add_column(column, overflow="fold")
    for role in entity.roles:
        article = index.article(role.span.article_id)
        flag = " ⚠ differs" if role.conflict else ""
        table.add_row(safe(role.person), safe(role.title) + flag, safe(role.organisation or "?"), citation(article, role.span.start))
    return table


def _related_text(related: list, most: int = 12) -> Text:
    text = Text()
    for n, (entity, count) in enumerate(related[:most]):
        text.append(("、" if n else "") + safe(entity.name))
        text.append(f" {entity.kind} ×{count}", style="dim")
    if len(related) > most:
        text.append(f"  … and {len(related) - most} more (--json lists all)", style="dim")
    return text
