"""JioNLP's news-relevant time-parser cases (Apache-2.0), kept in the shared peer-tests folder.

Each dated case must give exactly one mention, covering the whole expression,
whose interval is the case's [start, end]; each no-date text must give none.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cgt_cli.extract.dates import find_dates, interval

PEER = Path(__file__).resolve().parents[2] / "shared/peer-tests/jionlp"
if not PEER.is_dir():
    pytest.skip(f"no peer tests at {PEER}", allow_module_level=True)

CASES = json.loads((PEER / "news_dates.json").read_text(encoding="utf-8"))["cases"]
NO_DATES = json.loads((PEER / "no_dates.json").read_text(encoding="utf-8"))["texts"]


@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_news_date(case: dict[str, str]) -> None:
    mentions = find_dates(case["text"], date.fromisoformat(case["anchor"]))
    assert [m.text for m in mentions] == [case["text"].strip()]
    expected = (date.fromisoformat(case["start"]), date.fromisoformat(case["end"]))
    assert interval(mentions[0].value) == expected


@pytest.mark.parametrize("text", NO_DATES)
def test_no_date(text: str) -> None:
    assert find_dates(text, date(2021, 6, 14)) == []
