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

    articles = pq.read_table(seeds_dataset / "articles")
    assert articles.column("id").to_pylist()[0] == "000_647482f8fc299ec1"
    assert str(articles.schema.field("body").type) == "list<element: struct<start: int32, end: int32>>"
    assert len(articles.column("sha256").to_pylist()[0]) == 64
    events = pq.read_table(seeds_dataset / "events")
    assert str(events.schema.field("sources").type) == "list<element: string>"
    assert sorted(p.relative_to(seeds_dataset).as_posix() for p in seeds_dataset.rglob("*.parquet"))[:2] == [
        "alias_hits/part-000000.parquet", "articles/part-000000.parquet"
    ]
    for path in seeds_dataset.rglob("*.parquet"):
        types = {str(field.type) for field in pq.read_schema(path)}
        assert not any("binary" in t for t in types), path.name  # no pickles, no blobs
    manifest = json.loads((seeds_dataset / "cgt-dataset.json").read_text())
    assert manifest["format"] == "cgt-dataset-2" and manifest["tables"]["articles"] == 5
    assert manifest["parts"]["articles/part-000000.parquet"] == 5


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
    (tmp_path / "ds" / "events" / "part-000000.parquet").unlink()
    result = cgt("timeline", "--index", str(tmp_path / "ds"))
    message = f"cgt: the dataset {tmp_path / 'ds'} is damaged: events/part-000000.parquet is missing\n"
    assert (result.exit_code, result.stderr) == (2, message)


def test_damaged_dataset(cgt, tmp_path, seeds_dataset):
    shutil.copytree(seeds_dataset, tmp_path / "ds")
    part = "part-000000.parquet"
    (tmp_path / "ds" / "entities" / part).write_bytes(b"PAR1 not really")
    shutil.copy(seeds_dataset / "articles" / part, tmp_path / "ds" / "mentions" / part)
    result = cgt("show", "山东大学", "--index", str(tmp_path / "ds"))
    message = f"cgt: the dataset {tmp_path / 'ds'} is damaged: entities/{part} is not a readable Parquet file\n"
    assert (result.exit_code, result.stderr) == (2, message)
    (tmp_path / "ds" / "entities" / part).write_bytes((seeds_dataset / "entities" / part).read_bytes())
    result = cgt("show", "山东大学", "--index", str(tmp_path / "ds"))
    message = f"cgt: the dataset {tmp_path / 'ds'} is damaged: mentions/{part} holds 5 rows, not 272\n"
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
    from cgt_cli.index import spread
    from dask_kit import dask_cluster

    folder = tmp_path_factory.mktemp("dask")
    with dask_cluster(folder, workers=2) as address, pytest.MonkeyPatch.context() as patch:
        # small ranges, so that every table is written in several parts
        patch.setattr(spread, "PARTITION", 300)
        patch.setattr(spread, "ENTITIES", 1000)
        patch.setattr(spread, "EVENTS", 5000)
        args = ["index", "--corpus", str(corpus), "--engine", "dask", "--scheduler", address, "--out", str(folder / "ds"), "--json"]
        result = CliRunner().invoke(app, args, env={"CGT_CACHE_DIR": str(cache_dir)})
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["skipped"], summary["engine"]) == (ARTICLES, 0, "dask")
    return folder / "ds"


