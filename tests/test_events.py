"""Events from realistic pages: exact dates, summaries, places; nothing from boilerplate."""

import pytest

from cgt_cli.extract.article import read_article
from cgt_cli.extract.events import find_events
from cgt_cli.index.build import build_index
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
            ("2023-09-03", "context", "中部细胞治疗产业联盟召开第一次理事会", None),
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


def statuses_of(page, kind="events"):
    article = read_article(Document("t", "t.txt", page, "utf-8"))
    return [(e.date, e.resolution, e.summary, e.status) for e in getattr(find_events(article), kind)]


STRUCTURE = [
    pytest.param(
        "2023-01-05 10:00 某某周刊\n●2021年\n4月,某市细胞治疗产业园开园。\n●2022年\n3月,某市出台《细胞产业扶持办法》。\n",
        [("2021-04", "context", "某市细胞治疗产业园开园", None), ("2022-03", "context", "某市出台《细胞产业扶持办法》", None)],
        id="a year heading, then month lines",
    ),
    pytest.param(
        "2023-01-05 10:00 某某週刊\n◆2021年\n4月,某市細胞治療產業園開園。\n◆2022年\n3月,某市出臺《細胞產業扶持辦法》。\n",
        [("2021-04", "context", "某市细胞治疗产业园开园", None), ("2022-03", "context", "某市出台《细胞产业扶持办法》", None)],
        id="a year heading, then month lines, traditional",
    ),
    pytest.param(
        "细胞政策盘点\n2023-07-01 10:00 某某网\n上半年,各地细胞治疗政策密集出台,现择要列出。\n"
        "2023年5月18日\n某省药监局发布《细胞治疗产品临床试验指导意见》。\n2023年6月2日\n某市卫健委启动细胞治疗临床研究备案。\n",
        [
            ("2023-05-18", "explicit", "某省药监局发布《细胞治疗产品临床试验指导意见》", None),
            ("2023-06-02", "explicit", "某市卫健委启动细胞治疗临床研究备案", None),
        ],
        id="a date alone on its line, then the action",
    ),
    pytest.param(
        "細胞政策盤點\n2023-07-01 10:00 某某網\n上半年,各地細胞治療政策密集出臺,現擇要列出。\n"
        "2023 年 5 月 18 日\n某省藥監局發布《細胞治療產品臨床試驗指導意見》。\n",
        [("2023-05-18", "explicit", "某省药监局发布《细胞治疗产品临床试验指导意见》", None)],
        id="a date alone on its line, then the action, traditional",
    ),
    pytest.param(
        "细胞企业上市一览\n2023-01-05 10:00 某某网\n以下为细胞治疗企业近期动态。\n"
        "| 日期 | 事项 |\n|---|---|\n| 2022年8月3日 | 某某细胞公司在科创板上市 |\n",
        [("2022-08-03", "explicit", "某某细胞公司在科创板上市", None)],
        id="a table row",
    ),
    pytest.param(
        "2024-02-01 09:00 某某日报\n2024某某细胞大会9月8日在杭州开幕。\n",
        [("2024-09-08", "context", "2024某某细胞大会开幕", "杭州")],
        id="the year in an event's name beats the six-month rule",
    ),
    pytest.param(
        "2024-02-01 09:00 某某日報\n2024某某細胞大會9月8日在杭州開幕。\n",
        [("2024-09-08", "context", "2024某某细胞大会开幕", "杭州")],
        id="the year in an event's name, traditional",
    ),
    pytest.param(
        "臺灣細胞治療新制\n2023-05-10 10:00 某某新聞\n衛福部於112年5月3日發布《細胞治療技術管理辦法》修正條文。\n",
        [("2023-05-03", "explicit", "卫福部发布《细胞治疗技术管理办法》修正条文", None)],
        id="an ROC year",
    ),
    pytest.param(
        "2023-03-02 08:00 某某日报\n昨日下午,两家细胞治疗公司签署战略合作协议。\n",
        [("2023-03-01", "anchor", "两家细胞治疗公司签署战略合作协议", None)],
        id="yesterday from the published day",
    ),
    pytest.param(
        "2023-03-02 08:00 某某日報\n昨日下午,兩家細胞治療公司簽署戰略合作協議。\n",
        [("2023-03-01", "anchor", "两家细胞治疗公司签署战略合作协议", None)],
        id="yesterday from the published day, traditional",
    ),
    pytest.param(
        "2023-01-10 08:00 某某日报\n2019年4月,某细胞制备中心成立,同年9月通过省级验收。\n",
        [("2019-04", "explicit", "某细胞制备中心成立", None), ("2019-09", "context", "通过省级验收", None)],
        id="the same year from the date before",
    ),
    pytest.param(
        "2022-05-07 10:00 某某日报\n2022年5月6日,全市五月份重点项目集中签约仪式在经开区举行。\n",
        [("2022-05-06", "explicit", "全市五月份重点项目集中签约仪式举行", "经开区")],
        id="a month inside a noun phrase governs nothing",
    ),
    pytest.param(
        "2022-05-07 10:00 某某日報\n2022年5月6日,全市五月份重點項目集中簽約儀式在經開區舉行。\n",
        [("2022-05-06", "explicit", "全市五月份重点项目集中签约仪式举行", "经开区")],
        id="a month inside a noun phrase governs nothing, traditional",
    ),
    pytest.param(
        "2021-12-20 10:00 某某网\n19日,某某医药港与八家细胞治疗企业集中签约。\n",
        [("2021-12-19", "anchor", "某某医药港与八家细胞治疗企业集中签约", None)],
        id="a bare day takes the published month",
    ),
    pytest.param(
        "某某细胞产业园作为全省首个细胞治疗特色园区,于2022年5月开园。\n",
        [("2022-05", "explicit", "某某细胞产业园开园", None)],
        id="who opened: the body that opens the sentence",
    ),
    pytest.param(
        "某某細胞產業園作為全省首個細胞治療特色園區,於2022年5月開園。\n",
        [("2022-05", "explicit", "某某细胞产业园开园", None)],
        id="who opened, traditional",
    ),
    pytest.param(
        "2023-06-30 09:00 某某网\n细胞制备共享平台项目是省重点建设项目。\n项目于2023年4月12日正式开工。\n",
        [("2023-04-12", "explicit", "细胞制备共享平台项目正式开工", None)],
        id="a generic subject is the project named before",
    ),
    pytest.param(
        "2023-06-30 09:00 某某網\n細胞製備共享平臺項目是省重點建設項目。\n項目於2023年4月12日正式開工。\n",
        [("2023-04-12", "explicit", "细胞制备共享平台项目正式开工", None)],
        id="a generic subject is the project named before, traditional",
    ),
    pytest.param(
        "2020-01-10 09:00 某某网\n由某大学与某区政府合作共建的某某细胞治疗研究院于2019年12月在高新区揭牌。\n",
        [("2019-12", "explicit", "某某细胞治疗研究院揭牌", "高新区")],
        id="a long modifier of the subject is dropped",
    ),
    pytest.param(
        "细胞论坛观察\n记者从9月21日举办的“2021第二届某某细胞论坛”上获得这一消息。\n",
        [("2021-09-21", "context", "“2021第二届某某细胞论坛”举办", None)],
        id="the meeting a date is attached to, not the reporter's news",
    ),
    pytest.param(
        "2024-11-01 09:00 某某网\n仅2024年1-6月,某局受理细胞药物申请9项。\n2024年前三季度受理的申请中,免疫细胞产品占一半。\n"
        "从2010年首例患者入组至今,该疗法已完成三项临床试验。\n",
        [],
        id="spans, periods and since-then statements are facts",
    ),
    pytest.param(
        "关于发布《某某细胞产品技术要求》的通告\n为规范研发,某中心组织制定了《某某细胞产品技术要求》。\n"
        "根据《某某程序的通知》(某监综〔2019〕15号)要求,现予发布,自发布之日起施行。\n特此通告。\n某省药品审评中心\n2024年3月1日\n",
        [("2024-03-01", "explicit", "某省药品审评中心发布《某某细胞产品技术要求》", None)],
        id="a notice dated by its signature; its document number is no date",
    ),
    pytest.param(
        "關於發布《某某細胞產品技術要求》的通告\n為規範研發,某中心組織制定了《某某細胞產品技術要求》。\n"
        "根據《某某程序的通知》(某監綜〔2019〕15號)要求,現予發布,自發布之日起施行。\n特此通告。\n某省藥品審評中心\n2024年3月1日\n",
        [("2024-03-01", "explicit", "某省药品审评中心发布《某某细胞产品技术要求》", None)],
        id="a notice dated by its signature, traditional",
    ),
    pytest.param(
        "活动详情\n2024细胞治疗创新论坛\n活动时间:2024-05-20 09:00 ~ 2024-05-20 17:00\n活动地点:上海国际会议中心\n120 人参加\n",
        [("2024-05-20", "explicit", "2024细胞治疗创新论坛举行", "上海国际会议中心")],
        id="an event page's time and place fields",
    ),
]


