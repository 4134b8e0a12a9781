"""find_dates, interval and sort_key on news-style sentences with a pinned anchor."""

from __future__ import annotations

import time
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_cli.extract.dates import find_dates, interval, sort_key

ANCHOR = date(2022, 11, 20)

# (sentence, anchor, [(text, value, start, end, resolution, part), ...])
FOUND = [
    pytest.param(
        "2021年5月20日,某某市细胞治疗产业园在高新区正式开园。",
        ANCHOR,
        [("2021年5月20日", "2021-05-20", 0, 10, "explicit", None)],
        id="full-date",
    ),
    pytest.param(
        "2019 年 4 月 14 日,首批企业签约入驻。",
        ANCHOR,
        [("2019 年 4 月 14 日", "2019-04-14", 0, 15, "explicit", None)],
        id="spaced",
    ),
    pytest.param(
        "某某日报 2020-09-28 11:19 来源:某某网",
        ANCHOR,
        [("2020-09-28 11:19", "2020-09-28", 5, 21, "explicit", None)],
        id="iso-with-time",
    ),
    pytest.param(
        "2023-03-15 10:00 人民网",
        ANCHOR,
        [("2023-03-15 10:00", "2023-03-15", 0, 16, "explicit", None)],
        id="dateline-before-a-word-that-counts-people",
    ),
    pytest.param(
        "2023-03-15 人民日报",
        ANCHOR,
        [("2023-03-15", "2023-03-15", 0, 10, "explicit", None)],
        id="date-then-space-then-han",
    ),
    pytest.param(
        "发布时间:2019/04/19 编辑:张某",
        ANCHOR,
        [("2019/04/19", "2019-04-19", 5, 15, "explicit", None)],
        id="slashes",
    ),
    pytest.param(
        "项目于2019.9.6通过专家评审。",
        ANCHOR,
        [("2019.9.6", "2019-09-06", 3, 11, "explicit", None)],
        id="dots",
    ),
    pytest.param(
        "发布日期 20240307 浏览次数 125",
        ANCHOR,
        [("20240307", "2024-03-07", 5, 13, "explicit", None)],
        id="packed",
    ),
    pytest.param(
        "2019年12月,研究院完成工商注册。",
        ANCHOR,
        [("2019年12月", "2019-12", 0, 8, "explicit", None)],
        id="year-month",
    ),
    pytest.param(
        "2018年,国家发改委印发了相关管理办法。",
        ANCHOR,
        [("2018年", "2018", 0, 5, "explicit", None)],
        id="year",
    ),
    pytest.param(
        "《细胞治疗产业发展报告 2018》正式发布。",
        ANCHOR,
        [("2018", "2018", 12, 16, "explicit", None)],
        id="bare-year",
    ),
    pytest.param(
        "截至2021年底,全国共有相关临床试验项目百余项。",
        ANCHOR,
        [("2021年底", "2021", 2, 8, "explicit", "late")],
        id="year-end",
    ),
    pytest.param(
        "二〇一九年四月十三日,联盟在北京宣告成立。",
        ANCHOR,
        [("二〇一九年四月十三日", "2019-04-13", 0, 10, "explicit", None)],
        id="cn-numerals",
    ),
    pytest.param(
        "该实验室始建于二零零三年十二月。",
        ANCHOR,
        [("二零零三年十二月", "2003-12", 7, 15, "explicit", None)],
        id="cn-zero",
    ),
    pytest.param(
        "十一月十八日,产业大会在浦东开幕。",
        ANCHOR,
        [("十一月十八日", "2022-11-18", 0, 6, "anchor", None)],
        id="cn-month-day",
    ),
    pytest.param(
        "15年3月2日,公司完成A轮融资。",
        ANCHOR,
        [("15年3月2日", "2015-03-02", 0, 7, "explicit", None)],
        id="two-digit-year",
    ),
    pytest.param(
        "该中心98年4月挂牌。",
        date(1997, 7, 1),
        [("98年4月", "1998-04", 3, 8, "explicit", None)],
        id="two-digit-next-century",
    ),
    pytest.param(
        "该院始建于33年。",
        ANCHOR,
        [("33年", "1933", 5, 8, "explicit", None)],
        id="two-digit-previous-century",
    ),
    pytest.param(
        "4月13日,某某生物在无锡举行新品发布会。",
        ANCHOR,
        [("4月13日", "2022-04-13", 0, 5, "anchor", None)],
        id="yearless",
    ),
    pytest.param(
        "9月25日上午,签约仪式在文化服务中心举行。",
        ANCHOR,
        [("9月25日上午", "2022-09-25", 0, 7, "anchor", None)],
        id="yearless-morning",
    ),
    pytest.param(
        "12月18日,公司完成B轮融资。",
        date(2022, 3, 1),
        [("12月18日", "2021-12-18", 0, 6, "anchor", None)],
        id="yearless-six-months-rule",
    ),
    pytest.param(
        "截止日期:09-01,逾期不再受理。",
        ANCHOR,
        [("09-01", "2022-09-01", 5, 10, "anchor", None)],
        id="dash-month-day",
    ),
    pytest.param(
        "该中心于今年1月19日获国家发改委正式批复。",
        ANCHOR,
        [("今年1月19日", "2022-01-19", 4, 11, "anchor", None)],
        id="this-year",
    ),
    pytest.param(
        "去年,园区实现产值超过百亿元。",
        ANCHOR,
        [("去年", "2021", 0, 2, "anchor", None)],
        id="last-year",
    ),
    pytest.param(
        "一期工程预计明年3月份竣工。",
        ANCHOR,
        [("明年3月份", "2023-03", 6, 11, "anchor", None)],
        id="next-year",
    ),
    pytest.param(
        "本月9日,首批细胞药物获批上市。",
        ANCHOR,
        [("本月9日", "2022-11-09", 0, 4, "anchor", None)],
        id="this-month",
    ),
    pytest.param(
        "今年六月,研究院启动第二批项目。",
        ANCHOR,
        [("今年六月", "2022-06", 0, 4, "anchor", None)],
        id="this-year-cn-month",
    ),
    pytest.param(
        "上月20日,双方签署战略合作协议。",
        ANCHOR,
        [("上月20日", "2022-10-20", 0, 5, "anchor", None)],
        id="last-month",
    ),
    pytest.param(
        "《某某市细胞与基因产业发展行动方案(2022—2024年)》正式发布。",
        ANCHOR,
        [("2022—2024年", "2022/2024", 18, 28, "explicit", None)],
        id="year-range",
    ),
    pytest.param(
        "规划期为2023-2025,分两个阶段推进。",
        ANCHOR,
        [("2023-2025", "2023/2025", 4, 13, "explicit", None)],
        id="bare-year-range",
    ),
    pytest.param(
        "展会于2017年8月11日至8月22日举办。",
        ANCHOR,
        [("2017年8月11日至8月22日", "2017-08-11/2017-08-22", 3, 19, "explicit", None)],
        id="day-range",
    ),
    pytest.param(
        "第三届论坛于2019年4月12-19日在苏州举行。",
        ANCHOR,
        [("2019年4月12-19日", "2019-04-12/2019-04-19", 6, 19, "explicit", None)],
        id="day-dash-range",
    ),
    pytest.param(
        "从2015年1月至12月,园区累计引进项目40个。",
        ANCHOR,
        [("从2015年1月至12月", "2015-01/2015-12", 0, 12, "explicit", None)],
        id="month-range",
    ),
    pytest.param(
        "2014年11月到去年3月,共完成临床入组120例。",
        ANCHOR,
        [("2014年11月到去年3月", "2014-11/2021-03", 0, 13, "anchor", None)],
        id="range-to-last-year",
    ),
    pytest.param(
        "张某1999.08-2002.02在某某大学任教。",
        ANCHOR,
        [("1999.08-2002.02", "1999-08/2002-02", 2, 17, "explicit", None)],
        id="dotted-month-range",
    ),
    pytest.param(
        "© 2014-2025 某某生物科技有限公司 版权所有",
        ANCHOR,
        [("2014-2025", "2014/2025", 2, 11, "explicit", None)],
        id="copyright-range",
    ),
    pytest.param(
        "2021年12月20日至1月5日,申报窗口开放。",
        ANCHOR,
        [("2021年12月20日至1月5日", "2021-12-20/2022-01-05", 0, 16, "explicit", None)],
        id="range-over-new-year",
    ),
    pytest.param(
        "该大会自2020年起已连续举办三年。",
        ANCHOR,
        [("自2020年起", "2020/..", 3, 10, "explicit", None)],
        id="open-since",
    ),
    pytest.param(
        "2024以来,细胞治疗领域融资明显回暖。",
        ANCHOR,
        [("2024以来", "2024/..", 0, 6, "explicit", None)],
        id="open-bare-year",
    ),
    pytest.param(
        "2019年至今,中心累计服务患者3000余人次。",
        ANCHOR,
        [("2019年至今", "2019/..", 0, 7, "explicit", None)],
        id="open-until-now",
    ),
    pytest.param(
        "今年上半年,园区新增企业28家。",
        ANCHOR,
        [("今年上半年", "2022", 0, 5, "anchor", "H1")],
        id="first-half",
    ),
    pytest.param(
        "项目将于2023年下半年投产。",
        ANCHOR,
        [("2023年下半年", "2023", 4, 12, "explicit", "H2")],
        id="second-half",
    ),
    pytest.param(
        "2020年初,团队开始筹建。",
        ANCHOR,
        [("2020年初", "2020", 0, 6, "explicit", "early")],
        id="year-start",
    ),
    pytest.param(
        "预计2022年年中完成建设。",
        ANCHOR,
        [("2022年年中", "2022", 2, 9, "explicit", "mid")],
        id="mid-year",
    ),
    pytest.param(
        "12月上旬,首批样本完成检测。",
        ANCHOR,
        [("12月上旬", "2022-12", 0, 5, "anchor", "early")],
        id="month-early",
    ),
    pytest.param(
        "3月下旬,项目通过验收。",
        ANCHOR,
        [("3月下旬", "2022-03", 0, 4, "anchor", "late")],
        id="month-late",
    ),
    pytest.param(
        "在11月18日举办的“2022上海国际生物医药产业周”上,多个项目签约。",
        ANCHOR,
        [("11月18日", "2022-11-18", 1, 7, "anchor", None)],
        id="event-edition",
    ),
    pytest.param(
        "3月23日讯 3月23日,中心正式揭牌。",
        ANCHOR,
        [
            ("3月23日", "2022-03-23", 0, 5, "anchor", None),
            ("3月23日", "2022-03-23", 7, 12, "anchor", None),
        ],
        id="dateline-twice",
    ),
    pytest.param(
        "2019年12月13日,研究院揭牌。12月29日,首批项目签约。",
        None,
        [
            ("2019年12月13日", "2019-12-13", 0, 11, "explicit", None),
            ("12月29日", "2019-12-29", 18, 24, "context", None),
        ],
        id="context-before",
    ),
    pytest.param(
        "11月18日,论坛开幕。2022年11月11日,方案正式发布。",
        None,
        [
            ("11月18日", "2022-11-18", 0, 6, "context", None),
            ("2022年11月11日", "2022-11-11", 12, 23, "explicit", None),
        ],
        id="context-after",
    ),
    pytest.param(
        "2018年,基地奠基。5月,主体结构封顶。",
        None,
        [("2018年", "2018", 0, 5, "explicit", None), ("5月", "--05", 11, 13, "unknown", None)],
        id="context-needs-month",
    ),
    pytest.param(
        "4月13日,展会开幕。",
        None,
        [("4月13日", "--04-13", 0, 5, "unknown", None)],
        id="unknown-day",
    ),
    pytest.param(
        "去年,园区营收增长。",
        None,
        [("去年", "..", 0, 2, "unknown", None)],
        id="unknown-last-year",
    ),
    pytest.param(
        "本月9日,首批产品下线。",
        None,
        [("本月9日", "..", 0, 4, "unknown", None)],
        id="unknown-this-month",
    ),
    pytest.param(
        "今年六月,项目开工。",
        None,
        [("今年六月", "--06", 0, 4, "unknown", None)],
        id="unknown-this-year-month",
    ),
    pytest.param(
        "2014年11月到去年3月,共完成入组120例。",
        None,
        [("2014年11月到去年3月", "2014-11/--03", 0, 13, "unknown", None)],
        id="unknown-range-end",
    ),
    pytest.param(
        "●2020年\n3月,某市生物医药产业园开园。\n●2021年\n5月,园区二期开工。",
        date(2022, 1, 10),
        [
            ("2020年", "2020", 1, 6, "explicit", None),
            ("3月", "2020-03", 7, 9, "context", None),
            ("2021年", "2021", 24, 29, "explicit", None),
            ("5月", "2021-05", 30, 32, "context", None),
        ],
        id="year-heading-over-month-lines",
    ),
    pytest.param(
        "2024某某细胞大会9月8日在杭州开幕。",
        date(2024, 2, 1),
        [("9月8日", "2024-09-08", 10, 14, "context", None)],
        id="event-name-year-beats-six-months",
    ),
    pytest.param(
        "“2023第二届细胞产业峰会”将于11月3日举行。",
        date(2023, 10, 20),
        [("11月3日", "2023-11-03", 17, 22, "anchor", None)],
        id="event-name-year-agrees-with-anchor",
    ),
    pytest.param(
        "继2021首届峰会之后,第二届峰会将于9月5日举行。",
        date(2022, 6, 1),
        [("9月5日", "2022-09-05", 19, 23, "anchor", None)],
        id="another-event's-year-is-not-this-date's",
    ),
    pytest.param(
        "卫福部于112年5月3日公告修正条文。",
        ANCHOR,
        [("112年5月3日", "2023-05-03", 4, 12, "explicit", None)],
        id="roc-year",
    ),
    pytest.param(
        "昨日下午,两家公司签署合作协议;前天,园区举行推介会。",
        date(2023, 3, 2),
        [("昨日下午", "2023-03-01", 0, 4, "anchor", None), ("前天", "2023-02-28", 16, 18, "anchor", None)],
        id="yesterday-and-the-day-before",
    ),
    pytest.param(
        "中心今天正式启用。",
        date(2023, 6, 15),
        [("今天", "2023-06-15", 2, 4, "anchor", None)],
        id="today",
    ),
    pytest.param(
        "今日,2025首届细胞产业峰会在杭州开幕。",
        None,
        [("今日", "2025", 0, 2, "context", None)],
        id="today-without-anchor-takes-the-event-year",
    ),
    pytest.param(
        "2026细胞与基因治疗大会将于今年6月举行。",
        None,
        [("今年6月", "2026-06", 15, 19, "context", None)],
        id="this-year-without-anchor-takes-the-event-year",
    ),
    pytest.param(
        "昨天,公司完成融资。",
        None,
        [("昨天", "..", 0, 2, "unknown", None)],
        id="yesterday-without-anchor",
    ),
    pytest.param(
        "2019年4月,中心成立;同年9月通过验收,次年3月15日投入使用,当天接待患者。",
        date(2023, 1, 1),
        [
            ("2019年4月", "2019-04", 0, 7, "explicit", None),
            ("同年9月", "2019-09", 13, 17, "context", None),
            ("次年3月15日", "2020-03-15", 22, 29, "context", None),
            ("当天", "2020-03-15", 34, 36, "context", None),
        ],
        id="same-year-next-year-that-day",
    ),
    pytest.param(
        "2018年6月,研究院揭牌,隔年10月获批。",
        None,
        [("2018年6月", "2018-06", 0, 7, "explicit", None), ("隔年10月", "2019-10", 14, 19, "context", None)],
        id="the-year-after",
    ),
    pytest.param(
        "当天,首批企业入驻园区。",
        date(2023, 6, 15),
        [("当天", "2023-06-15", 0, 2, "anchor", None)],
        id="that-day-with-no-date-before-is-the-published-day",
    ),
    pytest.param(
        "19日,某某园区集中签约一批项目。",
        date(2021, 12, 20),
        [("19日", "2021-12-19", 0, 3, "anchor", None)],
        id="bare-day",
    ),
    pytest.param(
        "28日上午,研究院举行揭牌仪式。",
        date(2021, 12, 20),
        [("28日上午", "2021-11-28", 0, 5, "anchor", None)],
        id="bare-day-after-publication-is-last-month",
    ),
    pytest.param(
        "19日,某某园区集中签约一批项目。",
        None,
        [("19日", "..", 0, 3, "unknown", None)],
        id="bare-day-without-anchor",
    ),
    pytest.param(
        "该技术具有里程碑意义,2016曾获评年度十大进展。",
        ANCHOR,
        [("2016", "2016", 11, 15, "explicit", None)],
        id="bare-year-before-an-adverb",
    ),
    pytest.param(
        "某某市人民政府办公厅\n2021  3  15",
        ANCHOR,
        [("2021  3  15", "2021-03-15", 11, 22, "explicit", None)],
        id="spaced-twice",
    ),
]

