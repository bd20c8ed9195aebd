"""Run axe-core over every page the collection makes and print what it finds, by page and rule.

    python tools/axe_report.py [--tree DIR] [--json FILE] [--pages lab,voila,static,handout]
                               [--notebooks 02_first_reading,...]
    python tools/axe_report.py --compare BEFORE.json AFTER.json

The pages are those of ``tests/test_browser_a11y.py``, audited with the same
code (``tests/axe_check.py``, servers from ``tests/browser.py``): every
notebook of ``notebooks/`` after Run All in JupyterLab, widgets shown; the
Voila app (reader tab, then search tab after a search); a static page
(notebook 02 exported); the handout. Each violation node is counted as the
collection's own ("ours": notebook outputs and rendered Markdown, the whole
handout) or the host's (JupyterLab's, Voila's or nbconvert's own chrome).

``--tree`` audits another checkout (an older commit in a worktree, say) with
this tool: its notebooks, its ``helpers`` (through ``PYTHONPATH``), its Voila
template and its static export where it has them (plain ``nbconvert`` and
Voila's own template where it does not). A page that fails is reported as
failed and the others still run. ``--compare`` prints two such JSON files as
one Markdown table by rule. Needs Chromium and Playwright, as the browser
tests do; it takes some minutes (one notebook at a time).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:  # run as a script: the tests package is this project's
    sys.path.insert(0, str(PROJECT))

PAGES = ("lab", "voila", "static", "handout")
SIDES = (("ours", "the collection's own markup"), ("host", "JupyterLab's / Voila's own"))
STATIC_NOTEBOOK = "02_first_reading.ipynb"
HANDOUT = "import sys, helpers; helpers.handout(sys.argv[1], pdf=False)"


def page_entry(found) -> dict:
    """One page's result: ``{side: {rule: {impact: nodes}}}`` and undecided contrast nodes."""
    entry = {"error": None}
    for side, _ in SIDES:
        table = defaultdict(Counter)
        for node in getattr(found, side):
            table[node["rule"]][node["impact"]] += 1
        entry[side] = {rule: dict(impacts) for rule, impacts in sorted(table.items())}
    entry["undecided_ours"] = found.undecided("ours")
    entry["undecided_ours_nodes"] = [
        {key: node[key] for key in ("rule", "target", "html", "summary")}
        for node in found.unsure
        if node["ours"]
    ]
    entry["contrast_checked_ours"] = found.contrast_checked["ours"]
    entry["unseen_px"] = found.unseen_px
    return entry


def attempt(results: dict, name: str, action) -> None:
    """Run ``action()`` (it returns audits), store them under their names, or the failure."""
    import pytest

    started = time.monotonic()
    try:
        with contextlib.redirect_stdout(sys.stderr):  # the audits' own reports: not the table
            audits = action()
        for found in audits:
            results[found.name] = page_entry(found)
    except (Exception, pytest.fail.Exception) as error:  # a page that fails does not stop the run
        message = str(error).strip().splitlines()[0][:300] if str(error).strip() else repr(error)
        results[name] = {"error": message, "ours": {}, "host": {}}
        print(f"{name}: FAILED: {message}", file=sys.stderr)
    print(f"{name}: {time.monotonic() - started:.0f} s", file=sys.stderr)


def audit_lab(browser, tree: Path, base: Path, notebooks: list[str], results: dict) -> None:
    """Every notebook of the tree after Run All in JupyterLab."""
    from tests.axe_check import audit_notebook
    from tests.browser import lab_server_running, new_page, run_notebook_in_lab

    with lab_server_running(base / "lab", source=tree / "notebooks") as server:
        for notebook in notebooks:
            stem = Path(notebook).stem

            def one(notebook=notebook, stem=stem):
                with new_page(browser) as page:
                    run = run_notebook_in_lab(page, server, notebook)
                    if run.errors:
                        print(f"lab_{stem}: error output: {run.errors[0][:200]}", file=sys.stderr)
                    return [audit_notebook(page, f"lab_{stem}")]

            attempt(results, f"lab_{stem}", one)


def audit_voila(browser, tree: Path, base: Path, results: dict) -> None:
    """The Voila app, with the tree's own template where it has one."""
    from tests.axe_check import audit_voila_app
    from tests.browser import VOILA_APP, new_page, open_voila_app, voila_running

    templates = tree / "share" / "jupyter"
    template = "liaoyang" if (templates / "voila" / "templates" / "liaoyang").is_dir() else ""

    def run():
        with (
            voila_running(
                base / "voila", VOILA_APP, template, source=tree / "notebooks", templates=templates
            ) as server,
            new_page(browser) as page,
        ):
            open_voila_app(page, server)
            return list(audit_voila_app(page))

    attempt(results, "voila", run)


def audit_files(browser, tree: Path, base: Path, results: dict, pages: set[str]) -> None:
    """The static page of notebook 02 and the handout, both made with the tree's helpers."""
    import subprocess

    from tests.axe_check import audit, export_static_page
    from tests.browser import new_page

    def static():
        html = export_static_page(tree / "notebooks" / STATIC_NOTEBOOK, base / "static", tree)
        with new_page(browser) as page:
            page.goto(html.as_uri(), wait_until="load")
            return [audit(page, f"static_{Path(STATIC_NOTEBOOK).stem}")]

    def handout():
        path = base / "handout.html"
        env = {**os.environ, "PYTHONPATH": str(tree)}
        command = [sys.executable, "-c", HANDOUT, str(path)]
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the handout failed: {done.stderr.strip().splitlines()[-1:]}")
        with new_page(browser) as page:
            page.goto(path.as_uri(), wait_until="load")
            return [audit(page, "handout", ours="*")]

    if "static" in pages:
        attempt(results, f"static_{Path(STATIC_NOTEBOOK).stem}", static)
    if "handout" in pages:
        attempt(results, "handout", handout)


