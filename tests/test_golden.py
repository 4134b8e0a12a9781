"""The seeds' JSON output is kept byte for byte: a refactor must not change what cgt says."""

from pathlib import Path

import pytest

from golden_cases import CASES, run_case

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_output_matches_golden(name):
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert run_case(CASES[name]) == expected
