"""The catalogue of bad input: what students and instructors type, load and break.

Each test names the bad input, asserts the message (one line that says what to
do, never a traceback) and that nothing was lost or overwritten. Cases that the
module tests already cover well are listed in comments where they are tested:

- tests/test_article.py: empty, binary (NUL bytes), GB18030, BOM + CRLF, metadata
  out of order, no Original:, no/impossible date, empty Chinese body, no title,
  no English, bad page, repeated line, missing file, folder.
- tests/test_search.py: broken regex, catastrophic pattern, empty/blank query,
  query longer than the text, full-/half-width punctuation, zero-width patterns,
  unknown language, HTML in the query and the text.
- tests/model/test_coding_store.py, tests/views/test_annotator_widget.py:
  damaged JSON (4 kinds), truncated file, version 1,
  another article, unknown tags and segments, two annotators on one coder,
  empty names, "../x", HTML in names and notes, bad uploads.
- tests/exercises/test_question_checks.py: 20 sloppy answers of every type (None, huge strings,
  objects, bytes, NaN ...) and a Hypothesis test that check() never raises.
"""

from __future__ import annotations

import base64
import errno
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest

from helpers import load_article
from helpers.analysis.agreement import coding_files
from helpers.analysis.search import MAX_QUERY_CHARS, SearchError, kwic
from helpers.exercises.questions import check
from helpers.model.align import align_article
from helpers.model.article import ArticleFormatError
from helpers.model.coding import ForeignCodingError, file_content, new_coding, set_code
from helpers.model.coding_store import (
    coding_path,
    load_coding,
    old_coding_path,
    save_coding,
    saved_coding_data,
)
from helpers.model.storage import SaveError, _is_stale, atomic_write_text, safe_file_name
from helpers.model.work import StudentWork
from helpers.render.search import search_html
from helpers.views.annotator import annotator
from helpers.views.concordance import concordance
from helpers.views.reader import reader

PROJECT = Path(__file__).resolve().parents[1]


def saved(coder: str) -> dict:
    assert coding_path(coder).exists()
    return saved_coding_data(coder)


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text


def data_url_json(pane_html: str) -> dict:
    """The JSON inside the first data: link of a pane (what a download gives)."""
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", pane_html).group(1)
    return json.loads(base64.b64decode(encoded).decode("utf-8"))


def temporary_files(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


# =============================================================================== article files


def seed_bytes() -> bytes:
    return load_article().source.read_bytes()


def loaded_or_error(path: Path):
    """Load an article file; assert the file is unchanged whatever happens (nothing lost)."""
    before = path.read_bytes()
    try:
        return load_article(path)
    finally:
        assert path.read_bytes() == before


def test_utf16_with_bom_as_notepad_saves_it_is_read(write_article):
    text = seed_bytes().decode("utf-8")
    for encoding in ("utf-16", "utf-16-be"):
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        article = loaded_or_error(write_article(data, f"{encoding}.txt"))
        assert article.paragraphs_zh == load_article().paragraphs_zh
        assert article.title_en == load_article().title_en


@pytest.mark.parametrize(
    "content, named",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" * 10, "Word (.docx)"),
        (b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"JFIF" * 10, "JPEG image"),
        (b"{\\rtf1\\ansi Title: x}", "rich-text"),
    ],
    ids=["pdf", "docx", "png", "jpeg", "rtf"],
)
def test_wrong_kind_of_file_is_named(write_article, content, named):
    path = write_article(content)
    with pytest.raises(ArticleFormatError) as raised:
        loaded_or_error(path)
    message = str(raised.value)
    assert str(path) in message and named in message and "plain text (UTF-8)" in message
    assert "\n" not in message


