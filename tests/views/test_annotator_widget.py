"""The annotator widget: coding segment by segment, reopening, two tabs, escaping, errors."""

import base64
import io
import json
import re
from datetime import datetime

import pandas as pd
import pytest

from helpers.model.coding import file_content, new_coding, set_code
from helpers.model.coding_store import (
    coding_file_name,
    coding_path,
    load_coding,
    old_coding_path,
    save_coding,
)
from helpers.model.tagset import TagSet
from helpers.views.annotator import annotator
from helpers.views.tool import Tool
from tests.coding_cases import backups, saved

# ---------------------------------------------------------------- the widget


def linked_csv(html: str, file_name: str) -> pd.DataFrame:
    """The CSV behind the download button for ``file_name`` in ``html``, read as a table."""
    pattern = rf'download="{re.escape(file_name)}" href="data:text/csv;base64,([^"]+)"'
    link = re.search(pattern, html)
    assert link, f"no download button for {file_name}"
    text = base64.b64decode(link.group(1)).decode("utf-8-sig")
    return pd.read_csv(io.StringIO(text), keep_default_na=False)


def test_save_and_next_codes_three_segments_and_the_choice_follows():
    box = annotator("Test Coder")
    c = box.controls
    assert (
        "Segment 1 of" in box.panes.position.value and "0 of 19 coded" in box.panes.position.value
    )
    c.tag.value = "lead"
    c.confidence.value = "high"
    c.save_next.click()
    assert saved("Test Coder")["codes"]["P1.1"]["tag"] == "lead"
    assert saved("Test Coder")["codes"]["P1.1"]["confidence"] == "high"
    assert "P1.2" in box.panes.segment.value
    assert c.tag.value == "lead"  # the choice follows to the uncoded segment
    assert "P1.2" not in saved("Test Coder")["codes"]  # ...but is saved only on request
    c.save_next.click()
    assert saved("Test Coder")["codes"]["P1.2"]["tag"] == "lead"
    c.tag.value = "situation"  # a change saves at once
    assert saved("Test Coder")["codes"]["P1.3"]["tag"] == "situation"
    c.note.value = "a doubt"
    c.save_next.click()
    data = saved("Test Coder")["codes"]
    assert data["P1.3"] == {**data["P1.3"], "tag": "situation", "note": "a doubt"}
    assert c.tag.value == "situation" and c.note.value == ""
    assert "3 of 19 coded" in box.panes.position.value
    assert (
        "Saved P1.3 to " in box.panes.status.value
        and "work-Test_Coder-000_de9b3e9f03d8f077.json at " in box.panes.status.value
    )
    assert "is kept from the last segment" in box.panes.message.value
    assert 'download="coding-Test_Coder.json"' in box.panes.download.value
    c.previous.click()
    assert c.tag.value == "situation" and c.note.value == "a doubt"
    c.previous.click()
    assert c.tag.value == "lead" and c.confidence.value == "high"


def test_the_reference_move_is_never_shown():
    box = annotator("Blind Coder")
    c = box.controls
    reference_label = "Situation"
    c.next.click()
    c.next.click()
    c.next.click()  # P2.1, a 'situation' segment in the reference
    assert "P2.1" in box.panes.segment.value
    assert reference_label not in box.panes.segment.value
    assert "not coded yet" in box.panes.segment.value


def test_reopening_shows_everything_as_before():
    first = annotator("Returning")
    first.controls.tag.value = "lead"
    first.controls.note.value = "first note"
    first.controls.save_next.click()
    first.controls.new_tag.value = "dateline"
    first.controls.add_tag.click()
    again = annotator("Returning")
    c = again.controls
    assert "2 of 19 coded" in again.panes.position.value
    assert "P1.3" in again.panes.segment.value  # opens at the first uncoded segment
    assert "dateline" in [value for _, value in c.tag.options]
    c.previous.click()
    assert c.tag.value == "dateline"
    c.previous.click()
    assert (c.tag.value, c.note.value) == ("lead", "first note")
    assert file_content(load_coding("Returning"))["codes"] == saved("Returning")["codes"]


