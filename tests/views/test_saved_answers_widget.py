"""Questions save every checked answer and show it again; notes save as typed; the name once."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers.exercises.attempts import Attempts, reset_attempts
from helpers.exercises.bank import bank
from helpers.model.work import PLACEHOLDER, StudentWork, set_student_name, student_name
from helpers.views import question as question_module
from helpers.views.note import note
from helpers.views.question import QuestionTool, question
from helpers.views.student import student
from tests.exercises.question_cases import IDS, ITEMS, wrong_answer
from tests.views.test_question_widget import fill

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_attempts():
    reset_attempts()
    yield
    reset_attempts()


def restart():
    """What a kernel restart leaves: the files, and no attempts in memory."""
    reset_attempts()


@pytest.mark.parametrize("qid", IDS)
def test_every_checked_answer_comes_back_with_its_feedback_after_a_restart(qid):
    set_student_name("Zhang San")
    item = ITEMS[qid]
    box = question(qid)
    fill(box, item, wrong_answer(item))
    box.controls.check.click()
    shown_value, shown_feedback = box.controls.read(), box.controls.feedback.value
    restart()
    again = question(qid)
    assert again.controls.read() == shown_value
    assert again.controls.feedback.value == shown_feedback
    assert not again.controls.show_solution.disabled, "a saved answer is an attempt"
    saved = StudentWork("Zhang San").answer(bank()[qid].id)
    assert saved["feedback"].split(":")[0] in html.unescape(shown_feedback)


def test_the_last_answer_is_the_one_shown_again():
    set_student_name("Li Si")
    box = question("q00_segment_count")
    for value in ("1", "19", "7"):
        box.controls.input.value = value
        box.controls.check.click()
    restart()
    assert question("q00_segment_count").controls.input.value == "7"
    assert StudentWork("Li Si").answer("q00_segment_count")["value"] == "7"


def test_a_new_kernel_process_reads_the_answers_back(isolated_work_dir):
    set_student_name("Wang Wu")
    box = question("q02_who_corrects")
    box.controls.input.value = box.controls.input.options[1][1]
    box.controls.check.click()
    script = textwrap.dedent(
        """
        import json
        from helpers.views.question import question
        box = question("q02_who_corrects")
        print(json.dumps([box.controls.read(), box.controls.feedback.value]))
        """
    )
    env = {**os.environ, "LIAOYANG_WORK_DIR": str(isolated_work_dir), "PYTHONPATH": str(PROJECT)}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    value, feedback = json.loads(out.stdout)
    assert value == box.controls.read() and feedback == box.controls.feedback.value


def test_an_unreadable_answer_is_not_saved_over_a_good_one():
    set_student_name("Li Si")
    box = question("q00_segment_count")
    box.controls.input.value = "19"
    box.controls.check.click()
    box.controls.input.value = ""
    box.controls.check.click()
    assert StudentWork("Li Si").answer("q00_segment_count")["value"] == "19"


def test_answers_before_a_name_are_kept_and_move_to_the_name():
    assert student_name() is None
    box = question("q00_segment_count")
    box.controls.input.value = "19"
    box.controls.check.click()
    assert "without a name" in box.controls.feedback.value
    assert StudentWork(PLACEHOLDER).answer("q00_segment_count")["value"] == "19"
    name_box = student()
    name_box.controls.name.value = "Zhao Liu"
    name_box.controls.save.click()
    assert StudentWork("Zhao Liu").answer("q00_segment_count")["value"] == "19"
    assert StudentWork(PLACEHOLDER).answers() == {}
    restart()
    assert question("q00_segment_count").controls.input.value == "19"


def test_a_text_field_sends_its_value_once_when_left():
    box = question("q00_segment_count")
    assert box.controls.input.continuous_update is False


def test_a_change_arriving_just_after_the_click_is_graded(monkeypatch):
    """The browser's late message (the click overtook it) ends as the graded answer."""
    set_student_name("Li Si")
    box = question("q00_segment_count")
    box.controls.input.value = "1"
    box.controls.check.click()
    box.controls.input.value = "19"  # the rest of what the box showed, arriving late
    pane = html.unescape(box.controls.feedback.value)
    assert "Correct" in pane, pane
    assert StudentWork("Li Si").answer("q00_segment_count")["value"] == "19"


def test_a_later_change_waits_for_the_next_click(monkeypatch):
    clock = iter([100.0, 200.0])
    monkeypatch.setattr(question_module.time, "monotonic", lambda: next(clock))
    box = question("q00_segment_count")
    box.controls.input.value = "1"
    box.controls.check.click()  # at 100 s
    box.controls.input.value = "19"  # at 200 s: a new answer, not checked yet
    assert "Correct" not in html.unescape(box.controls.feedback.value)


