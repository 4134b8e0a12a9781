"""What the hostile tests share: pages with known events, subprocess runs, stderr parsing."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

SKIP_LINE = re.compile(r"cgt: skipped (.+?): (.+)")


def page(n: int, traditional: bool = False) -> tuple[str, str]:
    """A short news page whose one event falls on a date no other page uses; (text, ISO date)."""
    y, m, d = 2000 + n % 20, 1 + n // 20 % 12, 1 + n // 240
    text = f"某某细胞治疗产业园开园\n2023-06-18 09:30 某某日报\n{y}年{m}月{d}日,某某细胞治疗产业园开园。\n"
    if traditional:
        text = text.translate(str.maketrans("细疗产业园开报", "細療產業園開報"))
    return text, f"{y}-{m:02}-{d:02}"


def write_pages(folder: Path, count: int) -> dict[str, str]:
    """count pages in folder as 0000.txt, 0001.txt…; {name: event date}."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:04}.txt").write_text(page(n)[0], encoding="utf-8")
    return {f"{n:04}.txt": page(n)[1] for n in range(count)}


def skip_reasons(stderr: str) -> dict[str, str]:
    """{basename: reason} from stderr, which must hold only `cgt: skipped` lines, one per file."""
    lines = stderr.splitlines()
    found = [SKIP_LINE.fullmatch(line) for line in lines]
    assert all(found), lines
    names = [os.path.basename(m[1]) for m in found]
    assert len(names) == len(set(names)), names
    return {name: m[2] for name, m in zip(names, found, strict=True)}


def run_cli(*args: str, cache: Path, timeout: float = 60):
    """(exit code, stdout, stderr) of `python -m cgt_cli ARGS`; None when still running at `timeout`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cgt_cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "CGT_CACHE_DIR": str(cache)},
        encoding="utf-8", start_new_session=True,  # so its pool workers can be stopped with it
    )  # fmt: skip
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    return process.returncode, out, err


def clean(result) -> None:
    """No exception escaped the CLI and no traceback was printed."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
