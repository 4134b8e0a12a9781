"""Time the views of a corpus' timeline and grep: what cgt does after the index is read.

    python benchmarks/views.py DIR [--cache-dir DIR] [--repeat 5] [--width 80] [--grep CAR-T]

Reads the corpus through the persistent index in --cache-dir (built first when it is not
there: run `cgt index --corpus DIR --cache-dir X` beforehand to keep that out of the way), then
times, each the fastest of --repeat runs, in this process:
- select: the timeline's rows from the store (no detail), and with detail (what data needs);
- view: the timeline as rows (`styled.timeline_view`); plain: those rows as piped text;
- terminal: the rows through Rich at --width columns, as on a terminal (colour on);
- json, ndjson, csv: the timeline written in each data format (to memory);
- grep: a literal search, its lines (the sentences), and its piped view.
It prints one line per figure, with the output's size. Run it with the Python of the cgt to
measure (a checkout's venv); only the standard library, Rich and cgt are used.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path


def best(repeat: int, work):
    """(seconds of the fastest run, what the last run returned)."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - began)
    return min(times), result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/cgt-bench-views-cache"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--grep", default="CAR-T")
    args = parser.parse_args(argv)

    from rich.console import Console

    from cgt_cli.index.cache import open_cache
    from cgt_cli.index.load import load_index
    from cgt_cli.index.query import compile_pattern, search, timeline
    from cgt_cli.read.files import find_files
    from cgt_cli.views import records, rows, styled
    from cgt_cli.views.formats import WRITERS

    cache = open_cache(args.cache_dir, lambda message: print("cache:", message, file=sys.stderr))
    store, stats = load_index(find_files([args.corpus]), cache)
    headers = {s.id: s for s in store.sources()}
    print(f"{stats.files} files, read from the index: {stats.unchanged}; {args.repeat} runs each, the fastest")

    def report(name: str, seconds: float, size: int | None = None) -> None:
        print(f"{name:<22} {seconds:6.2f} s" + (f"  {size / 1e6:6.1f} M chars" if size is not None else ""))

    seconds, events = best(args.repeat, lambda: timeline(store, detail=False))
    report(f"select ({len(events)} rows)", seconds)
    seconds, detailed = best(args.repeat, lambda: timeline(store, detail=True))
    report("select with detail", seconds)
    seconds, view = best(args.repeat, lambda: styled.timeline_view(events, headers))
    report("view", seconds)
    seconds, plain = best(args.repeat, lambda: view.plain)
    report("plain", seconds, len(plain))

    def on_terminal() -> str:
        out = io.StringIO()
        console = Console(file=out, width=args.width, force_terminal=True, color_system="standard", highlight=False)
        for part in view.chunks() if hasattr(view, "chunks") else [view]:
            console.print(part, crop=False)
        return out.getvalue()

    seconds, shown = best(max(1, args.repeat // 2), on_terminal)
    report(f"terminal {args.width} columns", seconds, len(shown))
    for fmt in ("json", "ndjson", "csv"):

        def write(fmt=fmt) -> str:
            out = io.StringIO()
            WRITERS[fmt](out, rows.timeline(detailed, headers))
            return out.getvalue()

        seconds, written = best(args.repeat, write)
        report(f"timeline {fmt}", seconds, len(written))

    pattern = compile_pattern(args.grep)
    seconds, hits = best(args.repeat, lambda: search(store, pattern))
    report(f"grep {args.grep} ({len(hits)} hits)", seconds)
    seconds, lines = best(args.repeat, lambda: records.hit_lines(store, hits, None))
    report(f"grep lines ({len(lines)})", seconds)
    seconds, text = best(args.repeat, lambda: styled.grep_view(lines, False, False).plain)
    report("grep view, plain", seconds, len(text))
    store.close()


if __name__ == "__main__":
    main()
