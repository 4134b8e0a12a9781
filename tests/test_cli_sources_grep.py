"""`cgt sources` and `cgt grep` as a user runs them."""

import json

import pytest

from conftest import loaded_by


def test_sources_json_on_the_seeds(cgt):
    result = cgt("sources", "--json")
    assert result.exit_code == 0
    rows = {r["id"][:3]: r for r in json.loads(result.stdout)}
    assert list(rows) == ["000", "001", "002", "003", "004"]
    assert (rows["000"]["outlet"], rows["000"]["published"]) == ("济南日报", "2020-09-28")
    assert (rows["001"]["outlet"], rows["001"]["published"], rows["001"]["script"]) == ("大众新闻", "2024-09-03", "traditional")
    assert rows["001"]["title"] is None
    assert (rows["002"]["published"], rows["002"]["published_inferred"]) == ("2022-11-11", True)
    assert (rows["003"]["outlet"], rows["003"]["published"]) == ("生物探索", "2019-04-14")
    assert (rows["004"]["outlet"], rows["004"]["published"]) == ("四川新闻网", "2022-03-23")
    assert rows["004"]["title"].startswith("四川省首个国家级产业创新中心落户成都高新区")
    assert set(rows["000"]) >= {"id", "file", "title", "outlet", "published", "published_inferred", "script", "body_chars"}


def test_sources_table_on_own_corpus(cgt, news):
    result = cgt("sources", "--corpus", str(news))
    assert result.exit_code == 0
    assert "钱江晚报" in result.stdout and "2023-06-18" in result.stdout
    assert "香港經濟日報" in result.stdout or "香港经济日报" in result.stdout


def test_grep_cdmo_counts_on_the_seeds(cgt):
    result = cgt("grep", "CDMO", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    per_article = {}
    for hit in hits:
        per_article[hit["source"][:3]] = per_article.get(hit["source"][:3], 0) + 1
    assert per_article == {"000": 7, "001": 4, "002": 1}
    assert [h["match"] for h in hits] == ["CDMO"] * 12
    assert "CRO/CDMO/CTDMO" in hits[-1]["context"]


def test_grep_is_blind_to_script(cgt):
    simplified = json.loads(cgt("grep", "济南", "--json").stdout)
    traditional = json.loads(cgt("grep", "濟南", "--json").stdout)
    assert simplified == traditional
    in_001 = [h for h in simplified if h["source"].startswith("001")]
    assert in_001 and all(h["match"] == "濟南" for h in in_001)


def test_grep_offsets_slice_back_in_the_original_script(cgt, news):
    from cgt_cli.index.build import build_index
    from cgt_cli.read.files import find_files, load_documents

    index = build_index(load_documents(find_files([str(news)]))[0])
    hits = json.loads(cgt("grep", "济南", "--corpus", str(news), "--json").stdout)
    assert [(h["source"], h["match"], h["line"], h["column"]) for h in hits] == [("hk", "濟南", 3, 14)]
    for hit in hits:
        assert index.article(hit["source"]).text[hit["start"] : hit["end"]] == hit["match"]
    line = (news / "hk.txt").read_text(encoding="utf-8").splitlines()[2]
    assert line[13:15] == "濟(" and line[18] == "南"  # column counts the file's characters


def test_grep_body_only_unless_all(cgt, news):
    body = json.loads(cgt("grep", "CDMO", "--corpus", str(news), "--json").stdout)
    everything = json.loads(cgt("grep", "CDMO", "--corpus", str(news), "--all", "--json").stdout)
    assert len(body) == 2 and len(everything) == 3


def test_grep_source_citation_and_highlight(cgt, news):
    result = cgt("grep", "CDMO", "--corpus", str(news), "--source")
    assert result.exit_code == 0
    assert "钱江晚报 · 2023-06-18 · 《杭州钱塘细胞治疗产业园开园》" in result.stdout
    assert "hz.txt:3:" in result.stdout


def test_grep_context_chars(cgt, news):
    hits = json.loads(cgt("grep", "CDMO", "-C", "2", "--corpus", str(news), "--json").stdout)
    assert hits[0]["context"] == "十家CDMO企业"


def test_grep_count(cgt):
    result = cgt("grep", "CDMO", "--count")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == ["7", "4", "1", "12"]
    assert lines[-1].split()[0] == "total" and [line.split()[0][:3] for line in lines[:3]] == ["000", "001", "002"]


def test_grep_regex_and_case(cgt, news):
    assert cgt("grep", "cdmo", "--corpus", str(news)).exit_code == 1
    assert cgt("grep", "-i", "cdmo", "--corpus", str(news)).exit_code == 0
    assert cgt("grep", "-i", "ＣＤｍｏ", "--corpus", str(news)).exit_code == 0  # full width folds too
    counted = cgt("grep", "CDMO平台", "--corpus", str(news), "--count").stdout
    assert counted == "hz     1\ntotal  1\n"
    hits = json.loads(cgt("grep", "-e", r"[0-9]+月[0-9]+日", "--corpus", str(news), "--json").stdout)
    assert [h["match"] for h in hits] == ["6月16日"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["grep", "不存在的词"], 1, ""),
        (["grep", "-e", "(unclosed"], 2, "cgt: invalid regular expression '(unclosed': missing ) at position 9\n"),
        (["grep", ""], 2, "cgt: empty pattern: give the text to search for\n"),
        (["grep", "CDMO", "--corpus", "/no/such/folder"], 2, "cgt: no such file or folder: /no/such/folder\n"),
    ],
)
def test_grep_exit_codes(cgt, args, code, message):
    result = cgt(*args)
    assert result.exit_code == code
    assert result.stderr == message
    assert "Traceback" not in result.output


