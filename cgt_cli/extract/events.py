"""Events: what happened on a date, read from body sentences.

A body sentence gives an event for each date mention that governs an event
verb: the verb in the clauses after the date, up to the next date (or just
before it, as in 成立于2020年). A verb used as a modifier (`11月15日发布的《方案》`)
counts only when the region has no main verb. These are facts, not events:
a date after a status word (截至2021年底…), an open period (自2020年起, 2024以来),
a span of years, and a date inside a 《title》 or “name”.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from cgt_cli.extract import lexicon
from cgt_cli.model import Article, Event, Span, TimeMention
from cgt_cli.read.sentences import split_sentences

SUMMARY_MAX = 80
_CLAUSE_BREAK = re.compile(r"[,;:。!?]")
_CLAUSE_SPLIT = re.compile(r"[^,;:。!?]+")
_LEADING = re.compile(
    r"^(?:据悉|据了解|据介绍|记者了解到|目前|此前|同时|此外|其中|另外|随后|当天|当日|日前|近日|会上|活动上|"
    r"上午|下午|晚上|晚间|[^,]{0,8}注意到|并|又|还|已经|已|将|于|在|,|\s)+"
)
_ORGANISER = re.compile(r"由[^,。]{1,60}?(?:主办|承办|举办|联合举办|指导|发起|牵头)的")
_NOUN_AFTER = re.compile(r"仪式|大会|会议|典礼|活动|现场|协议|申请|许可|会|人|方|式")
_LISTED = re.compile(r"上市(?:公司|企业)")  # listed companies, not a listing
_REPORTING = ("宣布", "发布")  # 宣布，其产品获批上市: what is announced is the event
_AGENTS = re.compile(r"由[^,。的]{1,80}?(?:等)?(?:共同|联合)?$")
_LIST = re.compile(  # the rest of an enumeration `A、B、C等` / `A、B、C三部门联合`
    r"(?:、[^、,。《》“”]{1,30}?)+(?:等|(?=[一二三四五六七八九十两\d]+(?:个|家)?(?:部门|单位|机构|企业|方))|(?=联合|共同|$))"
)
_BARE_PREDICATE = ("获", "被", "受", "经", "正式", "首次", "成功", "顺利", "再次", "又", "还", "也")
_VENUE_VERBS = ("举行", "召开", "举办", "开幕", "闭幕", "揭牌", "签约", "签署", "签订", "亮相", "开园", "开业", "成立")
_NOT_A_PLACE = r"(?:会|活动|仪式|典礼|范围|过程|论坛|峰会)[上中内]?$|期间$"
_ALIAS_NOTE = re.compile(r"\((?:以下|下文|下)?简称[^)]*\)")


@dataclass(frozen=True)
class Found:
    """What one article says happened: dated events, status facts, undated events."""

    events: list[Event]
    facts: list[Event]
    undated: list[Event]


def body_only(article: Article) -> str:
    """`simple` with everything outside the body blanked, offsets unchanged."""
    chars = [" "] * len(article.simple)
    for start, end in article.layout.body:
        chars[start:end] = article.simple[start:end]
    return "".join(chars)


def anchor_of(article: Article) -> date | None:
    """The published day, when the header states it (an inferred date is no anchor)."""
    layout = article.layout
    if layout.published_inferred or not layout.published or len(layout.published) != 10:
        return None
    return date.fromisoformat(layout.published)


def find_events(article: Article, names: list[tuple[int, int, str, str]] | None = None) -> Found:
    """Events of one article; `names` are (start, end, name, kind) of its entities, by start."""
    from cgt_cli.extract.dates import find_dates

    text = body_only(article)
    mentions = find_dates(text, anchor_of(article))
    found = Found([], [], [])
    for start, end in article.layout.body:
        for s_start, s_end in split_sentences(text, start, end):
            in_sentence = [m for m in mentions if s_start <= m.start and m.end <= s_end]
            for event, kind in _sentence_events(article, text, (s_start, s_end), in_sentence, names or []):
                getattr(found, kind).append(event)
    return Found(_merge(found.events), _merge(found.facts), _merge(found.undated))


def _sentence_events(article, text, sentence, mentions, names):
    s_start, s_end = sentence
    dated = [m for m in mentions if not _inside_name(text, s_start, m.start)]
    for i, mention in enumerate(dated):
        region_end = dated[i + 1].start if i + 1 < len(dated) else s_end
        verb = _governed_verb(text, mention, region_end, s_start)
        if verb is None:
            continue
        kind = _kind(text, s_start, mention)
        event = _build(article, text, sentence, mention, verb, names)
        yield (replace(event, kind="fact") if kind == "facts" else event), kind


def _kind(text: str, s_start: int, mention: TimeMention) -> str:
    if mention.resolution == "unknown":
        return "undated"
    before = text[max(s_start, mention.start - 6) : mention.start]
    after = text[mention.end : mention.end + 3]
    status = any(w in before or w in after for w in lexicon.load("status_markers"))
    open_or_years = mention.value.endswith("/..") or re.fullmatch(r"\d{4}/\d{4}", mention.value)
    return "facts" if status or open_or_years else "events"


def _inside_name(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside 《…》 or “…” opened since `start`."""
    before = text[start:pos]
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


