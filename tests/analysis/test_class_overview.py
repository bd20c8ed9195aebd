"""A simulated class of 30, made here and never committed: the overview's every figure and file.

The class hands in the way a real one does: partial work, duplicates (a
second download, an older copy), renamed files (one in a sub-folder), a
foreign file, an empty one, a damaged one (cut short), one of another
article, one from a newer version, a folder and a pipe among the files; the
class list has a student who never handed in, and one hand-in is from a
student not on the list. The expected figures are computed here, from what
each student's newest copy holds, independently of the overview's code.
"""

from __future__ import annotations

import csv
import json
import os
import random
from collections import Counter, defaultdict

import pandas as pd
import pytest

import helpers
from helpers.analysis.class_folder import name_key, read_class_folder, read_class_list
from helpers.analysis.class_work import spreadsheet_safe
from helpers.model.coding import Coding
from helpers.model.coding_store import save_coding
from helpers.model.handin import hand_in_bytes
from helpers.model.tables import segments
from helpers.model.work import StudentWork
from helpers.render.class_overview import ClassOverview

#: The marked questions: (id, right answer, wrong answers to draw from).
MARKED = {
    "q05_niuju": (
        "Inflating the rate charged for draught teams",
        ["Raising the prices of cattle", "Raising the price of beef", "Breeding more cattle"],
    ),
    "q03_chain_order": (["P2.3", "P2.4", "P2.5"], [["P2.5", "P2.3", "P2.4"], ["P2.4", "P2.3"]]),
    "q04_own_accord": ("consciously", ["of their own accord", '=HYPERLINK("x")', "forced"]),
}
OPEN = "q03_two_or_three"
ARTICLE = "000_de9b3e9f03d8f077"


def _name(number: int) -> str:
    return f"Student {number:02d}"


def _answer(work: StudentWork, question: str, rng: random.Random, right: bool) -> dict:
    answer, wrongs = MARKED[question]
    value = answer if right else rng.choice(wrongs)
    hint = "" if right else f"Hint for {json.dumps(value, ensure_ascii=False)}"
    work.save_answer(question, value, correct=right, feedback=hint)
    return {"value": value, "correct": right, "hint": hint}


def _code(student: str, rng: random.Random, how_many: int) -> None:
    coding = Coding.new(student)
    moves = ["lead", "situation", "deviation-1", "deviation-2", "middle-peasants", "correction"]
    for row in segments().head(how_many).itertuples():
        tag = row.move if rng.random() < 0.8 else rng.choice(moves)
        coding.set_code(row.seg_id, tag, note="<b>why</b>" if rng.random() < 0.1 else "")
    save_coding(coding)


