"""Warm `cgt grep` side by side with ripgrep on the same corpus, and the other warm commands.

    python benchmarks/grep_vs_rg.py CORPUS [--cache-dir DIR] [--repeat 7] [--quick]
                                    [--rare 张敏胜] [--common 细胞] [--show NAME] [--json FILE]
                                    [--cgt 'python -m cgt_cli']

The index of CORPUS is built once in --cache-dir (not timed; minutes at 10,000
articles). Every case is then run once to warm the page cache, and `--repeat`
times with cgt and ripgrep alternating, so both see the same load; the median of
each is kept and their ratio printed, for the wall time and for the CPU time (user +
system, of the process and its children: on a shared machine the steadier figure;
ripgrep's threads make its CPU time more than its wall time). ripgrep is given both scripts of the term
(`细胞|細胞`, the Traditional form from OpenCC), since cgt matches either; cgt
searches its index. Output goes to a file, never /dev/null (where a grep may
stop at the first match). Without `rg` on PATH (Debian: `apt-get install
ripgrep`) only cgt is timed.

Also timed warm, for before/after comparisons: `cgt timeline`, `cgt show NAME`,
`cgt sources`, and the size of the cache file against the corpus' (with one corpus
in it: give a fresh --cache-dir for that figure). `--quick` leaves out the two cases
that print every line of the common term (half a million lines, tens of seconds each).
cgt runs with Python's bytecode cache allowed, as an installed cgt has it
(PYTHONDONTWRITEBYTECODE would make every run compile cgt's sources again).
`--cgt` runs another cgt, e.g. an older checkout for a before/after comparison:
`PYTHONPATH=/tmp/old python benchmarks/grep_vs_rg.py CORPUS --cgt 'python -m cgt_cli'`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CGT = [str(Path(sys.executable).with_name("cgt"))]
ENV = {k: v for k, v in os.environ.items() if k not in ("CGT_CORPUS", "CGT_CACHE_DIR", "PYTHONDONTWRITEBYTECODE")} | {"NO_COLOR": "1"}


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    corpus = str(args.corpus)
    cache = ["--corpus", corpus, "--cache-dir", str(args.cache_dir)]
    cgt = shlex.split(args.cgt) if args.cgt else CGT
    log(f"index: {run([*cgt, 'index', *cache]).out.decode().strip()}")
    rg = shutil.which("rg")
    both = {term: f"{term}|{traditional(term)}" for term in (args.rare, args.common)}
    cases = [
        (f"rare term {args.rare}", [*cgt, "grep", args.rare, *cache], ["-n", both[args.rare]]),
        (f"common term {args.common} --count", [*cgt, "grep", args.common, "--count", *cache], ["--count", both[args.common]]),
        (f"common term {args.common} --json", [*cgt, "grep", args.common, "--json", *cache], ["--json", both[args.common]]),
        (f"common term {args.common}", [*cgt, "grep", args.common, *cache], ["-n", both[args.common]]),
    ][: 2 if args.quick else 4]
    results = {"machine": machine(), "corpus": corpus, "cgt": " ".join(cgt), "rg": rg and version(rg), "grep": [], "commands": []}
    for label, cgt_cmd, rg_args in cases:
        rg_cmd = [rg, *rg_args, corpus] if rg else None
        results["grep"].append(compare(label, cgt_cmd, rg_cmd, args.repeat))
    for label, cmd in (
        ("timeline", [*cgt, "timeline", *cache]),
        (f"show {args.show}", [*cgt, "show", args.show, *cache]),
        ("sources", [*cgt, "sources", *cache]),
    ):
        results["commands"].append(timed(label, cmd, args.repeat))
    corpus_bytes = sum(f.stat().st_size for f in Path(corpus).rglob("*") if f.is_file())
    cache_bytes = sum(f.stat().st_size for f in args.cache_dir.iterdir() if f.name.startswith("index.sqlite"))
    corpora = stored_corpora(args.cache_dir / "index.sqlite")
    results["size"] = {
        "corpus_mb": mb(corpus_bytes), "cache_mb": mb(cache_bytes), "ratio": round(cache_bytes / corpus_bytes, 2), "corpora": corpora,
    }
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Warm cgt grep against ripgrep, and the other warm commands.")
    parser.add_argument("corpus", type=Path, help="a corpus folder (benchmarks/generate.py 10000 DIR)")
    parser.add_argument("--cache-dir", type=Path, help="the cache folder to build and reuse (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each command; the median is kept")
    parser.add_argument("--rare", default="张敏胜", help="a term in few articles (default: %(default)s)")
    parser.add_argument("--common", default="细胞", help="a term in nearly every article (default: %(default)s)")
    parser.add_argument("--show", default="国家药品监督管理局", help="the entity `cgt show` looks up")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("--quick", action="store_true", help="only the rare term and the common term's --count")
    parser.add_argument("--cgt", metavar="COMMAND", help="the cgt to run, as a command line (default: the cgt beside this Python)")
    args = parser.parse_args(argv)
    if args.cache_dir is None:
        args.cache_dir = Path(tempfile.mkdtemp(prefix="cgt-grep-bench-"))
    return args


def stored_corpora(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(*) FROM corpora").fetchone()[0]


def traditional(term: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(term)


def version(program: str) -> str:
    return subprocess.run([program, "--version"], capture_output=True, text=True).stdout.splitlines()[0]


class Run:
    def __init__(self, seconds: float, cpu: float, code: int, out: bytes) -> None:
        self.seconds, self.cpu, self.code, self.out = seconds, cpu, code, out


def run(cmd: list[str]) -> Run:
    """One run: wall seconds, CPU seconds (user + system of the command and its children), exit code, output."""
    with tempfile.TemporaryFile() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, env=ENV).returncode
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.seek(0)
        return Run(seconds, cpu, code, out.read())


def compare(label: str, cgt_cmd: list[str], rg_cmd: list[str] | None, repeat: int) -> dict:
    """Both commands once to warm up, then `repeat` times alternating; medians and their ratio."""
    runs: dict[str, list[Run]] = {"cgt": [], "rg": []}
    commands = {"cgt": cgt_cmd, "rg": rg_cmd} if rg_cmd else {"cgt": cgt_cmd}
    for cmd in commands.values():
        run(cmd)
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(run(cmd))
    result = {"case": label, "cgt": summary(runs["cgt"])}
    if rg_cmd:
        result["rg"] = summary(runs["rg"])
        result["ratio"] = round(result["cgt"]["median_s"] / result["rg"]["median_s"], 2)
        result["cpu_ratio"] = round(result["cgt"]["median_cpu_s"] / max(result["rg"]["median_cpu_s"], 0.001), 2)
    log(
        f"  {label}: cgt {result['cgt']['median_s']} s ({result['cgt']['median_cpu_s']} CPU s)"
        + (f", rg {result['rg']['median_s']} s ({result['rg']['median_cpu_s']} CPU s), ×{result['ratio']}" if rg_cmd else "")
    )
    return result


def timed(label: str, cmd: list[str], repeat: int) -> dict:
    run(cmd)
    result = {"command": label, **summary([run(cmd) for _ in range(repeat)])}
    log(f"  {label}: {result['median_s']} s ({result['median_cpu_s']} CPU s)")
    return result


def summary(runs: list[Run]) -> dict:
    return {
        "median_s": round(statistics.median(r.seconds for r in runs), 3),
        "median_cpu_s": round(statistics.median(r.cpu for r in runs), 3),
        "runs_s": [round(r.seconds, 3) for r in runs],
        "exit_code": runs[-1].code,
        "stdout_bytes": len(runs[-1].out),
    }


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def mb(n: int) -> float:
    return round(n / 1e6, 1)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def report(results: dict) -> str:
    lines = [
        f"corpus {results['corpus']}; cgt: {results['cgt']}; ripgrep: {results['rg'] or 'not installed'}; "
        f"load {results['machine']['load_average_at_start']} → {results['machine']['load_average_at_end']}",
        "",
        "| grep, warm | cgt s (median) | rg s (median) | cgt / rg | CPU s cgt / rg (median) | output bytes cgt / rg |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in results["grep"]:
        rg = row.get("rg")
        lines.append(
            f"| {row['case']} | {row['cgt']['median_s']} | {rg['median_s'] if rg else '–'} | {row.get('ratio', '–')} | "
            f"{row['cgt']['median_cpu_s']} / {rg['median_cpu_s'] if rg else '–'} | "
            f"{row['cgt']['stdout_bytes']:,} / {rg['stdout_bytes'] if rg else 0:,} |"
        )
    lines += ["", "| other warm commands | s (median) | CPU s (median) | runs |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['command']} | {r['median_s']} | {r['median_cpu_s']} | {r['runs_s']} |" for r in results["commands"]]
    size = results["size"]
    lines += ["", f"cache {size['cache_mb']} MB ({size['corpora']} corpora stored) for a corpus of {size['corpus_mb']} MB: ×{size['ratio']}"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
