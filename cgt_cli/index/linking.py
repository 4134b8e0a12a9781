"""Link the entity mentions of every article into entities: the per-article parts.

Per article, `extract.entities.find_names` finds names, roles and aliases in
the title and body. Here they become corpus-wide entities, in three steps that
each read one article (so the build runs them on every core, or on a cluster)
around two reduces on distinct names (`index.reduce`):
- `prepare` (map 1): each hit's link key (`Unit`); a leading zone (X片区Y产业园)
  split off as where the body is; explicit short names (下简称“X”) as hits of
  the body they stand for; an event's or yearly document's series name
  (太湖湾大会 for 2025太湖湾大会) as an alias. `Local.summary()` is all the
  reduce reads: each unit's spellings, kinds and aliases, counted;
- `reduce.link_units` joins the units that are spellings of one body (with or
  without 市, legal form, short name) and lists the companies' short names;
- `scan_shorts` (map 2): a company's short name (康远医药 for 杭州康远医药科技有限公司)
  where the article uses it;
- `reduce.name_entities` gives each entity its name and kind;
- `article_names` (map 3): the article's names as events read them.

A name too generic to tell bodies apart (细胞与基因治疗产业联盟, or a 简称 like
联盟) links only inside its own article; a person by exact name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from cgt_cli.extract.entities.find import Alias, EntityHit, Names, is_generic, name_key, series_name
from cgt_cli.model import Article

_BODIES = ("org", "park", "alliance")
SHORT_IN_ARTICLE = 3  # a short name this long counts in an article naming the body in full
SHORT_ANYWHERE = 4  # and this long in any article
_ZONE_END = re.compile(r"(?:片区|自贸区|试验区|高新区|开发区|新区|园区|区|市|省|县)$")
_LOCATED = re.compile(r"位于([^,。;的\s]{2,20})的?$")

Unit = tuple[str, str | None, str]  # family, scope (an article for generic names), key
# A hit as linking sees it: unit, name, kind (None: the kind of the unit's first hit), start, end, place
Hit = tuple[Unit, str, str | None, int, int, str | None]


def family(kind: str) -> str:
    return "body" if kind in _BODIES else kind


def unit_of(kind: str, name: str, article: str) -> Unit:
    """The key a name links under: family, scope (an article for generic names), name."""
    fam = family(kind)
    scope = article if fam == "body" and is_generic(name) else None
    return fam, scope, name if fam in ("person", "policy", "event") else name_key(name)


class Summary(NamedTuple):
    """What one article tells the reduce about one unit: distinct names, counted. Plain
    dicts and a tuple: a worker's summaries cost the main process little to unpickle."""

    names: dict[str, int]  # spelling → hits
    kinds: dict[str, int]  # kind → hits, in order of first use (short-name hits are counted in `aliased`)
    aliased: int  # hits of a short name (下简称“X”): they take the kind of the unit's first hit
    aliases: frozenset[str]


@dataclass(frozen=True)
class Local:
    """One article's hits with their units, in the order linking reads them."""

    article: str
    hits: tuple[Hit, ...]
    aliases: tuple[tuple[Unit, str], ...]  # series names and 简称 that name a unit

    def summary(self) -> dict[Unit, Summary]:
        names: dict[Unit, dict[str, int]] = {}
        kinds: dict[Unit, dict[str, int]] = {}
        aliased: dict[Unit, int] = {}
        for unit, name, kind, *_ in self.hits:
            counts = names.setdefault(unit, {})
            counts[name] = counts.get(name, 0) + 1
            if kind is None:
                aliased[unit] = aliased.get(unit, 0) + 1
            else:
                counts = kinds.setdefault(unit, {})
                counts[kind] = counts.get(kind, 0) + 1
        said: dict[Unit, set[str]] = defaultdict(set)
        for unit, alias in self.aliases:
            said[unit].add(alias)
        return {u: Summary(names[u], kinds.get(u, {}), aliased.get(u, 0), frozenset(said.get(u, ()))) for u in names}


