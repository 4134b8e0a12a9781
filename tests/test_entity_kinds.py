"""Kinds of names on scraped news pages, each in Simplified and Traditional script.

Every case is a sentence of our own in the style of the pages cgt reads, with
the names it must find (kind, name; at the first place the name is written)
and the names it must not find (fragments, generic phrases, glued bodies;
a name, or a kind and a name).
The Traditional case is the same sentence converted by OpenCC: offsets and
names must come back the same, in the article's own script.
"""

from __future__ import annotations

import time
from functools import cache

import pytest

from cgt_cli.extract.entities.find import find_aliases, find_entities, find_roles
from cgt_cli.read.normalize import normalize


@cache
def _to_traditional():
    from opencc import OpenCC

    return OpenCC("s2t").convert


def _hits(text: str) -> set[tuple[str, str, int]]:
    """(kind, name as written, start) of every entity in `text`, read the way
    an article is: matched on its Simplified copy, cut from its own text."""
    norm = normalize(text)
    return {(h.kind, norm.text[h.start : h.end], h.start) for h in find_entities(norm.simple, [(0, len(text))])}


def check(text: str, must: list[tuple[str, str]], must_not: list[str], script: str) -> None:
    shown = text if script == "simplified" else _to_traditional()(text)
    assert len(shown) == len(text)
    convert = (lambda s: s) if script == "simplified" else _to_traditional()
    hits = _hits(shown)
    for kind, name in must:
        assert (kind, convert(name), text.index(name)) in hits, (kind, name, sorted(hits))
    names = {name for _, name, _ in hits} | {(kind, name) for kind, name, _ in hits}
    for name in must_not:  # a name, or (kind, name)
        unwanted = convert(name) if isinstance(name, str) else (name[0], convert(name[1]))
        assert unwanted not in names, (name, sorted(hits))


SCRIPTS = ["simplified", "traditional"]

# Words that never stand inside a name: verbs of news, 此次/全新, appositions, a number's unit.
BOUNDARY_CASES = [
    (
        "江苏自贸试验区联动南京大学医学院附属鼓楼医院,共建细胞治疗转化平台。",
        [("place", "江苏自贸试验区"), ("org", "南京大学医学院附属鼓楼医院")],
        ["江苏自贸试验区联动南京大学医学院附属鼓楼医院", "江苏自贸试验区联动南京大学"],
    ),
    (
        "远航细胞将以此次乔迁华康生物科技园为契机,加速技术转化。",
        [("park", "华康生物科技园")],
        ["次乔迁华康生物科技园", "远航细胞乔迁华康生物科技园"],
    ),
    (
        "香江大学与滨海科技园启用全新先进疗法良好生产规范中心。",
        [("org", "香江大学"), ("org", "先进疗法良好生产规范中心")],
        ["滨海科技园启用全新先进疗法良好生产规范中心", "全新先进疗法良好生产规范中心"],
    ),
    (
        "会上,聘请复旦大学附属华山医院院长李明为首席科学家。",
        [("org", "复旦大学附属华山医院"), ("person", "李明")],
        ["聘请复旦大学附属华山医院", "聘请复旦大学"],
    ),
    (
        "园区与周边片区共同构建起两江新区的“产业之钻”。",
        [("place", "两江新区")],
        ["起两江新区"],
    ),
    (
        "武汉市发展和改革委员会转发武汉市人民政府办公厅关于印发方案的通知。",
        [("org", "武汉市发展和改革委员会"), ("org", "武汉市人民政府办公厅")],
        ["改革委员会转发武汉市人民政府", "改革委员会转发武汉市人民政府办公厅"],
    ),
    (
        "公司今年完成3000平方米全球研发中心建设,并设有顶尖实验室。",
        [],
        ["平方米全球研发中心", "全球研发中心", "完成3000平方米全球研发中心", "设有顶尖实验室", "顶尖实验室"],
    ),
    (
        "17日,恒康厦门原料药基地、养元堂厦门万泰诊断基地等一批项目签约,鼓励上海细胞治疗产业联盟发挥作用。",
        [
            ("park", "恒康厦门原料药基地"),
            ("park", "养元堂厦门万泰诊断基地"),
            ("alliance", "上海细胞治疗产业联盟"),
        ],
        ["厦门原料药基地", "厦门万泰诊断基地", "鼓励上海细胞治疗产业联盟"],
    ),
    (
        "公司全资子公司杭州远景生物药业有限公司于近日取得受理通知书。",
        [("org", "杭州远景生物药业有限公司")],
        ["子公司杭州远景生物药业有限公司", "全资子公司杭州远景生物药业有限公司"],
    ),
    (
        "6月,星辰天使科技有限公司在香港联交所主板上市。",
        [("org", "星辰天使科技有限公司"), ("place", "香港")],
        ["科技有限公司"],
    ),
    (
        "项目落户中国(四川)自由贸易试验区天府片区。",
        [("place", "中国(四川)自由贸易试验区")],
        ["由贸易试验区"],
    ),
]

