"""A corpus is its files, each read once, with ids that do not depend on what else is given."""

import json
import os
import sqlite3

import pytest

from cgt_cli.read.files import find_files

PAGE = "2023-06-18 09:30 钱江晚报\n6月16日,杭州钱塘细胞治疗产业园开园。\n"
TRAD = "2023-07-02 10:00 香港經濟日報\n7月1日,香港科學園細胞治療中心揭牌。\n"


def write(root, pages: dict) -> None:
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.fixture
def two(tmp_path):
    """dev/ and holdout/ both hold 01.txt; holdout also holds 2023/02.txt."""
    write(tmp_path, {"dev/01.txt": PAGE, "holdout/01.txt": TRAD, "holdout/2023/02.txt": PAGE.replace("16日", "17日")})
    return tmp_path


def ids(*paths) -> list[str]:
    return list(find_files([str(p) for p in paths]).values())


def test_an_id_is_the_path_below_its_folder(two):
    assert ids(two / "holdout") == ["01", "2023/02"]
    assert ids(two / "holdout" / "01.txt") == ["01"]
    assert ids(two / "holdout" / "2023" / "02.txt") == ["02"]


def test_a_second_folder_changes_no_id_unless_two_hold_the_same_path(two, tmp_path):
    write(tmp_path, {"other/05.txt": PAGE})
    assert ids(two / "holdout", tmp_path / "other") == ["01", "2023/02", "05"]
    assert ids(two / "dev", two / "holdout") == ["dev/01", "holdout/01", "2023/02"]
    assert ids(two / "holdout", two / "dev") == ["holdout/01", "2023/02", "dev/01"]


def test_same_folder_name_in_two_places_takes_more_of_the_path(tmp_path):
    write(tmp_path, {"a/news/x.txt": PAGE, "b/news/x.txt": TRAD})
    assert ids(tmp_path / "a" / "news", tmp_path / "b" / "news") == ["a/news/x", "b/news/x"]


def test_a_file_named_twice_or_inside_two_folders_is_read_once(two):
    holdout = two / "holdout"
    assert ids(holdout, holdout) == ["01", "2023/02"]
    assert ids(holdout, holdout / "2023") == ["01", "2023/02"]  # the first folder names it
    assert ids(holdout / "2023", holdout) == ["02", "01"]
    assert ids(holdout / "01.txt", holdout / ".." / "holdout" / "01.txt") == ["01"]


def test_a_link_to_a_file_already_given_is_read_once(two):
    (two / "holdout" / "again.txt").symlink_to(two / "holdout" / "01.txt")
    assert ids(two / "holdout") == ["01", "2023/02"]


def test_paths_come_back_absolute(two, monkeypatch):
    monkeypatch.chdir(two)
    assert [str(p) for p in find_files(["holdout/2023"])] == [str(two / "holdout" / "2023" / "02.txt")]


def test_seed_ids_are_their_names():
    assert list(find_files(None).values()) == [
        "000_647482f8fc299ec1", "001_43f67b8d15b02b14", "002_e59eaab480bc727e",
        "003_77c54f545fce949e", "004_603c4d3fe3248da1",
    ]  # fmt: skip


def test_corpus_given_twice_counts_each_mention_once(cgt, two):
    folder = str(two / "holdout")
    once = json.loads(cgt("show", "钱塘细胞治疗产业园", "--corpus", folder, "--json").stdout)
    twice = json.loads(cgt("show", "钱塘细胞治疗产业园", "--corpus", folder, "--corpus", folder, "--json").stdout)
    assert len(twice["mentions"]) == len(once["mentions"]) == 1
    assert twice["articles"] == once["articles"] == 1
    sources = json.loads(cgt("sources", "--corpus", folder, "--corpus", folder, "--json").stdout)
    assert [s["id"] for s in sources] == ["01", "2023/02"]


def test_source_filter_keeps_working_when_a_corpus_is_added(cgt, two, tmp_path):
    write(tmp_path, {"other/05.txt": TRAD})
    alone = cgt("timeline", "--source", "01", "--corpus", str(two / "holdout"), "--json")
    more = cgt("timeline", "--source", "01", "--corpus", str(two / "holdout"), "--corpus", str(tmp_path / "other"), "--json")
    assert alone.exit_code == more.exit_code == 0
    assert [e["date"] for e in json.loads(more.stdout)] == [e["date"] for e in json.loads(alone.stdout)] == ["2023-07-01"]


