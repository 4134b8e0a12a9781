"""The build may be reorganised and made faster, never changed: a digest of `timeline --json`
(dated, facts, undated), `entities --json` and `show --json` for the most mentioned names
and two of each kind, on the seeds and on the dev pages, equals the one recorded from the
code before the build was split into maps and a reduce (issue 14)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIGEST = ROOT / "benchmarks" / "digest.py"
DEV = ROOT.parent / "shared" / "eval" / "dev"
EXPECTED = {
    "seeds": "658472c6f948dca27cbef572b46f02414d616a65f45bf0bfd7d24e9f1ad57754",
    "dev": "cb8a2da25fbf12f36ab2b3b66d96d8a002ffb002568ea8077db60c7244fad517",
}


def digest_of(corpus: Path, *extra: str) -> str:
    done = subprocess.run([sys.executable, str(DIGEST), str(corpus), *extra], capture_output=True, text=True, check=True)
    return done.stdout.split()[-1]


def test_seeds_output_is_unchanged():
    assert digest_of(ROOT / "seeds") == EXPECTED["seeds"]


def test_dev_pages_output_is_unchanged():
    if not DEV.is_dir():
        pytest.skip("the dev pages (shared/eval/dev beside the repository) are not on this machine")
    assert digest_of(DEV) == EXPECTED["dev"]
