"""The question widget built from each kind's control spec, one builder per shape."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from helpers.exercises.answers import labelled
from helpers.exercises.attempts import Attempts, reset_attempts
from helpers.exercises.bank import bank
from helpers.exercises.feedback import Feedback
from helpers.exercises.kind import REGISTRY, Control, Question, Slot
from helpers.model.work import StudentWork
from helpers.views.question import BUILDERS, QuestionTool, build_control, question
from helpers.views.tool import Tool
from tests.exercises.question_cases import IDS, ITEMS, by_kind


@pytest.fixture(autouse=True)
def fresh_attempts():
    reset_attempts()
    yield
    reset_attempts()


def test_there_is_a_builder_for_every_shape_the_bank_uses():
    shapes = {question.control().shape for question in bank().values()}
    assert shapes == set(BUILDERS) == {"radio", "checkboxes", "menus", "text"}


@pytest.mark.parametrize("qid", IDS)
def test_every_question_widget_is_a_tool(qid):
    box = question(qid)
    assert isinstance(box, Tool) and isinstance(box, QuestionTool)
    assert box.panes.feedback is box.controls.feedback
    assert box.state() == {
        "question": qid,
        "answer": box.controls.read(),
        "attempted": False,
    }


def test_an_unknown_question_is_an_error_box():
    box = question("nope")
    assert isinstance(box, Tool) and box.controls is None


def test_menus_read_a_list_or_a_dict_and_may_take_several():
    options = (("x", "x"), ("y", "y"))
    _, menus, read = build_control(Control("menus", options=options, slots=(Slot(), Slot())))
    menus[0].value, menus[1].value = "y", "x"
    assert read() == ["y", "x"]
    spec = Control(
        "menus",
        options=options,
        slots=(Slot(label="A"), Slot(label="B")),
        keys=("A", "B"),
        several=True,
    )
    box, menus, read = build_control(spec)
    assert all(isinstance(menu, widgets.SelectMultiple) for menu in menus)
    assert "Hold Ctrl" in box.children[0].value
    menus[0].value = ("x", "y")
    assert read() == {"A": ["x", "y"], "B": []}


@pytest.mark.parametrize("qid", by_kind("match"))
def test_a_match_widget_reads_a_dict_by_left_item(qid):
    box = question(qid)
    assert set(box.controls.read()) == set(ITEMS[qid]["left"])


def test_a_widget_records_in_its_own_attempts():
    mine = Attempts()
    # its own work too (answers are saved, issue 12): a question built for the
    # current student then has neither the attempt nor the saved answer
    tool = QuestionTool(bank()["q01_province"], attempts=mine, work=StudentWork("Someone Else"))
    tool.controls.input.value = tool.controls.input.options[1][1]
    tool.controls.check.click()
    assert mine.has_attempted("q01_province")
    assert not tool.controls.show_solution.disabled
    assert question("q01_province").controls.show_solution.disabled, "the session is untouched"
    tool.controls.show_solution.click()
    assert "The answer:" in tool.controls.feedback.value


def test_a_new_kind_reusing_a_shape_gets_a_widget_without_any_edit_in_views():
    class PickQuestion(Question, kind="pick_test", label="pick one"):
        def check(self, answer) -> Feedback:
            return Feedback(answer == "yes", "Checked.", status="correct" if answer else "wrong")

        def control(self) -> Control:
            return Control("radio", options=tuple(labelled(["yes", "no"])))

        def how(self) -> str:
            return "Pick one."

    try:
        item = dict(ITEMS["q01_province"], kind="pick_test", id="q01_province")
        tool = QuestionTool(PickQuestion(item), attempts=Attempts())
        assert isinstance(tool.controls.input, widgets.RadioButtons)
        tool.controls.input.value = "yes"
        assert tool.controls.read() == "yes"
    finally:
        REGISTRY.pop("pick_test")
