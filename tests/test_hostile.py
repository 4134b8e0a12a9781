"""Hostile input. Promises: one clear stderr line and a non-zero exit, never a traceback;
a bad file is reported once (`cgt: skipped PATH: reason`), the rest served, exit 2;
cgt never writes into the corpus."""

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_cli.extract.dates import find_dates
from cgt_cli.extract.entities.find import find_aliases, find_entities, find_roles
from cgt_cli.extract.layout import find_layout
from cgt_cli.read import files as corpus
from cgt_cli.read.files import SkipFile, decode
from cgt_cli.read.normalize import normalize
from cgt_cli.read.sentences import Sentences, sentence_at, split_sentences
from hostile_kit import clean, page, run_cli, skip_reasons, write_pages

PIECES = [
    "2023", "年", "6", "月", "16", "日", "十一", "二〇一九", "今年", "去年", "底", "上旬", "至", "以来",
    "-", "—", "~", ":", "/", ".", "。", "，", ",", "（", "）", "(", ")", "《", "》", "“", "”", "、",
    "(jì)", "（xiāng）", "(ǚ", "\n", "\r", "\t", "\x00", "\x1b[2J", "\x07", "\u3000", "１２",
    "细胞治疗", "产业园", "公司", "大学", "联盟", "书记", "主任", "以下简称", "该公司", "濟南", "國際",
    "来源:", "相关推荐", "0531-12345678", "a@b.cn", "www.x",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(PIECES) | st.characters(), max_size=50).map("".join)
PROPERTY = settings(deadline=None, max_examples=150)
ISO = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


def tree_state(root: Path) -> dict[Path, object]:
    """Every entry below root: a file's hash (size and time if unreadable), a link's target, or "dir"."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for path in (Path(folder, name) for name in dirs + files):
            if path.is_symlink() or path.is_dir():
                state[path] = os.readlink(path) if path.is_symlink() else "dir"
            elif os.access(path, os.R_OK):
                state[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[path] = (path.stat().st_size, path.stat().st_mtime_ns)
    return state


@pytest.fixture
def cgt_on(cgt, tmp_path):
    """Run `cgt ARGS --corpus FOLDER` in process, its cache kept outside the corpus."""
    return lambda folder, *args: cgt(*args, "--corpus", str(folder), env={"CGT_CACHE_DIR": str(tmp_path / "cache")})


# 1. Properties: no string breaks the text functions, and every span slices back.


@PROPERTY
@given(TEXT, st.none() | st.dates())
def test_find_dates_spans_slice_back(text, anchor):
    end = 0
    for mention in find_dates(text, anchor):
        assert end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.resolution in {"explicit", "anchor", "context", "unknown"}
        end = mention.end


@PROPERTY
@given(TEXT)
def test_normalize_keeps_one_offset_for_both_scripts(raw):
    norm = normalize(raw)
    assert len(norm.simple) == len(norm.text)
    assert len(raw) - len(norm.text) == (norm.removed[-1][1] if norm.removed else 0)
    assert norm.script in {"simplified", "traditional", "mixed"}


@PROPERTY
@given(TEXT)
def test_layout_spans_are_trimmed_lines_of_the_text(text):
    layout = find_layout(text)
    for start, end in [*layout.body, *([layout.title] if layout.title else [])]:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip() and "\n" not in text[start:end]
    assert layout.published is None or ISO.fullmatch(layout.published)


@PROPERTY
@given(TEXT)
def test_sentences_are_ordered_trimmed_and_disjoint(text):
    end = 0
    for start, stop in split_sentences(text):
        assert end <= start < stop <= len(text)
        assert text[start:stop] == text[start:stop].strip()
        end = stop


def sentence_of_the_whole_line(text, start, end):
    """sentence_at as first written: split the whole line, then pick (the reference)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    spans = split_sentences(text, line_start, len(text) if line_end == -1 else line_end)
    first = next((s for s, e in spans if e > start), start)
    last = next((e for s, e in reversed(spans) if s < end), end)
    return min(first, start), max(last, end)


MARKS = st.text(alphabet=st.sampled_from(list("。!?;！？；”’\"')）」』 \n细胞a")), max_size=60)


