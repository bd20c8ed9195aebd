"""A class at once on one JupyterHub: memory per student, the hub's response times, lost saves.

    python benchmarks/hub_load.py                  # 10, then 30 simulated students
    python benchmarks/hub_load.py --students 10    # one class size
    python benchmarks/hub_load.py --json out.json  # also write the figures as JSON

A benchmark, not a test: nothing fails when it is slow. The hub is the test's
(``tests/hub.py``: JupyterHub, configurable-http-proxy, the dummy
authenticator, ``SimpleLocalProcessSpawner``, one home per student, all on
127.0.0.1, in its own process group, ended at the end). Every student does
the same fixed work, all students at once (one thread each), through the
proxy only:

1. log in (the hub's REST API creates the user) and start their server;
2. get the collection with nbgitpuller (its API form, from a local repository);
3. start a kernel in their clone's ``notebooks/`` folder, fetch
   ``00_start_here.ipynb`` with the contents API and run its code cells in
   that kernel, one by one, over the kernel's websocket;
4. save work: a name and ``ANSWERS`` answers through the collection's own
   saving code in the kernel, and the notebook itself through the contents API;
5. after everyone is done, read every save back (the work file from the
   student's home, the notebook through the contents API): a save that was
   made (its call returned) but is missing or different is a **lost save**.

Each phase has a time limit (``PHASE_LIMIT``); a student who misses it, or
whose request fails, counts as a failure. Memory is the resident set (RSS)
and the proportional share (PSS: shared pages split between the processes
using them) of each user server and of its kernel, read from /proc with
psutil after step 4, with the hub and the proxy. The hub's response time is
that of a ``GET /hub/api/users/NAME`` asked every 0.25 s during the load,
besides the time of every request of the students' work, by kind ("hub spawn",
the request that starts a server, answers when the server is up or after the
hub's ``slow_spawn_timeout``, 10 s, whichever is first).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

import psutil  # noqa: E402

from tests.hub import COLLECTION, hub_missing_reason, hub_running, make_collection_repository  # noqa: E402

NOTEBOOK = f"{COLLECTION}/notebooks/00_start_here.ipynb"
ANSWERS = 5
PHASE_LIMIT = 600.0
ARTICLE = "000_de9b3e9f03d8f077"


def percentiles(samples: list[float]) -> dict:
    """p50, p90, p99 and max of a list of seconds, in milliseconds."""
    if not samples:
        return {}
    ordered = sorted(samples)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return {"n": len(ordered), "p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": at(1.0)}


def student_work(hub, user: str, repo: Path, timings: dict) -> None:
    """One student's fixed work (steps 1 to 4); each step's seconds go to ``timings``."""
    started = time.monotonic()
    hub.start_server(user, timeout=PHASE_LIMIT)
    timings["spawn"] = time.monotonic() - started
    mark = time.monotonic()
    hub.pull(user, repo, timeout=PHASE_LIMIT)
    timings["pull"] = time.monotonic() - mark
    mark = time.monotonic()
    kernel = hub.start_kernel(user, f"{COLLECTION}/notebooks")
    status, model = hub.request("GET", f"user/{user}/api/contents/{NOTEBOOK}?content=1")
    assert status == 200, f"fetching the notebook: {status}"
    cells = [cell for cell in model["content"]["cells"] if cell["cell_type"] == "code"]
    for cell in cells:
        source = "".join(cell["source"])
        hub.run_code(user, kernel, "%matplotlib agg\n" + source, timeout=PHASE_LIMIT)
    timings["run"] = time.monotonic() - mark
    mark = time.monotonic()
    code = [
        "from helpers.model.work import StudentWork, set_student_name",
        f"set_student_name({user!r})",
        f"work = StudentWork({user!r})",
    ]
    code += [f"work.save_answer('load_{n}', '{user}-{n}')" for n in range(ANSWERS)]
    hub.run_code(user, kernel, "\n".join(code), timeout=PHASE_LIMIT)
    model["content"]["metadata"]["saved_by"] = user
    body = {"type": "notebook", "format": "json", "content": model["content"]}
    status, _ = hub.request("PUT", f"user/{user}/api/contents/{NOTEBOOK}", body)
    assert status == 200, f"saving the notebook: {status}"
    timings["save"] = time.monotonic() - mark
    timings["cells"] = len(cells)
    timings["saved"] = True


def lost_saves(hub, user: str) -> int:
    """How many of the student's saves are not there, as given, when read back."""
    lost = 0
    path = hub.home(user) / COLLECTION / "work" / f"work-{user}-{ARTICLE}.json"
    try:
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError):
        answers = {}
    for n in range(ANSWERS):
        lost += answers.get(f"load_{n}", {}).get("value") != f"{user}-{n}"
    status, model = hub.request("GET", f"user/{user}/api/contents/{NOTEBOOK}?content=1")
    lost += status != 200 or model["content"]["metadata"].get("saved_by") != user
    return lost


def memory(hub) -> dict:
    """RSS and PSS (MiB) of each user server and its kernels, and of the hub and the proxy."""
    mib = 1024 * 1024
    servers, kernels = [], []
    for pid in hub.server_pids().values():
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            info = process.memory_full_info()
            servers.append((info.rss / mib, info.pss / mib))
            for child in process.children(recursive=True):
                child_info = child.memory_full_info()
                kernels.append((child_info.rss / mib, child_info.pss / mib))
    hub_process = psutil.Process(hub.process.pid)
    others = {"hub": hub_process.memory_info().rss / mib}
    for child in hub_process.children():
        if "configurable-http-proxy" in " ".join(child.cmdline()):
            others["proxy"] = child.memory_info().rss / mib
    return {"servers": servers, "kernels": kernels, **others}