@cache
def _verbs() -> re.Pattern[str]:
    """The event verbs, longest first."""
    verbs = sorted(lexicon.load("event_verbs"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


def _governed_verb(text: str, mention: TimeMention, region_end: int, s_start: int):
    """The event verb a date governs.

    After the date: the last main verb of the first clause that has one (the
    verbs before it sit in the subject, as in 签约仪式…举行); else a modifier
    verb (发布的《方案》); else, before the date, `V于DATE` (成立于2020年).
    """
    main: list[re.Match[str]] = []
    attributive = None
    for match in _verbs().finditer(text, mention.end, region_end):
        if main and _CLAUSE_BREAK.search(text, main[-1].end(), match.start()):
            if main[-1].group() not in _REPORTING or text[main[-1].end() : main[-1].end() + 1] == "《":
                break
            main = []  # 宣布, then a clause with the happening itself
        if _inside_name(text, mention.end, match.start()) or _NOUN_AFTER.match(text, match.end()):
            continue
        if _LISTED.match(text, match.start()):
            continue
        if text.startswith("的", match.end()) or text.startswith("了的", match.end()):
            attributive = attributive or match
        else:
            main.append(match)
    if main or attributive:
        return main[-1] if main else attributive
    before = _verbs().search(text, max(s_start, mention.start - 6), mention.start)
    return before if before and text[before.end() : mention.start] in ("于", "在") else None


def _build(article, text, sentence, mention, verb, names) -> Event:
    clause = _clause(text, sentence, verb.start(), verb.end())
    place = _place(text, clause[0], verb) 
    summary = _summary(text, clause, mention, verb, place, sentence, names)
    in_sentence = [n for s, e, n, _ in names if sentence[0] <= s and e <= sentence[1]]
    return Event(
        date=mention.value,
        resolution=mention.resolution,
        part=mention.part,
        summary=summary,
        trigger=verb.group(),
        place=place,
        entities=tuple(dict.fromkeys(in_sentence)),
        quotes=(Span(article.id, *sentence),),
        sources=(article.id,),
    )


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end], not breaking inside 《》 or “”."""
    left = sentence[0]
    for match in _CLAUSE_BREAK.finditer(text, sentence[0], start):
        if not _inside_name(text, sentence[0], match.start()):
            left = match.end()
    right = sentence[1]
    for match in _CLAUSE_BREAK.finditer(text, end, sentence[1]):
        if not _inside_name(text, sentence[0], match.start()):
            right = match.start()
            break
    return left, right


def _place(text: str, clause_start: int, verb: re.Match[str]) -> str | None:
    """X in `在X举行`: where the clause says a meeting or opening happened."""
    if verb.group() not in _VENUE_VERBS:
        return None
    head = text[clause_start : verb.start()]
    match = re.search(r"在([^在,。]{2,30}?)(?:正式|隆重|顺利|成功|盛大)?$", head)
    if not match or re.search(r"\d|月|日|" + _NOT_A_PLACE, match.group(1)):
        return None
    return match.group(1)


def _summary(text, clause, mention, verb, place, sentence, names) -> str:
    """A short clause: who did what, without date, organisers, alias notes or place."""
    start, end = clause
    piece = text[start:end]
    if start <= mention.start < end:
        piece = re.sub(r"[于在]?" + re.escape(text[mention.start : mention.end]), "", piece, count=1)
    if place:
        piece = re.sub(r"在" + re.escape(place), "", piece, count=1)
    piece = _ORGANISER.sub("", _ALIAS_NOTE.sub("", piece))
    head, _, tail = piece.rpartition(verb.group())
    piece = _LIST.sub("等", _AGENTS.sub("", head)) + verb.group() + tail if _ else piece
    piece = _LEADING.sub("", piece.strip()).replace(verb.group() + "了", verb.group(), 1).strip()
    if not piece or piece.startswith((verb.group(),) + _BARE_PREDICATE):
        piece = (_topic(text, sentence, start, names) or "") + piece
    if text.startswith("的", verb.end()) and piece.endswith("的"):
        piece = piece[:-1]
    piece = _modifier_event(piece, verb.group())
    return piece if len(piece) <= SUMMARY_MAX else piece[: SUMMARY_MAX - 1] + "…"


def _modifier_event(piece: str, verb: str) -> str:
    """`发布的《方案》中` → `《方案》发布`: a modifier verb's object is what happened."""
    match = re.match(re.escape(verb) + r"的(《[^》]+》|“[^”]+”)", piece)
    return match.group(1) + verb if match else piece


def _topic(text: str, sentence: tuple[int, int], before: int, names) -> str | None:
    """The body that opens the sentence (after 据悉, dates and the like), if any."""
    starts = {start: name for start, _, name, kind in reversed(names) if kind not in ("place", "person")}
    for match in _CLAUSE_SPLIT.finditer(text, sentence[0], before):
        clause = text[match.start() : match.end()]
        lead = len(clause) - len(_LEADING.sub("", clause))
        if clause[lead:].strip(" ,"):
            return starts.get(match.start() + lead)
    return None


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening in one article: same date, trigger and main entity."""
    return merge(events, lambda e: (e.date, e.trigger, main_entity(e)))


def merge(events: list[Event], key) -> list[Event]:
    """Events with equal `key` become one, with all quotes and sources, in first-seen order."""
    merged: dict[object, Event] = {}
    for event in events:
        k = key(event)
        if k in merged:
            first = merged[k]
            merged[k] = replace(
                first,
                quotes=first.quotes + event.quotes,
                sources=tuple(dict.fromkeys(first.sources + event.sources)),
                entities=tuple(dict.fromkeys(first.entities + event.entities)),
            )
        else:
            merged[k] = event
    return list(merged.values())


def main_entity(event: Event) -> str:
    """The first entity named in the summary, else the summary itself."""
    return next((name for name in event.entities if name in event.summary), event.summary)


def merge_across_articles(events: list[Event]) -> list[Event]:
    """Events of several articles with the same date and main entity are one."""
    return merge(events, lambda e: (e.kind, e.date, main_entity(e)))