def prepare(article: Article, found: Names) -> Local:
    """Map 1's linking part: the article's hits with their units, zones split off, 简称 used."""
    here: dict[str, Unit] = {}
    hits: list[Hit] = []
    aliases: list[tuple[Unit, str]] = []
    for kind, name, start, end, place in _split_zones(list(found.hits), article):
        unit = unit_of(kind, name, article.id)
        here.setdefault(name, unit)
        hits.append((unit, name, kind, start, end, place))
        series = series_name(name, kind)
        if series != name and not is_generic(series):
            aliases.append((unit, series))
    taken = Taken((h.start, h.end) for h in found.hits)
    for alias in found.aliases:
        if alias.full in here:
            unit = here[alias.full]
            aliases.append((unit, alias.short))
            hits += [(unit, alias.short, None, s, e, None) for s, e in _alias_uses(article, alias, taken)]
    return Local(article.id, tuple(hits), tuple(aliases))


def _split_zones(hits: list[EntityHit], article: Article) -> list[tuple[str, str, int, int, str | None]]:
    """Hits as (kind, name, start, end, place); a body named after a zone (X片区Y产业园) becomes Y, in X."""
    places: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for h in hits:
        if h.kind == "place":
            places[h.start].append((h.end, h.name))
    out = []
    for h in hits:
        zone = _leading_zone(h, places)
        if zone:
            out.append((h.kind, h.name[len(zone) :], h.start + len(zone), h.end, zone))
            continue
        located = _LOCATED.search(article.simple, max(0, h.start - 22), h.start) if h.kind in _BODIES else None
        out.append((h.kind, h.name, h.start, h.end, located.group(1) if located else None))
    return out


def _leading_zone(hit: EntityHit, places: dict[int, list[tuple[int, str]]]) -> str | None:
    """The longest zone (…片区, …新区) that starts the name of a park or alliance;
    an industry cluster is named after its region and keeps it."""
    if hit.kind not in ("park", "alliance") and not hit.name.endswith(("产业园", "研究院")):
        return None
    if hit.name.endswith("集群"):
        return None
    best = None
    for end, name in places.get(hit.start, ()):
        rest = hit.name[end - hit.start :]
        if end < hit.end and _ZONE_END.search(name) and len(rest) >= 4 and not is_generic(rest):
            if best is None or len(name) > len(best):
                best = name
    return best


class Taken:
    """Ranges already named in an article: does a new range overlap one? (log n)"""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        last = bisect_left(self.starts, end) - 1
        return last >= 0 and self.reach[last] > start


def _alias_uses(article: Article, alias: Alias, taken: Taken) -> list[tuple[int, int]]:
    """`X(下简称“Y”)`: Y names X in this article; its later uses are mentions of X."""
    found = []
    for start, end in article.content():
        for match in re.finditer(re.escape(alias.short), article.simple[start:end]):
            s, e = start + match.start(), start + match.end()
            if s >= alias.start and not taken.overlaps(s, e):
                found.append((s, e))
    return found


def scan_shorts(article: Article, local: Local, root: dict[Unit, Unit], shorts: dict[str, Unit], pattern) -> list[Hit]:
    """Map 2: the companies' short names the article uses where no other name is
    written: in any article when SHORT_ANYWHERE long, else only in articles that
    name the company in full. A place inside one (杭州 in 杭州瑞森药业有限公司) does not
    hide it, a place that holds one (青澜 in 青澜保税区) does."""
    if pattern is None:
        return []
    spans: dict[bool, list[tuple[int, int]]] = {False: [], True: []}
    named = set()
    for unit, _, _, start, end, _ in local.hits:
        spans[unit[0] == "place"].append((start, end))
        named.add(root[unit])
    bodies, places = Taken(spans[False]), Taken(spans[True])
    found: list[Hit] = []
    for start, end in article.content():
        for match in pattern.finditer(article.simple, start, end):
            s, e, short = match.start(), match.end(), match.group()
            unit = shorts[short]
            hidden = bodies.overlaps(s, e) or places.overlaps(s, s) or places.overlaps(e, e)
            if not hidden and (len(short) >= SHORT_ANYWHERE or unit in named):
                found.append((unit, short, None, s, e, None))
    return found