# Generic phrases of the field are no names.
GENERIC_CASES = [
    (
        "园区将规划建设细胞制备中心、功能服务平台和临床实践平台,毗邻一家三甲医院。",
        [],
        ["细胞制备中心", "功能服务平台", "临床实践平台", "三甲医院", "功能服务平台和临床实践平台"],
    ),
    (
        "这家新兴跨国生物制药公司在创新药产品管线和平台双引擎驱动下,跻身全国高新区前列。",
        [],
        ["新兴跨国生物制药公司", "创新药产品管线和平台", "全国高新区"],
    ),
    (
        "大会期间将举办11场平行论坛,为建设世界级生物医药产业集群提供支撑。",
        [],
        ["11场平行论坛", "场平行论坛", "世界级生物医药产业集群", "生物医药产业集群"],
    ),
    (
        "参观了B+A级中心实验室等精尖科普研发平台。",
        [],
        ["A级中心实验室", "精尖科普研发平台"],
    ),
]

# Two bodies joined by 与/及/和 stay two; generic words joined by them stay one name.
JOINED_CASES = [
    (
        "嘉宾参观了远山细胞生命科学体验中心及细胞中心实验室等园区新驻地。",
        [("org", "远山细胞生命科学体验中心")],
        ["远山细胞生命科学体验中心及细胞中心实验室"],
    ),
    (
        "结合港大与科技园公司的创科实力,必将加快细胞疗法发展。",
        [],
        ["港大与科技园公司", "结合港大与科技园公司", "科技园公司"],
    ),
    (
        "中国医学科学院细胞资源储藏及研究中心主任袁明说,",
        [("org", "中国医学科学院细胞资源储藏及研究中心"), ("person", "袁明")],
        ["研究中心"],
    ),
    (
        "当天,中国科学院武汉生物医学与健康研究所华中干细胞与再生医学研究所研究员李志明受聘。",
        [
            ("org", "中国科学院武汉生物医学与健康研究所"),
            ("org", "华中干细胞与再生医学研究所"),
            ("person", "李志明"),
        ],
        ["健康研究所华中干细胞与再生医学研究所"],
    ),
    (
        "落地的自建项目和创新创业中心项目涵盖创新药研发,新设立的ATP GMP中心同日启用。",
        [("org", "ATP GMP中心")],
        ["自建项目和创新创业中心", "创新创业中心", "GMP中心"],
    ),
    (
        "广东省发展和改革委员会与中山大学附属第一医院签约。",
        [("org", "广东省发展和改革委员会"), ("org", "中山大学附属第一医院")],
        ["改革委员会"],
    ),
]

