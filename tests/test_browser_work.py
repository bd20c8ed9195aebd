"""A student's work in a real JupyterLab: answers and notes survive a reload and a restart.

Driven as a student would in headless Chromium (the harness is ``tests/browser.py``):
give a name in the name box; answer a question and check it; reload the page
and run the notebook again: the answer is in the box and its feedback under
it; restart the kernel and run all: still there. A note typed (the box never
left) survives a reload. And a Check clicked while the kernel is busy grades
the value the box shows, not the one it held a moment before (issue 12: "the
box showed 19, the feedback said '1 is not the answer'").
"""

from __future__ import annotations

import json

import pytest

from helpers.exercises.questions import check
from tests.browser import (
    artefacts_dir,
    button_in,
    code_cell,
    control_in,
    full_screenshot,
    run_all_cells,
    run_notebook_in_lab,
    wait_all_cells_run,
    wait_for_text,
    wait_idle,
    wait_until,
    write_code_notebook,
)

pytestmark = pytest.mark.browser

NAME = "Browser Student"
QUESTION = "q00_segment_count"
NAME_CELL = "import helpers\nhelpers.student()"
QUESTION_CELL = f"helpers.question({QUESTION!r})"
NOTE_CELL = 'helpers.note("browser_note", "Write a plan")'
BUSY_CELL = "import time\ntime.sleep(4)"


def saved_work(lab_server) -> dict:
    """The work files the server's kernels wrote, merged: answers and notes by id."""
    merged = {"answers": {}, "notes": {}}
    for path in lab_server.work_dir.glob("work-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        merged["answers"].update(data.get("answers", {}))
        merged["notes"].update(data.get("notes", {}))
    return merged


@pytest.fixture
def work_notebook(lab_server):
    path = write_code_notebook(
        lab_server.root / "browser_work.ipynb", NAME_CELL, QUESTION_CELL, NOTE_CELL, BUSY_CELL
    )
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def rerun(page) -> None:
    """Run All again in the page as it is (same kernel)."""
    run_all_cells(page)
    wait_all_cells_run(page)
    wait_idle(page)


def answer_box(page):
    return control_in(code_cell(page, QUESTION_CELL), "A number", "input")


def test_answers_and_notes_survive_a_reload_and_a_restart(lab_server, browser_page, work_notebook):
    page = browser_page
    run = run_notebook_in_lab(page, lab_server, work_notebook.name)
    assert run.errors == [] and run.widget_errors == 0, run.errors

    names = code_cell(page, NAME_CELL)
    names.locator("input").first.fill(NAME)
    button_in(names, "Save my name").click()
    wait_for_text(names, f"saved as {NAME}")

    tool = code_cell(page, QUESTION_CELL)
    box = tool.locator("input").first
    box.click()
    box.press_sequentially("7")
    button_in(tool, "Check").click()
    wait_for_text(tool, "You answered 7: that is not the answer")
    shown_feedback = tool.locator(".widget-html").last.inner_text()
    assert saved_work(lab_server)["answers"][QUESTION]["value"] == "7"

    note = code_cell(page, NOTE_CELL).locator("textarea").first
    note.click()
    note.press_sequentially("Claim: rushing was the worse deviation.")
    wait_until(
        lambda: (
            saved_work(lab_server)["notes"]
            .get("browser_note", {})
            .get("text", "")
            .endswith("deviation.")
        ),
        message="the note to be saved while the box is still being typed in",
    )

    page.reload()  # the box never left: nothing but the typing saved it
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    wait_idle(page)
    rerun(page)
    tool = code_cell(page, QUESTION_CELL)
    wait_for_text(tool, "You answered 7: that is not the answer")
    assert tool.locator("input").first.input_value() == "7"
    assert not button_in(tool, "Show solution").is_disabled()
    assert tool.locator(".widget-html").last.inner_text() == shown_feedback
    note = code_cell(page, NOTE_CELL).locator("textarea").first
    assert note.input_value() == "Claim: rushing was the worse deviation."
    wait_for_text(code_cell(page, NAME_CELL), f"saved as {NAME}")

    run = run_notebook_in_lab(page, lab_server, work_notebook.name)  # a fresh kernel
    assert run.errors == [] and run.widget_errors == 0, run.errors
    tool = code_cell(page, QUESTION_CELL)
    wait_for_text(tool, "You answered 7: that is not the answer")
    assert tool.locator("input").first.input_value() == "7"
    note = code_cell(page, NOTE_CELL).locator("textarea").first
    assert note.input_value() == "Claim: rushing was the worse deviation."
    full_screenshot(page, artefacts_dir() / "screenshots" / "browser_work_after_restart.png")


def test_a_check_while_the_kernel_is_busy_grades_what_the_box_shows(
    lab_server, browser_page, work_notebook
):
    page = browser_page
    run = run_notebook_in_lab(page, lab_server, work_notebook.name)
    assert run.errors == [] and run.widget_errors == 0, run.errors
    tool = code_cell(page, QUESTION_CELL)
    box = tool.locator("input").first
    box.fill("")
    box.evaluate("element => element.blur()")
    wait_idle(page)

    busy = code_cell(page, BUSY_CELL)
    busy.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")  # the kernel sleeps 4 s: messages queue up
    wait_until(lambda: "*" in busy.locator(".jp-InputPrompt").inner_text(), message="busy")
    box.click()
    box.press_sequentially("19", delay=150)
    button_in(tool, "Check").click()

    expected = check(QUESTION, "19").message
    text = wait_for_text(tool, expected, timeout=60)
    assert "You answered 1:" not in text and "You answered 1 " not in text, text
    wait_idle(page)
    assert saved_work(lab_server)["answers"][QUESTION]["value"] == "19"
    assert box.input_value() == "19"
    full_screenshot(page, artefacts_dir() / "screenshots" / "browser_check_busy_kernel.png")


def test_notebook_03_shows_the_chain_only_after_its_question(lab_server, browser_page):
    page = browser_page
    run = run_notebook_in_lab(page, lab_server, "03_two_deviations.ipynb")
    assert run.errors == [] and run.widget_errors == 0, run.errors
    assert "What peasants concluded" not in run.text, "the chain is shown before the question"
    cell = (
        page.locator(".jp-CodeCell")
        .filter(has_text="q03_chain_order")
        .filter(has=page.locator("button", has_text="Show the comparison"))
    )
    button_in(cell.first, "Show the comparison").click()
    wait_for_text(cell.first, "Check your answer to q03_chain_order above first")
    assert "What peasants concluded" not in page.locator(".jp-Notebook").first.inner_text()
