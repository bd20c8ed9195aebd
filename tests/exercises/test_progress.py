"""Progress in one call: answered questions per notebook, from the saved work."""

from __future__ import annotations

import pytest

from helpers.exercises.bank import NOTEBOOKS, question_ids
from helpers.exercises.progress import progress
from helpers.exercises.questions import check
from helpers.exercises.saved import save_checked
from helpers.model.work import StudentWork, set_student_name
from tests.exercises.question_cases import ITEMS, wrong_answer


def answer(work, qid, value):
    save_checked(work, qid, value, check(qid, value))


def test_progress_counts_the_answers_of_one_notebook():
    set_student_name("Li Si")
    work = StudentWork("Li Si")
    ids = question_ids("03")
    answer(work, ids[0], wrong_answer(ITEMS[ids[0]]))
    answer(work, ids[1], wrong_answer(ITEMS[ids[1]]))
    report = progress("03")
    assert report.sentence.startswith(f"2 of {len(ids)} answered in 03")
    assert report.table.to_dict("records")[0]["answered"] == 2
    assert ids[0] not in report.rows[0]["missing"] and ids[2] in report.rows[0]["missing"]
    assert "2 of" in report._repr_html_()


def test_progress_of_the_series_has_a_row_per_notebook():
    work = StudentWork("Wang Wu")
    answer(work, "q00_segment_count", "19")
    report = progress(work=work)
    assert list(report.table.notebook) == [name[:2] for name in NOTEBOOKS]
    assert report.questions == len(question_ids())
    assert report.answered == 1 and "(1 right)" in report.sentence
    assert "00: 1 of" in str(report)


def test_progress_before_a_name_counts_the_placeholders_work():
    answer(StudentWork("no-name-yet"), "q00_segment_count", "19")
    assert progress("00").answered == 1


def test_progress_escapes_and_refuses_an_unknown_notebook():
    with pytest.raises(ValueError, match="Unknown notebook"):
        progress("99")
