"""One set of discussion prompts: the notebooks' Discussion cells, the guide, the data file."""

import csv
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = ROOT / "helpers" / "data" / "discussion_prompts.csv"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))


def _rows():
    with PROMPTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _flat(text):
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def test_the_file_has_its_columns_and_a_prompt_for_every_notebook():
    rows = _rows()
    assert list(rows[0]) == ["notebook", "prompt", "touches"]
    assert {row["notebook"] for row in rows} == {path.stem for path in NOTEBOOKS}
    for row in rows:
        assert row["prompt"].strip() and row["touches"].strip(), row
        assert re.search(r"\bP\d+\.\d+\b", row["touches"]), f"cite the article: {row['prompt']}"
    assert len({row["prompt"] for row in rows}) == len(rows)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_the_discussion_cell_asks_exactly_the_prompts_of_its_notebook(path):
    cells = [
        cell.source
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "markdown" and cell.source.startswith("## Discussion")
    ]
    assert len(cells) == 1, path.name
    marker = "**Reading:**"  # the interpretation voice, marked in words (no emoji font needed)
    parts = cells[0].split("\n\n")[1:]
    asked = [_flat(part[len(marker) :]) for part in parts if part.startswith(marker)]
    assert asked == [_flat(row["prompt"]) for row in _rows() if row["notebook"] == path.stem]


def test_the_guide_gives_every_prompt_with_what_good_answers_touch():
    guide = _flat((ROOT / "instructor" / "instructor_guide.md").read_text(encoding="utf-8"))
    for row in _rows():
        assert _flat(row["prompt"]) in guide, row["prompt"]
        assert _flat("What good answers touch:* " + row["touches"]) in guide, row["prompt"]


def test_the_guide_has_a_rubric_for_the_argued_answer():
    guide = (ROOT / "instructor" / "instructor_guide.md").read_text(encoding="utf-8")
    assert "Rubric for the argued answer" in guide
    for criterion in ("Claim", "Evidence", "Counter-argument", "Three voices"):
        assert f"| **{criterion}** |" in guide


def test_the_seminar_questions_of_notebook_07_are_prompts_of_the_set():
    path = ROOT / "notebooks" / "07_coding_and_discussion.ipynb"
    text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    section = text.split("## 6. Plan an argued answer", 1)[1].split("Cite evidence", 1)[0]
    asked = [_flat(line[3:]) for line in section.splitlines() if re.match(r"\d\. ", line)]
    prompts = {_flat(row["prompt"]) for row in _rows()}
    assert len(asked) == 3
    assert set(asked) <= prompts