NOT_DATES = [
    pytest.param("咨询电话:0531-66661234。", id="phone"),
    pytest.param("服务热线021-962866,工作日9:00-17:00。", id="hotline"),
    pytest.param("联系电话:0531-81695052", id="phone-2"),
    pytest.param("增值电信业务经营许可证:沪B2-2017116", id="licence"),
    pytest.param("沪公网安备31010602000299号", id="police-record"),
    pytest.param("备案号:31120170006", id="record"),
    pytest.param("身份证号140302197706220124。", id="id-number"),
    pytest.param("公司营业收入达10.52亿元。", id="money-decimal"),
    pytest.param("注册资本金5亿元。", id="money"),
    pytest.param("约1/3的患者出现缓解。", id="fraction"),
    pytest.param("有十分之一的概率出现不良反应。", id="cn-fraction"),
    pytest.param("来源:1号机器人网", id="name-number"),
    pytest.param("围绕《健康中国2030》规划纲要开展工作。", id="title-number"),
    pytest.param("未来3-5年带动产业产值规模超百亿元。", id="duration-range"),
    pytest.param("大会已连续举办三年。", id="count-years"),
    pytest.param("这是公司近10年来规模最大的一次亮相。", id="recent-years"),
    pytest.param("共建设99个项目。", id="count"),
    pytest.param("签约56 个项目。", id="spaced-count"),
    pytest.param("查询202403073计划", id="long-digits"),
    pytest.param("二十七点三", id="cn-decimal"),
    pytest.param("2022上海国际生物医药产业周在沪开幕。", id="event-edition-alone"),
    pytest.param("2019年2月30日", id="impossible-day"),
    pytest.param("会议定于13月5日召开。", id="impossible-month"),
    pytest.param("中医药已有2000多年的历史。", id="thousands-of-years"),
    pytest.param("公司成立20年来持续投入研发。", id="anniversary"),
    pytest.param("一年多后,产业园初具规模。", id="a-year-later"),
    pytest.param("患儿为6月龄婴儿。", id="age-in-months"),
    pytest.param("如今年轻人更关注健康。", id="nowadays"),
    pytest.param("市场规模达2019.5亿元。", id="decimal-year-like"),
    pytest.param("根据《某某通知》(某监综〔2021〕12号)要求办理。", id="document-number"),
    pytest.param("按某府办(2019)5号文件执行。", id="document-number-in-brackets"),
    pytest.param("今日头条发布消息称公司完成融资。", id="a-name-starting-with-today"),
    pytest.param("今天天气很好。", id="today-without-a-happening"),
    pytest.param("不同年龄段的患者均可入组。", id="not-same-year"),
    pytest.param("联盟首次年会在京召开。", id="not-next-year"),
    pytest.param("一日之计在于晨。", id="a-day-in-words"),
    pytest.param("持续3日,共接待访客。", id="a-count-of-days"),
]


