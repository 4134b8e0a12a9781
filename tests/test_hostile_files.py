"""Hostile files: special files, undecodable names, unreadable and deep folders, other
encodings. Each bad one is one `cgt: skipped PATH: reason` line, the rest served, exit 2."""

import json
import os
import socket
from pathlib import Path

import pytest

from cgt_cli.read.files import SkipFile, decode
from conftest import run_unprivileged
from hostile_kit import page, run_cli, skip_reasons, write_pages


def served(out: str) -> dict[str, str]:
    """{file basename: event date} from `timeline --json`."""
    return {os.path.basename(r["quotes"][0]["file"]): r["date"] for r in json.loads(out)}


# 1. Only regular files are read, and no read blocks.


def test_a_fifo_a_socket_and_a_device_are_skipped_never_read(tmp_path):
    root = tmp_path / "corpus"
    good = write_pages(root, 2)
    os.mkfifo(root / "fifo.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(root / "socket.txt"))
        run = run_cli("timeline", "--json", "--corpus", str(root), "--no-cache", cache=tmp_path / "cache", timeout=30)
    assert run is not None, "cgt timeline hung on a FIFO"
    code, out, err = run
    assert code == 2 and served(out) == good
    assert skip_reasons(err) == {name: "not a regular file" for name in ("fifo.txt", "socket.txt", "zero.txt")}


def test_a_fifo_given_directly_is_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(page(3)[0], encoding="utf-8")
    args = ("timeline", "--json", "--no-cache", "--corpus", str(tmp_path / "pipe.txt"), "--corpus", str(tmp_path / "good.txt"))
    code, out, err = run_cli(*args, cache=tmp_path / "cache", timeout=30)
    assert (code, served(out), err) == (2, {"good.txt": "2003-01-01"}, f"cgt: skipped {tmp_path}/pipe.txt: not a regular file\n")


# 2. A name with bytes that are not UTF-8 is shown escaped; nothing else changes.


@pytest.fixture
def bad_name(tmp_path):
    root = tmp_path / "corpus"
    write_pages(root, 2)
    with open(os.path.join(os.fsencode(root), b"zz\xff\xfe.txt"), "wb") as handle:
        handle.write(page(7, traditional=True)[0].encode("utf-8"))
    return root


def test_a_file_name_that_is_not_utf8_is_served_with_its_bytes_escaped(cgt, bad_name, tmp_path):
    result = cgt("sources", "--json", "--no-cache", "--corpus", str(bad_name))
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["id"], os.path.basename(r["file"])) for r in records] == [
        ("0000", "0000.txt"), ("0001", "0001.txt"), ("zz\\xff\\xfe", "zz\\xff\\xfe.txt"),
    ]  # fmt: skip
    timeline = cgt("timeline", "--no-cache", "--corpus", str(bad_name))
    assert timeline.exit_code == 0 and "2007-01-01" in timeline.stdout
    grep = cgt("grep", "開園", "--source", "--no-cache", "--corpus", str(bad_name))
    assert grep.exit_code == 0 and f"{bad_name}/zz\\xff\\xfe.txt:3:20\n" in grep.stdout


def test_a_file_name_that_is_not_utf8_through_the_cache(bad_name, tmp_path):
    for _ in range(2):  # built, then read back from the cache
        code, out, err = run_cli("sources", "--json", "--corpus", str(bad_name), cache=tmp_path / "cache")
        assert (code, err) == (0, "") and json.loads(out)[2]["id"] == "zz\\xff\\xfe"


@pytest.mark.parametrize(
    "args, code, stderr",
    [
        (["grep", "开园\udcff"], 1, ""),
        (["grep", "-e", "开园\udcff"], 1, ""),
        (["show", "某某\udcff"], 1, "cgt: no entity named '某某\\\\xff'\n"),
        (["timeline", "--entity", "某某\udcff"], 1, "cgt: no event names 某某\\xff\n"),
    ],
)
def test_an_argument_that_is_not_utf8_is_searched_as_escaped_text(cgt, tmp_path, args, code, stderr):
    write_pages(tmp_path / "corpus", 2)
    result = cgt(*args, "--no-cache", "--corpus", str(tmp_path / "corpus"))
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", stderr)


def test_a_missing_corpus_whose_name_is_not_utf8_is_one_line(tmp_path):
    missing = os.path.join(os.fsencode(tmp_path), b"gone\xff")
    code, out, err = run_cli("sources", "--corpus", os.fsdecode(missing), cache=tmp_path / "cache")
    assert (code, out, err) == (2, "", f"cgt: no such file or folder: {tmp_path}/gone\\xff\n")


