"""`--format html` and `--format timelinejs`: what the files hold (the browser tests drive the page)."""

import json
import re

import pytest

from cgt_cli.views.html import embed_json

HOSTILE = (
    "杭州细胞治疗产业园开园\n2023-03-02 09:00 钱江晚报\n"
    "3月1日,杭州<script>window.pwned=1</script>细胞治疗产业园正式开园,"
    "园区公布了申报入口javascript:alert(2)和模板{{7*7}}以及</textarea><b>粗</b>&amp;。\n"
)
DATA = re.compile(r'<script type="application/json" id="cgt-data">(.*?)</script>', re.S)


def _data(page: str) -> dict:
    """The page's data, its event and source rows as dicts."""
    data = json.loads(DATA.search(page).group(1))
    for rows, fields in (("events", "event_fields"), ("sources", "source_fields")):
        data[rows] = [dict(zip(data[fields], row, strict=True)) for row in data[rows]]
    return data


def test_the_seeds_page_is_one_self_contained_file(cgt):
    result = cgt("timeline", "--format", "html")
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith('<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n')
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert not re.search(r"https?://|//[a-z]", policy)
    assert re.findall(r"<(?:link|img|iframe|object|embed)\b", page) == []
    assert re.findall(r"\b(?:src|href)=\"(?!#)", page) == []  # the skip link's #list is the only href
    assert page.count("<script") == 2  # the data, and the page's own script
    data = _data(page)
    assert [e["date"] for e in data["events"]] == [
        "2018", "2019-04-13", "2019-12", "2020-09-25", "2021-07", "2022-01-19",
        "2022-03-23", "2022-11-11", "2022-11-15", "2022-11-18", "2024-09-02",
    ]  # fmt: skip
    first = data["events"][0]
    assert (first["date"], first["part"], first["resolution"], first["kind"]) == ("2018", None, "explicit", "event")
    assert data["entities"][first["main"]]["name"] == "国家发改委"
    assert first["quotes"] == [[0, 16, data["events"][0]["quotes"][0][2]]]
    assert data["sources"][0]["id"] == "004_603c4d3fe3248da1"  # numbered as first cited
    assert {s["id"] for s in data["sources"]} == {
        "000_647482f8fc299ec1", "001_43f67b8d15b02b14", "002_e59eaab480bc727e", "003_77c54f545fce949e", "004_603c4d3fe3248da1",
    }  # fmt: skip


def test_the_page_carries_the_character_table_its_search_folds_with(cgt):
    data = _data(cgt("timeline", "--format", "html").stdout)
    last = data["events"][-1]  # 大众新闻, a Traditional article: its quote as written
    assert last["quotes"][0][2].startswith("9月2日,由山東省商務廳")
    table = dict(zip(data["script"]["from"], data["script"]["to"], strict=True))
    assert (table["濟"], table["東"], table["商務廳"[1]]) == ("济", "东", "务")
    assert "济" not in table and "龜" not in table  # only Traditional characters, only those of the page


