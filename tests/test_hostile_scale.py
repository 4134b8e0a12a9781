"""Small copies of the shapes that once took minutes or gigabytes (benchmarks/hostile.py
measures the full ones). What keeps them linear is checked by what it bounds, not by time:
sentence length, pairs per list, quotes per merged event, line numbers by bisection."""

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_cli.extract import events
from cgt_cli.extract.article import process_file
from cgt_cli.extract.events import body_only, find_events
from cgt_cli.index.build import NEIGHBOURS, assemble
from cgt_cli.index.query import repeat_product
from cgt_cli.model import Article, Layout
from cgt_cli.read.sentences import LONGEST, Sentences, split_sentences

BENCHMARK = Path(__file__).parents[1] / "benchmarks" / "hostile.py"
_spec = importlib.util.spec_from_file_location("hostile_shapes", BENCHMARK)
shapes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shapes)


def index_of(text: str):
    return assemble([process_file(("shape", "shape.txt", text.encode("utf-8")))])


def test_a_list_of_many_companies_relates_each_to_its_neighbours_only():
    index = index_of(shapes.shape("names-5k", 0.03))  # 150 names in one sentence
    companies = [e.name for e in index.entities if e.name.endswith("公司")]
    assert len(companies) > 2 * NEIGHBOURS + 1
    partners: dict[int, set[int]] = {}
    for entity, other in index.related:
        partners.setdefault(entity, set()).add(other)
    assert max(len(p) for p in partners.values()) == 2 * NEIGHBOURS
    assert len(index.related) <= len(index.entities) * 2 * NEIGHBOURS  # not n × (n - 1)


def test_a_short_list_relates_every_pair():
    index = index_of(shapes.shape("names-5k", 0.004))  # 20 names: an ordinary sentence
    companies = [n for n, e in enumerate(index.entities) if e.name.endswith("公司")]
    assert len(companies) == 20
    assert all((a, b) in index.related for a in companies for b in companies if a != b)


