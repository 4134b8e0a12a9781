"""Internal errors (bugs in cgt) say so in one line; --debug or CGT_DEBUG=1 shows the traceback."""

import pytest

from cgt_cli.extract import layout
from cgt_cli.index import query

PAGE = "钱塘细胞治疗产业园开园\n2023-06-18 09:30 钱江晚报\n6月16日,杭州钱塘细胞治疗产业园在钱塘区开园。\n"
POISON = "這頁觸發故障\n2023-06-18 09:30 香港經濟日報\n6月16日,科學園開幕。\n"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "poison.txt").write_text(POISON, encoding="utf-8")
    real = layout.find_layout

    def failing(simple, page=None):
        if "触发故障" in simple:
            raise RuntimeError("boom in layout")
        return real(simple, page)

    monkeypatch.setattr(layout, "find_layout", failing)
    return tmp_path


def test_an_extractor_bug_is_an_internal_error_not_a_bad_file(cgt, corpus):
    result = cgt("timeline", "--corpus", str(corpus), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == (
        f"cgt: internal error while processing {corpus / 'poison.txt'} (run with --debug for details)\n"
    )
    assert result.stdout == f"2023\n  2023-06-16  杭州钱塘细胞治疗产业园开园  @ 钱塘区  — 钱江晚报 2023-06-18 · {corpus / 'good.txt'}:3\n"


@pytest.mark.parametrize(
    "how", [("timeline", "--debug"), ("--debug", "timeline"), ("timeline",)], ids=["after", "before", "env"]
)
def test_debug_prints_the_traceback_of_an_extractor_bug(cgt, corpus, how):
    env = {"CGT_DEBUG": "1"} if how == ("timeline",) else None
    result = cgt(*how, "--corpus", str(corpus), "--no-cache", env=env)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2] == "RuntimeError: boom in layout"
    assert lines[-1] == f"cgt: internal error while processing {corpus / 'poison.txt'}: internal error (RuntimeError: boom in layout)"


def test_a_command_bug_is_one_line_and_debug_shows_where(cgt, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("lost")

    monkeypatch.setattr(query, "timeline", broken)
    plain = cgt("timeline", "--no-cache")
    assert plain.exit_code == 2
    assert plain.stderr == "cgt: internal error: KeyError: 'lost' (run with --debug for details)\n"
    debug = cgt("timeline", "--no-cache", "--debug")
    assert debug.exit_code == 2
    assert debug.stderr.startswith("Traceback (most recent call last):\n")
    assert debug.stderr.endswith("KeyError: 'lost'\ncgt: internal error: KeyError: 'lost' (run with --debug for details)\n")


def test_every_command_takes_debug(cgt):
    for command in ("timeline", "show", "entities", "grep", "sources", "index"):
        result = cgt(command, "--help")
        assert result.exit_code == 0 and "--debug" in result.stdout
