"""What an event's line says: who did what, in a short clause of its sentence.

`summarize` keeps the clause of the event verb without its date, organisers,
alias notes and place, and gives it a subject when the clause has none or only a
generic one: the body that opens the sentence (`某某产业园作为…,于2022年5月开园`),
or the named body that a generic subject (项目, 该中心, 园区) refers to, the last one
named before it. Long modifiers of the subject (`位于…的`, `…合作共建的`) are
dropped, keeping the name they modify.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from itertools import islice

from cgt_cli.extract import lexicon

SUMMARY_MAX = 80
CLAUSE_BREAK = re.compile(r"[,;:。!?]")
_CLAUSE_SPLIT = re.compile(r"[^,;:。!?]+")
_LEADING = re.compile(
    r"^(?:据悉|据了解|据介绍|记者了解到|目前|此前|同时|此外|其中|另外|随后|当天|当日|日前|近日|会上|活动上|"
    r"上午|下午|晚上|晚间|[^,]{0,8}注意到|直到|并|又|还|已经|已|将|于|在|,|\s)+"
)
_ORGANISER = re.compile(r"由[^,。]{1,60}?(?:主办|承办|举办|联合举办|指导|发起|牵头)的")
_AGENTS = re.compile(r"由[^,。的]{1,80}?(?:等)?(?:共同|联合)?$")
_LIST = re.compile(  # the rest of an enumeration `A、B、C等` / `A、B、C三部门联合`
    r"(?:、[^、,。《》“”在]{1,30}?)+(?:等|(?=[一二三四五六七八九十两\d]+(?:个|家)?(?:部门|单位|机构|企业|方))|(?=联合|共同|$))"
)
BARE_PREDICATE = ("获", "被", "受", "经", "正式", "首次", "成功", "顺利", "再次", "又", "还", "也")
_VENUE_VERBS = ("举行", "召开", "举办", "开幕", "闭幕", "揭牌", "签约", "签署", "签订", "亮相", "开园", "开业", "成立")
_NOT_A_PLACE = r"(?:会|活动|仪式|典礼|范围|过程|论坛|峰会)[上中内]?$|期间$"
_NO_PLACE = re.compile(r"\d|月|日|" + _NOT_A_PLACE)
_ADVERBS = re.compile("(?:" + "|".join(BARE_PREDICATE) + ")+$")
_AT = re.compile(r"在([^在,。]{2,30}?)(?:正式|隆重|顺利|成功|盛大)?$")
_CELLS = re.compile(r"\s*\|\s*")  # a table row's cell borders
_ALIAS_NOTE = re.compile(r"\((?:以下|下文|下)?简称[^)]*\)")
_LONG_SUBJECT = 24  # a subject longer than this loses its `…的` modifier
_PIVOT = re.compile(r"批准|获批|同意|允许|核准|支持|推动|鼓励")  # verbs whose object then does something
# a subject that only says what kind of body it is
_GENERIC = re.compile(
    r"^(?:该|本|此|这个|这一|其)?(项目|中心|园区|产业园|公司|基地|平台|联盟|协会|大会|论坛|医院|集团|工程|实验室|研究院"
    r"|法|条例|办法|规定|方案|意见|规划|指南)$"
)
_OPENING = re.compile(r"[^,;:。!?\s]{2,30}?(?=作为|是|为|位于|于|在|已|将|由|也|还|自|,)")


def inside_name(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside 《…》 or “…” opened since `start`."""
    before = text[start:pos]
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end], not breaking inside 《》 or “”."""
    left = sentence[0]
    for match in CLAUSE_BREAK.finditer(text, sentence[0], start):
        if not inside_name(text, sentence[0], match.start()):
            left = match.end()
    right = sentence[1]
    for match in CLAUSE_BREAK.finditer(text, end, sentence[1]):
        if not inside_name(text, sentence[0], match.start()):
            right = match.start()
            break
    return left, right


def place_of(text: str, clause_start: int, verb: re.Match[str]) -> str | None:
    """X in `在X举行`: where the clause says a meeting or opening happened."""
    if verb.group() not in _VENUE_VERBS:
        return None
    head = text[clause_start : verb.start()]
    match = _AT.search(head)
    if not match or _NO_PLACE.search(match.group(1)):
        return None
    return match.group(1)


def summarize(text, span, dated, verb, place, sentence, names) -> tuple[str, str | None]:
    """(a short clause: who did what, the named body it took as subject from elsewhere or None).

    `span` is the clause, `dated` the date's (start, end) or None when the date
    stands apart (on its own line); `names` are (start, end, name, kind) of the
    article's entities.
    """
    start, end = span
    piece = text[start:end]
    if dated and start <= dated[0] < end:
        piece = _without_date(piece, text[dated[0] : dated[1]])
    if place:
        piece = piece.replace("在" + place, "", 1)
    if "|" in piece:  # a table row (the pattern costs a scan of the clause even without one)
        piece = _CELLS.sub(" ", piece)
    piece = _ORGANISER.sub("", _ALIAS_NOTE.sub("", piece))
    head, found, tail = piece.rpartition(verb.group())
    if found:
        head = _AGENTS.sub("", _without_modifier(head))
        piece = (_LIST.sub("等", head) if "、" in head else head) + verb.group() + tail
    piece = _LEADING.sub("", piece.strip()).replace(verb.group() + "了", verb.group(), 1).strip()
    subject = None
    if not piece or piece.startswith((verb.group(),) + BARE_PREDICATE):
        subject = _topic(text, sentence, start, names) or _opening(text, sentence, start)
        piece = (subject or "") + piece
    else:
        piece, subject = _named_subject(piece, verb.group(), text, sentence[0], names)
    if text.startswith("的", verb.end()) and piece.endswith("的"):
        piece = piece[:-1]
    piece = _modifier_event(piece, verb.group())
    return (piece if len(piece) <= SUMMARY_MAX else piece[: SUMMARY_MAX - 1] + "…"), subject


def _without_date(piece: str, date: str) -> str:
    """`piece` without the first `date` and the spaces and 于/在/自 right before it (no
    pattern made per date: there are as many dates as events)."""
    at = piece.find(date) if date else -1
    if at < 0:
        return piece
    cut = at
    while cut and piece[cut - 1].isspace():
        cut -= 1
    if cut and piece[cut - 1] in "于在自":
        cut -= 1
    return piece[:cut] + piece[at + len(date) :]


def _without_modifier(head: str) -> str:
    """`位于某某区…基地的某某产业园` → `某某产业园`: a long subject (or one opening with 由 or
    位于) keeps the name it modifies (not after 批准/同意…: `批准某公司的某药上市` is a verb, its object and what it allows)."""
    if len(head) <= _LONG_SUBJECT and not head.startswith(("由", "位于")):
        return head
    cut = head.rfind("的")
    while cut >= 0 and inside_name(head, 0, cut):  # the last 的 outside 《》 and “”
        cut = head.rfind("的", 0, cut)
    rest = head[cut + 1 :]
    if cut < 0 or len(rest) < 4 or _PIVOT.search(head, 0, cut):
        return head
    return rest


def _named_subject(piece, verb, text, sentence_start, names) -> tuple[str, str | None]:
    """A generic subject (项目, 该中心) replaced by the body it refers to, if one is named before."""
    head, _, tail = piece.partition(verb)
    adverbs = _ADVERBS.search(head)
    bare = head[: adverbs.start()] if adverbs else head
    generic = _GENERIC.match(bare)
    if not generic:
        return piece, None
    name = _referent(generic.group(1), text, sentence_start, names)
    if not name:
        return piece, None
    return name + head[len(bare) :] + verb + tail, name.strip("《》")


def _referent(word: str, text: str, before: int, names) -> str | None:
    """The last body named before `before` whose name ends in `word`: an entity or a phrase
    that opens a clause (`某某细胞制备平台项目是…`), or a 《title》 (该法: 《某某法》).
    The text is scanned once per word (`_openers`), and each list is read backwards from
    `before` by bisection: an article of many such sentences costs no more per sentence."""
    opened, titles = _openers(word, text)
    candidates = []
    for i in range(bisect_left(opened, before + 1, key=_end) - 1, -1, -1):  # its lookahead before `before`; no slice
        if not _GENERIC.match(opened[i][1]):
            candidates.append(opened[i][:2])
            break
    last = bisect_left(titles, before + 1, key=_end)
    if last:
        candidates.append(titles[last - 1][:2])
    named = [(s, n) for s, e, n, _ in islice(names, bisect_left(names, before, key=_start)) if e <= before and n.endswith(word)]
    for start, _ in sorted(named, reverse=True):
        i = bisect_left(opened, start, key=_start)
        if _opens(text, start, i < len(opened) and opened[i][0] == start and opened[i][2] <= before):
            candidates += [(s, n) for s, n in named if s == start]
            break
    return max(candidates)[1] if candidates else None


def _start(found: tuple[int, str, int]) -> int:
    return found[0]


def _end(found: tuple[int, str, int]) -> int:
    return found[2]


@lru_cache(maxsize=16)
def _openers(word: str, text: str) -> tuple[list[tuple[int, str, int]], list[tuple[int, str, int]]]:
    """Every phrase opening a clause that ends in `word`, and every 《title》 ending in it:
    (start, text, end), in order."""
    pattern = rf"(?:^|(?<=[,;:。!?\n“]))([\w(][^,;:。!?\n“”《》\s]{{1,27}}?{word})(?=[^{word[-1]}])"
    opened = [(m.start(1), m.group(1), m.end(1) + 1) for m in re.finditer(pattern, text, re.M)]
    titles = [(m.start(), m.group(), m.end()) for m in re.finditer(rf"《[^《》]{{1,60}}{word}》", text)]
    return opened, titles


def _opens(text: str, start: int, opener: bool) -> bool:
    """Whether a name at `start` opens a clause (an `opener`, or after punctuation, a line
    break, or 据悉 and the like)."""
    if opener:
        return True
    window = max(0, start - 200)  # a clause's opening words are never that long
    line = max(text.rfind(c, window, start) for c in ",;:。!?\n“")
    return not (line < 0 < window) and not _LEADING.sub("", text[line + 1 : start])


def _modifier_event(piece: str, verb: str) -> str:
    """`发布的《方案》中` → `《方案》发布`, `某委发布的《方案》提出` → `某委发布《方案》`:
    a modifier verb's object is what happened."""
    match = re.search(re.escape(verb) + r"的(《[^》]+》|“[^”]+”)", piece)
    if not match:
        return piece
    if match.start() == 0 or piece[match.start() - 1] in "从在于":  # 从…召开的“峰会”上: a place, no subject
        return match.group(1) + verb
    return piece[: match.start()] + verb + match.group(1)


