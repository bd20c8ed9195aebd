"""Restoring a hand-in elsewhere: merged, never overwriting newer work, refusing bad files."""

import json
import textwrap
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from helpers.model.coding import Coding
from helpers.model.coding_store import coding_path, load_coding, save_coding, saved_bytes
from helpers.model.handin import HandInError, hand_in_bytes, hand_in_content
from helpers.model.handin_restore import CLOCK_SLACK, restore_hand_in
from helpers.model.work import StudentWork, set_student_name, student_name, work_path
from tests.coding_cases import kill_when_replacing

PROJECT = Path(__file__).resolve().parents[2]
NAME = "Zhang San"


@pytest.fixture
def machines(tmp_path, monkeypatch):
    """Work folders "home", "lab" (and "library"); ``use(name)`` makes one the current computer."""
    folders = {name: tmp_path / name for name in ("home", "lab", "library")}
    for folder in folders.values():
        folder.mkdir()

    def use(name: str) -> Path:
        monkeypatch.setenv("LIAOYANG_WORK_DIR", str(folders[name]))
        return folders[name]

    return use


def stamp(hours: float) -> str:
    """A saved time ``hours`` from now (negative: in the past)."""
    return (datetime.now().astimezone() + timedelta(hours=hours)).isoformat()


def hand_in_with(answers: dict, notes: dict | None = None, student: str = NAME) -> bytes:
    """A hand-in whose entries have the given values and saved times: {id: (value, hours)}."""
    content = hand_in_content(student)
    content["work"]["answers"] = {
        qid: {"value": value, "correct": None, "feedback": "", "saved": stamp(hours), "revision": i}
        for i, (qid, (value, hours)) in enumerate(answers.items(), 1)
    }
    content["work"]["notes"] = {
        key: {"text": text, "saved": stamp(hours), "revision": 1}
        for key, (text, hours) in (notes or {}).items()
    }
    return json.dumps(content, ensure_ascii=False).encode("utf-8")


def set_saved(student: str, qid: str, hours: float) -> None:
    """Back-date (or forward-date) one answer's saved time in the work file here."""
    path = work_path(student)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"][qid]["saved"] = stamp(hours)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_hand_in_restores_into_a_fresh_work_folder_with_name_answers_notes_and_codes(machines):
    machines("home")
    work = StudentWork(NAME)
    work.save_answer("q01_slogan", "steady progress", correct=True, feedback="Right.")
    work.save_answer("q03_chain_order", ["P1.1", "P2.3"], correct=False, feedback="Not yet.")
    work.save_note("07_plan", "Start from P3.4; 稳步前进.")
    save_coding(Coding.new(NAME).set_code("P1.1", "lead").set_code("P2.3", "deviation-1"))
    raw = hand_in_bytes(NAME)

    machines("lab")
    assert student_name() is None
    result = restore_hand_in(raw, "handin.json")
    assert str(result) == ("Restored handin.json: added 2 answers and 1 note, 2 codes merged.")
    again = StudentWork(NAME)
    assert again.answer("q03_chain_order")["value"] == ["P1.1", "P2.3"]
    assert again.answer("q01_slogan")["feedback"] == "Right."
    assert again.note("07_plan") == "Start from P3.4; 稳步前进."
    assert {seg: code.tag for seg, code in load_coding(NAME).codes.items()} == {
        "P1.1": "lead",
        "P2.3": "deviation-1",
    }
    assert student_name() == NAME  # the fresh computer now knows who works here


def test_an_older_file_adds_what_is_missing_and_keeps_the_newer_answers_here(machines):
    machines("lab")
    set_student_name(NAME)
    work = StudentWork(NAME)
    work.save_answer("q01_slogan", "newer here")
    work.save_note("07_plan", "newer plan here")
    older = hand_in_with(
        {"q01_slogan": ("older there", -5), "q02_who_corrects": ("the bureau", -5)},
        {"07_plan": ("older plan", -5), "05_rendering": ("a rendering", -5)},
    )
    result = restore_hand_in(older, "old.json")
    assert str(result) == ("Restored old.json: added 1 answer and 1 note, kept 2 newer ones here.")
    assert work.answer("q01_slogan")["value"] == "newer here"
    assert work.note("07_plan") == "newer plan here"
    assert work.answer("q02_who_corrects")["value"] == "the bureau"
    assert work.note("05_rendering") == "a rendering"
    # A later save here still comes after the restored entries.
    saved = work.save_answer("q02_who_corrects", "changed")
    assert saved["revision"] > max(entry["revision"] for entry in work.notes().values())


