"""Work saved before a name is given moves to the name; nothing the name has is overwritten."""

from __future__ import annotations

from helpers.model.work import (
    PLACEHOLDER,
    StudentWork,
    current_work,
    move_placeholder_work,
    set_student_name,
)


def test_current_work_is_the_placeholder_until_a_name_is_given():
    assert current_work().student == PLACEHOLDER
    set_student_name("Li Si")
    assert current_work().student == "Li Si"


def test_the_placeholders_work_fills_the_gaps_and_never_overwrites(isolated_work_dir):
    named = StudentWork("Li Si")
    named.save_answer("q1", "named answer", correct=True)
    early = StudentWork(PLACEHOLDER)
    early.save_answer("q1", "early answer", correct=False)
    early.save_answer("q2", "only early", correct=None, details={"status": "open"})
    early.save_note("07_plan", "my plan")
    set_student_name("Li Si")
    answers = StudentWork("Li Si").answers()
    assert answers["q1"]["value"] == "named answer"
    assert answers["q2"]["value"] == "only early" and answers["q2"]["status"] == "open"
    assert StudentWork("Li Si").note("07_plan") == "my plan"
    assert list(isolated_work_dir.glob("*.moved")), "the placeholder's file is kept aside"
    assert move_placeholder_work("Li Si") == []


def test_a_damaged_placeholder_file_is_left_and_the_name_still_saved(isolated_work_dir):
    StudentWork(PLACEHOLDER).path.write_text("{broken", encoding="utf-8")
    assert set_student_name("Li Si") == "Li Si"
    assert StudentWork("Li Si").answers() == {}


def test_answer_details_are_kept_beside_the_value():
    entry = StudentWork("Li Si").save_answer("q", 19, correct=True, details={"hint": "x"})
    assert entry["hint"] == "x" and entry["value"] == 19 and entry["correct"] is True
