"""Datasets at scale: the Dask build against the local pool, and DuckDB queries against SQLite.

    python benchmarks/scale.py build CORPUS [--workers 1 2 4]
    python benchmarks/scale.py query CORPUS DATASET [--cache-dir DIR] [--repeat 3] [--local-code DIR]

`build` writes the corpus as a dataset with the local process pool, then on a real
Dask cluster (`dask scheduler` and N single-threaded `dask worker` processes on
127.0.0.1, started and stopped here) for each N, and prints, for each: the wall
time of the per-article map, of the whole build (map, assembly on this process,
Parquet writes), and the map's wall time per article. The cluster's start-up is
not counted. `query` runs each command as a user would (a new `cgt` process) on
`--index DATASET` and on `--corpus CORPUS` through a warm persistent index, and
prints the median wall time of each. The machine's load average is printed with
every figure: timings on a shared machine are noisy.
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
        runs = [("local pool", None)] + [(f"dask, {n} worker{'s' * (n > 1)}", n) for n in workers]
        for name, n in runs:
            spent: list[float] = []
            if n is None:
                began = time.perf_counter()
                with local_mapper() as mapper:
                    build_dataset(paths, Path(scratch) / "local", _timed(mapper, spent))
            else:
                folder = Path(scratch) / f"cluster-{n}"
                folder.mkdir()
                with dask_cluster(folder, workers=n) as address, dask_mapper(address) as mapper:
                    began = time.perf_counter()
                    build_dataset(paths, folder / "ds", _timed(mapper, spent))
            total = time.perf_counter() - began
            print(
                f"{name:18} {len(paths)} articles: maps {sum(spent):6.1f} s (map 1 {spent[0]:6.1f} s {1000 * spent[0] / len(paths):5.2f} ms/article), "
                f"build {total:6.1f} s   [{_load()}]",
                flush=True,
            )


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
    args = parser.parse_args()
    if args.what == "build":
        build(args.corpus, args.workers)
    else:
        query(args.corpus, args.dataset, args.cache_dir, args.repeat, args.local_code)


if __name__ == "__main__":
    main()
