"""`cgt show` and `cgt entities`: lookup, linking, cards, on the seeds and on pages of our own."""

import json

import pytest


def card(cgt, name, *args):
    result = cgt("show", name, "--json", *args)
    return result, json.loads(result.stdout) if result.stdout else None


def test_park_card_on_the_seeds(cgt):
    result, park = card(cgt, "明湖国际细胞医学产业园")
    assert result.exit_code == 0
    assert (park["name"], park["kind"]) == ("明湖国际细胞医学产业园", "park")
    assert park["places"][0] == "山东自贸试验区济南片区"
    assert [(e["date"], e["trigger"]) for e in park["events"]] == [("2020-09-25", "举行")]
    related = {r["name"] for r in park["related"]}
    assert {"山东大学", "历下控股集团有限公司", "山东省药学科学院", "济南市血液供保中心", "济南泰和医药科技有限公司"} <= related
    assert {m["source"][:3] for m in park["mentions"]} == {"000"}


def test_either_script_gives_the_same_card(cgt):
    _, traditional = card(cgt, "麗山國際細胞醫學產業園")
    _, simplified = card(cgt, "丽山国际细胞医学产业园")
    assert traditional == simplified
    assert traditional["sources"] == ["001_43f67b8d15b02b14"]
    assert "2024-09-02" in [e["date"] for e in traditional["events"]]
    assert "麗山國際細胞醫學產業園" in traditional["forms"]
    _, chairman = card(cgt, "高俊")
    assert [(r["title"], r["organisation"]) for r in chairman["roles"]] == [("董事长", "丽山健康(山东)集团有限公司")]


def test_generic_word_lists_candidates(cgt):
    result, data = card(cgt, "联盟")
    assert result.exit_code == 1
    assert [c["name"] for c in data["candidates"]] == ["细胞与基因治疗产业联盟", "无锡细胞治疗产业联盟"]


def test_alliance_alias_and_chair(cgt):
    _, alliance = card(cgt, "细胞与基因治疗产业联盟")
    assert "联盟" in alliance["aliases"]
    assert ("李进", "理事长") in [(r["person"], r["title"]) for r in alliance["roles"]]


def test_short_name_links_two_articles(cgt):
    _, company = card(cgt, "中源协和")
    assert company["name"] == "中源协和细胞基因工程股份有限公司"
    assert [s[:3] for s in company["sources"]] == ["001", "004"]


def test_two_titles_at_one_organisation_are_flagged(cgt):
    _, person = card(cgt, "芦延华")
    assert [(r["title"], r["organisation"], r["conflict"]) for r in person["roles"]] == [
        ("副院长", "山东大学", True),
        ("副校长", "山东大学", True),
    ]


def test_people_found_in_the_seeds(cgt):
    result = cgt("entities", "--kind", "person", "--json")
    people = {row["name"] for row in json.loads(result.stdout)}
    expected = "芦延华 江山 刘绍辉 刘艳秋 高俊 李进 张清 陈皓 张启生 李诣书 孙海东 袁宝珠 王春仁 张传森 肖海蓉 李鹏 陈淋"
    assert set(expected.split()) <= people


LINKING_PAGES = {
    "a.txt": "2023-05-10 09:00 苏州日报\n"
    "5月9日,苏州康远医药科技有限公司(以下简称“康远”)与苏州工业园区签署合作协议。\n"
    "康远医药董事长王立新表示,公司将在园区建设细胞治疗CDMO基地。\n"
    "苏州市细胞治疗产业联盟理事长陈明说,联盟将支持企业发展。\n",
    "b.txt": "來源:經濟日報\n2023-06-01 10:00\n"
    "蘇州康遠醫藥科技有限公司總經理李華表示,新基地將於年底投產。\n"
    "杭州細胞治療產業聯盟秘書長周強介紹,聯盟已有五十家成員單位。\n",
    "c.txt": "2023-07-01 10:00 钱江晚报\n"
    "苏州细胞治疗产业联盟发布年度报告。王立新在会上表示,康远医药正在扩产。\n",
}


@pytest.fixture
def linked(tmp_path):
    for name, text in LINKING_PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_linking_across_scripts_and_spellings(cgt, linked):
    _, company = card(cgt, "康远医药", "--corpus", linked)
    assert company["name"] == "苏州康远医药科技有限公司"
    assert company["sources"] == ["a", "b", "c"]
    assert "康远" in company["aliases"]
    assert "蘇州康遠醫藥科技有限公司" in company["forms"]
    titles = {(r["person"], r["title"]) for r in company["roles"]}
    assert titles == {("王立新", "董事长"), ("李华", "总经理")}
    _, suzhou = card(cgt, "苏州市细胞治疗产业联盟", "--corpus", linked)
    assert suzhou["sources"] == ["a", "c"]  # with and without 市


def test_different_alliances_stay_apart(cgt, linked):
    result, data = card(cgt, "细胞治疗产业联盟", "--corpus", linked)
    assert result.exit_code == 1
    assert sorted(c["name"] for c in data["candidates"]) == ["杭州细胞治疗产业联盟", "苏州市细胞治疗产业联盟"]


def test_unknown_name_suggests(cgt, linked):
    result = cgt("show", "康远医疗", "--corpus", linked)
    assert result.exit_code == 1
    assert result.stderr.startswith("cgt: no entity named '康远医疗'; did you mean ")
    assert "苏州康远医药科技有限公司" in result.stderr


def test_card_view(cgt, linked):
    result = cgt("show", "王立新", "--corpus", linked)
    assert result.exit_code == 0
    assert "王立新 · person" in result.stdout
    assert "董事长" in result.stdout and "苏州日报 · 2023-05-10" in result.stdout


def test_entities_table_and_filters(cgt, linked):
    result = cgt("entities", "--corpus", linked, "--min-mentions", "3", "--json")
    rows = json.loads(result.stdout)
    assert result.exit_code == 0
    assert rows[0]["name"] == "苏州康远医药科技有限公司"
    assert all(r["mentions"] >= 3 for r in rows)
    assert cgt("entities", "--kind", "policy", "--corpus", linked).exit_code == 1
    bad = cgt("entities", "--kind", "company")
    assert bad.exit_code == 2
    assert bad.stderr == "cgt: unknown kind 'company': use one of org, park, alliance, person, place, policy, event, product\n"


def test_show_empty_name(cgt):
    result = cgt("show", " ")
    assert result.exit_code == 2
    assert result.stderr == "cgt: empty name: give the name to look up\n"
