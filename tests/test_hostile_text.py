"""Hostile text in articles and on the command line: Rich markup is never read as markup,
direction overrides never reach the terminal, Click's errors are one line, odd values
and closed streams are handled."""

import json
import os
import subprocess
import sys

import pytest

from hostile_kit import clean, page, write_pages

# 3. Rich markup in article text and file names is text.

MARKUP_TITLE = "细胞治疗[bold red]联盟[link=evil.example]成立[/link]"
MARKUP_STEM = "[bold red]x[link=evil.example]y[]"


@pytest.fixture
def markup(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    text = f"{MARKUP_TITLE}\n2023-06-18 09:30 某某日报\n2021年3月5日,苏州细胞治疗产业联盟在苏州成立[/]。\n"
    (root / f"{MARKUP_STEM}.txt").write_text(text, encoding="utf-8")
    (root / "plain.txt").write_text(page(2)[0], encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "args, shown",
    [
        (["sources"], [MARKUP_TITLE, MARKUP_STEM]),
        (["show", "苏州细胞治疗产业联盟"], ["联盟成立[/]", f"《{MARKUP_TITLE}》", f"{MARKUP_STEM}.txt:3:1"]),
        (["timeline", "--quotes"], ["苏州细胞治疗产业联盟在苏州成立[/]。"]),
        (["grep", "成立", "--source"], [MARKUP_TITLE, MARKUP_STEM]),
    ],
)
def test_markup_in_an_article_is_shown_as_written(cgt, markup, args, shown):
    result = cgt(*args, "--no-cache", "--corpus", str(markup), env={"COLUMNS": "400"})
    clean(result)
    assert result.exit_code == 0, result.stderr
    for text in shown:
        assert text in result.stdout


def test_markup_never_styles_a_terminal(markup):
    """On a terminal (forced), the title is printed as written: no bold, no OSC 8 link."""
    env = {**os.environ, "TTY_COMPATIBLE": "1", "FORCE_COLOR": "1", "COLUMNS": "400"}
    env.pop("NO_COLOR", None)
    args = [sys.executable, "-m", "cgt_cli", "sources", "--no-cache", "--corpus", str(markup)]
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and "\x1b]8;" not in result.stdout and "\x1b[1;31m" not in result.stdout
    assert MARKUP_TITLE in result.stdout and "\x1b[1m" in result.stdout  # the header is bold: a terminal


# 14. Direction overrides and isolates are neutralised like control characters.

BIDI = "\u202e\u2066\u200f\u061c"


def test_direction_controls_never_reach_the_terminal(cgt, tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    text = f"济南{BIDI[0]}细胞产业园开园\n2023-06-18 09:30 济南日报\n2020年9月25日,济南{BIDI}细胞产业园开园。\n"
    (root / f"bidi{BIDI[0]}.txt").write_text(text, encoding="utf-8")
    for args in (["sources"], ["grep", "开园", "--source"], ["timeline", "--quotes"], ["grep", "开园", "--count"]):
        result = cgt(*args, "--no-cache", "--corpus", str(root), env={"COLUMNS": "300"})
        assert result.exit_code == 0 and not set(BIDI) & set(result.stdout + result.stderr), (args, result.stdout)
    assert "济南\ufffd细胞产业园开园" in cgt("sources", "--no-cache", "--corpus", str(root)).stdout


def test_direction_controls_in_json_are_escaped_and_the_data_kept(cgt, tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "bidi.txt").write_text(f"济南{BIDI}细胞产业园开园\n2023-06-18 09:30 济南日报\n正文。\n", encoding="utf-8")
    result = cgt("sources", "--json", "--no-cache", "--corpus", str(root))
    assert not set(BIDI) & set(result.stdout) and "\\u202e\\u2066\\u200f\\u061c" in result.stdout
    assert json.loads(result.stdout)[0]["title"] == f"济南{BIDI}细胞产业园开园"


# 15. Click's own errors in one line; odd values; closed and broken streams.


@pytest.mark.parametrize(
    "args, line",
    [
        (["grep", "x", "-C", "-1"], "cgt: invalid value for '-C' / '--context': -1 is not in the range x>=0 (see cgt grep --help)"),
        (["entities", "--min-mentions", "0"], "cgt: invalid value for '--min-mentions': 0 is not in the range x>=1 (see cgt entities --help)"),
        (["entities", "--min-mentions", "1e30"], "cgt: invalid value for '--min-mentions': '1e30' is not a valid int range (see cgt entities --help)"),
        (["show"], "cgt: missing argument 'name' (see cgt show --help)"),
        (["timeline", "--no-such"], "cgt: no such option: --no-such (Possible options: --no-cache) (see cgt timeline --help)"),
        (["tineline"], "cgt: no such command 'tineline'. Did you mean 'timeline'? (see cgt --help)"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line(cgt, args, line):
    result = cgt(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


def test_a_huge_min_mentions_finds_nothing(cgt):
    result = cgt("entities", "--min-mentions", "1" + "0" * 30)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"cgt: no entities named 1{'0' * 30} times or more in the corpus\n")


def test_a_huge_name_is_cut_in_the_message(cgt, tmp_path):
    write_pages(tmp_path / "corpus", 1)
    result = cgt("show", "细胞" * 60_000, "--no-cache", "--corpus", str(tmp_path / "corpus"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"cgt: no entity named '{'细胞' * 30}…'\n"


def test_closed_stdout_is_one_line(tmp_path):
    command = f"{sys.executable} -m cgt_cli sources --no-cache >&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (2, "cgt: cannot write the output: standard output is closed\n")


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    write_pages(tmp_path / "corpus", 150)
    command = f"{sys.executable} -m cgt_cli grep 开园 --no-cache --corpus {tmp_path / 'corpus'} | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=60)
    assert (result.stdout, result.stderr) == ("0000:1:10:某某细胞治疗产业园开园\n", "")
