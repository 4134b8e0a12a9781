"""Page headers of many kinds: the published date, the headline and the outlet.

Every page here is invented, in the shapes real scraped pages take; each runs in
Simplified and in Traditional script (converted with OpenCC), and the title must
come back in the page's own script. Outlets are compared in Simplified.
"""

from functools import cache

import pytest

from cgt_cli.extract.datelines import header_date, read_meta
from cgt_cli.extract.layout import find_layout
from cgt_cli.read.normalize import normalize

SCRIPTS = ["simplified", "traditional"]


@cache
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t").convert


def in_script(text: str | None, script: str) -> str | None:
    return text if text is None or script == "simplified" else _s2t()(text)


def read(page: str, script: str):
    """(layout, title text, body text) of `page` written in `script`."""
    norm = normalize(in_script(page, script))
    layout = find_layout(norm.simple)
    title = norm.text[layout.title[0] : layout.title[1]] if layout.title else None
    body = "\n".join(norm.text[s:e] for s, e in layout.body)
    return layout, title, body


def header(layout) -> tuple:
    return layout.outlet, layout.published, layout.published_time, layout.published_inferred


# --- the published date -------------------------------------------------------------------

UNDER_AN_AUTHOR_LINE = """苏州工业园区细胞治疗中试平台投入使用
产业观察员
2024-04-12 16:20:05

4月11日,苏州工业园区细胞治疗中试平台正式投入使用,首批5家企业入驻。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_date_on_its_own_line_under_an_author_line(script):
    layout, title, body = read(UNDER_AN_AUTHOR_LINE, script)
    assert title == in_script("苏州工业园区细胞治疗中试平台投入使用", script)
    assert header(layout) == (None, "2024-04-12", "16:20:05", False)
    assert body.splitlines()[-1] == in_script("4月11日,苏州工业园区细胞治疗中试平台正式投入使用,首批5家企业入驻。", script)
    assert "2024-04-12" not in body


LABELLED_GOVERNMENT_PAGE = """当前位置:首页 > 工作动态 > 产业发展
杭州医药港细胞与基因治疗产业联盟成立
发布时间：2022年8月9日 10:30　来源：杭州市钱塘区人民政府　浏览次数：
【字体：大 中 小】
8月8日,杭州医药港细胞与基因治疗产业联盟在钱塘区成立,首批成员单位32家。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_publication_label_with_a_full_width_colon_and_a_source(script):
    layout, title, body = read(LABELLED_GOVERNMENT_PAGE, script)
    assert title == in_script("杭州医药港细胞与基因治疗产业联盟成立", script)
    assert header(layout) == ("杭州市钱塘区人民政府", "2022-08-09", "10:30", False)
    assert body == in_script("8月8日,杭州医药港细胞与基因治疗产业联盟在钱塘区成立,首批成员单位32家。", script)


