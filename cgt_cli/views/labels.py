"""Words a person reads in place of data: `~` for inferred, `unknown` for absent,
dates at their precision, an event's sources in one line."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cgt_cli.index.store import EventRow, Source
    from cgt_cli.model import Article, Entity

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


def sources_label(event: EventRow, sources: dict[str, Source]) -> str:
    """Outlet and published date of each of the event's articles."""
    return "; ".join(f"{outlet_label(s)} {published_label(s)}" for s in (sources[i] for i in event.sources))


def shown_path(file: str) -> str:
    """A file as a person reads it: relative to the current folder when below it, else absolute."""
    here = os.getcwd()
    return file[len(here) + 1 :] if file.startswith(here + os.sep) and here != os.sep else file
