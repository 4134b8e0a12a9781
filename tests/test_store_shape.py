"""The store's compact shapes: each stored form reads back exactly what was written."""

import json
import zlib

from cgt_cli.index import packing
from cgt_cli.model import Entity, Quote, Role, Span

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


def test_quotes_are_stored_without_their_texts_and_read_back_whole():
    quotes = [
        Quote("hk", "news/hk.txt", 3, 20, 38, "7月1日，深圳細胞治療產業聯盟成立。"),
        Quote("hz", "news/hz.txt", 2, 5, 25, "6月16日,杭州钱塘细胞治疗产业园开园。"),
        Quote("sz", "news/sz.txt", 9, 0, 4, "瞭解情況"),  # a Simplified text of another length: kept whole
    ]
    simples = ["7月1日,深圳细胞治疗产业联盟成立。", "6月16日,杭州钱塘细胞治疗产业园开园。", "了解情况况"]
    column, search = packing.pack_quotes(quotes, simples, IDS)
    assert column == (
        '[[1,3,20,38,[[4,"，"],[7,"細"],[10,"療產業聯"]]],'
        '[0,2,5,25,[]],'
        '[7,9,0,4,"瞭解情況"]]'
    )
    assert search == "7月1日,深圳细胞治疗产业联盟成立。\x1f6月16日,杭州钱塘细胞治疗产业园开园。\x1f了解情况况".encode("utf-16-le")
    files = {0: ("hz", "news/hz.txt"), 1: ("hk", "news/hk.txt"), 7: ("sz", "news/sz.txt")}
    packed = json.loads(column)
    assert packing.quote_articles(packed) == {0, 1, 7}
    assert packing.quotes(packed, search, files) == tuple(quotes)


def test_a_processed_file_pickled_by_position_reads_back_equal(tmp_path):
    import sqlite3

    from cgt_cli.extract.article import process_file
    from cgt_cli.index import cache

    db = sqlite3.connect(tmp_path / "x.sqlite")
    db.executescript(cache._SCHEMA + cache.store.SCHEMA)
    for text in (
        "2023-07-02 10:00 香港商報\n7月1日，深圳細胞治療產業聯盟成立，理事長張敏表示將推動合作。\n",
        "2023-06-18 09:30 钱江晚报\n6月16日,杭州钱塘细胞治疗产业园开园,园区负责人李明表示年底投用。\n",
    ):
        processed = process_file(("a", "a.txt", text.encode()))
        packed = cache._pickled(db, processed)
        assert text.split("\n")[1][:6].encode() not in zlib.decompress(packed)  # the texts are in bodies
        assert b"EntityHit" in zlib.decompress(packed) and b"name" not in zlib.decompress(packed)  # by position
        assert cache._unpickled(db, packed) == processed


def test_timeline_naming_checks_the_text_where_the_utf16_bytes_matched():
    from cgt_cli.index.bodies import wide
    from cgt_cli.index.store import _naming

    rows = [
        ("e0", "深圳细胞治疗产业联盟", wide("7月1日,联盟成立。")),  # by its names
        ("e1", "", wide("A股\u4100\uc600\u4e7e签约")),  # 41 00 c6 7e inside 䄀, 였, 乾: no match
        ("e2", "", wide("7月1日,A細胞公司签约。".replace("細", "细"))),  # in a quote's Simplified text
    ]
    assert list(_naming(rows, "A细")) == [("e2",)]
    assert list(_naming(rows, "深圳细胞")) == [("e0",)]


def test_rows_are_made_in_runs_of_whole_bytes_of_the_character_map():
    from cgt_cli.index import rows

    assert rows.runs(0) == []
    assert rows.runs(20) == [range(0, 8), range(8, 16), range(16, 20)]
    assert rows.runs(1000)[:2] == [range(0, 8), range(8, 16)] and len(rows.runs(1000)) == 125
    assert rows.runs(10_000)[-1] == range(9920, 10_000) and len(rows.runs(10_000)) == 125


def test_the_character_map_of_runs_is_that_of_the_whole_corpus():
    from cgt_cli.index import bodies

    simples = ["细胞治疗", "產業园", "细胞", "A股", "园区", "细", "胞", "治疗", "钱塘", "细胞治疗产业园"]
    whole = list(bodies.char_rows(3, [bodies.char_bits(simples)]))
    cut = list(bodies.char_rows(3, [bodies.char_bits(simples[:8]), bodies.char_bits(simples[8:])]))
    assert cut == whole
    assert [row[1] for row in whole][:4] == ["A", "业", "产", "区"]
    assert zlib.decompress(dict((c, bits) for _, c, bits in whole)["细"]) == bytes([0b00100101, 0b10])


def test_a_corpus_written_through_a_pool_equals_one_written_here(news):
    import sqlite3

    from cgt_cli.index import store
    from cgt_cli.index.load import fork_map, load_index
    from cgt_cli.read.files import find_files

    built, _ = load_index(find_files([str(news)]), None)
    index = _index(news)
    dumps = []
    for mapper in (None, lambda fn, items: fork_map(fn, items * 70)[: len(items)], lambda fn, items: [fn(i) for i in reversed(items)][::-1]):
        db = sqlite3.connect(":memory:")
        store.create(db)
        with store.writing(db):
            store.write(db, None, index, *([mapper] if mapper else []))
        dumps.append([line for line in db.iterdump() if not line.startswith('INSERT INTO "corpora"')])  # its time of use
    assert dumps[0] == dumps[1] == dumps[2]
    assert sum(line.startswith('INSERT INTO "texts"') for line in dumps[0]) == built.count("texts") == 2


def _index(folder):
    from cgt_cli.extract.article import process_file
    from cgt_cli.index.build import assemble
    from cgt_cli.index.load import sort_result
    from cgt_cli.read.files import find_files, read_files

    entries, skipped = read_files(find_files([str(folder)]))
    processed: list = []
    for article_id, file, data in entries:
        sort_result(process_file((article_id, file, data)), article_id, file, processed, skipped)
    return assemble(processed, skipped)