def test_windows_1252_file_is_not_called_chinese(write_article):
    text = seed_bytes().decode("utf-8").replace("Xinhua News Agency", "Xinhua, une dépêche éditée")
    english_only = text.split("<hr />")[0] + "<hr />\nOriginal:\n### Titre\n    Texte.\n"
    data = english_only.encode("cp1252")
    assert "閐" in data.decode("gb18030")  # GB18030 reads it, as nonsense: no hint then
    with pytest.raises(ArticleFormatError, match="not UTF-8") as raised:
        loaded_or_error(write_article(data))
    assert "GB18030" not in str(raised.value)


def test_gb18030_file_says_which_encoding_and_what_to_do(write_article):
    # test_article.py checks the word GB18030; here the whole seed in GB18030
    path = write_article(seed_bytes().decode("utf-8").encode("gb18030"))
    with pytest.raises(ArticleFormatError) as raised:
        loaded_or_error(path)
    assert "GB18030" in str(raised.value) and "save it again as UTF-8" in str(raised.value)


def test_a_real_file_of_tens_of_megabytes_is_refused_before_it_is_read(write_article, monkeypatch):
    path = write_article(b"Title: x\n" + b"x" * 30_000_000)
    opened = []
    real_open, real_read_bytes = Path.open, Path.read_bytes

    def spy_open(self, *args, **kwargs):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    def spy_read_bytes(self):
        opened.append(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", spy_read_bytes)
    with pytest.raises(ArticleFormatError, match=r"30\.0 MB") as raised:
        load_article(path)
    assert "right file" in str(raised.value)
    assert path not in opened, "the content was read before the size was checked"


def test_a_file_that_grows_past_the_limit_is_cut_off_while_reading(write_article, monkeypatch):
    """Even if the size on disk lies (a growing file), no more than the limit is read."""
    path = write_article(seed_bytes() + b"x" * 5000)
    monkeypatch.setattr("helpers.model.article.MAX_FILE_BYTES", len(seed_bytes()))
    real_fstat = os.fstat

    def fstat_saying_small(handle):
        fields = list(real_fstat(handle))[:10]
        fields[6] = 10  # st_size, as a file still being written says
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat_saying_small)
    with pytest.raises(ArticleFormatError, match="over"):
        load_article(path)


def test_a_file_that_cannot_be_opened_gives_a_message(write_article, monkeypatch):
    path = write_article(seed_bytes())

    real_open = os.open

    def refuse(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ArticleFormatError, match="cannot be read .Permission denied.") as raised:
        load_article(path)
    assert str(path) in str(raised.value)


def test_page_in_superscript_digits_is_not_a_whole_number(write_article):
    text = seed_bytes().decode("utf-8").replace("Page: 1", "Page: ²")
    with pytest.raises(ArticleFormatError, match="not a whole number"):
        loaded_or_error(write_article(text))


def test_fewer_chinese_paragraphs_than_english_loads_and_aligns(write_article):
    lines = seed_bytes().decode("utf-8").split("\n")
    body = [n for n, line in enumerate(lines) if line.startswith("    ") and len(line) > 60]
    second, third = body[-2], body[-1]
    lines[second] = lines[second] + lines[third].strip()  # paragraphs 2 and 3 made one
    del lines[third]
    article = loaded_or_error(write_article("\n".join(lines)))
    assert len(article.paragraphs_zh) == 2 and len(article.paragraphs_en) == 3
    table = align_article(article)
    squeeze = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert squeeze("".join(table["zh"])) == squeeze("".join(article.paragraphs_zh))
    assert squeeze("".join(table["en"])) == squeeze("".join(article.paragraphs_en))
    assert table["seg_id"].is_unique and table["para"].max() == 2


def test_html_in_an_article_file_is_shown_as_text(write_article):
    text = (
        seed_bytes()
        .decode("utf-8")
        .replace("Xinhua News Agency", "<script>alert(1)</script><img src=x onerror=alert(2)>", 1)
    )
    article = loaded_or_error(write_article(text))
    box = reader(table=align_article(article))
    box.controls.view.value = "article"
    for shown in (box.panes.text.value, box.static_html()):
        assert "<script>" not in shown and "<img" not in shown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


