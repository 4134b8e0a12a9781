"""The persistent index: reuse, refresh, and recovery from a bad cache."""

import json
import os
import sqlite3

import pytest

from conftest import run_unprivileged

PAGE = "2023-06-18 09:30 钱江晚报\n6月16日,杭州钱塘细胞治疗产业园开园。\n"
OTHER = "2023-07-02 10:00 新华网\n7月1日,武汉光谷细胞治疗产业园揭牌。\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    return folder


def index_json(cgt, corpus, cache, *more):
    result = cgt("index", "--corpus", str(corpus), "--cache-dir", str(cache), "--json", *more)
    return result, json.loads(result.stdout) if result.stdout else None


def test_second_run_reads_the_index_and_a_changed_file_is_processed_again(cgt, corpus, tmp_path):
    cache = tmp_path / "cache"
    result, first = index_json(cgt, corpus, cache)
    assert result.exit_code == 0
    assert (first["articles"], first["processed"], first["reused"], first["events"]) == (2, 2, 0, 2)
    _, second = index_json(cgt, corpus, cache)
    assert (second["processed"], second["reused"]) == (0, 2)
    (corpus / "b.txt").write_text(OTHER.replace("7月1日", "7月2日"), encoding="utf-8")
    (corpus / "c.txt").write_text(PAGE, encoding="utf-8")  # same content as a.txt: reused
    _, third = index_json(cgt, corpus, cache)
    assert (third["articles"], third["processed"], third["reused"]) == (3, 1, 2)
    events = json.loads(cgt("timeline", "--corpus", str(corpus), "--cache-dir", str(cache), "--json").stdout)
    assert [(e["date"], e["sources"]) for e in events] == [("2023-06-16", ["a", "c"]), ("2023-07-02", ["b"])]


def test_cached_and_uncached_answers_are_the_same(cgt, corpus, tmp_path):
    cache = str(tmp_path / "cache")
    commands = (
        ["timeline"],
        ["timeline", "--entity", "光谷", "--from", "2023-07"],
        ["timeline", "--source", "a", "--quotes"],
        ["show", "杭州钱塘细胞治疗产业园"],
        ["show", "产业园"],
        ["entities", "--kind", "park"],
        ["grep", "产业园"],
        ["grep", "-e", "[杭武]"],
        ["sources"],
    )
    for command in commands:
        args = [*command, "--corpus", str(corpus), "--json"]
        plain = cgt(*args, "--no-cache").stdout
        assert cgt(*args, "--cache-dir", cache).stdout == plain  # cold
        assert cgt(*args, "--cache-dir", cache).stdout == plain  # warm


def test_only_the_three_most_recent_corpora_are_kept(cgt, corpus, tmp_path):
    cache = tmp_path / "cache"
    for day in range(1, 6):
        (corpus / "b.txt").write_text(OTHER.replace("7月1日", f"7月{day}日"), encoding="utf-8")
        os.utime(corpus / "b.txt", ns=(day * 10**9, day * 10**9))
        events = json.loads(cgt("timeline", "--corpus", str(corpus), "--cache-dir", str(cache), "--json").stdout)
        assert events[-1]["date"] == f"2023-07-0{day}"
    db = sqlite3.connect(cache / "index.sqlite")
    kept = [n for n, in db.execute("SELECT id FROM corpora ORDER BY id")]
    assert kept == [3, 4, 5]
    for table in ("texts", "events", "event_details", "entities", "names", "event_entities"):
        assert {n for n, in db.execute(f"SELECT DISTINCT corpus FROM {table}")} == {3, 4, 5}
    assert db.execute("SELECT count(*) FROM related").fetchone()[0] == 0  # no sentence names two entities
    assert db.execute("SELECT count(*) FROM processed").fetchone()[0] == 6  # a.txt and five versions of b.txt
    db.close()


def test_a_cache_that_cannot_be_written_means_no_cache(cgt, corpus, tmp_path):
    cache = tmp_path / "cache"
    from cgt_cli.index.cache import open_cache

    open_cache(cache, print).close()
    db = sqlite3.connect(cache / "index.sqlite")
    db.execute("CREATE TRIGGER full BEFORE INSERT ON corpora BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END")
    db.commit()
    db.close()
    result = cgt("timeline", "--corpus", str(corpus), "--cache-dir", str(cache), "--json")
    assert (result.exit_code, len(json.loads(result.stdout))) == (0, 2)
    assert result.stderr == f"cgt: cannot write the cache {cache / 'index.sqlite'} (database or disk is full): working without it\n"


