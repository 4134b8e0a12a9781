"""--format on every listing command: JSON, NDJSON, CSV, TSV and Markdown hold the same records."""

import csv
import io
import json

import pytest

from cgt_cli.views import rows

LISTINGS = {  # command -> (arguments on the seeds, the flat columns)
    "timeline": (["timeline"], rows.TIMELINE),
    "entities": (["entities", "--kind", "person"], rows.ENTITIES),
    "sources": (["sources"], rows.SOURCES),
    "grep": (["grep", "濟南"], rows.HITS),
    "grep -c": (["grep", "濟南", "-c"], rows.COUNTS),
    "grep -l": (["grep", "CDMO", "-l"], rows.FILES),
    "show": (["show", "肖海蓉"], rows.MENTIONS),
    "show --rows events": (["show", "山东大学", "--rows", "events"], rows.TIMELINE),
    "show --rows roles": (["show", "肖海蓉", "--rows", "roles"], rows.ROLES),
    "show --rows related": (["show", "肖海蓉", "--rows", "related"], rows.RELATED),
}


def cell(value) -> str:
    """A JSON value as the flat formats write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return str(value)


def raw(result) -> str:
    """stdout as written (Click's `stdout` turns CRLF into LF)."""
    return result.stdout_bytes.decode("utf-8")


def ndjson(cgt, args) -> list[dict]:
    result = cgt(*args, "--format", "ndjson")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_csv_round_trip_holds_the_ndjson_records(cgt, name):
    args, columns = LISTINGS[name]
    records = ndjson(cgt, args)
    result = cgt(*args, "--format", "csv")
    assert result.exit_code == 0
    assert raw(result).startswith(",".join(columns) + "\r\n")  # RFC 4180: a header, CRLF
    read = list(csv.DictReader(io.StringIO(raw(result), newline="")))
    assert len(read) == len(records) > 0
    for row, record in zip(read, records, strict=True):
        assert list(row) == list(columns)
        for column in columns:
            if column in record:
                assert row[column] == cell(record[column]), column


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_tsv_round_trip_equals_csv(cgt, name):
    args, columns = LISTINGS[name]
    as_csv = list(csv.reader(io.StringIO(raw(cgt(*args, "--format", "csv")), newline="")))
    tsv = raw(cgt(*args, "--format", "tsv"))
    assert tsv.startswith("\t".join(columns) + "\n") and "\r" not in tsv
    assert list(csv.reader(io.StringIO(tsv, newline=""), dialect="excel-tab")) == as_csv


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_json_is_the_ndjson_records_in_an_array(cgt, name):
    args, _ = LISTINGS[name]
    records = ndjson(cgt, args)
    out = cgt(*args, "--format", "json").stdout
    if name.startswith("show"):
        return  # show's JSON is its card (test_golden holds it)
    assert json.loads(out) == records
    assert out.splitlines()[1:-1] == [json.dumps(r, ensure_ascii=False) + ("," if n < len(records) - 1 else "")
                                       for n, r in enumerate(records)]  # fmt: skip


def test_ndjson_is_compact_one_object_a_line(cgt):
    out = cgt("timeline", "--format", "ndjson").stdout
    lines = out.splitlines()
    assert len(lines) == 11 and out.endswith("}\n")
    assert all(line.startswith('{"date":"') and '", "' not in line for line in lines)


def test_markdown_table_escapes_pipes(cgt, tmp_path):
    page = "细胞产业联盟成立\n2022-11-11 10:00 澎湃新闻\n11月10日,CAR-T|CAR-NK平台启用,细胞产业联盟成立。\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    out = cgt("grep", "平台", "--format", "md", "--corpus", str(tmp_path)).stdout.splitlines()
    assert out[0] == "| " + " | ".join(rows.HITS) + " |"
    assert out[1] == "| " + " | ".join("---" for _ in rows.HITS) + " |"
    assert len(out) == 3
    assert out[2].startswith("| a | ") and out[2].endswith("| 3 | 20 | 50 | 52 | 平台 | 11月10日,CAR-T\\|CAR-NK平台启用,细胞产业联盟成立。 | 31 |")
    assert len(cgt("sources", "--format", "md").stdout.splitlines()) == 7


def test_csv_dates_are_iso_text_and_lists_joined(cgt):
    read = list(csv.DictReader(io.StringIO(raw(cgt("timeline", "--format", "csv")), newline="")))
    assert [r["date"] for r in read][:3] == ["2018", "2019-04-13", "2019-12"]
    signing = read[3]
    assert (signing["precision"], signing["place"], signing["outlet"], signing["published"]) == (
        "day", "中央商务区文化服务中心", "济南日报", "2020-09-28"
    )
    assert signing["line"] == "9" and signing["file"].endswith("000_647482f8fc299ec1.txt")
    assert signing["entities"].split("; ")[:2] == ["山东自贸试验区济南片区", "山东自贸试验区"]


def test_a_cell_with_comma_quote_and_line_break_survives_csv(cgt, tmp_path):
    page = '“细胞,基因”治疗中心开园\n2023-06-18 09:30 钱江晚报\n6月16日,“细胞,基因”治疗中心开园。\n'
    (tmp_path / 'a"b.txt').write_text(page, encoding="utf-8")
    out = raw(cgt("grep", "治疗中心", "--corpus", str(tmp_path), "--format", "csv"))
    read = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(r["source"], r["context"]) for r in read] == [('a"b', "“细胞,基因”治疗中心开园"), ('a"b', "6月16日,“细胞,基因”治疗中心开园。")]
    assert '"a""b"' in out


