"""Events from realistic pages: exact dates, summaries, places; nothing from boilerplate."""

import pytest

from cgt_cli.extract.article import read_article
from cgt_cli.extract.events import find_events
from cgt_cli.read.files import Document


def events_of(page, kind="events"):
    article = read_article(Document("t", "t.txt", page, "utf-8"))
    found = find_events(article)
    return [(e.date, e.resolution, e.summary, e.place) for e in getattr(found, kind)], article, found


PASSAGES = [
    pytest.param(
        "苏州工业园区细胞治疗产业园开园\n2023-06-18 09:30 苏州日报\n"
        "6月16日上午,苏州工业园区细胞治疗产业园开园仪式在独墅湖会议中心举行。\n"
        "相关推荐\n2023年5月2日,某市召开新闻发布会\n",
        [("2023-06-16", "anchor", "苏州工业园区细胞治疗产业园开园仪式举行", "独墅湖会议中心")],
        id="year-less date takes the published year; recommended list ignored",
    ),
    pytest.param(
        "來源:經濟日報\n2024-01-05 08:00\n"
        "去年12月28日,臺(tái)北生技園區與三家細胞治療公司簽署合作協議。\n",
        [("2023-12-28", "anchor", "台北生技园区与三家细胞治疗公司签署合作协议", None)],
        id="traditional with pinyin, relative year",
    ),
    pytest.param(
        "时间:2024-01-05 10:00\n12月28日,某某生物科技有限公司在上海证券交易所科创板上市。\n",
        [("2023-12-28", "anchor", "某某生物科技有限公司在上海证券交易所科创板上市", None)],
        id="year-less date months after publication is last year",
    ),
    pytest.param(
        "2021年3月8日 健康报\n2020年12月,国家药监局批准首款CAR-T细胞治疗产品上市。\n",
        [("2020-12", "explicit", "国家药监局批准首款CAR-T细胞治疗产品上市", None)],
        id="month precision",
    ),
    pytest.param(
        "2022-05-01 10:00 科技日报\n二〇二一年十月十五日,北京细胞治疗创新联盟在中关村成立。\n",
        [("2021-10-15", "explicit", "北京细胞治疗创新联盟成立", "中关村")],
        id="Chinese numerals and a place",
    ),
    pytest.param(
        "2023-09-10 10:00 南方日报\n该中心成立于2019年,目前已有员工两百余人。\n",
        [("2019", "explicit", "该中心成立", None)],
        id="verb before the date: 成立于",
    ),
    pytest.param(
        "2023-04-20 11:00 健康时报\n2023年4月12日至15日,第八届细胞治疗产业博览会在广州举办。\n",
        [("2023-04-12/2023-04-15", "explicit", "第八届细胞治疗产业博览会举办", "广州")],
        id="multi-day range",
    ),
    pytest.param(
        "2022-08-01 09:00 证券时报\n截至2022年6月底,全国共有12款细胞治疗产品获批上市。\n"
        "自2018年以来,园区累计引进企业80家。\n",
        [],
        id="status statements are facts, not events",
    ),
    pytest.param(
        "2023-11-02 09:00 浙江日报\n据悉,杭州医药港将于11月20日举办细胞与基因治疗大会。\n",
        [("2023-11-20", "anchor", "杭州医药港将举办细胞与基因治疗大会", None)],
        id="announced event",
    ),
    pytest.param(
        "2023-07-07 08:00 深圳特区报\n7月6日,深圳市发布《深圳市促进细胞和基因治疗产业发展行动计划(2023—2025年)》。\n",
        [("2023-07-06", "anchor", "深圳市发布《深圳市促进细胞和基因治疗产业发展行动计划(2023—2025年)》", None)],
        id="date inside a document title is not an event date",
    ),
    pytest.param(
        "2023-07-07 08:00 深圳特区报\n在7月6日发布的《行动计划》中,深圳明确了产业目标。\n",
        [("2023-07-06", "anchor", "《行动计划》发布", None)],
        id="modifier verb: the document is what happened",
    ),
    pytest.param(
        "2023-03-15 10:00 新华网\n3月14日,武汉光谷细胞治疗产业园揭牌。\n(图片来自光谷管委会)\n"
        "3月14日,武汉光谷细胞治疗产业园揭牌,首批十家企业入驻。\n",
        [("2023-03-14", "anchor", "武汉光谷细胞治疗产业园揭牌", None)],
        id="one happening said twice is one event",
    ),
    pytest.param(
        "2019年4月20日 医药经济报\n4月19日,某某细胞科技公司完成B轮融资,金额达3亿元。\n"
        "新闻热线:0571-88888888\n? 2010-2025 某某传媒\n",
        [("2019-04-19", "anchor", "某某细胞科技公司完成B轮融资", None)],
        id="footer dates and hotlines give nothing",
    ),
    pytest.param(
        "2024-02-02 10:00 四川日报\n1月30日,成都前沿医学中心与两家企业签约;2月1日,双方启动联合实验室建设。\n",
        [
            ("2024-01-30", "anchor", "成都前沿医学中心与两家企业签约", None),
            ("2024-02-01", "anchor", "双方启动联合实验室建设", None),
        ],
        id="two dates in one sentence",
    ),
    pytest.param(
        "細胞治療產業聯盟在臺(tái)中成立\n"
        "2023年9月1日,中部細胞治療產業聯盟在臺中成立。9月3日,聯盟召開第一次理事會。\n",
        [
            ("2023-09-01", "explicit", "中部细胞治疗产业联盟成立", "台中"),
            ("2023-09-03", "context", "联盟召开第一次理事会", None),
        ],
        id="no published date: the year comes from the text",
    ),
    pytest.param(
        "细胞治疗产业观察\n3月5日,某细胞治疗公司宣布完成新一轮融资。\n",
        [],
        id="no year anywhere: not on the timeline",
    ),
    pytest.param(
        "2024-03-01 10:12 第一财经\n2月29日,某某药业宣布,其CAR-T产品获国家药品监督管理局批准上市。\n",
        [("2024-02-29", "anchor", "其CAR-T产品获国家药品监督管理局批准上市", None)],
        id="what is announced is the event, not the announcing",
    ),
    pytest.param(
        "2024-03-01 10:12 第一财经\n该产品于2022年10月递交上市申请。2023年,园区新增上市公司3家。\n",
        [("2022-10", "explicit", "该产品递交上市申请", None)],
        id="上市申请 and 上市公司 are nouns",
    ),
    pytest.param(
        "2023年8月15日 香港經濟日報\n8月14日,香(xiāng)港科技園與南山區政府在深圳簽署合作備忘錄。\n",
        [("2023-08-14", "anchor", "香港科技园与南山区政府签署合作备忘录", "深圳")],
        id="a signing and where it took place, traditional",
    ),
    pytest.param(
        "2020-10-10 09:00 齐鲁晚报\n11月5日,青岛细胞产业园动工。\n上午10时,企业代表参观园区。\n",
        [("2020-11-05", "anchor", "青岛细胞产业园动工", None)],
        id="clock times are not dates",
    ),
]


@pytest.mark.parametrize("page, expected", PASSAGES)
def test_events(page, expected):
    assert events_of(page)[0] == expected


def test_facts_are_kept_apart():
    page = PASSAGES[7].values[0]
    facts, _, _ = events_of(page, "facts")
    assert [(d, s) for d, _, s, _ in facts] == [
        ("2022-06", "全国共有12款细胞治疗产品获批上市"),
        ("2018/..", "园区累计引进企业80家"),
    ]


def test_undated_events_are_listed_apart():
    page = PASSAGES[15].values[0]
    undated, _, _ = events_of(page, "undated")
    assert undated == [("--03-05", "unknown", "某细胞治疗公司宣布完成新一轮融资", None)]


def test_quote_offsets_slice_back_to_the_sentence():
    page = PASSAGES[11].values[0]
    _, article, found = events_of(page)
    (event,) = found.events
    assert [article.text[q.start : q.end] for q in event.quotes] == [
        "3月14日,武汉光谷细胞治疗产业园揭牌。",
        "3月14日,武汉光谷细胞治疗产业园揭牌,首批十家企业入驻。",
    ]
    assert [(q.start, q.end) for q in event.quotes] == [(21, 41), (54, 83)]