def test_dask_build_is_written_in_parts(dask_dataset):
    """Each partition of 300 files wrote its part of the per-article tables; each range
    of 1,000 entities and of about 5,000 events its part of theirs."""
    manifest = json.loads((dask_dataset / "cgt-dataset.json").read_text())
    parts = {}
    for name in manifest["parts"]:
        parts.setdefault(name.split("/")[0], []).append(name)
    assert parts["articles"] == [f"articles/part-{n:06d}.parquet" for n in range(7)]
    assert [manifest["parts"][name] for name in parts["articles"]] == [300] * 6 + [200]
    assert len(parts["hits"]) == len(parts["role_hits"]) == len(parts["alias_hits"]) == 7
    entities = manifest["tables"]["entities"]
    assert len(parts["entities"]) == len(parts["mentions"]) == len(parts["roles"]) == -(-entities // 1000) > 1
    assert [manifest["parts"][name] for name in parts["entities"][:-1]] == [1000] * (len(parts["entities"]) - 1)
    assert len(parts["events"]) > 1 and parts["skipped"] == ["skipped/part-000000.parquet"]


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
        stored = [row for row in pq.read_table(dask_dataset / table).to_pylist() if row["article"] in mapped]
        assert stored == rows, table
    assert len(expected["hits"]) > 100 and expected["role_hits"]
    digests = {row["id"]: row["sha256"] for row in pq.read_table(dask_dataset / "articles", columns=["id", "sha256"]).to_pylist()}
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


# What the client receives, and who writes the tables.


def _classes(value, seen: set) -> None:
    """Every class of object inside `value` (containers, named tuples and dataclasses opened)."""
    import dataclasses

    seen.add(type(value))
    if isinstance(value, dict):
        for key, item in value.items():
            _classes(key, seen)
            _classes(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _classes(item, seen)
    elif dataclasses.is_dataclass(value):
        for item in vars(value).values():
            _classes(item, seen)


class _Watching:
    """A Dask client that keeps everything it hands back (`gather`: the only way the build takes results)."""

    def __init__(self, client) -> None:
        self._client = client
        self.received: list = []

    def __getattr__(self, name):
        return getattr(self._client, name)

    def gather(self, futures):
        found = self._client.gather(futures)
        self.received.append(found)
        return found


def test_the_client_receives_no_article_records(seeds, tmp_path, monkeypatch):
    """Built on a cluster in three partitions, the client receives counts, skipped files,
    one combined summary of distinct names and the names of the parts written; never an
    article, its names, events or mentions. Each partition writes its articles; the
    entities and the events are written on the workers too."""
    from collections import Counter

    from distributed import Client, LocalCluster, get_worker

    from cgt_cli.extract.article import process_file
    from cgt_cli.index import ranges, spread
    from cgt_cli.index.build import first
    from cgt_cli.index.engines import Cluster, build_dataset
    from cgt_cli.index.linking import Summary
    from cgt_cli.read.files import find_files

    monkeypatch.setattr(spread, "PARTITION", 2)
    writes: list[tuple[str, bool]] = []
    write_part = spread.write_part

    def watched(url, table, rows, part):
        try:
            get_worker()
            on_worker = True
        except ValueError:
            on_worker = False
        writes.append((f"{table}/{part}", on_worker))
        return write_part(url, table, rows, part)

    monkeypatch.setattr(spread, "write_part", watched)
    monkeypatch.setattr(ranges, "write_part", watched)
    paths = find_files([str(seeds)])
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with Client(cluster, set_as_default=False) as client:
            watching = _Watching(client)
            built = build_dataset(paths, tmp_path / "ds", Cluster(watching))
    assert built.articles == 5
    classes: set = set()
    _classes(watching.received, classes)
    assert classes == {list, tuple, dict, int, str, bool, type(None), frozenset, Counter, Summary}
    summaries = [found for found in watching.received if isinstance(found, dict) and found and isinstance(next(iter(found.values())), Summary)]
    units = {unit for path, article_id in paths.items() for unit in first(process_file((article_id, path, Path(path).read_bytes())))[1]}
    assert [len(found) for found in summaries] == [len(units)]  # one summary of distinct names, not one an article
    assert sorted(set(writes)) == sorted(
        [(f"{table}/{n}", True) for table in ("articles", "hits", "role_hits", "alias_hits") for n in range(3)]
        + [(f"{table}/0", True) for table in ("entities", "mentions", "roles", "events")]
        + [("skipped/0", False)]
    )


@pytest.fixture
def seeds():
    return ROOT / "seeds"


def test_dataset_in_memory_filesystem(cgt, seeds_dataset, cache_dir):
    """`--out memory://…` (fsspec's in-process filesystem): the same tables and answers."""
    import fsspec
    import pyarrow.parquet as pq

    from cgt_cli.index.dataset import open_dataset

    built = cgt("index", "--out", "memory://cgt-test/ds", "--json")
    assert built.exit_code == 0, built.stderr
    assert json.loads(built.stdout)["dataset"] == "memory://cgt-test/ds"
    memory = fsspec.filesystem("memory")
    assert memory.exists("/cgt-test/ds/cgt-dataset.json")
    for table in ("articles", "entities", "mentions", "events"):
        here = pq.read_table(f"/cgt-test/ds/{table}", filesystem=memory).to_pylist()
        assert here == pq.read_table(seeds_dataset / table).to_pylist(), table
    there, local = open_dataset("memory://cgt-test/ds"), open_dataset(seeds_dataset)
    assert there.sources() == local.sources() and there.events() == local.events()
    assert [there.entity(n) for n in range(5)] == [local.entity(n) for n in range(5)]
    memory.rm("/cgt-test", recursive=True)


def test_dataset_at_a_file_url_on_dask(cgt, news, tmp_path_factory):
    folder = tmp_path_factory.mktemp("url") / "ds"
    built = cgt("index", "--corpus", str(news), "--engine", "dask", "--workers", "1", "--out", folder.as_uri())
    assert built.exit_code == 0, built.stderr
    assert built.stdout.endswith(f"Dataset: {folder.as_uri()}\n")
    for args in (["timeline", "--json"], ["entities", "--json"], ["sources"]):
        _same(cgt, args, ["--corpus", str(news)], folder)


def test_dataset_location_unknown(cgt, news):
    result = cgt("index", "--corpus", str(news), "--out", "nosuch://x/ds")
    assert (result.exit_code, result.stderr) == (2, "cgt: cannot use the dataset location nosuch://x/ds: protocol not known: nosuch\n")
