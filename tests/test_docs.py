"""The README's example outputs are what cgt prints (made with cog from real runs)."""

from pathlib import Path

from cogapp import Cog

ROOT = Path(__file__).resolve().parents[1]


def test_readme_examples_are_what_cgt_prints(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status = Cog().main(["cog", "--check", "--diff", "-I", "docs", "README.md"])
    out = capsys.readouterr().out
    assert status == 0, f"README.md differs from what cgt prints; run: cog -r -I docs README.md\n{out}"
