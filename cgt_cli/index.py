"""Build the in-memory index of a corpus and answer queries on it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cgt_cli.corpus import Document, Skipped
from cgt_cli.errors import CgtError
from cgt_cli.layout import find_layout
from cgt_cli.model import Article, Span
from cgt_cli.normalize import normalize, to_simplified, fold_width


@dataclass
class Index:
    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)


def build_index(documents: list[Document], skipped: list[Skipped] | None = None) -> Index:
    return Index([read_article(doc) for doc in documents], list(skipped or []))


def read_article(doc: Document) -> Article:
    """Normalize and lay out one decoded file."""
    norm = normalize(doc.raw)
    return Article(
        id=doc.id,
        file=doc.file,
        encoding=doc.encoding,
        text=norm.text,
        simple=norm.simple,
        script=norm.script,
        removed=norm.removed,
        layout=find_layout(norm.simple),
    )


def searchable(article: Article, everything: bool = False) -> list[tuple[int, int]]:
    """The ranges a search looks in: title and body, or the whole text."""
    if everything:
        return [(0, len(article.text))]
    title = [article.layout.title] if article.layout.title else []
    return title + list(article.layout.body)


def compile_pattern(pattern: str, regex: bool = False, ignore_case: bool = False) -> re.Pattern[str]:
    """The pattern as matched against `simple`: Simplified, half-width."""
    if not pattern:
        raise CgtError("empty pattern: give the text to search for")
    simple = fold_width(to_simplified(pattern))
    try:
        return re.compile(simple if regex else re.escape(simple), re.IGNORECASE if ignore_case else 0)
    except re.error as error:
        raise CgtError(f"invalid regular expression {pattern!r}: {error}") from None


def search(index: Index, pattern: re.Pattern[str], everything: bool = False) -> list[Span]:
    """Every non-empty match, by article in corpus order, then by offset."""
    hits = []
    for article in index.articles:
        for start, end in searchable(article, everything):
            hits.extend(
                Span(article.id, m.start(), m.end())
                for m in pattern.finditer(article.simple, start, end)
                if m.end() > m.start()
            )
    return hits
