"""Saved web pages: an HTML file's bytes to its article text and metadata.

The main text, title, site name and date come from trafilatura (htmldate
behind it for the date); both are imported only when an HTML file is read.
htmldate runs without its "extensive search" (dateparser over every text
segment): that search guesses more than it reads, and its first call took
30 s here. A page whose markup gives no date is dated from its text by cgt's
own layout rules, marked inferred.
The bytes are decoded as a browser would: a byte-order mark, else the charset
the page declares (`<meta charset=gb2312>`), else UTF-8, else a guess.

The text cgt keeps is the page's title on the first line, then the main text
as trafilatura gives it: `file:line` citations count lines of that text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from cgt_cli.read.files import SkipFile, decode

EXTRA = "pip install 'cgt[html]'"
MIN_TEXT = 30  # characters of main text below which a page holds no article (a login page, a redirect)
_PRESCAN = 4096  # browsers look for the declared charset in the first 1,024 bytes; pages get it wrong
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Labels browsers read as a wider encoding (WHATWG Encoding Standard).
_AS_BROWSERS_DO = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "chinese": "gb18030",
    "csgb2312": "gb18030", "iso-ir-58": "gb18030", "big5": "big5hkscs", "x-x-big5": "big5hkscs", "cn-big5": "big5hkscs",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
}  # fmt: skip


@dataclass(frozen=True)
class PageMeta:
    """What a saved page's markup says of it."""

    title: str | None
    site: str | None  # og:site_name, publisher, or the host name
    published: str | None  # ISO date, as htmldate finds it in the page's markup and visible dates


def extractor_version() -> str:
    """trafilatura's version ("none" when it is not installed): part of an HTML file's cache key."""
    from importlib import metadata

    try:
        return metadata.version("trafilatura")
    except metadata.PackageNotFoundError:
        return "none"


def read_page(data: bytes) -> tuple[str, str, PageMeta]:
    """(text, encoding, metadata) of a saved page; `SkipFile` when it holds no article text."""
    markup, encoding = decode_page(data)
    trafilatura = _extractor()
    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    body = (found.text or "").strip() if found is not None else ""
    if len("".join(body.split())) < MIN_TEXT:
        raise SkipFile("no article text found in the HTML page")
    title = _one_line(found.title)
    lines = [line.strip() for line in body.split("\n")]
    if title and lines[0] != title:
        lines.insert(0, title)
    meta = PageMeta(title, _one_line(found.sitename) or found.hostname, found.date)
    return "\n".join(lines) + "\n", encoding, meta


def _extractor():
    """trafilatura, imported on first use, its warnings kept off cgt's stderr."""
    import logging

    try:
        import trafilatura
    except ImportError:
        raise SkipFile(f"reading saved web pages needs trafilatura: {EXTRA}") from None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    return trafilatura


def decode_page(data: bytes) -> tuple[str, str]:
    """The page as text: its declared charset honoured, else as any article file."""
    if not data.strip():
        raise SkipFile("empty file")
    declared = _declared_charset(data[:_PRESCAN])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong: find the encoding as for any file
    return decode(data)


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    label = _AS_BROWSERS_DO.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _one_line(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