def test_a_skipped_file_is_reported_and_ends_with_2(cgt, news):
    (news / "broken.txt").write_bytes(b"\x00\x01" * 100)
    result = cgt("grep", "CDMO", "--corpus", str(news), "--json")
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr == f"cgt: skipped {news / 'broken.txt'}: binary file\n"


def test_empty_folder_is_an_error(cgt, tmp_path):
    result = cgt("sources", "--corpus", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"cgt: no articles (*.txt, *.html) in {tmp_path}\n"


def test_corpus_from_environment(cgt, news):
    result = cgt("sources", "--json", env={"CGT_CORPUS": str(news)})
    assert [r["id"] for r in json.loads(result.stdout)] == ["hk", "hz"]


def test_control_characters_are_never_echoed(cgt, tmp_path):
    (tmp_path / "evil.txt").write_text("细胞\x1b[31m治疗\x07产业园开园。\n", encoding="utf-8")
    result = cgt("grep", "治疗", "--corpus", str(tmp_path))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_help_has_examples(cgt):
    for command in ("sources", "grep"):
        result = cgt(command, "--help")
        assert result.exit_code == 0 and "Examples" in result.stdout


def test_catastrophic_regex_is_stopped(cgt, tmp_path):
    (tmp_path / "a.txt").write_text("细胞治疗" + "a" * 50_000 + "!\n", encoding="utf-8")
    result = cgt("grep", "-e", "(a+)+$", "--timeout", "0.5", "--corpus", str(tmp_path), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == "cgt: the regular expression ran longer than 0.5 s and was stopped: simplify it\n"


def test_a_match_lies_within_one_line_of_the_title_or_body(cgt, tmp_path):
    page = "细胞治疗园开园\n2023-01-02 新华网\n园区引进细胞\n治疗企业。1月1日,园区开园。\n相关推荐\n细胞治疗\n"
    (tmp_path / "p.txt").write_text(page, encoding="utf-8")
    found = json.loads(cgt("grep", "-e", r"细胞\s*治疗", "--corpus", str(tmp_path), "--json").stdout)
    assert [(h["line"], h["column"], h["match"]) for h in found] == [(1, 1, "细胞治疗")]
    everything = json.loads(cgt("grep", "-e", r"细胞\s*治疗", "--corpus", str(tmp_path), "--all", "--json").stdout)
    assert [(h["line"], h["match"]) for h in everything] == [(1, "细胞治疗"), (3, "细胞\n治疗"), (6, "细胞治疗")]


@pytest.mark.parametrize("pattern, code", [("。,", 1), ("治疗" * 5000, 1), ("\x1b[31m", 1)])
def test_odd_patterns(cgt, news, pattern, code):
    result = cgt("grep", pattern, "--corpus", str(news))
    assert result.exit_code == code
    assert "\x1b" not in result.stdout + result.stderr


def test_help_loads_neither_opencc_nor_lexicons():
    heavy = [
        "opencc", "cgt_cli.extract.lexicon", "cgt_cli.extract.entities.find", "cgt_cli.extract.dates",
        "charset_normalizer", "regex", "trafilatura", "lxml", "playwright",
    ]  # fmt: skip
    assert loaded_by(["--help"], heavy) == []


@pytest.mark.parametrize("options", [[], ["-c"], ["-l"]])
def test_piped_grep_loads_no_rich_and_no_other_command(news, options, tmp_path):
    """A warm grep into a pipe pays only for what it prints: plain lines, no Rich, no extractor."""
    args = ["grep", "细胞", *options, "--corpus", str(news), "--cache-dir", str(tmp_path / "cache")]
    unused = ["rich", "cgt_cli.views.terminal", "cgt_cli.views.rows", "cgt_cli.views.formats", "cgt_cli.extract.article", "cgt_cli.index.lookup"]
    loaded_by(args, [])  # builds the index
    assert loaded_by(args, unused) == []
