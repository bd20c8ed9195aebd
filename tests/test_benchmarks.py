"""Smoke test of the benchmark script: `--quick` runs, exits 0 and reports every figure.

It checks that each figure is named and either measured or says why not; it
never checks how fast anything is (timings belong to the benchmark, not tests).
"""

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SCRIPT = PROJECT / "benchmarks" / "run.py"

FIGURES = [
    "run_all.collection",
    "reaction.reader_next",
    "reaction.pinyin_toggle",
    "reaction.kwic_literal",
    "reaction.kwic_regex",
    "reaction.concordance_search",
    "reaction.concordance_table_only",
    "reaction.annotator_tag_save",
    "reaction.annotator_open",
    "reaction.agreement_30",
    "scale.load.small",
    "scale.load.medium",
    "scale.load.large",
    "scale.per_article.small",
    "scale.per_article.medium",
    "scale.per_article.large",
    "scale.linearity",
    "scale.load.large_cached",
    "scale.kwic.medium",
    "scale.long_paragraph.800",
    "scale.long_paragraph.3000",
    "scale.memory.small",
    "scale.memory.medium",
    "scale.memory.large",
    "weight.import_ratio",
    "weight.import_helpers",
    "weight.import_dependencies",
    "weight.kernel_rss",
    "weight.install_size",
]


def test_quick_run_prints_every_figure_and_writes_json(tmp_path):
    output = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(output)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for name in FIGURES:
        assert f"| {name} |" in done.stdout, f"{name} missing from the table"
    data = json.loads(output.read_text(encoding="utf-8"))
    assert set(FIGURES) <= set(data["figures"])
    for name in FIGURES:
        figure = data["figures"][name]
        assert figure["status"] in {"met", "MISSED", "info", "not available", "no data"}
        # measured, or it says why not: never silently empty
        assert figure["n"] > 0 or figure["unavailable"], name
        if figure["n"]:
            assert figure["median"] is not None and figure["median"] >= 0
    # the quick run skips the venv build and says so
    assert "skipped" in data["figures"]["weight.install_size"]["unavailable"]
    notebooks = sorted(path.name for path in (PROJECT / "notebooks").glob("*.ipynb"))
    assert data["notebooks"] == notebooks[:1]
    if notebooks:
        stem = Path(notebooks[0]).stem
        assert f"| run_all.notebook[{stem}] |" in done.stdout


def test_floor_notebook_keeps_only_the_imports():
    import nbformat

    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import run
    finally:
        sys.path.remove(str(SCRIPT.parent))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("import nothing here"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport helpers\nx = helpers.segments()"),
        nbformat.v4.new_code_cell(
            "from helpers.analysis.search import kwic\nimport helpers\nkwic('a')"
        ),
        nbformat.v4.new_code_cell("this is not python ("),
    ]
    floor = run.floor_notebook(notebook)
    assert [cell.source for cell in floor.cells] == [
        "import helpers\nfrom helpers.analysis.search import kwic"
    ]


def test_the_pairing_table_has_every_case_and_the_new_aligner_beats_the_old_one():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import pairing
    finally:
        sys.path.remove(str(SCRIPT.parent))
    text = pairing.table()
    for name in pairing.cases():
        assert f"| {name} |" in text
    article = pairing.make_article(*pairing.texts(pairing.cases()["both divided at other places"]))
    truth = pairing.hand_pairs()
    new = pairing.scores(pairing.new_pairs(article), truth)
    old = pairing.scores(pairing.old_pairs(article), truth)
    assert new["recall"] > old["recall"]
