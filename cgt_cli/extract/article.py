"""The per-article map: one file's bytes to a `Processed` record.

Decoded, normalized, laid out, names found. It depends only on the bytes and on
the code of `read/` and `extract/` (and the lexicons), so the index caches it by
content and runs it on every core.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cgt_cli.model import Article
from cgt_cli.read.files import Document, SkipFile, document

if TYPE_CHECKING:
    from cgt_cli.extract.entities.find import Names


@dataclass(frozen=True)
class Processed:
    """One file after the per-article stages; depends only on the file's content."""

    article: Article
    names: Names


@dataclass(frozen=True)
class Failed:
    """cgt failed on a file: a bug to report, not a bad file."""

    error: str  # type and message of the exception
    trace: str  # its traceback


def process_file(entry: tuple[str, str, bytes]) -> Processed | Failed | str:
    """One file's processed record, the reason it is skipped, or cgt's failure on it."""
    article_id, file, data = entry
    try:
        return process(document(article_id, file, data))
    except SkipFile as why:
        return str(why)
    except Exception as error:  # a bug in an extractor must cost one file, not the run
        return Failed(f"{type(error).__name__}: {error}", traceback.format_exc())


def process(doc: Document) -> Processed:
    """Normalize, lay out and find the names of one decoded file."""
    from cgt_cli.extract.entities.find import find_names

    article = read_article(doc)
    return Processed(article, find_names(article))


def read_article(doc: Document) -> Article:
    """Normalize and lay out one decoded file."""
    from cgt_cli.extract.layout import find_layout
    from cgt_cli.read.normalize import normalize

    norm = normalize(doc.raw)
    return Article(
        id=doc.id,
        file=doc.file,
        encoding=doc.encoding,
        text=norm.text,
        simple=norm.simple,
        script=norm.script,
        removed=norm.removed,
        layout=find_layout(norm.simple, doc.page),
    )
