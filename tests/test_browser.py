"""The timeline page in a real browser: Chromium driven by Playwright.

Needs Playwright for Python (`pip install -e '.[browser]'`) and a system
Chromium (Debian's `chromium`; or set CGT_CHROMIUM to a Chrome or Chromium);
Playwright's own browser downloads are never used. Without them the tests
skip with one line. Screenshots are kept in tests/artifacts/.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from cgt_cli.read.files import bundled_seeds

ARTIFACTS = Path(__file__).parent / "artifacts"
GOLDEN = Path(__file__).parent / "golden"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SEED_DATES = [
    "2018", "2019-04-13", "2019-12", "2020-09-25", "2021-07", "2022-01-19",
    "2022-03-23", "2022-11-11", "~2022-11-15", "~2022-11-18", "2024-09-02",
]  # fmt: skip
JINAN_EVENT = "山东自贸试验区济南片区明湖国际细胞医学产业园签约仪式举行"
HOSTILE = (
    "杭州细胞治疗产业园开园\n2023-03-02 09:00 钱江晚报\n"
    "3月1日,杭州<script>window.pwned=1</script>细胞治疗产业园正式开园,"
    "园区公布了申报入口javascript:alert(2)和模板{{7*7}}以及</textarea><img src=x onerror=alert(3)>。\n"
)


def _chromium() -> str | None:
    for candidate in (os.environ.get("CGT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    return None


CHROMIUM = _chromium()
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    pytest.skip("Playwright is not installed (pip install -e '.[browser]')", allow_module_level=True)
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine (apt-get install chromium, or set CGT_CHROMIUM)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _write_page(tmp_path, cgt, *args, name="page.html") -> Path:
    path = tmp_path / name
    result = cgt(*args, "--format", "html", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def seeds_page(tmp_path, cgt):
    return _write_page(tmp_path, cgt, "timeline", "--corpus", str(bundled_seeds()))


@pytest.fixture
def open_page(browser):
    """Open a page file at a width; every network request it makes is recorded."""
    contexts = []

    def opened(path: Path, width: int = 1280, height: int = 900, fragment: str = ""):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.dialogs = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri() + fragment)
        page.wait_for_selector("html[data-ready]")
        return page

    yield opened
    for context in contexts:
        context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(".ev", "rows => rows.map(r => [r.querySelector('.when').textContent, r.querySelector('.what').textContent])")


def test_the_eleven_seed_events_are_drawn_in_date_order(seeds_page, open_page):
    page = open_page(seeds_page)
    assert [when for when, _ in _rows(page)] == SEED_DATES
    marks = page.eval_on_selector_all(".mark", "ms => ms.map(m => [+m.dataset.i, m.querySelector('.bar').getBoundingClientRect().left])")
    assert sorted(i for i, _ in marks) == list(range(11))
    lefts = [left for _, left in sorted(marks)]
    assert lefts == sorted(lefts)  # event i+1 never starts left of event i
    assert page.inner_text("#status") == "11 of 11 events"
    assert page.requests == [seeds_page.as_uri()]  # nothing but the file itself
    _shot(page, "seeds-1280.png")


def test_clicking_an_event_shows_its_quote_and_source(seeds_page, open_page):
    page = open_page(seeds_page)
    golden = json.loads((GOLDEN / "timeline.json").read_text(encoding="utf-8"))[1]
    page.click(f".ev:has-text('{golden['summary']}')")
    assert page.inner_text("#detail .d-summary") == golden["summary"]
    assert page.inner_text("#detail .quote p") == f"“{golden['quote']}”"
    cite = page.inner_text("#detail .cite")
    assert cite.startswith("生物探索 · 2019-04-14 · 《无锡细胞治疗产业联盟倡议在锡发起》 · ")
    assert cite.endswith("seeds/003_77c54f545fce949e.txt:5")
    assert golden["quotes"][0]["line"] == 5
    assert "event=1" in page.evaluate("location.hash")
    page.click(".mark[data-i='3']")  # the chart selects too
    assert page.inner_text("#detail .d-summary") == JINAN_EVENT
    _shot(page, "seeds-1280-detail.png")


def test_traditional_jinan_in_the_search_box_finds_the_jinan_event(seeds_page, open_page):
    page = open_page(seeds_page)
    page.fill("#f-q", "濟南")
    expect(page.locator(".ev")).to_have_count(1)
    assert _rows(page) == [["2020-09-25", JINAN_EVENT]]
    assert page.eval_on_selector_all(".mark", "ms => ms.length") == 1
    shared = page.evaluate("location.hash")
    assert shared == "#q=%E6%BF%9F%E5%8D%97"
    again = open_page(seeds_page, fragment=shared)  # the fragment keeps the view
    assert again.input_value("#f-q") == "濟南"
    assert _rows(again) == [["2020-09-25", JINAN_EVENT]]


def test_kind_source_and_date_filters_combine_and_are_kept_in_the_url(seeds_page, open_page):
    page = open_page(seeds_page, fragment="#kind=org&from=2022&to=2022-06")
    assert [when for when, _ in _rows(page)] == ["2022-01-19", "2022-03-23"]
    page.fill("#f-source", "四川新闻网")
    page.fill("#f-from", "")
    expect(page.locator(".ev")).to_have_count(5)
    assert [when for when, _ in _rows(page)] == ["2018", "2019-12", "2021-07", "2022-01-19", "2022-03-23"]
    assert page.evaluate("location.hash") == "#kind=org&source=%E5%9B%9B%E5%B7%9D%E6%96%B0%E9%97%BB%E7%BD%91&to=2022-06"
    page.click("#f-reset")
    assert len(_rows(page)) == 11


def test_an_entity_opens_its_card(seeds_page, open_page):
    page = open_page(seeds_page)
    page.click(f".ev:has-text('{JINAN_EVENT}')")
    page.click("#detail .ent:has-text('山东大学')")
    card = page.locator("#card[open]")
    assert card.locator("h2").inner_text() == "山东大学organisation"
    assert "山東大學" in card.locator(".facts").inner_text()
    assert card.locator(".card-events li").all_inner_texts() == [f"2020-09-25\n{JINAN_EVENT}"]
    assert "card=" in page.evaluate("location.hash")
    _shot(page, "seeds-card.png")
    page.keyboard.press("Escape")
    assert page.locator("#card[open]").count() == 0


def test_the_keyboard_moves_through_the_events_with_a_visible_focus(seeds_page, open_page):
    page = open_page(seeds_page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the events"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "list"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.inner_text("#detail .d-summary") == "中心已组建“成都华西精准医学产业创新中心有限公司”"
    page.keyboard.press("End")
    assert page.inner_text("#detail .d-date") == "2024-09-02"
    assert page.locator(".ev.cursor").count() == 1


def _overflowing(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth + 0.5)
        .map(e => e.tagName + '.' + e.className)"""
    )