# 9. Unreadable folders and files (as a user without root's power to read anything).


@pytest.mark.parametrize("mode", [0o000, 0o311])
def test_an_unreadable_folder_is_reported_and_the_rest_served(tmp_path, mode):
    root = tmp_path / "corpus"
    good = write_pages(root, 2)
    write_pages(root / "locked", 2)
    (root / "locked").chmod(mode)
    try:
        result = run_unprivileged("timeline", "--json", "--no-cache", "--corpus", str(root))
    finally:
        (root / "locked").chmod(0o755)
    assert (result.returncode, result.stderr) == (2, f"cgt: skipped {root}/locked: permission denied\n")
    assert served(result.stdout) == good


def test_an_unreadable_file_given_directly_is_reported_and_the_rest_served(tmp_path):
    (tmp_path / "good.txt").write_text(page(5)[0], encoding="utf-8")
    (tmp_path / "secret.txt").write_text(page(6)[0], encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    result = run_unprivileged(
        "timeline", "--json", "--corpus", str(tmp_path / "secret.txt"), "--corpus", str(tmp_path / "good.txt"),
        env={"CGT_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (2, f"cgt: skipped {tmp_path}/secret.txt: permission denied\n")
    assert served(result.stdout) == {"good.txt": "2005-01-01"}


# 10. Any depth of folders.


def test_folders_nested_a_thousand_deep(tmp_path):
    deep = str(tmp_path / "corpus")
    for _ in range(1001):  # os.makedirs would recurse
        os.mkdir(deep)
        deep += "/d"
    deep = Path(deep).parent
    (deep / "deep.txt").write_text(page(9)[0], encoding="utf-8")
    (tmp_path / "corpus" / "top.txt").write_text(page(8)[0], encoding="utf-8")
    try:
        code, out, err = run_cli("timeline", "--json", "--no-cache", "--corpus", str(tmp_path / "corpus"), cache=tmp_path / "c")
    finally:
        (deep / "deep.txt").unlink()
        while deep != tmp_path / "corpus":  # shutil.rmtree, as pytest cleans up, would recurse too
            deep.rmdir()
            deep = deep.parent
    assert (code, err, served(out)) == (0, "", {"deep.txt": "2009-01-01", "top.txt": "2008-01-01"})


# 13 and 15. Encodings that are not Chinese are refused; UTF-16 needs no byte-order mark.

KOREAN = "서울시는 오늘 세포치료 산업단지 개소식을 열었다. 이번 행사에는 여러 기업과 연구기관이 참석했다.\n"
JAPANESE = "東京都は本日、細胞治療産業パークの開所式を開いた。式典には多くの企業や研究機関が参加した。\n"


@pytest.mark.parametrize(
    "text, encoding, name",
    [(KOREAN, "euc_kr", "EUC-KR"), (JAPANESE, "euc_jp", "EUC-JP"), (JAPANESE, "shift_jis", "Shift_JIS")],
)
def test_japanese_and_korean_encodings_are_not_read_as_chinese(text, encoding, name):
    with pytest.raises(SkipFile, match=rf"^not Chinese text \(it reads as {name}\)$"):
        decode((text * 3).encode(encoding))


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(encoding, traditional):
    text = page(4, traditional)[0]
    assert decode(text.encode(encoding)) == (text, encoding)


def test_other_encodings_in_a_corpus_are_skipped_and_the_rest_served(cgt, tmp_path):
    root = tmp_path / "corpus"
    good = write_pages(root, 1)
    (root / "korean.txt").write_bytes((KOREAN * 3).encode("euc_kr"))
    (root / "wide.txt").write_bytes(page(11, traditional=True)[0].encode("utf-16-le"))
    good["wide.txt"] = page(11)[1]
    result = cgt("timeline", "--json", "--no-cache", "--corpus", str(root))
    assert result.exit_code == 2 and served(result.stdout) == good
    assert skip_reasons(result.stderr) == {"korean.txt": "not Chinese text (it reads as EUC-KR)"}


def test_system_reasons_are_lower_case(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "good.txt").write_text(page(1)[0], encoding="utf-8")
    code, _, err = run_cli("sources", "--no-cache", "--corpus", str(tmp_path), cache=Path(tmp_path / "cache"))
    assert (code, err) == (2, f"cgt: skipped {tmp_path}/loop.txt: too many levels of symbolic links\n")
