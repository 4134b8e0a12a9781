"""Article texts in the index, each stored once, and which characters each holds.

A body is an article's Simplified text (what grep searches) in UTF-16 (two bytes
a Chinese character where UTF-8 takes three: a quarter smaller for news, and
faster to decode) with its original script as a zlib delta against it (Simplified and original
differ in a few characters: the delta is a few hundred bytes); None when the
two are equal. Bodies are keyed by a digest of both texts, so the processed
articles of the cache and every corpus stored from them share one copy.

The character map tells, for each character, which articles of a corpus hold
it in their Simplified text (a zlib-compressed bitmap by article order): a
literal search reads only the articles that hold all of its characters.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib

SCHEMA = """
CREATE TABLE IF NOT EXISTS bodies (digest TEXT PRIMARY KEY, simple BLOB NOT NULL, original BLOB); -- simple: UTF-16-LE
CREATE TABLE IF NOT EXISTS chars (corpus INTEGER, char TEXT, articles BLOB NOT NULL, PRIMARY KEY (corpus, char));
"""
WIDE = "utf-16-le"  # the encoding of `simple`
_ERRORS = "surrogatepass"  # a text holding a lone surrogate is stored and read back as it is
_WINDOW = 32768  # zlib looks back this far into a preset dictionary


def digest(text: str, simple: str) -> str:
    """The key of a body: both texts (the same text may be simplified by another cgt)."""
    key = hashlib.blake2b(text.encode("utf-8", _ERRORS), digest_size=16)
    if simple != text:
        key.update(b"\0" + simple.encode("utf-8", _ERRORS))
    return key.hexdigest()


def put(db: sqlite3.Connection, text: str, simple: str) -> str:
    """Store the body (inside the caller's transaction) unless it is there; its key."""
    key = digest(text, simple)
    if db.execute("SELECT 1 FROM bodies WHERE digest = ?", (key,)).fetchone() is None:
        db.execute("INSERT INTO bodies VALUES (?, ?, ?)", (key, wide(simple), delta(text, simple)))
    return key


def made(text: str, simple: str) -> tuple[str, bytes, bytes | None]:
    """A body's row (key, stored Simplified text, delta), made anywhere (a worker, say)."""
    return digest(text, simple), wide(simple), delta(text, simple)


def insert(db: sqlite3.Connection, body: tuple[str, bytes, bytes | None]) -> str:
    """Store a body `made` (inside the caller's transaction) unless it is there; its key."""
    db.execute("INSERT OR IGNORE INTO bodies VALUES (?, ?, ?)", body)
    return body[0]


def get(db: sqlite3.Connection, key: str) -> tuple[str, str] | None:
    """(text, simple) of a stored body, None when it is not there."""
    row = db.execute("SELECT simple, original FROM bodies WHERE digest = ?", (key,)).fetchone()
    if row is None:
        return None
    simple = narrow(row[0])
    return original(simple, row[1]), simple


def wide(simple: str) -> bytes:
    """A Simplified text as stored (and a pattern as searched in it: `instr` on the bytes
    may also match across two characters, so a match must be checked in the text)."""
    return simple.encode(WIDE, _ERRORS)


def narrow(stored: bytes) -> str:
    """A stored Simplified text (`wide` undone)."""
    return stored.decode(WIDE, _ERRORS)


def delta(text: str, simple: str) -> bytes | None:
    """The original text compressed with the Simplified one as zlib's preset dictionary."""
    if text == simple:
        return None
    packer = zlib.compressobj(6, zdict=_dictionary(simple))
    return packer.compress(text.encode("utf-8", _ERRORS)) + packer.flush()


def original(simple: str, packed: bytes | None) -> str:
    """The original text of a body (`delta` undone)."""
    if packed is None:
        return simple
    unpacker = zlib.decompressobj(zdict=_dictionary(simple))
    return (unpacker.decompress(packed) + unpacker.flush()).decode("utf-8", _ERRORS)


def _dictionary(simple: str) -> bytes:
    return simple.encode("utf-8", _ERRORS)[-_WINDOW:]


def char_bits(simples: list[str]) -> tuple[int, dict[str, bytearray]]:
    """The character map of a run of a corpus' articles (starting at a multiple of 8) whose
    Simplified texts are `simples`: its length in bytes, each character's bitmap."""
    size = (len(simples) + 7) // 8
    maps: dict[str, bytearray] = {}
    for n, simple in enumerate(simples):
        byte, bit = n >> 3, 1 << (n & 7)
        for char in set(simple):
            bits = maps.get(char)
            if bits is None:
                bits = maps[char] = bytearray(size)
            bits[byte] |= bit
    return size, maps


def char_rows(corpus: int, runs: list[tuple[int, dict[str, bytearray]]]):
    """The character map's rows of a corpus, from the `char_bits` of its runs of articles in
    order (each run but the last a multiple of 8 long)."""
    for char in sorted(set().union(*(maps for _, maps in runs))):
        bits = b"".join(maps.get(char) or bytes(size) for size, maps in runs)
        yield (corpus, char, zlib.compress(bits, 1))


def holding(bitmaps: list[bytes]) -> list[int]:
    """The article numbers set in every one of the character maps' rows."""
    if not bitmaps:
        return []
    maps = [zlib.decompress(blob) for blob in bitmaps]
    common = int.from_bytes(maps[0], "little")
    for bits in maps[1:]:
        common &= int.from_bytes(bits, "little")
    found = []
    for i, byte in enumerate(common.to_bytes(len(maps[0]), "little")):
        if byte:
            found += [i * 8 + j for j in range(8) if byte >> j & 1]
    return found