def run_all(tree: Path, pages: set[str], notebooks: list[str]) -> dict:
    """Audit the pages of ``tree``; return ``{page: entry}``."""
    from playwright.sync_api import sync_playwright

    from tests.browser import browser_missing_reason, launch_chromium

    reason = browser_missing_reason()
    if reason:
        sys.exit(reason)
    # The servers, kernels and exports started below import the tree's helpers.
    os.environ["PYTHONPATH"] = str(tree)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="axe_report_") as folder, sync_playwright() as driver:
        base = Path(folder)
        os.environ.setdefault("LIAOYANG_ARTEFACTS", str(base / "artefacts"))
        browser = launch_chromium(driver)
        try:
            if "lab" in pages:
                audit_lab(browser, tree, base, notebooks, results)
            if "voila" in pages:
                audit_voila(browser, tree, base, results)
            audit_files(browser, tree, base, results, pages)
        finally:
            browser.close()
    return results


# --------------------------------------------------------------------------- tables


def rows(results: dict, side: str):
    """(page, rule, impact, nodes) for one side, sorted."""
    for page, entry in sorted(results.items()):
        for rule, impacts in entry.get(side, {}).items():
            for impact, nodes in sorted(impacts.items()):
                yield page, rule, impact, nodes


def page_table(report: dict) -> str:
    """Page × rule × impact × nodes, ours and the host's apart, as Markdown."""
    results = report["pages"]
    lines = []
    for side, title in SIDES:
        lines += [f"### {title}", "", "| page | rule | impact | nodes |", "|---|---|---|---|"]
        lines += [f"| {p} | {r} | {i} | {n} |" for p, r, i, n in rows(results, side)]
        lines.append("")
    failed = {page: entry["error"] for page, entry in results.items() if entry.get("error")}
    clean = [p for p, e in sorted(results.items()) if not e.get("error") and not e["ours"]]
    lines.append(f"Pages audited: {len(results)}; with no violation of ours: {', '.join(clean)}.")
    undecided = Counter()
    for entry in results.values():
        undecided.update(entry.get("undecided_ours", {}))
    lines.append(f"Nodes of ours axe could not decide (incomplete): {dict(undecided) or 'none'}.")
    checked = {p: e["contrast_checked_ours"] for p, e in sorted(results.items()) if not e["error"]}
    lines.append(f"Text elements of ours whose contrast axe judged, by page: {checked}.")
    lines += [f"FAILED {page}: {error}" for page, error in sorted(failed.items())]
    return "\n".join(lines)


def by_rule(results: dict, side: str) -> dict[tuple[str, str], tuple[int, int]]:
    """{(rule, impact): (nodes, pages)} over every page."""
    nodes, pages = Counter(), defaultdict(set)
    for page, rule, impact, number in rows(results, side):
        nodes[rule, impact] += number
        pages[rule, impact].add(page)
    return {key: (nodes[key], len(pages[key])) for key in nodes}


def compare_table(before: dict, after: dict) -> str:
    """Two reports as one Markdown table by rule: nodes (pages) before and after."""
    lines = []
    for side, title in SIDES:
        old, new = by_rule(before["pages"], side), by_rule(after["pages"], side)
        lines += [f"### {title}", "", "| rule | impact | nodes before | nodes after |"]
        lines.append("|---|---|---|---|")
        for rule, impact in sorted(set(old) | set(new)):
            cell = [old.get((rule, impact)), new.get((rule, impact))]
            pairs = (c or (0, 0) for c in cell)
            shown = [f"{n} on {p} page{'s' * (p > 1)}" if n else "0" for n, p in pairs]
            lines.append(f"| {rule} | {impact} | {shown[0]} | {shown[1]} |")
        totals = [sum(n for n, _ in table.values()) for table in (old, new)]
        lines += [f"| **all** | | **{totals[0]}** | **{totals[1]}** |", ""]
    for label, report in (("before", before), ("after", after)):
        failed = sorted(p for p, e in report["pages"].items() if e.get("error"))
        lines.append(
            f"{label}: {report['tree']} at {report['commit']}, {report['date']}, "
            f"{len(report['pages'])} pages" + (f"; failed: {', '.join(failed)}" if failed else "")
        )
    return "\n".join(lines)


def commit_of(tree: Path) -> str:
    import subprocess

    done = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return done.stdout.strip() or "(not a git checkout)"


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", type=Path, default=PROJECT, help="the checkout to audit")
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument("--pages", default=",".join(PAGES), help="of: " + ",".join(PAGES))
    parser.add_argument("--notebooks", default="", help="stems (default: every notebook)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    options = parser.parse_args(arguments)
    if options.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in options.compare)
        print(compare_table(before, after))
        return
    tree = options.tree.resolve()
    names = sorted(p.name for p in (tree / "notebooks").glob("*.ipynb"))
    if options.notebooks:
        wanted = set(options.notebooks.split(","))
        names = [n for n in names if Path(n).stem in wanted]
    pages = set(options.pages.split(","))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = run_all(tree, pages, names)
    report = {"tree": str(tree), "commit": commit_of(tree), "date": started, "pages": results}
    print(page_table(report))
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