def test_a_newer_file_replaces_older_answers_here(machines):
    machines("lab")
    work = StudentWork(NAME)
    work.save_answer("q01_slogan", "older here")
    set_saved(NAME, "q01_slogan", -3)
    result = restore_hand_in(hand_in_with({"q01_slogan": ("newer there", -1)}), "new.json", NAME)
    assert str(result) == "Restored new.json: updated 1 answer."
    assert work.answer("q01_slogan")["value"] == "newer there"


def test_a_time_in_the_future_never_wins_over_work_done_here(machines):
    machines("lab")
    work = StudentWork(NAME)
    work.save_answer("q01_slogan", "done here")
    ahead = hand_in_with(
        {"q01_slogan": ("clock ahead", 24 * 90), "q02_who_corrects": ("also ahead", 24 * 90)}
    )
    result = restore_hand_in(ahead, "ahead.json", NAME)
    assert work.answer("q01_slogan")["value"] == "done here"
    assert work.answer("q02_who_corrects")["value"] == "also ahead"  # missing here: added
    assert "kept 1 here whose copy in the file has a time in the future" in str(result)
    # Just within the slack (a few seconds of clock difference) the file's save still wins.
    within = CLOCK_SLACK.total_seconds() / 3600 / 2
    restore_hand_in(hand_in_with({"q01_slogan": ("a little ahead", within)}), "x.json", NAME)
    assert work.answer("q01_slogan")["value"] == "a little ahead"


def test_a_code_newer_here_is_kept_and_a_missing_one_is_added(machines):
    machines("home")
    save_coding(Coding.new(NAME).set_code("P1.1", "situation").set_code("P1.2", "lead"))
    raw = hand_in_bytes(NAME)
    machines("lab")
    time.sleep(0.01)
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    result = restore_hand_in(raw, "h.json", NAME)
    codes = load_coding(NAME).codes
    assert (codes["P1.1"].tag, codes["P1.2"].tag) == ("lead", "lead")
    assert str(result) == "Restored h.json: 1 code merged, 1 newer code(s) kept here."
    assert list(coding_path(NAME).parent.glob("work-Zhang_San-*.before-restore-*.json"))


def test_restoring_the_same_file_twice_adds_nothing_the_second_time(machines):
    machines("home")
    StudentWork(NAME).save_answer("q01_slogan", "x")
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    raw = hand_in_bytes(NAME)
    machines("lab")
    restore_hand_in(raw, "h.json", NAME)
    before = work_path(NAME).read_bytes()
    result = restore_hand_in(raw, "h.json", NAME)
    assert str(result) == "Restored h.json: nothing new (everything in it is here already)."
    assert work_path(NAME).read_bytes() == before


def test_a_bare_work_file_and_a_bare_coding_file_restore_too(machines):
    machines("home")
    StudentWork(NAME).save_answer("q01_slogan", "x")
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    work_raw, coding_raw = work_path(NAME).read_bytes(), saved_bytes(NAME)  # the download
    assert "codes" in json.loads(coding_raw) and "answers" not in json.loads(coding_raw)
    machines("lab")
    assert "1 code merged" in str(restore_hand_in(coding_raw, "coding.json", NAME))
    assert "added 1 answer" in str(restore_hand_in(work_raw, "work.json", NAME))
    machines("library")  # the work file alone brings the coding in it too
    assert str(restore_hand_in(work_raw, "work.json", NAME)).startswith(
        "Restored work.json: added 1 answer, 1 code merged"
    )
    assert load_coding(NAME).codes["P1.1"].tag == "lead"


