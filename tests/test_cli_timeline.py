"""`cgt timeline` as a user runs it, on the seeds and on a corpus of its own."""

import json

import pytest

SEED_EVENTS = [
    ("2018", "explicit", "004", "国家发改委发布《国家产业创新中心建设工作指引(试行)》"),
    ("2019-04-13", "anchor", "003", "无锡市细胞治疗产业联盟发起大会召开"),
    ("2019-12", "explicit", "004", "“成都华西精准医学产业创新中心有限公司”"),
    ("2020-09-25", "anchor", "000", "明湖国际细胞医学产业园签约仪式举行"),
    ("2021-07", "explicit", "004", "获批“四川省精准医学产业创新中心”"),
    ("2022-01-19", "anchor", "004", "获国家发改委正式批复"),
    ("2022-03-23", "anchor", "004", "国家精准医学产业创新中心揭牌仪式举行"),
    ("2022-11-11", "explicit", "002", "发布《上海市促进细胞治疗科技创新与产业发展行动方案(2022—2024年)》"),
    ("2022-11-15", "context", "002", "《浦东新区促进细胞和基因治疗产业发展行动方案(2023-2025)》发布"),
    ("2022-11-18", "context", "002", "细胞与基因治疗产业联盟正式揭牌"),
    ("2024-09-02", "anchor", "001", "采风活动正式启程"),
]


def seed_timeline(cgt, *args):
    result = cgt("timeline", "--json", *args)
    return result, json.loads(result.stdout) if result.stdout else []


def test_exactly_the_seed_events_in_order(cgt):
    result, events = seed_timeline(cgt)
    assert result.exit_code == 0
    assert [(e["date"], e["resolution"], e["source"][:3]) for e in events] == [s[:3] for s in SEED_EVENTS]
    for event, (_, _, _, phrase) in zip(events, SEED_EVENTS, strict=True):
        assert phrase in event["summary"]


def test_event_json_fields_and_quote_offsets(cgt):
    from cgt_cli.index.build import build_index
    from cgt_cli.read.files import find_files, load_documents

    index = build_index(load_documents(find_files(None))[0])
    _, events = seed_timeline(cgt)
    signing = events[3]
    assert signing["place"] == "中央商务区文化服务中心"
    assert (signing["precision"], signing["kind"], signing["trigger"]) == ("day", "event", "举行")
    assert signing["quote"].startswith("9月25日上午,山东自贸试验区济南片区明湖国际细胞医学产业园签约仪式")
    for event in events:
        for quote in event["quotes"]:
            assert index.article(quote["source"]).text[quote["start"] : quote["end"]] == quote["quote"]
    assert events[9]["quote"].startswith("在11月18日舉辦的")  # quoted in the article's own script


def test_nothing_from_boilerplate_or_recommended_lists(cgt):
    _, events = seed_timeline(cgt, "--facts")
    text = json.dumps(events, ensure_ascii=False)
    for junk in ("马拉松", "新闻发布会", "专知", "2014-2025", "白皮书"):
        assert junk not in text


def test_facts_are_behind_a_flag(cgt):
    _, events = seed_timeline(cgt, "--facts")
    facts = [(e["date"], e["source"][:3]) for e in events if e["kind"] == "fact"]
    assert facts == [("2020/..", "002"), ("2021", "004"), ("2024/..", "001")]


