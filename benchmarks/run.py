"""Benchmarks: how long a reader waits, how a widget lags, how the collection scales.

    python benchmarks/run.py                 # the full run (several minutes)
    python benchmarks/run.py --quick         # tiny sizes, one repeat (under a minute)
    python benchmarks/run.py --json out.json # also write the figures as JSON

The machines here are shared and noisy, so the figures that matter are ratios
measured side by side in one run (a notebook against its floor, helpers'
import against its dependencies'), each reported as the median of repeats
with its spread (the 25th to 75th percentile of the samples) and its goal.
Everything the benchmark reads or writes goes to a temporary folder: the
synthetic articles and coders are made up here (see ``_synthetic.py``) and
never committed. Progress goes to stderr; the table goes to stdout.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import cProfile
import datetime as dt
import io
import json
import math
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from html import unescape
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
NOTEBOOKS = PROJECT / "notebooks"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

import _synthetic  # noqa: E402

#: The corpus sizes, full and quick: small, medium, large.
SIZES = {"full": (100, 1_000, 10_000), "quick": (5, 20, 40)}
#: The long paragraphs aligned, in sentences (issue 15: 800 took 14 s and 750 MB before).
PARAGRAPHS = (800, 3000)
#: The figure names of each section of the run (for ``--only``).
SECTION_PREFIXES = {
    "run-all": ("run_all.", "weight.kernel_rss"),
    "reactions": ("reaction.",),
    "scale": ("scale.",),
    "import": ("weight.import_",),
}
#: The modules helpers is compared with: the ones a notebook needs anyway.
DEPENDENCIES = "pandas, matplotlib.pyplot, ipywidgets"


# ---------------------------------------------------------------- figures


@dataclass
class Figure:
    """One measured figure: its samples, goal and what it says."""

    name: str
    what: str
    unit: str
    goal: tuple[str, float] | None = None  # ("<", 20.0) or ("<=", 1.3); None: no goal
    samples: list[float] = field(default_factory=list)
    note: str = ""
    unavailable: str = ""  # why the figure could not be measured (then no samples)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def spread(self) -> tuple[float, float] | None:
        """The 25th and 75th percentiles of the samples (min and max for two or fewer)."""
        if not self.samples:
            return None
        if len(self.samples) <= 2:
            return min(self.samples), max(self.samples)
        low, _, high = statistics.quantiles(self.samples, n=4, method="inclusive")
        return low, high

    @property
    def status(self) -> str:
        if self.unavailable:
            return "not available"
        if self.median is None:
            return "no data"
        if self.goal is None:
            return "info"
        op, limit = self.goal
        met = self.median < limit if op == "<" else self.median <= limit
        return "met" if met else "MISSED"

    def goal_text(self) -> str:
        if self.goal is None:
            return "-"
        op, limit = self.goal
        return f"{op} {_number(limit)} {self.unit}".strip()

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(
            median=self.median,
            spread=self.spread,
            status=self.status,
            goal=self.goal_text(),
            n=len(self.samples),
        )
        return data


def _number(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def timed(action, samples: int, warm_up: int = 1) -> list[float]:
    """Run ``action`` ``warm_up`` times untimed, then ``samples`` times: milliseconds each."""
    for _ in range(warm_up):
        action()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


# ---------------------------------------------------------------- memory


def process_rss_mb(pid: int) -> float | None:
    """The resident memory of a process in MB: psutil if installed, else /proc."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        pass
    except Exception:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler:
    """Samples this process's RSS every 20 ms in a thread while in use: ``peak`` in MB."""

    def __init__(self, interval: float = 0.02):
        import threading

        self.interval, self.peak = interval, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        rss = process_rss_mb(os.getpid())
        if rss is not None:
            self.peak = rss if self.peak is None else max(self.peak, rss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_ignored):
        self._stop.set()
        self._thread.join()
        self._sample()


@contextlib.contextmanager
def work_dir_env():
    """Restore LIAOYANG_WORK_DIR (which the sections point at temporary folders) afterwards."""
    saved = os.environ.get("LIAOYANG_WORK_DIR")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LIAOYANG_WORK_DIR", None)
        else:
            os.environ["LIAOYANG_WORK_DIR"] = saved


# ---------------------------------------------------------------- 1. Run-All against the floor


def import_lines(notebook) -> list[str]:
    """The notebook's top-level import statements, in order, each once (magics left out)."""
    found: list[str] = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                line = ast.unparse(node)
                if line not in found:
                    found.append(line)
    return found


def floor_notebook(notebook):
    """An empty notebook that only imports what ``notebook`` imports: the floor."""
    import nbformat

    floor = nbformat.v4.new_notebook()
    floor.metadata = dict(notebook.metadata)
    floor.cells = [nbformat.v4.new_code_cell("\n".join(import_lines(notebook)) or "pass")]
    return floor