def test_article_text_is_data_never_markup(cgt, tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = cgt("timeline", "--corpus", str(tmp_path), "--format", "html", "--no-cache")
    assert result.exit_code == 0
    page = result.stdout
    block = DATA.search(page).group(1)
    assert not set(block) & set("<>&")
    assert "<script>window.pwned" not in page and "</textarea>" not in page and "<b>粗</b>" not in page
    quote = _data(page)["events"][0]["quotes"][0][2]
    assert quote == HOSTILE.splitlines()[2]


def test_embedded_json_reads_back_exactly():
    value = {"text": "</script><!--<script>&amp;\u2028{{x}}", "n": [1, None]}
    text = embed_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_an_entity_page_holds_its_card_and_quotes(cgt):
    result = cgt("show", "山東大學", "--format", "html")
    assert result.exit_code == 0
    data = _data(result.stdout)
    focus = data["entities"][data["focus"]]
    assert (focus["name"], focus["kind"], focus["aliases"]) == ("山东大学", "org", ["山東大學"])
    assert [(r["person"], r["title"], r["line"]) for r in focus["roles"]] == [("芦延华", "副院长", 7), ("芦延华", "副校长", 17)]
    assert [line for _, line, _ in data["quotes"]] == [3, 7, 9, 11, 17]
    assert [e["summary"] for e in data["events"]] == ["山东自贸试验区济南片区明湖国际细胞医学产业园签约仪式举行"]
    assert "<title>山东大学</title>" in result.stdout


def test_timelinejs_keeps_each_dates_precision_and_escapes_text(cgt, tmp_path):
    data = json.loads(cgt("timeline", "--format", "timelinejs").stdout)
    events = data["events"]
    assert len(events) == 11
    assert events[0]["start_date"] == {"year": "2018", "display_date": "2018"}
    assert events[1]["start_date"] == {"year": "2019", "month": "4", "day": "13", "display_date": "2019-04-13"}
    assert events[2]["start_date"] == {"year": "2019", "month": "12", "display_date": "2019-12"}
    assert events[8]["display_date"] == "~2022-11-15"
    assert events[1]["group"] == "named event" and events[0]["group"] == "organisation"
    assert events[1]["text"]["text"].startswith("<blockquote>“4月13日,由无锡市科技局、博雅控股集团联合举办的细胞治疗产业高峰论坛")
    assert "生物探索 · 2019-04-14 · 《无锡细胞治疗产业联盟倡议在锡发起》" in events[1]["text"]["text"]
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    hostile = json.loads(cgt("timeline", "--corpus", str(tmp_path), "--format", "timelinejs", "--no-cache").stdout)
    slide = hostile["events"][0]["text"]
    assert slide["headline"] == "杭州&lt;script&gt;window.pwned=1&lt;/script&gt;细胞治疗产业园正式开园"
    assert "<script" not in slide["text"] and "&lt;/textarea&gt;" in slide["text"]


def test_a_range_has_an_end_date(cgt, tmp_path):
    (tmp_path / "r.txt").write_text("展会举行\n2019-04-20 10:00 新华网\n2019年4月12日至4月19日,细胞治疗展在上海举行。\n", encoding="utf-8")
    events = json.loads(cgt("timeline", "--corpus", str(tmp_path), "--format", "timelinejs", "--no-cache").stdout)["events"]
    assert (events[0]["start_date"], events[0]["end_date"]) == (
        {"year": "2019", "month": "4", "day": "12", "display_date": "2019-04-12 – 2019-04-19"},
        {"year": "2019", "month": "4", "day": "19"},
    )  # fmt: skip


def test_o_writes_the_file_and_says_nothing(cgt, tmp_path):
    target = tmp_path / "t.html"
    result = cgt("timeline", "--format", "html", "-o", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--format", "pdf"),
         "cgt: invalid --format value 'pdf': use table, json, ndjson, csv, tsv, md, html or timelinejs\n"),
        (("timeline", "--format", "html", "--json"), "cgt: --json and --format html disagree: give one of them\n"),
        (("timeline", "-o", "x.html"), "cgt: -o writes the --format or --json output: give one of them\n"),
        (("show", "联盟", "--format", "html"), "cgt: '联盟' names 2 entities; give one of their names\n"),
    ],
    ids=["unknown-format", "json-and-format", "o-alone", "ambiguous"],
)
def test_bad_output_options_are_one_line(cgt, args, message):
    result = cgt(*args)
    assert result.stderr == message
    assert result.exit_code == (1 if "names" in message else 2)
    assert result.stdout == ""


def test_an_unwritable_output_is_one_line(cgt, tmp_path):
    result = cgt("timeline", "--format", "html", "-o", str(tmp_path / "no" / "such" / "t.html"))
    assert result.exit_code == 2
    assert result.stderr == f"cgt: cannot write {tmp_path / 'no' / 'such' / 't.html'}: No such file or directory\n"