def test_two_annotators_on_one_coder_keep_each_others_work():
    one, two = annotator("Twin"), annotator("Twin")
    one.controls.tag.value = "lead"
    one.controls.save_next.click()  # P1.1
    two.controls.next.click()
    two.controls.next.click()
    two.controls.tag.value = "situation"  # P1.3, saved at once
    assert set(saved("Twin")["codes"]) == {"P1.1", "P1.3"}
    one.controls.tag.value = "correction"  # P1.2
    assert set(saved("Twin")["codes"]) == {"P1.1", "P1.2", "P1.3"}
    assert saved("Twin")["codes"]["P1.3"]["tag"] == "situation"


def test_html_in_name_and_note_is_escaped():
    box = annotator("<b>Bold</b>")
    c = box.controls
    c.tag.value = "lead"
    c.note.value = "<script>alert(1)</script>"
    assert "<b>Bold</b>" not in box.panes.header.value and "&lt;b&gt;Bold" in box.panes.header.value
    static = box.static_html()
    assert "<script>alert" not in static and "&lt;script&gt;" in static
    assert re.fullmatch(r"work-b_Bold_b-[0-9a-f]{8}-000_\w+\.json", coding_path("<b>Bold</b>").name)
    assert re.fullmatch(r"coding-b_Bold_b-[0-9a-f]{8}\.json", coding_file_name("<b>Bold</b>"))
    assert saved("<b>Bold</b>")["coder"] == "<b>Bold</b>"


@pytest.mark.parametrize(
    "name, file_name",
    [("张三", r"work-张三-000_\w+\.json"), ("a b", r"work-a_b-000_\w+\.json"),
     ("../x", r"work-x-[0-9a-f]{8}-000_\w+\.json")],
)  # fmt: skip
def test_awkward_names_get_safe_files(isolated_work_dir, name, file_name):
    box = annotator(name)
    box.controls.tag.value = "lead"
    assert [path.name for path in isolated_work_dir.iterdir()] == [coding_path(name).name]
    assert re.fullmatch(file_name, coding_path(name).name)
    assert saved(name)["coder"] == name
    assert not (isolated_work_dir.parent / "coding-x.json").exists()


@pytest.mark.parametrize("name", ["", "   ", None])
def test_an_empty_name_asks_for_one(name):
    box = annotator(name)
    assert "Give your name first" in box.children[0].value
    assert "Give your name first" in box.static_html()


def test_a_damaged_file_opens_fresh_in_memory_and_is_saved_only_after_a_copy(isolated_work_dir):
    path = coding_path("Unlucky")
    path.write_text('{"format": "liaoyang-coding", "codes": {', encoding="utf-8")
    box = annotator("Unlucky")
    copies = backups(isolated_work_dir, "broken-")
    assert len(copies) == 1
    assert copies[0].name in box.panes.message.value
    assert path.read_text(encoding="utf-8").endswith("{")  # not touched yet
    box.controls.tag.value = "lead"
    assert copies[0].name in box.panes.message.value  # said again on the first save
    assert saved("Unlucky")["codes"]["P1.1"]["tag"] == "lead"
    assert len(backups(isolated_work_dir, "broken-")) == 1  # the same copy, no second one
    assert copies[0].read_text(encoding="utf-8").endswith("{")


def test_a_file_of_another_article_shows_an_error_and_no_annotator():
    save_coding(set_code(new_coding("Foreign", "001_other"), "P1.1", "lead"))
    text = coding_path("Foreign", "001_other").read_text(encoding="utf-8")
    coding_path("Foreign").write_text(text, encoding="utf-8")  # copied over by hand
    box = annotator("Foreign")
    assert "001_other" in box.panes.message.value
    assert box.panes.message in box.children and box.controls.tag not in box.children
    assert coding_path("Foreign").read_text(encoding="utf-8") == text


def test_an_old_coding_file_of_another_article_opens_a_fresh_coding_and_says_where_it_went():
    data = file_content(set_code(new_coding("Foreign", "001_other"), "P1.1", "lead"))
    old_coding_path("Foreign").write_text(json.dumps(data), encoding="utf-8")
    box = annotator("Foreign")
    message = box.panes.message.value
    assert "work-Foreign-001_other.json" in message and "coding-Foreign.json.moved" in message
    assert box.state()["open"] and box.state()["done"] == 0
    assert load_coding("Foreign", article="001_other").codes["P1.1"].tag == "lead"