STRUCTURE += [
    pytest.param(
        "2021-01-05 09:00 某某网\n2019年3月,市委要求高新区加快建设细胞治疗产业园。\n",
        [("2019-03", "explicit", "市委要求高新区加快建设细胞治疗产业园", None)],
        id="a directive is an event when nothing else is",
    ),
    pytest.param(
        "2021-01-05 09:00 某某網\n2019年3月,市委要求高新區加快建設細胞治療產業園。\n",
        [("2019-03", "explicit", "市委要求高新区加快建设细胞治疗产业园", None)],
        id="a directive is an event when nothing else is, traditional",
    ),
    pytest.param(
        "2023-09-19 09:00 某某网\n今年3月,某市发改委发布的《某某生物经济三年行动计划》提出,到2025年产业规模突破千亿元。\n",
        [("2023-03", "anchor", "某市发改委发布《某某生物经济三年行动计划》", None)],
        id="what a document proposes is not the event: its publication is",
    ),
]


@pytest.mark.parametrize("page, expected", STRUCTURE)
def test_dates_from_structure_and_context(page, expected):
    assert events_of(page)[0] == expected


PLANNED = [
    pytest.param(
        "2022-12-01 09:00 某某日报\n某某干细胞产业园将于12月8日正式开园。\n",
        [("2022-12-08", "anchor", "某某干细胞产业园将正式开园", "planned")],
        id="将于: planned",
    ),
    pytest.param(
        "2022-12-01 09:00 某某日報\n某某幹細胞產業園將於12月8日正式開園。\n",
        [("2022-12-08", "anchor", "某某干细胞产业园将正式开园", "planned")],
        id="将于: planned, traditional",
    ),
    pytest.param(
        "2023-08-15 09:00 某某日报\n二期细胞制备车间已完成验收,计划2024年10月投入使用。\n",
        [("2024-10", "explicit", "计划投入使用", "planned")],
        id="计划…投入使用: planned",
    ),
    pytest.param(
        "2025-12-01 09:00 某某网\n《某某细胞产业促进条例》将自2026年1月1日起施行。\n",
        [("2026-01-01", "explicit", "《某某细胞产业促进条例》施行", "planned")],
        id="a rule taking effect is an event of its first day",
    ),
    pytest.param(
        "2025-04-02 09:00 某某新聞\n《某某細胞治療管理辦法》修正條文自114年3月1日起施行。\n",
        [("2025-03-01", "explicit", "《某某细胞治疗管理办法》施行", "happened")],
        id="a rule in effect since an ROC date, traditional",
    ),
    pytest.param(
        "2023-03-15 10:00 某某网\n3月14日,某某细胞治疗产业园揭牌。\n",
        [("2023-03-14", "anchor", "某某细胞治疗产业园揭牌", "happened")],
        id="done: happened",
    ),
]