def _topic(text: str, sentence: tuple[int, int], before: int, names) -> str | None:
    """The body that opens the sentence (after 据悉, dates and the like), if any."""
    for match in _CLAUSE_SPLIT.finditer(text, sentence[0], before):
        piece = text[match.start() : match.end()]
        lead = len(piece) - len(_LEADING.sub("", piece))
        if piece[lead:].strip(" ,"):
            return _body_at(names, match.start() + lead)
    return None


def _body_at(names, start: int) -> str | None:
    """The first name (not a place or person) starting at `start`; names are by start."""
    i = bisect_left(names, start, key=lambda name: name[0])  # not a dict of every name per event
    while i < len(names) and names[i][0] == start:
        if names[i][3] not in ("place", "person"):
            return names[i][2]
        i += 1
    return None


def _opening(text: str, sentence: tuple[int, int], before: int) -> str | None:
    """The name that opens the sentence before 作为/是/位于…, when it ends like a body's name."""
    if before <= sentence[0]:
        return None
    match = _OPENING.match(text, sentence[0], before)
    if match and match.group().endswith(_name_endings()) and not _GENERIC.match(match.group()):
        return match.group()
    return None


@cache
def _name_endings() -> tuple[str, ...]:
    """Endings of the names of bodies, parks, alliances and events (entity_suffixes), and 项目."""
    rows = (line.split() for line in lexicon.load("entity_suffixes"))
    return tuple(row[0] for row in rows if row[1] != "place") + ("项目",)
