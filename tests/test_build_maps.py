"""The build's maps run anywhere: on this process, on forked workers (`load.fork_map`), or
through any mapper that pickles what goes in and out (as a cluster would), with the same
index. Pages of our own in both scripts, 36 copies each: enough for the pool."""

from __future__ import annotations

import pickle
import re

import pytest

from cgt_cli.extract.article import process_file
from cgt_cli.index.build import assemble, serial_map
from cgt_cli.index.load import PARALLEL_FROM, fork_map

PAGES = [
    "東湖大會開幕\n2025-05-16 17:20 來源:楚天新聞\n"
    "5月16日,2025東湖生命健康未來大會在武漢開幕。"
    "根據國家藥監局藥品審評中心(CDE)公開數據,CDE今年受理細胞治療新藥臨床試驗申請40項。"
    "武漢光谷中源藥業有限公司於8月1日取得受理通知書,公司董事長張偉表示將加快研發。\n",
    "东湖大会闭幕\n2025-05-18 09:00 来源:江城日报\n"
    "5月18日,2025东湖生命健康未来大会在武汉闭幕。"
    "武汉光谷中源药业与国家药监局药品审评中心沟通交流。光谷中源药业总经理李明出席。\n",
]


def corpus() -> list:
    entries = [(f"{n:03}", f"{n:03}.txt", PAGES[n % 2].encode("utf-8")) for n in range(72)]
    return [process_file(entry) for entry in entries]


def pickled_map(fn, items):
    """What a cluster does: the function and each item pickled in, each result pickled out."""
    fn = pickle.loads(pickle.dumps(fn))
    return [pickle.loads(pickle.dumps(fn(pickle.loads(pickle.dumps(item))))) for item in items]


def shape(index):
    return index.events, index.undated, index.entities, index.sentences, index.related


def test_every_mapper_builds_the_same_index():
    processed = corpus()
    assert len(processed) >= PARALLEL_FROM  # fork_map forks
    serial = assemble(processed, map=serial_map)
    assert shape(assemble(processed, map=fork_map)) == shape(serial)
    assert shape(assemble(processed, map=pickled_map)) == shape(serial)
    found = {e.name: e for e in serial.entities}
    centre = found["国家药监局药品审评中心"]
    assert (centre.kind, centre.aliases, len(centre.mentions)) == ("org", ("CDE",), 36 * 3 + 36)
    company = found["武汉光谷中源药业有限公司"]
    assert company.aliases == ("光谷中源药业", "武汉光谷中源药业")
    assert company.forms == ("武漢光谷中源藥業有限公司", "武汉光谷中源药业", "光谷中源药业")
    assert [(e.date, len(e.quotes), e.summary) for e in serial.events] == [
        ("2025", 36, "CDE受理细胞治疗新药临床试验申请40项"),
        ("2025-05-16", 36, "2025东湖生命健康未来大会开幕"),
        ("2025-05-18", 36, "2025东湖生命健康未来大会闭幕"),
        ("2025-08-01", 36, "武汉光谷中源药业有限公司取得受理通知书"),
    ]


@pytest.mark.parametrize(
    ("piece", "date", "left"),
    [
        ("公司于 2025年3月1日宣布", "2025年3月1日", "公司宣布"),
        ("公司於2025年3月1日宣佈", "2025年3月1日", "公司於宣佈"),  # summaries read Simplified: 於 stays
        ("自3月1日起施行", "3月1日", "起施行"),
        ("3月1日,在3月1日开幕", "3月1日", ",在3月1日开幕"),
        ("大会在\u30003月1日开幕", "3月1日", "大会开幕"),
        ("大会开幕", "3月1日", "大会开幕"),
    ],
)
def test_a_summary_drops_its_date_as_the_pattern_did(piece, date, left):
    from cgt_cli.extract.summary import _without_date

    assert _without_date(piece, date) == left == re.sub(r"[于在自]?\s*" + re.escape(date), "", piece, count=1)
