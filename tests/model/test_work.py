"""A student's work file: saved as given, nothing lost to a second process, a crash or a clock."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers.model.storage import SaveFileError
from helpers.model.work import (
    FORMAT_NAME,
    StudentWork,
    WorkFileError,
    plain,
    set_student_name,
    student_name,
    work_path,
)

PROJECT = Path(__file__).resolve().parents[2]


def test_a_name_given_once_is_known_later(isolated_work_dir):
    assert student_name() is None
    assert set_student_name("  Zhang   San ") == "Zhang San"
    assert student_name() == "Zhang San"
    assert json.loads((isolated_work_dir / "student.json").read_text(encoding="utf-8"))["name"] == (
        "Zhang San"
    )


def test_an_empty_name_is_refused_with_what_to_do():
    with pytest.raises(ValueError, match="Type your name"):
        set_student_name("   ")
    with pytest.raises(ValueError, match="Give your name"):
        StudentWork("")


def test_a_damaged_name_file_asks_again(isolated_work_dir):
    (isolated_work_dir / "student.json").write_text("{broken", encoding="utf-8")
    assert student_name() is None
    assert list(isolated_work_dir.glob("student.broken-*.json"))


def test_every_kind_of_answer_is_saved_and_read_back():
    work = StudentWork("Li Si")
    work.save_answer("q_choice", "b", correct=False, feedback="Look at P2.5.")
    work.save_answer("q_multi", ("a", "c"), correct=True)
    work.save_answer("q_match", {"1": "deviation-1", "2": "deviation-2"})
    work.save_answer("q_number", 19, correct=True)
    work.save_answer("q_text", "他们说：“你们明年再搞吧！”")
    again = StudentWork("Li Si").answers()
    assert again["q_choice"]["value"] == "b" and again["q_choice"]["correct"] is False
    assert again["q_choice"]["feedback"] == "Look at P2.5."
    assert again["q_multi"]["value"] == ["a", "c"]
    assert again["q_match"]["value"] == {"1": "deviation-1", "2": "deviation-2"}
    assert again["q_number"]["value"] == 19
    assert again["q_text"]["value"] == "他们说：“你们明年再搞吧！”"


def test_the_last_answer_given_is_the_one_kept_whatever_the_clock():
    work = StudentWork("Wang Wu")
    first = work.save_answer("q", "first")
    second = work.save_answer("q", "second")
    assert second["revision"] > first["revision"]
    assert work.answer("q")["value"] == "second"


def test_work_is_kept_per_student_and_per_article():
    StudentWork("A").save_note("n", "a's note")
    StudentWork("B").save_note("n", "b's note")
    StudentWork("A", "other_article").save_note("n", "a's other note")
    assert StudentWork("A").note("n") == "a's note"
    assert StudentWork("B").note("n") == "b's note"
    assert StudentWork("A", "other_article").note("n") == "a's other note"
    assert work_path("A") != work_path("A", "other_article")


def test_a_file_of_another_article_is_refused(isolated_work_dir):
    work = StudentWork("A")
    work.save_note("n", "x")
    data = json.loads(work.path.read_text(encoding="utf-8"))
    data["article"] = "another"
    work.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkFileError, match="another article"):
        work.notes()


def test_a_newer_format_is_refused_and_kept():
    work = StudentWork("A")
    work.path.parent.mkdir(parents=True, exist_ok=True)
    work.path.write_text(json.dumps({"format": FORMAT_NAME, "version": 99}), encoding="utf-8")
    with pytest.raises(WorkFileError, match="newer version"):
        work.answers()
    assert json.loads(work.path.read_text(encoding="utf-8"))["version"] == 99


def test_a_damaged_file_is_copied_aside_and_saving_goes_on(isolated_work_dir):
    work = StudentWork("A")
    work.path.parent.mkdir(parents=True, exist_ok=True)
    work.path.write_text("{half a file", encoding="utf-8")
    with pytest.raises(SaveFileError, match="copy was kept"):
        work.answers()
    work.save_answer("q", "after")
    assert work.answer("q")["value"] == "after"
    kept = [p.read_text(encoding="utf-8") for p in isolated_work_dir.glob("*.broken-*")]
    assert "{half a file" in kept


def test_plain_turns_numpy_values_into_json():
    numpy = pytest.importorskip("numpy")
    assert plain({"n": numpy.int64(3), "x": [numpy.float64(0.5)]}) == {"n": 3, "x": [0.5]}
    json.dumps(plain({"n": numpy.int64(3)}))


SAVER = textwrap.dedent(
    """
    import sys
    from helpers.model.work import StudentWork
    name, count = sys.argv[1], int(sys.argv[2])
    work = StudentWork("Shared Student")
    for number in range(count):
        work.save_answer(f"{name}-{number}", number)
        print(number, flush=True)
    """
)


def _saver(name: str, count: int, work_folder: Path) -> subprocess.Popen:
    env = {**os.environ, "LIAOYANG_WORK_DIR": str(work_folder), "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, name, str(count)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_processes_saving_one_students_work_lose_nothing(isolated_work_dir):
    savers = [_saver(name, 40, isolated_work_dir) for name in ("tab1", "tab2")]
    for saver in savers:
        assert saver.wait(timeout=120) == 0
    answers = StudentWork("Shared Student").answers()
    assert {f"tab1-{n}" for n in range(40)} | {f"tab2-{n}" for n in range(40)} == set(answers)
    revisions = sorted(entry["revision"] for entry in answers.values())
    assert revisions == list(range(1, 81))


def test_a_kill_in_the_middle_of_saving_keeps_every_confirmed_save(isolated_work_dir):
    saver = _saver("crash", 100_000, isolated_work_dir)
    confirmed = -1
    deadline = time.monotonic() + 60
    while confirmed < 30 and time.monotonic() < deadline:
        confirmed = int(saver.stdout.readline())
    saver.send_signal(signal.SIGKILL)
    saver.wait(timeout=30)
    answers = StudentWork("Shared Student").answers()  # the file is whole, not half-written
    assert {f"crash-{n}" for n in range(confirmed + 1)} <= set(answers)
    StudentWork("Shared Student").save_answer("after", 1)  # a lock left by the kill is taken over
    assert StudentWork("Shared Student").answer("after")["value"] == 1
