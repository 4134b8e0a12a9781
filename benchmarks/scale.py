"""Datasets at scale: the Dask build against the local pool, and DuckDB queries against SQLite.

    python benchmarks/scale.py build CORPUS [--workers 1 2 4]
    python benchmarks/scale.py query CORPUS DATASET [--cache-dir DIR] [--repeat 3] [--local-code DIR]
    python benchmarks/scale.py client CORPUS [CORPUS ...] [--workers 2]

`build` writes the corpus as a dataset with the local process pool, then on a real
Dask cluster (`dask scheduler` and N single-threaded `dask worker` processes on
127.0.0.1, started and stopped here) for each N, and prints, for each: the wall
time of the whole build and of its steps (for the pool: its maps), and the CPU
seconds of the workers and of this process (the client). The cluster's start-up
is not counted. `query` runs each command as a user would (a new `cgt` process) on
`--index DATASET` and on `--corpus CORPUS` through a warm persistent index, and
prints the median wall time of each. The machine's load average is printed with
every figure: timings on a shared machine are noisy. `client` builds each corpus on
a cluster of `--workers` processes from a new client process and prints the client's peak RSS and CPU
seconds (`ru_maxrss`, user + system, of that process alone: the workers are not
counted) beside the workers' CPU seconds. To measure another copy of cgt, run it with
PYTHONPATH=THAT_COPY: the client and the workers inherit it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _load() -> str:
    return "load %.2f %.2f %.2f" % os.getloadavg()


def _timed(mapper, spent: list[float]):
    def run(function, items):
        began = time.perf_counter()
        try:
            return mapper(function, items)
        finally:
            spent.append(time.perf_counter() - began)

    return run


def build(corpus: Path, workers: list[int]) -> None:
    from cgt_cli.index.engines import build_dataset, dask_mapper, local_mapper
    from cgt_cli.read.files import find_files
    from dask_kit import dask_cluster

    paths = find_files([str(corpus)])
    with tempfile.TemporaryDirectory() as scratch:
        spent: list[float] = []
        began, cpu = time.perf_counter(), _cpu()
        with local_mapper() as mapper:
            build_dataset(paths, Path(scratch) / "local", _timed(mapper, spent))
        total = time.perf_counter() - began
        print(f"{'local pool':18} {len(paths)} articles: maps {sum(spent):6.1f} s (map 1 {spent[0]:6.1f} s, "
              f"{1000 * spent[0] / len(paths):5.2f} ms/article), build {total:6.1f} s, CPU {_cpu() - cpu:6.1f} s   [{_load()}]",
              flush=True)  # fmt: skip
        for n in workers:
            folder = Path(scratch) / f"cluster-{n}"
            folder.mkdir()
            with dask_cluster(folder, workers=n) as address, dask_mapper(address) as cluster:
                before = sum(cluster.client.run(time.process_time).values())
                began, cpu = time.perf_counter(), time.process_time()
                built = build_dataset(paths, folder / "ds", cluster)
                total, client = time.perf_counter() - began, time.process_time() - cpu
                spent_workers = sum(cluster.client.run(time.process_time).values()) - before
            stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in built.stages.items())
            print(f"{f'dask, {n} workers':18} {len(paths)} articles: build {total:6.1f} s ({stages}); "
                  f"CPU: workers {spent_workers:6.1f} s, client {client:5.1f} s   [{_load()}]", flush=True)  # fmt: skip


def _cpu() -> float:
    """User + system seconds of this process and its finished children (the local pool's workers)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _cgt(args: list[str], code: Path | None = None) -> float:
    env = {**os.environ, "NO_COLOR": "1", **({"PYTHONPATH": str(code)} if code else {})}
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cgt_cli", *args], capture_output=True, env=env)
    return time.perf_counter() - began


def query(corpus: Path, dataset: Path, cache_dir: Path, repeat: int, code: Path | None) -> None:
    local = ["--corpus", str(corpus), "--cache-dir", str(cache_dir)]
    _cgt(["index", *local], code)  # warm
    rows = json.loads(subprocess.run([sys.executable, "-m", "cgt_cli", "entities", "--json", "--index", str(dataset)],
                                     capture_output=True, check=True).stdout)  # fmt: skip
    top = rows[0]["name"]
    person = next(r["name"] for r in rows if r["kind"] == "person" and 3 <= r["mentions"] <= 20)
    commands = [
        ["sources", "--json"], ["entities", "--json"], ["timeline"], ["timeline", "--json"], ["timeline", "--entity", person],
        ["show", person], ["show", top, "--json"], ["grep", person, "--json"], ["grep", "细胞", "--count"],
    ]  # fmt: skip
    print(f"{'command':40} {'DuckDB':>8} {'SQLite':>8}")
    for args in commands:
        duck = statistics.median(_cgt([*args, "--index", str(dataset)]) for _ in range(repeat))
        lite = statistics.median(_cgt([*args, *local], code) for _ in range(repeat))
        print(f"{' '.join(args)[:40]:40} {duck:7.2f}s {lite:7.2f}s   [{_load()}]", flush=True)


_CLIENT = """
import resource, sys, time
from pathlib import Path
from cgt_cli.index.engines import build_dataset, dask_mapper
from cgt_cli.read.files import find_files
paths = find_files([sys.argv[1]])
with dask_mapper(sys.argv[2]) as mapper:
    began = time.perf_counter()
    built = build_dataset(paths, Path(sys.argv[3]), mapper)
    wall = time.perf_counter() - began
    workers = sum(mapper.client.run(lambda: __import__("time").process_time()).values()) if hasattr(mapper, "client") else 0
use = resource.getrusage(resource.RUSAGE_SELF)
print(built.articles, use.ru_maxrss // 1024, round(use.ru_utime + use.ru_stime, 1), round(wall, 1), round(workers, 1))
"""


def client(corpora: list[Path], workers: int) -> None:
    from dask_kit import dask_cluster

    with tempfile.TemporaryDirectory() as scratch:
        for n, corpus in enumerate(corpora):
            folder = Path(scratch) / f"c{n}"
            folder.mkdir()
            with dask_cluster(folder, workers=workers) as address:
                done = subprocess.run([sys.executable, "-c", _CLIENT, str(corpus), address, str(folder / "ds")],
                                      capture_output=True, text=True)  # fmt: skip
            if done.returncode:
                logs = "".join(log.read_text()[-3000:] for log in sorted(folder.glob("*.log")))
                print(f"{corpus}: the client failed ({done.returncode}):\n{done.stderr[-3000:]}\n{logs}", flush=True)
                continue
            articles, rss, cpu, wall, spent = done.stdout.split()
            print(f"{corpus}: {articles} articles, {workers} workers: client peak RSS {rss} MB, client CPU {cpu} s, "
                  f"workers CPU {spent} s, build {wall} s   [{_load()}]", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    b = sub.add_parser("build")
    b.add_argument("corpus", type=Path)
    b.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    q = sub.add_parser("query")
    q.add_argument("corpus", type=Path)
    q.add_argument("dataset", type=Path)
    q.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "cgt-bench-scale-cache")
    q.add_argument("--repeat", type=int, default=3)
    q.add_argument("--local-code", type=Path, help="run the SQLite side with this copy of cgt (its index stays valid while you edit)")
    c = sub.add_parser("client")
    c.add_argument("corpus", type=Path, nargs="+")
    c.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.what == "client":
        client(args.corpus, args.workers)
    elif args.what == "build":
        build(args.corpus, args.workers)
    else:
        query(args.corpus, args.dataset, args.cache_dir, args.repeat, args.local_code)


if __name__ == "__main__":
    main()