def _seen(text: str, anchor: date | None) -> list[tuple]:
    return [(m.text, m.value, m.start, m.end, m.resolution, m.part) for m in find_dates(text, anchor)]


@pytest.mark.parametrize(("text", "anchor", "expected"), FOUND)
def test_finds_dates(text: str, anchor: date | None, expected: list[tuple]) -> None:
    assert _seen(text, anchor) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_finds_nothing(text: str) -> None:
    assert _seen(text, ANCHOR) == []


def test_full_width_input_keeps_offsets() -> None:
    text = "时间:２０１８年１－９月份"
    assert _seen(text, ANCHOR) == [("２０１８年１－９月份", "2018-01/2018-09", 3, 13, "explicit", None)]


def test_two_digit_year_without_anchor_uses_today() -> None:
    (mention,) = find_dates("15年3月2日", None)
    assert (mention.value, mention.resolution) == ("2015-03-02", "explicit")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2019-12-05", (date(2019, 12, 5), date(2019, 12, 5))),
        ("2017-08/2017-11", (date(2017, 8, 1), date(2017, 11, 30))),
        ("2008-03/2009", (date(2008, 3, 1), date(2009, 12, 31))),
        ("2019-04-12/2019-04-19", (date(2019, 4, 12), date(2019, 4, 19))),
        ("2020/..", None),
        ("--11-18", None),
        ("--11", None),
        ("..", None),
        ("2019-02-29", None),
        ("2019-13", None),
        ("0000", None),
        ("", None),
        ("not a date", None),
    ],
)
def test_interval(value: str, expected: tuple[date, date] | None) -> None:
    assert interval(value) == expected


