"""Find the articles to read and decode them; the only module that reads files.

A corpus is the bundled seeds, a folder (every `*.txt`, `*.html` and `*.htm`
below it, in sorted order) or a list of files. Saved web pages are read by
`read.html`; every other file is decoded as text. A file that cannot be used is reported as a
`Skipped` and the rest are still served. cgt only ever opens files to read.
"""

from __future__ import annotations

import operator
import os
import re
import stat
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    notice: bool = field(default=False, repr=False)  # not skipped but read in part (`reason` says how): a notice


class SkipFile(Exception):
    """Raised by `read_bytes` and `decode` with the reason a file cannot be used."""


def bundled_seeds() -> Path:
    """The seed articles: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "seeds", package.parent / "seeds"):
        if folder.is_dir():
            return folder
    raise CgtError("the bundled seed articles are missing from this installation")


def find_files(paths: list[str] | None) -> dict[str, str]:
    """The article files named by `paths` (default: the bundled seeds), each with its id.

    Each file is read once, however often it is named (a path given twice, a file
    inside two given folders, one folder spelt two ways). Paths come back absolute,
    through the given folders' real paths (`_real_folder`), as strings (10,000 `Path` objects cost a third of a second). An id is the
    file's path below the folder it was found in, without its suffix (a file given
    by itself: its name), so it does not depend on what else is given; see `_ids`
    for two folders that hold the same name. A folder that cannot be listed is in
    the list itself (`read_bytes` says why).
    """
    found: list[tuple[str, str, str]] = []  # (absolute file, its path below root, root)
    seen: set[str] = set()  # real paths
    for given in paths or [str(bundled_seeds())]:
        path = _real_folder(os.path.abspath(os.path.expanduser(given)))
        if os.path.isdir(path):
            root = path.rstrip(os.sep) + os.sep
            for below, link in _files_below(path):
                file = root + below if below else path
                real = os.path.realpath(file) if link else file
                if real not in seen:
                    seen.add(real)
                    found.append((file, below or os.path.basename(path), path))
        elif os.path.lexists(path):
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append((path, os.path.basename(path), os.path.dirname(path)))
        else:
            raise CgtError(f"no such file or folder: {shown_path(given)}")
    if not found:
        raise CgtError(f"no articles (*.txt, *.html) in {', '.join(shown_path(p) for p in paths or [])}")
    ids = _ids([_stem(below).replace(os.sep, "/") for _, below, _ in found], [root for *_, root in found])
    return {file: shown_path(ids[n] or file) for n, (file, _, _) in enumerate(found)}


def _stem(path: str) -> str:
    """`os.path.splitext(path)[0]`, faster (10,000 of them per warm command): a name
    that is nothing but dots before its last one keeps its suffix (`.txt` is a stem)."""
    dot = path.rfind(".")
    if dot <= 0 or not path[path.rfind(os.sep) + 1 : dot].strip("."):
        return path
    return path[:dot]


def _real_folder(path: str) -> str:
    """`path` with its folders' links resolved (a file named by itself keeps its
    name): a corpus reached through a linked folder is the same corpus, with the
    same files, ids and cache entry, whichever way it is spelt."""
    if os.path.isdir(path):
        return os.path.realpath(path)
    folder, name = os.path.split(path)
    return os.path.join(os.path.realpath(folder), name)


def _files_below(folder: str) -> list[tuple[str, bool]]:
    """Every *.txt, *.html and *.htm below `folder` as (path below it, is a link), sorted
    by path as `Path` sorts (by parts): each folder's names in order, walked depth first,
    so no key is made per file. Folder links are not followed. A folder that cannot be
    listed is itself in the list ("" for `folder`). Walked with a stack, not recursion:
    any depth is fine."""
    found: list[tuple[str, bool]] = []

    def listing(below: str):
        try:
            with os.scandir(os.path.join(folder, below) if below else folder) as entries:
                names = sorted(entries, key=_NAME)
        except OSError:
            found.append((below, False))
            return None
        return below + os.sep if below else "", iter(names)  # joined by hand: os.path.join costs 0.1 s per 10,000

    walks = [walk for walk in [listing("")] if walk]
    while walks:
        prefix, entries = walks[-1]
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                inner = listing(prefix + name)
                if inner:
                    walks.append(inner)
                    break  # this folder's walk goes on after the inner one
            elif name.lower().endswith(SUFFIXES):
                link = entry.is_symlink()
                if not (link and os.path.isdir(entry.path)):
                    found.append((prefix + name, link))
        else:
            walks.pop()
    return found


_NAME = operator.attrgetter("name")


def shown_path(path: str | Path) -> str:
    """A file name fit for text and JSON: bytes that are not UTF-8 shown as `\\xff`."""
    name = str(path)
    if name.isascii():
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_files(paths: Mapping[str, str] | list[Path]) -> tuple[list[tuple[str, str, bytes]], list[Skipped]]:
    """(id, file, bytes) of every readable file; unusable ones come back as `Skipped`.

    `paths` maps each file to its id (as `find_files` gives them); a plain list
    of files gets `unique_ids`."""
    ids = paths if isinstance(paths, Mapping) else unique_ids(paths)
    entries, skipped = [], []
    for path, article_id in ids.items():
        try:
            entries.append((article_id, shown_path(path), read_bytes(path)))
        except SkipFile as why:
            skipped.append(Skipped(shown_path(path), str(why)))
    return entries, skipped


def load_documents(paths: Mapping[str, str] | list[Path]) -> tuple[list[Document], list[Skipped]]:
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
    """Ids for files given one by one: each one's name, made unique as `find_files` does."""
    ids = _ids([path.with_suffix("").name for path in paths], [str(path.parent) for path in paths])
    return {path: shown_path(ids[n] or path.as_posix()) for n, path in enumerate(paths)}


def _ids(base: list[str], roots: list[str]) -> list[str]:
    """Each file's id from its path below its root (`base`).

    Where two roots hold the same path, each such id takes its root's name (or
    as many of the root's last folders as it takes to be unique) in front:
    `dev/01` and `holdout/01`. Ids still not unique come back empty: the caller
    uses the whole path.
    """
    ids = list(base)
    clashing = _clashing(ids, range(len(ids)))
    depth = max((len(roots[i].split(os.sep)) for i in clashing), default=0)
    for n in range(1, depth + 1):
        if not clashing:
            break
        for i in clashing:
            folders = [part for part in roots[i].split(os.sep) if part]
            ids[i] = "/".join([*folders[-n:], base[i]])
        clashing = _clashing(ids, clashing)
    for i in clashing:  # two files of one folder, one name: x.txt and x.TXT
        ids[i] = ""
    return ids


def _clashing(ids: list[str], among) -> list[int]:
    """The positions in `among` whose id is not unique."""
    counts = Counter(ids)
    return [i for i in among if counts[ids[i]] > 1]


def read_bytes(path: str | Path) -> bytes:
    """The bytes of one regular file; `SkipFile` says why it cannot be used.
    Never blocks: a FIFO, socket or device is refused before it is read, and
    the file is opened non-blocking in case one was put in its place."""
    try:
        if os.path.isdir(path):
            os.scandir(path).close()  # a folder that could not be listed says why here
            raise SkipFile("is a folder")
        _regular(os.stat(path))
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


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters but \t \n \f \r


def _checked(text: str, encoding: str) -> tuple[str, str]:
    head = text[:4096]
    controls = len(_CONTROLS.findall(head))
    if "\x00" in text or controls > max(8, len(head) // 10):
        raise SkipFile("binary file")
    if not text.strip():
        raise SkipFile("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
