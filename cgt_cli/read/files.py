"""Find the articles to read and decode them; the only module that reads files.

A corpus is the bundled seeds, a folder (every `*.txt`, `*.html` and `*.htm`
below it, in sorted order) or a list of files. Saved web pages are read by
`read.html`; every other file is decoded as text. A file that cannot be used is reported as a
`Skipped` and the rest are still served. cgt only ever opens files to read.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cgt_cli.errors import CgtError, reason

if TYPE_CHECKING:
    from cgt_cli.read.html import PageMeta

MAX_BYTES = 20 * 1024 * 1024
PAGE_SUFFIXES = (".html", ".htm")  # saved web pages
SUFFIXES = (".txt", *PAGE_SUFFIXES)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    raw: str  # the decoded file; for a saved web page, its title and main text
    encoding: str
    page: PageMeta | None = None  # what a saved web page's markup says of it


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str
    trace: str | None = None  # cgt failed on the file (a bug): the traceback


class SkipFile(Exception):
    """Raised by `read_bytes` and `decode` with the reason a file cannot be used."""


def bundled_seeds() -> Path:
    """The seed articles: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "seeds", package.parent / "seeds"):
        if folder.is_dir():
            return folder
    raise CgtError("the bundled seed articles are missing from this installation")


def find_files(paths: list[str] | None) -> list[Path]:
    """The article files named by `paths` (default: the bundled seeds)."""
    if not paths:
        return _files_in(bundled_seeds())
    found: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found.extend(_files_in(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise CgtError(f"no such file or folder: {shown_path(given)}")
    if not found:
        raise CgtError(f"no articles (*.txt, *.html) in {', '.join(paths)}")
    return found


def _files_in(folder: Path) -> list[Path]:
    """Every *.txt, *.html and *.htm below `folder`, sorted by path; folder links are not followed.
    A folder that cannot be listed is itself in the list (`read_bytes` says why).
    Walked with a stack, not recursion: any depth is fine."""
    found, stack = [], [str(folder)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError:
            found.append(root)
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.name.lower().endswith(SUFFIXES) and not (entry.is_symlink() and os.path.isdir(entry.path)):
                found.append(entry.path)
    return [Path(path) for path in sorted(found, key=lambda path: path.split(os.sep))]  # Path's own order


def shown_path(path: str | Path) -> str:
    """A file name fit for text and JSON: bytes that are not UTF-8 shown as `\\xff`."""
    name = str(path)
    if name.isascii():
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_files(paths: list[Path]) -> tuple[list[tuple[str, str, bytes]], list[Skipped]]:
    """(id, file, bytes) of every readable file; unusable ones come back as `Skipped`."""
    ids = unique_ids(paths)
    entries, skipped = [], []
    for path in paths:
        try:
            entries.append((ids[path], shown_path(path), read_bytes(path)))
        except SkipFile as why:
            skipped.append(Skipped(shown_path(path), str(why)))
    return entries, skipped


def load_documents(paths: list[Path]) -> tuple[list[Document], list[Skipped]]:
    """Read and decode every file; unusable ones come back as `Skipped`, never as an exception."""
    entries, skipped = read_files(paths)
    documents = []
    for article_id, file, data in entries:
        try:
            documents.append(document(article_id, file, data))
        except SkipFile as why:
            skipped.append(Skipped(file, str(why)))
    skipped.sort(key=lambda s: s.file)
    return documents, skipped


def is_page(file: str) -> bool:
    """A saved web page (`*.html`, `*.htm`), read for its main text."""
    return file.lower().endswith(PAGE_SUFFIXES)


def document(article_id: str, file: str, data: bytes) -> Document:
    """One file's text: a saved web page's title and main text, any other file decoded."""
    if is_page(file):
        from cgt_cli.read.html import read_page

        raw, encoding, page = read_page(data)
        return Document(article_id, file, raw, encoding, page)
    raw, encoding = decode(data)
    return Document(article_id, file, raw, encoding)


def unique_ids(paths: list[Path]) -> dict[Path, str]:
    """The file stem, or the path without suffix where two files share a stem."""
    stems: dict[str, int] = {}
    for path in paths:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    return {p: shown_path(p.stem if stems[p.stem] == 1 else p.with_suffix("").as_posix()) for p in paths}


def read_bytes(path: Path) -> bytes:
    """The bytes of one regular file; `SkipFile` says why it cannot be used.
    Never blocks: a FIFO, socket or device is refused before it is read, and
    the file is opened non-blocking in case one was put in its place."""
    try:
        if path.is_dir():
            os.scandir(path).close()  # a folder that could not be listed says why here
            raise SkipFile("is a folder")
        _regular(path.stat())
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as handle:
            _regular(os.fstat(fd))
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise SkipFile(f"larger than {MAX_BYTES // (1024 * 1024)} MB (it grew while being read)")
    except FileNotFoundError:
        raise SkipFile("broken link or file vanished") from None
    except PermissionError:
        raise SkipFile("permission denied") from None
    except OSError as error:
        raise SkipFile(reason(error)) from None
    return data


def _regular(status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise SkipFile("not a regular file")
    if status.st_size > MAX_BYTES:
        raise SkipFile(f"larger than {MAX_BYTES // (1024 * 1024)} MB ({status.st_size:,} bytes)")



def decode(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030/GBK or Big5."""
    if not data.strip():
        raise SkipFile("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise SkipFile(f"cannot decode: invalid {encoding.upper()} after its byte-order mark") from None
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return _checked(*_utf16_without_bom(data))
    return _checked(*_guess(data))


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-16 with no byte-order mark: the byte order whose text is nearly all
    Han, ASCII and CJK punctuation. Anything else with zero bytes is binary."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _NOT_TEXT.subn("", text)[1] <= 0.05 * len(text):
            return text, encoding
    raise SkipFile("binary file")


_NOT_TEXT = re.compile(r"[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_CHINESE = ["gb18030", "big5"]
_OTHER_CJK = {"euc_jp": "EUC-JP", "shift_jis": "Shift_JIS", "euc_kr": "EUC-KR"}  # read as GB18030 they give garbage


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CHINESE + list(_OTHER_CJK)).best()
    if best is None:
        raise SkipFile("cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text")
    if best.encoding in _OTHER_CJK:
        raise SkipFile(f"not Chinese text (it reads as {_OTHER_CJK[best.encoding]})")
    return str(best), best.encoding


def _checked(text: str, encoding: str) -> tuple[str, str]:
    head = text[:4096]
    controls = sum(1 for ch in head if ch < " " and ch not in "\n\r\t\f")
    if "\x00" in text or controls > max(8, len(head) // 10):
        raise SkipFile("binary file")
    if not text.strip():
        raise SkipFile("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