def test_sort_key_orders_by_first_day_longer_spans_first_unknown_last() -> None:
    ordered = [
        "2018-12-31", "2019/..", "2019/2020", "2019", "2019-01", "2019-01-01", "2019-01-05", "2020", "--01", "..",
    ]
    assert sorted(reversed(ordered), key=sort_key) == ordered
    assert sorted(ordered[::3] + ordered[1::3] + ordered[2::3], key=sort_key) == ordered


def test_a_long_body_does_not_hang() -> None:
    """A guard against runaway backtracking, not a speed measure (benchmarks/ measures speed):
    5,000 characters take about 5 ms; 5 s means the pattern has gone exponential."""
    body = "".join(text for text, *_ in (p.values for p in FOUND)) + "".join(p.values[0] for p in NOT_DATES)
    body = (body * (5000 // len(body) + 1))[:5000]
    began = time.perf_counter()
    find_dates(body, ANCHOR)
    assert time.perf_counter() - began < 5


NEWSY = st.text(alphabet="0123456789年月日号至到-—~/.: 今去明本上下个初中底末旬半从自起以来止〇零一二三四五六七八九十两亿元,。aB©")


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), NEWSY), st.one_of(st.none(), st.dates()))
def test_never_raises_and_slices_back(text: str, anchor: date | None) -> None:
    mentions = find_dates(text, anchor)
    for before, after in pairwise(mentions):
        assert before.end <= after.start
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        interval(mention.value)
        sort_key(mention.value)


