"""Saved web pages as input, measured on real pages.

    python benchmarks/html_input.py [FOLDER ...] [--json FILE]

Default folder: /work/shared/html-pages (64 real pages from trafilatura's
evaluation set). Add the test pages of trafilatura's and htmldate's source
distributions by unpacking them (`pip download --no-binary :all: --no-deps
trafilatura htmldate`) and naming their folders. For each page: read (text,
title, site, date) or skipped and why, the time cgt takes per page (reading
and layout, as `cgt index` does), and its published date against the dates
the page's own markup states (`datePublished`, `article:published_time`,
`<time datetime>`, ...), found here by a plain pattern independent of
htmldate. Pages holding Chinese or Japanese are listed with their title and
date so they can be checked by eye.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cgt_cli.extract.article import read_article  # noqa: E402
from cgt_cli.read.files import SkipFile, document, is_page  # noqa: E402
from cgt_cli.read.html import decode_page  # noqa: E402

DEFAULT = Path("/work/shared/html-pages")
OWN_DATE = re.compile(
    r"""(?:datePublished|dateCreated|article:published_time|og:published_time|pubdate|publish[_-]?(?:date|time)"""
    r"""|DC\.date(?:\.issued)?|<time[^>]{0,80}?datetime)[^<>0-9]{1,60}?((?:19|20)\d\d-\d\d-\d\d)""",
    re.IGNORECASE,
)
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def own_dates(path: Path) -> list[str]:
    """The dates the page's markup states for itself, in order, without repeats."""
    markup, _ = decode_page(path.read_bytes())
    return list(dict.fromkeys(OWN_DATE.findall(markup)))


def measure(path: Path) -> dict:
    began = time.perf_counter()
    try:
        article = read_article(document(path.stem, str(path), path.read_bytes()))
    except SkipFile as why:
        return {"page": path.name, "read": False, "reason": str(why), "seconds": time.perf_counter() - began}
    seconds = time.perf_counter() - began
    layout = article.layout
    return {
        "page": path.name,
        "read": True,
        "seconds": seconds,
        "title": article.title,
        "site": layout.outlet,
        "published": layout.published,
        "inferred": layout.published_inferred,
        "basis": layout.published_basis,
        "encoding": article.encoding,
        "chars": article.body_chars,
        "cjk": bool(CJK.search(article.text)),
        "own": own_dates(path),
    }


def verdict(row: dict) -> str:
    if not row["read"]:
        return "skipped"
    if not row["own"]:
        return "no own date" if row["published"] else "no own date, none found"
    if row["published"] is None:
        return "own date missed"
    return "agrees" if row["published"] in row["own"] else "differs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--json", type=Path, help="also write every page's row here")
    args = parser.parse_args()
    pages = sorted(p for folder in args.folders for p in folder.rglob("*") if p.is_file() and is_page(p.name))
    began = time.perf_counter()
    import trafilatura  # noqa: F401  (its import, measured apart)

    imported = time.perf_counter() - began
    rows = [measure(p) for p in pages]
    times = sorted(r["seconds"] for r in rows)
    verdicts = [verdict(r) for r in rows]
    print(f"{len(rows)} pages: {sum(r['read'] for r in rows)} read, {verdicts.count('skipped')} skipped")
    print(f"trafilatura import {imported:.2f} s; per page median {statistics.median(times) * 1000:.0f} ms, "
          f"90th percentile {times[int(len(times) * 0.9)] * 1000:.0f} ms, slowest {times[-1] * 1000:.0f} ms, "
          f"total {sum(times):.1f} s")  # fmt: skip
    for name in ("agrees", "differs", "own date missed", "no own date", "no own date, none found"):
        print(f"  {name}: {verdicts.count(name)}")
    for row, said in zip(rows, verdicts, strict=True):
        if said in ("differs", "own date missed") or said == "skipped":
            print(f"  {said}: {row['page']}: ours {row.get('published')} ({row.get('basis', row.get('reason'))}), page's own {row.get('own')}")
    print("pages in Chinese or Japanese:")
    for row in rows:
        if row.get("cjk"):
            print(f"  {row['page']}: {row['title']!r} · {row['site']} · {row['published']} ({row['basis']}) · {row['encoding']} · {row['chars']} chars")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
