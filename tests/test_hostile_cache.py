"""Hostile conditions around the persistent index: damaged pages, a damaged but valid
store, a read-only disk, many cgt processes at once, Ctrl-C in the middle of a build.
Every case ends with the right answer; a damaged cache costs one warning and a rebuild."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_unprivileged
from hostile_kit import run_cli, write_pages


@pytest.fixture
def corpus(tmp_path):
    """Twelve small pages, each with one event on its own date: {file name: date} and the folder."""
    return write_pages(tmp_path / "corpus", 12), tmp_path / "corpus"


def dates(out: str) -> dict[str, str]:
    return {os.path.basename(r["quotes"][0]["file"]): r["date"] for r in json.loads(out)}


def timeline(root: Path, cache: Path):
    return run_cli("timeline", "--json", "--corpus", str(root), cache=cache)


def damage(cache: Path, *statements: str) -> None:
    db = sqlite3.connect(cache / "index.sqlite")
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


# 4. A cache with damaged pages is rebuilt once, with one warning.


def test_damaged_pages_are_rebuilt_once(corpus, tmp_path):
    good, root = corpus
    cache = tmp_path / "cache"
    assert timeline(root, cache)[0] == 0
    path = cache / "index.sqlite"
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096):  # scribble over every page but the schema's
        data[page * 4096 : page * 4096 + 200] = bytes(range(200))  # its header and first cells
    path.write_bytes(bytes(data))
    code, out, err = timeline(root, cache)
    assert (code, dates(out)) == (0, good)
    assert err == f"cgt: cache {path} is damaged (database disk image is malformed): rebuilding it\n"
    for _ in range(2):
        assert timeline(root, cache) == (0, out, "")


def test_text_that_is_not_utf8_in_the_store_is_damage(corpus, tmp_path):
    good, root = corpus
    cache = tmp_path / "cache"
    timeline(root, cache)
    damage(cache, "UPDATE event_details SET quotes = CAST(x'c3' AS TEXT)")
    code, out, err = timeline(root, cache)
    assert (code, dates(out)) == (0, good)
    assert (
        err
        == "cgt: the persistent index is damaged (could not decode to UTF-8 column 'quotes' with text '\ufffd'): rebuilding it\n"
    )
    assert timeline(root, cache) == (0, out, "")


# 12. A store edited into a valid but incomplete state fails its row counts and is rebuilt.


@pytest.mark.parametrize(
    "edit, missing",
    [
        (["DROP TABLE events"], "events"),
        (["DELETE FROM events WHERE ord % 2 = 0"], "events"),
        (["DELETE FROM texts WHERE ord > 8", "DELETE FROM names"], "names, texts"),
    ],
)
def test_a_store_missing_rows_is_rebuilt(corpus, tmp_path, edit, missing):
    good, root = corpus
    cache = tmp_path / "cache"
    timeline(root, cache)
    damage(cache, *edit)
    code, out, err = timeline(root, cache)
    assert (code, dates(out)) == (0, good)
    assert err == f"cgt: the persistent index is damaged (rows missing from {missing}): rebuilding this corpus\n"
    assert timeline(root, cache) == (0, out, "")


# 5. A read-only cache is read, never written, with one warning.


def test_a_read_only_cache_file_and_folder_are_read(corpus, tmp_path):
    good, root = corpus
    cache = tmp_path / "cache"
    timeline(root, cache)
    (cache / "index.sqlite").chmod(0o444)
    cache.chmod(0o555)
    try:
        before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
        runs = [run_unprivileged(*command, "--json", "--corpus", str(root), env={"CGT_CACHE_DIR": str(cache)})
                for command in (["timeline"], ["sources"])]  # fmt: skip
        after = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    finally:
        cache.chmod(0o755)
    warning = f"cgt: the cache {cache / 'index.sqlite'} is read-only: using what it holds, writing nothing\n"
    assert [(r.returncode, r.stderr) for r in runs] == [(0, warning)] * 2
    assert dates(runs[0].stdout) == good and len(json.loads(runs[1].stdout)) == 12
    assert after == before


def can_mount() -> bool:
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True) if shutil.which("unshare") else None
    return probe is not None and probe.returncode == 0


@pytest.mark.skipif(not can_mount(), reason="needs `unshare -m` (root) to mount a read-only file system")
def test_a_cache_on_a_read_only_file_system_is_read(corpus, tmp_path):
    good, root = corpus
    cache = tmp_path / "cache"
    timeline(root, cache)
    script = (
        f"mount --bind {cache} {cache} && mount -o remount,ro,bind {cache} && "
        f"{sys.executable} -m cgt_cli timeline --json --corpus {root} --cache-dir {cache}"
    )
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stderr == f"cgt: the cache {cache / 'index.sqlite'} is read-only: using what it holds, writing nothing\n"
    assert (result.returncode, dates(result.stdout)) == (0, good)


# 6. Any number of cgt processes on one cache.


def start(*args: str, cache: Path) -> subprocess.Popen:
    """cgt in its own process group, started as a terminal's shell starts it: with Ctrl-C
    at its default (a test run launched in the background, `cmd &`, inherits SIGINT
    ignored, and Python then never turns it into KeyboardInterrupt)."""
    return subprocess.Popen(
        [sys.executable, "-m", "cgt_cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1", "CGT_CACHE_DIR": str(cache)}, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    return process.returncode, out, err


def test_four_processes_on_a_cold_cache_of_the_seeds(tmp_path):
    expected = run_cli("timeline", "--json", "--no-cache", cache=tmp_path / "unused")[1]
    for round in range(1):
        cache = tmp_path / f"cache{round}"
        runs = [finish(p) for p in [start("timeline", "--json", cache=cache) for _ in range(4)]]
        assert runs == [(0, expected, "")] * 4


def test_index_and_timeline_processes_on_one_cold_cache(tmp_path):
    root = tmp_path / "corpus"
    good = write_pages(root, 200)  # enough for each `index` to use its process pool
    cache = tmp_path / "cache"
    processes = [
        start(command, "--json", "--corpus", str(root), cache=cache) for command in ("index", "index", "timeline", "timeline")
    ]
    runs = [finish(p) for p in processes]
    assert [(code, err) for code, _, err in runs] == [(0, "")] * 4
    assert [json.loads(out)["articles"] for _, out, _ in runs[:2]] == [200, 200]
    assert dates(runs[2][1]) == dates(runs[3][1]) == good


# 11. Ctrl-C during a parallel build.


def test_ctrl_c_during_a_parallel_index_ends_it_at_once(tmp_path):
    root = tmp_path / "corpus"
    good = write_pages(root, 1500)  # the pool runs for seconds: Ctrl-C lands while it works
    cache = tmp_path / "cache"
    process = start("index", "--corpus", str(root), cache=cache)
    deadline = time.monotonic() + 60
    while not _children(process.pid) and time.monotonic() < deadline:  # the pool's workers are running
        time.sleep(0.05)
    assert _children(process.pid), "no worker process was started"
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    began = time.monotonic()
    code, out, err = finish(process)
    assert (code, out, err) == (130, "", "cgt: interrupted\n")
    assert time.monotonic() - began < 10
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker left behind
    code, out, err = timeline(root, cache)
    assert (code, err, dates(out)) == (0, "", good)


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]