def probe_hub(hub, user: str, stop: threading.Event, samples: list) -> None:
    """Ask the hub's REST API every 0.25 s until ``stop``; each answer's seconds to ``samples``."""
    while not stop.is_set():
        started = time.perf_counter()
        with contextlib.suppress(Exception):
            if hub.request("GET", f"hub/api/users/{user}", timeout=60)[0] == 200:
                samples.append(time.perf_counter() - started)
        stop.wait(0.25)


def one_class(size: int, base: Path) -> dict:
    """Run ``size`` students at once on a fresh hub; the figures."""
    users = [f"s{n:02d}" for n in range(1, size + 1)]
    repo = make_collection_repository(base / "upstream")
    wall = time.monotonic()
    with hub_running(base / "run", users) as hub:
        stop, probe = threading.Event(), []
        prober = threading.Thread(target=probe_hub, args=(hub, "probe", stop, probe))
        hub.request("POST", "hub/api/users/probe")
        prober.start()
        timings = {user: {} for user in users}
        failures = {}
        with concurrent.futures.ThreadPoolExecutor(size) as pool:
            futures = {pool.submit(student_work, hub, u, repo, timings[u]): u for u in users}
            for future in concurrent.futures.as_completed(futures):
                with contextlib.suppress(Exception):
                    future.result()
                if future.exception():
                    failures[futures[future]] = repr(future.exception())[:300]
        load_seconds = time.monotonic() - wall
        used = memory(hub)
        stop.set()
        prober.join()
        # Only saves the student made (and was told were made) can be lost.
        lost = {user: lost_saves(hub, user) for user in users if timings[user].get("saved")}
    return summary(size, users, timings, failures, lost, used, probe, hub.timings, load_seconds)


def summary(size, users, timings, failures, lost, used, probe, requests, seconds) -> dict:
    """The figures of one class, as a dict (printed by :func:`report`)."""

    def spread(values):
        return {"median": statistics.median(values), "max": max(values)} if values else {}

    kinds = {"hub API": [], "hub spawn": [], "contents API": [], "kernels API": []}
    kinds["nbgitpuller"] = []
    for method, path, _status, secs in requests:
        kind = (
            "hub spawn" if method == "POST" and path.endswith("/server")
            else "hub API" if path.startswith("hub/api")
            else "nbgitpuller" if "/git-pull" in path
            else "contents API" if "/api/contents" in path
            else "kernels API" if "/api/kernels" in path
            else None
        )  # fmt: skip
        if kind:
            kinds[kind].append(secs)
    return {
        "students": size,
        "seconds": seconds,
        "failures": failures,
        "saves": len(lost) * (ANSWERS + 1),
        "lost_saves": sum(lost.values()),
        "phases": {
            phase: spread([t[phase] for t in timings.values() if phase in t])
            for phase in ("spawn", "pull", "run", "save")
        },
        "cells_per_student": max((t.get("cells", 0) for t in timings.values()), default=0),
        "server_rss": spread([rss for rss, _ in used["servers"]]),
        "server_pss": spread([pss for _, pss in used["servers"]]),
        "kernel_rss": spread([rss for rss, _ in used["kernels"]]),
        "kernel_pss": spread([pss for _, pss in used["kernels"]]),
        "kernels": len(used["kernels"]),
        "hub_rss": used.get("hub"),
        "proxy_rss": used.get("proxy"),
        "hub_probe_ms": percentiles(probe),
        "requests_ms": {kind: percentiles(values) for kind, values in kinds.items()},
    }


def report(figures: dict) -> None:
    """Print one class's figures as a few readable lines."""
    f = figures
    print(f"\n== {f['students']} students at once: {f['seconds']:.0f} s in all")
    print(f"failures: {len(f['failures'])}  lost saves: {f['lost_saves']} of {f['saves']} made")
    for user, error in f["failures"].items():
        print(f"  {user}: {error}")
    for phase, values in f["phases"].items():
        if values:
            print(f"{phase:>6}: median {values['median']:.1f} s, slowest {values['max']:.1f} s")
    for name in ("server_rss", "server_pss", "kernel_rss", "kernel_pss"):
        values = f[name]
        if values:
            print(f"{name}: median {values['median']:.0f} MiB, max {values['max']:.0f} MiB")
    print(f"hub RSS {f['hub_rss']:.0f} MiB, proxy RSS {f.get('proxy_rss') or 0:.0f} MiB")
    for kind, values in {"hub probe": f["hub_probe_ms"], **f["requests_ms"]}.items():
        if values:
            print(
                f"{kind}: n={values['n']} p50 {values['p50']:.0f} ms, p90 {values['p90']:.0f} ms,"
                f" p99 {values['p99']:.0f} ms, max {values['max']:.0f} ms"
            )


def main(arguments: list[str]) -> None:
    """Run each class size asked for, print its figures, optionally write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="10,30", help="class sizes, e.g. 10,30")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args(arguments)
    reason = hub_missing_reason()
    if reason:
        sys.exit(reason)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {load}")
    results = []
    for size in (int(part) for part in options.students.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"hub-load-{size}-") as base:
            results.append(one_class(size, Path(base)))
        report(results[-1])
    if options.json:
        options.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
