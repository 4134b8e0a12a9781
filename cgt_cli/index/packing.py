"""Compact stored forms of an entity and of its sentences, for the store.

An entity's mentions are tens to thousands of `Span`s whose article ids repeat:
pickled, each costs its class, its id and two numbers. Packed, the article ids
are the articles' numbers in the corpus (the store names them) and each span is
three integers (that number, the start, the length) in one little-endian array;
the whole is marshalled and zlib-compressed. `entity(pack_entity(e, numbers), ids)
== e` and `spans(pack_spans(s, numbers), ids) == s` when `ids` undoes `numbers`.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from array import array
from collections.abc import Callable

from cgt_cli.model import Entity, Role, Span

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
    flat = array("q")
    for span in found:
        flat.extend((numbers[span.article_id], span.start, span.end - span.start))
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
