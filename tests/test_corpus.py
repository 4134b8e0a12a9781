"""Finding and decoding files; bad files are skipped with one reason each."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cgt_cli.errors import CgtError
from cgt_cli.read.files import SkipFile, decode, find_files, load_documents
from conftest import unprivileged

SIMPLIFIED = "2023年5月8日,苏州工业园区细胞治疗产业联盟在独墅湖畔成立。\n"
TRADITIONAL = "2023年5月8日,蘇州工業園區細胞治療產業聯盟在獨墅湖畔成立。\n"


@pytest.mark.parametrize(
    "text, encoding",
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED, "utf-16"),
        (SIMPLIFIED, "gbk"),
        (SIMPLIFIED, "gb18030"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "utf-16"),
    ],
)
def test_decodes_each_encoding(tmp_path, text, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    documents, skipped = load_documents([path])
    assert skipped == []
    assert documents[0].raw == text


def test_crlf_becomes_lf():
    assert decode("第一行\r\n第二行\r".encode())[0] == "第一行\n第二行\n"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x00\x01\x02binary\x00" * 50, "binary file"),
        (bytes(range(256)) * 8, "binary file"),
        (b"\xff\xfe\x00\xd8", "cannot decode: invalid UTF-16 after its byte-order mark"),
    ],
)
def test_bad_bytes_give_a_reason(data, reason):
    with pytest.raises(SkipFile, match=f"^{reason}$"):
        decode(data)


def test_control_characters_but_tabs_and_breaks_make_a_binary_file():
    text = "细胞治疗产业园开园。細胞治療產業園開園。"  # 20 characters, both scripts
    with pytest.raises(SkipFile, match="^binary file$"):
        decode((text + "\x01\x1b\x7f" * 5).encode())  # ten controls (\x7f is none) in 35 characters
    kept = text + "\t\f\r\n" * 8  # tabs, form feeds and line breaks are text
    assert decode(kept.encode())[0] == text + "\t\f\n" * 8


def test_one_bad_file_does_not_hide_the_others(tmp_path):
    (tmp_path / "good.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    documents, skipped = load_documents(find_files([str(tmp_path)]))
    assert [d.id for d in documents] == ["good"]
    assert [(os.path.basename(s.file), s.reason) for s in skipped] == [
        ("empty.txt", "empty file"),
        ("link.txt", "broken link or file vanished"),
    ]


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SIMPLIFIED, encoding="utf-8")
    path.chmod(0)
    code = f"from pathlib import Path; from cgt_cli.read.files import load_documents; print(load_documents([Path({str(path)!r})]))"
    result = subprocess.run(unprivileged([sys.executable, "-c", code]), capture_output=True, text=True)
    assert result.stdout == f"([], [Skipped(file={str(path)!r}, reason='permission denied', trace=None)])\n"


def test_folder_is_searched_recursively_in_sorted_order(tmp_path):
    for name in ["b/2.txt", "a/1.txt", "c.txt", "a/skip.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SIMPLIFIED, encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in find_files([str(tmp_path)])]
    assert found == ["a/1.txt", "b/2.txt", "c.txt"]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for name in ["x/news.txt", "y/news.txt"]:
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(SIMPLIFIED, encoding="utf-8")
    ids = [d.id for d in load_documents(find_files([str(tmp_path)]))[0]]
    assert len(set(ids)) == 2 and all(i.endswith("/news") for i in ids)


def test_missing_path_and_empty_folder_are_errors(tmp_path):
    with pytest.raises(CgtError, match="no such file or folder"):
        find_files([str(tmp_path / "missing")])
    with pytest.raises(CgtError, match="no articles"):
        find_files([str(tmp_path)])


def test_default_corpus_is_the_bundled_seeds():
    assert [Path(p).name[:3] for p in find_files(None)] == ["000", "001", "002", "003", "004"]