# Name endings: cell banks, abbreviated hospitals, departments, standing committees,
# zones, parks, islands, clusters, hotels.
ENDING_CASES = [
    (
        "位于北京大兴区生物医药基地的中关村(亦庄)细胞基因治疗产业园揭牌,浙江省干(体)细胞临床数据共享平台同日启动。",
        [("park", "中关村(亦庄)细胞基因治疗产业园"), ("alliance", "浙江省干(体)细胞临床数据共享平台")],
        ["细胞基因治疗产业园", "共享平台"],
    ),
    (
        "10月,常州国际生命科学产业园(常州药谷)开园。",
        [("park", "常州国际生命科学产业园"), ("park", "常州药谷")],
        ["常州国际生命科学产业园(常州药谷"],
    ),
    (
        "会上,大湾区临床级种子细胞库正式启动。",
        [("org", "大湾区临床级种子细胞库")],
        [],
    ),
    (
        "记者7月7日从晋医大一院获悉,首例患者顺利出院。",
        [("org", "晋医大一院")],
        ["从晋医大一院"],
    ),
    (
        "国家卫生健康委科教司发布《关于开展干细胞临床研究备案的通知》。",
        [("org", "国家卫生健康委科教司")],
        [],
    ),
    (
        "台湾卫生福利部疾病管制署对此作出部署,双方签署协议。",
        [("org", "台湾卫生福利部疾病管制署")],
        ["对此作出部署", "双方签署"],
    ),
    (
        "12月29日,广州市第十六届人大常委会第十次会议闭幕。",
        [("org", "广州市第十六届人大常委会")],
        [],
    ),
    (
        "合肥蜀山生物经济实验区重大项目集中签约。",
        [("place", "合肥蜀山生物经济实验区")],
        [],
    ),
    (
        "总规划16万平方米的张江基因岛将于年底亮相,成都国际生命科学创新园同步开园。",
        [("park", "张江基因岛"), ("park", "成都国际生命科学创新园")],
        [],
    ),
    (
        "2015年7月,生物岛管委会成立,南湾国际生物岛加快建设。",
        [("org", "生物岛管委会"), ("park", "南湾国际生物岛")],
        [],
    ),
    (
        "立足长岭片区,打造龙湖科创生物医药产业集群和济南生物医药产业集群新高地。",
        [("park", "龙湖科创生物医药产业集群")],
        ["济南生物医药产业集群", "生物医药产业集群"],
    ),
    (
        "活动地点:广州 南湾岛希尔顿酒店3楼多功能厅。",
        [("org", "南湾岛希尔顿酒店")],
        ["多功能厅", "南湾岛希尔顿酒店3楼多功能厅"],
    ),
]

# People named with a title after the name, in a list of speakers, in a page's
# credits, with a title the lexicon did not have, or in Latin letters.
PEOPLE_CASES = [
    (
        "中国科学院王一鸣院士、中国工程院李振华院士、浙江大学副校长周立新教授先后作报告。",
        [("person", "王一鸣"), ("person", "李振华"), ("person", "周立新"), ("org", "中国科学院")],
        ["院士", "一鸣", "王一鸣院士"],
    ),
    (
        "时隔5个月,华西医院赵晓明院士团队开出首张处方。",
        [("person", "赵晓明"), ("org", "华西医院")],
        [],
    ),
    (
        "科技部、中关村管委会二级巡视员刘建表示,",
        [("person", "刘建")],
        ["巡视员刘建"],
    ),
    ("撰文│细胞治疗中心\n编辑│孙丽娟\n审校│钱明远", [("person", "孙丽娟"), ("person", "钱明远")], []),
    (
        "区委副书记、代区长周海涛发布产业投资政策。",
        [("person", "周海涛")],
        [],
    ),
    (
        "卫生署副署长林嘉欣医生出席活动。",
        [("person", "林嘉欣")],
        ["林嘉欣医生"],
    ),
    (
        "Genova有限公司董事长、创始人Mark T. Rivers告诉记者,",
        [("person", "Mark T. Rivers"), ("org", "Genova有限公司")],
        [],
    ),
    (
        "聘请四名专家顾问,以院士项目为支撑,海归博士说,荣誉教授表示,麻醉医生说。",
        [],
        ["顾问", "项目", "海归", "荣誉", "麻醉"],
    ),
]

