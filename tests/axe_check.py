"""axe-core in the real browser: run it over a page and sort what it finds by who causes it.

``axe-playwright-python`` (requirements-dev.txt) bundles ``axe.min.js``, so
nothing is fetched. :func:`audit` injects it into a Playwright page, runs it,
and splits every violation's nodes into the collection's own markup (inside
the ``ours`` selectors: notebook outputs, rendered Markdown, the whole handout)
and the host's (JupyterLab's, Voila's or nbconvert's chrome around them).

The tests fail only on a serious or critical violation in the collection's own
markup; the host's are written to ``<artefacts>/axe/<name>.json`` and printed,
so they are listed apart (they are JupyterLab's to fix, not ours); `python tools/axe_summary.py`
sums them over every page by rule.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from tests.browser import artefacts_dir

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
        lines = [f"axe on {self.name}: ours {self.counts('ours')}; host {self.counts('host')}"]
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
            "ours_nodes": self.ours,
            "host_nodes": self.host,
        }
        (folder / f"{self.name}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def audit(page, name: str, ours: str = NOTEBOOK_CONTENT, context=None) -> Audit:
    """Run axe-core over ``page`` (or its ``context``) and sort its violations.

    ``ours`` is a CSS selector for the collection's markup (``'*'``: the whole
    page is ours). Saves the result (:meth:`Audit.save`) and prints its report.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"]}
    result = Axe().run(page, context=context, options=options)
    sorted_violations = page.evaluate(_SORT_NODES, [result.response["violations"], ours])
    found = Audit(name)
    for violation in sorted_violations:
        for node in violation["nodes"]:
            entry = {"rule": violation["id"], "help": violation["help"], **node}
            entry["impact"] = node["impact"] or violation["impact"]
            (found.ours if node["ours"] else found.host).append(entry)
    found.save()
    print(found.report())
    return found
