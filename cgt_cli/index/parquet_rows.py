"""An index as the rows of the dataset's tables (`index.parquet`): plain dicts of
strings, numbers, lists and structs, in the store's order. Each function reads a
slice (articles from `first`, a range of entities, the events of a range of dates)
as well as a whole `Index`: the Dask engine writes a table in parts. The event rows
are the SQLite store's own (`rows.event_rows`), their joined columns split back
into lists, so both answer from one computation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from cgt_cli.index.rows import event_entity_rows as _event_entity_rows
from cgt_cli.index.rows import event_rows as _event_rows
from cgt_cli.index.store import SEP
from cgt_cli.model import Article, Entity, Index, Span


class Numbered(NamedTuple):
    """One entity as its rows need it."""

    number: int
    entity: Entity
    sentences: list[Span]
    related: dict[int, int]  # other entity → sentences shared
    dates: list[str]  # the published dates of the articles naming it, sorted


def articles(articles: list[Article], sha256: dict[str, str], first: int = 0) -> list[dict]:
    rows = []
    for n, a in enumerate(articles, first):
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


def skipped(files) -> list[dict]:
    return [{"file": s.file, "reason": s.reason, "trace": s.trace} for s in files]


def every_entity(index: Index) -> Iterable[Numbered]:
    """A whole index's entities with what their rows read."""
    related: dict[int, dict[int, int]] = {}
    for (number, other), n in sorted(index.related.items()):
        related.setdefault(number, {})[other] = n
    for number, entity in enumerate(index.entities):
        ids = dict.fromkeys(m.article_id for m in entity.mentions)
        dates = sorted(d for d in (index.article(a).layout.published for a in ids) if d)
        yield Numbered(number, entity, index.sentences[number], related.get(number, {}), dates)


def entity_tables(numbered: Iterable[Numbered]) -> dict[str, list[dict]]:
    """The rows of `entities`, `mentions` and `roles` for these entities."""
    tables: dict[str, list[dict]] = {"entities": [], "mentions": [], "roles": []}
    for number, entity, sentences, related, dates in numbered:
        tables["entities"].append({
            "number": number, "name": entity.name, "kind": entity.kind, "scope": entity.scope,
            "mentions": len(entity.mentions), "articles": len(dict.fromkeys(m.article_id for m in entity.mentions)),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "forms": list(entity.forms), "aliases": list(entity.aliases), "places": list(entity.places),
            "sentences": [{"article": s.article_id, "start": s.start, "end": s.end} for s in sentences],
            "related": [{"other": other, "sentences": n} for other, n in sorted(related.items())],
        })  # fmt: skip
        tables["mentions"] += [
            {"entity": number, "ord": n, "article": m.article_id, "start": m.start, "end": m.end} for n, m in enumerate(entity.mentions)
        ]
        tables["roles"] += [
            {
                "entity": number, "ord": n, "person": r.person, "title": r.title, "organisation": r.organisation,
                "article": r.span.article_id, "start": r.span.start, "end": r.span.end, "conflict": r.conflict,
            }  # fmt: skip
            for n, r in enumerate(entity.roles)
        ]
    return tables


def events(index: Index, offset: int = 0, named: list[set[int]] | None = None) -> list[dict]:
    """The rows of `index.events` then `index.undated`, numbered from `offset`; `named`
    gives each one's entity numbers where the index does not hold every entity."""
    if named is None:
        named = [set() for _ in range(len(index.events) + len(index.undated))]
        for _, number, event in _event_entity_rows(0, index):
            named[event].add(number)
    rows = []
    for row in _event_rows(0, index):
        (_, n, undated, kind, first, last, date, resolution, part, summary, place, sources, status, lines, basis,
         date_text, trigger, names, quotes, search) = row  # fmt: skip
        rows.append({
            "ord": offset + n, "undated": bool(undated), "kind": kind, "first_day": first, "last_day": last, "date": date,
            "resolution": resolution, "part": part, "summary": summary, "place": place, "sources": sources.split(SEP),
            "status": status, "lines": [int(line) for line in lines.split(SEP)], "basis": basis, "date_text": date_text,
            "trigger": trigger, "entities": names.split(SEP) if names else [], "quotes": _quotes(quotes),
            "search": search.split(SEP), "named": sorted(named[n]),
        })  # fmt: skip
    return rows


def _quotes(encoded: str) -> list[dict]:
    import json

    keys = ("source", "file", "line", "start", "end", "text")
    return [dict(zip(keys, quote, strict=True)) for quote in json.loads(encoded)]
