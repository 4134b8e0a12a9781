"""Layout at any width: rows wrap under their own column on a terminal (wide characters count
two cells), piped output is never cropped, and colour follows --color, NO_COLOR and FORCE_COLOR."""

import io
import json
import re

import pytest
from rich.cells import cell_len
from rich.console import Console

from cgt_cli.index.load import load_index
from cgt_cli.index.query import timeline
from cgt_cli.output import color_wanted
from cgt_cli.read.files import find_files
from cgt_cli.views import styled, terminal

PAGES = {
    "long.txt": "國家細胞治療產業創新聯合體成立\n來源:中華人民共和國國家發展和改革委員會官方網站新聞中心\n2023-05-20 09:00\n"
    "5月18日,由國家發展和改革委員會高技術司指導、中國醫藥生物技術協會細胞治療分會與長三角多家三甲醫院聯合發起的"
    "國家細胞治療產業創新聯合體在上海市浦東新區張江科學城國際會議中心正式成立。\n"
    "2022年8月11日至8月22日,聯合體籌備組在蘇州召開了CAR-T cell therapy manufacturing workshop研討會。\n",
    "week.txt": "细胞治疗周\n细胞治疗周将于10月16日至20日在上海国际会议中心举行,届时发布白皮书。\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wide")
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    built, _ = load_index(find_files([str(folder)]), None)
    yield built
    built.close()


def rendered(view, width: int) -> list[str]:
    out = io.StringIO()
    Console(width=width, file=out, color_system=None, legacy_windows=False).print(view)
    return out.getvalue().splitlines()


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("width", [60, 80, 140, 200])
def test_timeline_rows_wrap_under_their_own_column(store, width):
    events = timeline(store, detail=True)
    headers = {s.id: s for s in store.sources()}
    view = styled.timeline_view(events, headers, quotes=True, explain=True)
    lines = rendered(view, width)
    assert all(cell_len(line) <= width for line in lines)
    assert squeezed("".join(lines)) == squeezed(view.plain)  # nothing lost in wrapping
    wrapped = 0
    for lead, body in view.rows:  # each row alone: its continuation lines start under its text
        one = styled.Styled()
        one.row(*body, lead=lead)
        row_lines = rendered(one, width)
        indent = sum(cell_len(text) for text, _ in lead)
        assert all(line[:indent].strip() == "" and line[indent] != " " for line in row_lines[1:]), row_lines
        wrapped += len(row_lines) > 1
    assert wrapped > 0
    leads = {sum(cell_len(t) for t, _ in lead) for lead, _ in view.rows if len(lead) == 2}  # event rows
    assert leads == {2 + len("2023-05-18") + 2, 2 + len("2022-08-11 – 2022-08-22") + 2}  # the column; a range pushes its own


def test_wide_characters_count_two_cells(store):
    events = timeline(store, detail=False)
    view = styled.timeline_view(events, {s.id: s for s in store.sources()})
    lines = rendered(view, 60)
    summary = [line for line in lines if line.startswith("  2023-05-18")][0]
    assert cell_len(summary) <= 60 < len(summary) * 2
    assert len(summary) < 45  # Han characters took two cells each


def test_undated_date_never_runs_into_the_text(store):
    events = timeline(store, undated=True, detail=False)
    view = styled.timeline_view(events, {s.id: s for s in store.sources()})
    assert view.plain.splitlines()[1].startswith("  --10-16 – --10-20  细胞治疗周")
    for width in (60, 80):
        assert rendered(view, width)[1].startswith("  --10-16 – --10-20  细胞治疗周")


def test_citation_names_outlet_date_and_file_line_never_unknown_twice(store):
    events = timeline(store, undated=True, detail=False)
    row = styled.timeline_view(events, {s.id: s for s in store.sources()}).plain.splitlines()[1]
    assert "unknown" not in row  # the page has neither outlet nor date: neither is cited
    assert row.endswith("@ 上海国际会议中心  — " + str(store.sources()[1].file) + ":2")
    dated = styled.timeline_view(timeline(store, detail=False), {s.id: s for s in store.sources()}).plain
    assert "— 中华人民共和国国家发展和改革委员会官方网站新闻中心 2023-05-20 · " in dated


SOURCES_80 = "id                    title          outlet      published    script       chars"
SOURCES_140 = "id                    title" + " " * 70 + "outlet      published    script       chars"


