"""Hostile shapes: small files that once took minutes or gigabytes. Time and peak memory
of indexing each one alone, without a cache, in a child process.

    python benchmarks/hostile.py [--workdir DIR] [--scale 1.0] [--only NAME,…] [--json FILE]

Every shape is written by `shape(name, scale)` (the tests use the same generator at a
small scale); at scale 1 they are the sizes of issue 11's report. The figures go in
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "某某细胞治疗产业园建设进展\n2023-06-18 09:30 某某日报\n"
SUFFIXES = ("生物科技有限公司", "医药有限公司", "细胞治疗有限公司", "基因科技股份有限公司")
SYLLABLES = "华康瑞安泰和盛元博源恒信达德润中科天星海"


def company(n: int) -> str:
    """The n-th of many distinct company names (four characters, then a legal form)."""
    return "".join(SYLLABLES[n // 20**k % 20] for k in range(4)) + SUFFIXES[n % 4]


def dated_line(n: int, varied: bool) -> str:
    y, m, d = (2000 + n % 24, 1 + n // 24 % 12, 1 + n // 288 % 28) if varied else (2021, 3, 5)
    return f"{y}年{m}月{d}日,某某细胞治疗产业园举行签约仪式。"


def names(count: int) -> str:
    return HEADER + "园区负责人介绍,首批入驻企业包括" + "、".join(map(company, range(count))) + "等。\n"


def dated(count: int, varied: bool) -> str:
    return HEADER + "\n".join(dated_line(n, varied) for n in range(count)) + "\n"


def short_lines(count: int) -> str:
    """Many short dated lines: 400,000 of them are 12.8 MB."""
    return HEADER + "".join(f"{2000 + n % 24}年{1 + n % 12}月园区开园。\n" for n in range(count))


def one_line(size: int, punctuated: bool) -> str:
    """One line of `size` bytes: news sentences (or, unpunctuated, one endless sentence)."""
    unit = "2021年3月5日,某某细胞治疗产业园在苏州举行签约仪式,首批十家企业入驻。"
    if not punctuated:
        unit = unit.replace(",", "").replace("。", "")
    count = size // len(unit.encode())
    return HEADER + unit * count


SHAPES = {  # name: (what, text at a scale)
    "names-5k": ("one sentence listing 5,000 company names", lambda s: names(int(5000 * s))),
    "names-10k": ("one sentence listing 10,000 company names", lambda s: names(int(10000 * s))),
    "dated-20k-same": ("20,000 lines, one date", lambda s: dated(int(20000 * s), False)),
    "dated-20k-varied": ("20,000 lines, varied dates", lambda s: dated(int(20000 * s), True)),
    "lines-400k": ("400,000 short dated lines", lambda s: short_lines(int(400_000 * s))),
    "one-line": ("one 19.9 MB line of sentences", lambda s: one_line(int(19_900_000 * s), True)),
    "one-line-unpunctuated": ("one 19.9 MB line, no punctuation", lambda s: one_line(int(19_900_000 * s), False)),
}


def shape(name: str, scale: float = 1.0) -> str:
    return SHAPES[name][1](scale)


CHILD = """
import json, resource, sys, time
from pathlib import Path
from cgt_cli.index.load import load_index
start = time.perf_counter()
store, _ = load_index([Path(sys.argv[1])], None)
seconds = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu_s": me.ru_utime + me.ru_stime, "peak_rss_mb": me.ru_maxrss / 1024,
                  "events": store.count("events"), "entities": store.count("entities"), "skipped": len(store.skipped),
                  "notices": [n.reason for n in store.notices]}))
"""


def measure(path: Path, timeout: float) -> dict:
    """Index one file in a child: its seconds and peak RSS (or how it failed)."""
    began = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"still running after {timeout:g} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout) | {"wall_s": time.perf_counter() - began}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cgt-hostile")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = {}
    print("| shape | MB | seconds | CPU s | peak RSS MB | events | entities | notice | load avg |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for name in args.only.split(","):
        path = args.workdir / f"{name}-{args.scale:g}.txt"
        if not path.exists():
            path.write_text(shape(name, args.scale), encoding="utf-8")
        result = measure(path, args.timeout) | {"bytes": path.stat().st_size, "load": os.getloadavg()[0]}
        results[name] = result
        figures = (
            f"{result['seconds']:.1f} | {result['cpu_s']:.1f} | {result['peak_rss_mb']:.0f} | {result['events']} | {result['entities']}"
            f" | {'; '.join(result['notices'])}"
            if "error" not in result
            else f"{result['error']} | | | | | |"
        )
        print(f"| {SHAPES[name][0]} | {result['bytes'] / 1e6:.1f} | {figures} | {result['load']:.1f} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