def execute(notebook, folder: Path, work: Path) -> dict:
    """Run a notebook in a fresh kernel: seconds to the end of its last cell, kernel RSS."""
    from nbclient import NotebookClient

    os.environ["LIAOYANG_WORK_DIR"] = str(work)  # the kernel inherits it
    marks: dict = {}
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )

    cells: dict[int, float] = {}

    def on_cell_execute(cell_index=None, **_ignored):
        marks["cell_start"] = time.perf_counter()
        marks.setdefault("first_cell", marks["cell_start"])

    def on_cell_executed(cell_index=None, **_ignored):
        marks["end"] = time.perf_counter()
        cells[cell_index] = marks["end"] - marks.get("cell_start", marks["end"])
        marks["rss"] = kernel_rss_mb(client)

    client.on_cell_execute = on_cell_execute
    client.on_cell_executed = on_cell_executed
    start = time.perf_counter()
    try:
        client.execute()
    except Exception as error:  # a broken notebook is reported, not a crash of the benchmark
        return {"error": f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:120]}"}
    return {
        "seconds": marks.get("end", time.perf_counter()) - start,
        "kernel_start": marks.get("first_cell", start) - start,
        "cells": cells,
        "rss": marks.get("rss"),
    }


def slowest_cells(notebook, cells: dict[int, list[float]], count: int = 3) -> str:
    """The notebook's slowest cells (median seconds), each with its first line of code."""
    medians = sorted(
        ((statistics.median(times), index) for index, times in cells.items()), reverse=True
    )
    shown = []
    for took, index in medians[:count]:
        lines = [line for line in notebook.cells[index].source.splitlines() if line.strip()]
        code = [line for line in lines if not line.lstrip().startswith("#")] or lines or [""]
        shown.append(f"[{index}] {code[0].strip()[:40]} {took:.2f} s")
    return "; ".join(shown)


def kernel_rss_mb(client) -> float | None:
    """The kernel process's RSS, found through nbclient's kernel manager."""
    manager = client.km
    pid = None
    with contextlib.suppress(AttributeError):
        pid = manager.provisioner.process.pid
    if pid is None:
        with contextlib.suppress(AttributeError):
            pid = manager.kernel.pid
    return process_rss_mb(pid) if pid else None


def run_all(paths: list[Path], repeats: int, figures: dict) -> None:
    """Each notebook and its floor, side by side, interleaved, in fresh kernels."""
    import nbformat

    collection = figures["run_all.collection"]
    collection.note = "notebooks: " + (", ".join(p.stem for p in paths) or "none found")
    if not paths:
        collection.unavailable = "no notebooks to run"
        return
    scratch = Path(tempfile.mkdtemp(prefix="bench-notebooks-"))
    try:
        copy = scratch / "notebooks"
        shutil.copytree(NOTEBOOKS, copy)
        pairs = {}
        for path in paths:
            notebook = nbformat.read(copy / path.name, as_version=4)
            pairs[path.stem] = (notebook, floor_notebook(notebook))
        seconds = {stem: {"notebook": [], "floor": []} for stem in pairs}
        starts = {stem: [] for stem in pairs}  # kernel start: launch to the first cell
        cells = {stem: {} for stem in pairs}  # cell index -> seconds, over the repeats
        rss = {stem: [] for stem in pairs}
        errors: dict[str, str] = {}
        for repeat in range(repeats):
            for stem, (notebook, floor) in pairs.items():
                if stem in errors:
                    continue
                order = ["floor", "notebook"] if repeat % 2 == 0 else ["notebook", "floor"]
                for kind in order:
                    log(f"run-all {repeat + 1}/{repeats}: {stem} ({kind})")
                    source = notebook if kind == "notebook" else floor
                    work = Path(tempfile.mkdtemp(prefix="work-", dir=scratch))
                    result = execute(nbformat.from_dict(source), copy, work)
                    if "error" in result:
                        errors[stem] = f"{kind}: {result['error']}"
                        break
                    seconds[stem][kind].append(result["seconds"])
                    starts[stem].append(result["kernel_start"])
                    if kind == "notebook":
                        for index, took in result["cells"].items():
                            cells[stem].setdefault(index, []).append(took)
                    if kind == "notebook" and result["rss"] is not None:
                        rss[stem].append(result["rss"])
        totals_by_repeat = []
        for stem in pairs:
            figure = figures.setdefault(
                f"run_all.notebook[{stem}]",
                Figure(
                    f"run_all.notebook[{stem}]", f"Run-All {stem} / its floor", "x", ("<=", 1.3)
                ),
            )
            if stem in errors:
                figure.unavailable = f"error in {errors[stem]}"
                continue
            nb_times, floor_times = seconds[stem]["notebook"], seconds[stem]["floor"]
            figure.samples = [n / f for n, f in zip(nb_times, floor_times, strict=False)]
            figure.note = (
                f"{statistics.median(nb_times):.2f} s vs floor "
                f"{statistics.median(floor_times):.2f} s (kernel start "
                f"{statistics.median(starts[stem]):.2f} s); slowest cells: "
                + slowest_cells(pairs[stem][0], cells[stem])
            )
            totals_by_repeat.append((nb_times, floor_times))
        if totals_by_repeat:
            count = min(len(n) for n, _ in totals_by_repeat)
            collection.samples = [
                sum(n[r] for n, _ in totals_by_repeat) / sum(f[r] for _, f in totals_by_repeat)
                for r in range(count)
            ]
        if errors:
            collection.note += "; left out (errors): " + ", ".join(errors)
        heaviest = max(
            (stem for stem in rss if rss[stem]),
            key=lambda stem: statistics.median(rss[stem]),
            default=None,
        )
        kernel = figures["weight.kernel_rss"]
        if heaviest is None:
            kernel.unavailable = "no kernel RSS measured"
        else:
            kernel.samples = rss[heaviest]
            kernel.note = f"after {heaviest} (the heaviest of {len(rss)})"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- 2. widget reactions


