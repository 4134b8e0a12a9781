"""Saved web pages (*.html, *.htm) as input: read with trafilatura, the page's
declared charset honoured, its title, site and date as the header, and the
same extraction and provenance as a text file (`file:line` counts lines of
the extracted text: the title, then the main text)."""

import json
import sys

import pytest

from cgt_cli.index.cache import content_key
from cgt_cli.read.files import SkipFile
from cgt_cli.read.html import decode_page, read_page
from conftest import loaded_by

SUZHOU = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>苏州工业园区细胞治疗中试平台启用_新闻中心_苏州日报</title>
<meta property="og:title" content="苏州工业园区细胞治疗中试平台启用">
<meta property="og:site_name" content="苏州日报">
<meta property="article:published_time" content="2023-05-12T09:30:00+08:00">
<script>var _hmt = _hmt || []; document.write("<div>统计</div>");</script>
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/zt">专题</a> | <a href="/login">登录</a></div>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/news">新闻中心</a> &gt; 正文</div>
<article>
<h1>苏州工业园区细胞治疗中试平台启用</h1>
<div class="info">2023-05-12 09:30 来源：苏州日报 作者：记者 王晓燕</div>
<p>5月10日上午，苏州工业园区细胞治疗中试平台在生物医药产业园正式启用，首批五家细胞治疗企业现场签约入驻，平台由园区管委会与三家企业共同投资建设。</p>
<p>平台负责人介绍，平台建有符合GMP要求的洁净车间两千平方米，可同时开展三条CAR-T细胞制备工艺的中试生产，并将于年底前完成质量体系认证，为入驻企业缩短临床申报周期。</p>
<p>据了解，2022年11月，园区管委会发布了支持细胞和基因治疗产业发展的若干措施，对开展临床试验的企业给予最高一千万元的资金支持。</p>
</article>
<div class="recommend"><h3>相关推荐</h3><ul><li><a href="/a">2021年园区生物医药产值突破千亿</a></li><li><a href="/b">园区举办生物医药人才招聘会</a></li></ul></div>
<footer><p>版权所有 苏州日报社 苏ICP备12345678号 联系电话：0512-12345678</p></footer>
</body>
</html>
"""

HONG_KONG = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>香港科學園與深圳企業簽署細胞治療合作協議 - 香港經濟日報</title>
</head>
<body>
<table><tr><td><a href="/">主頁</a></td><td><a href="/fin">財經</a></td><td><a href="/tech">科技</a></td></tr></table>
<div id="content">
<h1>香港科學園與深圳企業簽署細胞治療合作協議</h1>
<p>2024年5月6日</p>
<p>香港科學園5月3日與深圳一家細胞治療企業簽署合作協議，雙方將在科學園共同建立細胞治療研發中心，首期投資約兩億港元，預計明年投入使用。</p>
<p>科學園公司行政總裁表示，研發中心將引入自動化封閉式細胞製備設備，並與本地大學醫學院合作開展早期臨床研究，推動香港成為區域細胞治療樞紐。</p>
</div>
<div class="footer">版權所有 不得轉載 Copyright 2024</div>
</body>
</html>
"""

LOGIN = """<html><head><meta charset="utf-8"><title>登录</title></head><body><div class="nav"><a href="/">首页</a>
<a href="/login">登录</a></div><script>location.href="/login";</script></body></html>
"""


@pytest.fixture
def pages(tmp_path):
    (tmp_path / "suzhou.html").write_text(SUZHOU, encoding="utf-8")
    gb = SUZHOU.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    (tmp_path / "suzhou-gb.html").write_bytes(gb.encode("gbk"))
    (tmp_path / "hk.htm").write_bytes(HONG_KONG.encode("big5"))
    return tmp_path


def test_a_saved_page_is_read_for_its_title_site_date_and_main_text():
    text, encoding, meta = read_page(SUZHOU.encode("utf-8"))
    assert encoding == "utf-8"
    assert (meta.title, meta.site, meta.published) == ("苏州工业园区细胞治疗中试平台启用", "苏州日报", "2023-05-12")
    lines = text.splitlines()
    assert lines[0] == "苏州工业园区细胞治疗中试平台启用"
    assert lines[1] == "2023-05-12 09:30 来源：苏州日报 作者：记者 王晓燕"
    assert lines[2].startswith("5月10日上午，苏州工业园区细胞治疗中试平台")
    assert not any("首页" in line or "相关推荐" in line or "ICP" in line or "统计" in line for line in lines)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SUZHOU.replace("charset=\"utf-8\"", "charset=gb2312").encode("gbk"), "gb18030"),
        (HONG_KONG.encode("big5"), "big5hkscs"),
    ],
    ids=["gb2312", "big5"],
)
def test_the_charset_a_page_declares_is_honoured(data, encoding):
    markup, used = decode_page(data)
    assert used == encoding
    assert "细胞治疗中试平台" in markup or "細胞治療合作協議" in markup


