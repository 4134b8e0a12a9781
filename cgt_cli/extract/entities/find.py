"""Who is who in a news text: bodies, people, places, policies, roles, aliases.

Every finder takes the text (Simplified, half-width) and the spans to look in;
nothing outside the spans is read, and no name crosses a span's edge. Offsets
are into `text`, and `text[hit.start:hit.end] == hit.name`.

Kinds: org (companies, universities, hospitals, institutes, government
bodies), park (产业园, 生物城, 基地), alliance (联盟, 协会, 学会, 促进会, and a
平台 with a name of its own), event (named 论坛, 峰会, 大会, 博览会 …), place
(provinces, cities, districts, and zones: 高新区, 保税区, 自贸试验区, 片区 are
places, being areas that people and bodies are in), policy (《》 titles of
documents and agreements), person.

A person's organisation in a role is the name written right before the
title (海淀区委 / 书记: a party committee is the organisation). 该公司 (该院,
该校, 该中心) resolves to the nearest earlier body of that sort in the same
paragraph, a quoted short name (“联盟”) to its full name, else None.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from cgt_cli.extract.entities import words as lex
from cgt_cli.extract.entities.bodies import find_bodies
from cgt_cli.extract.entities.bounds import Bounds, Found, mask_titles
from cgt_cli.extract.entities.keys import is_generic, name_key, same_body, series_name, variants
from cgt_cli.extract.entities.people import (
    TitleDraft,
    find_mentions,
    find_post_titled,
    find_said,
    find_titled,
    listed_title,
)
from cgt_cli.extract.entities.places import district_stems, find_places
from cgt_cli.model import Article

__all__ = [
    "Alias",
    "EntityHit",
    "RoleHit",
    "find_aliases",
    "find_all",
    "find_entities",
    "find_roles",
    "is_generic",
    "name_key",
    "same_body",
    "series_name",
    "variants",
]

_LONGEST = 104  # no name is longer: a 《》 title of 100 characters
_DISTRICT = re.compile(f"[{lex.CJK}]{{2}}(?:新区|区|县)")
_ROLE_KINDS = ("org", "alliance", "park", "place", "event")
_NAMED_KINDS = (*_ROLE_KINDS, "policy", "product")
_ALIAS = re.compile(  # behind its first characters, which the engine tests first
    r"(?=[(以下简])(?P<open>\()?(?:以下简称|下简称|以下称|下称|简称)为?"
    r"(?:[“「](?P<quoted>[^”」\n]{1,20})[”」]|《(?P<titled>[^》\n]{1,20})》|(?P<bare>[^\s,。;:、()“”「《]{1,12}))"
    r"(?(open)\))"
)
_ACRONYM = re.compile(r"\((?=[a-z]*[A-Z][a-z0-9&-]*[A-Z])([A-Za-z][A-Za-z0-9&-]{1,11})\)")
_THIS_BODY = re.compile(r"(?:该|此|这家)(公司|集团|企业|医院|大学|学院|研究院|中心|院|校|所)\Z")
_QUOTED = re.compile(r"“([^“”\n]{1,20})”\Z")
_SORT_OF = {
    "企业": ("公司", "集团"),
    "公司": ("公司", "集团"),
    "院": ("院",),
    "校": ("大学", "学院"),
}


class EntityHit(NamedTuple):  # named tuples: made and hashed by the thousand, and cheap to pickle
    kind: str  # org | park | alliance | event | place | policy | person
    name: str  # as written: text[start:end]
    start: int
    end: int


class RoleHit(NamedTuple):
    person: str
    title: str
    organisation: str | None
    start: int  # the phrase: organisation (or title) through the name
    end: int


class Alias(NamedTuple):
    short: str  # 联盟, 方案
    full: str  # the name or 《》 title it stands for, as written
    start: int  # from the full name through the closing parenthesis
    end: int


class _Segment:
    """One span's text and what is found in it, offsets local to the span."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.lo, self.text = lo, text[lo:hi]
        self.bounds = Bounds(mask_titles(self.text))
        self.places = find_places(self.text, self.bounds)
        self.bodies = find_bodies(self.text, self.bounds, frozenset(district_stems(self.text, self.places)))
        self.ending_at: dict[int, list[Found]] = defaultdict(list)  # bodies and places by where they end
        for f in self.bodies + self.places:
            self.ending_at[f.end].append(f)
        self.titled = find_titled(self.text)
        self.said = find_said(self.text)
        self.post_titled = find_post_titled(self.text, lambda pos: bool(self.named_at(pos)) or self.bounds.is_edge(pos))

    def named_at(self, end: int, kinds: tuple[str, ...] = _ROLE_KINDS) -> list[Found]:
        """The bodies and places of `kinds` whose names end at `end`."""
        return [f for f in self.ending_at.get(end, ()) if f.kind in kinds]