# Towns and islands of two characters standing at the start of a clause.
PLACE_CASES = [
    (
        "据悉,生物城规划区域内,永丰镇占地约30平方公里。",
        [("place", "永丰镇")],
        [],
    ),
    (
        "该园区位于镇海区,据青岛日报报道,永丰镇占地30平方公里,镇江市同步跟进。",
        [("place", "永丰镇"), ("place", "青岛"), ("place", "镇江市")],
        ["位于镇", "据青岛", "江市"],
    ),
    (
        "会上,南昌市血液中心主任杜嘉颖当选联盟秘书长,希望联盟发挥作用。",
        [("org", "南昌市血液中心"), ("person", "杜嘉颖")],
        ["主任杜嘉颖当选联盟", "杜嘉颖当选联盟", "希望联盟"],
    ),
    (
        "市政府提出把琴洲岛建设成生物技术研究基地,特色小镇、千年古镇和宝岛各有所长。",
        [("place", "琴洲岛")],
        ["色小镇", "年古镇", "千年古镇", "宝岛"],
    ),
]

# Offices: a place may start them, a district named elsewhere too; without a
# place, a title and a name (or a short name) after them vouch for them.
OFFICE_CASES = [
    (
        "青岛市崂山区区长孙立、海大合作发展部副部长王海峰一行到园区考察。",
        [("org", "海大合作发展部"), ("person", "王海峰"), ("place", "青岛市崂山区")],
        [],
    ),
    (
        "食物及卫生局副局长陈思敏医生、商务及经济发展局副局长黄美玲女士出席。",
        [("org", "食物及卫生局"), ("org", "商务及经济发展局"), ("person", "陈思敏"), ("person", "黄美玲")],
        [],
    ),
    (
        "余杭区委常委、余杭经济技术开发区党工委书记王建国出席。",
        [("org", "余杭经济技术开发区党工委"), ("place", "余杭经济技术开发区"), ("place", "余杭区")],
        ["开发区党工委"],
    ),
    (
        "医药高新区党工委副书记李强,园区党工委书记吴明出席。",
        [("person", "李强"), ("person", "吴明")],
        ["药高新区党工委", "区党工委", "园区党工委"],
    ),
    (
        "实施中遇到的问题,请径向市发展改革委反映。",
        [("org", "市发展改革委")],
        [],
    ),
    (
        "赣州市于都县科技局局长张明说,时任省委书记李华曾来考察。",
        [("place", "于都县"), ("person", "张明")],
        ["都县科技局", "时任省委"],
    ),
]

# Laws and documents: in 《》, 「」 or “”, ending with 法, 要求, 批复 …; the body
# before 关于 issues one, a new area starting one is a place; the state's own
# bodies are organisations wherever they stand.
POLICY_CASES = [
    (
        "台湾过去依《药政法》与《医疗试验法》监管,2024年通过「再生医学法」及「细胞制剂条例」。",
        [
            ("policy", "药政法"),
            ("policy", "医疗试验法"),
            ("policy", "再生医学法"),
            ("policy", "细胞制剂条例"),
        ],
        [],
    ),
    (
        "根据《国家药监局综合司关于印发细胞治疗产品技术指导原则的通知》要求,"
        "药审中心制定了《溶瘤病毒类产品药学研究与评价技术要求》。",
        [
            ("org", "国家药监局综合司"),
            ("policy", "国家药监局综合司关于印发细胞治疗产品技术指导原则的通知"),
            ("policy", "溶瘤病毒类产品药学研究与评价技术要求"),
        ],
        [],
    ),
    (
        "2025年1月10日,《国务院关于同意在天津市开展干细胞技术开发试点的批复》印发,中共中央 国务院关于支持创新的意见同步施行。",
        [("org", "国务院"), ("policy", "国务院关于同意在天津市开展干细胞技术开发试点的批复")],
        [],
    ),
    (
        "「再生医学法」及「细胞制剂条例」(下称「再生双法」)已通过,「细胞操作管理办法」(下称「操作办法」)草案预告。",
        [("policy", "再生医学法"), ("policy", "细胞制剂条例"), ("policy", "细胞操作管理办法")],
        ["再生双法", "操作办法"],
    ),
    (
        "同日,《南沙新区促进细胞和基因产业发展行动方案(2024-2026)》发布,“规范”二字被反复提及。",
        [("place", "南沙新区"), ("policy", "南沙新区促进细胞和基因产业发展行动方案(2024-2026)")],
        ["规范"],
    ),
]

