"""Issue 12's last point: every code saved as given, in the one work file per student and article.

Also the one rule for two copies of one student's work (``handin.latest_copy``), used by
the class overview and the agreement alike.
"""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers.analysis.class_codings import read_codings, usable_codings
from helpers.analysis.class_folder import one_student, read_class_folder
from helpers.model.coding import Coding, file_content, new_coding, set_code
from helpers.model.coding_store import (
    coding_path,
    load_coding,
    old_coding_path,
    save_coding,
    saved_bytes,
    saved_coding_data,
)
from helpers.model.handin import (
    HandIn,
    copy_age,
    hand_in_bytes,
    hand_in_content,
    latest_copy,
    read_hand_in,
)
from helpers.model.storage import SaveFileError
from helpers.model.work import StudentWork, work_path
from helpers.views.annotator import annotator
from tests.coding_cases import backups, kill_when_replacing

PROJECT = Path(__file__).resolve().parents[2]
NAME = "Zhang San"


def work_file(name=NAME, article=None) -> dict:
    return json.loads(coding_path(name, article).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- one work file


def test_codes_answers_and_notes_share_one_work_file_and_one_revision_counter(isolated_work_dir):
    work = StudentWork(NAME)
    work.save_answer("q01_slogan", "steady progress", correct=True)
    save_coding(set_code(new_coding(NAME), "P1.1", "lead", "high", "the dateline"))
    work.save_note("07_plan", "Start from P3.4.")
    save_coding(set_code(load_coding(NAME), "P1.2", "situation"))
    assert [path.name for path in isolated_work_dir.iterdir()] == [work_path(NAME).name]
    data = work_file()
    assert data["revision"] == 4
    revisions = [
        data["answers"]["q01_slogan"]["revision"],
        data["coding"]["codes"]["P1.1"]["revision"],
        data["notes"]["07_plan"]["revision"],
        data["coding"]["codes"]["P1.2"]["revision"],
    ]
    assert revisions == [1, 2, 3, 4]
    assert data["coding"]["codes"]["P1.1"]["note"] == "the dateline"
    assert work.answer("q01_slogan")["value"] == "steady progress"  # answers untouched


def test_a_save_writes_only_the_code_that_changed(isolated_work_dir):
    coding = set_code(set_code(new_coding(NAME), "P1.1", "lead"), "P1.2", "lead")
    save_coding(coding)
    first = work_file()["coding"]["codes"]
    save_coding(set_code(coding, "P1.2", "situation"))
    second = work_file()["coding"]["codes"]
    assert second["P1.1"] == first["P1.1"]  # not written again
    assert second["P1.2"]["revision"] == 3 and second["P1.2"]["tag"] == "situation"


def test_an_old_coding_file_is_folded_in_on_first_load_and_never_lost(isolated_work_dir):
    old = file_content(set_code(set_code(new_coding(NAME), "P1.1", "lead"), "P2.1", "correction"))
    text = json.dumps(old)
    old_coding_path(NAME).write_text(text, encoding="utf-8")
    save_coding(set_code(new_coding(NAME), "P1.1", "situation"))  # saved here since: kept
    coding = load_coding(NAME)
    assert {seg: code.tag for seg, code in coding.codes.items()} == {
        "P1.1": "situation",
        "P2.1": "correction",
    }
    moved = backups(isolated_work_dir, ".moved")
    assert [path.name for path in moved] == ["coding-Zhang_San.json.moved"]
    assert moved[0].read_text(encoding="utf-8") == text
    assert not old_coding_path(NAME).exists()


def test_an_old_coding_file_is_folded_into_the_hand_in_without_opening_the_annotator():
    StudentWork(NAME).save_answer("q01_slogan", "x")
    old = {"coder": NAME, "codes": {"P1.1": "lead"}}  # version 1
    old_coding_path(NAME).write_text(json.dumps(old), encoding="utf-8")
    content = hand_in_content(NAME)
    assert content["coding"]["codes"]["P1.1"]["tag"] == "lead"
    assert "coding" not in content["work"]  # the coding goes beside, once
    hand_in = read_hand_in(hand_in_bytes(NAME))
    assert hand_in.coding.codes["P1.1"].tag == "lead" and hand_in.answers


def test_a_damaged_old_coding_file_is_copied_aside_and_the_annotator_goes_on(isolated_work_dir):
    old_coding_path(NAME).write_text('{"coder": "Zhang San", "codes": {', encoding="utf-8")
    with pytest.raises(SaveFileError) as caught:
        load_coding(NAME)
    copies = backups(isolated_work_dir, ".broken-")
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8").endswith("{")
    assert copies[0].name in str(caught.value)
    box = annotator(NAME)
    box.controls.tag.value = "lead"
    assert saved_coding_data(NAME)["codes"]["P1.1"]["tag"] == "lead"
    assert len(backups(isolated_work_dir, ".broken-")) == 1


def test_the_download_is_a_coding_file_a_student_can_hand_in_alone(tmp_path):
    coding = set_code(new_coding(NAME), "P1.1", "lead", "high", "why")
    save_coding(coding)
    StudentWork(NAME).save_answer("q01_slogan", "x")
    raw = saved_bytes(NAME)
    data = json.loads(raw)
    assert data["format"] == "liaoyang-coding" and data["revision"] == 2
    assert "answers" not in data
    hand_in = read_hand_in(raw, "coding-Zhang_San.json")
    assert hand_in.kind == "coding" and hand_in.revision == 2
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "mine (1).json").write_bytes(raw)
    found = read_class_folder(tmp_path / "class")
    assert [h.student for h in found.hand_ins] == [NAME]
    assert found.hand_ins[0].coding.codes["P1.1"].note == "why"


# ---------------------------------------------------------------- kill -9 and two processes

KILLED_SAVE = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    os.environ["LIAOYANG_WORK_DIR"] = sys.argv[2]
    real = os.replace
    def replace(source, target):
        print("replacing", target, flush=True)
        time.sleep(60)  # killed here, the new file written but not yet in place
        real(source, target)
    from helpers.model.coding import set_code
    from helpers.model.coding_store import load_coding, save_coding
    coding = set_code(load_coding("Zhang San"), "P1.2", "situation", "high", "never saved")
    os.replace = replace
    save_coding(coding)
    """
)


def test_a_kill_9_in_the_middle_of_a_coding_save_leaves_the_work_file_whole(isolated_work_dir):
    StudentWork(NAME).save_answer("q01_slogan", "steady progress " * 200)
    save_coding(set_code(new_coding(NAME), "P1.1", "lead"))
    before = work_path(NAME).read_bytes()
    kill_when_replacing(KILLED_SAVE, str(PROJECT), str(isolated_work_dir))
    assert work_path(NAME).read_bytes() == before  # the previous save, whole
    assert set(load_coding(NAME).codes) == {"P1.1"}
    started = time.monotonic()
    save_coding(set_code(load_coding(NAME), "P1.3", "situation"))  # the dead lock is taken over
    assert time.monotonic() - started < 4
    data = work_file()
    assert set(data["coding"]["codes"]) == {"P1.1", "P1.3"}
    assert data["answers"]["q01_slogan"]["value"].startswith("steady progress")


BUSY_STUDENT = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    os.environ["LIAOYANG_WORK_DIR"] = sys.argv[2]
    from helpers.model.coding import set_code
    from helpers.model.coding_store import load_coding, save_coding
    from helpers.model.work import StudentWork
    while not os.path.exists(sys.argv[4]):
        time.sleep(0.01)
    me = sys.argv[3]
    work = StudentWork("Zhang San")
    coding = load_coding("Zhang San")
    for number in range(12):
        if me == "coder":
            save_coding(set_code(coding, f"P{number % 4 + 1}.{number // 4 + 1}", "lead"))
        else:
            work.save_answer(f"q{number:02d}_x", f"answer {number}")
            save_coding(set_code(load_coding("Zhang San"), f"P5.{number + 1}", "situation"))
    """
)