def _segments(text: str, spans: Iterable[tuple[int, int]]) -> list[_Segment]:
    """Segments for the spans, clipped to the text, overlapping ones merged
    (spans that only touch stay apart)."""
    merged: list[list[int]] = []
    for lo, hi in sorted((max(0, lo), min(len(text), hi)) for lo, hi in spans):
        if lo >= hi:
            continue
        if merged and lo < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [_Segment(text, lo, hi) for lo, hi in merged]


def find_all(text: str, spans: Iterable[tuple[int, int]]) -> tuple[list[EntityHit], list[RoleHit], list[Alias]]:
    """`find_entities`, `find_roles` and `find_aliases` at once, sharing their work."""
    segments = _segments(text, spans)
    aliases = _aliases(segments)
    return _entities(segments), _roles_in(segments, aliases), aliases


def find_entities(text: str, spans: Iterable[tuple[int, int]]) -> list[EntityHit]:
    """Every named body, place, policy and person in the spans, in text order;
    a name written inside a longer one (浙江大学 in 浙江大学医学院) is a hit too."""
    return _entities(_segments(text, spans))


def _entities(segments: list[_Segment]) -> list[EntityHit]:
    hits: set[EntityHit] = set()
    for seg in segments:
        hits |= {_hit(seg, f) for f in seg.bodies if f.shown}
    hits |= _people(segments)
    hits |= _places(segments, hits)
    return sorted(hits, key=lambda h: (h.start, -h.end, h.kind))


def _hit(seg: _Segment, found: Found) -> EntityHit:
    name = seg.text[found.start : found.end]
    return EntityHit(found.kind, name, seg.lo + found.start, seg.lo + found.end)


def _people(segments: list[_Segment]) -> set[EntityHit]:
    """People found by a pattern, then their names standing alone later on."""
    first: dict[str, int] = {}
    hits = set()
    for seg in segments:
        spans = [(d.name_start, d.name_end) for d in seg.titled + seg.post_titled] + seg.said
        for s, e in spans:
            hit = _hit(seg, Found("person", s, e))
            hits.add(hit)
            first[hit.name] = min(first.get(hit.name, hit.start), hit.start)
    for seg in segments:
        for s, e in find_mentions(seg.text, set(first), seg.bounds.is_edge):
            hit = _hit(seg, Found("person", s, e))
            if hit.start > first[hit.name]:
                hits.add(hit)
    return hits


def _places(segments: list[_Segment], others: set[EntityHit]) -> set[EntityHit]:
    """Places, less provinces and cities written inside a longer name; a
    district once found is found again wherever its name stands."""
    found = {_hit(seg, f) for seg in segments for f in seg.places}
    districts = {h.name for h in found if _DISTRICT.fullmatch(h.name) and not is_generic(h.name)}
    for seg in segments:
        found |= {_hit(seg, Found("place", s, e)) for s, e in _written(seg.text, districts)}
    longer = sorted(others | found, key=lambda h: h.start)
    starts = [h.start for h in longer]
    return {h for h in found if h.name in districts or not _inside_longer(h, longer, starts)}