def test_at_360_px_nothing_overflows_horizontally(seeds_page, open_page):
    page = open_page(seeds_page, width=360, height=800)
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    assert _overflowing(page) == []
    _shot(page, "seeds-360.png")
    page.click(f".ev:has-text('{JINAN_EVENT}')")  # the detail opens under its event
    assert page.locator(f".ev:has-text('{JINAN_EVENT}') .detail .quote").count() == 1
    assert _overflowing(page) == []
    _shot(page, "seeds-360-detail.png")
    page.click(".ev.sel .ent:has-text('山东大学')")
    assert _overflowing(page) == []


def test_article_text_is_shown_as_text_never_run(tmp_path, cgt, open_page):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    path = _write_page(tmp_path, cgt, "timeline", "--corpus", str(tmp_path / "corpus"))
    page = open_page(path)
    page.click(".ev")
    quote = page.inner_text("#detail .quote p")
    assert page.inner_text("#detail .d-summary") == "杭州<script>window.pwned=1</script>细胞治疗产业园正式开园"
    for text in ("<script>window.pwned=1</script>", "javascript:alert(2)", "{{7*7}}", "</textarea><img src=x onerror=alert(3)>"):
        assert text in quote
    assert page.evaluate("window.pwned") is None
    assert page.dialogs == []
    assert page.eval_on_selector_all("script", "s => s.length") == 2
    assert page.eval_on_selector_all("img, textarea", "s => s.length") == 0
    assert page.requests == [path.as_uri()]


def test_an_entity_page_leads_with_its_card(tmp_path, cgt, open_page):
    path = _write_page(tmp_path, cgt, "show", "山东大学", "--corpus", str(bundled_seeds()))
    page = open_page(path)
    assert page.inner_text("#focus h2") == "山东大学organisation"
    assert page.locator("#focus .seen").inner_text() == "11 mentions in 2 articles, published 2020-09-28 to 2024-09-03"
    assert page.locator("#focus .quote").count() == 5  # the first five, as in the terminal; --all for every one
    assert _rows(page) == [["2020-09-25", JINAN_EVENT]]
    _shot(page, "show-1280.png")