def test_a_wrong_declaration_falls_back_to_what_the_bytes_are():
    data = SUZHOU.replace('<meta charset="utf-8">', '<meta charset="big5">').encode("utf-8")
    markup, used = decode_page(data)
    assert used == "utf-8"
    assert "苏州工业园区" in markup


def test_a_page_without_article_text_is_skipped():
    with pytest.raises(SkipFile, match="^no article text found in the HTML page$"):
        read_page(LOGIN.encode("utf-8"))


def test_without_trafilatura_a_page_is_skipped_with_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as when it is not installed
    with pytest.raises(SkipFile) as why:
        read_page(SUZHOU.encode("utf-8"))
    assert str(why.value) == "reading saved web pages needs trafilatura: pip install 'cgt[html]'"


def test_the_same_bytes_as_a_page_and_as_text_are_cached_apart():
    data = SUZHOU.encode("utf-8")
    assert content_key(data, "a.html") != content_key(data, "a.txt")
    assert content_key(data, "b.HTM") == content_key(data, "a.html")


def test_sources_say_the_articles_came_from_html(cgt, pages):
    result = cgt("sources", "--corpus", str(pages), "--json")
    assert result.exit_code == 0
    found = {s["id"]: s for s in json.loads(result.stdout)}
    assert sorted(found) == ["hk", "suzhou", "suzhou-gb"]
    assert {s["format"] for s in found.values()} == {"html"}
    suzhou = found["suzhou"]
    assert (suzhou["title"], suzhou["outlet"], suzhou["published"], suzhou["encoding"]) == (
        "苏州工业园区细胞治疗中试平台启用", "苏州日报", "2023-05-12", "utf-8",
    )  # fmt: skip
    assert suzhou["published_basis"] == "stated on the page (read by htmldate)"
    assert found["suzhou-gb"]["encoding"] == "gb18030"
    hk = found["hk"]
    assert (hk["title"], hk["published"], hk["published_basis"], hk["script"]) == (
        "香港科學園與深圳企業簽署細胞治療合作協議", "2024-05-06", "stated in the header", "traditional",
    )  # fmt: skip


def test_events_of_a_page_cite_lines_of_its_extracted_text(cgt, pages):
    result = cgt("timeline", "--corpus", str(pages / "suzhou.html"), "--corpus", str(pages / "hk.htm"), "--json")
    assert result.exit_code == 0
    events = [(e["date"], e["summary"], e["quotes"][0]["file"].rsplit("/", 1)[-1], e["quotes"][0]["line"]) for e in json.loads(result.stdout)]
    assert events == [
        ("2022-11", "园区管委会发布支持细胞和基因治疗产业发展的若干措施", "suzhou.html", 5),
        ("2023-05-10", "苏州工业园区细胞治疗中试平台在生物医药产业园正式启用", "suzhou.html", 3),
        ("2024-05-03", "香港科学园与深圳一家细胞治疗企业签署合作协议", "hk.htm", 3),
        ("2025", "预计投入使用", "hk.htm", 3),  # 明年 of a page published in 2024
    ]
    assert [e["status"] for e in json.loads(result.stdout)] == ["happened", "happened", "happened", "planned"]
    quote = json.loads(result.stdout)[2]["quote"]
    assert quote == "香港科學園5月3日與深圳一家細胞治療企業簽署合作協議，雙方將在科學園共同建立細胞治療研發中心，首期投資約兩億港元，預計明年投入使用。"


def test_grep_finds_either_script_in_pages_with_their_line(cgt, pages):
    result = cgt("grep", "-e", "濟南|研發中心", "--corpus", str(pages / "hk.htm"), "--json")
    assert [(h["line"], h["column"], h["match"]) for h in json.loads(result.stdout)] == [(3, 43, "研發中心"), (4, 13, "研發中心")]


def test_a_page_that_cannot_be_read_is_reported_and_the_rest_served(cgt, pages):
    (pages / "login.html").write_text(LOGIN, encoding="utf-8")
    result = cgt("sources", "--corpus", str(pages), "--json", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == f"cgt: skipped {pages / 'login.html'}: no article text found in the HTML page\n"
    assert [s["id"] for s in json.loads(result.stdout)] == ["hk", "suzhou-gb", "suzhou"]


def test_a_text_corpus_never_imports_trafilatura():
    assert loaded_by(["timeline", "--no-cache"], ["trafilatura", "htmldate", "lxml"]) == []