def _reader_figures(samples: int, figures: dict) -> None:
    from helpers.views.reader import reader

    box = reader()
    controls = box.controls

    def next_click():
        if controls.next.disabled:  # at the end: back to the start, untimed in effect
            controls.jump.value = controls.jump.options[0][1]
        controls.next.click()

    figures["reaction.reader_next"].samples = timed(next_click, samples)

    def toggle():
        controls.pinyin.value = not controls.pinyin.value

    figures["reaction.pinyin_toggle"].samples = timed(toggle, samples)


def _search_figures(samples: int, figures: dict) -> None:
    from helpers.analysis.search import kwic
    from helpers.render.search import search_html
    from helpers.views.concordance import concordance

    figures["reaction.kwic_literal"].samples = timed(lambda: kwic("互助组"), samples)
    figures["reaction.kwic_regex"].samples = timed(
        lambda: kwic("互助组|合作社", regex=True), samples
    )
    box = concordance()
    box.controls.query.value = "互助组"  # its observer searches once (untimed)
    figures["reaction.concordance_search"].samples = timed(box.controls.search.click, samples)
    if "13 hits" not in box.panes.results.value:
        figures["reaction.concordance_search"].note = "unexpected result: no '13 hits' line"
    figures["reaction.concordance_table_only"].samples = timed(
        lambda: search_html("互助组"), samples
    )


def _choice_control(controls, values: set[str]):
    """The control on ``controls`` that chooses a tag: named ``tag``, or any with move options."""
    named = getattr(controls, "tag", None)
    if named is not None and hasattr(named, "options"):
        return named
    for value in vars(controls).values():
        options = getattr(value, "options", None)
        if options and values & {o[1] if isinstance(o, tuple) else o for o in options}:
            return value
    return None


def _annotator_figures(samples: int, figures: dict, scratch: Path) -> None:
    tagging, opening = figures["reaction.annotator_tag_save"], figures["reaction.annotator_open"]
    try:
        from helpers.model import coding as annotate_model
        from helpers.model import coding_store as store
        from helpers.views import annotator as annotate
    except ImportError as error:
        tagging.unavailable = opening.unavailable = f"not available yet ({error})"
        return
    from helpers.model.tables import moves, segments

    work = scratch / "annotator-work"
    work.mkdir()
    os.environ["LIAOYANG_WORK_DIR"] = str(work)
    tags = list(moves()["move"])
    box = annotate.annotator("Benchmark Coder")
    controls = getattr(box, "controls", None)
    chooser = _choice_control(controls, set(tags)) if controls is not None else None
    if chooser is None:
        names = sorted(vars(controls)) if controls is not None else []
        tagging.unavailable = f"no tag control found on box.controls (has: {names})"
    else:
        flip = iter(range(10**9))

        def tag_once():
            chooser.value = tags[next(flip) % 2]

        tagging.samples = timed(tag_once, samples)
        saved = sorted(path.name for path in work.glob("*.json"))
        tagging.note = f"saved files: {', '.join(saved) or 'NONE (save not included?)'}"

    # Opening the annotator on an existing, fully coded file (written in the save format).
    article = getattr(annotate_model, "default_article", lambda: "000_de9b3e9f03d8f077")()
    table = segments()
    coder = "Invented Coder 00"
    paths = _synthetic.coding_files(work, list(table["seg_id"]), tags, article, coders=1)
    if hasattr(store, "coding_path") and store.coding_path(coder) != paths[0]:
        paths[0].replace(store.coding_path(coder))
    opening.samples = timed(lambda: annotate.annotator(coder), samples)
    opened = annotate.annotator(coder)
    position = getattr(getattr(opened, "panes", None), "position", None)
    if position is not None:
        opening.note = "shows: " + _plain(position.value)[:60]


