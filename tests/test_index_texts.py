"""Texts in the index: each stored once, read by grep only where they may match."""

import re
import sqlite3
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgt_cli.index import bodies
from cgt_cli.index.load import load_index
from cgt_cli.index.query import Pattern, _count, _count_disjoint, _matches, _overlaps_itself, compile_pattern, count, search
from cgt_cli.read.files import find_files
from cgt_cli.views.records import per_article

SIMPLE = "2023-06-18 09:30 钱江晚报\n6月16日,杭州钱塘细胞治疗产业园开园。\n园区聚焦细胞治疗。\n"
TRAD = "2023-07-02 10:00 香港商報\n7月1日,深圳細胞治療產業聯盟成立。\n"
LATIN = "2023-08-01 新华网\n8月1日,苏州aaa公司与aa基金签约。\n"


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in (("a.txt", SIMPLE), ("b.txt", TRAD), ("c.txt", LATIN)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_each_text_is_stored_once_for_the_processed_files_and_the_corpus(cgt, news, tmp_path):
    cache = tmp_path / "cache"
    assert cgt("index", "--corpus", str(news), "--cache-dir", str(cache)).exit_code == 0
    db = sqlite3.connect(cache / "index.sqlite")
    columns = [row[1] for row in db.execute("PRAGMA table_info(texts)")]
    assert "text" not in columns and "simple" not in columns
    assert db.execute("SELECT count(*) FROM bodies").fetchone() == (3,)
    assert db.execute("SELECT count(*) FROM texts").fetchone() == (3,)
    assert db.execute("SELECT count(*) FROM processed").fetchone() == (3,)
    # the Simplified text is kept whole in UTF-16 (2 bytes a Chinese character), the Traditional
    # original as a small delta against it
    rows = {simple.decode("utf-16-le"): original for simple, original in db.execute("SELECT simple, original FROM bodies")}
    assert sorted(len(simple) for simple, in db.execute("SELECT simple FROM bodies")) == sorted(2 * len(t) for t in (SIMPLE, TRAD, LATIN))
    trad = next(simple for simple in rows if "深圳细胞治疗产业联盟" in simple)
    assert rows[trad] is not None and len(rows[trad]) < len(TRAD.encode())
    assert bodies.original(trad, rows[trad]).startswith("2023-07-02 10:00 香港商報\n7月1日,深圳細胞治療產業聯盟成立。")
    for (data,) in db.execute("SELECT data FROM processed"):  # no text of any article in a processed file
        unpacked = zlib.decompress(data)
        assert "产业园开园".encode() not in unpacked and "產業聯盟成立".encode() not in unpacked


def test_a_stored_corpus_reads_back_both_scripts(cgt, news, tmp_path):
    cache = ["--corpus", str(news), "--cache-dir", str(tmp_path / "cache")]
    cgt("index", *cache)
    found = cgt("grep", "细胞治疗产业联盟", *cache)
    assert (found.exit_code, found.stdout) == (0, "b:2:8:7月1日,深圳細胞治療產業聯盟成立。\n")


def test_grep_reads_only_articles_holding_every_character(news):
    store, _ = load_index(find_files([str(news)]), None)
    assert store._holding("细胞") == [0, 1]
    assert store._holding("园区") == [0]  # 园 and 区 are both in a.txt only
    assert store._holding("签约") == [2]
    assert store._holding("细约") == []  # each is somewhere, never both in one article
    assert store._holding("鲸") == []  # in no article
    assert [a.id for a in store.texts("胞治")] == ["a", "b"]
    assert [a.id for a in store.texts("治细")] == []  # both characters held by a and b, never in this order


@pytest.mark.parametrize(
    ("pattern", "options", "expected"),
    [
        ("细胞", {}, {"a": 2, "b": 1}),
        ("細胞治療", {}, {"a": 2, "b": 1}),
        ("aa", {}, {"c": 2}),  # aaa holds one, then aa: matches do not overlap
        ("aa", {"everything": True}, {"c": 2}),  # the whole text: one str.count
        ("细胞", {"everything": True}, {"a": 2, "b": 1}),
        ("細胞", {"everything": True}, {"a": 2, "b": 1}),
        ("aa", {"word": True}, {"c": 1}),  # only the aa standing alone
        ("A", {"ignore_case": True}, {"c": 5}),
        ("产业(园|联盟)", {"regex": True}, {"a": 1, "b": 1}),
    ],
)
def test_counts_are_those_of_the_hits(news, pattern, options, expected):
    store, _ = load_index(find_files([str(news)]), None)
    everything = options.pop("everything", False)
    compiled = compile_pattern(pattern, **options)
    counted = {source: n for source, (_, n) in count(store, compiled, everything=everything).items()}
    hits = search(store, compiled, everything=everything)
    assert counted == {source: n for source, (_, n) in per_article(store, hits).items()} == expected


def test_a_literal_that_overlaps_itself_is_counted_match_by_match():
    assert [_overlaps_itself(text) for text in ("细胞", "园区园", "aa", "aba", "abab", "細胞治療", "a")] == [
        False, True, True, True, True, False, False,
    ]  # fmt: skip
    text, ranges = "哈哈哈\n哈哈哈哈", [(0, 3), (4, 8)]
    assert _count(text, compile_pattern("哈哈"), ranges) == 3  # 哈哈|哈 and 哈哈|哈哈: never 2 in 哈哈哈


_TEXTS = st.text(alphabet="园区X\n", max_size=40)


@st.composite
def _ranges(draw, text):
    """Sorted ranges over `text`, as a layout gives them (title, body lines); here also touching or overlapping."""
    starts = draw(st.lists(st.integers(0, len(text)), max_size=6))
    return sorted((start, min(len(text), start + draw(st.integers(0, 12)))) for start in starts)


@given(st.data(), _TEXTS, st.text(alphabet="园区X", min_size=1, max_size=3))
def test_counting_by_str_count_equals_counting_match_by_match(data, text, literal):
    pattern = Pattern(re.compile(re.escape(literal)), literal)
    ranges = data.draw(_ranges(text))
    by_matches = _count(text, pattern, ranges)
    assert by_matches == len(_matches(text, pattern, ranges, None, 1.0))
    if not _overlaps_itself(literal):
        assert _count_disjoint(text, pattern, ranges) == by_matches
    assert _count(text, pattern, [(0, len(text))]) == text.count(literal)  # --all


def test_a_literal_across_the_end_of_a_range_is_not_a_match():
    text, ranges = "园区园区X园区园", [(0, 3), (3, 8), (8, 10)]
    literal = compile_pattern("园区")
    as_regex = literal._replace(literal=None)  # the match-by-match path
    for pattern in (literal, as_regex):
        assert _matches(text, pattern, ranges, None, 1.0) == [(0, 2), (5, 7)]


def test_a_literal_longer_than_a_range_counts_nothing_there():
    text, ranges = "园区园区X园区园", [(0, 3), (3, 8), (8, 9), (9, 10)]
    literal = compile_pattern("园区")
    assert _count(text, literal, ranges) == 2
    assert _count(text, literal, [(8, 9)]) == 0


def test_a_match_of_the_stored_bytes_across_two_characters_is_no_match(tmp_path):
    # In UTF-16 the bytes of "A细" (41 00 c6 7e) also stand across 䄀, 였 and 乾 (00 41 00 c6 7e 4e):
    # SQLite's instr finds them there, the text does not hold the pattern, the article is not read.
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("2023-06-18 钱江晚报\n6月16日,A股细胞治疗公司\u4100\uc600\u4e7e签约。\n", encoding="utf-8")
    (folder / "b.txt").write_text("2023-07-02 香港商報\n7月1日,A細胞治療公司簽約。\n", encoding="utf-8")
    store, _ = load_index(find_files([str(folder)]), None)
    assert store._holding("A细") == [0, 1]
    assert [a.id for a in store.texts("A细")] == ["b"]
    assert [(i, simple[21:28]) for i, _, simple, _ in store.simple_texts("A细")] == [("b", "A细胞治疗公司")]
    assert [a.text[a.text.index("A") :][:9] for a in store.texts()] == ["A股细胞治疗公司\u4100", "A細胞治療公司簽約"]


@pytest.mark.parametrize(
    ("options", "shown"), [((), "b:2:8:7月1日,深圳細胞治療產業聯盟成立。\n"), (("-c",), "b      1\ntotal  1\n")]
)
def test_texts_missing_from_the_index_are_damage_rebuilt_once(cgt, news, tmp_path, options, shown):
    cache = ["--corpus", str(news), "--cache-dir", str(tmp_path / "cache")]
    cgt("index", *cache)
    with sqlite3.connect(tmp_path / "cache" / "index.sqlite") as db:
        db.execute("DELETE FROM bodies")
    found = cgt("grep", "细胞治疗产业联盟", *options, *cache)
    assert (found.exit_code, found.stdout) == (0, shown)
    assert found.stderr.splitlines()[0].startswith("cgt: the persistent index is damaged (the text of ")
    assert found.stderr.splitlines()[0].endswith(" is missing): rebuilding this corpus")
    again = cgt("index", *cache, "--json")
    assert (again.exit_code, again.stderr) == (0, "")
    with sqlite3.connect(tmp_path / "cache" / "index.sqlite") as db:
        assert db.execute("SELECT count(*) FROM bodies").fetchone() == (3,)
