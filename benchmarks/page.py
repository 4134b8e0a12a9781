"""The HTML timeline page at scale, in headless Chromium.

    python benchmarks/page.py CORPUS [--cache-dir DIR] [--repeat 5] [--page FILE] [-- TIMELINE OPTIONS]

Writes `cgt timeline --format html` for CORPUS (its index built beforehand:
`cgt index --corpus CORPUS`; options after `--` go to `cgt timeline`, such as
`--from 2024` for a smaller page), then opens it REPEAT times in a fresh browser
context and reads, inside the page (`performance.now()`):
- load to interactive: from navigation start to the end of the page's set-up
  (data parsed, chart and the first rows of the list drawn, handlers bound);
  the search text is then built in idle time (a query before it is done
  finishes it first);
- each filter's answer: from setting the filter to the next painted frame
  (the filtering, the chart and list redrawn, style, layout and paint).
Needs Playwright and a system Chromium (as the browser tests do).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
FILTERS = [
    ("text 杭州", {"q": "杭州"}),
    ("text 蘇州 (Traditional)", {"q": "蘇州"}),
    ("text CAR-T", {"q": "car-t"}),
    ("text 揭牌", {"q": "揭牌"}),
    ("kind org", {"q": "", "kind": "org"}),
    ("dates 2020-2021", {"kind": "", "from": "2020", "to": "2021"}),
    ("source (one outlet)", {"from": "", "to": "", "source": "OUTLET"}),
    ("clear all (every event)", {"q": "", "kind": "", "entity": "", "source": "", "from": "", "to": ""}),
]
MEASURE = """async (values) => {
  const t0 = performance.now();
  window.cgtSetFilters(values);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return [performance.now() - t0, document.querySelectorAll('.ev').length, document.getElementById('status').textContent];
}"""


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--cache-dir")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page", type=Path, help="where to write the page (default: a temporary file)")
    argv = sys.argv[1:]
    timeline = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    from playwright.sync_api import sync_playwright

    page_file = args.page or Path(tempfile.mkdtemp()) / "timeline.html"
    env = {**os.environ, **({"CGT_CACHE_DIR": args.cache_dir} if args.cache_dir else {})}
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cgt_cli", "timeline", "--corpus", args.corpus, *timeline, "--format", "html", "-o", str(page_file)],
                   env=env, check=True)  # fmt: skip
    written = time.perf_counter() - began
    print(f"page: {page_file.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s (warm index)")
    chromium = os.environ.get("CGT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    ready, indexed, answers = [], [], {name: [] for name, _ in FILTERS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for _ in range(args.repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(page_file.as_uri(), timeout=120_000)
            page.wait_for_selector("html[data-ready]", timeout=120_000)
            ready.append(page.evaluate("window.cgtReadyMs"))
            page.wait_for_selector("html[data-searchable]", timeout=120_000)  # the search text, built in idle time
            indexed.append(page.evaluate("performance.now()") - ready[-1])
            events = page.evaluate("document.getElementById('status').textContent")
            outlet = page.evaluate("JSON.parse(document.getElementById('cgt-data').textContent).sources[0][3]")
            for name, values in FILTERS:
                values = {k: outlet.lstrip("~") if v == "OUTLET" else v for k, v in values.items()}
                ms, rows, status = page.evaluate(MEASURE, values)
                answers[name].append(ms)
                answers[name + " rows"] = f"{status} ({rows} rows drawn)"
            context.close()
        browser.close()
    print(f"{events}; load to interactive: {spread(ready)}; search text ready at most {max(indexed):.0f} ms later")
    for name, _ in FILTERS:
        print(f"  {name:26} {spread(answers[name])}  → {answers[name + ' rows']}")


if __name__ == "__main__":
    main()