@pytest.mark.parametrize(
    "args, dates",
    [
        (["--from", "2022"], ["2022-01-19", "2022-03-23", "2022-11-11", "2022-11-15", "2022-11-18", "2024-09-02"]),
        (["--from", "2019-04", "--to", "2019-12-31"], ["2019-04-13", "2019-12"]),
        (["--to", "2018-12"], ["2018"]),
        (["--entity", "聯盟"], ["2019-04-13", "2022-11-18"]),
        (["--source", "001_43f67b8d15b02b14"], ["2024-09-02"]),
    ],
)
def test_filters(cgt, args, dates):
    result, events = seed_timeline(cgt, *args)
    assert result.exit_code == 0
    assert [e["date"] for e in events] == dates


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--from", "2030"], 1, "cgt: no events from 2030\n"),
        (["--from", "2025", "--to", "2024"], 1, "cgt: --from 2025 is after --to 2024: no event can match\n"),
        (["--entity", "不存在"], 1, "cgt: no event names 不存在\n"),
        (["--entity", "無錫細胞治療聯合會"], 1, "cgt: no event names 無錫細胞治療聯合會; did you mean 无锡细胞治疗产业联盟, 细胞与基因治疗产业联盟?\n"),
        (["--entity", "肖海蓉"], 1, "cgt: no event names 肖海蓉; 肖海蓉 is named in 1 article (cgt show 肖海蓉)\n"),
        (["--source", "000_647482f8fc299ec1", "--to", "2019"], 1,
         "cgt: no event matches --source 000_647482f8fc299ec1 and --to 2019 together\n"),
        (["--undated", "--from", "2020"], 1, "cgt: no undated events from 2020\n"),
        (["--source", "000_647482f8fc299ec1", "--from", "2020", "--to", "2020-12", "--entity", "无锡"], 1,
         "cgt: no event matches --entity 无锡 and --source 000_647482f8fc299ec1 and --from 2020 and --to 2020-12 together\n"),
        (["--from", "2022-13"], 2, "cgt: invalid --from value '2022-13': use a date like 2020, 2020-09 or 2020-09-25\n"),
        (["--to", "last year"], 2, "cgt: invalid --to value 'last year': use a date like 2020, 2020-09 or 2020-09-25\n"),
        (["--source", "nope"], 2, "cgt: no article with id 'nope': see `cgt sources`\n"),
    ],
)
def test_exit_codes(cgt, args, code, message):
    result = cgt("timeline", *args)
    assert result.exit_code == code
    assert result.stderr == message


def test_view_groups_by_year_and_marks_context_years(cgt):
    result = cgt("timeline", "--quotes")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("2018") < out.index("2019-04-13") < out.index("2024-09-02")
    assert "~2022-11-18" in out and "~ year taken from elsewhere in the same article" in out
    assert "济南日报 2020-09-28" in out
    assert "“9月25日上午" in out


def test_undated_and_own_corpus(cgt, tmp_path):
    (tmp_path / "a.txt").write_text(
        "细胞治疗观察\n3月5日,某细胞治疗公司宣布完成新一轮融资。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "2023-03-15 10:00 新华网\n3月14日,武汉光谷细胞治疗产业园揭牌。\n", encoding="utf-8"
    )
    result, events = seed_timeline(cgt, "--corpus", str(tmp_path))
    assert [(e["date"], e["source"]) for e in events] == [("2023-03-14", "b")]
    result, events = seed_timeline(cgt, "--corpus", str(tmp_path), "--undated")
    assert [(e["date"], e["resolution"], e["source"]) for e in events] == [("--03-05", "unknown", "a")]


def test_same_event_in_two_articles_is_merged(cgt, tmp_path):
    for name, outlet in (("a.txt", "新华网"), ("b.txt", "人民网")):
        (tmp_path / name).write_text(
            f"2023-03-15 10:00 {outlet}\n3月14日,武汉光谷细胞治疗产业园揭牌。\n", encoding="utf-8"
        )
    _, events = seed_timeline(cgt, "--corpus", str(tmp_path))
    assert [(e["date"], e["sources"]) for e in events] == [("2023-03-14", ["a", "b"])]
    assert [q["source"] for q in events[0]["quotes"]] == ["a", "b"]


