"""The data model: frozen records that point into an article's text by offsets.

Offsets are half-open code-point positions into `Article.text` (the article in
its own script, pinyin annotations removed). `Article.simple` is the same text
in Simplified Chinese with full-width ASCII folded to half-width, and has
exactly the same length, so an offset means the same character in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of `Article.text` in one article."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Layout:
    """Where the parts of a page are, and what its header says."""

    title: tuple[int, int] | None
    outlet: str | None
    outlet_inferred: bool  # named only by the page's follow buttons, not its header
    published: str | None  # ISO date "2020-09-28" (or coarser), None when unknown
    published_time: str | None  # "11:19" / "14:52:09" when the header states it
    published_inferred: bool
    published_basis: str  # how `published` was found, in words
    body: tuple[tuple[int, int], ...]  # kept line ranges, in order; the rest is header or boilerplate
    format: str = "text"  # "html": a saved web page, its title and main text extracted (read.html)


@dataclass(frozen=True)
class Article:
    id: str  # the file's stem
    file: str  # the path it was read from
    encoding: str
    text: str  # original script, pinyin annotations removed
    simple: str  # Simplified, half-width; len(simple) == len(text)
    script: str  # "simplified" | "traditional" | "mixed"
    removed: tuple[tuple[int, int], ...]  # (text offset, chars removed before it so far), ascending
    layout: Layout

    @property
    def title(self) -> str | None:
        """The headline as written, if the page has one."""
        span = self.layout.title
        return self.text[span[0] : span[1]] if span else None

    @property
    def body_chars(self) -> int:
        return sum(end - start for start, end in self.layout.body)

    def quote(self, span: Span) -> Quote:
        """The text of `span` with where it stands in the file."""
        return Quote(self.id, self.file, self.line_col(span.start)[0], span.start, span.end, self.text[span.start : span.end])

    def content(self) -> list[tuple[int, int]]:
        """The ranges that hold the article itself: title and body, no boilerplate."""
        title = [self.layout.title] if self.layout.title else []
        return title + list(self.layout.body)

    def raw_offset(self, pos: int) -> int:
        """The offset in the decoded file that `pos` in `text` came from."""
        from bisect import bisect_right

        i = bisect_right(self.removed, (pos, float("inf")))
        return pos + (self.removed[i - 1][1] if i else 0)

    def line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and column of `pos` in the file as it is on disk.

        Annotations are removed only inside lines, so lines of `text` are the
        file's lines; the column counts the file's characters, annotations included.
        """
        from bisect import bisect_right

        line = bisect_right(self._line_starts, pos)
        return line, self.raw_offset(pos) - self.raw_offset(self._line_starts[line - 1]) + 1

    @cached_property
    def _line_starts(self) -> list[int]:
        """Where each line of `text` starts: `line_col` bisects, never counts from the top."""
        import re

        return [0, *(match.end() for match in re.finditer("\n", self.text))]


class Quote(NamedTuple):
    """A sentence as cited: its article, file, 1-based line in the file, offsets and text."""

    source: str
    file: str
    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimeMention:
    """A date expression found in a text.

    `value` is ISO 8601 at the precision the text gives ("2019", "2019-12",
    "2019-12-05"), a range "START/END", an open start "2020/..", or a date
    whose year is unknown "--12-05" / "--12". `resolution` says where the
    year came from: "explicit" (the text), "anchor" (the published date),
    "context" (another date in the same text), "unknown" (nowhere).
    `part` keeps a coarse part of the period: "early" (初, 上旬),
    "mid" (中, 中旬), "late" (底/末, 下旬), "H1" (上半年), "H2" (下半年), or None.
    `basis` says how the year was read, in finer steps than `resolution`
    (`extract.dates.BASES`: "stated", "published", "relative"…).
    """

    start: int
    end: int
    text: str
    value: str
    resolution: str
    part: str | None = None
    basis: str | None = None


@dataclass(frozen=True)
class Role:
    """A person's title at an organisation, as one passage says it."""

    person: str
    title: str
    organisation: str | None  # the linked entity's name when known, else as written
    span: Span  # the phrase that says it
    conflict: bool = False  # another title for the same person at the same organisation


@dataclass(frozen=True)
class Entity:
    """One organisation, park, alliance, person, place, policy or named event."""

    name: str  # canonical name, Simplified
    kind: str  # org | park | alliance | person | place | policy | event
    forms: tuple[str, ...]  # as written in the articles, most frequent first
    aliases: tuple[str, ...]  # other names it goes by (Simplified)
    places: tuple[str, ...]  # where it is, as the text says
    mentions: tuple[Span, ...]
    roles: tuple[Role, ...]  # a person's titles, or the titles people hold at a body
    scope: str | None = None  # an article id when the name is too generic to link across articles


@dataclass(frozen=True)
class Event:
    """Something that happened on a date; `kind` "fact" for a status statement."""

    date: str  # ISO at the text's precision, or a range "A/B"
    resolution: str
    part: str | None
    summary: str  # short Simplified-Chinese clause
    trigger: str
    place: str | None
    entities: tuple[str, ...]
    quotes: tuple[Span, ...]  # the sentence(s) that say it, first one primary
    sources: tuple[str, ...] = field(default=())  # article ids, in corpus order
    kind: str = "event"  # "event" | "fact"
    status: str = "happened"  # "happened" | "planned" (announced or scheduled, with a date)
    basis: str | None = None  # how the date's year was read (TimeMention.basis)
    date_text: str | None = None  # the date as the sentence writes it


@dataclass
class Index:
    """A corpus after every stage (built by `index.build.assemble`); `store.write` lays it out for queries."""

    articles: list[Article]
    skipped: list = field(default_factory=list)  # read.files.Skipped, in path order
    notices: list = field(default_factory=list)  # read.files.Skipped(notice=True): articles read in part, in path order
    events: list[Event] = field(default_factory=list)  # dated events and facts, by date
    undated: list[Event] = field(default_factory=list)  # events whose year nobody states
    entities: list[Entity] = field(default_factory=list)
    sentences: list[list[Span]] = field(default_factory=list)  # per entity: the sentences naming it
    related: dict[tuple[int, int], int] = field(default_factory=dict)  # (entity, other): sentences naming both

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    @cached_property
    def _by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    @cached_property
    def mention_table(self) -> dict[str, list[tuple[int, int, int]]]:
        """Per article, (start, end, entity number) of every mention, by start."""
        table: dict[str, list[tuple[int, int, int]]] = {}
        for number, entity in enumerate(self.entities):
            for m in entity.mentions:
                table.setdefault(m.article_id, []).append((m.start, m.end, number))
        for rows in table.values():
            rows.sort()
        return table