def test_no_cache_writes_nothing(cgt, corpus, tmp_path):
    cache = tmp_path / "cache"
    assert cgt("timeline", "--corpus", str(corpus), "--cache-dir", str(cache), "--no-cache").exit_code == 0
    assert not cache.exists()
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt"]


OLD_TABLES = (  # a cache of cgt-index-3, whose events had no citation columns: rebuilt, not misread
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('format', 'cgt-index-3');"
    "CREATE TABLE processed (key TEXT PRIMARY KEY, data BLOB NOT NULL);"
    "CREATE TABLE events (corpus INTEGER, ord INTEGER, undated INTEGER, kind TEXT, first_day TEXT, last_day TEXT,"
    " date TEXT, resolution TEXT, part TEXT, summary TEXT, place TEXT, sources TEXT, PRIMARY KEY (corpus, ord));"
)

UTF8_TEXTS = (  # a cache of cgt-index-c7e639be5660, whose bodies held the Simplified texts in UTF-8
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO meta VALUES ('format', 'cgt-index-c7e639be5660');"
    "CREATE TABLE processed (key TEXT PRIMARY KEY, data BLOB NOT NULL);"
    "CREATE TABLE bodies (digest TEXT PRIMARY KEY, simple TEXT NOT NULL, original BLOB);"
    "INSERT INTO bodies VALUES ('0f', '7月1日,深圳细胞治疗产业联盟成立。', NULL);"
)


@pytest.mark.parametrize(
    "damage, warning",
    [
        (b"this is not a database at all" * 100, "is damaged (file is not a database): rebuilding it"),
        ("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('format', 'other-tool');",
         "is not a cgt index of this version: rebuilding it"),
        (OLD_TABLES, "is not a cgt index of this version: rebuilding it"),
        (UTF8_TEXTS, "is not a cgt index of this version: rebuilding it"),
    ],
)
def test_corrupt_or_foreign_cache_is_rebuilt_with_a_warning(cgt, corpus, tmp_path, damage, warning):
    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / "index.sqlite"
    if isinstance(damage, bytes):
        path.write_bytes(damage)
    else:
        db = sqlite3.connect(path)
        db.executescript(damage)
        db.commit()
        db.close()
    result, summary = index_json(cgt, corpus, cache)
    assert result.exit_code == 0
    assert result.stderr == f"cgt: cache {path} {warning}\n"
    assert summary["processed"] == 2
    result, summary = index_json(cgt, corpus, cache)
    assert (result.stderr, summary["reused"]) == ("", 2)


def test_damaged_entries_are_processed_again(cgt, corpus, tmp_path):
    cache = tmp_path / "cache"
    index_json(cgt, corpus, cache)
    db = sqlite3.connect(cache / "index.sqlite")
    db.execute("UPDATE processed SET data = x'00'")
    db.execute("UPDATE corpora SET key = 'another corpus'")
    db.commit()
    db.close()
    result, summary = index_json(cgt, corpus, cache)
    assert (result.exit_code, summary["processed"]) == (0, 2)


@pytest.mark.parametrize("damage", ["UPDATE entities SET data = x'00'", "UPDATE event_details SET quotes = '[{'", "UPDATE texts SET layout = x'00'"])
def test_damaged_corpus_rows_are_rebuilt_with_a_warning(cgt, corpus, tmp_path, damage):
    cache = tmp_path / "cache"
    args = ["--corpus", str(corpus), "--cache-dir", str(cache), "--json"]
    plain = {c: cgt(*c, *args).stdout for c in (("show", "杭州钱塘细胞治疗产业园"), ("timeline",), ("sources",))}
    db = sqlite3.connect(cache / "index.sqlite")
    db.execute(damage)
    db.commit()
    db.close()
    for command, expected in plain.items():
        result = cgt(*command, *args)
        assert (result.exit_code, result.stdout) == (0, expected)
    db = sqlite3.connect(cache / "index.sqlite")
    db.execute(damage)
    db.commit()
    db.close()
    result = cgt("show", "杭州钱塘细胞治疗产业园", *args)
    assert result.exit_code == 0
    assert result.stderr.startswith("cgt: the persistent index is damaged (")
    assert result.stderr.endswith("): rebuilding this corpus\n") and result.stderr.count("\n") == 1