@PROPERTY
@given(TEXT | MARKS, st.data())
def test_sentence_at_matches_splitting_the_whole_line(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_at(text, start, end) == sentence_of_the_whole_line(text, start, end)
    assert Sentences(text).at(start, end) == sentence_of_the_whole_line(text, start, end)


@PROPERTY
@given(TEXT)
def test_entity_finders_spans_slice_back(text):
    spans = [(0, len(text))]
    for hit in find_entities(text, spans):
        assert text[hit.start : hit.end] == hit.name
        assert hit.kind in {"org", "park", "alliance", "event", "place", "policy", "person"}
    for role in find_roles(text, spans):
        assert 0 <= role.start < role.end <= len(text)
        assert text[role.start : role.end].endswith(role.person)
    for alias in find_aliases(text, spans):
        assert 0 <= alias.start < alias.end <= len(text)
        assert text[alias.start : alias.end].startswith(alias.full)


ENCODINGS = st.sampled_from(["utf-8", "utf-16", "gb18030", "big5"])
ENCODED = st.tuples(TEXT, ENCODINGS).map(lambda pair: pair[0].encode(pair[1], "ignore"))


@PROPERTY
@given(st.binary(max_size=400) | ENCODED)
def test_decode_gives_text_or_a_one_line_reason(data):
    try:
        text, encoding = decode(data)
    except SkipFile as why:
        reason = str(why)
        assert reason and reason == reason.strip() and "\n" not in reason
    else:
        assert text.strip() and "\r" not in text and "\x00" not in text
        assert encoding in {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"}


# 2. A hostile corpus: every good file served, every bad one reported once, nothing written.

GOOD_PAGES = 960
LONG = "long-line.txt"
HUGE = 21 * 1024 * 1024


def build_hostile(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write the corpus; return ({good basename: event date}, {bad basename: reason})."""
    good = write_pages(root / "batch", GOOD_PAGES)
    deep = root.joinpath(*(f"d{level:02}" for level in range(30)))
    deep.mkdir(parents=True)
    special = [  # (folder, name, encoding, traditional)
        (root, "gbk.txt", "gbk", False), (root, "big5.txt", "big5", True), (root, "utf16.txt", "utf-16", False),
        (root, "utf16-trad.txt", "utf-16", True), (root, "bom.txt", "utf-8-sig", False),
        (root, "新闻 稿 一.txt", "utf-8", False), (root, "UPPER.TXT", "utf-8", False), (deep, "deep.txt", "utf-8", False),
    ]  # fmt: skip
    for n, (folder, name, encoding, traditional) in enumerate(special, start=GOOD_PAGES):
        text, good[name] = page(n, traditional)
        (folder / name).write_bytes(text.encode(encoding))
    phrase = "今天天气很好我们一起去公园散步看看湖边的风景"
    (root / LONG).write_text(phrase * (5 * 1024 * 1024 // len(phrase.encode())), encoding="utf-8")
    (root / "notes.md").write_text(page(0)[0], encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "loop").symlink_to("..", target_is_directory=True)
    bad = {}
    for name, data, reason in [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n", "empty file"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe" * 64, "binary file"),
        ("bad-utf16.txt", b"\xff\xfe\x00\xd8", "cannot decode: invalid UTF-16 after its byte-order mark"),
    ]:
        (root / name).write_bytes(data)
        bad[name] = reason
    bad["huge.txt"] = f"larger than 20 MB ({HUGE:,} bytes)"
    bad["dangling.txt"] = "broken link or file vanished"
    bad["self-loop.txt"] = "too many levels of symbolic links"
    with open(root / "huge.txt", "wb") as sparse:
        sparse.truncate(HUGE)
    (root / "dangling.txt").symlink_to("nowhere.txt")
    (root / "self-loop.txt").symlink_to("self-loop.txt")
    if os.geteuid() != 0:  # root reads a file whatever its mode
        (root / "locked.txt").write_text(page(0)[0], encoding="utf-8")
        (root / "locked.txt").chmod(0)
        bad["locked.txt"] = "permission denied"
    return good, bad


COMMANDS = {"sources": ["sources"], "timeline": ["timeline"], "grep": ["grep", "开园"]}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The corpus, what it should give, and each command's run (None: still running after 60 s)."""
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    root.mkdir()
    good, bad = build_hostile(root)
    before = tree_state(root)
    runs = {}
    for name, args in COMMANDS.items():  # once one hangs, the next would too
        runs[name] = run_cli(*args, "--json", "--corpus", str(root), cache=root.parent / "cache")
        if runs[name] is None:
            break
    return {"good": good, "bad": bad, "before": before, "after": tree_state(root), "runs": runs}


def served_files(command: str, records: list[dict]) -> Counter:
    return Counter(os.path.basename(r["quotes"][0]["file"] if command == "timeline" else r["file"]) for r in records)


@pytest.mark.parametrize("command", COMMANDS)
def test_hostile_corpus_serves_good_files_and_reports_bad_ones_once(hostile, command):
    run = hostile["runs"].get(command)
    assert run is not None, f"cgt {command} did not finish within 60 s on the hostile corpus"
    code, out, err = run
    assert "Traceback" not in out + err and code == 2
    reasons = skip_reasons(err)
    long_skipped = reasons.pop(LONG, None) is not None  # a 5 MB line may be served or refused, once
    assert reasons == hostile["bad"]
    records = json.loads(out)
    expected = Counter({name: 2 if command == "grep" else 1 for name in hostile["good"]})
    expected.update([LONG] if command == "sources" and not long_skipped else [])
    assert served_files(command, records) == expected
    if command == "timeline":
        assert {os.path.basename(r["quotes"][0]["file"]): r["date"] for r in records} == hostile["good"]


def test_hostile_corpus_is_left_untouched(hostile):
    assert hostile["after"] == hostile["before"]


# 3. Files that vanish or change between listing and reading.


def test_file_vanishing_or_emptied_before_reading_is_reported_once(cgt_on, tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    write_pages(root, 5)
    listed = corpus.find_files

    def list_then_change(paths):
        found = listed(paths)
        (root / "0001.txt").unlink()
        (root / "0003.txt").write_bytes(b"")
        return found

    monkeypatch.setattr(corpus, "find_files", list_then_change)
    result = cgt_on(root, "sources", "--json")
    clean(result)
    assert result.exit_code == 2
    assert skip_reasons(result.stderr) == {"0001.txt": "broken link or file vanished", "0003.txt": "empty file"}
    assert sorted(served_files("sources", json.loads(result.stdout))) == ["0000.txt", "0002.txt", "0004.txt"]


# 4. Queries.


@pytest.fixture
def small(cgt_on, tmp_path):
    """Run cgt on three good pages and one with full-width punctuation."""
    root = tmp_path / "corpus"
    write_pages(root, 3)
    (root / "wide.txt").write_text("园区开园。，首批十家企业入驻。\n", encoding="utf-8")
    return lambda *args: cgt_on(root, *args)


def test_grep_empty_pattern_is_one_line_error(small):
    result = small("grep", "")
    clean(result)
    assert (result.exit_code, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("cgt: ") and "pattern" in result.stderr


def test_grep_punctuation_only_matches_across_widths(small):
    result = small("grep", "。,", "--json")
    clean(result)
    assert result.exit_code == 0 and [(r["source"], r["match"]) for r in json.loads(result.stdout)] == [("wide", "。，")]


def test_grep_very_long_pattern_finds_nothing(small):
    result = small("grep", "细胞" * 5000)
    clean(result)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


@pytest.mark.parametrize(
    "args, code, messages",
    [
        (["grep", "\x1b[31m开园\x07"], 1, 0),
        (["grep", "-e", "\x1b[31m(\x07"], 2, 1),
        (["show", "\x1b[31m某某\x07"], 1, 1),
        (["timeline", "--source", "\x1b]0;evil\x07"], 2, 1),
        (["timeline", "--from", "\x1b[2J"], 2, 1),
    ],
)
def test_control_characters_in_queries_are_never_echoed_raw(small, args, code, messages):
    result = small(*args)
    clean(result)
    assert result.exit_code == code and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout + result.stderr)
    assert len(result.stderr.splitlines()) == messages


def test_catastrophic_regex_finishes_in_bounded_time(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "aaa.txt").write_text("a" * 50_000 + "!\n", encoding="utf-8")
    args = ("grep", "-e", "(a+)+$", "--timeout", "1", "--corpus", str(root))
    run = run_cli(*args, cache=tmp_path / "cache", timeout=30)
    assert run is not None, "cgt grep -e '(a+)+$' --timeout 1 still running after 30 s"
    code, out, err = run
    assert "Traceback" not in out + err
    refused = code == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith("cgt: ")
    assert (code, out, err) == (1, "", "") or refused, (code, out, err)


# 5. Terminal safety: escapes in an article never reach the terminal.


@pytest.mark.parametrize(
    "args, shown",
    [
        (["grep", "开园"], "某某细胞治疗产业园开园"), (["grep", "开园", "--source", "-C", "20"], "某某细胞治疗产业园开园"),
        (["show", "某某细胞治疗产业园"], "某某细胞治疗产业园"), (["timeline", "--quotes"], "某某细胞治疗产业园开园"),
        (["sources"], "page"),
    ],
)  # fmt: skip
def test_escapes_in_an_article_never_reach_the_terminal(cgt_on, tmp_path, args, shown):
    root = tmp_path / "corpus"
    root.mkdir()
    text = page(0)[0].replace("开园\n", "开园\x1b]0;evil\x07\n", 1).replace("开园。", "开园\x1b[2J。")
    (root / "page.txt").write_text(text, encoding="utf-8")
    result = cgt_on(root, *args)
    clean(result)
    assert result.exit_code == 0 and shown in result.stdout
    assert not re.search("[\x1b\x07]", result.stdout + result.stderr)
