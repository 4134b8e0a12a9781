"""Words a person reads in place of data: `~` for inferred, `unknown` for absent,
dates at their precision, an event's sources in one line."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from cgt_cli.index.store import SEP

if TYPE_CHECKING:
    from cgt_cli.index.store import EventRow, Source
    from cgt_cli.model import Article, Entity

DATE_COLUMN = 14  # a date column is as wide as its widest date up to this; a longer date pushes its own row
_PARTS = {"early": "early", "mid": "mid", "late": "late", "H1": "first half", "H2": "second half"}


def published_label(article: Article | Source) -> str:
    """The published date; `~` when inferred from the body, `unknown` when nowhere."""
    layout = article.layout
    if not layout.published:
        return "unknown"
    return ("~" if layout.published_inferred else "") + layout.published


def outlet_label(article: Article | Source) -> str:
    """The outlet; `~` when only the page's follow buttons name it, `unknown` when nothing does."""
    layout = article.layout
    if not layout.outlet:
        return "unknown"
    return ("~" if layout.outlet_inferred else "") + layout.outlet


def other_names(entity: Entity) -> list[str]:
    """An entity's spellings other than its name, then its aliases, without repeats."""
    others = [f for f in entity.forms if f != entity.name] + [a for a in entity.aliases if a not in entity.forms]
    return list(dict.fromkeys(others))


def date_label(event: EventRow) -> str:
    """The date at its precision; `~` when its year came from another date in the text."""
    label = event.date.replace("/..", " onwards").replace("/", " – ")
    if event.part:
        label += f" ({_PARTS.get(event.part, event.part)})"
    return ("~" if event.resolution == "context" else "") + label


def header_parts(article: Article | Source) -> list[str]:
    """Outlet and published date as a citation gives them: each only when known
    (marked `~` when inferred); an unknown one is left out, never shown as `unknown`."""
    parts = []
    if article.layout.outlet:
        parts.append(outlet_label(article))
    if article.layout.published:
        parts.append(published_label(article))
    return parts


class Citations(dict):
    """Each article's citation without a line, made once and kept by id:
    outlet and published date where known, then where it is (`where`), fit
    for a terminal (`safe`, given by the view)."""

    def __init__(self, sources: dict[str, Source], safe) -> None:
        super().__init__()
        self.sources = sources
        self.safe = safe

    def __missing__(self, article_id: str) -> str:
        source = self.sources[article_id]
        header = " ".join(header_parts(source))
        place = where(article_id, source.file)
        cited = self[article_id] = self.safe(f"{header} · {place}" if header else place)
        return cited


def event_citation(event: EventRow, cited: Citations) -> str:
    """Each source of a timeline row: `济南日报 2020-09-28 · seeds/000_x.txt:9`."""
    if len(event.sources) == 1:
        return f"{cited[event.sources[0]]}:{event.lines}" if event.lines else cited[event.sources[0]]
    lines = event.lines.split(SEP) if event.lines else [""] * len(event.sources)
    return "; ".join(f"{cited[a]}:{line}" if line else cited[a] for a, line in zip(event.sources, lines, strict=True))


def where(article_id: str, file: str, line: int | None = None) -> str:
    """`file:line`, with the article's id in front when the path does not end with it
    (an id is the path below its corpus folder without `.txt`, so it usually does)."""
    shown = short_path(file) + (f":{line}" if line else "")
    stem = os.path.splitext(file)[0].replace(os.sep, "/")
    return shown if stem == article_id or stem.endswith("/" + article_id) else f"{article_id} · {shown}"


BASIS = {  # how a date's year was read (extract.dating.BASES), in words; a new reason needs only its words
    "stated": "stated in the sentence",
    "published": "year from the published date {published}",
    "published-before": "year before the published date {published} (in its year the date would come after it)",
    "published-month": "month from the published date {published}",
    "relative": "relative to the published day {published}",
    "heading": "year from a heading above it",
    "name": "year from the event's name",
    "previous": "counted from the date before it in the article",
    "context": "year from another date in the same article (it states no published date)",
    "unknown": "no year stated",
}
_FROM_RESOLUTION = {"explicit": "stated", "anchor": "published", "context": "context", "unknown": "unknown"}
STATUS = {"planned": "planned, not reported as done"}  # statuses worth a word (not "happened")


def explanation(event: EventRow, sources: dict[str, Source]) -> str:
    """How the event's date was read, in words: `“9月25日上午”: year from the published date 2020-09-28`."""
    basis = event.basis or _FROM_RESOLUTION.get(event.resolution, event.resolution)
    published = sources[event.sources[0]].layout.published or "(unknown)"
    words = BASIS.get(basis, basis).format(published=published)
    if event.status in STATUS:
        words += "; " + STATUS[event.status]
    return (f"“{event.date_text}”: " if event.date_text else "") + words


def short_path(file: str) -> str:
    """A file as a person reads it: relative to the current folder when below it, else absolute."""
    here = os.getcwd()
    return file[len(here) + 1 :] if file.startswith(here + os.sep) and here != os.sep else file
