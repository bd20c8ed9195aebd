"""The comparisons kept for after a question: known questions, exact quotations, no answer early."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from helpers.exercises.bank import find_question
from helpers.exercises.comparisons import comparisons
from helpers.model.tables import segments

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "seeds" / "000_de9b3e9f03d8f077.txt").read_text(encoding="utf-8")
FACTS = (ROOT / "helpers" / "data" / "facts.md").read_text(encoding="utf-8")
RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff，。！？；：、“”]*")


def test_every_comparison_belongs_to_a_question_of_the_bank():
    assert comparisons()
    for qid in comparisons():
        assert find_question(qid) is not None, qid


def test_the_quotations_of_the_comparisons_are_exact():
    chinese = SEED.split("Original:", 1)[1]
    known = set(segments()["seg_id"])
    for qid, text in comparisons().items():
        for run in RUN.findall(text):
            part = run.strip("“”：，。")
            if len(part) >= 2:
                assert part in chinese or part in FACTS, f"{qid}: {part!r} is not in the seed"
        assert set(re.findall(r"\bP\d+\.\d+\b", text)) <= known, qid


def test_no_notebook_cell_shows_a_comparison_before_its_question():
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        text = "\n".join(cell.source for cell in cells)
        for qid, comparison in comparisons().items():
            first_line = next(line for line in comparison.splitlines() if line.strip())
            assert first_line[:40] not in text, f"{path.name} shows the comparison of {qid}"