@pytest.mark.parametrize(
    "text, anchor, value, basis",
    [
        ("2019年4月13日,论坛召开。", ANCHOR, "2019-04-13", "stated"),
        ("15年3月2日,公司成立。", ANCHOR, "2015-03-02", "stated"),
        ("9月25日上午,签约仪式举行。", ANCHOR, "2022-09-25", "published"),
        ("12月28日,中心揭牌。", date(2023, 2, 3), "2022-12-28", "published-before"),
        ("今年1月19日,中心获批。", ANCHOR, "2022-01-19", "relative"),
        ("去年11月,聯盟成立。", ANCHOR, "2021-11", "relative"),
        ("本月9日,園區開園。", ANCHOR, "2022-11-09", "relative"),
        ("2022年11月11日发布方案,11月18日聯盟揭牌。", None, "2022-11-18", "context"),
        ("10月16日至20日举行。", None, "--10-16/--10-20", "unknown"),
        ("2019年4月12日至5月3日举行。", ANCHOR, "2019-04-12/2019-05-03", "stated"),
        ("2022年11月15日至18日举行。", None, "2022-11-15/2022-11-18", "stated"),
        ("11月15日至2023年1月3日举行。", ANCHOR, "2022-11-15/2023-01-03", "published"),
        ("17日,园区开园。", ANCHOR, "2022-11-17", "published-month"),
        ("昨天,聯盟正式揭牌。", ANCHOR, "2022-11-19", "relative"),
        ("●2021年\n3月8日 基地开工\n", ANCHOR, "2021-03-08", "heading"),
        ("2024某某细胞治疗大会9月8日开幕。", ANCHOR, "2024-09-08", "name"),
        ("2019年3月5日,公司成立;同年6月,首个產品獲批。", ANCHOR, "2019-06", "previous"),
    ],
)
def test_basis_says_how_the_year_was_read(text, anchor, value, basis):
    mention = find_dates(text, anchor)[-1]
    assert (mention.value, mention.basis) == (value, basis)
    resolution = {"stated": "explicit", "context": "context", "unknown": "unknown", "heading": "context",
                  "name": "context", "previous": "context"}.get(basis, "anchor")  # fmt: skip
    assert mention.resolution == resolution