# =============================================================================== search


def test_traditional_characters_find_the_simplified_text():
    for traditional, simplified in [
        ("互助組", "互助组"),
        ("遼陽縣", "辽阳县"),
        ("遼東省", "辽东省"),
        ("農業生產合作社", "农业生产合作社"),
        ("幹部", "干部"),
        ("硬卡硬", "硬卡硬"),
    ]:
        found, expected = kwic(traditional), kwic(simplified)
        assert len(expected) > 0
        assert found["seg_id"].tolist() == expected["seg_id"].tolist()
        assert set(found["match"]) == {simplified}, "hits are shown as the article prints them"
    html_text, _ = search_html("互助組")
    assert "was searched as &#x27;互助组&#x27;" in html_text


def test_traditional_characters_not_in_the_table_get_advice():
    box = concordance("團結鬥爭")
    shown = html.unescape(box.panes.results.value)
    assert "No hits" in shown and "printed in simplified characters" in shown
    assert "鬥" in shown and "互助组, not 互助組" in shown


def test_a_pasted_document_as_query_is_refused():
    query = "互助组" * (MAX_QUERY_CHARS // 3 + 1)
    with pytest.raises(SearchError, match="at most 10,000 characters"):
        kwic(query)
    box = concordance(query)
    assert "ly-error" in box.panes.results.value and "not a whole text" in box.panes.results.value


# =============================================================================== save files


def test_a_file_of_another_coder_is_kept_before_it_is_overwritten(isolated_work_dir):
    theirs = file_content(set_code(new_coding("Li Si"), "P1.1", "lead", "high", "Li's note"))
    old_coding_path("Wang Wu").write_text(json.dumps(theirs), encoding="utf-8")
    original = old_coding_path("Wang Wu").read_bytes()
    box = annotator("Wang Wu")
    assert "saved under the name &#x27;Li Si&#x27;" in box.panes.message.value
    assert "P1.2" in box.panes.segment.value
    box.controls.tag.value = "situation"  # P1.2: the first save
    copies = list(isolated_work_dir.glob("coding-Wang_Wu.json.moved"))
    assert len(copies) == 1 and copies[0].read_bytes() == original
    assert copies[0].name in box.panes.message.value
    data = saved("Wang Wu")
    assert data["coder"] == "Wang Wu" and data["codes"]["P1.1"]["note"] == "Li's note"
    assert set(data["codes"]) == {"P1.1", "P1.2"}


def test_a_file_from_a_newer_version_is_refused_and_kept():
    newer = {**file_content(new_coding("Future")), "version": 7}
    old_coding_path("Future").write_text(json.dumps(newer), encoding="utf-8")
    before = old_coding_path("Future").read_bytes()
    with pytest.raises(ForeignCodingError, match="newer version"):
        load_coding("Future")
    box = annotator("Future")
    assert "newer version" in box.panes.message.value
    with pytest.raises(ForeignCodingError):
        save_coding(set_code(new_coding("Future"), "P1.1", "lead"))
    assert old_coding_path("Future").read_bytes() == before
    assert not coding_path("Future").exists()


def test_a_save_file_with_a_byte_order_mark_is_read():
    data = file_content(set_code(new_coding("Notepad"), "P2.1", "situation"))
    old_coding_path("Notepad").write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))
    assert load_coding("Notepad").codes["P2.1"].tag == "situation"
    text = coding_path("Notepad").read_text(encoding="utf-8")
    coding_path("Notepad").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # the work file too
    assert load_coding("Notepad").codes["P2.1"].tag == "situation"


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00", "{}".encode("utf-16"), b'{"coder": "A", "codes": ["P1.1"]}'],
    ids=["image", "utf-16", "codes-a-list"],
)
def test_a_wrong_file_under_the_coding_name_is_kept_and_named(isolated_work_dir, content):
    coding_path("Mixup").write_bytes(content)
    box = annotator("Mixup")
    copies = list(isolated_work_dir.glob("work-Mixup-*.broken-*.json"))
    assert len(copies) == 1 and copies[0].read_bytes() == content
    assert copies[0].name in box.panes.message.value  # where it is, in words
    assert coding_path("Mixup").read_bytes() == content  # untouched until the first save
    box.controls.tag.value = "lead"
    assert saved("Mixup")["codes"]["P1.1"]["tag"] == "lead"
    assert copies[0].read_bytes() == content


