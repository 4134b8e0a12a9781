"""People in news text, found from what the news does with them.

A person is a surname and a one- or two-character given name that stands
- after a job title (董事长周立新, 海淀区委书记孟景伟, 记者 黄晓燕, 通讯员刘洋);
- at the start of a clause before a verb of saying (周立新介绍, 据郑宏伟介绍),
  or in a photo credit ((刘一鸣摄));
and, once found so, wherever the name stands alone between a clause start
and what may follow a name (孟景伟说). Where the name ends is decided by
what follows it: 赵明远向记者 -> 赵明远, 钱卫东为大会 -> 钱卫东.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from cgt_cli.extract.entities import words as lex


@dataclass(frozen=True)
class TitleDraft:
    """A title written right before a person's name (副校长王建国)."""

    title_start: int
    title_end: int
    name_start: int
    name_end: int


@cache
def _given() -> str:
    """One character of a given name: a letter that is no function word."""
    return rf"[^\W\d_A-Za-z{lex.not_given()}]"


@cache
def _given_re() -> re.Pattern[str]:
    return re.compile(f"{_given()}+")


@cache
def _surname_re() -> re.Pattern[str]:
    return re.compile(lex.alternation("surnames"))


_CREDIT_MARKS = " │|:"  # what may stand between a title and the name (记者 王一, 编辑│李二)
_LATIN_NAME = r"[A-Z][a-z]+(?: [A-Z]\.?)*(?: [A-Z][a-z]+)+"  # Mark T. Ellison
_LATIN_NAME_HINT = re.compile("[A-Z][a-z]+ [A-Z]")  # a fast test before looking for one


@cache
def _title_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?:{lex.alternation('titles')})(?=[{_CREDIT_MARKS}]?(?:{lex.alternation('surnames')}))"
    )


@cache
def _latin_titled_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{lex.alternation('titles')}) ?(?P<name>{_LATIN_NAME})")


@cache
def _post_title_re() -> re.Pattern[str]:
    return re.compile(lex.alternation("post_titles"))


@cache
def _said_re() -> re.Pattern[str]:
    """A name at a clause start (or after 据) before saying or a photo credit; the
    surnames' first characters are tested first, before what stands behind."""
    first = "".join(sorted({re.escape(name[0]) for name in lex.words("surnames")}))
    return re.compile(
        rf"(?=[{first}])(?:(?<=[^{lex.CJK}A-Za-z0-9])|(?<=据)|^)(?:{lex.alternation('surnames')}){_given()}"
    )


@cache
def _follow_re(what: str) -> re.Pattern[str]:
    """What may stand right after a name: `said` verbs of saying (or 摄),
    `any` also followers, titles, punctuation and the end."""
    said = lex.alternation("speech_verbs") + "|摄"
    if what == "said":
        return re.compile(said)
    words = "|".join([said, lex.alternation("followers"), lex.alternation("titles")])
    return re.compile(rf"{words}|[^{lex.CJK}]|$")


def _name_end(text: str, start: int, follow: re.Pattern[str]) -> int | None:
    """Where the name starting at `start` ends: after two given characters
    unless the second one reads as the word after a one-character name."""
    surname = _surname_re().match(text, start)
    if surname is None:
        return None
    given = surname.end()
    ends = [end for end in (given + 2, given + 1) if _fits(text, start, end, follow)]
    if len(ends) == 2 and text[ends[1]] in lex.words("followers"):
        return ends[1]
    return ends[0] if ends else None


def _fits(text: str, start: int, end: int, follow: re.Pattern[str]) -> bool:
    return _is_name(text, start, end) and follow.match(text, end) is not None


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a surname and a one- or two-character given name."""
    surname = _surname_re().match(text, start, end)
    return (
        surname is not None
        and 1 <= end - surname.end() <= 2
        and end <= len(text)
        and _given_re().fullmatch(text, surname.end(), end) is not None
        and text[start:end] not in lex.words("not_names")
    )


def find_titled(text: str) -> list[TitleDraft]:
    """Title + name: 苏州大学副校长王建国, (记者 黄晓燕), 编辑│李二, 创始人Mark T. Ellison."""
    drafts = []
    for m in _title_re().finditer(text):
        name_start = m.end() + (text[m.end()] in _CREDIT_MARKS)
        end = _name_end(text, name_start, _follow_re("any"))
        if end is not None:
            drafts.append(TitleDraft(m.start(), m.end(), name_start, end))
    latin = _LATIN_NAME_HINT.search(text) is not None
    for m in _latin_titled_re().finditer(text) if latin else ():
        if _follow_re("any").match(text, m.end()):
            title_end = m.start("name") - (text[m.start("name") - 1] == " ")
            drafts.append(TitleDraft(m.start(), title_end, m.start("name"), m.end()))
    return sorted(drafts, key=lambda d: d.title_start)


_SHORT_NAME_GIVEN = re.compile(r"\((?:以下简称|下简称|以下称|下称|简称)")


def vouched(text: str, pos: int) -> bool:
    """Whether what stands at `pos` shows that a body's name ends there: a
    title and a person's name (局长王一), or a short name given for it (下称…)."""
    return _title_re().match(text, pos) is not None or _SHORT_NAME_GIVEN.match(text, pos) is not None


def find_post_titled(text: str, may_start: Callable[[int], bool]) -> list[TitleDraft]:
    """Name + title, the name right after a body or at a clause start:
    中国科学院王一鸣院士, ,李明教授表示. `may_start(pos)` tells where a name may start."""
    drafts = []
    for m in _post_title_re().finditer(text):
        for start in (m.start() - 3, m.start() - 2, m.start() - 4):
            if start >= 0 and may_start(start) and _is_name(text, start, m.start()):
                drafts.append(TitleDraft(m.start(), m.end(), start, m.start()))
                break
    return drafts


@cache
def _listed_title_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{lex.alternation('titles')})[、兼]")


def listed_title(text: str, pos: int) -> tuple[int, int] | None:
    """The title listed right before `pos` with 、 or 兼 (理事长、…), longest first."""
    for width in range(9, 1, -1):
        if m := _listed_title_re().fullmatch(text, max(0, pos - width), pos):
            return m.start(), m.end() - 1
    return None


def find_said(text: str) -> list[tuple[int, int]]:
    """Names at a clause start before a verb of saying: 周立新介绍, 据郑宏伟介绍."""
    found = []
    for m in _said_re().finditer(text):
        end = _name_end(text, m.start(), _follow_re("said"))
        if end is not None:
            found.append((m.start(), end))
    return found


def find_mentions(
    text: str, names: set[str], is_edge: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """Known names standing alone: at a clause start, before what may follow
    a name (孟景伟说, 、周立新等). `is_edge(pos)` tells a clause start."""
    found = []
    follow = _follow_re("any")
    for name in names:
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if is_edge(pos) and follow.match(text, end):
                found.append((pos, end))
            pos = text.find(name, end)
    return found
