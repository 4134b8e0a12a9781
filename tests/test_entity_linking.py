"""Names across a corpus: series names, Latin acronyms and short names as
aliases in `cgt entities --json` and `cgt show`, on pages of our own in both scripts."""

from __future__ import annotations

import json

import pytest

PAGES = {
    "a.txt": "东湖大会开幕\n2025-05-16 17:20 来源:楚天新闻\n"
    "5月16日,2025东湖生命健康未来大会在武汉开幕。"
    "根据国家药监局药品审评中心(CDE)公开数据,CDE今年受理细胞治疗新药临床试验申请40项。"
    "今年3月,武汉市发展和改革委员会发布的《武汉市生物经济发展三年行动计划(2023-2025年)》提出,"
    "到2025年全市生物医药产业规模突破3000亿元。"
    "武汉光谷中源药业有限公司于8月1日取得受理通知书。"
    "上海金桥远东集团股份有限公司主办论坛,金桥远东保税区作为先行区备受关注。"
    "公司自主研发的VUM09注射液获得受理。\n",
    "b.txt": "來源:港島日報\n2021-04-20 10:05\n"
    "4月,第一屆東湖生命健康未來大會召開。"
    "衛生福利部(下稱「衛福部」)於2024年6月公告「再生醫療法」,衛福部並將陸續預告子法。"
    "全資子公司武漢光谷中源藥業自主研發的細胞製劑獲得受理。\n",
}


@pytest.fixture
def corpus(tmp_path):
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def entities(cgt, corpus) -> dict[str, dict]:
    result = cgt("entities", "--corpus", str(corpus), "--json")
    assert result.exit_code == 0, result.output
    return {e["name"]: e for e in json.loads(result.stdout)}


def test_entities_json_lists_aliases(cgt, corpus):
    found = entities(cgt, corpus)
    assert found["2025东湖生命健康未来大会"]["aliases"] == ["东湖生命健康未来大会"]
    assert found["第一届东湖生命健康未来大会"]["aliases"] == ["东湖生命健康未来大会"]
    plan = found["武汉市生物经济发展三年行动计划(2023-2025年)"]
    assert (plan["kind"], plan["aliases"]) == ("policy", ["武汉市生物经济发展三年行动计划"])
    centre = found["国家药监局药品审评中心"]
    assert (centre["kind"], centre["aliases"], centre["mentions"]) == ("org", ["CDE"], 3)
    ministry = found["卫生福利部"]
    assert (ministry["kind"], ministry["aliases"], ministry["mentions"]) == ("org", ["卫福部"], 3)
    assert found["再生医疗法"]["kind"] == "policy"


def test_a_series_name_lists_its_editions(cgt, corpus):
    result = cgt("show", "东湖生命健康未来大会", "--corpus", str(corpus), "--json")
    assert result.exit_code == 1
    names = [c["name"] for c in json.loads(result.stdout)["candidates"]]
    assert sorted(names) == ["2025东湖生命健康未来大会", "第一届东湖生命健康未来大会"]


@pytest.mark.parametrize("name", ["武汉市生物经济发展三年行动计划", "CDE", "衛福部", "卫福部"])
def test_show_finds_an_entity_by_its_alias(cgt, corpus, name):
    result = cgt("show", name, "--corpus", str(corpus), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] in {
        "武汉市生物经济发展三年行动计划(2023-2025年)",
        "国家药监局药品审评中心",
        "卫生福利部",
    }


def test_a_short_name_holds_a_place_but_a_place_holds_no_short_name(cgt, corpus):
    found = entities(cgt, corpus)
    company = found["武汉光谷中源药业有限公司"]
    assert (company["articles"], company["mentions"]) == (2, 2)
    assert "武汉光谷中源药业" in company["aliases"]
    group = found["上海金桥远东集团股份有限公司"]
    assert (group["mentions"], group["aliases"]) == (1, [])


def test_named_drugs_are_products(cgt, corpus):
    result = cgt("entities", "--kind", "product", "--corpus", str(corpus), "--json")
    assert [(e["name"], e["kind"]) for e in json.loads(result.stdout)] == [("VUM09注射液", "product")]