@pytest.fixture
def simulated_class(tmp_path):
    """The folder, the class list, and what the overview must find (files' reasons, answers)."""
    rng = random.Random(12)
    folder, expected_reason, final = tmp_path / "hand-ins", {}, {}
    (folder / "week7").mkdir(parents=True)

    def hand_in(student, file_name, article=None):
        (folder / file_name).write_bytes(hand_in_bytes(student, article))

    for number in range(1, 30):  # Student 30 never hands in
        student = _name(number)
        work, answers = StudentWork(student), {}
        for question in MARKED:
            if number % 5 == 0 and question == "q04_own_accord":
                continue  # partial work: some leave a question out
            answers[question] = _answer(work, question, rng, rng.random() < 0.6)
        if number % 3:
            text = f"My reading {number}" if number != 4 else "@SUM(A1)"
            work.save_answer(OPEN, text, correct=None, feedback="Open: discuss it.")
            answers[OPEN] = {"value": text, "correct": None, "hint": ""}
        if number % 4:
            _code(student, rng, 19 if number % 7 else 10)  # some code only 10 of 19
        if number in (5, 6):  # an older copy first: a second download later
            work.save_answer("q05_niuju", "OLDER COPY", correct=False, feedback="older")
            hand_in(student, f"handin-Student_{number:02d} (1).json")
            expected_reason[f"handin-Student_{number:02d} (1).json"] = "duplicate"
            answers["q05_niuju"] = _answer(work, "q05_niuju", rng, number == 5)
        name = {1: "Tom_Berg_week7.json", 2: "week7/Student 02.json"}.get(number)
        name = name or f"handin-{student.replace(' ', '_')}-{ARTICLE}.json"
        hand_in(student, name)
        expected_reason[name] = ""
        final[student] = answers
    # the same copy twice, one with an earlier "made": the later one is kept
    same = json.loads((folder / f"handin-Student_07-{ARTICLE}.json").read_bytes())
    same["made"] = "2020-01-01T00:00:00+00:00"
    (folder / "Student_07 copy.json").write_text(json.dumps(same), encoding="utf-8")
    expected_reason["Student_07 copy.json"] = "duplicate"
    # a student not on the list, whose name is spelt with other case and spaces than Student 08
    StudentWork("Visitor  X").save_answer("q05_niuju", "Raising the price of beef", correct=False)
    hand_in("Visitor  X", "visitor.json")
    expected_reason["visitor.json"] = ""
    final["Visitor X"] = {"q05_niuju": {"value": "Raising the price of beef", "correct": False,
                                        "hint": ""}}  # fmt: skip
    # strays
    StudentWork("Student 09", "001_another_article").save_answer("q05_niuju", "x", correct=False)
    hand_in("Student 09", "Student_09_other.json", "001_another_article")
    good = hand_in_bytes("Student 10")
    strays = {
        "foreign.json": (b'{"hello": "world"}', "foreign"),
        "list.JSON": (b"[1, 2, 3]", "foreign"),
        "empty.json": (b"", "empty"),
        "week7/cut short.json": (good[: len(good) // 2], "damaged"),
        "newer.json": (json.dumps({"format": "liaoyang-1954-handin", "version": 99}).encode(),
                       "newer"),
        "nothing saved.json": (hand_in_bytes("Student 31"), "empty"),
    }  # fmt: skip
    for name, (raw, reason) in strays.items():
        (folder / name).write_bytes(raw)
        expected_reason[name] = reason
    expected_reason["Student_09_other.json"] = "other article"
    (folder / "week7" / "a folder.json").mkdir()
    expected_reason["week7/a folder.json"] = "foreign"
    os.mkfifo(folder / "pipe.json")
    expected_reason["pipe.json"] = "foreign"
    (folder / "notes.txt").write_text("not a hand-in", encoding="utf-8")  # not *.json: not read
    class_list = tmp_path / "class.txt"
    names = [_name(number) for number in range(1, 31)]
    names[7] = "  student   08 "  # case and spaces do not count
    class_list.write_text("# Seminar B\n" + "\n".join(names) + "\n\n", encoding="utf-8")
    return folder, class_list, expected_reason, final


def _overview(simulated_class) -> ClassOverview:
    folder, class_list, _, _ = simulated_class
    overview = helpers.class_overview(str(folder), class_list=str(class_list))
    assert isinstance(overview, ClassOverview), overview
    return overview


def test_every_file_is_used_or_listed_with_its_reason(simulated_class):
    _, _, expected_reason, _ = simulated_class
    files = _overview(simulated_class).files
    assert dict(zip(files["file"], files["reason"], strict=True)) == expected_reason
    assert files["used"].sum() == 30  # 29 students of the list and the visitor
    for row in files[~files["used"]].itertuples():
        assert row.detail.startswith(row.file) and row.detail.endswith("."), row


def test_the_newest_copy_of_a_duplicate_is_the_one_used(simulated_class):
    folder, _, _, final = simulated_class
    found = read_class_folder(folder)
    by_student = {hand_in.student: hand_in for hand_in in found.hand_ins}
    for student in ("Student 05", "Student 06", "Student 07"):
        kept = by_student[student]
        assert kept.answers["q05_niuju"]["value"] == final[student]["q05_niuju"]["value"]
    assert by_student["Student 07"].source == f"handin-Student_07-{ARTICLE}.json"
    assert "OLDER COPY" not in set(_overview(simulated_class).wrong["answer"])


def test_who_handed_in_against_the_class_list(simulated_class):
    table = _overview(simulated_class).roster.set_index("student")
    assert list(table.index[~table["handed in"]]) == ["Student 30"]
    assert table.loc["Student 30", "on the list"]
    assert table.loc["Visitor X", "on the list"] == False  # noqa: E712 (not on the list, not unknown)
    assert table.loc["Visitor X", "handed in"]
    assert table.loc["Student 08", "handed in"] and table.loc["Student 08", "on the list"]
    assert len(table) == 31
    summary = _overview(simulated_class).summary()
    assert "missing from the class list: Student 30" in summary
    assert "not on the class list: Visitor X" in summary


def _expected_questions(final):
    answered, right, wrong = Counter(), Counter(), defaultdict(Counter)
    hints = defaultdict(set)
    for answers in final.values():
        for question, entry in answers.items():
            answered[question] += 1
            if entry["correct"]:
                right[question] += 1
            elif entry["correct"] is False:
                value = entry["value"]
                text = " → ".join(value) if isinstance(value, list) else value
                wrong[question][text] += 1
                if entry["hint"]:
                    hints[(question, text)].add(entry["hint"])
    return answered, right, wrong, hints


def test_the_share_right_and_the_wrong_answers_match_an_independent_count(simulated_class):
    _, _, _, final = simulated_class
    overview = _overview(simulated_class)
    answered, right, wrong, hints = _expected_questions(final)
    table = overview.questions.set_index("question")
    assert set(table.index) == set(answered)
    for question in MARKED:
        row = table.loc[question]
        assert row["answered"] == answered[question]
        assert row["not answered"] == 30 - answered[question]
        assert row["right"] == right[question]
        assert row["share right (%)"] == round(100 * right[question] / answered[question], 1)
        commonest = sorted(wrong[question].items(), key=lambda item: (-item[1], item[0]))[:3]
        named = [f"{text} ({n})" for text, n in commonest]
        assert row["common wrong answers"] == "; ".join(named)
    assert table.loc[OPEN, "open"] and table.loc[OPEN, "answered"] == answered[OPEN]
    assert pd.isna(table.loc[OPEN, "share right (%)"]) and pd.isna(table.loc[OPEN, "right"])
    listed = overview.wrong
    for question in MARKED:
        rows = listed[listed["question"] == question]
        assert dict(zip(rows["answer"], rows["students"], strict=True)) == dict(wrong[question])
        assert list(rows["students"]) == sorted(rows["students"], reverse=True)
        for row in rows.itertuples():
            assert set(filter(None, row.hint.split(" / "))) == hints[(question, row.answer)]
            assert len(row.who.split(", ")) == row.students


def test_the_open_answers_are_side_by_side_one_row_per_student(simulated_class):
    _, _, _, final = simulated_class
    table = _overview(simulated_class).open
    rows = table[table["question"] == OPEN]
    expected = {s: a[OPEN]["value"] for s, a in final.items() if OPEN in a}
    assert dict(zip(rows["student"], rows["answer"], strict=True)) == expected
    assert list(rows["student"]) == sorted(rows["student"])


def test_the_agreement_uses_the_kept_copies_codings_and_the_reference(simulated_class):
    _, _, _, final = simulated_class
    overview = _overview(simulated_class)
    coders = [name for name in final if name.startswith("Student") and int(name[-2:]) % 4]
    assert overview.agreement is not None, overview.agreement_note
    assert sorted(overview.agreement.coders) == sorted([*coders, "reference"])


def test_the_overview_shows_as_escaped_html_and_text(simulated_class):
    overview = _overview(simulated_class)
    html = overview._repr_html_()
    assert "<b>why</b>" not in html and "&lt;b&gt;why&lt;/b&gt;" in html
    assert "Student 30" in html and "cut short.json" in html and "ly-table" in html
    assert "DataFrame" not in repr(overview) and "dtype" not in html
    for part in overview.parts():
        assert overview.show(part)._repr_html_().count("<h4>") >= 1


def test_the_csv_export_is_safe_in_a_spreadsheet(simulated_class, tmp_path):
    overview = _overview(simulated_class)
    paths = overview.export_csv(tmp_path / "out")
    assert {path.stem.rsplit("-", 1)[-1] for path in paths} >= {"students", "questions", "files"}
    cells = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert "'@SUM(A1)" in cells and "@SUM(A1)" not in cells
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not [cell for cell in cells if cell[:1] in "=+-@" and cell]
    assert spreadsheet_safe("+1") == "'+1" and spreadsheet_safe("plain") == "plain"


def test_a_missing_folder_or_class_list_says_what_to_do(tmp_path):
    notice = helpers.class_overview(tmp_path / "nowhere")
    assert "There is no folder" in repr(notice) and "Traceback" not in repr(notice)
    notice = helpers.class_overview(tmp_path, class_list=tmp_path / "none.txt")
    assert "There is no class list" in repr(notice)


def test_a_class_list_as_csv_uses_its_name_column(tmp_path):
    path = tmp_path / "class.csv"
    path.write_text("id,Name\n1,Nina Roy\n2, Tom  Berg\n", encoding="utf-8")
    assert read_class_list(path) == ["Nina Roy", "Tom Berg"]
    assert name_key("TOM berg") == name_key(read_class_list(path)[1])


def test_without_a_folder_the_example_folder_is_read_and_said(tmp_path):
    overview = helpers.class_overview()
    assert any("example folder" in note for note in overview.notes)
    assert list(overview.not_used["reason"]) == ["duplicate"]
    assert overview.agreement is not None


def test_a_work_folder_copied_whole_gives_one_student_with_answers_and_coding(tmp_path):
    import shutil

    from helpers.model.coding_store import coding_path
    from helpers.model.work import work_path

    StudentWork("Nina Roy").save_answer("q05_niuju", "Raising the price of beef", correct=False)
    save_coding(Coding.new("Nina Roy").set_code("P1.1", "lead"))
    folder = tmp_path / "hub"
    folder.mkdir()
    for path in (work_path("Nina Roy"), coding_path("Nina Roy")):
        shutil.copy(path, folder / path.name)
    found = read_class_folder(folder)
    assert found.files["used"].all() and len(found.hand_ins) == 1
    (nina,) = found.hand_ins
    assert nina.answers["q05_niuju"]["value"] == "Raising the price of beef"
    assert nina.coding.codes["P1.1"].tag == "lead"


def test_odd_but_readable_files_do_not_stop_the_overview(tmp_path):
    odd = {"format": "liaoyang-1954-handin", "version": 1, "student": "", "made": 5,
           "work": {"revision": "abc", "answers": {"q05_niuju": {"value": {"a": [1]}},
                                                   "q01_slogan": "not an entry"}}}  # fmt: skip
    (tmp_path / "odd.json").write_text(json.dumps(odd), encoding="utf-8")
    (tmp_path / "odd2.json").write_text(json.dumps(odd), encoding="utf-8")
    overview = helpers.class_overview(tmp_path)
    assert isinstance(overview, ClassOverview), overview
    assert overview.found.students == ["(no name: odd.json)", "(no name: odd2.json)"]
    assert "a: 1" in overview.html()
