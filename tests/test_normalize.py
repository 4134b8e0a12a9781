"""Pinyin stripping, script detection, Traditional→Simplified with shared offsets."""

import pytest

from cgt_cli.read.normalize import detect_script, fold_width, normalize, strip_pinyin, to_simplified


@pytest.mark.parametrize(
    "raw, text",
    [
        ("位于濟(jì)南市歷下區(qū)的園區(qū)", "位于濟南市歷下區的園區"),
        ("產(chǎn)業(yè)聯(lián)盟", "產業聯盟"),
        ("綠(lǜ)色", "綠色"),  # ü with a tone mark
        ("向?qū)I(yè)化發展", "向?qū)I化發展"),  # garbled Latin before it: no Han needed
        ("全角（zhōng）括號", "全角括號"),
        ("（ｊì）", "（ｊì）"),  # full-width Latin is not pinyin
    ],
)
def test_pinyin_annotations_go(raw, text):
    assert strip_pinyin(raw)[0] == text


@pytest.mark.parametrize(
    "kept",
    [
        "細胞與基因治療(CGT)產業",
        "研究者發起的臨床研究(IIT)",
        "行動方案(2023-2025)",
        "麗山健康(山東)集團有限公司",
        "英諾維爾智能科技(蘇州)有限公司",
        "產業聯盟(下簡稱“聯盟”)正式揭牌",
        "太湖(马山)生命与健康",
        "(范良摄)",
        "(a)(ok)(xin)",  # Latin without a tone mark stays
    ],
)
def test_real_parentheses_stay(kept):
    assert strip_pinyin(kept) == (kept, ())


def test_offset_map_points_back_to_the_raw_text():
    from cgt_cli.model import Article

    raw = "位于濟(jì)南市歷下區(qū)的麗山"
    text, removed = strip_pinyin(raw)
    article = Article("a", "a.txt", "utf-8", text, text, "traditional", removed, None)
    for pos, ch in enumerate(text):
        assert raw[article.raw_offset(pos)] == ch
    assert removed == ((3, 4), (8, 8))


@pytest.mark.parametrize(
    "text, script",
    [
        ("济南市历下区的细胞医学产业园", "simplified"),
        ("濟南市歷下區的細胞醫學產業園", "traditional"),
        ("濟南市歷下區的細胞醫學產業園,济南市历下区的细胞医学产业园", "mixed"),
        ("CAR-T 2024", "simplified"),
        # counted with repeats: 27 Traditional-only characters and one Simplified-only one (within 5%)
        ("濟南市歷下區的細胞醫學產業園," * 3 + "医", "traditional"),
        ("濟南市歷下區的細胞醫學產業園," * 2 + "医", "mixed"),  # 18 and one
        ("济南市历下区的细胞医学产业园,濟南市歷下區的細胞醫學產業園医医", "mixed"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_simple_has_the_same_length_and_offsets():
    raw = "來源:大眾新聞\n從上空俯瞰,位于濟(jì)南市歷下區(qū)的產業園，共１２家企業。"
    norm = normalize(raw)
    assert norm.script == "traditional"
    assert len(norm.simple) == len(norm.text)
    assert norm.simple == "来源:大众新闻\n从上空俯瞰,位于济南市历下区的产业园,共12家企业。"
    start = norm.simple.index("济南")
    assert norm.text[start : start + 2] == "濟南"


def test_fold_width_is_one_for_one():
    assert fold_width("ＣＡＲ－Ｔ（１２）：　ok") == "CAR-T(12): ok"


def test_seed_annotation_counts():
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    counts = [len(strip_pinyin(f.read_text(encoding="utf-8"))[1]) for f in sorted(seeds.glob("*.txt"))]
    assert counts == [0, 200, 365, 0, 0]


def _phrase_conversion(text: str) -> str:
    """OpenCC's own t2s phrase conversion, line by line, with the length kept as cgt keeps it:
    what `to_simplified` must give, however it is computed."""
    from opencc import OpenCC

    converter = OpenCC("t2s")

    def one(ch: str) -> str:
        out = converter.convert(ch)
        return out if len(out) == 1 else ch

    lines = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        lines.append(converted if len(converted) == len(line) else "".join(map(one, line)))
    return "\n".join(lines)


PHRASE_LINES = [
    "這份報告讓投資人一目瞭然,也讓大家更瞭解細胞治療產業。",  # 瞭 → 了 only in phrases
    "乾坤大挪移式的產業整合;乾細胞與幹細胞。",  # 乾 stays 乾 in 乾坤, becomes 干 alone
    "產業鏈上鍊條完整,園區於2023年開園。\n第二行沒有詞組。",
    "纔能夠",  # a phrase whose conversion changes length? kept as long as the line
    # OpenCC's separators (、,—()《》 full-width or not) between pieces with and without a phrase key
    "記者瞭解到、園區與醫院—「乾坤」（試行）,《細胞產業發展規劃》瞭如指掌 乾細胞",
]


@pytest.mark.parametrize("text", PHRASE_LINES)
def test_to_simplified_equals_opencc_phrase_conversion(text):
    assert to_simplified(text) == _phrase_conversion(text)
    assert len(to_simplified(text)) == len(text)


def test_to_simplified_equals_opencc_on_every_seed_and_dev_page():
    from pathlib import Path

    from cgt_cli.read.files import bundled_seeds

    pages = sorted(bundled_seeds().glob("*.txt"))
    dev = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
    pages += sorted(dev.glob("*.txt")) if dev.is_dir() else []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert to_simplified(text) == _phrase_conversion(text), page.name
