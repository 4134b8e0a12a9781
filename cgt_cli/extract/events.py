"""Events: what happened, or is planned, on a date, read from body sentences.

A body sentence gives an event for each date mention that governs an event
verb: the verb in the clauses after the date, up to the next date (or just
before it, as in 成立于2020年). A verb used as a modifier (`11月15日发布的《方案》`)
counts only when the region has no main verb. A month inside a noun phrase after
a full date (`5月6日,全市五月份重点项目…签约`) governs nothing. These are facts, not
events: a date after a status word (截至2021年底…), an open period (2024以来), a
span of years or months (2024年1-6月), a date followed by 前/后 (2024年前三季度),
and a date inside a 《title》 or “name”. A rule taking effect on a day
(自2024年7月1日起施行) is an event of that day.

Structure counts too: a date alone on its line governs the first sentence with
an event verb on the next lines (`2021年3月18日` then `某委发布《要点》`), unless it
follows a headline of its own (a list of headlines, each then its date), and a
notice's signature date (an issuer's line, then the date) dates its `现予发布` /
`现印发` / `自发布之日起施行`: the issuer published the document it names.

An event is `planned` when a marker (将于, 计划, 拟, 即将…; data/planned_markers.txt)
stands before its verb or when its date lies after the published day; else
`happened`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from cgt_cli.extract import lexicon
from cgt_cli.extract.merge import merge_in_article
from cgt_cli.extract.summary import CLAUSE_BREAK, clause, inside_name, place_of, summarize
from cgt_cli.model import Article, Event, Span, TimeMention
from cgt_cli.read.sentences import split_sentences

_NOUN_AFTER = re.compile(r"仪式|大会|会议|典礼|活动|现场|协议|申请|许可|会|人|方|式|号|暨|(?:该|这一|此|相关)?(?:消息|信息)")
_LISTED = re.compile(r"上市(?:公司|企业)")  # listed companies, not a listing
_REPORTING = ("宣布", "发布")  # 宣布，其产品获批上市: what is announced is the event
_WEAK = ("提出", "要求", "指出")  # 《方案》提出…, 区委要求…: count only when no other verb does
_EFFECT = ("施行", "实施", "生效")  # 自…起施行: the rule takes effect that day
_SINCE = re.compile(r"至今|以来")  # 从2010年…至今,已完成…: a period
_PERIOD_AFTER = re.compile(r"(?:以前|以后|之前|之后|前后|前|后)(?![夕期沿线景列瞻身续勤台盾])")  # 2024年前三季度: a period
_ALONE = re.compile(r"[\s\-—:|,.。●○◆■•·()（）\[\]【】]*(?:星期|周)?[一二三四五六日天]?[\s\-—:|,.。)）]*")
_PROMULGATED = re.compile(r"现(?:予以?|将|就)?(发布|印发|公布)|自(发布|印发|公布)之日起")
_TITLE = re.compile(r"《[^《》]{2,80}》")
_GROUNDS = re.compile(r"(?:根据|按照|依据|依照|贯彻|落实)$")
_NEXT_LINE = re.compile(r"[^\n]*\n(?:\s*\n)?[ \t\u3000]*([^\n]*)")  # the next non-blank line
_FIELD = re.compile(r"(?:活动|会议|大会|论坛|峰会|展会|举办|举行|开幕)?时间\s*[:：]")  # 活动时间:2023-03-28
_VENUE = re.compile(r"\s*\n\s*(?:活动|会议|举办|举行)?地点\s*[:：]\s*([^\n]{2,60})")
_NOT_A_BREAK = re.compile(r"[^\n]")
_PENDING_SENTENCES = 3  # a date alone on its line governs at most this many sentences after it
_REMEMBERED = 6  # sentences kept of those read: a notice's 现予发布 is looked for in the last 5
# Dated sentences read from one article (a sentence with a date mention in its body). The
# dev pages have at most 12 and a yearbook a few thousand; past this a file is no article
# (a 20 MB line of dated sentences), and reading every one would cost minutes.
MOST_DATED = 10_000


@dataclass(frozen=True)
class Found:
    """What one article says happened: dated events, status facts, undated events."""

    events: list[Event]
    facts: list[Event]
    undated: list[Event]
    dated: int = 0  # sentences with a date in the body, read or not (only MOST_DATED are read)


def partly_read(found: Found) -> str | None:
    """What to say of an article whose dated sentences were not all read, else None."""
    if found.dated <= MOST_DATED:
        return None
    return f"only the first {MOST_DATED:,} dated sentences read (the article has {found.dated:,})"


def body_only(article: Article) -> str:
    """`simple` with everything outside the body blanked, offsets and line breaks unchanged."""
    simple, pieces, at = article.simple, [], 0
    for start, end in article.layout.body:  # lines, in order (never a list of every character)
        pieces += [_NOT_A_BREAK.sub(" ", simple[at:start]), simple[start:end]]
        at = end
    pieces.append(_NOT_A_BREAK.sub(" ", simple[at:]))
    return "".join(pieces)


def anchor_of(article: Article) -> date | None:
    """The published day, when the header states it (an inferred date is no anchor)."""
    layout = article.layout
    if layout.published_inferred or not layout.published or len(layout.published) != 10:
        return None
    return date.fromisoformat(layout.published)


def find_events(article: Article, names: list[tuple[int, int, str, str]] | None = None) -> Found:
    """Events of one article; `names` are (start, end, name, kind) of its entities, by start."""
    from cgt_cli.extract.dates import find_dates

    reader = _Reader(article, body_only(article), names or [])
    mentions = find_dates(reader.text, reader.anchor)
    starts, dated = [m.start for m in mentions], 0
    for start, end in article.layout.body:
        for sentence in split_sentences(reader.text, start, end):
            inside = mentions[bisect_left(starts, sentence[0]) : bisect_left(starts, sentence[1])]
            inside = [m for m in inside if m.end <= sentence[1]]
            dated += bool(inside)
            if dated <= MOST_DATED:
                reader.read(sentence, inside)  # past the bound, only counted
    read = reader.found
    return Found(merge_in_article(read.events), merge_in_article(read.facts), merge_in_article(read.undated), dated)


@dataclass
class _Reader:
    """Reads an article's body sentence by sentence, remembering the lines before."""

    article: Article
    text: str
    names: list[tuple[int, int, str, str]]
    found: Found = field(default_factory=lambda: Found([], [], []))
    before: list[tuple[int, int]] = field(default_factory=list)  # the last sentences read (_REMEMBERED or more)
    pending: tuple[TimeMention, int, int] | None = None  # a date alone on its line, its start, sentences left
    anchor: date | None = None
    signature: int = -1  # where a notice's signature date starts, once read

    def __post_init__(self) -> None:
        self.anchor = anchor_of(self.article)
        self._starts = [start for start, *_ in self.names]  # names are by start: bisect, never scan

    def _names_in(self, span: tuple[int, int]) -> list[str]:
        """The names inside text[span[0]:span[1]], by start."""
        near = self.names[bisect_left(self._starts, span[0]) : bisect_left(self._starts, span[1])]
        return [n for _, e, n, _ in near if e <= span[1]]

    def read(self, sentence: tuple[int, int], mentions: list[TimeMention]) -> None:
        if sentence[0] == self.signature:
            return  # a notice's signature date, read with its issuer
        dated = _governing(self.text, sentence, mentions)
        if dated and self.before and _FIELD.match(self.text, sentence[0]):
            self._field(sentence, dated[0])
        elif dated and _alone(self.text, sentence, dated):
            titled = self.before and _list_title(self.text, self.before[-1])
            self.pending = None if titled else (dated[0], sentence[0], _PENDING_SENTENCES)
        elif dated:
            self.pending = None
            for i, mention in enumerate(dated):
                region_end = dated[i + 1].start if i + 1 < len(dated) else sentence[1]
                self._event(sentence, mention, mention.end, region_end)
        elif self.pending:
            mention, start, left = self.pending
            made = self._event(sentence, mention, sentence[0], sentence[1], quote_from=start)
            self.pending = None if made or left <= 1 else (mention, start, left - 1)
        self.before.append(sentence)
        if len(self.before) > 2 * _REMEMBERED:
            del self.before[:-_REMEMBERED]  # only the last few are read: never one per sentence
        self._sign(sentence)

    def _event(self, sentence, mention, begin, region_end, quote_from=None) -> bool:
        """The event `mention` dates with a verb in text[begin:region_end], if any."""
        verb = _governed_verb(self.text, mention, begin, region_end, sentence[0])
        if verb is None:
            return False
        kind = _kind(self.text, sentence[0], mention, verb)
        quote = (sentence[0] if quote_from is None else quote_from, sentence[1])
        dated = (mention.start, mention.end) if quote_from is None else None
        event = self._build(quote, sentence, mention, verb, dated)
        getattr(self.found, kind).append(replace(event, kind="fact") if kind == "facts" else event)
        return True

    def _build(self, quote, sentence, mention, verb, dated) -> Event:
        text = self.text
        span = clause(text, sentence, verb.start(), verb.end())
        place = place_of(text, span[0], verb)
        summary, subject = summarize(text, span, dated, verb, place, sentence, self.names)
        in_quote = self._names_in(quote)
        value = mention.value
        if _takes_effect(mention, verb):
            value = value[:-3]  # 自2024年7月1日起施行: in effect from that day
            title = list(_TITLE.finditer(text, span[0], verb.start()))
            summary = title[-1].group() + verb.group() if title else summary
        return Event(
            date=value,
            resolution=mention.resolution,
            part=mention.part,
            summary=summary,
            trigger=verb.group(),
            place=place,
            entities=tuple(dict.fromkeys(([subject] if subject else []) + in_quote)),
            quotes=(Span(self.article.id, *quote),),
            sources=(self.article.id,),
            status=_status(text, sentence[0], mention, verb, value, self.anchor),
            **self._dated(mention),
        )

    def _field(self, field: tuple[int, int], mention: TimeMention) -> None:
        """`活动时间:DATE` under a line naming an event: that event is held then (where the
        `地点:` line after it says)."""
        named = self.before[-1]
        name = self.text[named[0] : named[1]].strip()
        if not _own_line(self.text, named) or not name.endswith(_event_endings()) or len(name) > 60:
            return
        where = _VENUE.match(self.text, field[1])
        place = where.group(1).strip() if where else None
        quote = (named[0], where.end(1) if where else field[1])
        head, _, tail = mention.value.partition("/")
        self.found.events.append(
            Event(
                date=head if head == tail else mention.value,  # 09:00 ~ 17:00 of one day
                resolution=mention.resolution,
                part=mention.part,
                summary=name + "举行",
                trigger="时间",
                place=place,
                entities=tuple(dict.fromkeys(self._names_in(quote))),
                quotes=(Span(self.article.id, *quote),),
                sources=(self.article.id,),
                status=_status(self.text, field[0], mention, None, mention.value, self.anchor),
                **self._dated(mention),
            )
        )

    def _sign(self, issuer: tuple[int, int]) -> None:
        """After an issuer's line closing a notice (`现予发布…` a few sentences before), the
        date alone on the next line signs it: the notice's event is read. That line may be
        blanked as a line of digits (2019 6 30); it is read from the page here."""
        words = self.text[issuer[0] : issuer[1]]
        if len(words) > 30 or re.search(r"[,;:。!?\d]", words) or not _own_line(self.text, issuer):
            return
        said = next((s for s in reversed(self.before[-6:-1]) if _PROMULGATED.search(self.text, s[0], s[1])), None)
        signed = said and _signature(self.article.simple, issuer[1], self.anchor)
        if signed:
            self.found.events.append(self._notice(said, issuer, signed))
            self.signature = signed.start

    def _notice(self, said, issuer, mention) -> Event:
        text = self.text
        match = _PROMULGATED.search(text, said[0], said[1])
        verb = match.group(1) or match.group(2)
        title = _document(text, said, self.article.layout.body[0][0])
        name = text[issuer[0] : issuer[1]].strip()
        quote = (said[0], mention.end)
        return Event(
            date=mention.value,
            resolution=mention.resolution,
            part=mention.part,
            summary=name + verb + title,
            trigger=verb,
            place=None,
            entities=tuple(dict.fromkeys(self._names_in(quote))),
            quotes=(Span(self.article.id, *quote),),
            sources=(self.article.id,),
            status=_status(text, said[0], mention, None, mention.value, self.anchor),
            **self._dated(mention),
        )

    def _dated(self, mention: TimeMention) -> dict:
        """How an event's date was read: its basis, and the date as the article writes it."""
        return {"basis": mention.basis, "date_text": self.article.text[mention.start : mention.end]}