def test_relative_and_absolute_spellings_are_one_corpus_in_the_cache(cgt, two, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.chdir(two)
    first = cgt("index", "--corpus", "holdout", "--cache-dir", str(cache), "--json")
    second = cgt("index", "--corpus", str(two / "holdout"), "--cache-dir", str(cache), "--json")
    third = cgt("index", "--corpus", "./holdout/", "--cache-dir", str(cache), "--json")
    assert first.exit_code == second.exit_code == third.exit_code == 0
    assert json.loads(first.stdout)["processed"] == 2
    assert json.loads(second.stdout)["processed"] == json.loads(third.stdout)["processed"] == 0
    with sqlite3.connect(cache / "index.sqlite") as db:
        assert db.execute("SELECT count(*) FROM corpora").fetchone() == (1,)


def test_a_linked_folder_is_the_same_corpus_in_the_cache(cgt, two, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    (tmp_path / "link").symlink_to(two / "holdout", target_is_directory=True)
    (tmp_path / "deeper").symlink_to(two, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    first = cgt("index", "--corpus", str(two / "holdout"), "--cache-dir", str(cache), "--json")
    linked = cgt("index", "--corpus", "link", "--cache-dir", str(cache), "--json")
    through = cgt("index", "--corpus", "deeper/holdout", "--cache-dir", str(cache), "--json")
    assert first.exit_code == linked.exit_code == through.exit_code == 0
    assert json.loads(first.stdout)["processed"] == 2
    assert json.loads(linked.stdout)["processed"] == json.loads(through.stdout)["processed"] == 0
    with sqlite3.connect(cache / "index.sqlite") as db:
        assert db.execute("SELECT count(*) FROM corpora").fetchone() == (1,)
    sources = json.loads(cgt("sources", "--corpus", "link", "--cache-dir", str(cache), "--json").stdout)
    assert [(s["id"], s["file"]) for s in sources] == [
        ("01", os.path.join(two, "holdout", "01.txt")), ("2023/02", os.path.join(two, "holdout", "2023", "02.txt"))
    ]


def test_a_file_in_a_linked_folder_keeps_its_own_name(two, tmp_path):
    (tmp_path / "link").symlink_to(two / "holdout", target_is_directory=True)
    (tmp_path / "named.txt").symlink_to(two / "holdout" / "01.txt")
    assert find_files([str(tmp_path / "link" / "01.txt")]) == {str(two / "holdout" / "01.txt"): "01"}
    assert find_files([str(tmp_path / "named.txt")]) == {str(tmp_path / "named.txt"): "named"}


def test_json_files_are_absolute_whatever_the_spelling(cgt, two, monkeypatch):
    monkeypatch.chdir(two)
    sources = json.loads(cgt("sources", "--corpus", "holdout", "--json", "--no-cache").stdout)
    assert [s["file"] for s in sources] == [os.path.join(two, "holdout", "01.txt"), os.path.join(two, "holdout", "2023", "02.txt")]


def test_files_come_in_path_order_and_ids_drop_only_the_suffix(tmp_path):
    """Path order compares folder by folder: a/ and all below it before a-b.txt, though `-` sorts before `/`."""
    names = ["a-b.txt", "a/z.htm", "a/y/x.TXT", "a.txt", "a0.txt", ".txt", "..txt", "v1.2.txt", "報道..html", "b/新聞.txt"]
    write(tmp_path, dict.fromkeys(names, PAGE))
    found = find_files([str(tmp_path)])
    assert [os.path.relpath(f, tmp_path) for f in found] == [
        "..txt", ".txt", "a/y/x.TXT", "a/z.htm", "a-b.txt", "a.txt", "a0.txt", "b/新聞.txt", "v1.2.txt", "報道..html",
    ]  # fmt: skip
    assert list(found.values()) == ["..txt", ".txt", "a/y/x", "a/z", "a-b", "a", "a0", "b/新聞", "v1.2", "報道."]


def test_a_folder_that_cannot_be_listed_keeps_its_place(tmp_path):
    write(tmp_path, {"a.txt": PAGE, "b/1.txt": PAGE, "c.txt": PAGE})
    locked = tmp_path / "b"
    locked.chmod(0o000)
    try:
        listed = os.access(locked, os.R_OK)  # root reads any folder
        found = [os.path.relpath(f, tmp_path) for f in find_files([str(tmp_path)])]
    finally:
        locked.chmod(0o755)
    assert found == (["a.txt", "b/1.txt", "c.txt"] if listed else ["a.txt", "b", "c.txt"])
