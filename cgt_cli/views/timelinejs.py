"""The JSON that TimelineJS 3 reads, made from a page's data (`views.page_data`).

TimelineJS shows `headline` and `text` as HTML, so every piece of article text
is escaped here. A date keeps its precision: a year-only event has only a
year, a range has an end date, an inferred year is marked `~` in its label.
"""

from __future__ import annotations

from html import escape

KIND_GROUPS = {
    "org": "organisation", "park": "park", "alliance": "alliance", "person": "person",
    "place": "place", "policy": "policy", "event": "named event",
}  # fmt: skip


def _date_parts(value: str, label: str | None = None) -> dict:
    year, _, rest = value.partition("-")
    month, _, day = rest.partition("-")
    parts = {"year": year}
    if month:
        parts["month"] = str(int(month))
    if day:
        parts["day"] = str(int(day))
    if label:
        parts["display_date"] = label
    return parts


def _cite(data: dict, quote: list) -> str:
    src, line, text = quote
    source = dict(zip(data["source_fields"], data["sources"][src], strict=True))
    title = f"《{source['title']}》" if source["title"] else "(no title)"
    where = f"{source['file']}:{line}"
    return (
        f"<blockquote>“{escape(text)}”</blockquote>"
        f"<p>— {escape(source['outlet'])} · {escape(source['published'])} · {escape(title)} · <code>{escape(where)}</code></p>"
    )


def timelinejs(data: dict, label: str) -> dict:
    """The TimelineJS 3 document: a title slide and one slide per dated event."""
    slides = []
    for n, row in enumerate(data["events"]):
        event = dict(zip(data["event_fields"], row, strict=True))
        date = event["date"]
        if not date or not date[:1].isdigit():
            continue  # TimelineJS needs a year
        start, _, end = date.partition("/")
        shown = ("~" if event["resolution"] == "context" else "") + date.replace("/..", " onwards").replace("/", " – ")
        slide = {
            "unique_id": f"event-{n}",
            "start_date": _date_parts(start, shown),
            "display_date": shown,
            "text": {
                "headline": escape(event["summary"]) + (" (planned)" if event.get("status") == "planned" else ""),
                "text": "".join(_cite(data, q) for q in event["quotes"]),
            },
            "group": KIND_GROUPS.get(data["entities"][event["main"]]["kind"], "other") if event["main"] is not None else "other",
        }
        if end and end != "..":
            slide["end_date"] = _date_parts(end)
        slides.append(slide)
    return {"title": {"text": {"headline": escape(label), "text": f"<p>{len(slides)} events, made by cgt</p>"}}, "events": slides}