def _signature(simple: str, after: int, anchor: date | None) -> TimeMention | None:
    """A full date alone on the first non-blank line after `after`, as a mention in `simple`."""
    from cgt_cli.extract.dates import find_dates

    line = _NEXT_LINE.match(simple, after)
    if not line:
        return None
    found = find_dates(line.group(1), anchor)
    if len(found) != 1 or len(found[0].value) != 10 or not _alone_in(line.group(1), found[0]):
        return None
    return replace(found[0], start=found[0].start + line.start(1), end=found[0].end + line.start(1))


def _own_line(text: str, span: tuple[int, int]) -> bool:
    """Only white space between the span and its line's ends (read outwards from the span,
    so a 20 MB line costs what its first non-space character does)."""
    before = span[0]
    while before > 0 and text[before - 1] != "\n":
        if not text[before - 1].isspace():
            return False
        before -= 1
    after = span[1]
    while after < len(text) and text[after] != "\n":
        if not text[after].isspace():
            return False
        after += 1
    return True


def _document(text: str, said: tuple[int, int], body_start: int) -> str:
    """The 《title》 a notice promulgates: the first in its sentence, else the last before it,
    not one it acts under (根据《…》)."""
    titles = list(_TITLE.finditer(text, body_start, said[1]))
    titles = [m for m in titles if not _GROUNDS.search(text, max(body_start, m.start() - 4), m.start())]
    in_sentence = [m for m in titles if m.start() >= said[0]]
    chosen = in_sentence[0] if in_sentence else titles[-1] if titles else None
    return chosen.group() if chosen else ""


