"""The cold build: CPU per article by stage, and wall time on 1 and 2 cores.

    python benchmarks/build.py CORPUS [--cores 1,2] [--repeat 2] [--profile FILE]

Stages: one child process on one core runs every stage of `index.build` in turn
(map 1 = `process_file` and `first`, the two reduces, map 2, map 3, the merge, the
store's rows, a map too, and its inserts) and prints each one's CPU seconds, per
article, and the serial share (the reduces, the merge and the inserts: what no pool
can spread). `--profile FILE`
writes that child's cProfile.

Cores: for each count, `--repeat` children pinned to that many cores
(`sched_setaffinity`, so `index.load` sees them as the machine) run `load_index` with
no cache, as `cgt` does on a new corpus; the best wall time and its CPU (the process
and its workers) are printed, and the speed-up over the first count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

STAGES = """
import cProfile, json, os, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from cgt_cli.read.files import find_files, read_files
from cgt_cli.extract.article import process_file
from cgt_cli.index import build
from cgt_cli.index.store import Store

entries, skipped = read_files(find_files([sys.argv[1]]))
profile = cProfile.Profile() if sys.argv[2] else None
clock, seconds = time.process_time, {}
if profile:
    profile.enable()
began = clock()

def stage(name, fn, *args):
    global began
    result = fn(*args)
    now = clock()
    seconds[name] = seconds.get(name, 0) + now - began
    began = now
    return result

processed = stage("map 1: process_file", lambda: [process_file(e) for e in entries])
import gc
gc.disable()  # as `build.assemble` does
firsts = stage("map 1: first", lambda: [build.first(p) for p in processed])
units = stage("reduce: link_units", lambda: build.link_units([s for _, s in firsts]))
locals_ = [local for local, _ in firsts]
shorts = stage("map 2: second", lambda: [build.second(i, units) for i in zip(processed, locals_)])
naming = stage("reduce: name_entities", lambda: build.name_entities(units, build.used_shorts(shorts)))
parts = stage("map 3: third", lambda: [build.third(i, units, naming) for i in zip(processed, locals_, shorts)])
index = stage("merge", build.to_index, [p.article for p in processed], skipped, parts, units, naming)
mapped = [0.0]

def timed_map(fn, items):  # the write's rows are a map: timed apart from its inserts
    began = clock()
    out = [fn(item) for item in items]
    mapped[0] += clock() - began
    return out

stage("store: write", Store.in_memory, index, timed_map)
seconds["store: rows (a map)"] = mapped[0]
seconds["store: write"] -= mapped[0]
if profile:
    profile.disable()
    profile.dump_stats(sys.argv[2])
print(json.dumps({"articles": len(entries), "seconds": seconds}))
"""

CORES = """
import json, os, resource, sys, time
os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: int(sys.argv[2])])
from cgt_cli.read.files import find_files
from cgt_cli.index.load import load_index
began = time.perf_counter()
store, stats = load_index(find_files([sys.argv[1]]), None)
wall = time.perf_counter() - began
me, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
cpu = me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime
print(json.dumps({"wall": wall, "cpu": cpu, "parent_cpu": me.ru_utime + me.ru_stime, "articles": stats.processed}))
"""

SERIAL = ("reduce: link_units", "reduce: name_entities", "merge", "store: write")


def child(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--cores", default="1,2")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", default="", help="write the stages' cProfile here")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    stages = child(STAGES, args.corpus, args.profile)
    n, seconds = stages["articles"], stages["seconds"]
    total = sum(seconds.values())
    for name, s in seconds.items():
        print(f"{name:24} {s:8.2f} s CPU  {1000 * s / n:6.2f} ms/article  {100 * s / total:5.1f}%")
    serial = sum(seconds[name] for name in SERIAL)
    print(f"{'all stages':24} {total:8.2f} s CPU  {1000 * total / n:6.2f} ms/article; serial {100 * serial / total:.1f}%")
    first = None
    for cores in (int(c) for c in args.cores.split(",")):
        runs = [child(CORES, args.corpus, str(cores)) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["wall"])
        first = first or best["wall"]
        walls = ", ".join(f"{r['wall']:.2f}" for r in runs)
        print(
            f"{cores} core(s): wall {best['wall']:.2f} s (of {walls}), "
            f"CPU {best['cpu']:.2f} s ({1000 * best['cpu'] / n:.2f} ms/article, main process {best['parent_cpu']:.2f} s), "
            f"speed-up {first / best['wall']:.2f}x"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