# Companies without a legal form: short names vouched for by a place, a trade
# word before 科技 or a noun such as 企业, and the items of a list of companies.
COMPANY_CASES = [
    (
        "北京明合基因的新一代核酸药物带来曙光;上海茵睿昕生物的RNA编辑技术开辟新路径。",
        [("org", "北京明合基因"), ("org", "上海茵睿昕生物")],
        [],
    ),
    (
        "国家药监局附条件批准铂瑞卓越生物科技的干细胞注射液上市。",
        [("org", "铂瑞卓越生物科技")],
        [],
    ),
    (
        "江北新区生物医药企业泽安生物宣布完成融资;测序仪制造型企业真恒生物与新区签约。",
        [("org", "泽安生物"), ("org", "真恒生物")],
        ["企业泽安生物"],
    ),
    (
        "先行优势明显,引领细胞科技\n“当时选择生物医药和信息技术。”核心提示:多个项目等一批生物医药\n",
        [],
        ["引领细胞科技", "当时选择生物医药", "一批生物医药"],
    ),
    (
        "此次加入联盟的英诺华尔智能科技(苏州)有限公司作为一家设备企业,",
        [("org", "英诺华尔智能科技(苏州)有限公司")],
        ["英诺华尔智能科技"],
    ),
    (
        "目前已有百川神州、再明医药、贝克曼特、亿康等一批企业入驻。",
        [("org", "百川神州"), ("org", "再明医药"), ("org", "贝克曼特"), ("org", "亿康")],
        ["已有百川神州"],
    ),
    (
        "其中包括华福医药集团、中源和协、东阳光明、开元医疗等多家上市企业项目。",
        [("org", "华福医药集团"), ("org", "中源和协"), ("org", "东阳光明"), ("org", "开元医疗")],
        [],
    ),
    (
        "去年,君安、信远、恒瑞盛达、百济神舟四家企业研发的药物获批,北京、上海等地的企业纷纷跟进。",
        [("org", "君安"), ("org", "信远"), ("org", "恒瑞盛达"), ("org", "百济神舟"), ("place", "北京")],
        [("org", "北京"), ("org", "上海")],
    ),
]

# News outlets where they report, and Taiwan's cities.
OUTLET_CASES = [
    (
        "中新网浙江新闻6月18日电(记者 孙立)6月18日,首届大会在杭州开幕。",
        [("org", "中新网浙江"), ("person", "孙立")],
        [],
    ),
    (
        "首批项目落地。财经时报记者从11月16日召开的峰会上获悉,东海商报讯,据新华社报道,据互联网报道。本报记者王磊",
        [("org", "财经时报"), ("org", "东海商报"), ("org", "新华社")],
        ["互联网", "本报"],
    ),
    (
        "高雄市卫生局表示,目前高雄市执行细胞治疗的医疗机构有8家,平台北京站同步开放。",
        [("org", "高雄市卫生局"), ("place", "北京")],
        [],
    ),
]

# Named drugs: a code or a name before 注射液, the whole of a quoted one.
PRODUCT_CASES = [
    (
        "公司自主研发的冷冻保存型细胞制剂VUM11注射液(人胎盘源间充质干/基质细胞注射液)获得受理。",
        [("product", "VUM11注射液")],
        ["冷冻保存型细胞制剂VUM11注射液", "基质细胞注射液"],
    ),
    (
        "国家药监局附条件批准“艾瑞迈托赛注射液”上市;瑞康生物“BCL基因修饰自体CD34+造血干细胞注射液”(CXSB2500123)获受理。",
        [
            ("product", "艾瑞迈托赛注射液"),
            ("org", "瑞康生物"),
            ("product", "BCL基因修饰自体CD34+造血干细胞注射液"),
        ],
        ["造血干细胞注射液", "CXSB2500123"],
    ),
    (
        "华辰基因CAR-NK细胞注射液获批临床,嘉因生物ZV17注射液同日获受理。",
        [("org", "华辰基因"), ("product", "ZV17注射液")],
        ["华辰基因CAR-NK细胞注射液", "CAR-NK细胞注射液", "嘉因生物ZV17注射液"],
    ),
    (
        "CAR-T细胞注射液和干细胞注射液的申报数量持续增长。",
        [],
        ["T细胞注射液", "CAR-T细胞注射液", "干细胞注射液"],
    ),
]

