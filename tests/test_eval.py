"""The shared real-page development set, scored as the project is judged (when it is beside the repo)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def test_timeline_events_on_the_real_pages(tmp_path: Path) -> None:
    if not (EVAL / "score.py").is_file():
        pytest.skip(f"no shared eval set at {EVAL}")
    run = subprocess.run(
        [
            sys.executable, str(EVAL / "score.py"), str(EVAL / "dev"), str(EVAL / "dev" / "gold.json"),
            "--cgt", f"{sys.executable} -m cgt_cli", "--min-f1", "0.92", "--max-boiler", "0",
        ],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CGT_CACHE_DIR": str(tmp_path)},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-1000:]