@pytest.mark.parametrize("page, expected", PLANNED)
def test_planned_and_happened(page, expected):
    assert statuses_of(page) == expected


@pytest.mark.parametrize(
    "page",
    [
        "细胞中心启用\n2023-06-15 09:00 某某网\n某某大学与某某科技园今日启用某某细胞治疗中心\n"
        "2023年6月15日,某某细胞治疗中心正式启用,首批三个项目入驻。\n",
        "細胞中心啟用\n2023-06-15 09:00 某某網\n某某大學與某某科技園今日啟用某某細胞治療中心\n"
        "2023年6月15日,某某細胞治療中心正式啟用,首批三個項目入駐。\n",
    ],
    ids=["simplified", "traditional"],
)
def test_a_title_and_its_lede_are_one_event(page):
    index = build_index([Document("t", "t.txt", page, "utf-8")])
    assert [(e.date, e.summary, len(e.quotes)) for e in index.events] == [
        ("2023-06-15", "某某大学与某某科技园启用某某细胞治疗中心", 2)
    ]


@pytest.mark.parametrize(
    "page",
    [
        "细胞产业园开园\n2024-11-25 09:00 某某网\n11月24日,某某细胞产业园开园。\n"
        "某市生物医药大会在高新区召开\n2024年11月22日\n某某基因公司新厂房举行奠基仪式\n2024年11月21日\n",
        "細胞產業園開園\n2024-11-25 09:00 某某網\n11月24日,某某細胞產業園開園。\n"
        "某市生物醫藥大會在高新區召開\n2024年11月22日\n某某基因公司新廠房舉行奠基儀式\n2024年11月21日\n",
    ],
    ids=["simplified", "traditional"],
)
def test_a_list_of_headlines_each_then_its_date_dates_no_next_headline(page):
    assert events_of(page)[0] == [("2024-11-24", "anchor", "某某细胞产业园开园", None)]
