"""Benchmark cgt on synthetic corpora of growing size.

    python benchmarks/run.py [--sizes 100,1000,10000] [--workdir DIR] [--seed S]
                             [--repeat 3] [--json FILE]

For each size N: generate the corpus with generate.py (or reuse it), build the
index in a child process (time, throughput, peak memory), then time whole
`cgt ... --corpus DIR` runs: timeline, a literal grep, a regex grep and, when
the command exists, show. Once: `cgt --help` against `python -c "import typer"`,
and `cgt timeline` on the bundled seeds. The `cgt` used is the one beside the
running Python, so `/path/venv/bin/python benchmarks/run.py` measures that venv.

When a command's --help mentions --cache-dir, it is timed cold (a fresh cache
folder each run) and warm (a primed cache folder); otherwise as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"
CGT = str(Path(sys.executable).with_name("cgt"))
GREP_LITERAL = "CAR-T"
GREP_REGEX = r"(细胞|基因)治疗\w{0,6}联盟"
SHOW_NAME = "国家药品监督管理局"
STARTUP_REPEAT = 5
UNSET = ("CGT_CORPUS", "CGT_CACHE_DIR")  # the seeds and a fresh cache unless the benchmark says otherwise
ENV = {k: v for k, v in os.environ.items() if k not in UNSET} | {"NO_COLOR": "1", "COLUMNS": "120"}

BUILD_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from cgt_cli.read.files import find_files
from cgt_cli.index.load import load_index
imported = time.perf_counter()
store, _stats = load_index(find_files([sys.argv[1]]), None)
built = time.perf_counter()
me, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({
    "import_s": imported - start, "seconds": built - imported,
    "cpu_s": me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime,
    "peak_rss_mb": me.ru_maxrss / 1024, "worker_peak_rss_mb": workers.ru_maxrss / 1024,
    "articles": store.count("texts"), "skipped": len(store.skipped), "events": store.count("events", "undated = 0"),
    "entities": store.count("entities"),
}))
"""


@dataclass
class Run:
    seconds: float
    code: int
    peak_rss_mb: float
    stdout: str
    stderr: str


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still remove the temporary caches
    results = {"machine": machine(), "startup": startup(), "sizes": []}
    for n in args.sizes:
        corpus = corpus_for(n, args.seed, args.workdir)
        results["sizes"].append(measure_size(n, corpus, args.repeat))
    results["machine"] |= {
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "cgt_sources_changed_during_run": sources_digest() != results["machine"]["cgt_sources_sha256"],
    }
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time cgt on synthetic corpora of N articles.")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cgt-bench",
                        help="where corpora are generated and reused (default: $TMPDIR/cgt-bench)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command on each corpus; the median is kept")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    return args