@pytest.mark.parametrize(
    "env, header, first",
    [
        ({"COLUMNS": "80"}, SOURCES_80, "000_647482f8fc299ec1  山东大学等几   济南日报    2020-09-28   simplified   2,369"),
        ({"COLUMNS": None}, SOURCES_80, "000_647482f8fc299ec1  山东大学等几   济南日报    2020-09-28   simplified   2,369"),
        ({"COLUMNS": "80x"}, SOURCES_80, "000_647482f8fc299ec1  山东大学等几   济南日报    2020-09-28   simplified   2,369"),
        (
            {"COLUMNS": "140"},
            SOURCES_140,
            "000_647482f8fc299ec1  山东大学等几十家科研单位、企业入驻“细胞产业园”济南生物医药产业持续向高端   济南日报"
            "    2020-09-28   simplified   2,369",
        ),
    ],
)
def test_piped_sources_table_takes_columns_else_80_without_a_box(cgt, env, header, first):
    """In a pipe or a file: $COLUMNS when a number, else 80 (as `ls -C` and git); no box-drawing
    characters, no spaces at a line's end, an id never folded; the title folds in its own column."""
    lines = cgt("sources", env=env).stdout.splitlines()
    width = int(env["COLUMNS"]) if (env["COLUMNS"] or "").isdigit() else 80
    assert lines[:3] == ["5 articles", header, first]
    assert lines[-1] == "~ inferred from the page, not stated in its header"
    assert all(cell_len(line) <= width and line == line.rstrip() for line in lines)
    assert not any(char in "".join(lines) for char in "┏━┃│└…")
    ids = [record["id"] for record in json.loads(cgt("sources", "--json").stdout)]
    assert [line.split()[0] for line in lines if line[:3].isdigit()] == ids  # whole, one a row


@pytest.mark.parametrize(
    "columns, header, first",
    [
        ("80", "name                        kind      mentions  articles  first seen  last seen",
         "细胞与基因治疗产业联盟      alliance        13         1  2022-11-11  2022-11-11"),
        ("140", "name" + " " * 55 + "kind      mentions  articles  first seen  last seen",  # its natural width: 136
         "细胞与基因治疗产业联盟" + " " * 37 + "alliance        13         1  2022-11-11  2022-11-11"),
    ],
)  # fmt: skip
def test_piped_entities_table_takes_columns(cgt, columns, header, first):
    lines = cgt("entities", env={"COLUMNS": columns}).stdout.splitlines()
    assert lines[:3] == ["120 entities", header, first]
    rows = [line for line in lines[2:] if re.search(r"  (org|park|alliance|person|place|policy|event|product) +\d", line)]
    assert len(rows) == 120 and all(cell_len(line) <= int(columns) for line in lines)  # long names fold in their column


def test_a_terminal_table_keeps_its_box(store):
    lines = rendered(terminal.sources_table(store.sources()), 80)
    assert lines[1].startswith("┏━━━") and lines[2].startswith("┃ id ")


def test_piped_timeline_lines_are_whole(cgt):
    out = cgt("timeline", env={"COLUMNS": "40"}).stdout.splitlines()
    assert out[1].startswith("  2018         国家发改委发布") and out[1].endswith("004_603c4d3fe3248da1.txt:16")


def test_terminal_sources_table_fits_80_columns(store):
    lines = rendered(terminal.sources_table(store.sources()), 80)
    assert all(cell_len(line) <= 80 for line in lines)
    assert "chars" in lines[2] and "…" not in "".join(lines)


@pytest.mark.parametrize(
    "args, env, escapes",
    [
        ([], {}, False),
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        (["--color=auto"], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
    ],
)
def test_colour_follows_flag_then_no_color_then_force_color(cgt, args, env, escapes):
    for command in (["timeline", "--to", "2019"], ["grep", "CDMO"], ["sources"]):
        result = cgt(*command, *args, env={"NO_COLOR": "", **env})
        assert result.exit_code == 0
        assert ("\x1b[" in result.stdout) is escapes, command


def test_colour_in_a_pipe_keeps_lines_whole(cgt):
    out = cgt("timeline", "--color", "always", env={"COLUMNS": "40"}).stdout.splitlines()
    plain = cgt("timeline", env={"COLUMNS": "40"}).stdout.splitlines()
    assert len(out) == len(plain) == 24
    assert "\x1b[32m" in out[1] and out[1].endswith("004_603c4d3fe3248da1.txt:16\x1b[0m")


@pytest.mark.parametrize(
    "choice, terminal, env, wanted",
    [
        ("auto", True, {}, True), ("auto", False, {}, False), ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", False, {"FORCE_COLOR": "1"}, True), ("auto", True, {"NO_COLOR": ""}, True),
        ("auto", False, {"FORCE_COLOR": ""}, False), ("never", True, {"FORCE_COLOR": "1"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),
    ],
)  # fmt: skip
def test_color_wanted(choice, terminal, env, wanted):
    assert color_wanted(choice, terminal, env) is wanted


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("细胞治疗产业园开园", 8, ["细胞治疗", "产业园开", "园"]),  # Han breaks anywhere, two cells each
        ("苏州CAR-T细胞治疗基地", 8, ["苏州", "CAR-T细", "胞治疗基", "地"]),  # a Latin word moves whole
        ("園區開園。”  — seeds/a.txt:4", 8, ["園區開", "園。”  —", "seeds/a.", "txt:4"]),  # 。” never starts a line
        ("新華網 2023-03-15 · seeds/hz.txt:3", 12, ["新華網", "2023-03-15 ·", "seeds/hz.txt", ":3"]),
    ],
)
def test_line_ranges(text, width, lines):
    from cgt_cli.views.lines import line_ranges

    got = [text[a:b].rstrip() for a, b in line_ranges(text, width)]
    assert got == lines
    assert all(cell_len(line) <= width for line in got)