PORTAL_WITH_CHANNEL = """浙江网
浙江网>>宁波频道>>滚动新闻

宁波生物医药产业园二期开工

总投资25亿元 聚焦细胞治疗与基因药物

2023年03月15日09:41 | 来源:浙江在线-宁波频道
小字号

3月14日,宁波生物医药产业园二期项目开工建设,计划2025年建成。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_date_glued_to_its_time_and_a_source_with_a_channel(script):
    layout, title, _ = read(PORTAL_WITH_CHANNEL, script)
    assert title == in_script("宁波生物医药产业园二期开工", script)
    assert header(layout) == ("浙江在线", "2023-03-15", "09:41", False)


@pytest.mark.parametrize(
    "line, value, time",
    [
        ("2019/7/3 09:15:00  来源:成都日报", "2019-07-03", "09:15:00"),
        ("发布日期:2021-10-08", "2021-10-08", None),
        ("时间:2021.10.8", "2021-10-08", None),
        ("二〇二三年十一月二日　湖北日报", "2023-11-02", None),
        ("来源:市科技局 发布时间20210415", "2021-04-15", None),
        ("發布日期:112/05/03", "2023-05-03", None),
        ("發布日期：民國115年1月2日", "2026-01-02", None),
        ("民国一一二年五月三日", "2023-05-03", None),
        ("June 2025", "2025-06", None),
        ("3 June 2025 10:00", "2025-06-03", "10:00"),
        ("Posted: Jun. 3, 2025", "2025-06-03", None),
        ("发布时间: 2024-05-06T10:00:00+08:00", "2024-05-06", "10:00:00"),
        ("2023年6月15日（星期四）", "2023-06-15", None),
    ],
)
def test_header_date_forms(line, value, time):
    simple = normalize(line).simple
    meta = read_meta(simple)
    assert (meta.date.value, meta.date.time) == (value, time)


@pytest.mark.parametrize(
    "line",
    [
        "活动时间:2024-05-06 13:30",  # when an event is held, not when the page was
        "报名截止日期:2024-05-06",
        "今天是2024年5月6日 星期一",  # a portal's clock
        "2024年5月 细胞治疗产业报告",  # a month only counts alone on its line
        "图片来源:视觉中国",
        "数据来源:国家统计局",
        "截至2024年5月6日 累计备案项目120个",  # a date inside a sentence
        "公开征求意见(截止期限至2024年7月7日)",
    ],
)
def test_not_a_publication_line(line):
    meta = read_meta(line)
    assert meta is None or meta.date is None and meta.source is None


@pytest.mark.parametrize(
    "line, outlet",
    [
        ("来源 :某某e互动2024-03-05", "某某e互动"),  # the date glued to the name
        ("来源:某某设计|2024-02-01|【大 中 小】【打印】", "某某设计"),
        ("2023年03月15日09:41 | 来源:浙江在线-宁波频道", "浙江在线"),
        ("来源:市发展和改革委员  会发布时间20210415", "市发展和改革委员会"),  # a label glued to the name's tail
        ("来源: 编辑:某某 2023-05-06 09:12:00", None),
        ("文章来源:某某在线", "某某在线"),
        ("发布日期: 2021-10-08 字体:【 信息来源: 某某市科学技术局", "某某市科学技术局"),
        ("来源：本站原创", None),
        ("某某日报 2021-03-08 10:15 大字", "某某日报"),
        ("2019 年 4 月 14 日 某某探索", "某某探索"),
        ("某某财经·2024-09-13 16:41", "某某财经"),
        ("原创 张三 细胞前沿 2024-05-06 10:00 发表于上海", "细胞前沿"),
        ("某某日报 记者 张三 2021-03-08", "某某日报"),
        ("2024年03月12日 星期二 上一期  下一期", None),
        ("Date: 2024-03-05", None),
        ("2024-05-06 10:00 阅读 1234", None),  # a counter
        ("2024-05-06 10:00 发表于上海", None),  # where a post was made
        ("来源:网络整理", None),
        ("2024年5月6日 农历三月廿八 某某日报", "某某日报"),
    ],
)
def test_outlet_of_a_header_line(line, outlet):
    meta = read_meta(normalize(line).simple)
    assert (meta.source or meta.word) == outlet


def test_roc_year_is_not_read_as_a_two_digit_year():
    assert header_date("民國99年1月1日").value == "2010-01-01"


ROC_PAGE = """再生醫療法施行細則預告 業者須完成登錄
發布日期:112/05/03
衛生福利部今日預告再生醫療法施行細則草案,業者應於施行後六個月內完成登錄。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_roc_date_in_the_header(script):
    layout, title, _ = read(ROC_PAGE, script)
    assert title == in_script("再生醫療法施行細則預告 業者須完成登錄", script)
    assert header(layout) == (None, "2023-05-03", None, False)


ENGLISH_MONTH_PAGE = """June 2025
细胞治疗特管办法修正重点整理(上)
本文整理细胞治疗特管办法修正草案的重点,并说明业者应注意的事项。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_english_month_gives_a_published_month(script):
    layout, title, _ = read(ENGLISH_MONTH_PAGE, script)
    assert title == in_script("细胞治疗特管办法修正重点整理(上)", script)
    assert header(layout) == (None, "2025-06", None, False)


CLOSING_DATELINE = """深圳细胞和基因产业促进条例获表决通过
深圳市人大常委会昨日表决通过细胞和基因产业促进条例,条例自明年起施行。(新华社,2022年12月30日深圳)
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_dateline_at_the_end_of_the_text(script):
    layout, title, _ = read(CLOSING_DATELINE, script)
    assert title == in_script("深圳细胞和基因产业促进条例获表决通过", script)
    assert header(layout) == ("新华社", "2022-12-30", None, False)
    assert layout.published_basis == "stated in a dateline at the end"