def test_a_damaged_work_file_opens_the_question_blank_and_saving_goes_on(isolated_work_dir):
    set_student_name("Li Si")
    StudentWork("Li Si").path.write_text("{half", encoding="utf-8")
    box = question("q00_segment_count")
    assert box.controls.input.value == ""
    box.controls.input.value = "19"
    box.controls.check.click()
    assert StudentWork("Li Si").answer("q00_segment_count")["value"] == "19"


def test_a_save_that_fails_says_so_and_still_gives_feedback(monkeypatch):
    work = StudentWork("Li Si")

    def refuse(*args, **kwargs):
        raise OSError("the disk is full")

    monkeypatch.setattr(work, "save_answer", refuse)
    box = QuestionTool(bank()["q00_segment_count"], attempts=Attempts(), work=work)
    box.controls.input.value = "19"
    box.controls.check.click()
    pane = html.unescape(box.controls.feedback.value)
    assert "Correct" in pane and "could not be saved: the disk is full" in pane


# ------------------------------------------------------------------ notes


def test_a_note_is_saved_on_every_change_and_shown_again():
    set_student_name("Li Si")
    box = note("07_plan", "Plan your answer")
    assert box.controls.text.continuous_update is True
    for text in ("C", "Cl", "Claim: <b>rushing</b>"):
        box.controls.text.value = text
        assert StudentWork("Li Si").note("07_plan") == text
    restart()
    again = note("07_plan", "Plan your answer")
    assert again.controls.text.value == "Claim: <b>rushing</b>"
    assert "<b>" not in again.static_html()
    assert "Saved" in box.panes.message.value


def test_a_note_before_a_name_moves_to_the_name():
    note("05_rendering_qushang").controls.text.value = "the district looks up to"
    set_student_name("Qian Qi")
    assert note("05_rendering_qushang").controls.text.value == "the district looks up to"


def test_a_bad_note_key_gets_a_sentence():
    box = note("<script>")
    assert box.controls is None and "&lt;script&gt;" in box.static_html()


# ------------------------------------------------------------------ the name


def test_the_name_box_shows_the_name_kept_and_changes_it():
    set_student_name("Zhang San")
    box = student()
    assert box.controls.name.value == "Zhang San"
    assert "saved as Zhang San" in box.panes.message.value
    box.controls.name.value = "Zhang San (B)"
    box.controls.save.click()
    assert student_name() == "Zhang San (B)"
    assert student().controls.name.value == "Zhang San (B)"


def test_a_blank_name_is_refused_with_what_to_do():
    box = student()
    box.controls.name.value = "   "
    box.controls.save.click()
    assert "Type your name" in box.panes.message.value and student_name() is None


def test_the_name_cannot_be_the_placeholder():
    box = student()
    box.controls.name.value = PLACEHOLDER
    box.controls.save.click()
    assert student_name() is None


def test_widgets_are_widgets():
    assert isinstance(student(), widgets.VBox) and isinstance(note("x"), widgets.VBox)


# ------------------------------------------------------------------ after answering


def test_a_comparison_waits_for_an_answer_then_shows():
    from helpers.views.reveal import after_answering

    box = after_answering("q03_chain_order", "Article: the chain: P2.3 ...")
    box.controls.show.click()
    assert not box.state()["shown"] and len(box.panes.content.outputs) == 0
    assert "Check your answer to q03_chain_order" in box.panes.message.value
    assert "P2.3" not in box.static_html()
    tool = question("q03_chain_order")
    fill(tool, ITEMS["q03_chain_order"], wrong_answer(ITEMS["q03_chain_order"]))
    tool.controls.check.click()
    box.controls.show.click()
    assert box.state()["shown"]
    assert "P2.3" in box.panes.content.outputs[0]["data"]["text/markdown"]


def test_a_comparison_is_shown_at_once_when_the_answer_was_saved_before():
    from helpers.views.reveal import after_answering

    tool = question("q02_structure_order")
    fill(tool, ITEMS["q02_structure_order"], wrong_answer(ITEMS["q02_structure_order"]))
    tool.controls.check.click()
    restart()
    assert after_answering("q02_structure_order", "the moves").state()["shown"]


def test_an_open_answer_is_saved_as_it_is_typed_and_comes_back_unchecked():
    set_student_name("Li Si")
    qid = "q05_render_qushang"
    box = question(qid)
    assert box.controls.input.continuous_update is True
    box.controls.input.value = "the district thinks highly of"
    restart()
    again = question(qid)
    assert again.controls.input.value == "the district thinks highly of"
    assert again.controls.show_solution.disabled, "a draft is not an attempt"
    again.controls.check.click()
    again.controls.input.value = "the district looks up to"  # typed after the check
    restart()
    last = question(qid)
    assert last.controls.input.value == "the district looks up to"
    assert "Open question" in html.unescape(last.controls.feedback.value)


def test_a_closed_question_keeps_no_draft():
    set_student_name("Li Si")
    box = question("q00_segment_count")
    box.controls.input.value = "19"
    assert StudentWork("Li Si").notes() == {}