def _list_title(text: str, line: tuple[int, int]) -> bool:
    """A headline on its own line (8 to 40 characters, no sentence end): in a list of
    `headline, then its date`, the date is the headline's, not the next line's."""
    words = text[line[0] : line[1]]
    return _own_line(text, line) and 8 <= len(words) <= 40 and words[-1] not in "。!?;" and not re.search(r"\d", words)


def _alone(text: str, sentence: tuple[int, int], dated: list[TimeMention]) -> bool:
    """Whether the sentence is one date on its own line (a weekday and punctuation aside)."""
    if len(dated) != 1 or not _own_line(text, sentence):
        return False
    return _alone_in(text[sentence[0] : sentence[1]], replace(dated[0], start=dated[0].start - sentence[0]))


def _alone_in(line: str, mention: TimeMention) -> bool:
    rest = line[: mention.start] + " " + line[mention.start + len(mention.text) :]
    return bool(_ALONE.fullmatch(rest))


def _governing(text: str, sentence: tuple[int, int], mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions that can date an event: not inside 《》 or “”, and not a year-less month
    standing in a noun phrase after a full date with no event verb between them."""
    kept: list[TimeMention] = []
    for m in _outside_names(text, sentence[0], mentions):
        previous = kept[-1] if kept else None
        if previous and _in_noun_phrase(text, previous, m):
            continue
        kept.append(m)
    return kept


def _outside_names(text: str, start: int, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions not inside a 《》 or “” opened since `start` (counted once, in order)."""
    outside, depth, pos = [], {"《": 0, "“": 0}, start
    for m in mentions:
        for mark in re.finditer(r"[《》“”]", text[pos : m.start]):
            c = mark.group()
            key = "《" if c in "《》" else "“"
            depth[key] += 1 if c in "《“" else -1
        pos = m.start
        if depth["《"] <= 0 and depth["“"] <= 0:
            outside.append(m)
    return outside


def _in_noun_phrase(text: str, previous: TimeMention, mention: TimeMention) -> bool:
    month_only = len(mention.value) == 7 and "年" not in mention.text and mention.resolution != "explicit"
    full_before = len(previous.value) == 10
    return month_only and full_before and not _verbs().search(text, previous.end, mention.start)


def _kind(text: str, s_start: int, mention: TimeMention, verb: re.Match[str]) -> str:
    if mention.resolution == "unknown":
        return "undated"
    if _takes_effect(mention, verb):
        return "events"
    before = text[max(s_start, mention.start - 6) : mention.start]
    after = text[mention.end : mention.end + 3]
    status = any(w in before or w in after for w in lexicon.load("status_markers"))
    head, _, tail = mention.value.partition("/")
    period = mention.value.endswith("/..") or (tail and len(head) < 10 and len(tail) < 10)
    since = text[mention.start - 1 : mention.start] in ("从", "自") and _SINCE.search(text, mention.end, verb.start())
    if status or period or since or _PERIOD_AFTER.match(text, mention.end):
        return "facts"
    return "events"


def _takes_effect(mention: TimeMention, verb: re.Match[str]) -> bool:
    """自2024年7月1日起施行: a rule in effect from a day."""
    return verb.group() in _EFFECT and mention.value.endswith("/..") and mention.text.rstrip().endswith("起")


def _status(text, s_start, mention, verb, value, anchor) -> str:
    """`planned` when a marker stands before the verb in the date's clause, or the date lies
    after the published day; else `happened`."""
    from cgt_cli.extract.dates import interval

    start = max(s_start, mention.start - 8)
    breaks = list(CLAUSE_BREAK.finditer(text, start, mention.start))
    before = text[breaks[-1].end() if breaks else start : mention.start]
    between = text[mention.end : verb.start()] if verb is not None and verb.start() >= mention.end else ""
    window = re.sub(r"《[^》]*》|“[^”]*”", "", before + " " + between)
    if any(marker in window for marker in lexicon.load("planned_markers")):
        return "planned"
    if verb is not None and re.search(r"将(?:正式|全面|陆续|首次|同步|集中)?$", window):
        return "planned"
    days = interval(value.partition("/")[0]) if value[:1].isdigit() else None
    return "planned" if anchor and days and days[0] > anchor else "happened"


@cache
def _event_endings() -> tuple[str, ...]:
    """How the names of meetings end (the event endings of entity_suffixes), and 活动."""
    rows = (line.split() for line in lexicon.load("entity_suffixes"))
    return tuple(row[0] for row in rows if row[1] == "event") + ("活动",)


@cache
def _verbs() -> re.Pattern[str]:
    """The event verbs, longest first."""
    verbs = sorted(lexicon.load("event_verbs"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


def _governed_verb(text: str, mention: TimeMention, begin: int, region_end: int, s_start: int):
    """The event verb a date governs in text[begin:region_end].

    The last main verb of the first clause that has one (the verbs before it
    sit in the subject, as in 签约仪式…举行); else a modifier verb (发布的《方案》);
    else, before the date, `V于DATE` (成立于2020年).
    """
    main: list[re.Match[str]] = []
    attributive = None
    for match in _verbs().finditer(text, begin, region_end):
        if main and CLAUSE_BREAK.search(text, main[-1].end(), match.start()):
            if not _reports(text, main[-1]):
                break
            main = []  # 宣布, then a clause with the happening itself
        if inside_name(text, begin, match.start()) or _NOUN_AFTER.match(text, match.end()):
            continue
        if _LISTED.match(text, match.start()):
            continue
        if text.startswith("的", match.end()) or text.startswith("了的", match.end()):
            attributive = attributive or match
        else:
            main.append(match)
    if main and main[-1].group() in _WEAK and (attributive or len(main) > 1):
        return attributive or main[-2]
    if main or attributive:
        return main[-1] if main else attributive
    if begin != mention.end:
        return None
    before = _verbs().search(text, max(s_start, mention.start - 6), mention.start)
    return before if before and text[before.end() : mention.start] in ("于", "在") else None


def _reports(text: str, verb: re.Match[str]) -> bool:
    """宣布 or 发布 closing its clause (宣布，其产品获批上市): what follows is the happening."""
    rest = CLAUSE_BREAK.search(text, verb.end())
    return verb.group() in _REPORTING and rest is not None and not text[verb.end() : rest.start()].strip()
