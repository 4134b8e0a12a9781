"""Rich renderables for cgt's views. Builds, never prints: the command prints once."""

from __future__ import annotations

import re

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cgt_cli.index.store import EntityRow, EventRow, Source, Store
from cgt_cli.model import Article, Entity
from cgt_cli.views.labels import (
    DATE_COLUMN,
    Citations,
    date_label,
    event_citation,
    explanation,
    header_parts,
    other_names,
    outlet_label,
    published_label,
    short_path,
    where,
)
from cgt_cli.views.lines import Styled
from cgt_cli.views.records import HitLine

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


def sources_table(sources: list[Source]) -> Table:
    """One row per article; `html` under the script of one that came from a saved web page."""
    table = Table(
        title=f"{len(sources)} articles",
        title_justify="left",
        caption="~ inferred from the page, not stated in its header",
        caption_justify="left",
    )
    table.add_column("id", overflow="fold", min_width=8)
    table.add_column("title", overflow="fold", min_width=12, ratio=3)
    table.add_column("outlet", overflow="fold", min_width=6, ratio=1)
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
    """The long citation of a place in an article: outlet, published date, title, file:line:column."""
    line, column = article.line_col(start)
    title = article.title
    parts = [*header_parts(article), f"《{title}》" if title else None, f"{short_path(article.file)}:{line}:{column}"]
    return safe(" · ".join(part for part in parts if part))


def grep_view(lines: list[HitLine], with_source: bool, heading: bool) -> Styled:
    """One line per sentence (or -C window), every match in it highlighted.

    With `heading`, each article's id and title head its lines, which start
    `line:column:`; without, each line starts `id:line:column:` (as ripgrep
    writes to a pipe)."""
    out = Styled()
    current = None
    for hit_line in lines:
        article = hit_line.article
        if heading and article.id != current:
            if current is not None:
                out.blank()
            if article.title:
                out.row((safe(article.title), "bold magenta"), lead=((safe(article.id) + "  ", "bold magenta"),))
            else:
                out.row((safe(article.id), "bold magenta"))
            current = article.id
        first = hit_line.hits[0]
        line, column = article.line_col(first.start)
        position = f"{line}:{column}:" if heading else f"{safe(article.id)}:{line}:{column}:"
        out.row(*_highlighted(article, hit_line), lead=((position, "green"),))
        if with_source:
            out.row(("— " + citation(article, first.start), "dim"), lead=(("    ", ""),))
    return out


def _highlighted(article: Article, hit_line: HitLine) -> list[tuple[str, str]]:
    pieces, at = [], hit_line.start
    for hit in hit_line.hits:
        pieces += [(safe(article.text[at : hit.start]), ""), (safe(article.text[hit.start : hit.end]), "bold red")]
        at = hit.end
    pieces.append((safe(article.text[at : hit_line.end]), ""))
    return pieces


def count_view(counts: list[dict]) -> Styled:
    """Matches per article, one line each in corpus order, then the total."""
    total = sum(entry["count"] for entry in counts)
    width = max([len("total"), *(len(safe(entry["source"])) for entry in counts)])
    digits = len(str(total))
    out = Styled()
    for entry in counts:
        out.row((f"{safe(entry['source']):<{width}}  {entry['count']:>{digits}}", ""))
    out.row((f"{'total':<{width}}  {total:>{digits}}", "bold"))
    return out


def files_view(files: list[dict]) -> Styled:
    """The ids of the articles with a match, one a line."""
    out = Styled()
    for entry in files:
        out.row((safe(entry["source"]), ""))
    return out


def event_row(out: Styled, event: EventRow, label: str, cited: Citations) -> None:
    """One timeline row: date (`label`, as wide as its column), what happened, @ where,
    and a citation of each source (outlet and published date where known, file:line);
    the text wraps under its column."""
    fact = event.kind == "fact"
    body = [(safe(event.summary), "italic" if fact else "")]
    if fact:
        body.append(("  (fact)", "dim"))
    if event.status == "planned":
        body.append(("  (planned)", "yellow"))
    if event.place:
        body.append((f"  @ {safe(event.place)}", "cyan"))
    body.append(("  — " + event_citation(event, cited), "dim"))
    out.rows.append(((("  ", ""), (label + "  ", "green")), tuple(body)))


def timeline_view(
    events: list[EventRow], sources: dict[str, Source], quotes: bool = False, explain: bool = False
) -> Styled:
    """Events grouped by year, one row each (see `event_row`); with `quotes`, each
    sentence it comes from; with `explain`, how its date was read."""
    out = Styled()
    year = None
    labels = [date_label(e) for e in events]
    column = max((len(label) for label in labels if len(label) <= DATE_COLUMN), default=0)
    indent = (("  " + " " * (column + 2), ""),)
    cited = Citations(sources, safe)
    for event, label in zip(events, labels, strict=True):
        event_year = event.date[:4] if event.date[:1].isdigit() else "year unknown"
        if event_year != year:
            if year is not None:
                out.blank()
            out.row((event_year, "bold cyan"))
            year = event_year
        event_row(out, event, f"{label:<{column}}", cited)
        if explain:
            out.row(("↳ " + safe(explanation(event, sources)), "dim"), lead=indent)
        if quotes:
            for quote in event.quotes():
                cited_quote = "  — " + safe(where(quote.source, quote.file, quote.line))
                out.row((f"“{safe(quote.text)}”", "dim"), (cited_quote, "dim"), lead=indent)
    legend = []
    if any(e.resolution == "context" for e in events):
        legend.append("~ year taken from elsewhere in the same article (a heading, an event's name, another date)")
    if any(e.status == "planned" for e in events):
        legend.append("(planned) announced or scheduled for that date, not reported as done")
    if legend:
        out.blank()
        for line in legend:
            out.row((line, "dim"))
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
