"""Datasets: `cgt index --out` (local or on Dask) writes Parquet tables, and every query
command answers from them with `--index` exactly as from the corpus' SQLite store:
same stdout, stderr and exit code, on the seeds and on a generated 2,000-article
corpus indexed through a real Dask cluster (scheduler and two workers, started here)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import loaded_by

pytest.importorskip("duckdb", reason="the scale extra is not installed: pip install -e '.[scale]'")
pytest.importorskip("pyarrow", reason="the scale extra is not installed: pip install -e '.[scale]'")
pytest.importorskip("distributed", reason="the scale extra is not installed: pip install -e '.[scale]'")

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 2000

SEED_QUERIES = [
    ["timeline"], ["timeline", "--json"], ["timeline", "--quotes", "--explain"], ["timeline", "--facts", "--format", "csv"],
    ["timeline", "--undated", "--json"], ["timeline", "--undated"], ["timeline", "--entity", "联盟"],
    ["timeline", "--entity", "濟南", "--json"], ["timeline", "--from", "2022", "--to", "2022-06"],
    ["timeline", "--source", "000_647482f8fc299ec1", "--format", "ndjson"], ["timeline", "--entity", "苏洲"],
    ["timeline", "--source", "nosuch"], ["timeline", "--format", "html"], ["timeline", "--format", "timelinejs"],
    ["show", "山东大学"], ["show", "山东大学", "--json"], ["show", "山东大学", "--all"], ["show", "联盟"], ["show", "联盟", "--json"],
    ["show", "無錫市科技局", "--format", "csv", "--rows", "events"], ["show", "李进", "--format", "md", "--rows", "roles"],
    ["show", "山东大学", "--format", "tsv", "--rows", "related"], ["show", "苏洲"], ["show", "山东大学", "--format", "html"],
    ["entities"], ["entities", "--json"], ["entities", "--kind", "person"], ["entities", "--min-mentions", "3", "--format", "tsv"],
    ["entities", "--kind", "event", "--min-mentions", "99"],
    ["grep", "CDMO", "--source"], ["grep", "濟南", "-c"], ["grep", "-e", "细胞(治疗|产业)联盟", "--json"], ["grep", "-w", "CAR-T", "-l"],
    ["grep", "联盟", "-C", "10", "-m", "2"], ["grep", "细胞", "--all", "--json"], ["grep", "找不到的词"], ["grep", "济南", "-i", "--json"],
    ["sources"], ["sources", "--json"],
]  # fmt: skip


def _same(cgt, args: list[str], corpus: list[str], dataset: Path) -> None:
    local = cgt(*args, *corpus)
    answered = cgt(*args, "--index", str(dataset))
    assert (answered.exit_code, answered.stderr, answered.stdout) == (local.exit_code, local.stderr, local.stdout), args


@pytest.fixture(scope="module")
def seeds_dataset(tmp_path_factory, cache_dir):
    from typer.testing import CliRunner

    from cgt_cli.cli import app

    folder = tmp_path_factory.mktemp("seeds-dataset") / "ds"
    result = CliRunner().invoke(app, ["index", "--out", str(folder), "--json"], env={"CGT_CACHE_DIR": str(cache_dir)})
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["skipped"], summary["engine"]) == (5, 0, "local")
    return folder


@pytest.mark.parametrize("args", SEED_QUERIES, ids=" ".join)
def test_dataset_answers_like_the_store_on_the_seeds(cgt, seeds_dataset, args):
    _same(cgt, args, [], seeds_dataset)


def test_dataset_tables_are_native_columns(seeds_dataset):
    import pyarrow.parquet as pq

    articles = pq.read_table(seeds_dataset / "articles.parquet")
    assert articles.column("id").to_pylist()[0] == "000_647482f8fc299ec1"
    assert str(articles.schema.field("body").type) == "list<element: struct<start: int32, end: int32>>"
    assert len(articles.column("sha256").to_pylist()[0]) == 64
    events = pq.read_table(seeds_dataset / "events.parquet")
    assert str(events.schema.field("sources").type) == "list<element: string>"
    for path in seeds_dataset.glob("*.parquet"):
        types = {str(field.type) for field in pq.read_schema(path)}
        assert not any("binary" in t for t in types), path.name  # no pickles, no blobs
    manifest = json.loads((seeds_dataset / "cgt-dataset.json").read_text())
    assert manifest["format"] == "cgt-dataset-1" and manifest["tables"]["articles"] == 5


# Bad input: one line on stderr, exit 2.


def test_missing_dataset(cgt, tmp_path):
    result = cgt("timeline", "--index", str(tmp_path / "nope"))
    assert (result.exit_code, result.stderr) == (2, f"cgt: no dataset at {tmp_path / 'nope'}: no such folder\n")


def test_a_file_is_not_a_dataset(cgt, tmp_path):
    (tmp_path / "x.txt").write_text("2020年1月1日\n", encoding="utf-8")
    result = cgt("sources", "--index", str(tmp_path / "x.txt"))
    assert (result.exit_code, result.stderr) == (2, f"cgt: no dataset at {tmp_path / 'x.txt'}: not a folder\n")


def test_a_folder_without_manifest_is_not_a_dataset(cgt, tmp_path, seeds_dataset):
    shutil.copytree(seeds_dataset, tmp_path / "ds")
    (tmp_path / "ds" / "cgt-dataset.json").unlink()
    result = cgt("entities", "--index", str(tmp_path / "ds"))
    assert result.exit_code == 2
    assert result.stderr == f"cgt: {tmp_path / 'ds'} is not a cgt dataset (no cgt-dataset.json: build one with cgt index --out)\n"


def test_partial_dataset(cgt, tmp_path, seeds_dataset):
    shutil.copytree(seeds_dataset, tmp_path / "ds")
    (tmp_path / "ds" / "events.parquet").unlink()
    result = cgt("timeline", "--index", str(tmp_path / "ds"))
    assert (result.exit_code, result.stderr) == (2, f"cgt: the dataset {tmp_path / 'ds'} is damaged: events.parquet is missing\n")


def test_damaged_dataset(cgt, tmp_path, seeds_dataset):
    shutil.copytree(seeds_dataset, tmp_path / "ds")
    (tmp_path / "ds" / "entities.parquet").write_bytes(b"PAR1 not really")
    shutil.copy(seeds_dataset / "articles.parquet", tmp_path / "ds" / "mentions.parquet")
    result = cgt("show", "山东大学", "--index", str(tmp_path / "ds"))
    message = f"cgt: the dataset {tmp_path / 'ds'} is damaged: entities.parquet is not a readable Parquet file\n"
    assert (result.exit_code, result.stderr) == (2, message)
    (tmp_path / "ds" / "entities.parquet").write_bytes((seeds_dataset / "entities.parquet").read_bytes())
    result = cgt("show", "山东大学", "--index", str(tmp_path / "ds"))
    message = f"cgt: the dataset {tmp_path / 'ds'} is damaged: mentions.parquet holds 5 rows, not 272\n"
    assert (result.exit_code, result.stderr) == (2, message)


def test_index_and_corpus_together(cgt, seeds_dataset, news):
    result = cgt("timeline", "--index", str(seeds_dataset), "--corpus", str(news))
    assert (result.exit_code, result.stderr) == (2, "cgt: --index answers from a dataset: give --corpus or --index, not both\n")
    result = cgt("sources", "--index", str(seeds_dataset), env={"CGT_CORPUS": str(news)})  # the environment's corpus yields
    assert (result.exit_code, result.stdout.count("\n"), result.stderr) == (0, cgt("sources").stdout.count("\n"), "")


@pytest.mark.parametrize("module", ["duckdb", "pyarrow.parquet"])
def test_index_without_the_extra(cgt, monkeypatch, seeds_dataset, module):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as when it is not installed
    result = cgt("timeline", "--index", str(seeds_dataset))
    package = module.split(".")[0]
    assert (result.exit_code, result.stderr) == (2, f"cgt: datasets need {package}, which is not installed: pip install 'cgt[scale]'\n")


def test_out_never_writes_into_the_corpus_nor_over_other_files(cgt, news, tmp_path_factory):
    result = cgt("index", "--corpus", str(news), "--out", str(news / "ds"))
    assert (result.exit_code, result.stderr) == (2, f"cgt: the dataset folder {news / 'ds'} is inside the corpus: give a folder outside it\n")
    other = tmp_path_factory.mktemp("other")
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    result = cgt("index", "--corpus", str(news), "--out", str(other))
    message = f"cgt: cannot write the dataset to {other}: the folder holds other files (give an empty or new one)\n"
    assert (result.exit_code, result.stderr) == (2, message)
    assert [p.name for p in other.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--engine", "spark", "--out", "x"], "unknown engine 'spark': use local or dask"),
        (["--engine", "dask"], "--engine, --scheduler and --workers build a dataset: give --out DATASET"),
        (["--scheduler", "tcp://127.0.0.1:1", "--out", "x"], "--scheduler and --workers are for --engine dask"),
        (["--engine", "dask", "--scheduler", "tcp://h:1", "--workers", "2", "--out", "x"],
         "--workers sizes a local cluster: with --scheduler, the cluster has its own workers"),
    ],
)  # fmt: skip
def test_index_engine_options(cgt, args, message):
    result = cgt("index", *args)
    assert (result.exit_code, result.stderr) == (2, f"cgt: {message}\n")


def test_unreachable_scheduler(cgt, news, tmp_path_factory, monkeypatch):
    import socket

    from cgt_cli.index import engines

    monkeypatch.setattr(engines, "CONNECT_SECONDS", 1)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    tmp_path = tmp_path_factory.mktemp("out")
    result = cgt("index", "--corpus", str(news), "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}", "--out", str(tmp_path / "ds"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cgt: cannot reach the Dask scheduler 'tcp://127.0.0.1:{port}': ")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "ds").exists()


def test_plain_commands_load_no_scale_package():
    heavy = ["dask", "distributed", "duckdb", "pyarrow"]
    assert loaded_by(["--help"], heavy) == []
    assert loaded_by(["index", "--help"], heavy) == []
    assert loaded_by(["sources", "--no-cache"], heavy) == []


# A real cluster, 2,000 articles.


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "c"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(ARTICLES), str(folder)], check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def dask_dataset(tmp_path_factory, corpus, cache_dir):
    """The corpus indexed on a scheduler and two worker processes started for it."""
    from typer.testing import CliRunner

    from cgt_cli.cli import app
    from dask_kit import dask_cluster

    folder = tmp_path_factory.mktemp("dask")
    with dask_cluster(folder, workers=2) as address:
        args = ["index", "--corpus", str(corpus), "--engine", "dask", "--scheduler", address, "--out", str(folder / "ds"), "--json"]
        result = CliRunner().invoke(app, args, env={"CGT_CACHE_DIR": str(cache_dir)})
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["skipped"], summary["engine"]) == (ARTICLES, 0, "dask")
    return folder / "ds"


def _queries(cgt, corpus: Path) -> list[list[str]]:
    """Queries that reach every table: names, people, aliases and ids taken from the corpus."""
    rows = json.loads(cgt("entities", "--json", "--corpus", str(corpus)).stdout)
    top = rows[0]["name"]
    person = next(r["name"] for r in rows if r["kind"] == "person" and 3 <= r["mentions"] <= 20)
    aliased = next(r for r in rows if r.get("aliases"))["aliases"][0]
    source = json.loads(cgt("sources", "--json", "--corpus", str(corpus)).stdout)[7]["id"]
    return [
        ["timeline"], ["timeline", "--json"], ["timeline", "--undated", "--facts", "--json"], ["timeline", "--entity", person, "--quotes"],
        ["timeline", "--from", "2021-03", "--to", "2021-05", "--explain"], ["timeline", "--source", source, "--json"],
        ["show", top], ["show", person], ["show", person, "--json"], ["show", aliased], ["show", person[:1] + "洲"],
        ["entities", "--json"], ["entities", "--kind", "org", "--min-mentions", "5"], ["sources"],
        ["grep", person, "--json"], ["grep", person, "--source"], ["grep", "细胞", "-c"], ["grep", "-e", "于\\d{4}年", "-l"],
    ]  # fmt: skip


def test_dask_build_answers_like_the_local_store(cgt, corpus, dask_dataset):
    for args in _queries(cgt, corpus):
        _same(cgt, args, ["--corpus", str(corpus)], dask_dataset)


def test_dask_build_holds_what_the_map_finds_here(corpus, dask_dataset):
    """The per-article tables hold what the map finds in this process (hits, roles, short names, digests)."""
    import pyarrow.parquet as pq

    from cgt_cli.index import parquet_rows
    from cgt_cli.index.engines import map_file
    from cgt_cli.read.files import find_files

    items = list(find_files([str(corpus)]).items())[::100]
    mapped = {article_id: map_file((path, article_id)) for path, article_id in items}
    expected = parquet_rows.map_hits({article_id: result.names for article_id, (_, _, result) in mapped.items()})
    for table, rows in expected.items():
        stored = [row for row in pq.read_table(dask_dataset / f"{table}.parquet").to_pylist() if row["article"] in mapped]
        assert stored == rows, table
    assert len(expected["hits"]) > 100 and expected["role_hits"]
    digests = {row["id"]: row["sha256"] for row in pq.read_table(dask_dataset / "articles.parquet", columns=["id", "sha256"]).to_pylist()}
    assert {article_id: digests[article_id] for article_id in mapped} == {a: digest for a, (_, digest, _) in mapped.items()}


def test_skipped_files_are_reported_alike(cgt, news, tmp_path_factory):
    (news / "empty.txt").write_bytes(b"")
    (news / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    folder = tmp_path_factory.mktemp("ds") / "ds"
    built = cgt("index", "--corpus", str(news), "--out", str(folder))
    assert built.exit_code == 2
    assert built.stdout.startswith("2 articles (local engine), 2 skipped; ")
    local = cgt("sources", "--corpus", str(news))
    assert local.stderr.count("cgt: skipped ") == 2 and built.stderr == local.stderr
    for args in (["sources"], ["timeline", "--json"], ["grep", "细胞"]):
        _same(cgt, args, ["--corpus", str(news)], folder)


def test_dask_local_cluster(cgt, news, tmp_path_factory):
    """Without --scheduler, --engine dask starts a local cluster for the run and stops it."""
    folder = tmp_path_factory.mktemp("lc") / "ds"
    built = cgt("index", "--corpus", str(news), "--engine", "dask", "--workers", "1", "--out", str(folder), "--json")
    assert built.exit_code == 0, built.stderr
    assert {k: v for k, v in json.loads(built.stdout).items() if k in ("articles", "engine")} == {"articles": 2, "engine": "dask"}
    for args in (["timeline", "--json"], ["entities", "--json"], ["show", "杭州钱塘细胞治疗产业园"]):
        _same(cgt, args, ["--corpus", str(news)], folder)
