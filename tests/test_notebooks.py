"""Every notebook runs top to bottom in a fresh kernel and is committed clean."""

import functools
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.exercises.bank import NOTEBOOKS as NOTEBOOKS_OF_THE_SERIES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]
#: The instructor's notebooks, kept out of the students' folder; run and kept clean like the rest.
INSTRUCTOR = ROOT / "instructor"
INSTRUCTOR_NOTEBOOKS = sorted(INSTRUCTOR.glob("*.ipynb"))
EVERY_NOTEBOOK = NOTEBOOKS + INSTRUCTOR_NOTEBOOKS
EVERY_ID = IDS + [f"instructor/{path.stem}" for path in INSTRUCTOR_NOTEBOOKS]


def test_there_are_notebooks():
    assert any(path.name == "00_start_here.ipynb" for path in NOTEBOOKS)


def test_the_instructor_has_the_class_overview_notebook():
    assert [path.name for path in INSTRUCTOR_NOTEBOOKS] == ["class_overview.ipynb"]


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=EVERY_ID)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear the outputs before committing"
            assert cell.execution_count is None, f"{path.name}: clear the execution counts"


@functools.cache
def executed(path):
    """The notebook at ``path`` run top to bottom in a fresh kernel (once per test session)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=EVERY_ID)
def test_notebook_runs_in_a_fresh_kernel_without_errors(path):
    notebook = executed(path)
    for cell in notebook.cells:
        if cell.cell_type == "code" and re.search(r"_plot\(|heatmap\(|argument_map\(", cell.source):
            shown = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert shown, f"{path.name}: the figure of this cell is not shown:\n{cell.source}"
        for output in cell.get("outputs", []):
            assert output.output_type != "error", (
                f"{path.name}: {output.get('ename')}: {output.get('evalue')}"
            )
            if output.output_type == "stream":
                assert output.name != "stderr" or "Warning" not in output.text, output.text


#: What a student must never read in an output: raw reprs of pandas, lists, paths (issue 14).
RAW_REPRS = {
    "a pandas dtype line": re.compile(r"dtype: ?\w+"),
    "a path object": re.compile(r"(Posix|Windows)Path\("),
    "a Python list": re.compile(r"\[\]|\[(?:'|&#x27;|&#39;|\"|&quot;|P\d+\.\d+|\d+[,\]])"),
    "pandas' default table": re.compile(r'class="dataframe"|<table border="1"'),
    "a missing value as nan or None": re.compile(r"<td[^>]*>(nan|None|NaN|<NA>)</td>"),
    "a DataFrame's text repr": re.compile(r"\[\d+ rows x \d+ columns\]|^\s+\w+\s+\w+\s*\\$", re.M),
}

#: The longest line printed as text (monospace): longer lines break inside words ("promote d").
LONGEST_PRINTED_LINE = 80


def shown_texts(output) -> list[tuple[str, str]]:
    """What a student reads of one output: its HTML if it has some, else its text."""
    if output.output_type == "stream":
        return [("printed", output.text)]
    data = output.get("data", {})
    if "text/html" in data:
        return [("html", data["text/html"])]
    return [("text", data["text/plain"])] if "text/plain" in data else []


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=EVERY_ID)
def test_no_output_shows_a_raw_repr_or_a_long_printed_line(path):
    problems = []
    for number, cell in enumerate(executed(path).cells):
        for output in cell.get("outputs", []):
            for kind, text in shown_texts(output):
                found = [name for name, pattern in RAW_REPRS.items() if pattern.search(text)]
                if kind == "printed":
                    found += [
                        f"a printed line of {len(line)} characters"
                        for line in text.splitlines()
                        if len(line) > LONGEST_PRINTED_LINE
                    ]
                problems += [f"cell {number} ({cell.source[:60]!r}): {what}" for what in found]
    assert not problems, f"{path.name} shows:\n" + "\n".join(problems)


def test_the_raw_repr_checks_catch_what_issue_14_found():
    import pandas as pd

    seen = {
        "dtype": repr(pd.Series(["a"], name="偏向")),
        "path": repr(Path("/tmp/work")),
        "list": str(["P2.1", "P2.2"]) + str([]),
        "frame": pd.DataFrame({"a": [1]})._repr_html_(),
    }
    for text in seen.values():
        assert any(pattern.search(text) for pattern in RAW_REPRS.values()), text
    import helpers

    shown = [helpers.argument_table()._repr_html_(), helpers.renderings()["verdict"].value_counts()]
    shown[1] = shown[1]._repr_html_()
    for text in shown:
        assert not any(pattern.search(text) for pattern in RAW_REPRS.values()), text[:300]


SERIES = list(NOTEBOOKS_OF_THE_SERIES)


def _text(path):
    return "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)


def test_the_whole_series_is_there():
    assert [path.stem for path in NOTEBOOKS] == SERIES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_its_header_and_footer(path):
    cells = nbformat.read(path, as_version=4).cells
    header, footer = cells[0].source, cells[-1].source
    for part in ("Who it is for", "Time", "Prerequisites", "What you will learn", "How to run"):
        assert part in header, f"{path.name}: the header lacks '{part}'"
    objectives = [
        line for line in header.splitlines() if line[:2] in {f"{n}." for n in range(1, 10)}
    ]
    assert 3 <= len(objectives) <= 5, f"{path.name}: give 3 to 5 learning objectives"
    for part in ("## Summary", "**Next:**", "Cite as", "Licence"):
        assert part in footer, f"{path.name}: the footer lacks '{part}'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_exercises_of_several_kinds_and_a_discussion(path):
    from helpers.exercises.bank import load_questions

    text = _text(path)
    used = re.findall(r'helpers\.question\("([^"]+)"\)', text)
    kinds = set(load_questions().set_index("id").loc[used, "kind"])
    assert len(used) >= 3, f"{path.name}: at least three exercises"
    assert len(kinds) >= 2, f"{path.name}: mix the kinds of exercise"
    assert "## Discussion" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_question_id_in_a_notebook_exists_and_belongs_to_it(path):
    from helpers.exercises.bank import load_questions

    bank = load_questions().set_index("id")
    for question_id in re.findall(r'helpers\.(?:question|check)\("([^"]+)"', _text(path)):
        assert question_id in bank.index, f"{path.name}: no question {question_id!r}"
        assert bank.loc[question_id, "notebook"] == path.stem


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_seg_id_quoted_in_a_notebook_exists(path):
    from helpers import segments

    known = set(segments()["seg_id"])
    quoted = set(re.findall(r"\bP\d+\.\d+\b", _text(path)))
    assert quoted, f"{path.name}: quote the article by seg_id"
    assert quoted <= known, f"{path.name}: unknown seg_ids {sorted(quoted - known)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_keeps_the_three_voices_labelled(path):
    """Each voice is marked in words, which need no emoji font (issue 14)."""
    text = _text(path)
    for voice, pattern in VOICE_LABELS.items():
        assert re.search(pattern, text), f"{path.name}: label the voice {voice!r} in words"


#: How each voice is marked in a notebook's text (bold words, never a symbol alone).
VOICE_LABELS = {
    "the article says": r"\*\*Article:\*\*|\*\*The article says\*\*",
    "historians know": r"\*\*Historians:\*\*|\*\*Historians know\*\*",
    "a reading": r"\*\*Reading:\*\*|\*\*A reading\b",
}


@pytest.mark.parametrize("path", INSTRUCTOR_NOTEBOOKS, ids=[p.stem for p in INSTRUCTOR_NOTEBOOKS])
def test_an_instructor_notebook_has_its_header_and_footer(path):
    cells = nbformat.read(path, as_version=4).cells
    header, footer = cells[0].source, cells[-1].source
    for part in ("Who it is for", "instructors", "Time", "Prerequisites", "What you will learn"):
        assert part in header, f"{path.name}: the header lacks '{part}'"
    objectives = [line for line in header.splitlines() if re.match(r"[1-9]\. ", line)]
    assert 3 <= len(objectives) <= 5, f"{path.name}: give 3 to 5 learning objectives"
    for part in ("## Summary", "**Next:**", "Cite as", "Licence"):
        assert part in footer, f"{path.name}: the footer lacks '{part}'"
    long = [cell.source for cell in cells[1:-1] if cell.source.count("\n") > 12]
    assert not long, f"{path.name}: keep the cells short"


def test_the_students_folder_holds_no_instructor_material():
    names = {path.name for path in (ROOT / "notebooks").rglob("*")}
    assert not names & {"answer_key.md", "instructor_guide.md", "class_overview.ipynb"}


def test_the_instructor_guide_and_answer_key_are_there():
    folder = INSTRUCTOR
    guide = (folder / "instructor_guide.md").read_text(encoding="utf-8")
    for part in (
        "Learning outcomes",
        "50 minutes",
        "90 minutes",
        "Discussion prompts",
        "misreadings",
        "agreement",
        "Binder",
        "JupyterHub",
        "handout",
    ):
        assert part in guide
    assert (folder / "answer_key.md").exists()
