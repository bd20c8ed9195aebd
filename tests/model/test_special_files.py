"""Special files where a file is expected: pipes, folders, loops, devices, huge files.

A named pipe (FIFO) passes an exists/is-dir/size check and then blocks any
read forever; each test here runs the read in a thread and, should it block,
unblocks the pipe and fails (a guard against a hang, not a speed measurement).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from helpers.analysis.class_codings import example_codings, read_codings
from helpers.model.article import ArticleFormatError, load_article
from helpers.model.coding_file import CodingFileError, read_coding, read_steps
from helpers.model.coding_store import coding_path, load_coding, saved_bytes
from helpers.model.corpus import load_corpus
from helpers.model.files import FileReadError, read_regular
from helpers.model.handin import HandInError, hand_in_file_bytes
from helpers.model.paths import seed_path, work_dir
from helpers.model.source import as_table
from helpers.model.storage import read_json_file

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_links = pytest.mark.skipif(os.name != "posix", reason="symbolic links need POSIX here")


def finishes(action, pipes=(), seconds: float = 20.0):
    """Run ``action`` in a thread; if it is still blocked after ``seconds``, unblock and fail."""
    outcome = {}

    def run():
        try:
            outcome["value"] = action()
        except BaseException as error:  # noqa: BLE001 (handed back to the test)
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for pipe in pipes:  # a writer that closes at once gives the blocked reader its end
            try:
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        thread.join(5)
        pytest.fail(f"blocked on a named pipe: {[Path(p).name for p in pipes]}")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def work(tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(folder))
    return folder


# ---------------------------------------------------------------- named pipes


@needs_fifo
def test_load_article_refuses_a_named_pipe_at_once(tmp_path):
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    with pytest.raises(ArticleFormatError, match=r"named pipe \(FIFO\)") as raised:
        finishes(lambda: load_article(pipe), [pipe])
    assert "article.txt" in str(raised.value)


@needs_fifo
def test_one_pipe_in_a_corpus_is_skipped_and_the_others_load(tmp_path):
    shutil.copy(seed_path(), tmp_path / "a_seed.txt")
    os.mkfifo(tmp_path / "b_pipe.txt")
    table, report = finishes(lambda: load_corpus(tmp_path), [tmp_path / "b_pipe.txt"])
    assert report.loaded["file"].tolist() == ["a_seed.txt"]
    problems = report.skipped.set_index("file")["problem"]
    assert "named pipe" in problems["b_pipe.txt"]
    assert len(table) == 19


@needs_fifo
def test_the_agreement_reads_past_a_pipe_and_names_it(tmp_path):
    for path in example_codings().iterdir():
        shutil.copy(path, tmp_path)
    os.mkfifo(tmp_path / "pipe.json")
    codings, skipped = finishes(lambda: read_codings(tmp_path), [tmp_path / "pipe.json"])
    assert len(codings) == 3
    assert skipped["file"].tolist() == ["pipe.json"]
    assert "not an ordinary file" in skipped.loc[0, "reason"]


@needs_fifo
def test_the_agreement_widget_compare_does_not_block_on_a_pipe(tmp_path):
    from helpers.views.agreement import AgreementTool

    for path in example_codings().iterdir():
        shutil.copy(path, tmp_path)
    os.mkfifo(tmp_path / "zz.json")
    tool = AgreementTool(str(tmp_path))
    finishes(tool.compare, [tmp_path / "zz.json"])
    assert "zz.json" in tool.panes.result.value
    assert "Krippendorff" in tool.panes.result.value


@needs_fifo
@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_coding_file_that_is_a_pipe_is_refused(tmp_path, suffix):
    pipe = tmp_path / f"coding{suffix}"
    os.mkfifo(pipe)
    with pytest.raises(CodingFileError, match="named pipe"):
        finishes(lambda: read_coding(pipe), [pipe])


@needs_fifo
def test_a_steps_file_that_is_a_pipe_is_refused(tmp_path):
    pipe = tmp_path / "steps.csv"
    os.mkfifo(pipe)
    with pytest.raises(CodingFileError, match="named pipe"):
        finishes(lambda: read_steps(pipe), [pipe])


@needs_fifo
def test_a_save_file_that_is_a_pipe_opens_no_coding_and_offers_no_download(work):
    pipe = coding_path("Pipe Kid")
    os.mkfifo(pipe)
    with pytest.raises(FileReadError, match="named pipe"):
        finishes(lambda: load_coding("Pipe Kid"), [pipe])
    assert finishes(lambda: saved_bytes("Pipe Kid"), [pipe]) is None


@needs_fifo
def test_a_hand_in_that_is_a_pipe_and_a_json_save_that_is_one(tmp_path):
    pipe = tmp_path / "handin.json"
    os.mkfifo(pipe)
    with pytest.raises(HandInError, match="not an ordinary file"):
        finishes(lambda: hand_in_file_bytes(pipe), [pipe])
    with pytest.raises(FileReadError, match="named pipe"):
        finishes(lambda: read_json_file(pipe), [pipe])


@needs_fifo
def test_as_table_of_a_pipe_is_refused(tmp_path):
    pipe = tmp_path / "x.txt"
    os.mkfifo(pipe)
    with pytest.raises(ArticleFormatError, match="named pipe"):
        finishes(lambda: as_table(pipe), [pipe])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_never_read_without_end():
    with pytest.raises(ArticleFormatError, match="a device"):
        finishes(lambda: load_article("/dev/zero"))


# ---------------------------------------------------------------- links, folders


@needs_links
def test_a_symlink_loop_is_named_as_such_not_missing(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(ArticleFormatError) as raised:
        load_article(tmp_path / "a.txt")
    assert "loop" in str(raised.value) and "no such file" not in str(raised.value)
    with pytest.raises(ArticleFormatError, match="loop"):
        as_table(tmp_path / "a.txt")


@needs_links
def test_a_broken_link_is_named_as_such(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ArticleFormatError, match="broken link"):
        load_article(tmp_path / "gone.txt")


@needs_links
def test_a_loop_in_a_corpus_is_reported_by_its_reason(tmp_path):
    shutil.copy(seed_path(), tmp_path / "seed.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    _, report = load_corpus(tmp_path)
    assert "loop" in report.skipped.set_index("file").loc["loop.txt", "problem"]


def test_a_folder_in_place_of_the_save_file_is_a_sentence_not_errno(work):
    from helpers.views.annotator import Annotator

    coding_path("Folder Kid").mkdir()
    message = Annotator("Folder Kid").opening
    assert "Errno" not in message and "is a folder, not a save file" in message
    assert "move it aside" in message


def test_a_folder_named_like_a_coding_csv_is_refused_in_words(tmp_path):
    (tmp_path / "coding.csv").mkdir()
    with pytest.raises(CodingFileError, match="folder"):
        read_coding(tmp_path / "coding.csv")


# ---------------------------------------------------------------- size


def test_a_50_megabyte_save_file_gives_a_short_message(work):
    from helpers.views.annotator import Annotator

    coding_path("Big Kid").write_bytes(b'{"coder": "Big Kid", "codes": {' + b" " * 50_000_000)
    tool = Annotator("Big Kid")
    assert len(tool.opening) < 600
    assert "50.0 MB" in tool.opening
    shown = re.sub(r"<style>.*?</style>", "", tool.panes.download.value, flags=re.S)
    assert len(shown) < 10_000  # no 67 MB download link built from it (the style sheet aside)
    assert saved_bytes("Big Kid") is None


def test_a_coding_with_twenty_thousand_unknown_segments_lists_a_few(work):
    codes = {f"X{number}": {"tag": "lead"} for number in range(20_000)}
    data = {"format": "liaoyang-coding", "version": 2, "coder": "Many", "codes": codes}
    data["article"] = seed_path().stem
    (work_dir() / "coding-Many.json").write_text(json.dumps(data), encoding="utf-8")  # an old file
    coding = load_coding("Many", as_table())
    warnings = " ".join(coding.problems(as_table()))
    assert len(warnings) < 300 and "19,992 more" in warnings


def test_an_oversized_hand_in_is_left_out_with_its_size(tmp_path):
    for path in example_codings().iterdir():
        shutil.copy(path, tmp_path)
    (tmp_path / "huge.json").write_bytes(b"{" + b" " * 6_000_000 + b"}")
    codings, skipped = read_codings(tmp_path)
    assert len(codings) == 3
    assert "6.0 MB" in skipped.set_index("file").loc["huge.json", "reason"]


def test_read_regular_never_reads_past_its_limit(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"x" * 2000)
    assert read_regular(path, 2000) == b"x" * 2000
    with pytest.raises(FileReadError) as raised:
        read_regular(path, 1999)
    assert raised.value.kind == "too large"


@needs_fifo
def test_a_class_list_that_is_a_pipe_is_refused_in_words(tmp_path):
    from helpers.analysis.class_folder import read_class_list

    pipe = tmp_path / "class.txt"
    os.mkfifo(pipe)
    with pytest.raises(FileNotFoundError, match="There is no class list .*named pipe"):
        finishes(lambda: read_class_list(pipe), [pipe])


def test_a_class_list_written_relative_to_the_project_is_found_from_notebooks(
    tmp_path, monkeypatch
):
    from helpers.analysis.class_folder import read_class_list

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "class.txt").write_text("Nina Roy\nTom Berg\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "notebooks")
    assert read_class_list("class.txt") == ["Nina Roy", "Tom Berg"]
