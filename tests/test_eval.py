"""The real-page scorers of the shared eval folder beside the repository, on its development set.

The folder (`../shared/eval`: real pages, gold annotations, scorers) is not part
of the repository; without it these tests are skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def run_scorer(script: str, cache_dir: Path, *flags: str) -> subprocess.CompletedProcess:
    """The scorer's run on the development set, cgt being this checkout's."""
    if not (EVAL / script).is_file():
        pytest.skip(f"no shared eval scorer at {EVAL / script}")
    command = [sys.executable, str(EVAL / script), str(EVAL / "dev"), str(EVAL / "dev" / "gold.json"), *flags]
    env = {**os.environ, "CGT_CACHE_DIR": str(cache_dir), "NO_COLOR": "1"}
    return subprocess.run(
        [*command, "--cgt", f"{sys.executable} -m cgt_cli"], capture_output=True, text=True, env=env, timeout=600
    )


def test_sources_scorer_reads_each_header_field_right_on_95_percent_of_pages(cache_dir):
    out = run_scorer("score_sources.py", cache_dir).stdout
    figures = {field: (int(right), int(total)) for field, right, total in re.findall(r"(\w+) (\d+)/(\d+)", out)}
    assert set(figures) == {"published", "title", "outlet"}, out
    for field, (right, total) in figures.items():
        assert right >= 0.95 * total, f"{field}: {right}/{total}\n{out}"


def test_timeline_events_on_the_real_pages(cache_dir):
    run = run_scorer("score.py", cache_dir, "--min-f1", "0.92", "--max-boiler", "0")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-1000:]


def test_entities_scorer_finds_90_percent_of_the_gold_names(cache_dir):
    out = run_scorer("score_entities.py", cache_dir).stdout
    found = re.search(r"gold entities found (\d+)/(\d+)", out)
    assert found, out[-2000:]
    right, total = map(int, found.groups())
    assert right >= 0.90 * total, out[-2000:]
