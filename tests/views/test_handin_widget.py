"""The hand-in tool's download buttons and the restore tool's upload box, driven in Python."""

import base64
import json
import re
from datetime import datetime

from helpers import hand_in, restore
from helpers.model.coding import Coding
from helpers.model.coding_store import load_coding, save_coding
from helpers.model.handin import read_hand_in
from helpers.model.work import StudentWork, set_student_name

NAME = "Zhang San"
LINK = re.compile(r'<a class="([^"]*)" download="([^"]*)" href="data:([^;]*);base64,([^"]*)">')


def downloads(tool) -> dict[str, tuple[str, bytes, str]]:
    """The tool's download links: {file name: (mime, bytes, classes)}."""
    return {
        name: (mime, base64.b64decode(data), classes)
        for classes, name, mime, data in LINK.findall(tool.panes.buttons.value)
    }


def upload(tool, raw: bytes, name: str = "handin.json") -> None:
    """Give the upload box a file as ipywidgets 8 does (a tuple of dicts, content a memoryview)."""
    tool.controls.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(raw),
            "content": memoryview(raw),
            "last_modified": datetime.now(),
        },
    )


def test_without_a_name_the_tool_says_what_to_do():
    tool = hand_in()
    assert tool.controls is None
    assert "Give your name first" in tool.static_html()


def test_the_buttons_download_the_whole_work_and_a_readable_copy(isolated_work_dir):
    set_student_name(NAME)
    StudentWork(NAME).save_answer("q01_slogan", "steady progress", correct=True, feedback="Right.")
    StudentWork(NAME).save_note("07_plan", "P3.4 <first>")
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    tool = hand_in()
    links = downloads(tool)
    json_name = "handin-Zhang_San-000_de9b3e9f03d8f077.json"
    html_name = json_name.replace(".json", ".html")
    assert set(links) == {json_name, html_name}
    mime, raw, classes = links[json_name]
    assert mime == "application/json" and "jupyter-button" in classes.split()
    handed = read_hand_in(raw, json_name)
    assert handed.answers["q01_slogan"]["value"] == "steady progress"
    assert handed.notes["07_plan"]["text"] == "P3.4 <first>"
    assert handed.coding.codes["P1.1"].tag == "lead"
    page = links[html_name][1].decode("utf-8")
    assert links[html_name][0] == "text/html"
    assert "P3.4 &lt;first&gt;" in page and "<first>" not in page
    assert (isolated_work_dir / json_name).read_bytes() == raw
    assert (isolated_work_dir / html_name).read_text(encoding="utf-8") == page
    assert tool.state()["summary"] == "1 answer (1 right), 1 note, 1 code."
    # No emoji on the buttons (nothing outside the Basic Multilingual Plane, no symbols).
    assert all(ord(char) < 0x2000 for char in tool.panes.buttons.value)


def test_making_the_files_again_takes_in_work_saved_since(isolated_work_dir):
    tool = hand_in(NAME)
    assert "0 answers" in tool.state()["summary"]
    StudentWork(NAME).save_answer("q01_slogan", "later")
    tool.controls.again.click()
    raw = downloads(tool)[tool.state()["json"]][1]
    assert read_hand_in(raw).answers["q01_slogan"]["value"] == "later"
    assert "1 answer" in tool.panes.message.value


def test_the_upload_box_restores_a_hand_in_and_can_take_the_same_file_again(
    isolated_work_dir, tmp_path, monkeypatch
):
    StudentWork(NAME).save_answer("q01_slogan", "from home")
    raw = downloads(hand_in(NAME))["handin-Zhang_San-000_de9b3e9f03d8f077.json"][1]
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(tmp_path / "lab"))
    tool = restore()
    upload(tool, raw)
    assert tool.state()["message"] == (
        "Restored handin.json: added 1 answer. "
        "Run the notebooks again (Run > Run All Cells) to see the work restored."
    )
    assert "ly-good" in tool.panes.message.value
    assert StudentWork(NAME).answer("q01_slogan")["value"] == "from home"
    assert tool.controls.upload.value == ()
    upload(tool, raw)
    assert "nothing new" in tool.state()["message"]


def test_a_bad_upload_gets_one_escaped_sentence_and_changes_nothing(isolated_work_dir):
    StudentWork(NAME).save_answer("q01_slogan", "mine")
    before = sorted(path.name for path in isolated_work_dir.iterdir())
    tool = restore(NAME)
    upload(tool, b"{not json", "<b>bad</b>.json")
    message = tool.panes.message.value
    assert "Nothing was restored: &lt;b&gt;bad&lt;/b&gt;.json is damaged" in message
    assert "<b>bad</b>" not in message and "Traceback" not in message
    assert "ly-error" in message
    assert sorted(path.name for path in isolated_work_dir.iterdir()) == before
    assert StudentWork(NAME).answer("q01_slogan")["value"] == "mine"
    assert load_coding(NAME).codes == {}
    assert json.loads(StudentWork(NAME).path.read_text(encoding="utf-8"))["revision"] == 1


def test_the_files_are_made_again_when_the_work_changes(isolated_work_dir):
    tool = hand_in(NAME)
    assert tool.remake_if_changed() is False  # nothing changed: nothing made again
    StudentWork(NAME).save_answer("q01_slogan", "changed elsewhere")
    assert tool.remake_if_changed() is True
    raw = downloads(tool)[tool.state()["json"]][1]
    assert read_hand_in(raw).answers["q01_slogan"]["value"] == "changed elsewhere"
    save_coding(Coding.new(NAME).set_code("P1.1", "lead"))
    assert tool.remake_if_changed() is True
    assert tool.state()["summary"] == "1 answer (0 right), 0 notes, 1 code."


def test_running_the_cell_again_leaves_one_watcher(isolated_work_dir):
    from helpers.views.handin import HandInTool

    first, second = hand_in(NAME), hand_in(NAME)
    first.take_over_watching()
    second.take_over_watching()
    assert first.stopped and not second.stopped
    assert HandInTool.watching[(second.student, second.article_id)] is second
