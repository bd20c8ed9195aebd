"""Sum the axe-core results the browser tests wrote (``<artefacts>/axe/*.json``) by rule.

    python tools/axe_summary.py [artefacts folder]

Prints, for the collection's own markup and for the host's (JupyterLab's,
Voila's or nbconvert's chrome) apart, the number of nodes per ``rule
(impact)`` over every page, and the pages each rule was found on.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def summary(folder: Path) -> str:
    """The table as Markdown text."""
    counts = {"ours": Counter(), "host": Counter()}
    pages = {"ours": defaultdict(set), "host": defaultdict(set)}
    files = sorted((folder / "axe").glob("*.json"))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for side in counts:
            for rule, number in data[side].items():
                counts[side][rule] += number
                pages[side][rule].add(data["name"])
    lines = [f"axe-core over {len(files)} pages ({folder / 'axe'})", ""]
    for side, title in (
        ("ours", "the collection's markup"),
        ("host", "JupyterLab / Voila / nbconvert"),
    ):
        lines += [f"## {title}", "", "| rule (impact) | nodes | pages |", "|---|---|---|"]
        for rule, number in sorted(counts[side].items()):
            lines.append(f"| {rule} | {number} | {', '.join(sorted(pages[side][rule]))} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    default = os.environ.get("LIAOYANG_ARTEFACTS") or PROJECT / "artefacts"
    print(summary(Path(sys.argv[1] if len(sys.argv) > 1 else default)))
