"""The question widget: Check, Show solution after one attempt, the static form, escaping."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pytest

from helpers.exercises.attempts import reset_attempts
from helpers.views.question import question
from tests.exercises.question_cases import IDS, ITEMS, by_kind, wrong_answer


@pytest.fixture(autouse=True)
def fresh_attempts():
    reset_attempts()
    yield
    reset_attempts()


def fill(box, item: dict, answer) -> None:
    """Set the widget's controls to an answer, as a student would."""
    kind, inputs = item["kind"], box.controls.inputs
    if kind == "choice":
        box.controls.input.value = answer
    elif kind == "multi":
        for checkbox, option in zip(inputs, item["options"], strict=True):
            checkbox.value = option in answer
    elif kind == "order":
        for menu, value in zip(inputs, answer, strict=True):
            menu.value = value
    elif kind == "match":
        for menu, left in zip(inputs, item["left"], strict=True):
            chosen = answer.get(left, [])
            if isinstance(menu, widgets.SelectMultiple):
                menu.value = tuple(chosen)
            else:
                menu.value = chosen[0] if chosen else ""
    else:
        box.controls.input.value = str(answer)


@pytest.mark.parametrize("qid", IDS)
def test_the_widget_checks_and_unlocks_the_solution_after_one_attempt(qid):
    item = ITEMS[qid]
    box = question(qid)
    controls = box.controls
    assert controls.show_solution.disabled
    controls.check.click()  # nothing chosen yet: not an attempt
    assert controls.show_solution.disabled
    assert "Not yet" in controls.feedback.value
    fill(box, item, wrong_answer(item))
    controls.check.click()
    assert not controls.show_solution.disabled
    pane = html.unescape(controls.feedback.value)
    if item["open"]:
        assert "Open question" in pane
    else:
        assert ("Not yet" in pane or "Partly" in pane) and item["explanation"] not in pane
        controls.show_solution.click()
        assert item["explanation"] in html.unescape(controls.feedback.value)
        fill(box, item, item["answer"])
        controls.check.click()
        pane = html.unescape(controls.feedback.value)
        assert "Correct" in pane and item["explanation"] in pane


@pytest.mark.parametrize("qid", IDS)
def test_the_static_form_shows_the_prompt_and_choices_but_not_the_answer(qid):
    item = ITEMS[qid]
    static = html.unescape(question(qid).static_html())
    assert item["prompt"] in static
    for choice in item["options"] or item["items"] or item["left"] or []:
        assert choice in static
    assert item["explanation"] not in static
    if item["kind"] == "text":
        assert item["answer"] not in static
    assert "<script" not in static


@pytest.mark.parametrize("qid", by_kind("text") + by_kind("number"))
def test_typed_html_never_reaches_the_widget_unescaped(qid):
    box = question(qid)
    box.controls.input.value = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    box.controls.check.click()
    assert "<script" not in box.controls.feedback.value
    assert "<img" not in box.controls.feedback.value


def test_a_huge_typed_answer_is_handled():
    box = question("q05_qushang")
    box.controls.input.value = "district " * 50_000
    box.controls.check.click()
    assert "Correct" in box.controls.feedback.value


def test_an_unknown_question_id_shows_how_to_find_ids():
    box = question("nope")
    assert "question_ids()" in html.unescape(box.static_html())
