"""One lister, one safe read: the agreement and the class overview see the same files."""

import os
import shutil
import signal

import pytest

from helpers.analysis.class_codings import coding_files, example_codings, read_codings
from helpers.analysis.class_folder import read_class_folder


@pytest.fixture
def class_folder(tmp_path):
    for path in coding_files(example_codings()):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "student-b").mkdir()
    shutil.move(tmp_path / "coding-Example_coder_B.json", tmp_path / "student-b" / "Bea week7.json")
    (tmp_path / ".hidden.json").write_text("{}", encoding="utf-8")
    (tmp_path / "student.json").write_text('{"name": "me"}', encoding="utf-8")
    (tmp_path / "x.broken-20261201.json").write_text("{", encoding="utf-8")
    return tmp_path


def test_both_readers_list_the_same_files(class_folder):
    names = [path.relative_to(class_folder).as_posix() for path in coding_files(class_folder)]
    assert names == [
        "coding-Example_coder_A.json",
        "coding-Example_coder_C.json",
        "student-b/Bea week7.json",
    ]
    overview = read_class_folder(class_folder)
    assert sorted(overview.files["file"]) == sorted(names)
    codings, skipped = read_codings(class_folder)
    assert sorted(coding.coder for coding in codings) == [
        "Example coder A",
        "Example coder B",
        "Example coder C",
    ]
    assert skipped.empty


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_in_the_folder_never_blocks_the_agreement(class_folder):
    os.mkfifo(class_folder / "pipe.json")
    signal.alarm(20)  # a blocking open would hang here: fail instead
    try:
        codings, skipped = read_codings(class_folder)
        overview = read_class_folder(class_folder)
    finally:
        signal.alarm(0)
    assert len(codings) == 3
    assert skipped.set_index("file").loc["pipe.json", "category"] == "foreign"
    assert overview.files.set_index("file").loc["pipe.json", "reason"] == "foreign"


def test_the_example_overview_leaves_nothing_among_the_students_work(isolated_work_dir):
    from helpers import class_overview

    class_overview()
    assert not list(isolated_work_dir.rglob("*.json"))


def test_the_agreement_and_the_overview_keep_the_same_copy_of_a_duplicate(tmp_path):
    from helpers.analysis.class_folder import make_example_hand_ins

    folder = make_example_hand_ins(tmp_path / "class")
    overview = read_class_folder(folder)
    used_by_overview = {hand_in.student: hand_in.source for hand_in in overview.hand_ins}
    codings, _ = read_codings(folder)
    from helpers.analysis.class_codings import usable_codings

    kept, _, left_out = usable_codings(codings)
    used_by_agreement = {coding.coder: coding.source for coding in kept}
    assert used_by_agreement == used_by_overview
    assert left_out["file"].tolist() == ["Example_coder_A (older copy).json"]
