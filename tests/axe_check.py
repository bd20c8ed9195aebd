"""axe-core in the real browser: run it over a page and sort what it finds by who causes it.

``axe-playwright-python`` (requirements-dev.txt) bundles ``axe.min.js``, so
nothing is fetched. :func:`audit` injects it into a Playwright page, runs it,
and splits every violation's nodes into the collection's own markup (inside
the ``ours`` selectors: notebook outputs, rendered Markdown, the whole handout)
and the host's (JupyterLab's, Voila's or nbconvert's chrome around them).

The tests fail only on a serious or critical violation in the collection's own
markup; the host's are written to ``<artefacts>/axe/<name>.json`` and printed,
so they are listed apart (they are JupyterLab's to fix, not ours); `python tools/axe_summary.py`
sums them over every page by rule, and ``python tools/axe_report.py`` runs the
same audits over every page itself (also over an older tree, for a before/after).

Every rule axe-core ships runs, ``color-contrast`` (WCAG AA: 4.5:1, 3:1 for
large text) included: nothing is disabled. A contrast axe cannot decide (text
over an image, say) is "incomplete", not a violation: those nodes are kept in
:attr:`Audit.unsure` and counted apart. The page functions below
(:func:`audit_notebook`, :func:`audit_voila_app`, :func:`export_static_page`)
are shared by ``tests/test_browser_a11y.py`` and ``tools/axe_report.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import PROJECT, VIEWPORT, artefacts_dir, wait_until

#: In JupyterLab and Voila: what a notebook's cells put on the page (its outputs, widgets
#: included, and its rendered Markdown). Everything else is the host's chrome.
NOTEBOOK_CONTENT = ".jp-OutputArea-output, .jp-RenderedMarkdown"
SERIOUS = ("serious", "critical")

_SORT_NODES = """([violations, ours]) => violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => {
        const selector = n.target[n.target.length - 1];
        let element = null;
        try { element = document.querySelector(Array.isArray(selector) ? selector[0] : selector); }
        catch (e) { element = null; }
        return {target: n.target, html: n.html.slice(0, 300), impact: n.impact || v.impact,
                ours: ours === '*' ? true : !!(element && element.closest(ours)),
                summary: (n.failureSummary || '').slice(0, 300)};
    })}))"""


@dataclass
class Audit:
    """What axe found on one page, split into the collection's nodes and the host's."""

    name: str
    ours: list[dict] = field(default_factory=list)  # one entry per (rule, node)
    host: list[dict] = field(default_factory=list)
    unsure: list[dict] = field(default_factory=list)  # incomplete (undecided) nodes, both sides
    rules_run: set[str] = field(default_factory=set)  # rules that applied to some element
    contrast_checked: Counter = field(default_factory=Counter)  # {'ours': n, 'host': n}
    unseen_px: int = 0  # of a notebook, what no viewport showed (audit_notebook)

    def undecided(self, which: str = "ours") -> dict[str, int]:
        """Incomplete nodes per ``rule`` for ``which``: what axe could not decide."""
        nodes = [n for n in self.unsure if n["ours"] == (which == "ours")]
        return dict(sorted(Counter(n["rule"] for n in nodes).items()))

    def counts(self, which: str = "ours", serious_only: bool = False) -> dict[str, int]:
        """Nodes per ``rule (impact)`` for ``which`` ('ours' or 'host')."""
        nodes = getattr(self, which)
        if serious_only:
            nodes = [n for n in nodes if n["impact"] in SERIOUS]
        return dict(sorted(Counter(f"{n['rule']} ({n['impact']})" for n in nodes).items()))

    def serious_ours(self) -> list[dict]:
        """The collection's own serious or critical nodes: what the tests forbid."""
        return [n for n in self.ours if n["impact"] in SERIOUS]

    def report(self) -> str:
        """A short text for a failure message or the test output."""
        lines = [
            f"axe on {self.name}: ours {self.counts('ours')}; host {self.counts('host')}; "
            f"undecided in ours {self.undecided('ours')}; contrast judged on "
            f"{self.contrast_checked['ours']} of ours, {self.contrast_checked['host']} of host's"
        ]
        for node in self.serious_ours()[:15]:
            lines.append(f"  {node['rule']} ({node['impact']}) {node['target']}: {node['html']}")
            lines.append(f"    {node['summary']}")
        return "\n".join(lines)

    def save(self) -> None:
        """Write the counts and nodes to ``<artefacts>/axe/<name>.json``."""
        folder = artefacts_dir() / "axe"
        folder.mkdir(parents=True, exist_ok=True)
        data = {
            "name": self.name,
            "ours": self.counts("ours"),
            "host": self.counts("host"),
            "undecided_ours": self.undecided("ours"),
            "rules_run": sorted(self.rules_run),
            "contrast_checked": dict(self.contrast_checked),
            "unseen_px": self.unseen_px,
            "ours_nodes": self.ours,
            "host_nodes": self.host,
        }
        (folder / f"{self.name}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
        )


# axe's visibility test counts an element as clipped when an ancestor with overflow hidden
# has no size. JupyterLab's <body> is such an ancestor (overflow hidden, height 0: its shell
# is placed against the viewport, not the body), so axe took every notebook text for
# hidden and checked the contrast of none of it. For the run the body's overflow is lifted;
# nothing moves (the shell's containing block is not the body), then it is put back.
_LIFT_BODY = """() => {
    const body = document.body;
    if (getComputedStyle(body).overflow === 'visible' || body.getBoundingClientRect().height > 0)
        return null;
    const old = body.style.overflow;
    body.style.overflow = 'visible';
    return old;
}"""
_PUT_BODY_BACK = "(old) => { document.body.style.overflow = old; }"


