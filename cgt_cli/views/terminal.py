"""Rich renderables for cgt's views. Builds, never prints: cli.py prints once."""

from __future__ import annotations

import re

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cgt_cli.index.store import EntityRow, EventRow, Source, Store
from cgt_cli.model import Article, Entity, Span
from cgt_cli.views.labels import date_label, other_names, outlet_label, published_label, shown_path, sources_label
from cgt_cli.views.records import context_range

# control characters, bidirectional overrides and isolates, lone surrogates (undecodable bytes)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(text: str) -> str:
    """Text fit for a terminal: control characters, escapes and direction
    overrides shown as �, lines joined."""
    return _UNSAFE.sub(_shown, text)


def plain(text: str, style: str = "") -> Text:
    """Article-derived text for Rich: never read as markup (`[bold]`, `[link=…]`) or emoji codes."""
    return Text(safe(text), style=style)


def _shown(control: re.Match[str]) -> str:
    return " " if control.group() in "\n\t" else "\ufffd"


class Styled:
    """Text built as (string, style) pieces: written plain when piped, as Rich
    Text on a terminal. Thousands of lines stay cheap until a terminal needs them."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, str]] = []

    def append(self, text: str, style: str = "") -> None:
        self.pieces.append((text, style))

    @property
    def plain(self) -> str:
        return "".join([text for text, _ in self.pieces]).rstrip()

    def __rich__(self) -> Text:
        text = Text.assemble(*self.pieces)
        text.rstrip()
        return text


def sources_table(sources: list[Source]) -> Table:
    """One row per article; `html` under the script of one that came from a saved web page."""
    table = Table(
        title=f"{len(sources)} articles",
        title_justify="left",
        caption="~ inferred from the page, not stated in its header",
        caption_justify="left",
    )
    table.add_column("id", overflow="fold", min_width=8)
    table.add_column("title", overflow="fold", min_width=12)
    table.add_column("outlet", no_wrap=True, max_width=14, overflow="ellipsis")  # a web page's site name can be long
    for column in ("published", "script"):
        table.add_column(column, no_wrap=True)
    table.add_column("chars", justify="right", no_wrap=True)
    for source in sources:
        table.add_row(
            plain(source.id),
            plain(source.title or "(no title)"),
            plain(outlet_label(source)),
            plain(published_label(source)),
            source.script + ("\nhtml" if source.layout.format == "html" else ""),
            f"{source.body_chars:,}",
        )
    return table


def citation(article: Article, start: int) -> str:
    line, column = article.line_col(start)
    title = article.title
    parts = [outlet_label(article), published_label(article)]
    parts.append(f"《{title}》" if title else "(no title)")
    parts.append(f"{shown_path(article.file)}:{line}:{column}")
    return safe(" · ".join(parts))


def grep_view(store: Store, hits: list[Span], chars: int | None, with_source: bool) -> Styled:
    """Hits grouped by article: `line:column: context` with the match highlighted."""
    out = Styled()
    current = None
    for hit in hits:
        article = store.article(hit.article_id)
        if article.id != current:
            heading = f"{article.id}  {article.title or ''}".rstrip()
            out.append(("\n" if current is not None else "") + safe(heading) + "\n", "bold magenta")
            current = article.id
        line, column = article.line_col(hit.start)
        start, end = context_range(article, hit, chars)
        out.append(f"{line}:{column}: ", "green")
        out.append(safe(article.text[start : hit.start]))
        out.append(safe(article.text[hit.start : hit.end]), "bold red")
        out.append(safe(article.text[hit.end : end]) + "\n")
        if with_source:
            out.append("    — " + citation(article, hit.start) + "\n", "dim")
    return out


def count_view(hits: list[Span]) -> Styled:
    """Hits per article, one line each in corpus order, then the total (like `grep -c`)."""
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.article_id] = counts.get(hit.article_id, 0) + 1
    width = max([len("total"), *map(len, counts)])
    digits = len(str(len(hits)))
    out = Styled()
    for article_id, n in counts.items():
        out.append(f"{safe(article_id):<{width}}  {n:>{digits}}\n")
    out.append(f"{'total':<{width}}  {len(hits):>{digits}}\n", "bold")
    return out


def event_line(out: Styled, event: EventRow, sources: dict[str, Source]) -> None:
    """One timeline line: date, what happened, @ where, — outlet and date of each source."""
    out.append(f"  {date_label(event):<13}", "green")
    out.append(safe(event.summary), "italic" if event.kind == "fact" else "")
    if event.kind == "fact":
        out.append("  (fact)", "dim")
    if event.status == "planned":
        out.append("  (planned)", "yellow")
    if event.place:
        out.append(f"  @ {safe(event.place)}", "cyan")
    out.append("  — " + safe(sources_label(event, sources)), "dim")
    out.append("\n")


def timeline_view(events: list[EventRow], sources: dict[str, Source], quotes: bool = False) -> Styled:
    """Events grouped by year, one line each (see `event_line`)."""
    out = Styled()
    year = None
    for event in events:
        event_year = event.date[:4] if event.date[:1].isdigit() else "year unknown"
        if event_year != year:
            out.append(("\n" if year is not None else "") + event_year + "\n", "bold cyan")
            year = event_year
        event_line(out, event, sources)
        if quotes:
            for quote in event.quotes():
                out.append(f"{'':15}“{safe(quote.text)}”\n", "dim")
    legend = []
    if any(e.resolution == "context" for e in events):
        legend.append("~ year taken from elsewhere in the same article (a heading, an event's name, another date)")
    if any(e.status == "planned" for e in events):
        legend.append("(planned) announced or scheduled for that date, not reported as done")
    if legend:
        out.append("\n" + "\n".join(legend) + "\n", "dim")
    return out


def candidates_table(query: str, entities: list[EntityRow]) -> Table:
    table = Table(title=plain(f"{query} names {len(entities)} entities; show one by its name"), title_justify="left")
    for column in ("name", "kind", "mentions", "articles"):
        table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for entity in entities:
        name = entity.name + (f"  (in {entity.scope})" if entity.scope else "")
        table.add_row(plain(name), entity.kind, str(entity.mentions), str(entity.articles))
    return table


def entities_table(rows: list[EntityRow]) -> Table:
    table = Table(title=f"{len(rows)} entities", title_justify="left")
    table.add_column("name", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    for row in rows:
        table.add_row(
            plain(row.name), row.kind, str(row.mentions), str(row.articles), row.first_seen or "", row.last_seen or ""
        )
    return table


def entity_card(store: Store, card, sources: dict[str, Source], most: int | None = 5) -> Panel:
    """The card; `most` quotes (and four times as many events), None for all."""
    entity = card.entity
    parts: list = [_card_facts(card)]
    if entity.roles:
        parts += [Text("\nroles", style="bold"), _roles_table(store, entity)]
    if card.events:
        events = card.events if most is None else card.events[: most * 4]
        parts += [Text(f"\nevents ({len(events)} of {len(card.events)})", style="bold"), timeline_view(events, sources)]
        if len(events) < len(card.events):
            parts.append(Text("  … the rest with --all, or: cgt timeline --entity NAME", style="dim"))
    if card.related:
        parts += [Text("\nrelated (sentences shared)", style="bold"), _related_text(card.related)]
    shown = card.quotes if most is None else card.quotes[:most]
    if shown:
        parts.append(Text(f"\nquotes ({len(shown)} of {len(card.quotes)})", style="bold"))
        for quote in shown:
            article = store.article(quote.article_id)
            parts.append(Text("“" + safe(article.text[quote.start : quote.end]) + "”"))
            parts.append(Text("    — " + citation(article, quote.start), style="dim"))
    return Panel(Group(*parts), title=plain(f"{entity.name} · {entity.kind}"), title_align="left")


def _card_facts(card) -> Text:
    entity = card.entity
    lines = []
    if entity.places:
        lines.append(("where", "、".join(entity.places)))
    others = other_names(entity)
    if others:
        lines.append(("also", "、".join(others)))
    row = card.row
    seen = f"{row.mentions} mentions in {row.articles} article{'s' if row.articles != 1 else ''}"
    if row.first_seen:
        seen += f", published {row.first_seen}" + (f" to {row.last_seen}" if row.last_seen != row.first_seen else "")
    lines.append(("seen", seen))
    if entity.scope:
        lines.append(("scope", f"a generic name, linked only inside {entity.scope}"))
    text = Text()
    for label, value in lines:
        text.append(f"{label}: ", style="bold")
        text.append(safe(value) + "\n")
    text.rstrip()
    return text


def _roles_table(store: Store, entity: Entity) -> Table:
    table = Table(box=None, padding=(0, 1), show_header=True)
    for column in ("person", "title", "organisation", "source"):
        table.add_column(column, overflow="fold")
    for role in entity.roles:
        article = store.article(role.span.article_id)
        flag = " ⚠ differs" if role.conflict else ""
        table.add_row(
            plain(role.person), plain(role.title + flag), plain(role.organisation or "?"), plain(citation(article, role.span.start))
        )
    return table


def _related_text(related: list, most: int = 12) -> Text:
    text = Text()
    for n, (entity, count) in enumerate(related[:most]):
        text.append(("、" if n else "") + safe(entity.name))
        text.append(f" {entity.kind} ×{count}", style="dim")
    if len(related) > most:
        text.append(f"  … and {len(related) - most} more (--json lists all)", style="dim")
    return text
