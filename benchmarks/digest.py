"""A digest of what cgt says about a corpus: to prove a change keeps the output identical.

    python benchmarks/digest.py CORPUS [--index DATASET] [--names 6] [--show-parts]

Runs the `cgt` beside this Python with a fresh cache folder: `timeline --json` (dated,
`--facts`, `--undated`), `entities --json` and `show NAME --json` for the most mentioned
names of `entities` (and two names of each kind after them), then prints one SHA-256 of
all the outputs and exit codes. `--index DATASET` asks a Parquet dataset (`cgt index
--engine dask`) instead of the corpus. `tests/test_identical.py` compares the digests of
the seeds and the dev pages with the recorded ones; benchmarks/README.md those of the
synthetic corpora.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CGT = str(Path(sys.executable).with_name("cgt"))
ENV = {k: v for k, v in os.environ.items() if k not in ("CGT_CORPUS", "CGT_CACHE_DIR")} | {"NO_COLOR": "1"}


def commands(entities: list[dict], most: int) -> list[list[str]]:
    """The commands whose outputs the digest covers; names picked from `entities --json`."""
    names = [e["name"] for e in entities[:most]]
    by_kind: dict[str, list[str]] = {}
    for entity in entities[most:]:
        by_kind.setdefault(entity["kind"], []).append(entity["name"])
    names += [name for kind in sorted(by_kind) for name in by_kind[kind][:2]]
    return [
        ["timeline", "--json"],
        ["timeline", "--facts", "--json"],
        ["timeline", "--undated", "--json"],
        ["entities", "--json"],
        *(["show", name, "--json"] for name in dict.fromkeys(names)),
    ]


def outputs(where: list[str], most: int = 6) -> list[tuple[list[str], int, str]]:
    """(command, exit code, stdout) of each command, on `where` (`--corpus DIR` or `--index DATASET`)."""
    with tempfile.TemporaryDirectory() as cache:
        env = ENV | {"CGT_CACHE_DIR": cache}

        def run(args: list[str]) -> tuple[list[str], int, str]:
            done = subprocess.run([CGT, *args, *where], capture_output=True, text=True, env=env, check=False)
            if done.returncode not in (0, 1):
                raise SystemExit(f"cgt {' '.join(args)} exited {done.returncode}: {done.stderr}")
            return args, done.returncode, done.stdout

        listed = run(["entities", "--json"])
        return [run(args) if args != listed[0] else listed for args in commands(json.loads(listed[2]), most)]


def digest(results: list[tuple[list[str], int, str]], root: str) -> str:
    sha = hashlib.sha256()
    for args, code, out in results:
        sha.update(json.dumps([args, code], ensure_ascii=False).encode() + b"\n" + out.replace(root, "<CORPUS>").encode())
    return sha.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index", type=Path, help="a Parquet dataset of the corpus, asked instead of the corpus")
    parser.add_argument("--names", type=int, default=6, help="the most mentioned names to show")
    parser.add_argument("--show-parts", action="store_true", help="also one digest per command")
    args = parser.parse_args()
    root = str(args.corpus.resolve())
    where = ["--index", str(args.index)] if args.index else ["--corpus", root]
    results = outputs(where, args.names)
    if args.show_parts:
        for result in results:
            print(digest([result], root)[:16], " ".join(result[0]))
    print(digest(results, root))


if __name__ == "__main__":
    main()