FORUM_REPOST = """设为首页  加入收藏
 找回密码
 立即注册
打印 上一主题 下一主题

细胞治疗产业园三期开工

[复制链接]
主题
帖子
跳转到指定楼层
楼主
发表于 2021-3-9 08:00:00 | 只看该作者 |倒序浏览 |阅读模式
2021-03-08 18:30        来源:南通日报         责任编辑:某某
3月8日,南通细胞治疗产业园三期开工,总建筑面积9万平方米。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_forum_repost_is_dated_by_its_source_line(script):
    layout, title, body = read(FORUM_REPOST, script)
    assert title == in_script("细胞治疗产业园三期开工", script)
    assert header(layout) == ("南通日报", "2021-03-08", "18:30", False)
    assert body == in_script("3月8日,南通细胞治疗产业园三期开工,总建筑面积9万平方米。", script)


LIST_PAGE = """上海市政策
2021 年 6 月 1 日
上海市经济信息化委发布生物医药产业支持政策,明确支持细胞治疗产品产业化。
2021 年 7 月 9 日
上海市药监局发布细胞治疗产品临床试验指导意见。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_date_alone_heading_a_list_entry_is_not_the_published_date(script):
    layout, title, body = read(LIST_PAGE, script)
    assert title is None
    assert header(layout) == (None, "2021-07-09", None, True)  # inferred from the body
    assert in_script("2021 年 6 月 1 日", script) in body


EVENT_PAGE = """主办活动
细胞治疗临床转化研讨会
活动时间:2024-05-06 13:30 ~ 2024-05-06 17:00
活动地点:广州市黄埔区
主办方简介
研讨会由区生物医药产业协会主办,邀请二十余位专家参加。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_event_page_has_neither_title_nor_stated_date(script):
    layout, title, _ = read(EVENT_PAGE, script)
    assert title is None
    assert layout.published is None or layout.published_inferred


PORTAL_CLOCK_AND_MENU = """今天是：2024年5月6日 星期一
新闻中心
政务公开
办事服务
互动交流

市药监局开展细胞治疗产品生产企业专项检查

发布时间：2024-04-30 16:00 来源：市药监局 浏览次数：128
4月29日,市药监局开展细胞治疗产品生产企业专项检查。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_portal_clock_and_menu_items_above_the_headline(script):
    layout, title, body = read(PORTAL_CLOCK_AND_MENU, script)
    assert title == in_script("市药监局开展细胞治疗产品生产企业专项检查", script)
    assert header(layout) == ("市药监局", "2024-04-30", "16:00", False)
    assert body == in_script("4月29日,市药监局开展细胞治疗产品生产企业专项检查。", script)


LEAD_BEFORE_THE_DATELINE = """细胞治疗行业迎来政策红利
摘要：多地出台支持政策。
2024-05-06 08:00 来源：健康时报 作者：本站原创
多地近期出台细胞治疗产业支持政策。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_lead_line_before_the_dateline(script):
    layout, title, _ = read(LEAD_BEFORE_THE_DATELINE, script)
    assert title == in_script("细胞治疗行业迎来政策红利", script)
    assert header(layout) == ("健康时报", "2024-05-06", "08:00", False)


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_site_itself_is_no_outlet(script):
    page = "某某区细胞治疗产业基金设立\n发布时间：2024-05-06　来源：本站原创\n5月6日,某某区设立细胞治疗产业基金。\n"
    layout, _, _ = read(page, script)
    assert header(layout) == (None, "2024-05-06", None, False)


# --- the title ----------------------------------------------------------------------------

BREADCRUMB_ENDING_IN_THE_TITLE = """广州日报 > 广州国际生物岛细胞治疗产业基地启用

广州国际生物岛细胞治疗产业基地启用

2021-05-20 10:00:00 来源:广州日报
5月19日,广州国际生物岛细胞治疗产业基地正式启用。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_breadcrumb_ending_in_the_title_is_not_the_title(script):
    layout, title, _ = read(BREADCRUMB_ENDING_IN_THE_TITLE, script)
    assert title == in_script("广州国际生物岛细胞治疗产业基地启用", script)
    assert header(layout) == ("广州日报", "2021-05-20", "10:00:00", False)