def _written(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Where `names` stand in `text`, left to right, the longest at each place, none
    overlapping (as a pattern of them would find them; a few names an article, so
    looked for with `str.find` rather than a pattern compiled for each article)."""
    found = []
    for name in names:
        pos = text.find(name)
        while pos >= 0:
            found.append((pos, pos + len(name)))
            pos = text.find(name, pos + 1)
    kept, reach = [], 0
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if start >= reach:
            kept.append((start, end))
            reach = end
    return kept


def _inside_longer(hit: EntityHit, hits: list[EntityHit], starts: list[int]) -> bool:
    """Whether a longer hit holds `hit`; `hits` are sorted by start."""
    near = hits[bisect_left(starts, hit.start - _LONGEST) : bisect_right(starts, hit.start)]
    return any(hit.end <= h.end and h.end - h.start > hit.end - hit.start for h in near)


def find_aliases(text: str, spans: Iterable[tuple[int, int]]) -> list[Alias]:
    """Short names given right after a name or 《》 title: X(以下简称“Y”),
    X(下简称“Y”), X(下称「Y」), X(简称Y), X,简称Y, and a body's Latin
    acronym: X(CDE)."""
    return _aliases(_segments(text, spans))


def _aliases(segments: list[_Segment]) -> list[Alias]:
    aliases = []
    for seg in segments:
        for m in _ALIAS.finditer(seg.text):
            comma = not m.group("open") and seg.text[m.start() - 1 : m.start()] == ","
            full = _named_before(seg, m.start() - comma)
            if full is not None:
                short = m.group("quoted") or m.group("titled") or m.group("bare")
                aliases.append(Alias(short, seg.text[full.start : full.end], seg.lo + full.start, seg.lo + m.end()))
        aliases += _acronyms(seg)
    return aliases


def _acronyms(seg: _Segment) -> list[Alias]:
    """A Latin acronym in parentheses right after a body's name:
    临湖市细胞治疗质控中心(LCQC), 临湖生物医药产业园(LHBP); not a code such
    as a filing number (CXSB2600017)."""
    aliases = []
    for m in _ACRONYM.finditer(seg.text):
        full = _named_before(seg, m.start())
        if full is not None and full.kind != "policy" and sum(c.isdigit() for c in m.group(1)) <= 2:
            aliases.append(Alias(m.group(1), seg.text[full.start : full.end], seg.lo + full.start, seg.lo + m.end()))
    return aliases


def _named_before(seg: _Segment, pos: int) -> Found | None:
    """The longest body, policy or place ending at `pos` (or before its 》, ” or 」)."""
    ends = {pos} | ({pos - 1} if seg.text[pos - 1 : pos] in ("》", "”", "」") else set())
    named = [f for end in ends for f in seg.named_at(end, _NAMED_KINDS)]
    return min(named, key=lambda f: f.start, default=None)


def find_roles(text: str, spans: Iterable[tuple[int, int]]) -> list[RoleHit]:
    """Each title written before a person's name, with the organisation
    written before the title; titles listed with 、 before it each give one."""
    segments = _segments(text, spans)
    return _roles_in(segments, _aliases(segments))


def _roles_in(segments: list[_Segment], aliases: list[Alias]) -> list[RoleHit]:
    shorts = {a.short: a.full for a in aliases}
    roles = []
    for seg in segments:
        for draft in seg.titled:
            roles += _roles(seg, draft, shorts)
        roles += [_post_role(seg, draft) for draft in seg.post_titled]
    return roles


def _post_role(seg: _Segment, draft: TitleDraft) -> RoleHit:
    """The role of a title after the name, at the body named right before it
    (中国科学院王一鸣院士)."""
    named = [f for f in seg.named_at(draft.name_start) if f.kind != "place"]
    first = min(named, key=lambda f: f.start, default=None)
    start = first.start if first else draft.name_start
    organisation = seg.text[first.start : first.end] if first else None
    person = seg.text[draft.name_start : draft.name_end]
    title = seg.text[draft.title_start : draft.title_end]
    return RoleHit(person, title, organisation, seg.lo + start, seg.lo + draft.title_end)


def _roles(seg: _Segment, draft: TitleDraft, shorts: dict[str, str]) -> list[RoleHit]:
    """The role a title gives, then one for each title listed before it; a
    title after 兼 shares the organisation of the one before (董事长兼总经理).
    A title written after another person's name is theirs (王一院士、副校长李二)."""
    person = seg.text[draft.name_start : draft.name_end]
    end = seg.lo + draft.name_end
    roles: list[RoleHit] = []
    title: tuple[int, int] | None = (draft.title_start, draft.title_end)
    others = {d.title_start for d in seg.post_titled}
    while title and title[0] not in others:
        organisation, start = _organisation(seg, title[0], shorts)
        role = RoleHit(person, seg.text[title[0] : title[1]], organisation, seg.lo + start, end)
        if roles and roles[-1].organisation is None and seg.text[title[1]] == "兼":
            roles[-1] = roles[-1]._replace(organisation=organisation, start=role.start)
        roles.append(role)
        title = listed_title(seg.text, start)
    return roles


def _organisation(seg: _Segment, pos: int, shorts: dict[str, str]) -> tuple[str | None, int]:
    """The organisation named right before `pos` and where its name starts:
    a name, a short name given earlier (“联盟”, 协会), or 该公司 resolved."""
    text = seg.text
    named = seg.named_at(pos)
    if named:
        first = min(named, key=lambda f: f.start)
        return text[first.start : pos], first.start
    quoted = _QUOTED.search(text, max(0, pos - 22), pos)
    if quoted:
        return shorts.get(quoted.group(1), quoted.group(1)), quoted.start()
    for short, full in shorts.items():
        if text.endswith(short, 0, pos) and seg.bounds.is_edge(pos - len(short)):
            return full, pos - len(short)
    this = _THIS_BODY.search(text, max(0, pos - 4), pos)
    if this:
        return _earlier_body(seg, this.start(), this.group(1)), this.start()
    return None, pos


def _earlier_body(seg: _Segment, pos: int, sort: str) -> str | None:
    """The nearest body before `pos` in the same paragraph whose name ends as
    `sort` says (该公司 -> the last company named)."""
    paragraph = seg.text.rfind("\n", 0, pos) + 1
    endings = _SORT_OF.get(sort, (sort,))
    earlier = [
        f
        for f in seg.bodies
        if paragraph <= f.start
        and f.end <= pos
        and f.shown
        and seg.text[f.start : f.end].endswith(endings)
    ]
    last = max(earlier, key=lambda f: (f.end, -f.start), default=None)
    return seg.text[last.start : last.end] if last else None


@dataclass(frozen=True)
class Names:
    """What one article names: entity hits, roles, aliases (offsets into its text)."""

    hits: tuple[EntityHit, ...]
    roles: tuple[RoleHit, ...]
    aliases: tuple[Alias, ...]


def find_names(article: Article) -> Names:
    """Entities, roles and aliases in the article's title and body."""
    hits, roles, aliases = find_all(article.simple, article.content())
    return Names(tuple(hits), tuple(roles), tuple(aliases))
