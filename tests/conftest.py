import pytest
from typer.testing import CliRunner

from cgt_cli.cli import app


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    """One persistent index for the test session, never the user's own."""
    return tmp_path_factory.mktemp("cgt-cache")


@pytest.fixture
def cgt(cache_dir):
    """Run cgt with arguments; returns the Result (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args, env=None):
        base = {"NO_COLOR": "1", "COLUMNS": "120", "CGT_CACHE_DIR": str(cache_dir)}
        return runner.invoke(app, list(args), env={**base, **(env or {})})

    return run


@pytest.fixture
def news(tmp_path):
    """A small corpus of realistic pages written for the tests."""
    pages = {
        "hz.txt": "杭州钱塘细胞治疗产业园开园\n2023-06-18 09:30 钱江晚报\n"
        "6月16日,杭州钱塘细胞治疗产业园在钱塘区开园,首批十家CDMO企业入驻。\n"
        "园区负责人表示,CDMO平台将于年底投用。\n相关推荐\n2022年CDMO市场报告发布\n",
        "hk.txt": "來源:香港經濟日報\n2024-05-06 10:05\n"
        "香(xiāng)港科學園與濟(jì)南一家公司簽署細胞治療合作協議。\n",
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path