SITE_BAR = """南方观察网 健康 黄埔区细胞治疗产业基地启用

黄埔区细胞治疗产业基地启用

5月19日,黄埔区细胞治疗产业基地正式启用,首批入驻企业12家。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_site_name_and_channel_before_the_title(script):
    layout, title, _ = read(SITE_BAR, script)
    assert title == in_script("黄埔区细胞治疗产业基地启用", script)
    assert (layout.outlet, layout.outlet_inferred) == ("南方观察网", True)
    assert layout.published is None


ORIGINAL_TITLE = """来源:合肥发布客户端
2024-06-01 08:00:00
原标题:合肥细胞治疗产业园揭牌
来源:合肥日报
原标题:合肥细胞治疗产业园揭牌
来源:合肥日报
5月31日,合肥细胞治疗产业园揭牌,首期建筑面积8万平方米。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_original_title_label_is_not_part_of_the_title(script):
    layout, title, body = read(ORIGINAL_TITLE, script)
    assert title == in_script("合肥细胞治疗产业园揭牌", script)
    assert header(layout) == ("合肥发布客户端", "2024-06-01", "08:00:00", False)
    assert body == in_script("5月31日,合肥细胞治疗产业园揭牌,首期建筑面积8万平方米。", script)


FOLLOW_LINES = """↑关注我们,最新资讯不错过~
点亮星标,获取更多行业资讯~

撰文│产业研究部
编辑│某某
年度政策
2024年全国细胞治疗相关政策持续完善,审评审批效率进一步提升。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_follow_lines_and_a_section_heading_are_no_title(script):
    layout, title, _ = read(FOLLOW_LINES, script)
    assert title is None


LOCATION_LINE = """湖南新闻网长沙正文
新闻热线:0731-12345678

长沙干细胞产业园获批省级园区

2024-09-10 10:10:10
来源:湖南在线

9月9日,长沙干细胞产业园获批省级特色产业园区。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_location_line_is_not_the_title(script):
    layout, title, _ = read(LOCATION_LINE, script)
    assert title == in_script("长沙干细胞产业园获批省级园区", script)
    assert header(layout) == ("湖南在线", "2024-09-10", "10:10:10", False)


CHANNEL_LABEL = """• 南通 多云转晴 25℃~16℃

要闻|南通细胞治疗产业联盟成立 首批成员单位40家

来源: 编辑:某某 2023-05-06 09:12:00 查看数:0

5月6日,南通细胞治疗产业联盟成立。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_channel_label_and_weather_bar(script):
    layout, title, _ = read(CHANNEL_LABEL, script)
    assert title == in_script("南通细胞治疗产业联盟成立 首批成员单位40家", script)
    assert header(layout) == (None, "2023-05-06", "09:12:00", False)


ANNOUNCEMENT = """第A08版:信息披露 上一版  下一版
标题导航
首页 | 电子报首页 | 版面导航 | 标题导航
2024年03月12日 星期二 上一期  下一期
上一篇  下一篇
证券代码:600000 证券简称:某某生物 公告编号:2024-011
某某生物科技股份有限公司
关于控股子公司细胞治疗产品获得临床试验默示许可的公告
  本公司董事会及董事会全体成员保证信息披露的内容真实、准确、完整。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_e_paper_announcement(script):
    layout, title, _ = read(ANNOUNCEMENT, script)
    assert title == in_script("关于控股子公司细胞治疗产品获得临床试验默示许可的公告", script)
    assert header(layout) == (None, "2024-03-12", None, False)


CONTENT_ONLY = """细胞产品质量
2024年3月1日,国家药监局发布细胞治疗产品质量管理指南。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_short_heading_glued_to_the_text_is_no_title(script):
    layout, title, body = read(CONTENT_ONLY, script)
    assert title is None
    assert body.splitlines()[0] == in_script("细胞产品质量", script)


SITE_AFTER_THE_TITLE = """细胞治疗产业园开园 首批十家企业进驻 - 海峡新闻网
2024/06/04 17:30
记者王小明/台北报导
细胞治疗产业园今天开园,首批十家企业进驻。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_site_name_after_the_title(script):
    layout, title, _ = read(SITE_AFTER_THE_TITLE, script)
    assert title == in_script("细胞治疗产业园开园 首批十家企业进驻", script)
    assert (layout.outlet, layout.outlet_inferred) == ("海峡新闻网", True)
    assert (layout.published, layout.published_time) == ("2024-06-04", "17:30")


