"""Compact stored forms of an entity, of its sentences and of an event's quotes, for the store.

An entity's mentions are tens to thousands of `Span`s whose article ids repeat:
pickled, each costs its class, its id and two numbers. Packed, the article ids
are the articles' numbers in the corpus (the store names them) and each span is
three integers (that number, the start, the length) in one little-endian array;
the whole is marshalled and zlib-compressed. `entity(pack_entity(e, numbers), ids)
== e` and `spans(pack_spans(s, numbers), ids) == s` when `ids` undoes `numbers`.

An event's quotes are stored without their texts: the Simplified ones are the
event's `search` column (what `timeline --entity` looks in; UTF-16 like `bodies`), and each original
is its Simplified text with the characters that differ put back (`changes`:
full-width punctuation, Traditional characters; the whole text if the lengths
differ). Each quote is [article number, line, start, end, changes] in JSON.
"""

from __future__ import annotations

import json
import marshal
import sys
import zlib
from array import array
from collections.abc import Callable

from cgt_cli.index import bodies
from cgt_cli.model import Entity, Quote, Role, Span

SEP = "\x1f"  # joins names and texts in one column; never part of a name cgt finds
Ids = Callable[[set[int]], dict[int, str]]  # article numbers in the corpus → their ids


def pack_entity(entity: Entity, numbers: dict[str, int]) -> bytes:
    """The entity, its spans' articles by their number in the corpus (`numbers`)."""
    roles = tuple((r.person, r.title, r.organisation, r.conflict) for r in entity.roles)
    fields = (entity.name, entity.kind, entity.forms, entity.aliases, entity.places, entity.scope, roles)
    spans = _flat(numbers, entity.mentions), _flat(numbers, [r.span for r in entity.roles])
    return zlib.compress(marshal.dumps((fields, *spans)), 6)


def entity(data: bytes, ids: Ids) -> Entity:
    """`pack_entity` undone; `ids` names the articles."""
    (name, kind, forms, aliases, places, scope, roles), mentions, role_spans = marshal.loads(zlib.decompress(data))
    mentions, role_spans = _numbers(mentions), _numbers(role_spans)
    named = ids(set(mentions[::3]) | set(role_spans[::3]))
    titles = tuple(Role(p, t, o, span, c) for (p, t, o, c), span in zip(roles, _spans(named, role_spans), strict=True))
    return Entity(name, kind, forms, aliases, places, tuple(_spans(named, mentions)), titles, scope)


def pack_spans(found: list[Span], numbers: dict[str, int]) -> bytes:
    return zlib.compress(_flat(numbers, found), 6)


def spans(data: bytes, ids: Ids) -> list[Span]:
    flat = _numbers(zlib.decompress(data))
    return _spans(ids(set(flat[::3])), flat)


def _flat(numbers: dict[str, int], found) -> bytes:
    """(article number, start, length) of each span, as the bytes of one little-endian array."""
    flat = array("q", [n for span in found for n in (numbers[span.article_id], span.start, span.end - span.start)])
    if sys.byteorder == "big":
        flat.byteswap()
    return flat.tobytes()


def _numbers(data: bytes) -> array:
    flat = array("q")
    flat.frombytes(data)
    if sys.byteorder == "big":
        flat.byteswap()
    return flat


def _spans(ids: dict[int, str], flat: array) -> list[Span]:
    it = iter(flat)
    return [Span(ids[n], start, start + length) for n, start, length in zip(it, it, it, strict=True)]


def pack_quotes(quotes: list[Quote], simples: list[str], numbers: dict[str, int]) -> tuple[str, bytes]:
    """The `quotes` and `search` columns of quotes whose Simplified texts are `simples`
    (`search` in UTF-16, as `bodies` stores texts)."""
    packed = [[numbers[q.source], q.line, q.start, q.end, _changes(q.text, simple)] for q, simple in zip(quotes, simples, strict=True)]
    return json.dumps(packed, ensure_ascii=False, separators=(",", ":")), bodies.wide(SEP.join(simples))


def quote_articles(packed: list) -> set[int]:
    """The article numbers the quotes of an event (`json.loads` of its column) cite."""
    return {quote[0] for quote in packed}


def quotes(packed: list, search: bytes, articles: dict[int, tuple[str, str]]) -> tuple[Quote, ...]:
    """`pack_quotes` undone (the first column through `json.loads`); `articles` gives
    each article number's id and file."""
    search = bodies.narrow(search)
    out, at = [], 0
    for number, line, start, end, changes in packed:
        simple = search[at : at + end - start]
        at += end - start + len(SEP)
        text = changes if isinstance(changes, str) else _changed(simple, changes)
        out.append(Quote(*articles[number], line, start, end, text))
    return tuple(out)


def _changes(text: str, simple: str) -> str | list[list]:
    """[offset, characters] of each run where `text` differs from `simple`; `text` itself
    when their lengths differ."""
    if text == simple:
        return []
    if len(text) != len(simple):
        return text
    runs: list[list] = []
    last = -2
    for i, (a, b) in enumerate(zip(text, simple, strict=True)):
        if a != b:
            if i == last + 1:
                runs[-1][1] += a
            else:
                runs.append([i, a])
            last = i
    return runs


def _changed(simple: str, runs: list[list]) -> str:
    if not runs:
        return simple
    parts, at = [], 0
    for start, chars in runs:
        parts += (simple[at:start], chars)
        at = start + len(chars)
    parts.append(simple[at:])
    return "".join(parts)
