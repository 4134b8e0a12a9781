"""grep like ripgrep where ripgrep has the flag: -c, -l, -w, -m, -F, -e; one line per sentence."""

import json

import pytest

PAGES = {
    "sz.txt": "苏州CAR-T细胞治疗基地开工\n2024-03-08 10:00 苏州日报\n"
    "3月7日,苏州CAR-T细胞治疗基地开工,CAR-T产能将翻番,CART与CAR-NK并行。\n"
    "基地负责人说,CAR-T是重点。\n",
    "tw.txt": "來源:經濟日報\n2024-05-06 10:05\n"
    "臺北CAR-T細胞治療中心揭牌,CAR-T療法進入臨床。\n",
}


@pytest.fixture
def corpus(tmp_path):
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def car(cgt, corpus):
    return lambda *args: cgt(*args, "--corpus", str(corpus))


def test_one_line_per_sentence_with_every_match(car):
    result = car("grep", "CAR-T")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "sz:1:3:苏州CAR-T细胞治疗基地开工",
        "sz:3:8:3月7日,苏州CAR-T细胞治疗基地开工,CAR-T产能将翻番,CART与CAR-NK并行。",
        "sz:4:8:基地负责人说,CAR-T是重点。",
        "tw:3:3:臺北CAR-T細胞治療中心揭牌,CAR-T療法進入臨床。",
    ]
    assert len(json.loads(car("grep", "CAR-T", "--json").stdout)) == 6  # JSON: one record per match


def test_heading_groups_lines_under_each_article(car):
    out = car("grep", "細胞治療", "--heading").stdout.splitlines()
    assert out == [
        "sz  苏州CAR-T细胞治疗基地开工",
        "1:8:苏州CAR-T细胞治疗基地开工",
        "3:13:3月7日,苏州CAR-T细胞治疗基地开工,CAR-T产能将翻番,CART与CAR-NK并行。",
        "",
        "tw",
        "3:8:臺北CAR-T細胞治療中心揭牌,CAR-T療法進入臨床。",
    ]


def test_source_gives_the_long_citation_once_per_line(car):
    out = car("grep", "CAR-T", "--source", "-m", "1").stdout.splitlines()
    assert out[1].startswith("    — 苏州日报 · 2024-03-08 · 《苏州CAR-T细胞治疗基地开工》 · ") and out[1].endswith("sz.txt:1:3")
    assert out[3].startswith("    — 经济日报 · 2024-05-06 · ") and out[3].endswith("tw.txt:3:3")


def test_count_counts_matches_per_article(car, corpus):
    result = car("grep", "CAR-T", "-c")
    assert result.stdout == "sz     4\ntw     2\ntotal  6\n"
    assert json.loads(car("grep", "CAR-T", "--count", "--format", "json").stdout) == [
        {"source": "sz", "file": str(corpus / "sz.txt"), "count": 4},
        {"source": "tw", "file": str(corpus / "tw.txt"), "count": 2},
    ]


def test_files_with_matches(car):
    assert car("grep", "臨床", "-l").stdout == "tw\n"
    assert car("grep", "CAR", "--files-with-matches").stdout == "sz\ntw\n"
    result = car("grep", "CAR", "-l", "-c")
    assert (result.exit_code, result.stderr) == (2, "cgt: --count and --files-with-matches ask for different lists: give one of them\n")


def test_word_regexp_needs_no_letter_or_han_either_side(car):
    assert car("grep", "CAR", "-w", "-c").stdout == "sz     5\ntw     2\ntotal  7\n"  # 苏州CAR-T: Han and `-` end a word
    assert car("grep", "CAR", "-c").stdout == "sz     6\ntw     2\ntotal  8\n"  # and CART
    assert car("grep", "CART", "-w", "-c").stdout == "sz     1\ntotal  1\n"
    assert car("grep", "-w", "-e", "CAR-[TN]", "-c").stdout == "sz     4\ntw     2\ntotal  6\n"  # not CAR-N(K)
    assert car("grep", "細胞", "-w").exit_code == 1  # 细胞 always sits between Han characters here
    assert car("grep", "基地开工", "-w").exit_code == 1  # after 治疗: Han meets Han
    assert car("grep", "7日", "-w", "-c").stdout == "sz     1\ntotal  1\n"  # 3月7日,: a digit after Han, then `,`


def test_max_count_limits_lines_per_article(car):
    assert car("grep", "CAR-T", "-m", "1", "--no-heading").stdout.splitlines() == [
        "sz:1:3:苏州CAR-T细胞治疗基地开工",
        "tw:3:3:臺北CAR-T細胞治療中心揭牌,CAR-T療法進入臨床。",
    ]
    assert car("grep", "CAR-T", "-m", "2", "-c").stdout == "sz     3\ntw     2\ntotal  5\n"
    assert car("grep", "CAR-T", "-m", "0").exit_code == 1


def test_e_is_a_regex_and_repeatable_and_f_makes_it_literal(car):
    hits = json.loads(car("grep", "-e", "CAR-[TN]K?", "-e", "揭牌", "--json").stdout)
    assert [h["match"] for h in hits] == ["CAR-T", "CAR-T", "CAR-T", "CAR-NK", "CAR-T", "CAR-T", "揭牌", "CAR-T"]
    assert car("grep", "-F", "-e", "CAR-[TN]").exit_code == 1  # no such text
    assert car("grep", "CAR-T", "-e", "臨床", "-c").stdout == "sz     4\ntw     3\ntotal  7\n"
    assert car("grep", "CAR-T", "--fixed-strings", "-c").stdout == "sz     4\ntw     2\ntotal  6\n"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["grep"], 2, "cgt: empty pattern: give the text to search for\n"),
        (["grep", "-e", ""], 2, "cgt: empty pattern: give the text to search for\n"),
        (["grep", "-e", "(CAR"], 2, "cgt: invalid regular expression '(CAR': missing ) at position 4\n"),
        (["grep", "-m", "-1", "CAR"], 2, None),
        (["grep", "免疫"], 1, ""),
        (["grep", "免疫", "-c"], 1, ""),
        (["grep", "免疫", "-l"], 1, ""),
        (["grep", "免疫", "--format", "csv"], 1, ""),
    ],
)
def test_exit_codes(car, args, code, message):
    result = car(*args)
    assert result.exit_code == code
    if message is not None:
        assert result.stderr == message