def _files_here(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.mark.parametrize(
    ("raw", "reason", "words"),
    [
        (b'{"format": "liaoyang-1954-handin", "work": {"answ', "damaged", "download your hand-in"),
        (b"", "damaged", "download your hand-in again"),
        (b'{"name": "a shopping list"}', "foreign", "begins with handin-"),
        (b"[1, 2, 3]", "foreign", "begins with handin-"),
        (
            json.dumps({"format": "liaoyang-1954-handin", "version": 99, "work": {}}).encode(),
            "newer",
            "update the collection",
        ),
    ],
    ids=["cut short", "zero bytes", "foreign JSON", "a list", "newer format"],
)
def test_a_file_that_cannot_be_used_is_refused_and_nothing_changes(machines, raw, reason, words):
    folder = machines("lab")
    StudentWork(NAME).save_answer("q01_slogan", "mine")
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    before = _files_here(folder)
    with pytest.raises(HandInError) as refused:
        restore_hand_in(raw, "upload.json", NAME)
    assert refused.value.reason == reason
    assert str(refused.value).startswith("Nothing was restored: upload.json is ")
    assert words in str(refused.value)
    assert _files_here(folder) == before


def test_an_empty_hand_in_is_refused(machines):
    folder = machines("home")
    raw = hand_in_bytes(NAME)  # nothing saved yet
    machines("lab")
    StudentWork(NAME).save_answer("q01_slogan", "mine")
    before = _files_here(machines("lab"))
    with pytest.raises(HandInError, match="has no answers|empty") as refused:
        restore_hand_in(raw, "empty.json", NAME)
    assert refused.value.reason == "empty"
    assert _files_here(machines("lab")) == before
    assert folder.exists()


def test_another_students_or_another_articles_file_is_refused(machines):
    machines("home")
    StudentWork("Li Si").save_answer("q01_slogan", "hers")
    theirs = hand_in_bytes("Li Si")
    folder = machines("lab")
    set_student_name(NAME)
    StudentWork(NAME).save_answer("q01_slogan", "mine")
    before = _files_here(folder)
    with pytest.raises(HandInError, match="the work of 'Li Si', not of 'Zhang San'") as refused:
        restore_hand_in(theirs, "li.json")
    assert refused.value.reason == "other student"
    other = json.loads(hand_in_with({"q01_slogan": ("x", -1)}))
    other["article"] = other["work"]["article"] = "001_some_other_article"
    with pytest.raises(HandInError) as refused:
        restore_hand_in(json.dumps(other).encode(), "other.json")
    assert refused.value.reason == "other article"
    assert "restore it in the notebooks of that article" in str(refused.value)
    assert _files_here(folder) == before


def test_a_damaged_work_file_here_is_kept_aside_and_the_restore_brings_the_work_back(machines):
    folder = machines("lab")
    raw = hand_in_with({"q01_slogan": ("from the file", -1)})
    work_path(NAME).write_text('{"format": "liaoyang-1954-work", "answ', encoding="utf-8")
    result = restore_hand_in(raw, "h.json", NAME)
    assert "added 1 answer" in str(result)
    assert StudentWork(NAME).answer("q01_slogan")["value"] == "from the file"
    assert list(folder.glob("work-Zhang_San-*.broken-*.json"))


# ------------------------------------------------------------------ kill -9 in the middle

KILLED_RESTORE = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    os.environ["LIAOYANG_WORK_DIR"] = sys.argv[2]
    from helpers.model import storage
    real, calls = os.replace, [0]
    def replace(source, target):
        calls[0] += 1
        if calls[0] == int(sys.argv[3]):
            print("replacing", target, flush=True)
            time.sleep(60)
        real(source, target)
    os.replace = replace
    from helpers.model.handin_restore import restore_hand_in
    raw = open(sys.argv[4], "rb").read()
    print(restore_hand_in(raw, "h.json", "Zhang San"), flush=True)
    """
)


# The codes, answers and notes are written in one atomic write: one moment to be killed in.
@pytest.mark.parametrize("at_write", [1], ids=["writing the work file"])
def test_a_kill_in_the_middle_of_a_restore_leaves_the_work_whole(machines, tmp_path, at_write):
    machines("home")
    for number in range(30):
        StudentWork(NAME).save_answer(f"q{number:02d}_x", f"answer {number} " * 50)
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    upload = tmp_path / "h.json"
    upload.write_bytes(hand_in_bytes(NAME))
    folder = machines("lab")
    StudentWork(NAME).save_answer("q_here", "done here")
    save_coding(Coding.new(NAME).set_code("P1.2", "situation"))
    before = work_path(NAME).read_bytes()
    kill_when_replacing(KILLED_RESTORE, str(PROJECT), str(folder), str(at_write), upload)
    # The work file is whole: as it was (codes, answers and notes alike).
    assert work_path(NAME).read_bytes() == before
    assert json.loads(before)["answers"]["q_here"]["value"] == "done here"
    assert load_coding(NAME).codes["P1.2"].tag == "situation"
    # Restoring again (the lock the killed process left is taken over) finishes the job.
    started = time.monotonic()
    result = restore_hand_in(upload.read_bytes(), "h.json", NAME)
    assert time.monotonic() - started < 4
    assert "added 30 answers" in str(result)
    work = StudentWork(NAME)
    assert len(work.answers()) == 31
    assert set(load_coding(NAME).codes) == {"P1.1", "P1.2"}
    assert not list(folder.glob("*.broken-*"))


def test_entries_of_the_wrong_shape_are_left_out_and_the_rest_restored(machines):
    machines("lab")
    content = json.loads(hand_in_with({"q01_slogan": ("kept", -1)}))
    content["work"]["answers"]["q02_odd"] = "not an entry"
    content["work"]["answers"]["q03_no_time"] = {"value": "no saved time"}
    content["work"]["notes"] = ["not", "a", "dict"]
    result = restore_hand_in(json.dumps(content).encode(), "odd.json", NAME)
    assert str(result) == "Restored odd.json: added 2 answers."
    assert set(StudentWork(NAME).answers()) == {"q01_slogan", "q03_no_time"}
