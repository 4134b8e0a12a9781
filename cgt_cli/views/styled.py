"""Views built as rows of styled pieces (`lines.Styled`): the timeline and grep's
lines, counts and files. Plain text when piped: nothing here imports Rich."""

from __future__ import annotations

import re

from cgt_cli.index.store import EventRow, Source
from cgt_cli.model import Article
from cgt_cli.views.labels import (
    DATE_COLUMN,
    Citations,
    date_label,
    event_citation,
    explanation,
    header_parts,
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


def _shown(control: re.Match[str]) -> str:
    return " " if control.group() in "\n\t" else "\ufffd"


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