def test_a_run_without_end_marks_is_cut_into_sentences_of_at_most_longest():
    line = shapes.shape("one-line-unpunctuated", 0.0005).splitlines()[-1]  # 10 KB on one line
    spans = split_sentences(line)
    assert [e - s for s, e in spans] == [LONGEST] * (len(line) // LONGEST) + [len(line) % LONGEST]
    assert "".join(line[s:e] for s, e in spans) == line


@pytest.mark.parametrize("length", [LONGEST - 1, LONGEST, LONGEST + 1, 3 * LONGEST + 5])
def test_the_cut_is_the_same_from_any_sentence_boundary(length):
    text = "开头。" + "细" * length + "。结尾"
    spans = split_sentences(text)
    assert "".join(text[s:e] for s, e in spans) == text and max(e - s for s, e in spans) <= LONGEST + 1
    split = Sentences(text)
    for start, end in spans:
        assert split.at(start, start + 1) == (start, end)


def test_many_events_on_one_date_merge_into_one_with_each_sentence_once():
    index = index_of(shapes.shape("dated-20k-same", 0.01))  # 200 lines, one date
    assert len(index.events) == 1
    quotes = index.events[0].quotes
    assert len(quotes) == 200 and len(set(quotes)) == 200


def test_many_varied_dates_give_one_event_each():
    index = index_of(shapes.shape("dated-20k-varied", 0.01))  # 200 lines, 200 dates
    assert sorted(e.date for e in index.events) == sorted(
        f"{y}-{m:02}-{d:02}" for y, m, d in ((2000 + n % 24, 1 + n // 24 % 12, 1 + n // 288 % 28) for n in range(200))
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n细", max_size=60), st.data())
def test_line_and_column_by_bisection_match_counting(text, data):
    pos = data.draw(st.integers(0, len(text)))
    article = Article("a", "a.txt", "utf-8", text, text, "simplified", (), Layout(None, None, False, None, None, False, "", ()))
    line_start = text.rfind("\n", 0, pos) + 1
    assert article.line_col(pos) == (text.count("\n", 0, pos) + 1, pos - line_start + 1)


TRADITIONAL = str.maketrans(
    "经过专家论证修改关于进细胞疗产业发展举措园开仪约签议协医院报设进", "經過專家論證修改關於進細胞療產業發展舉措園開儀約簽議協醫院報設進"
)


def varied_dates(count: int) -> list[str]:
    return [f"{2000 + n % 24}-{1 + n // 24 % 12:02}-{1 + n // 288 % 28:02}" for n in range(count)]


@pytest.mark.parametrize("traditional", [False, True])
def test_an_article_past_the_bound_is_read_to_it_and_says_so_once_cached_too(cgt, tmp_path, monkeypatch, traditional):
    monkeypatch.setattr(events, "MOST_DATED", 40)  # 10,000 in use: the same code at a test's size
    text = shapes.shape("dated-20k-varied", 0.004)  # 80 lines, each a dated sentence of its own date
    path = tmp_path / "yearbook.txt"
    path.write_text(text.translate(TRADITIONAL) if traditional else text, encoding="utf-8")
    for _ in range(2):  # built, then read from the cache
        result = cgt("timeline", "--corpus", str(path), "--json")
        assert (result.exit_code, result.stderr) == (0, f"cgt: {path}: only the first 40 dated sentences read (the article has 80)\n")
        assert [e["date"] for e in json.loads(result.stdout)] == sorted(varied_dates(40))


@pytest.mark.parametrize("lines, notice", [(40, None), (41, "only the first 40 dated sentences read (the article has 41)")])
def test_the_bound_counts_dated_sentences_only(monkeypatch, lines, notice):
    monkeypatch.setattr(events, "MOST_DATED", 40)
    undated = "某某细胞治疗产业园位于苏州。\n" * 30  # sentences without a date are read, not counted
    text = shapes.shape("dated-20k-varied", lines / 20000) + undated
    found = find_events(process_file(("a", "a.txt", text.encode())).article)
    assert (found.dated, events.partly_read(found), len(found.events)) == (lines, notice, 40)


def test_the_body_text_blanks_all_but_the_body_keeping_offsets_and_line_breaks():
    page = "某某细胞治疗产业园开园\n2023-06-18 09:30 某某日报\n2023年6月16日,某某细胞治疗产业园开园。\n相关推荐\n某某新闻标题\n"
    article = process_file(("a", "a.txt", page.encode())).article
    body = article.layout.body
    expected = "".join(c if c == "\n" or any(s <= i < e for s, e in body) else " " for i, c in enumerate(article.simple))
    assert body_only(article) == expected and expected.split("\n")[2] == "2023年6月16日,某某细胞治疗产业园开园。"


SUBJECTS = (
    "某某日报\n2023-06-18 09:30 某某日报\n经过多方专家反复论证修改完善的《关于促进细胞和基因治疗产业发展的若干措施》于2023年3月1日正式发布。\n"
    "2023年4月2日,某某细胞治疗产业园、某某基因科技有限公司、某某医院三方共同签署合作协议。\n"
    "2023年5月6日 | 某某细胞治疗产业园 | 举行开园仪式\n"
)


@pytest.mark.parametrize("text", [SUBJECTS, SUBJECTS.translate(TRADITIONAL)])
def test_summaries_of_long_subjects_lists_and_table_rows(text):
    found = find_events(process_file(("a", "a.txt", text.encode())).article)
    assert [(e.date, e.summary) for e in found.events] == [
        ("2023-03-01", "《关于促进细胞和基因治疗产业发展的若干措施》正式发布"),  # the last 的 outside 《》 cuts the modifier
        ("2023-04-02", "某某细胞治疗产业园等三方共同签署合作协议"),
        ("2023-05-06", "某某细胞治疗产业园 举行开园仪式"),
    ]


def test_a_line_without_end_marks_gives_an_event_per_cut_sentence():
    text = shapes.shape("one-line-unpunctuated", 0.0005)  # 10 KB: sentences of LONGEST characters, two here
    found = find_events(process_file(("a", "a.txt", text.encode())).article)
    once = "某某细胞治疗产业园在苏州举行签约仪式首批十家企业入驻"
    assert [(e.date, e.summary, len(e.quotes)) for e in found.events] == [
        ("2021-03-05", f"{once}2021年3月5日{once}2021年3月5日某某细胞治疗产业园…", 1),
        ("2021-03-05", f"3月5日{once}{once}2021年3月5日某某细胞治疗产业园在苏州举行…", 1),
    ]


# 8. A regular expression whose compile would explode is refused in one line.


@pytest.mark.parametrize(
    "pattern, product",
    [
        ("(?:x{65535}){65535}", 65535 * 65535), ("x{65535}", 65535), ("((a{10}){10}){10}", 1000),
        ("(x{10})(y{20})", 20), (r"\{3}{4}", 4), ("[{}(]{5}", 5), ("a{,50}(b{2,3}){4,}", 50), ("细胞(治疗|产业)", 1),
    ],
)  # fmt: skip
def test_repeat_product(pattern, product):
    assert repeat_product(pattern) == product


def test_an_exploding_regular_expression_is_refused_at_once(cgt):
    result = cgt("grep", "-e", "(?:x{65535}){65535}", "--no-cache")
    message = (
        "cgt: the regular expression '(?:x{65535}){65535}' repeats 4,294,836,225 times over (at most 100,000): simplify it\n"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_large_but_bounded_repeat_still_searches(cgt):
    result = cgt("grep", "-e", "济南.{0,300}细胞", "--count", "--json", "--no-cache")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) > 0
