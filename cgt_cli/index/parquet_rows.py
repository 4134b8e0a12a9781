"""An `Index` as the rows of the dataset's tables (`index.parquet`): plain dicts of
strings, numbers, lists and structs, in the store's order. The event rows are the
SQLite store's own (`store._event_rows`), their joined columns split back into lists,
so both answer from one computation."""

from __future__ import annotations

from cgt_cli.index.store import SEP, _event_entity_rows, _event_rows
from cgt_cli.model import Index


def articles(index: Index, sha256: dict[str, str]) -> list[dict]:
    rows = []
    for n, a in enumerate(index.articles):
        layout = a.layout
        rows.append({
            "ord": n, "id": a.id, "file": a.file, "sha256": sha256.get(a.id), "encoding": a.encoding,
            "script": a.script, "title": a.title, "outlet": layout.outlet, "outlet_inferred": layout.outlet_inferred,
            "published": layout.published, "published_time": layout.published_time,
            "published_inferred": layout.published_inferred, "published_basis": layout.published_basis,
            "format": layout.format, "title_span": _span(layout.title), "body": [_span(r) for r in layout.body],
            "removed": [{"at": at, "chars": chars} for at, chars in a.removed], "body_chars": a.body_chars,
            "text": a.text, "simple": None if a.simple == a.text else a.simple,
        })  # fmt: skip
    return rows


def _span(pair: tuple[int, int] | None) -> dict | None:
    return None if pair is None else {"start": pair[0], "end": pair[1]}


def map_hits(names: dict) -> dict[str, list[dict]]:
    """The per-article map's findings (`Names` by article id) as three tables."""
    hits, roles, aliases = [], [], []
    for article, found in names.items():
        hits += [{"article": article, "kind": h.kind, "name": h.name, "start": h.start, "end": h.end} for h in found.hits]
        roles += [
            {"article": article, "person": r.person, "title": r.title, "organisation": r.organisation, "start": r.start, "end": r.end}
            for r in found.roles
        ]
        aliases += [{"article": article, "short": a.short, "full": a.full, "start": a.start, "end": a.end} for a in found.aliases]
    return {"hits": hits, "role_hits": roles, "alias_hits": aliases}


def entities(index: Index) -> list[dict]:
    related: dict[int, list[dict]] = {}
    for (number, other), n in sorted(index.related.items()):
        related.setdefault(number, []).append({"other": other, "sentences": n})
    rows = []
    for number, entity in enumerate(index.entities):
        ids = list(dict.fromkeys(m.article_id for m in entity.mentions))
        dates = sorted(d for d in (index.article(a).layout.published for a in ids) if d)
        rows.append({
            "number": number, "name": entity.name, "kind": entity.kind, "scope": entity.scope,
            "mentions": len(entity.mentions), "articles": len(ids),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "forms": list(entity.forms), "aliases": list(entity.aliases), "places": list(entity.places),
            "sentences": [{"article": s.article_id, "start": s.start, "end": s.end} for s in index.sentences[number]],
            "related": related.get(number, []),
        })  # fmt: skip
    return rows


def mentions(index: Index) -> list[dict]:
    return [
        {"entity": number, "ord": n, "article": m.article_id, "start": m.start, "end": m.end}
        for number, entity in enumerate(index.entities)
        for n, m in enumerate(entity.mentions)
    ]


def roles(index: Index) -> list[dict]:
    return [
        {
            "entity": number, "ord": n, "person": r.person, "title": r.title, "organisation": r.organisation,
            "article": r.span.article_id, "start": r.span.start, "end": r.span.end, "conflict": r.conflict,
        }  # fmt: skip
        for number, entity in enumerate(index.entities)
        for n, r in enumerate(entity.roles)
    ]


def events(index: Index) -> list[dict]:
    named: dict[int, dict[int, None]] = {}
    for _, number, event in _event_entity_rows(0, index):
        named.setdefault(event, {})[number] = None
    rows = []
    for row in _event_rows(0, index):
        (_, n, undated, kind, first, last, date, resolution, part, summary, place, sources, status, lines, basis,
         date_text, trigger, names, quotes, search) = row  # fmt: skip
        rows.append({
            "ord": n, "undated": bool(undated), "kind": kind, "first_day": first, "last_day": last, "date": date,
            "resolution": resolution, "part": part, "summary": summary, "place": place, "sources": sources.split(SEP),
            "status": status, "lines": [int(line) for line in lines.split(SEP)], "basis": basis, "date_text": date_text,
            "trigger": trigger, "entities": names.split(SEP) if names else [], "quotes": _quotes(quotes),
            "search": search.split(SEP), "named": sorted(named.get(n, {})),
        })  # fmt: skip
    return rows


def _quotes(encoded: str) -> list[dict]:
    import json

    keys = ("source", "file", "line", "start", "end", "text")
    return [dict(zip(keys, quote, strict=True)) for quote in json.loads(encoded)]