def _plain(html: str) -> str:
    import re

    html = re.sub(r"(?s)<style.*?</style>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _agreement_figure(samples: int, figures: dict, scratch: Path) -> None:
    figure = figures["reaction.agreement_30"]
    try:
        from helpers.render.agreement import agreement
    except ImportError as error:
        figure.unavailable = f"not available yet ({error})"
        return
    from helpers.model.tables import moves, segments

    try:
        from helpers.model.coding import default_article

        article = default_article()
    except ImportError:
        article = "000_de9b3e9f03d8f077"
    folder = scratch / "coders"
    _synthetic.coding_files(
        folder, list(segments()["seg_id"]), list(moves()["move"]), article, coders=30
    )
    start = time.perf_counter()  # caches are warm: the reader and search ran before
    report = agreement(folder)
    first = (time.perf_counter() - start) * 1000
    figure.samples = [first] + timed(lambda: agreement(folder), samples - 1, warm_up=0)
    fleiss = getattr(report, "fleiss", None)
    coders = getattr(fleiss, "coders", "?")
    kappa = getattr(fleiss, "kappa", float("nan"))
    figure.note = f"{coders} coders read, Fleiss kappa {kappa:.2f}"


def reactions(samples: int, figures: dict) -> None:
    """The Python side of each widget reaction, in milliseconds, on the article."""
    import matplotlib

    matplotlib.use("Agg")
    scratch = Path(tempfile.mkdtemp(prefix="bench-widgets-"))
    try:
        for step in (_reader_figures, _search_figures):
            log(f"reactions: {step.__name__}")
            step(samples, figures)
        log("reactions: annotator")
        _annotator_figures(samples, figures, scratch)
        log("reactions: agreement")
        _agreement_figure(max(1, samples // 3), figures, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- 3. scale


def scale_worker(folder: str, kwic_samples: int) -> None:
    """In a fresh process: load the corpus (time, memory), optionally time KWIC over it."""
    import helpers.analysis.search
    import helpers.model.corpus  # imports outside the timing and the memory baseline

    before = process_rss_mb(os.getpid())
    with RssSampler() as sampler:
        start = time.perf_counter()
        table, report = helpers.model.corpus.load_corpus(folder)
        seconds = time.perf_counter() - start
    peak = sampler.peak
    result = {
        "seconds": seconds,
        "articles": len(report.loaded),
        "skipped": len(report.skipped),
        "segments": len(table),
        "memory_mb": max(0.0, peak - before) if peak is not None and before else None,
        "kwic_ms": [],
        "kwic_errors": [],
        "kwic_how": "",
        "kwic_first_ms": None,
    }
    if kwic_samples:
        search, result["kwic_how"] = corpus_search(table)
        start = time.perf_counter()  # the first search of the table also makes its index
        try:
            search()
        except helpers.analysis.search.SearchError as error:
            result["kwic_errors"].append(str(error)[:90])
        result["kwic_first_ms"] = (time.perf_counter() - start) * 1000
        for _ in range(kwic_samples):
            start = time.perf_counter()
            try:
                search()
            except helpers.analysis.search.SearchError as error:  # e.g. over the time limit
                result["kwic_errors"].append(str(error)[:90])
            result["kwic_ms"].append((time.perf_counter() - start) * 1000)
    print(json.dumps(result))


def corpus_search(table):
    """How to search the whole corpus table: ``kwic(table=...)``, or ``corpus_kwic`` if
    kwic refuses a table of several articles. Returns (search, what it is, in words)."""
    import helpers.analysis.search

    def plain():
        return helpers.analysis.search.kwic("互助组", table=table)

    try:
        plain()
        return plain, "helpers.analysis.search.kwic(table=corpus table)"
    except helpers.analysis.search.SearchError:
        return plain, "helpers.analysis.search.kwic(table=corpus table)"  # too slow: timed as such
    except ValueError as refusal:
        from helpers.analysis.corpus_search import corpus_kwic

        def per_article():
            return corpus_kwic("互助组", table)

        reason = str(refusal).split(".")[0][:60]
        return (
            per_article,
            f"helpers.analysis.corpus_search.corpus_kwic (kwic refuses it: {reason})",
        )


def scale(sizes: tuple[int, ...], repeats: int, kwic_samples: int, figures: dict) -> None:
    """Load synthetic corpora of each size (each in a fresh process); KWIC over the medium one."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    per_article, first_searches = {}, []
    try:
        for label, size in zip(("small", "medium", "large"), sizes, strict=True):
            folder = _synthetic.write_corpus(scratch / f"corpus-{size}", size)
            runs = repeats if size < 10_000 else max(1, math.ceil(repeats / 2))
            load, memory = figures[f"scale.load.{label}"], figures[f"scale.memory.{label}"]
            for repeat in range(runs):
                log(f"scale: {size} articles, run {repeat + 1}/{runs}")
                command = [sys.executable, __file__, "--scale-worker", str(folder)]
                command += ["--kwic-samples", str(kwic_samples if label == "medium" else 0)]
                work = Path(tempfile.mkdtemp(prefix="bench-work-", dir=scratch))  # cold: no cache
                environment = {**os.environ, "LIAOYANG_WORK_DIR": str(work)}
                done = subprocess.run(
                    command, capture_output=True, text=True, cwd=PROJECT, env=environment
                )
                if done.returncode != 0:
                    load.unavailable = f"worker failed: {done.stderr.strip()[-200:]}"
                    break
                result = json.loads(done.stdout.strip().splitlines()[-1])
                load.samples.append(result["seconds"])
                if result["memory_mb"] is not None:
                    memory.samples.append(result["memory_mb"])
                if label == "medium":
                    kwic = figures["scale.kwic.medium"]
                    kwic.samples += result["kwic_ms"]
                    kwic.note = (
                        f"{size:,} articles, {result['segments']:,} segments, "
                        f"by {result['kwic_how']}"
                    )
                    if result["kwic_first_ms"] is not None:
                        first_searches.append(result["kwic_first_ms"])
                    if first_searches:
                        kwic.note += (
                            f"; the first search of a loaded table (it makes the table's "
                            f"index) {statistics.median(first_searches):.0f} ms, median of "
                            f"{len(first_searches)}, not among the samples"
                        )
                    if result["kwic_errors"]:
                        kwic.note += f"; {len(result['kwic_errors'])} raised SearchError"
            if label == "large" and load.samples:
                cached_load(folder, environment, runs, figures["scale.load.large_cached"])
            load.what = f"load_corpus, {size:,} articles"
            if load.samples:
                load.note = f"{result['segments']:,} segments, {result['skipped']} skipped"
            memory.what = f"peak RSS growth while loading {size:,} articles"
            if load.samples:
                per_article[label] = (size, [s / size * 1000 for s in load.samples])
        for label, (size, values) in per_article.items():
            figure = figures[f"scale.per_article.{label}"]
            figure.what = f"load time per article at {size:,}"
            figure.samples = values
        if "small" in per_article and "large" in per_article:
            small, large = per_article["small"][1], per_article["large"][1]
            growth = figures["scale.linearity"]
            growth.samples = [statistics.median(large) / statistics.median(small)]
            growth.note = f"{per_article['large'][0]:,} vs {per_article['small'][0]:,} articles"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def cached_load(folder: Path, environment: dict, runs: int, figure: Figure) -> None:
    """Load the corpus again in fresh processes, with the cache the last cold run left."""
    for repeat in range(runs):
        log(f"scale: the same articles again, with the cache, run {repeat + 1}/{runs}")
        command = [sys.executable, __file__, "--scale-worker", str(folder), "--kwic-samples", "0"]
        done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, env=environment)
        if done.returncode != 0:
            figure.unavailable = f"worker failed: {done.stderr.strip()[-200:]}"
            return
        figure.samples.append(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
    cache = list(Path(environment["LIAOYANG_WORK_DIR"]).glob("alignment-cache/*.json"))
    size = sum(path.stat().st_size for path in cache) / 2**20
    figure.note = f"{len(cache)} cache file, {size:.1f} MB, in the work folder"


def long_paragraph_worker(sentences: int) -> None:
    """In a fresh process: align one paragraph of ``sentences`` sentences (time, memory)."""
    import random

    from helpers.model.align import align_sentences

    rng = random.Random(sentences)
    zh = ["互" * rng.randint(5, 60) + "。" for _ in range(sentences)]
    en = ["x" * max(1, round(len(z) * 4.1 + rng.gauss(0, 8))) + "." for z in zh]
    before = process_rss_mb(os.getpid())
    with RssSampler() as sampler:
        start = time.perf_counter()
        beads = align_sentences(zh, en)
        seconds = time.perf_counter() - start
    growth = max(0.0, sampler.peak - before) if sampler.peak and before else None
    print(json.dumps({"seconds": seconds, "beads": len(beads), "memory_mb": growth}))


def long_paragraphs(sizes: tuple[int, ...], repeats: int, figures: dict) -> None:
    """One paragraph of many sentences, aligned in a fresh process (issue 15's case)."""
    for sentences in sizes:
        figure = figures[f"scale.long_paragraph.{sentences}"]
        memory = []
        for _ in range(repeats):
            log(f"long paragraph: {sentences} sentences")
            command = [sys.executable, __file__, "--paragraph-worker", str(sentences)]
            done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT)
            if done.returncode != 0:
                figure.unavailable = f"worker failed: {done.stderr.strip()[-200:]}"
                break
            result = json.loads(done.stdout.strip().splitlines()[-1])
            figure.samples.append(result["seconds"])
            if result["memory_mb"] is not None:
                memory.append(result["memory_mb"])
        if memory:
            figure.note = f"peak RSS growth {statistics.median(memory):.0f} MB (median)"


# ---------------------------------------------------------------- 4. weight


def _import_seconds(modules: str) -> float:
    code = (
        "import time; start = time.perf_counter(); "
        f"import {modules}; print(time.perf_counter() - start)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tempfile.gettempdir()
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-300:])
    return float(done.stdout.strip().splitlines()[-1])


def import_weight(repeats: int, figures: dict) -> None:
    """Import time of helpers against its dependencies alone, each in a fresh process."""
    helpers_times, deps_times = [], []
    for repeat in range(repeats):
        log(f"import time {repeat + 1}/{repeats}")
        helpers_times.append(_import_seconds("helpers"))
        deps_times.append(_import_seconds(DEPENDENCIES))
    ratio = figures["weight.import_ratio"]
    ratio.samples = [h / d for h, d in zip(helpers_times, deps_times, strict=True)]
    ratio.note = f"helpers {statistics.median(helpers_times):.2f} s vs {DEPENDENCIES} " + (
        f"{statistics.median(deps_times):.2f} s"
    )
    figures["weight.import_helpers"].samples = helpers_times
    figures["weight.import_dependencies"].samples = deps_times


def install_size(figures: dict) -> None:
    """A fresh venv with requirements.txt installed (pip run from the project): its size."""
    figure = figures["weight.install_size"]
    scratch = Path(tempfile.mkdtemp(prefix="bench-venv-"))
    try:
        venv = scratch / "venv"
        log("install size: creating a venv and installing requirements.txt (slow)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        done = subprocess.run(
            command + ["-r", "requirements.txt"], cwd=PROJECT, capture_output=True, text=True
        )
        if done.returncode != 0:
            figure.unavailable = f"pip install failed: {done.stderr.strip()[-200:]}"
            return
        figure.samples = [_folder_mb(venv)]
        figure.note = "fresh venv + pip install -r requirements.txt, du -s"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _folder_mb(folder: Path) -> float:
    if shutil.which("du"):
        done = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True)
        if done.returncode == 0:
            return int(done.stdout.split()[0]) / 1024
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


# ---------------------------------------------------------------- profiles of missed goals


def _profile(action, lines: int = 18) -> str:
    profile = cProfile.Profile()
    profile.enable()
    try:
        action()
    except Exception as error:  # a profile that fails says so; the others still run
        return f"profiling failed: {type(error).__name__}: {error}"
    finally:
        profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def profiles(figures: dict, sizes: tuple[int, ...]) -> dict[str, str]:
    """cProfile (top functions by cumulative time) of each missed figure that has a profile here.

    Each profile runs on its own: one that fails says why and the others still run.
    """
    missed = {name for name, figure in figures.items() if figure.status == "MISSED"}
    scratch = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    found: dict[str, str] = {}

    def load():
        from helpers.model.corpus import load_corpus

        folder = _synthetic.write_corpus(scratch / "corpus", min(sizes[1], 200))
        return _profile(lambda: load_corpus(folder))

    def kwic_medium():
        import helpers.analysis.search
        from helpers.model.corpus import load_corpus

        table, _ = load_corpus(_synthetic.write_corpus(scratch / "medium", sizes[1]))
        limit, helpers.analysis.search.TIME_LIMIT = (
            helpers.analysis.search.TIME_LIMIT,
            60,
        )  # profiling is slower
        try:
            search, how = corpus_search(table)
            search()  # the first search makes the table's index: profiled is a later one
            return f"by {how}, after one search\n" + _profile(search)
        finally:
            helpers.analysis.search.TIME_LIMIT = limit

    def concordance_click():
        from helpers.views.concordance import concordance

        box = concordance("互助组")
        return _profile(box.controls.search.click)

    def agreement_30():
        from helpers.model.coding import default_article
        from helpers.model.tables import moves, segments
        from helpers.render.agreement import agreement

        folder = scratch / "coders"
        seg_ids, tags = list(segments()["seg_id"]), list(moves()["move"])
        _synthetic.coding_files(folder, seg_ids, tags, default_article(), coders=30)
        return _profile(lambda: agreement(folder))

    def annotator_open():
        from helpers.views import annotator as annotate

        os.environ["LIAOYANG_WORK_DIR"] = str(scratch)
        annotate.annotator("Profile Coder")
        return _profile(lambda: annotate.annotator("Profile Coder"))

    def reader_next():
        from helpers.views.reader import reader

        return _profile(reader().controls.next.click)

    def pinyin_toggle():
        from helpers.views.reader import reader

        pinyin = reader().controls.pinyin
        return _profile(lambda: setattr(pinyin, "value", not pinyin.value))

    wanted = [
        (
            {"scale.load.large", "scale.linearity"},
            f"load_corpus ({min(sizes[1], 200)} articles)",
            load,
        ),
        ({"scale.kwic.medium"}, f"kwic over {sizes[1]:,} articles", kwic_medium),
        ({"reaction.concordance_search"}, "concordance Search click", concordance_click),
        ({"reaction.agreement_30"}, "agreement over 30 coders", agreement_30),
        ({"reaction.annotator_open"}, "annotator open", annotator_open),
        ({"reaction.reader_next"}, "reader Next click", reader_next),
        ({"reaction.pinyin_toggle"}, "reader pinyin toggle", pinyin_toggle),
    ]
    try:
        for names, title, make in wanted:
            if names & missed:
                log(f"profiling: {title}")
                try:
                    found[title] = make()
                except Exception as error:
                    found[title] = f"profiling failed: {type(error).__name__}: {error}"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return found


# ---------------------------------------------------------------- the table


def all_figures(sizes: tuple[int, ...]) -> dict[str, Figure]:
    """Every figure the benchmark reports, before measuring (per-notebook ones are added)."""
    small, medium, large = sizes
    ms = "ms"
    figures = [
        Figure("run_all.collection", "Run-All, all notebooks / their floors", "x", ("<=", 1.3)),
        Figure("reaction.reader_next", "reader: click Next", ms, ("<", 20)),
        Figure("reaction.pinyin_toggle", "reader: toggle pinyin", ms, ("<", 20)),
        Figure("reaction.kwic_literal", "kwic('互助组') on the article", ms, ("<", 20)),
        Figure("reaction.kwic_regex", "kwic('互助组|合作社', regex=True)", ms, ("<", 20)),
        Figure(
            "reaction.concordance_search", "concordance: click Search (with plot)", ms, ("<", 20)
        ),
        Figure("reaction.concordance_table_only", "concordance: search_html (no plot)", ms),
        Figure("reaction.annotator_tag_save", "annotator: tag a segment + save", ms, ("<", 20)),
        Figure("reaction.annotator_open", "annotator: open on an existing file", ms, ("<", 20)),
        Figure("reaction.agreement_30", "agreement over 30 coders' files", ms, ("<", 200)),
        Figure("scale.load.small", f"load_corpus, {small:,} articles", "s"),
        Figure("scale.load.medium", f"load_corpus, {medium:,} articles", "s"),
        Figure("scale.load.large", f"load_corpus, {large:,} articles", "s", ("<", 5)),
        Figure("scale.per_article.small", f"load time per article at {small:,}", ms),
        Figure("scale.per_article.medium", f"load time per article at {medium:,}", ms),
        Figure("scale.per_article.large", f"load time per article at {large:,}", ms),
        Figure("scale.linearity", "per-article time, largest / smallest", "x", ("<=", 1.5)),
        Figure(
            "scale.load.large_cached", f"load_corpus, {large:,} articles, cached", "s", ("<", 1)
        ),
        Figure("scale.kwic.medium", f"kwic('互助组') over {medium:,} articles", ms, ("<", 50)),
        Figure("scale.memory.small", f"peak RSS growth loading {small:,}", "MB"),
        Figure("scale.memory.medium", f"peak RSS growth loading {medium:,}", "MB"),
        Figure("scale.memory.large", f"peak RSS growth loading {large:,}", "MB"),
        *[
            Figure(f"scale.long_paragraph.{n}", f"align one paragraph of {n:,} sentences", "s")
            for n in PARAGRAPHS
        ],
        Figure("weight.import_ratio", f"import helpers / import {DEPENDENCIES}", "x"),
        Figure("weight.import_helpers", "import helpers (fresh process)", "s"),
        Figure("weight.import_dependencies", f"import {DEPENDENCIES}", "s"),
        Figure("weight.kernel_rss", "kernel RSS after the heaviest notebook", "MB", ("<", 250)),
        Figure("weight.install_size", "installed size of requirements.txt", "MB", ("<", 600)),
    ]
    return {figure.name: figure for figure in figures}


def ordered(figures: dict[str, Figure]) -> list[Figure]:
    """The figures in the order of the issue: each notebook's row after the collection's."""
    first = [figures["run_all.collection"]] if "run_all.collection" in figures else []
    notebooks = [f for name, f in figures.items() if name.startswith("run_all.notebook[")]
    rest = [f for f in figures.values() if f not in first and f not in notebooks]
    return first + notebooks + rest


def importtime_summary(lines: int = 12) -> str:
    """``python -X importtime -c 'import helpers'``: the modules that cost most on their own."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import helpers"],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[0]), int(parts[1]), parts[2].strip()))
    rows.sort(reverse=True)
    text = [f"{'self ms':>8} {'cumulative ms':>14}  module"]
    text += [f"{own / 1000:8.1f} {total / 1000:14.1f}  {name}" for own, total, name in rows[:lines]]
    return "\n".join(text)


def table_text(figures: dict[str, Figure]) -> str:
    """The figures as a plain-text (Markdown) table."""
    lines = [
        "| figure | what | median | spread (p25-p75) | n | goal | status | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for figure in ordered(figures):
        spread = figure.spread
        spread_text = f"{_number(spread[0])}-{_number(spread[1])}" if spread else "-"
        median = f"{_number(figure.median)} {figure.unit}" if figure.samples else "-"
        note = (figure.unavailable or figure.note).replace("|", "\\|")
        what = figure.what.replace("|", "\\|")  # a pipe would split the Markdown cell
        lines.append(
            f"| {figure.name} | {what} | {median} | {spread_text} | "
            f"{len(figure.samples)} | {figure.goal_text()} | {figure.status} | {note} |"
        )
    return "\n".join(lines)


def guarded(section: str, names: list[str], figures: dict, action) -> None:
    """Run one section; if it fails, its figures say why instead of the run crashing."""
    try:
        with work_dir_env():
            action()
    except Exception as error:
        log(f"{section} failed: {type(error).__name__}: {error}")
        for name in names:
            if not figures[name].samples and not figures[name].unavailable:
                figures[name].unavailable = f"{section} failed: {type(error).__name__}: {error}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repeat, fast")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--skip-install-size", action="store_true", help="skip the venv build")
    parser.add_argument("--repeats", type=int, help="repeats of each timing (default 3; quick 1)")
    parser.add_argument("--no-profile", action="store_true", help="do not profile missed goals")
    parser.add_argument("--scale-worker", help=argparse.SUPPRESS)
    parser.add_argument("--kwic-samples", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--paragraph-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--only", choices=["run-all", "reactions", "scale", "import"], help="one section only"
    )
    args = parser.parse_args(argv)
    if args.scale_worker:
        scale_worker(args.scale_worker, args.kwic_samples)
        return 0
    if args.paragraph_worker:
        long_paragraph_worker(args.paragraph_worker)
        return 0

    mode = "quick" if args.quick else "full"
    repeats = args.repeats or (1 if args.quick else 3)
    samples = 3 if args.quick else 30
    sizes = SIZES[mode]
    figures = all_figures(sizes)
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    if args.quick:
        notebooks = notebooks[:1]
    started = time.perf_counter()
    when = dt.datetime.now().astimezone().isoformat(timespec="minutes")

    def wanted(section: str) -> bool:
        if args.only and args.only != section:
            for name in figures:
                if name.startswith(SECTION_PREFIXES[section]) and not figures[name].samples:
                    figures[name].unavailable = f"skipped (--only {args.only})"
            return False
        return True

    notebook_names = ["run_all.collection", "weight.kernel_rss"]
    if wanted("run-all"):
        guarded("run-all", notebook_names, figures, lambda: run_all(notebooks, repeats, figures))
    reaction_names = [name for name in figures if name.startswith("reaction.")]
    if wanted("reactions"):
        guarded("reactions", reaction_names, figures, lambda: reactions(samples, figures))
    scale_names = [name for name in figures if name.startswith("scale.")]
    kwic_samples = 3 if args.quick else 10
    if wanted("scale"):
        guarded("scale", scale_names, figures, lambda: scale(sizes, repeats, kwic_samples, figures))
        guarded(
            "long paragraphs",
            [name for name in scale_names if name.startswith("scale.long_paragraph.")],
            figures,
            lambda: long_paragraphs(PARAGRAPHS, repeats, figures),
        )
    import_names = ["weight.import_ratio", "weight.import_helpers", "weight.import_dependencies"]
    if wanted("import"):
        guarded(
            "import",
            import_names,
            figures,
            lambda: import_weight(repeats if args.quick else max(repeats, 5), figures),
        )
    if args.quick or args.skip_install_size or args.only:
        figures[
            "weight.install_size"
        ].unavailable = "skipped (--quick, --skip-install-size or --only)"
    else:
        guarded("install", ["weight.install_size"], figures, lambda: install_size(figures))

    found = {}
    if not args.quick and not args.no_profile:
        log("profiling the missed goals")
        try:
            with work_dir_env():
                found = profiles(figures, sizes)
            found["import helpers (python -X importtime, by own time)"] = importtime_summary()
        except Exception as error:
            log(f"profiling failed: {type(error).__name__}: {error}")

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    header = (
        f"Benchmarks ({mode} mode), {when}, {cores} cores (nproc), Python "
        f"{platform.python_version()}, {repeats} repeat(s), took "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(header)
    if args.only and args.only != "run-all":
        notebooks = []
    print(f"Notebooks run: {', '.join(p.name for p in notebooks) or 'none'}")
    print()
    print(table_text(figures))
    for title, text in found.items():
        how = "" if "importtime" in title else " (cProfile, top functions by cumulative time)"
        print(f"\n## Profile: {title}{how}\n")
        print(text)
    if args.json:
        data = {
            "header": header,
            "mode": mode,
            "date": when,
            "cores": cores,
            "notebooks": [p.name for p in notebooks],
            "figures": {figure.name: figure.as_dict() for figure in ordered(figures)},
            "profiles": found,
        }
        Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
