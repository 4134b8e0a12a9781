"""Header, body and boilerplate on pages of several styles."""

import pytest

from cgt_cli.extract.layout import find_layout, is_boilerplate, is_trailer_heading
from cgt_cli.read.normalize import normalize


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 新闻中心 > 产业动态",
        "山东> 今日山东> 正文",
        "当前位置:首页 » 要闻 » 正文",
        "想爆料?请拨打新闻热线0571-88888888",
        "新闻热线:025-96060 投稿邮箱:news@example.com.cn",
        "报料邮箱: tips@example.com",
        # an address alone on a long line (no 热线 or 邮箱 before it)
        "如对本文所述细胞治疗项目的进展有任何疑问或补充,欢迎致信 wang.li@example.org 与编辑部联系",
        "如對本文所述細胞治療項目的進展有任何疑問或補充,歡迎致信 wang.li@example.org 與編輯部聯繫",
        "互联网新闻信息服务许可证:44120180008",
        "浙公网安备33010602000123号",
        "京ICP备12345678号-1",
        "© 2008-2025 某某日报社 版权所有",
        "Copyright © 2003-2024 Example Media. All Rights Reserved",
        "未经授权不得转载",
        "责任编辑:王小明",
        "分享到: 微信 微博 QQ空间",
        "扫一扫 关注我们",
        "- 澎湃新闻微博",
        "南方日报官方微博",
        "大字 中字 小字",
        "0",
        "- +1",
        "12,345",
        "关键词: 生物医药 细胞治疗",
        "上一篇:某某园区开园",
        "湖南新闻网长沙正文",  # where the page sits
        "首页 | 电子报首页 | 版面导航 | 标题导航",
        "奶茶做法_奶茶配方_奶茶加盟",  # a page title of keywords
        "• 南通 多云转晴 25℃~16℃",
        "浙江网>>宁波频道>>滚动新闻",
        "当前位置:首页 > 新闻中心 > 行业动态 >",
        "广州日报 > 广州国际生物岛细胞治疗产业基地启用",  # a breadcrumb ending in the headline
        "↑点亮星标,获取更多行业资讯~",
        "↑关注我们,最新资讯不错过~",
        "【字体:大 中 小】【打印】",
        "中国医药在线网欢迎您!",
        "打印 上一主题 下一主题",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "苏州工业园区生物医药产业园二期正式开园",
        "5月20日,某某生物科技有限公司与深圳市南山区签署合作协议。",
        "该公司总经理表示,将在三年内建成细胞治疗CDMO平台。",
        "据悉,该中心已获得药品生产许可证,预计年底投产。",  # a licence in the news, not a licence line
        "栽好梧桐树,引来金凤凰",
        "CAR-T细胞治疗产品获批上市",
        "(图片来自某某高新区党群工作部)",
        "自2020年起,论坛已连续举办三年。",
        "细胞存活率>90%",
        "纯度 > 99%,符合放行标准要求,产品于当日放行。",
        "某公司营收_同比增长",
    ],
)
def test_article_lines_are_kept(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line", ["相关推荐", "相关阅读:", "【延伸阅读】", "End", "猜你喜欢", "精彩推送", "—— 相关 推荐 ——", "E n d", "■网友评论■"]
)
def test_trailer_headings(line):
    assert is_trailer_heading(line)


@pytest.mark.parametrize(
    "line", ["相关推荐产品上市", "本文推荐阅读的报告指出,产业规模扩大。", "评论 评论", "end", "推荐相关"]
)
def test_not_trailer_headings(line):
    assert not is_trailer_heading(line)


def lay_out(raw):
    norm = normalize(raw)
    layout = find_layout(norm.simple)
    body = "\n".join(norm.text[s:e] for s, e in layout.body)
    title = norm.text[layout.title[0] : layout.title[1]] if layout.title else None
    return layout, title, body


PORTAL_PAGE = """首页 > 健康 > 正文
杭州钱塘生物医药产业园迎来首批细胞治疗企业
2023-06-18 09:30:12 来源:钱江晚报
6月16日,杭州钱塘生物医药产业园举行入园仪式,十家细胞治疗企业集中签约。
园区负责人介绍,二期工程预计2024年底竣工。
相关阅读
2023年6月1日 杭州发布生物医药新政
分享到: 微信 微博
"""


def test_portal_page():
    layout, title, body = lay_out(PORTAL_PAGE)
    assert title == "杭州钱塘生物医药产业园迎来首批细胞治疗企业"
    assert (layout.published, layout.published_time, layout.published_inferred) == ("2023-06-18", "09:30:12", False)
    assert layout.outlet == "钱江晚报"
    assert body.splitlines() == [
        "6月16日,杭州钱塘生物医药产业园举行入园仪式,十家细胞治疗企业集中签约。",
        "园区负责人介绍,二期工程预计2024年底竣工。",
    ]


TRADITIONAL_PAGE = """來源:香港經濟日報
發佈時間:2024/05/06 10:05
香(xiāng)港科學園設立細胞治療研究中心,首批項目於5月3日啟動。
查詢熱線:852-2345-6789
© 2015-2025 某某傳媒有限公司
"""


def test_traditional_page_without_title():
    layout, title, body = lay_out(TRADITIONAL_PAGE)
    assert title is None
    assert (layout.outlet, layout.published, layout.published_time) == ("香港经济日报", "2024-05-06", "10:05")
    assert body == "香港科學園設立細胞治療研究中心,首批項目於5月3日啟動。"


NO_HEADER_DATE = """- +1
广州国际生物岛细胞治疗峰会举行
·峰会聚焦细胞治疗临床转化。
2024年3月8日,广州国际生物岛细胞治疗峰会举行,三十余家企业参会。
3月10日,与会企业签署合作备忘录。
- 南方都市报微博
- 南方都市报公众号
粤ICP备05062536号
? 2010-2025 某某传媒有限公司
"""


def test_published_date_inferred_from_the_body_not_the_footer():
    layout, title, body = lay_out(NO_HEADER_DATE)
    assert title == "广州国际生物岛细胞治疗峰会举行"
    assert (layout.published, layout.published_inferred) == ("2024-03-08", True)
    assert layout.published_basis == "inferred: the latest full date in the body (2024-03-08)"
    assert (layout.outlet, layout.outlet_inferred) == ("南方都市报", True)
    assert "2010" not in body and "ICP" not in body and "微博" not in body
    assert body.splitlines()[0] == "·峰会聚焦细胞治疗临床转化。"


def test_no_date_anywhere():
    layout, title, body = lay_out("细胞治疗产业快速发展\n多家企业加大投入,产能持续扩张。\n")
    assert (layout.published, layout.published_inferred) == (None, False)
    assert layout.published_basis == "no date in the header or body"
    assert body == "多家企业加大投入,产能持续扩张。"