def make_read_only(monkeypatch, folder: Path) -> None:
    """Make writes into ``folder`` fail as in a read-only folder (even for root)."""
    folder = folder.resolve()

    def inside(path) -> bool:
        if isinstance(path, int):
            return False
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder)

    def denied(path) -> PermissionError:
        return PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    real_os_open, real_io_open, real_replace = os.open, io.open, os.replace

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
            raise denied(path)
        return real_os_open(path, flags, *args, **kwargs)

    def io_open(file, mode="r", *args, **kwargs):
        if any(letter in mode for letter in "wax+") and inside(file):
            raise denied(file)
        return real_io_open(file, mode, *args, **kwargs)

    def replace(source, target, *args, **kwargs):
        if inside(target):
            raise denied(target)
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(os, "replace", replace)


def test_read_only_work_folder_keeps_the_work_and_offers_it(isolated_work_dir, monkeypatch):
    save_coding(set_code(new_coding("Locked Out"), "P1.1", "lead", "high", "before"))
    before = coding_path("Locked Out").read_bytes()
    with monkeypatch.context() as patch:
        make_read_only(patch, isolated_work_dir)
        box = annotator("Locked Out")
        c = box.controls
        assert "P1.2" in box.panes.segment.value
        c.tag.value = "situation"  # P1.2 cannot be saved
        message = html.unescape(box.panes.message.value)
        assert "Not saved" in message and "read-only" in message and "download it now" in message
        no_traceback(message)
        assert "Not saved" in box.panes.status.value
        offered = data_url_json(box.panes.download.value)
        assert set(offered["codes"]) == {"P1.1", "P1.2"}  # the unsaved work, downloadable
        c.save_next.click()  # still moves on: the code is kept in memory
        assert "P1.3" in box.panes.segment.value
        c.tag.value = "correction"
        assert set(data_url_json(box.panes.download.value)["codes"]) == {"P1.1", "P1.2", "P1.3"}
        # The table downloads too: made in the browser, it needs no writable folder.
        assert 'download="coding-Locked_Out.csv"' in box.panes.download.value
        assert coding_path("Locked Out").read_bytes() == before
        assert temporary_files(isolated_work_dir) == []
    c.note.value = "writable again"  # the next change saves everything
    assert set(saved("Locked Out")["codes"]) == {"P1.1", "P1.2", "P1.3"}
    assert "Download your coding (coding-Locked_Out.json)" in box.panes.download.value


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_read_only_work_folder_for_real(isolated_work_dir):
    save_coding(set_code(new_coding("Chmod"), "P1.1", "lead"))
    before = coding_path("Chmod").read_bytes()
    isolated_work_dir.chmod(0o555)
    try:
        box = annotator("Chmod")
        box.controls.tag.value = "situation"
        assert "Not saved" in box.panes.message.value
        assert coding_path("Chmod").read_bytes() == before
    finally:
        isolated_work_dir.chmod(0o755)


def test_work_folder_deleted_during_a_session_is_made_again(isolated_work_dir):
    box = annotator("Vanished")
    box.controls.tag.value = "lead"
    shutil.rmtree(isolated_work_dir)
    box.controls.save_next.click()  # P1.1 again, then on to P1.2
    box.controls.tag.value = "situation"
    assert set(saved("Vanished")["codes"]) == {"P1.1", "P1.2"}