def test_widget_export_and_restore():
    box = annotator("Exporter")
    c = box.controls
    c.tag.value = "lead"
    # The table is a download button made in the browser: no CSV file is written on the server.
    csv_link = re.search(r'<a [^>]*download="coding-Exporter.csv"[^>]*>', box.panes.download.value)
    assert csv_link and "ly-download" in csv_link.group(0)
    table = linked_csv(box.panes.download.value, "coding-Exporter.csv")
    assert table.set_index("seg_id").loc["P1.1", "tag"] == "lead"
    assert len(table) == 19 and "zh" in table.columns
    assert not (coding_path("Exporter").parent / "coding-Exporter.csv").exists()
    upload = file_content(set_code(new_coding("Exporter"), "P3.1", "middle-peasants"))
    content = memoryview(json.dumps(upload).encode("utf-8"))
    c.upload.value = (
        {
            "name": "mine.json",
            "type": "application/json",
            "size": len(content),
            "content": content,
            "last_modified": datetime.now(),
        },
    )
    assert "Restored 1 code" in box.panes.message.value
    assert set(saved("Exporter")["codes"]) == {"P3.1"}
    c.upload.value = (
        {
            "name": "bad.json",
            "type": "application/json",
            "size": 3,
            "content": memoryview(b"{x"),
            "last_modified": datetime.now(),
        },
    )
    assert "Nothing was restored" in box.panes.message.value
    assert set(saved("Exporter")["codes"]) == {"P3.1"}


def test_custom_tag_and_errors_show_messages_not_tracebacks():
    box = annotator("Tagger")
    c = box.controls
    c.save_next.click()  # no tag chosen
    assert "Choose a tag" in box.panes.message.value and not coding_path("Tagger").exists()
    c.new_tag.value = "   "
    c.add_tag.click()
    assert "ly-error" in box.panes.message.value
    c.new_tag.value = "rumour"
    c.add_tag.click()
    assert saved("Tagger")["codes"]["P1.1"]["tag"] == "rumour"
    assert "rumour" in saved("Tagger")["tagset"]
    c.new_tag.value = "Lead"  # a move's label selects the move, no duplicate tag
    c.add_tag.click()
    assert saved("Tagger")["codes"]["P1.1"]["tag"] == "lead"
    assert "Lead" not in saved("Tagger")["tagset"]


# ---------------------------------------------------------------- the one widget shape


def test_the_annotator_is_a_tool_with_controls_panes_and_state():
    box = annotator("Stateful")
    assert isinstance(box, Tool)
    assert box.state() == {
        "coder": "Stateful",
        "open": True,
        "seg_id": "P1.1",
        "tag": "",
        "done": 0,
        "total": 19,
        "unsaved": False,
    }
    box.controls.tag.value = "lead"
    box.controls.save_next.click()
    assert box.state()["seg_id"] == "P1.2" and box.state()["done"] == 1


def test_a_tool_that_cannot_open_is_an_error_box():
    for box in (annotator(""), annotator("A", table="seeds/no_such_article.txt")):
        assert isinstance(box, Tool) and box.controls is None and box.panes is None
        assert "ly-error" in box.children[0].value


def test_another_tag_set_needs_no_edit_of_the_annotator():
    frames = TagSet(["blame", "praise"], labels={"blame": "Blame", "praise": "Praise"})
    box = annotator("Framer", tagset=frames)
    c = box.controls
    assert [value for _, value in c.tag.options] == ["", "blame", "praise"]
    c.tag.value = "praise"
    assert saved("Framer")["codes"]["P1.1"]["tag"] == "praise"
    assert "Praise" in box.panes.segment.value
    c.new_tag.value = "BLAME"  # a label of the set: its tag, no new tag
    c.add_tag.click()
    assert saved("Framer")["codes"]["P1.1"]["tag"] == "blame"
    assert saved("Framer")["tagset"] == ["blame", "praise"]
    again = annotator("Framer", tagset=frames)
    assert again.state()["seg_id"] == "P1.2" and "Lead" not in str(again.controls.tag.options)