@pytest.mark.parametrize("fmt, out", [("json", "[]\n"), ("ndjson", ""), ("csv", ",".join(rows.TIMELINE) + "\r\n")])
def test_nothing_found_is_still_valid_data_and_says_why(cgt, fmt, out):
    result = cgt("timeline", "--entity", "不存在", "--format", fmt)
    assert (result.exit_code, raw(result), result.stderr) == (1, out, "cgt: no event names 不存在\n")


def test_grep_count_json_is_counts(cgt):
    result = cgt("grep", "濟南", "--count", "--json")
    assert result.exit_code == 0
    assert [(c["source"], c["count"]) for c in json.loads(result.stdout)] == [
        ("000_647482f8fc299ec1", 19), ("001_43f67b8d15b02b14", 5)
    ]  # fmt: skip


def test_show_json_is_the_card_with_file_line_column_on_mentions(cgt):
    card = json.loads(cgt("show", "肖海蓉", "--json").stdout)
    first = card["mentions"][0]
    assert (first["text"], first["line"], first["column"]) == ("肖海蓉", 8, 99)
    assert first["file"].endswith("003_77c54f545fce949e.txt")
    assert (card["roles"][0]["quote"], card["roles"][0]["line"], card["roles"][0]["column"]) == ("博雅控股集团副总裁肖海蓉", 8, 90)


def test_candidates_in_flat_formats(cgt):
    result = cgt("show", "联盟", "--format", "csv")
    assert result.exit_code == 1
    read = list(csv.DictReader(io.StringIO(raw(result), newline="")))
    assert list(read[0]) == list(rows.CANDIDATES) and len(read) >= 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["entities", "--format", "xml"], "cgt: invalid --format value 'xml': use table, json, ndjson, csv, tsv or md\n"),
        (["grep", "CDMO", "--format", "html"], "cgt: invalid --format value 'html': use table, json, ndjson, csv, tsv or md\n"),
        (["timeline", "--format", "xml"],
         "cgt: invalid --format value 'xml': use table, json, ndjson, csv, tsv, md, html or timelinejs\n"),
        (["sources", "--json", "--format", "csv"], "cgt: --json and --format csv disagree: give one of them\n"),
        (["show", "肖海蓉", "--rows", "events"], "cgt: --rows lists one part of the card: use it with --format ndjson, csv, tsv or md, not table\n"),
        (["show", "肖海蓉", "--rows", "roles", "--format", "html"],
         "cgt: --rows lists one part of the card: use it with --format ndjson, csv, tsv or md, not html\n"),
        (["show", "肖海蓉", "--rows", "quotes", "--format", "csv"], "cgt: invalid --rows value 'quotes': use mentions, events, roles or related\n"),
        (["entities", "--color", "pink"], "cgt: invalid --color value 'pink': use auto, always or never\n"),
        (["--color", "pink", "sources"], "cgt: invalid --color value 'pink': use auto, always or never\n"),
    ],
)
def test_bad_format_options_are_one_line_errors(cgt, args, message):
    result = cgt(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


@pytest.mark.parametrize("command", ["timeline", "entities", "sources", "grep CDMO", "show 山东大学"])
@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "tsv", "md"])
def test_every_listing_command_takes_every_format(cgt, command, fmt):
    result = cgt(*command.split(), "--format", fmt)
    assert result.exit_code == 0 and result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["entities", "--min-mentions", "99"], "cgt: no entities named 99 times or more in the corpus\n"),
        (["entities", "--kind", "event", "--min-mentions", "9"], "cgt: no event entities named 9 times or more in the corpus\n"),
    ],
)
def test_entities_that_leave_nothing_say_why(cgt, args, message):
    result = cgt(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert cgt(*args, "--format", "tsv").stdout == "\t".join(rows.ENTITIES) + "\n"
