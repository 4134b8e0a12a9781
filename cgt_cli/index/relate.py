"""Which entities a corpus names together: the sentences naming each entity,
and the pairs of entities that share sentences (the card's related entities)."""

from __future__ import annotations

from collections import Counter

from cgt_cli.model import Index, Span
from cgt_cli.read.sentences import Sentences

NEIGHBOURS = 25  # entities either side that a long list's member is related to


def relate(index: Index) -> tuple[list[list[Span]], Counter]:
    """Per entity, the sentences naming it (first mention first); and for each
    (entity, other) pair, the number of sentences naming both.

    A mention inside or across one of the entity's own (联盟 in 细胞产业联盟)
    does not make the other entity related to it.
    """
    where: dict[tuple[str, int, int], tuple[int, int]] = {}
    related: Counter[tuple[int, int]] = Counter()
    for article_id, rows in index.mention_table.items():
        split = Sentences(index.article(article_id).simple)
        named: dict[tuple[int, int], dict[int, list[tuple[int, int]]]] = {}
        for start, end, number in rows:
            sentence = where[article_id, start, end] = split.at(start, end)
            named.setdefault(sentence, {}).setdefault(number, []).append((start, end))
        for spans in named.values():
            if len(spans) > 1:
                _count_pairs(list(spans.items()), related)
    sentences = [
        [Span(m.article_id, *where[m.article_id, m.start, m.end]) for m in entity.mentions] for entity in index.entities
    ]
    return [list(dict.fromkeys(said)) for said in sentences], related


def _count_pairs(spans: list[tuple[int, list[tuple[int, int]]]], related: Counter) -> None:
    """Count each pair of entities named in one sentence. In a sentence that lists
    more than 2 × NEIGHBOURS + 1 of them (a list of 5,000 companies), each is
    related only to the NEIGHBOURS named next to it on either side: linear, not
    quadratic, and the same pairs for any ordinary sentence."""
    for n, (number, own) in enumerate(spans):
        for other, theirs in spans[max(0, n - NEIGHBOURS) : n + NEIGHBOURS + 1]:
            if other != number and any(not _overlaps(m, own) for m in theirs):
                related[number, other] += 1


def _overlaps(mention: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < mention[1] and mention[0] < end for start, end in spans)