def test_work_folder_that_cannot_exist_lets_the_student_code_and_download(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(blocker / "work"))
    box = annotator("Nowhere")
    c = box.controls
    message = html.unescape(box.panes.message.value)
    assert "work folder cannot be used" in message and "download" in message
    assert "(no work folder: not saved)" in box.panes.header.value
    c.tag.value = "lead"
    c.note.value = "kept"
    assert "Not saved: Your work folder cannot be made" in box.panes.message.value
    assert data_url_json(box.panes.download.value)["codes"]["P1.1"]["note"] == "kept"
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    no_traceback(box.static_html())


def test_a_crash_in_the_rename_leaves_the_previous_save(isolated_work_dir, monkeypatch):
    save_coding(set_code(new_coding("Crash"), "P1.1", "lead"))
    before = coding_path("Crash").read_bytes()

    def power_cut(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", power_cut)
        with pytest.raises(SaveError, match="could not be saved"):
            save_coding(set_code(load_coding("Crash"), "P1.2", "situation"))
    assert coding_path("Crash").read_bytes() == before
    assert temporary_files(isolated_work_dir) == []
    assert not list(isolated_work_dir.glob(".*.lock"))


def test_an_interrupt_half_way_through_writing_leaves_the_previous_save(
    isolated_work_dir, monkeypatch
):
    path = isolated_work_dir / "coding-Half.json"
    atomic_write_text(path, '{"old": true}')
    real_fsync = os.fsync

    def interrupted(descriptor):
        os.write(descriptor, b"...half")  # part of the new file is on disk
        raise KeyboardInterrupt  # the laptop lid closes, the kernel is stopped

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, '{"new": true, "long": "' + "x" * 100_000 + '"}')
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_text(encoding="utf-8") == '{"old": true}'
    assert temporary_files(isolated_work_dir) == []


def test_the_widget_says_not_saved_when_a_save_breaks_and_saves_later(
    isolated_work_dir, monkeypatch
):
    box = annotator("Flaky")
    box.controls.tag.value = "lead"
    before = coding_path("Flaky").read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(
            os, "replace", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, ""))
        )
        box.controls.note.value = "disk full now"
        assert "the disk is full" in box.panes.message.value
        assert coding_path("Flaky").read_bytes() == before
    box.controls.confidence.value = "high"
    code = saved("Flaky")["codes"]["P1.1"]
    assert code["note"] == "disk full now" and code["confidence"] == "high"


def test_a_process_killed_mid_save_leaves_the_previous_save(isolated_work_dir):
    save_coding(set_code(new_coding("Killed"), "P1.1", "lead"))
    before = coding_path("Killed").read_bytes()
    script = textwrap.dedent(
        """
        import os
        from helpers.model.coding import set_code
        from helpers.model.coding_store import load_coding, save_coding
        coding = set_code(load_coding("Killed"), "P1.2", "situation")
        os.replace = lambda *args, **kwargs: os._exit(3)  # the process dies mid-save
        save_coding(coding)
        """
    )
    environment = {**os.environ, "LIAOYANG_WORK_DIR": str(isolated_work_dir)}
    finished = subprocess.run(
        [sys.executable, "-c", script], env=environment, cwd=PROJECT, timeout=300
    )
    assert finished.returncode == 3
    assert coding_path("Killed").read_bytes() == before
    assert len(temporary_files(isolated_work_dir)) == 1  # a hidden leftover, read by nothing
    lock = isolated_work_dir / f".{coding_path('Killed').name}.lock"
    assert lock.exists() and _is_stale(lock), "a lock of a dead process is taken over"
    assert [path.name for path in coding_files(isolated_work_dir)] == [coding_path("Killed").name]
    coding = set_code(load_coding("Killed"), "P1.3", "situation")
    save_coding(coding)
    assert set(saved("Killed")["codes"]) == {"P1.1", "P1.3"}
    assert not lock.exists()