def test_two_processes_saving_codes_and_answers_for_one_student_lose_nothing(isolated_work_dir):
    go = isolated_work_dir.parent / f"{isolated_work_dir.name}-go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BUSY_STUDENT, str(PROJECT), str(isolated_work_dir), me, go]
        )
        for me in ("coder", "answerer")
    ]
    time.sleep(0.5)
    go.write_text("go", encoding="utf-8")
    for process in processes:
        assert process.wait(timeout=240) == 0
    data = work_file()
    codes = data["coding"]["codes"]
    assert len(codes) == 24 and len(data["answers"]) == 12
    assert {codes[f"P5.{n + 1}"]["tag"] for n in range(12)} == {"situation"}
    assert data["revision"] == 36  # every save counted once: none lost, none doubled
    revisions = [entry["revision"] for entry in [*codes.values(), *data["answers"].values()]]
    assert len(set(revisions)) == len(revisions)
    assert not list(isolated_work_dir.glob(".*.lock"))


# ---------------------------------------------------------------- one rule for two copies


def hand_in_of(revision, made, codes=()):
    coding = Coding.new(NAME)
    for seg_id in codes:
        coding.set_code(seg_id, "lead")
    work = {"revision": revision, "answers": {"q": {"value": "x"}}}
    return HandIn(NAME, coding.article, work, coding, f"r{revision}.json", "hand-in", made)


