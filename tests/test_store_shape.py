"""The store's compact shapes: each stored form reads back exactly what was written."""

from cgt_cli.index import packing
from cgt_cli.model import Entity, Role, Span

IDS = {"hz": 0, "hk": 1, "sz": 7}
NAMES = {n: i for i, n in IDS.items()}


def test_an_entity_packed_reads_back_equal_with_its_articles_by_number():
    entity = Entity(
        name="深圳细胞治疗产业联盟",
        kind="alliance",
        forms=("深圳細胞治療產業聯盟", "深圳细胞治疗产业联盟"),
        aliases=("深圳联盟",),
        places=("深圳",),
        mentions=(Span("hk", 12, 22), Span("hk", 40, 44), Span("sz", 3, 13)),
        roles=(Role("张敏", "理事长", "深圳细胞治疗产业联盟", Span("sz", 30, 41), conflict=True),),
        scope=None,
    )
    asked = []

    def ids(numbers):
        asked.append(sorted(numbers))
        return {n: NAMES[n] for n in numbers}

    packed = packing.pack_entity(entity, IDS)
    assert packing.entity(packed, ids) == entity
    assert asked == [[1, 7]]  # the articles named once, by number


def test_an_entity_without_mentions_or_roles_and_with_a_scope():
    entity = Entity("项目", "org", ("项目",), (), (), (), (), scope="hz")
    assert packing.entity(packing.pack_entity(entity, IDS), lambda numbers: {n: NAMES[n] for n in numbers}) == entity


def test_sentences_packed_read_back_in_order():
    found = [Span("sz", 0, 18), Span("hz", 19, 40), Span("sz", 41, 2_000_000)]
    packed = packing.pack_spans(found, IDS)
    assert packing.spans(packed, lambda numbers: {n: NAMES[n] for n in numbers}) == found
