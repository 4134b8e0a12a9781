"""The README's example outputs, made by running cgt: `cog -r -I docs README.md` writes them,
and tests/test_docs.py fails when they differ from what cgt prints (`cog --check`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cog

ROOT = Path(__file__).resolve().parents[1]


def cgt(*args: str, width: int = 100, lines: int | None = None) -> None:
    """Write `$ cgt ARGS` and what it prints, run in the checkout (no colour, `width` columns),
    as a fenced block; only the first `lines` lines when given. Without --corpus cgt reads the
    bundled seeds; `--corpus seeds` reads the same files and cites them by a short path."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(width)}
    env.pop("CGT_CORPUS", None)
    run = subprocess.run(
        [sys.executable, "-m", "cgt_cli", *args, "--no-cache"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    shown = run.stdout.rstrip("\n").split("\n")
    if lines is not None and len(shown) > lines:
        shown = [*shown[:lines], "…"]
    cog.outl("```text")
    cog.outl("$ cgt " + " ".join(args))
    for line in shown:
        cog.outl(line.rstrip())
    cog.outl("```")
