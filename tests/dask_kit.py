"""A real Dask cluster on this machine, for the tests and benchmarks: `dask scheduler`
and `dask worker` processes on 127.0.0.1, on free ports, each in its own process
group, and all of them killed when the block ends, however it ends."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

START_SECONDS = 90  # a loaded machine starts a worker in a few seconds; never wait for ever


@contextlib.contextmanager
def dask_cluster(folder: Path, workers: int = 2):
    """The address (tcp://127.0.0.1:PORT) of a scheduler with `workers` single-threaded
    worker processes, all started here and all stopped on leaving."""
    dask = str(Path(sys.executable).with_name("dask"))
    info = folder / "scheduler.json"
    info.unlink(missing_ok=True)
    started: list[subprocess.Popen] = []

    def start(*argv: str, name: str) -> None:
        log = open(folder / f"{name}.log", "w")  # noqa: SIM115 (the process writes it until it ends)
        started.append(subprocess.Popen([dask, *argv], stdout=log, stderr=subprocess.STDOUT, cwd=folder, start_new_session=True))
        log.close()

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info), name="scheduler")
        address = _wait_for_address(info, started[0])
        for n in range(workers):
            start(
                "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                "--local-directory", str(folder / f"worker-{n}"), "--death-timeout", "60", name=f"worker-{n}",
            )  # fmt: skip
        _wait_for_workers(address, workers)
        yield address
    finally:
        for process in reversed(started):
            _stop(process)


def _wait_for_address(info: Path, scheduler: subprocess.Popen) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if scheduler.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with {scheduler.returncode}")
        try:
            return json.loads(info.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise TimeoutError(f"dask scheduler wrote no address in {START_SECONDS} s")


def _wait_for_workers(address: str, workers: int) -> None:
    from distributed import Client

    with Client(address, timeout=START_SECONDS, set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=START_SECONDS)


def _stop(process: subprocess.Popen) -> None:
    """The process and its group: SIGTERM, then SIGKILL after 10 s."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # anything it started and left behind