def test_two_saves_at_the_same_moment_lose_nothing(monkeypatch):
    save_coding(set_code(new_coding("Twins"), "P1.1", "lead"))
    first, second = set_code(new_coding("Twins"), "P1.2", "lead"), new_coding("Twins")
    set_code(second, "P1.3", "situation")
    real_read, arrived, both_inside = StudentWork._readable_or_fresh, [], threading.Event()

    def read_slowly(work, known=None):
        data = real_read(work, known)  # read the file ...
        arrived.append(data)
        if len(arrived) == 2:
            both_inside.set()
        both_inside.wait(timeout=1)  # ... and give the other save every chance to read it too
        return data

    monkeypatch.setattr(StudentWork, "_readable_or_fresh", read_slowly)
    threads = [threading.Thread(target=save_coding, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(saved("Twins")["codes"]) == {"P1.1", "P1.2", "P1.3"}


# =============================================================================== names and notes


def test_long_names_alike_at_the_start_get_different_files():
    first, second = "Student " + "a" * 62, "Student " + "a" * 61 + "b"
    assert coding_path(first) != coding_path(second)
    for name in (first, second):
        save_coding(set_code(new_coding(name), "P1.1", "lead"))
    assert saved(first)["coder"] == first and saved(second)["coder"] == second
    assert len(coding_path(first).name) < 100


def test_names_of_symbols_only_do_not_share_a_file():
    paths = {coding_path(name) for name in ("<>", "???", "***", "...")}
    assert len(paths) == 4
    assert all(re.fullmatch(r"work-anonymous-[0-9a-f]{8}-000_\w+\.json", p.name) for p in paths)


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "LPT9", "aux"])
def test_windows_device_names_are_not_file_names(name):
    assert safe_file_name(name).lower() == name.lower() + "_"


def test_a_very_long_note_is_refused_and_stays_in_the_box():
    box = annotator("Essayist")
    c = box.controls
    c.tag.value = "lead"
    c.note.value = "short"
    before = coding_path("Essayist").read_bytes()
    essay = "很长的笔记。" * 3000
    c.note.value = essay
    message = box.panes.message.value
    assert "at most 10,000 characters" in message and "still in the box" in message
    assert c.note.value == essay
    assert coding_path("Essayist").read_bytes() == before
    c.note.value = essay[:500]
    assert saved("Essayist")["codes"]["P1.1"]["note"] == essay[:500]


def test_a_name_with_script_and_path_is_safe_everywhere(isolated_work_dir):
    name = "../../<script>alert('x')</script>"
    box = annotator(name)
    box.controls.tag.value = "lead"
    assert coding_path(name).parent == isolated_work_dir
    assert "<script>" not in box.panes.header.value and "<script>" not in box.static_html()
    assert saved(name)["coder"] == name


# =============================================================================== self-checks


@pytest.mark.parametrize(
    "answer, words",
    [
        (np.float64(79.0), "is right"),  # a number computed with pandas
        (np.int64(79), "is right"),
        (10**5000, "That huge number is not a number"),
    ],
    ids=["numpy-float", "numpy-int", "huge-int"],
)
def test_numbers_of_other_types_are_read(answer, words):
    feedback = check("q07_agreement", answer)
    assert words in feedback.message


def test_an_answer_that_cannot_be_shown_still_gets_feedback():
    class Unprintable:
        def __repr__(self):
            raise RuntimeError("no")

        def __str__(self):
            return "district"

    for qid in ("q02_who_corrects", "q05_qushang", "q07_agreement"):
        feedback = check(qid, Unprintable())  # (read as its text: "district")
        assert feedback.message.strip() and feedback.status in ("correct", "wrong", "invalid")
    assert "not one of the options" in check("q02_who_corrects", np.array([1, 2])).message
