"""Small copies of the shapes that once took minutes or gigabytes (benchmarks/hostile.py
measures the full ones). What keeps them linear is checked by what it bounds, not by time:
sentence length, pairs per list, quotes per merged event, line numbers by bisection."""

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_cli.extract.article import process_file
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
