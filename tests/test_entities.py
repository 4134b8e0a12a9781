"""Who is who: entities, roles, aliases and name linking on news sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_cli.extract.entities.find import (
    Alias,
    EntityHit,
    RoleHit,
    find_aliases,
    find_entities,
    find_roles,
    is_generic,
    name_key,
    same_body,
    variants,
)


def everywhere(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


def found(text: str, spans=None) -> set[tuple[str, str]]:
    return {(h.kind, h.name) for h in find_entities(text, spans or everywhere(text))}


# (text, must find [(kind, name)], must not find [(kind, name)]; kind "*" is any kind)
ENTITY_CASES = [
    (
        "苏州大学副校长王建国说,苏州大学将与苏州工业园区管委会共建细胞治疗研究院。",
        [
            ("org", "苏州大学"),
            ("person", "王建国"),
            ("org", "苏州工业园区管委会"),
            ("park", "苏州工业园区"),
        ],
        [("person", "副校长王建国"), ("*", "与苏州工业园区管委会"), ("park", "苏州工业园")],
    ),
    (
        "该院区将与广州医科大学附属第二医院在细胞制备方面开展合作。",
        [("org", "广州医科大学附属第二医院"), ("org", "广州医科大学")],
        [("*", "与广州医科大学附属第二医院"), ("*", "该院区")],
    ),
    (
        "由杭州市科技局、浙江大学医学院附属第一医院联合主办的2023杭州细胞治疗产业发展论坛在杭州举行。",
        [
            ("org", "杭州市科技局"),
            ("org", "浙江大学医学院附属第一医院"),
            ("org", "浙江大学"),
            ("event", "2023杭州细胞治疗产业发展论坛"),
            ("place", "杭州"),
        ],
        [("*", "由杭州市科技局")],
    ),
    (
        "由合肥市发改委、安徽省生物医药产业协会联合举办的推介会吸引了百余家企业。",
        [("org", "合肥市发改委"), ("alliance", "安徽省生物医药产业协会")],
        [("*", "由合肥市发改委"), ("event", "推介会")],
    ),
    (
        "诺康细胞科技(上海)有限公司总经理赵明远表示,公司已完成B轮融资。",
        [("org", "诺康细胞科技(上海)有限公司"), ("person", "赵明远")],
        [("person", "赵明远表"), ("*", "公司")],
    ),
    (
        "华瑞健康(广东)集团有限公司董事长周立新向记者介绍,“我们将继续加大投入。”周立新说。",
        [("org", "华瑞健康(广东)集团有限公司"), ("person", "周立新")],
        [("person", "周立新向"), ("person", "记者介绍")],
    ),
    (
        "海淀区委书记孟景伟在致辞中说,海淀区将打造细胞治疗产业高地。",
        [("org", "海淀区委"), ("place", "海淀区"), ("person", "孟景伟")],
        [("person", "孟景伟在"), ("*", "书记孟景伟")],
    ),
    (
        "高新区党工委书记江山在致辞中说,要守护好这片大好江山。江山表示,园区将继续招商。",
        [("person", "江山")],
        [],
    ),
    (
        "锦绣江山入画来,大好江山处处生机。",
        [],
        [("person", "江山")],
    ),
    (
        "本报记者王磊通讯员刘洋报道 全媒体记者陈思9月12日从市卫健委获悉,(记者 黄晓燕)",
        [("person", "王磊"), ("person", "刘洋"), ("person", "陈思"), ("person", "黄晓燕")],
        [("person", "王磊通"), ("person", "记者看")],
    ),
    (
        "据郑宏伟介绍,园区已引进企业30家。记者看到,车间里一派繁忙。(刘一鸣摄)",
        [("person", "郑宏伟"), ("person", "刘一鸣")],
        [("person", "记者看")],
    ),
    (
        "方案指出,要加快建设细胞治疗公共服务平台。双方表示将深化合作。",
        [],
        [("person", "方案"), ("person", "双方"), ("alliance", "细胞治疗公共服务平台")],
    ),
    (
        "位于武汉光谷生物城的某细胞药物企业正式落户重庆两江新区。",
        [("park", "武汉光谷生物城"), ("place", "重庆两江新区")],
        [("*", "正式落户重庆两江新区"), ("*", "落户重庆两江新区")],
    ),
    (
        "粤港澳大湾区细胞与基因治疗产业联盟在深圳成立,中国医药生物技术协会发来贺信。",
        [
            ("alliance", "粤港澳大湾区细胞与基因治疗产业联盟"),
            ("alliance", "中国医药生物技术协会"),
            ("place", "深圳"),
        ],
        [("alliance", "基因治疗产业联盟")],
    ),
    (
        "科济药业、传奇生物等企业已入驻,泰州医药高新区管委会负责同志到场。",
        [("org", "科济药业"), ("org", "传奇生物"), ("org", "泰州医药高新区管委会")],
        [("org", "生物医药"), ("*", "等企业")],
    ),
    (
        "记者从江苏省苏州市吴中区获悉,吴中区将在年内建成两个细胞治疗中试基地。",
        [("place", "江苏省"), ("place", "苏州市吴中区"), ("place", "吴中区")],
        [("park", "两个细胞治疗中试基地"), ("park", "细胞治疗中试基地")],
    ),
    (
        "四川省首个国家级细胞治疗创新中心正式挂牌,3个关键共性技术平台同步启用。",
        [("place", "四川省")],
        [
            ("*", "首个国家级细胞治疗创新中心"),
            ("*", "国家级细胞治疗创新中心"),
            ("*", "个关键共性技术平台"),
        ],
    ),
    (
        "会上,深圳市发展和改革委员会与深圳市人民医院签署协议,共建深圳细胞治疗临床研究中心。",
        [
            ("org", "深圳市发展和改革委员会"),
            ("org", "深圳市人民医院"),
            ("org", "深圳细胞治疗临床研究中心"),
        ],
        [("*", "改革委员会"), ("*", "共建深圳细胞治疗临床研究中心")],
    ),
    (
        "中国科学院上海药物研究所所长李佳说,中国科学院与地方共建的研究院已投入使用。",
        [("org", "中国科学院上海药物研究所"), ("org", "中国科学院"), ("person", "李佳")],
        [("*", "研究院")],
    ),
    (
        "长三角细胞治疗协同创新平台由上海、江苏、浙江、安徽四地共同发起,北京协和医院专家参与论证。",
        [("alliance", "长三角细胞治疗协同创新平台"), ("org", "北京协和医院"), ("place", "安徽")],
        [("*", "和医院")],
    ),
    (
        "第五届中国细胞治疗产业大会暨西部细胞产业博览会在西安开幕,本届大会为期两天。",
        [
            ("event", "第五届中国细胞治疗产业大会"),
            ("event", "西部细胞产业博览会"),
            ("place", "西安"),
        ],
        [("event", "本届大会"), ("event", "大会")],
    ),
    (
        "该公司与该中心、本院及其他单位签署协议。产业园区、研究中心、联盟均已就位。",
        [],
        [("*", "该公司"), ("*", "该中心"), ("*", "研究中心"), ("*", "产业园区"), ("*", "联盟")],
    ),
]


@pytest.mark.parametrize(("text", "must", "must_not"), ENTITY_CASES)
def test_find_entities(text, must, must_not):
    hits = found(text)
    for kind, name in must:
        assert (kind, name) in hits, (kind, name, sorted(hits))
    names = {name for _, name in hits}
    for kind, name in must_not:
        assert (name not in names) if kind == "*" else ((kind, name) not in hits), (kind, name)


POLICY_CASES = [
    (
        "市政府印发《深圳市促进细胞治疗产业发展若干措施(试行)》。",
        "深圳市促进细胞治疗产业发展若干措施(试行)",
    ),
    ("会上发布了《细胞治疗产品生产质量管理指南》。", "细胞治疗产品生产质量管理指南"),
    ("双方签署《共建细胞治疗转化医学中心战略合作协议》。", "共建细胞治疗转化医学中心战略合作协议"),
    (
        "《关于支持生物医药产业高质量发展的若干意见》提出",
        "关于支持生物医药产业高质量发展的若干意见",
    ),
    (
        "《苏州市细胞治疗产业发展三年行动计划(2023-2025年)》明确",
        "苏州市细胞治疗产业发展三年行动计划(2023-2025年)",
    ),
]


@pytest.mark.parametrize(("text", "title"), POLICY_CASES)
def test_policies_are_document_titles(text, title):
    assert ("policy", title) in found(text)


@pytest.mark.parametrize(
    "text", ["据《人民日报》报道,", "他在会上作了《细胞治疗的挑战与展望》的报告。"]
)
def test_other_titles_are_no_policy(text):
    assert not [h for h in find_entities(text, everywhere(text)) if h.kind == "policy"]


ROLE_CASES = [
    ("苏州大学副校长王建国说,", [("王建国", "副校长", "苏州大学")]),
    ("海淀区委书记孟景伟在致辞中说,", [("孟景伟", "书记", "海淀区委")]),
    ("会上,南京市科技局局长钱卫东为大会致辞。", [("钱卫东", "局长", "南京市科技局")]),
    (
        "诺康细胞科技(上海)有限公司总经理赵明远表示,",
        [("赵明远", "总经理", "诺康细胞科技(上海)有限公司")],
    ),
    (
        "市细胞治疗质控中心主任何丽娟说,",
        [("何丽娟", "主任", "市细胞治疗质控中心")],
    ),
    (
        "江苏省细胞与基因治疗协会(以下简称“协会”)昨日成立。“协会”会长、南京鼓楼医院生物治疗中心主任吴晓东宣布,",
        [
            ("吴晓东", "主任", "南京鼓楼医院生物治疗中心"),
            ("吴晓东", "会长", "江苏省细胞与基因治疗协会"),
        ],
    ),
    (
        "杭州启明细胞科技有限公司专注于CAR-T疗法。该公司总经理孙立平介绍,",
        [("孙立平", "总经理", "杭州启明细胞科技有限公司")],
    ),
    ("业内人士普遍看好。该公司总经理孙立平介绍,", [("孙立平", "总经理", None)]),
    (
        "天津华康生物医药有限公司创始人欧阳明远也表示,",
        [("欧阳明远", "创始人", "天津华康生物医药有限公司")],
    ),
    ("全媒体记者陈思9月12日获悉,", [("陈思", "记者", None)]),
    ("会上,传奇生物首席执行官黄英表示,", [("黄英", "首席执行官", "传奇生物")]),
    (
        "江苏省细胞治疗学会(简称“学会”)今天成立。学会理事长钱卫东说,",
        [("钱卫东", "理事长", "江苏省细胞治疗学会")],
    ),
    (
        "启航生物科技有限公司董事长兼总经理林志远介绍,",
        [
            ("林志远", "总经理", "启航生物科技有限公司"),
            ("林志远", "董事长", "启航生物科技有限公司"),
        ],
    ),
    (
        "西湖区委副书记、区长周建军透露,",
        [("周建军", "区长", None), ("周建军", "副书记", "西湖区委")],
    ),
]


@pytest.mark.parametrize(("text", "roles"), ROLE_CASES)
def test_find_roles(text, roles):
    hits = find_roles(text, everywhere(text))
    assert [(r.person, r.title, r.organisation) for r in hits] == roles
    for r in hits:
        phrase = text[r.start : r.end]
        assert phrase.endswith(r.person) and r.title in phrase


ALIAS_CASES = [
    ("江苏省细胞与基因治疗协会(以下简称“协会”)昨日成立。", ("协会", "江苏省细胞与基因治疗协会")),
    ("成都前沿细胞治疗研究院(下简称“研究院”)揭牌。", ("研究院", "成都前沿细胞治疗研究院")),
    ("杭州启明细胞科技有限公司(简称“启明细胞”)宣布", ("启明细胞", "杭州启明细胞科技有限公司")),
    ("苏州生物医药产业园(简称BioBAY)位于", ("BioBAY", "苏州生物医药产业园")),
    (
        "粤港澳大湾区细胞治疗产业联盟,简称湾区细胞联盟,",
        ("湾区细胞联盟", "粤港澳大湾区细胞治疗产业联盟"),
    ),
    (
        "《广州市促进细胞治疗产业发展行动方案(2024—2026年)》(以下简称“方案”)提出",
        ("方案", "广州市促进细胞治疗产业发展行动方案(2024—2026年)"),
    ),
    (
        "《苏州市细胞治疗产业发展三年行动计划》(以下简称《计划》)",
        ("计划", "苏州市细胞治疗产业发展三年行动计划"),
    ),
]


@pytest.mark.parametrize(("text", "alias"), ALIAS_CASES)
def test_find_aliases(text, alias):
    hits = find_aliases(text, everywhere(text))
    assert [(a.short, a.full) for a in hits] == [alias]
    assert text[hits[0].start :].startswith(hits[0].full)


def test_alias_needs_a_name_before_it():
    text = "推动产学研用深度融合(简称“产学研用”)。"
    assert find_aliases(text, everywhere(text)) == []


SAME_BODY = [
    ("无锡市细胞治疗产业联盟", "无锡细胞治疗产业联盟"),
    ("山东省药学科学院", "山东药学科学院"),
    ("济南华康医药科技有限公司", "华康医药"),
    ("济南华康医药科技有限公司", "济南华康医药科技"),
    ("上海启航生物科技股份有限公司", "启航生物"),
    ("杭州启明细胞科技有限公司", "杭州市启明细胞科技有限公司"),
    ("华瑞健康(广东)集团有限公司", "华瑞健康集团"),
    ("诺康细胞科技(上海)有限公司", "诺康细胞科技有限公司"),
    ("南京远望控股集团", "南京远望控股集团有限公司"),
    ("《广州市促进细胞治疗产业发展行动方案(2024—2026年)》", "广州市促进细胞治疗产业发展行动方案"),
]

DIFFERENT_BODIES = [
    ("无锡细胞治疗产业联盟", "细胞与基因治疗产业联盟"),
    ("无锡细胞治疗产业联盟", "细胞治疗产业联盟"),
    ("上海医药集团股份有限公司", "上海远航集团股份有限公司"),
    ("上海医药集团股份有限公司", "医药集团"),
    ("诺康细胞科技(上海)有限公司", "诺康细胞科技(苏州)有限公司"),
    ("济南华康生物科技有限公司", "济南华康健康集团有限公司"),
    ("无锡市科技局", "济南市科技局"),
    ("成都高新区", "成都高新区管委会"),
    ("苏州大学", "苏州大学附属第一医院"),
]


@pytest.mark.parametrize(("a", "b"), SAME_BODY)
def test_same_body(a, b):
    assert same_body(a, b) and same_body(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_BODIES)
def test_different_bodies(a, b):
    assert not same_body(a, b) and not same_body(b, a)
    assert name_key(a) != name_key(b)


def test_keys_and_variants():
    assert name_key("无锡市细胞治疗产业联盟") == name_key("无锡细胞治疗产业联盟")
    assert name_key("南京远望控股集团有限公司") == "南京远望控股"
    assert {"济南华康医药科技", "华康医药", "济南市华康医药科技有限公司"} <= variants(
        "济南华康医药科技有限公司"
    )
    assert "无锡市细胞治疗产业联盟" in variants("无锡细胞治疗产业联盟")
    assert "医药" not in variants("上海医药集团股份有限公司")
    assert variants("苏州大学") == {"苏州大学"}


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("联盟", True),
        ("中心", True),
        ("园区", True),
        ("公司", True),
        ("集团", True),
        ("该公司", True),
        ("研究中心", True),
        ("市科技局", True),
        ("细胞治疗产业联盟", True),
        ("无锡细胞治疗产业联盟", False),
        ("华康医药", False),
        ("苏州大学", False),
    ],
)
def test_is_generic(name, generic):
    assert is_generic(name) is generic


def test_spans_bound_what_is_found():
    head = "相关推荐\n北京大学教授张明说,协和医院与深圳市科技局合作。\n"
    body = "杭州市科技局局长钱卫东说,杭州将建设细胞治疗产业园。"
    tail = "\n新闻推荐\n清华大学副校长王一说"
    text = head + body + tail
    hits = find_entities(text, [(len(head), len(head) + len(body))])
    assert {(h.kind, h.name) for h in hits} >= {("org", "杭州市科技局"), ("person", "钱卫东")}
    assert all(len(head) <= h.start and h.end <= len(head) + len(body) for h in hits)
    assert not {"北京大学", "张明", "深圳市科技局", "清华大学", "王一"} & {h.name for h in hits}
    assert find_roles(text, [(0, len(head))]) == [RoleHit("张明", "教授", "北京大学", 5, 13)]


def test_names_do_not_cross_span_edges():
    text = "山东大学副校长张明说"
    hits = find_entities(text, [(0, 3), (3, len(text))])
    assert ("org", "山东大学") not in {(h.kind, h.name) for h in hits}


def test_a_person_once_found_is_found_again_only_later():
    text = "江山、湖海尽收眼底。市委书记江山出席。江山、李明等参加。"
    starts = [h.start for h in find_entities(text, everywhere(text)) if h.name == "江山"]
    assert starts == [text.index("江山出席"), text.rindex("江山、")]


SEED_STYLE = [
    # One phrase from each seed article's style, each also covered above by text of our own.
    (
        "山东大学副校长芦延华说,",
        [("org", "山东大学"), ("person", "芦延华")],
        [("person", "副校长芦延华")],
    ),
    (
        "丽山健康(山东)集团有限公司董事长高俊向记者介绍,",
        [("org", "丽山健康(山东)集团有限公司"), ("person", "高俊")],
        [],
    ),
    (
        "“联盟”理事长、高博医疗集团上海阿特蒙医院首席科学家李进号召",
        [("org", "高博医疗集团上海阿特蒙医院"), ("person", "李进")],
        [],
    ),
    (
        "由无锡市科技局、博雅控股集团联合举办的",
        [("org", "无锡市科技局"), ("org", "博雅控股集团")],
        [("*", "由无锡市科技局")],
    ),
    (
        "(记者 陈淋)3月23日,国家精准医学产业创新中心揭牌",
        [("person", "陈淋"), ("org", "国家精准医学产业创新中心")],
        [],
    ),
]


@pytest.mark.parametrize(("text", "must", "must_not"), SEED_STYLE)
def test_seed_style_phrases(text, must, must_not):
    test_find_entities(text, must, must_not)


ALL_TEXTS = [t for t, *_ in ENTITY_CASES + ROLE_CASES + ALIAS_CASES + POLICY_CASES + SEED_STYLE]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_offsets_slice_back(text):
    for hit in find_entities(text, everywhere(text)):
        assert text[hit.start : hit.end] == hit.name
    for role in find_roles(text, everywhere(text)):
        assert text[role.start : role.end].endswith(role.person)
    for alias in find_aliases(text, everywhere(text)):
        assert text[alias.start : alias.end].startswith(alias.full)


def test_records_are_frozen():
    hit = EntityHit("org", "苏州大学", 0, 4)
    with pytest.raises(AttributeError):
        hit.name = "x"  # type: ignore[misc]
    assert Alias("协会", "江苏省细胞与基因治疗协会", 0, 20).short == "协会"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "山东大学副校长张王李说表示与由和、,。()“”《》记者 1有限公司集团中心联盟方案局市区委"
        ),
        max_size=80,
    )
    | st.text(max_size=60)
)
def test_never_raises(text):
    for hit in find_entities(text, [(0, len(text)), (len(text) // 2, len(text) + 5)]):
        assert text[hit.start : hit.end] == hit.name
    find_roles(text, everywhere(text))
    find_aliases(text, everywhere(text))