CAPTION_FIRST = """图为园区外景 张三 摄

5月6日,园区二期项目开工建设。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_photo_caption_is_no_title(script):
    _, title, _ = read(CAPTION_FIRST, script)
    assert title is None


# --- the outlet ---------------------------------------------------------------------------

SITE_NAME_FIRST = """健康时报网
首页 > 资讯 > 正文
细胞治疗行业迎来政策红利
2024-05-06 08:00
多地近期出台细胞治疗产业支持政策。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_site_name_alone_on_the_first_line(script):
    layout, title, _ = read(SITE_NAME_FIRST, script)
    assert title == in_script("细胞治疗行业迎来政策红利", script)
    assert (layout.outlet, layout.outlet_inferred, layout.published) == ("健康时报网", True, "2024-05-06")


SOURCE_NOTE_AT_THE_END = """合肥细胞治疗产业园二期开工
5月6日,合肥细胞治疗产业园二期开工,计划2026年建成。
园区负责人表示,二期将重点引进细胞治疗CDMO企业。(来源:安徽日报 2024-05-07)
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_source_note_closing_the_text(script):
    layout, title, _ = read(SOURCE_NOTE_AT_THE_END, script)
    assert title == in_script("合肥细胞治疗产业园二期开工", script)
    assert header(layout) == ("安徽日报", "2024-05-07", None, False)
    assert layout.published_basis == "stated in a dateline at the end"


@pytest.mark.parametrize("script", SCRIPTS)
def test_bracketed_date_without_a_publisher_says_nothing(script):
    page = "细胞治疗管理办法草案公布\n草案公开征求意见(截止期限至2024年7月7日)\n"
    layout, _, _ = read(page, script)
    assert (layout.outlet, layout.published_inferred) == (None, True)


PUBLISHER_ABOVE_THE_DATE = """浙大新闻中心

2023年9月1日

浙江大学细胞治疗研究中心揭牌成立

9月1日,浙江大学细胞治疗研究中心揭牌。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_publisher_alone_above_a_date(script):
    layout, title, body = read(PUBLISHER_ABOVE_THE_DATE, script)
    assert title == in_script("浙江大学细胞治疗研究中心揭牌成立", script)
    assert header(layout) == ("浙大新闻中心", "2023-09-01", None, False)
    assert body == in_script("9月1日,浙江大学细胞治疗研究中心揭牌。", script)


WELCOME_LINE = """中国医药在线网欢迎您!
当前位置:首页>行业资讯 > 正文内容

上海临港细胞治疗产业园开园

11月8日,上海临港细胞治疗产业园开园,首批企业签约入驻。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_welcome_line_names_the_site(script):
    layout, title, _ = read(WELCOME_LINE, script)
    assert title == in_script("上海临港细胞治疗产业园开园", script)
    assert (layout.outlet, layout.outlet_inferred, layout.published) == ("中国医药在线网", True, None)


SIGNED_NOTICE = """为规范细胞治疗产品临床试验,现将有关事项通知如下。
一、各单位应于2024年4月1日前完成备案。
特此通知。
湖北省药品监督管理局
2024年3月1日
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_signed_notice_names_its_issuer_and_its_date_stays_inferred(script):
    layout, title, _ = read(SIGNED_NOTICE, script)
    assert title is None
    assert (layout.outlet, layout.outlet_inferred) == ("湖北省药品监督管理局", True)
    assert (layout.published, layout.published_inferred) == ("2024-04-01", True)


TRAIL_ENDING_IN_THE_ONLY_TITLE = """首页 > 新闻动态 > 某某生物细胞治疗生产基地在苏州投产
2024-05-06 09:00 来源:某某生物
5月6日,某某生物细胞治疗生产基地在苏州投产。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_trail_ending_in_the_only_headline_gives_the_title(script):
    layout, title, body = read(TRAIL_ENDING_IN_THE_ONLY_TITLE, script)
    assert title == in_script("某某生物细胞治疗生产基地在苏州投产", script)
    assert header(layout) == ("某某生物", "2024-05-06", "09:00", False)
    assert body == in_script("5月6日,某某生物细胞治疗生产基地在苏州投产。", script)


YEAR_HEADINGS = """2023-01-05 10:00 某某周刊
●2021年
4月,某市细胞治疗产业园开园。
【2022年度】
3月,某市出台细胞产业扶持办法。
"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_year_heading_under_the_dateline_is_no_title(script):
    layout, title, body = read(YEAR_HEADINGS, script)
    assert title is None
    assert header(layout) == ("某某周刊", "2023-01-05", "10:00", False)
    assert body.splitlines() == in_script("●2021年\n4月,某市细胞治疗产业园开园。\n【2022年度】\n3月,某市出台细胞产业扶持办法。", script).splitlines()