def test_more_saves_beat_a_clock_that_was_ahead():
    later = hand_in_of(5, "2026-01-01T10:00:00+00:00", ["P1.1"])
    ahead = hand_in_of(3, "2099-01-01T10:00:00+00:00", ["P1.1", "P1.2"])
    assert latest_copy([ahead, later]) == (later, [ahead])
    assert copy_age(later) > copy_age(ahead)


def test_equal_counts_go_by_time_then_by_codes_then_the_first_given():
    early, late = "2026-01-01T10:00:00+00:00", "2026-01-01T11:00:00+01:00"  # the same moment
    assert latest_copy([hand_in_of(0, early), hand_in_of(0, "2026-01-02")])[0].made == "2026-01-02"
    fewer, more = hand_in_of(2, early, ["P1.1"]), hand_in_of(2, late, ["P1.1", "P1.2"])
    assert latest_copy([fewer, more])[0] is more
    first, second = hand_in_of(2, early, ["P1.1"]), hand_in_of(2, late, ["P1.1"])
    assert latest_copy([first, second])[0] is first and latest_copy([second, first])[0] is second
    assert latest_copy([hand_in_of(1, "not a time"), hand_in_of(1, early)])[0].made == early


def test_the_overview_and_the_agreement_choose_the_same_copy(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    save_coding(set_code(new_coding(NAME), "P1.1", "lead"))
    for number in range(4):
        StudentWork(NAME).save_answer(f"q{number}", "x")
    save_coding(set_code(load_coding(NAME), "P1.2", "situation"))  # revision 6
    (folder / "handin-Zhang_San.json").write_bytes(hand_in_bytes(NAME))
    ahead = file_content(set_code(new_coding(NAME), "P1.1", "correction"))
    ahead["updated"] = "2099-01-01T00:00:00+00:00"  # a clock far ahead, no count of saves
    (folder / "coding-Zhang_San (1).json").write_text(json.dumps(ahead), encoding="utf-8")
    found = read_class_folder(folder)
    overview = found.hand_ins[0]
    codings, _ = read_codings(folder)
    kept, _, left = usable_codings(codings)
    assert overview.coding.codes["P1.1"].tag == kept[0].codes["P1.1"].tag == "lead"
    assert left["file"].tolist() == ["coding-Zhang_San (1).json"]
    assert overview.source == "handin-Zhang_San.json"
    both = [read_hand_in((folder / name).read_bytes(), name) for name in sorted(os.listdir(folder))]
    assert one_student(both)[1] == ["handin-Zhang_San.json"]


def test_codes_saved_before_a_name_was_given_move_to_the_name(isolated_work_dir):
    from helpers.model.work import PLACEHOLDER, set_student_name

    save_coding(set_code(set_code(new_coding(PLACEHOLDER), "P1.1", "lead"), "P1.2", "lead"))
    save_coding(set_code(new_coding(NAME), "P1.2", "situation"))  # saved under the name: kept
    set_student_name(NAME)
    assert {seg: code.tag for seg, code in load_coding(NAME).codes.items()} == {
        "P1.1": "lead",
        "P1.2": "situation",
    }
    assert list(isolated_work_dir.glob(f"work-{PLACEHOLDER}-*.json.moved"))
