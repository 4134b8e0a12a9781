import os
import shutil
import subprocess
import sys

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


def unprivileged(argv: list[str]) -> list[str]:
    """`argv` run without the power to bypass file permissions.

    A normal user runs it as is. Root (as CI runs) runs it through `setpriv` with
    every capability dropped: still uid 0, but the kernel then checks file modes
    as for anyone (no CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH), so a file of mode
    000 cannot be read and a folder of mode 500 cannot be written.
    """
    if os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): cannot drop the power to read any file")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all", "--", *argv]


def run_unprivileged(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m cgt_cli ARGS` as an unprivileged process (see `unprivileged`)."""
    return subprocess.run(
        unprivileged([sys.executable, "-m", "cgt_cli", *args]),
        capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )  # fmt: skip


def loaded_by(argv: list[str], modules: list[str]) -> list[str]:
    """Which of `modules` a fresh Python has imported after running `cgt ARGV`."""
    script = (
        "import sys\n"
        f"sys.argv = ['cgt', *{argv!r}]\n"
        "from cgt_cli.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {modules!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return eval(out.splitlines()[-1])  # a list of names, as printed above