def test_unwritable_cache_directory_means_no_cache(corpus, tmp_path):
    cache = tmp_path / "locked"
    cache.mkdir()
    cache.chmod(0o500)
    result = run_unprivileged("timeline", "--corpus", str(corpus), "--cache-dir", str(cache / "cgt"), "--json")
    assert result.returncode == 0
    assert result.stderr == f"cgt: cannot use the cache in {cache / 'cgt'} (permission denied): working without it\n"
    assert [e["date"] for e in json.loads(result.stdout)] == ["2023-06-16", "2023-07-01"]


def test_cache_dir_that_is_a_file_means_no_cache(cgt, corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cgt("timeline", "--corpus", str(corpus), "--cache-dir", str(blocker), "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr.startswith(f"cgt: cannot use the cache in {blocker} (")
    assert result.stderr.count("\n") == 1


def test_index_view_and_skips(cgt, corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    result = cgt("index", "--corpus", str(corpus), "--cache-dir", str(tmp_path / "c"))
    assert result.exit_code == 2
    assert result.stdout.startswith("2 articles (2 processed, 0 reused from the index), 1 skipped; 2 events")
    assert result.stderr == f"cgt: skipped {corpus / 'empty.txt'}: empty file\n"
    again = cgt("index", "--corpus", str(corpus), "--cache-dir", str(tmp_path / "c"))
    assert again.exit_code == 2 and again.stderr == result.stderr  # still reported from the snapshot


def test_parallel_build_matches_serial(corpus, tmp_path, monkeypatch):
    from cgt_cli.index import load as pipeline
    from cgt_cli.read.files import find_files

    for n in range(70):
        (corpus / f"n{n:03}.txt").write_text(PAGE.replace("16日", f"{n % 28 + 1}日"), encoding="utf-8")
    paths = find_files([str(corpus)])
    parallel, stats = pipeline.load_index(paths, None)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10_000)
    serial, _ = pipeline.load_index(paths, None)
    assert stats.processed == 72
    assert [e.summary for e in parallel.events()] == [e.summary for e in serial.events()]
    assert len(parallel.events()) == 29 and len(parallel.sources()) == 72
    assert [parallel.article(s.id).simple for s in parallel.sources()] == [serial.article(s.id).simple for s in serial.sources()]


@pytest.fixture
def code_copy(tmp_path, monkeypatch):
    """cgt's code copied, and the cache keys computed from the copy (same bytes: same keys)."""
    import shutil

    from cgt_cli.index import cache

    copy = tmp_path / "cgt_cli"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "seeds"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    for key in (cache.article_code, cache.corpus_code):
        key.cache_clear()
    yield copy
    for key in (cache.article_code, cache.corpus_code):
        key.cache_clear()


def _edit(path, line):
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    from cgt_cli.index import cache

    cache.article_code.cache_clear()
    cache.corpus_code.cache_clear()


def test_a_change_to_the_views_keeps_the_cache_and_one_to_a_lexicon_drops_processed_articles(cgt, corpus, tmp_path, code_copy):
    cache = tmp_path / "cache"
    _, first = index_json(cgt, corpus, cache)
    assert (first["processed"], first["reused"]) == (2, 0)
    _edit(code_copy / "views" / "terminal.py", "\n# a colour changed\n")
    _edit(code_copy / "cli" / "base.py", "\n# help text changed\n")
    result = cgt("index", "--corpus", str(corpus), "--cache-dir", str(cache))
    assert result.stdout.startswith("2 articles (unchanged, read from the index)")
    _edit(code_copy / "index" / "store.py", "\n# the store changed\n")
    _, stored_again = index_json(cgt, corpus, cache)
    assert (stored_again["processed"], stored_again["reused"]) == (0, 2)  # articles kept, corpus rebuilt
    _edit(code_copy / "data" / "event_verbs.txt", "\n奠基\n")
    _, reprocessed = index_json(cgt, corpus, cache)
    assert (reprocessed["processed"], reprocessed["reused"]) == (2, 0)


def test_the_code_keys_cover_their_layers(code_copy):
    from cgt_cli.index.cache import ARTICLE_CODE, INDEX_CODE, code_digest

    def keys():
        return code_digest(code_copy, ARTICLE_CODE), code_digest(code_copy, ARTICLE_CODE + INDEX_CODE)

    before = keys()
    _edit(code_copy / "views" / "records.py", "\n# a JSON field renamed\n")
    assert keys() == before
    _edit(code_copy / "extract" / "dates.py", "\n# a date form added\n")
    after_extract = keys()
    assert after_extract[0] != before[0] and after_extract[1] != before[1]
    _edit(code_copy / "index" / "linking.py", "\n# linking changed\n")
    assert keys()[0] == after_extract[0] and keys()[1] != after_extract[1]