def run(cmd: list[str]) -> Run:
    """Run a command to completion: wall time, exit code and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=ENV)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = (f.read().decode("utf-8", "replace") for f in (out, err))
    return Run(seconds, proc.returncode, usage.ru_maxrss / 1024, text, errors)


def timed(cmd: list[str], times: int, label: str, prepare=None) -> dict:
    """The median wall time of `times` runs (`prepare()` may add arguments per run)."""
    runs = [run(cmd + (prepare() if prepare else [])) for _ in range(times)]
    last = runs[-1]
    result = {
        "median_s": round(statistics.median(r.seconds for r in runs), 3),
        "runs_s": [round(r.seconds, 3) for r in runs],
        "exit_code": last.code,
        "peak_rss_mb": round(max(r.peak_rss_mb for r in runs), 1),
        "stdout_bytes": len(last.stdout.encode("utf-8")),
    }
    if last.code not in (0, 1):
        result["stderr"] = last.stderr.strip().splitlines()[:3]
    log(f"  {label}: {result['median_s']} s (exit {last.code})")
    return result


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        lines = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        model = lines[0].split(":", 1)[1].strip() if lines else model
    return {
        "cpu": model,
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cgt": CGT,
        "cgt_sources_sha256": sources_digest(),
        "started_at": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def sources_digest() -> str:
    """A short digest of the installed cgt_cli/*.py, naming the code that was measured."""
    spec = importlib.util.find_spec("cgt_cli")
    if spec is None or spec.origin is None:
        return "unknown"
    digest = hashlib.sha256()
    for path in sorted(Path(spec.origin).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def startup() -> dict:
    """`cgt --help` against importing typer alone, and `cgt timeline` on the seeds."""
    log("startup")
    help_run = timed([CGT, "--help"], STARTUP_REPEAT, "cgt --help")
    typer_run = timed([sys.executable, "-c", "import typer"], STARTUP_REPEAT, "import typer")
    return {
        "cgt_help": help_run,
        "import_typer": typer_run,
        "help_over_typer": round(help_run["median_s"] / typer_run["median_s"], 2),
        "seeds_timeline": measure_command(["timeline"], None, STARTUP_REPEAT),
    }


def corpus_for(n: int, seed: int, workdir: Path) -> Path:
    """The corpus of n articles: reused when the same generator made it, else written anew."""
    folder = workdir / f"corpus-n{n}-seed{seed}"
    stamp = folder / "generator.stamp"  # not *.txt, so cgt never reads it
    expected = f"{hashlib.sha256(GENERATOR.read_bytes()).hexdigest()} {n} {seed}"
    if stamp.exists() and stamp.read_text() == expected:
        log(f"reusing {folder}")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    log(f"generating {n} articles in {folder}")
    subprocess.run([sys.executable, str(GENERATOR), str(n), str(folder), "--seed", str(seed)], check=True)
    stamp.write_text(expected)
    return folder


def corpus_size(folder: Path) -> tuple[int, int]:
    """Number of *.txt files and their total bytes."""
    sizes = [p.stat().st_size for p in folder.rglob("*.txt")]
    return len(sizes), sum(sizes)


def measure_size(n: int, corpus: Path, repeat: int) -> dict:
    files, size = corpus_size(corpus)
    log(f"N={n}: {files} files, {size / 1e6:.1f} MB")
    commands = {
        "timeline": ["timeline"],
        "grep literal": ["grep", GREP_LITERAL],
        "grep regex": ["grep", "-e", GREP_REGEX],
    }
    if run([CGT, "show", "--help"]).code == 0:
        commands["show"] = ["show", SHOW_NAME]
    return {
        "n": n,
        "files": files,
        "mb": round(size / 1e6, 2),
        "build": measure_build(corpus, size),
        "commands": {name: measure_command(args, corpus, repeat) for name, args in commands.items()},
    }


def measure_build(corpus: Path, size: int) -> dict:
    """Read and index the corpus without a cache, once, in a child process."""
    child = run([sys.executable, "-c", BUILD_CHILD, str(corpus)])
    if child.code != 0:
        raise SystemExit(f"index build failed on {corpus}:\n{child.stderr}")
    data = json.loads(child.stdout)
    data |= {
        "articles_per_s": data["articles"] / data["seconds"],
        "mb_per_s": size / 1e6 / data["seconds"],
        "wall_s": child.seconds,
    }
    log(f"  index build: {data['seconds']:.2f} s, peak {data['peak_rss_mb']:.0f} MB")
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in data.items()}


def measure_command(args: list[str], corpus: Path | None, repeat: int) -> dict:
    """{"as is": timing}, or when the command takes --cache-dir: {"cold": each run with an
    empty cache folder, "warm": runs with the folder the last cold run filled}."""
    cmd = [CGT, *args] + (["--corpus", str(corpus)] if corpus else [])
    label = " ".join(args)
    if "--cache-dir" not in run([CGT, args[0], "--help"]).stdout:
        return {"as is": timed(cmd, repeat, label)}
    with tempfile.TemporaryDirectory(prefix="cgt-bench-cache-") as scratch:
        made: list[str] = []

        def fresh() -> list[str]:
            made.append(tempfile.mkdtemp(dir=scratch))
            return ["--cache-dir", made[-1]]

        cold = timed(cmd, repeat, f"{label} (cold)", fresh)
        warm = timed(cmd + ["--cache-dir", made[-1]], repeat, f"{label} (warm)")  # primed by the last cold run
    return {"cold": cold, "warm": warm}


def report(results: dict) -> str:
    """The results as Markdown tables."""
    m, s = results["machine"], results["startup"]
    lines = [
        f"Machine: {m['cpu']}, {m['nproc']} CPUs, Python {m['python']}; "
        f"cgt_cli sources {m['cgt_sources_sha256']}, started {m['started_at']}",
        f"Load average (1, 5, 15 min) at start {m['load_average_at_start']}, at end {m['load_average_at_end']}",
    ]
    if m["cgt_sources_changed_during_run"]:
        lines.append("WARNING: cgt_cli changed during the run; the figures mix versions.")
    lines.append("")
    lines += build_table(results["sizes"]) + [""] + command_table(results["sizes"]) + [""]
    lines += [
        "| startup (median of 5) | s |", "| --- | ---: |",
        f"| cgt --help | {s['cgt_help']['median_s']:.3f} |",
        f"| python -c 'import typer' | {s['import_typer']['median_s']:.3f} |",
        f"| ratio | {s['help_over_typer']:.2f} |",
    ]
    lines += [f"| cgt timeline (seeds, {mode}) | {t['median_s']:.3f} |" for mode, t in s["seeds_timeline"].items()]
    return "\n".join(lines)


def build_table(sizes: list[dict]) -> list[str]:
    lines = [
        "| N | files | MB | index s | articles/s | MB/s | CPU s | peak RSS MB (main / worker) | events | entities |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        b = size["build"]
        lines.append(
            f"| {size['n']:,} | {size['files']:,} | {size['mb']:.1f} | {b['seconds']:.2f} | {b['articles_per_s']:.1f} "
            f"| {b['mb_per_s']:.3f} | {b['cpu_s']:.1f} | {b['peak_rss_mb']:.0f} / {b['worker_peak_rss_mb']:.0f} "
            f"| {b['events']:,} | {b['entities']:,} |"
        )
    return lines


def command_table(sizes: list[dict]) -> list[str]:
    lines = [
        "| N | command | mode | median s | runs s | exit | peak RSS MB | output KB |",
        "| ---: | --- | --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for size in sizes:
        for name, modes in size["commands"].items():
            for mode, t in modes.items():
                runs = " / ".join(f"{r:.2f}" for r in t["runs_s"])
                lines.append(
                    f"| {size['n']:,} | {name} | {mode} | {t['median_s']:.2f} | {runs} | {t['exit_code']} "
                    f"| {t['peak_rss_mb']:.0f} | {t['stdout_bytes'] / 1024:,.0f} |"
                )
    return lines


if __name__ == "__main__":
    main()