CASES = PLACE_CASES + OFFICE_CASES + POLICY_CASES + COMPANY_CASES + OUTLET_CASES + PRODUCT_CASES + BOUNDARY_CASES + GENERIC_CASES + JOINED_CASES + ENDING_CASES + PEOPLE_CASES


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(("text", "must", "must_not"), CASES, ids=[c[0][:16] for c in CASES])
def test_kinds_of_names(text, must, must_not, script):
    check(text, must, must_not, script)


def test_titles_after_names_are_roles_of_the_body_before():
    text = "中国科学院王一鸣院士、浙江大学副校长周立新教授先后作报告。"
    roles = {(r.person, r.title, r.organisation) for r in find_roles(text, [(0, len(text))])}
    assert roles == {("王一鸣", "院士", "中国科学院"), ("周立新", "副校长", "浙江大学")}


@pytest.mark.parametrize("script", SCRIPTS)
def test_short_names_in_corner_quotes(script):
    text = "卫生福利部(下称「卫福部」)已陆续预告子法草案。"
    shown = text if script == "simplified" else _to_traditional()(text)
    norm = normalize(shown)
    aliases = find_aliases(norm.simple, [(0, len(text))])
    assert [(a.short, a.full, a.start, a.end) for a in aliases] == [("卫福部", "卫生福利部", 0, 14)]
    assert ("org", norm.text[:5], 0) in _hits(shown)


def test_a_filing_number_is_no_acronym():
    text = "瑞康生物“BCL基因修饰自体CD34+造血干细胞注射液”(CXSB2500123),药品审评中心(CDE)受理。"
    assert [(a.short, a.full) for a in find_aliases(text, [(0, len(text))])] == [("CDE", "药品审评中心")]


_PAIR_CHARS = "华康瑞达泰明远恒信博雅启航宏图金桥望江海湖山川林森峰岭溪泉云霞晨星辰月光辉耀锦绣丰源盛昌隆兴旺嘉禾德润福寿安宁静和"


def _long_line(n: int) -> str:
    """One clause of n districts' committees, n companies and n zones, each named differently."""
    parts = []
    for i in range(n):
        a, b = _PAIR_CHARS[i % len(_PAIR_CHARS)], _PAIR_CHARS[(i // len(_PAIR_CHARS)) % len(_PAIR_CHARS)]
        parts.append(f"{a}{b}区委书记王明说,{b}{a}生物、{a}{b}经济开发区管委会")
    return ",".join(parts) + "等一批企业"


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        find_entities(text, [(0, len(text))])
        best = min(best, time.process_time() - began)
    return best


def test_a_long_line_costs_time_in_proportion():
    small, large = _long_line(250), _long_line(4000)
    assert _seconds(large) < 48 * _seconds(small) + 0.1  # 16 times the text: linear is 16, quadratic 256


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_district_found_once_is_found_wherever_it_stands(script):
    """临湖区 is found after its city, then at each place its name is written again,
    also right after another district's name (one hit each, none overlapping)."""
    text = "杭州市临湖区发布细胞治疗产业新政,临湖区将建设细胞产业园;西溪区临湖区两地联合招商,临湖区临湖区。"
    shown = text if script == "simplified" else _to_traditional()(text)
    hits = _hits(shown)
    name = shown[text.index("临湖区") : text.index("临湖区") + 3]
    starts = sorted(start for kind, found, start in hits if kind == "place" and found == name)
    assert starts == [i for i in range(len(text)) if text.startswith("临湖区", i)]