def audit(page, name: str, ours: str = NOTEBOOK_CONTENT, context=None) -> Audit:
    """Run axe-core over ``page`` (or its ``context``) and sort its violations.

    ``ours`` is a CSS selector for the collection's markup (``'*'``: the whole
    page is ours). Saves the result (:meth:`Audit.save`) and prints its report.
    :attr:`Audit.contrast_checked` counts the text elements whose contrast
    axe judged (passed, failed or undecided), ours and the host's.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations", "incomplete", "passes"]}
    lifted = page.evaluate(_LIFT_BODY)
    try:
        response = Axe().run(page, context=context, options=options).response
    finally:
        if lifted is not None:
            page.evaluate(_PUT_BODY_BACK, lifted)
    found = Audit(name)
    for kind in ("violations", "passes", "incomplete"):
        found.rules_run.update(rule["id"] for rule in response.get(kind, []))
    contrast = [r for k in ("violations", "passes", "incomplete") for r in response[k]
                if r["id"] == "color-contrast"]  # fmt: skip
    for rule in page.evaluate(_SORT_NODES, [contrast, ours]):
        found.contrast_checked.update("ours" if n["ours"] else "host" for n in rule["nodes"])
    for kind, sort in (("violations", None), ("incomplete", found.unsure)):
        for violation in page.evaluate(_SORT_NODES, [response[kind], ours]):
            for node in violation["nodes"]:
                entry = {"rule": violation["id"], "help": violation["help"], **node}
                entry["impact"] = node["impact"] or violation["impact"]
                if sort is not None:
                    sort.append(entry)
                else:
                    (found.ours if node["ours"] else found.host).append(entry)
    found.save()
    print(found.report())
    return found


# --------------------------------------------------------------------------- the pages

# How tall the viewport must be to show the whole notebook, and how much of its cells is
# still out of view (JupyterLab scrolls inside the notebook's panel, not the page; the
# panel's "scroll past end" space below the last cell grows with the viewport: not counted).
NOTEBOOK_HEIGHT = """() => {
    const panel = document.querySelector(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
    if (!panel) return [document.documentElement.scrollHeight, 0];
    panel.scrollTop = 0;
    const cells = panel.querySelectorAll('.jp-Cell');
    const box = panel.getBoundingClientRect();
    const bottom = cells.length ? cells[cells.length - 1].getBoundingClientRect().bottom : 0;
    return [Math.ceil(bottom + (window.innerHeight - box.bottom) + 40),
            Math.max(0, Math.ceil(bottom - box.bottom))];
}"""
TALLEST = 32_000
# The shell as tall as the viewport and the notebook's panel inside it: JupyterLab has laid
# itself out for the viewport's size (it does so some frames after a resize).
SHELL_FITS = """() => {
    const shell = document.querySelector('.jp-LabShell');
    const panel = document.querySelector(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
    if (!shell || !panel) return true;
    return Math.abs(shell.getBoundingClientRect().height - window.innerHeight) < 2
        && panel.getBoundingClientRect().bottom <= window.innerHeight + 1;
}"""


def audit_notebook(page, name: str) -> Audit:
    """Audit the notebook on show in JupyterLab with the whole notebook in the viewport.

    axe judges the contrast only of text on screen, and JupyterLab scrolls
    inside its panel, so the viewport is grown until nothing of the notebook
    is left to scroll (up to :data:`TALLEST` px); what still is, is kept in
    :attr:`Audit.unseen_px`. The viewport stays so; the caller sets it back.
    """
    unseen = 0
    for _ in range(5):
        # JupyterLab lays its shell out again some frames after a resize (the screenshot of
        # the run resized it too): read the notebook only once the shell fits the viewport.
        with contextlib.suppress(Exception):
            page.wait_for_function(SHELL_FITS, timeout=10_000)
        page.wait_for_timeout(300)
        needed, unseen = page.evaluate(NOTEBOOK_HEIGHT)
        height = page.viewport_size["height"]
        if unseen <= 2 and needed <= height + 2 and page.evaluate(SHELL_FITS):
            break
        height = min(TALLEST, max(VIEWPORT["height"], needed))
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
        page.wait_for_timeout(600)
    found = audit(page, name)
    found.unseen_px = unseen if unseen > 2 else 0
    return found


VOILA_QUERY = "偏向"


def audit_voila_app(page, name: str = "voila") -> tuple[Audit, Audit]:
    """Audit the Voila app's reader tab, then its search tab after a search for 偏向."""
    reader = audit(page, f"{name}_reader")
    page.locator(".lm-TabBar-tab").filter(has_text="Search (KWIC)").first.click()
    field = page.get_by_placeholder("互助组 or mutual aid")
    field.fill(VOILA_QUERY)
    field.press("Enter")
    wait_until(lambda: page.locator(".ly-hit").count() > 0, message=f"hits of {VOILA_QUERY}")
    return reader, audit(page, f"{name}_search")


def export_static_page(notebook: Path, output: Path, tree: Path = PROJECT) -> Path:
    """Run ``notebook`` and save it as a static HTML page in ``output``; return the page.

    With the tree's ``tools/static_html.py`` (the collection's export), or,
    in a tree from before it, with plain ``jupyter nbconvert --execute`` as
    ``tasks.py html`` did then. The tree's ``helpers`` are used.
    """
    script = tree / "tools" / "static_html.py"
    if script.is_file():
        command = [sys.executable, str(script), "--output-dir", str(output), str(notebook)]
    else:
        command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute"]
        command += ["--ExecutePreprocessor.store_widget_state=False", "--output-dir", str(output)]
        command.append(str(notebook))
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        command, cwd=tree, env=env, capture_output=True, text=True, timeout=600
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"the static export of {notebook.name} failed:\n{done.stderr[-3000:]}")
    return output / f"{notebook.stem}.html"
