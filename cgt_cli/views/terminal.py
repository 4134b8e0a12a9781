"""Rich renderables for cgt's views. Builds, never prints: the command prints once."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cgt_cli.index.store import EntityRow, Source, Store
from cgt_cli.model import Entity
from cgt_cli.views.labels import other_names, outlet_label, published_label
from cgt_cli.views.styled import citation, safe, timeline_view


def plain(text: str, style: str = "") -> Text:
    """Article-derived text for Rich: never read as markup (`[bold]`, `[link=…]`) or emoji codes."""
    return Text(safe(text), style=style)


def new_table(title, boxed: bool = True, **options) -> Table:
    """A table as a terminal shows it (`boxed`), or as a pipe or a file takes it: no
    box, columns two spaces apart, the title and header lines as plain text."""
    if not boxed:
        options |= {"box": None, "pad_edge": False}
    return Table(title=title, title_justify="left", **options)


def sources_table(sources: list[Source], boxed: bool = True) -> Table:
    """One row per article; `html` under the script of one that came from a saved web page.
    Out of its box, an id is never folded (the columns then fit in 75)."""
    caption = "~ inferred from the page, not stated in its header"
    table = new_table(f"{len(sources)} articles", boxed, caption=caption, caption_justify="left")
    table.add_column("id", overflow="fold", min_width=8, no_wrap=not boxed)
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


def candidates_table(query: str, entities: list[EntityRow], boxed: bool = True) -> Table:
    table = new_table(plain(f"{query} names {len(entities)} entities; show one by its name"), boxed)
    for column in ("name", "kind", "mentions", "articles"):
        table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for entity in entities:
        name = entity.name + (f"  (in {entity.scope})" if entity.scope else "")
        table.add_row(plain(name), entity.kind, str(entity.mentions), str(entity.articles))
    return table


def entities_table(rows: list[EntityRow], boxed: bool = True) -> Table:
    table = new_table(f"{len(rows)} entities", boxed)
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