def test_planned_events_have_a_status_a_mark_and_a_legend(cgt, tmp_path):
    (tmp_path / "a.txt").write_text(
        "某某干细胞产业园开园在即\n2022-12-01 09:00 某某日报\n某某干细胞产业园将于12月8日正式开园。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "某某細胞產業園揭牌\n2023-03-15 10:00 某某網\n3月14日,某某細胞治療產業園揭牌。\n", encoding="utf-8"
    )
    _, events = seed_timeline(cgt, "--corpus", str(tmp_path))
    assert [(e["date"], e["status"], e["source"]) for e in events] == [
        ("2022-12-08", "planned", "a"),
        ("2023-03-14", "happened", "b"),
    ]
    out = cgt("timeline", "--corpus", str(tmp_path)).stdout
    assert "某某干细胞产业园将正式开园  (planned)" in out
    assert "某某细胞治疗产业园揭牌  —" in out
    assert "(planned) announced or scheduled for that date, not reported as done" in out


def test_show_finds_the_events_timeline_names_it_in(cgt, tmp_path):
    (tmp_path / "a.txt").write_text(
        "某某细胞治疗研究院揭牌\n2023-05-10 09:00 某某日报\n某某细胞治疗研究院是省重点建设的新型研发机构。\n"
        "研究院于5月8日在高新区揭牌。\n",
        encoding="utf-8",
    )
    _, events = seed_timeline(cgt, "--corpus", str(tmp_path), "--entity", "某某细胞治疗研究院")
    assert [(e["date"], e["summary"]) for e in events] == [("2023-05-08", "某某细胞治疗研究院揭牌")]
    shown = json.loads(cgt("show", "某某细胞治疗研究院", "--json", "--corpus", str(tmp_path)).stdout)
    assert [(e["date"], e["summary"]) for e in shown["events"]] == [("2023-05-08", "某某细胞治疗研究院揭牌")]


def test_each_row_cites_outlet_date_and_file_line(cgt, tmp_path):
    (tmp_path / "dated.txt").write_text("2023-03-15 10:00 新华网\n3月14日,武汉光谷细胞治疗产业园揭牌。\n", encoding="utf-8")
    (tmp_path / "bare.txt").write_text("细胞治疗观察\n\n2023年5月8日,蘇州細胞治療產業聯盟成立。\n", encoding="utf-8")
    out = cgt("timeline", "--corpus", str(tmp_path)).stdout.splitlines()
    assert out[1] == f"  2023-03-14  武汉光谷细胞治疗产业园揭牌  — 新华网 2023-03-15 · {tmp_path / 'dated.txt'}:2"
    assert out[2] == f"  2023-05-08  苏州细胞治疗产业联盟成立  — ~2023-05-08 · {tmp_path / 'bare.txt'}:3"  # no outlet: none shown


def test_explain_says_how_each_date_was_read(cgt):
    result = cgt("timeline", "--explain", "--from", "2019", "--to", "2020")
    assert result.exit_code == 0
    assert [line.strip() for line in result.stdout.splitlines() if "↳" in line] == [
        "↳ “4月13日”: year from the published date 2019-04-14",
        "↳ “2019年12月”: stated in the sentence",
        "↳ “9月25日上午”: year from the published date 2020-09-28",
    ]
    context = cgt("timeline", "--explain", "--from", "2022-11-15").stdout
    assert "↳ “11月15日”: year from another date in the same article (it states no published date)" in context
    assert cgt("timeline", "--explain", "--from", "2030").exit_code == 1


def test_quotes_are_cited_with_file_and_line(cgt):
    out = cgt("timeline", "--quotes", "--to", "2018").stdout.splitlines()
    assert out[2].startswith("        “2018年,国家发改委发布了《国家产业创新中心建设工作指引(试行)》")  # under the text
    assert "新动能。”  — " in out[2] and out[2].endswith("seeds/004_603c4d3fe3248da1.txt:16")


def test_nested_ids_and_json_basis(cgt, tmp_path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "wh.txt").write_text("2023-03-15 10:00 新华网\n今年3月14日,武汉光谷细胞治疗产业园揭牌。\n", encoding="utf-8")
    _, events = seed_timeline(cgt, "--corpus", str(tmp_path))
    assert [(e["source"], e["basis"], e["date_text"], e["resolution"]) for e in events] == [
        ("2023/wh", "relative", "今年3月14日", "anchor")
    ]
