"""The annotator: save-file format, migration, damaged files, merging, and the widget itself."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.model.storage import SaveFileError
from helpers.model.tables import segments
from helpers.views.annotator import (
    FILE_KEYS,
    ForeignCodingError,
    annotator,
    coding_path,
    coding_table,
    export_csv,
    file_content,
    load_coding,
    merge_codes,
    new_coding,
    progress,
    restore_from_upload,
    save_coding,
    set_code,
)

SEG_IDS = list(segments()["seg_id"])


def saved(coder):
    return json.loads(coding_path(coder).read_text(encoding="utf-8"))


def backups(folder, marker):
    return sorted(path for path in Path(folder).iterdir() if marker in path.name)


# ---------------------------------------------------------------- format


def test_saved_coding_loads_back_equal():
    coding = new_coding("Li Si")
    set_code(coding, "P1.1", "lead", "high", "the dateline")
    set_code(coding, "P2.3", "my own tag", "low", "<b>unsure</b>")
    path = save_coding(coding)
    assert path == coding_path("Li Si")
    data = saved("Li Si")
    assert data["format"] == "liaoyang-coding" and data["version"] == 2
    assert data["article"] == "000_de9b3e9f03d8f077"
    assert set(data) == set(FILE_KEYS)
    assert "my own tag" in data["tagset"]
    loaded = load_coding("Li Si")
    assert file_content(loaded) == file_content(coding)
    assert loaded["warnings"] == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(),
    tag=st.text(min_size=1, max_size=80).filter(lambda text: text.strip() == text and text),
    confidence=st.sampled_from(["low", "medium", "high"]),
)
def test_round_trip_of_any_note_and_tag(note, tag, confidence):
    coding = set_code(new_coding("Round Trip"), "P2.3", tag, confidence, note)
    save_coding(coding)
    loaded = load_coding("Round Trip")
    assert loaded["codes"]["P2.3"] == coding["codes"]["P2.3"]
    assert loaded["codes"]["P2.3"]["note"] == note
    coding_path("Round Trip").unlink()


def test_version_1_is_migrated_and_kept_before_the_first_overwrite(isolated_work_dir):
    old = {"coder": "Old Hand", "codes": {"P1.1": "lead", "P2.9": "deviation-2"}}
    old_text = json.dumps(old)
    coding_path("Old Hand").write_text(old_text, encoding="utf-8")
    coding = load_coding("Old Hand")
    assert coding["version"] == 2
    assert coding["codes"]["P2.9"]["tag"] == "deviation-2"
    assert coding["codes"]["P2.9"]["confidence"] == "medium"
    assert any("Migrated" in message for message in coding["messages"])
    set_code(coding, "P1.2", "lead")
    save_coding(coding)
    copies = backups(isolated_work_dir, "v1-backup")
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == old_text
    data = saved("Old Hand")
    assert data["version"] == 2 and set(data["codes"]) == {"P1.1", "P1.2", "P2.9"}
    save_coding(coding)  # the file is version 2 now: no second copy
    assert len(backups(isolated_work_dir, "v1-backup")) == 1


@pytest.mark.parametrize("text", ["{not json", '{"format": "liaoyang-coding", "vers', "", "[1, 2]"])
def test_damaged_file_is_copied_aside_and_not_overwritten(isolated_work_dir, text):
    path = coding_path("Broken")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveFileError) as caught:
        load_coding("Broken")
    copies = backups(isolated_work_dir, "broken-")
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == text
    assert copies[0].name in str(caught.value)
    assert path.read_text(encoding="utf-8") == text


def test_truncated_real_save_file_is_refused(isolated_work_dir):
    coding = set_code(new_coding("Cut Short"), "P1.1", "lead")
    path = save_coding(coding)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(SaveFileError):
        load_coding("Cut Short")
    assert path.read_bytes() == whole[: len(whole) // 2]
    assert len(backups(isolated_work_dir, "broken-")) == 1


def test_file_of_another_article_is_refused_and_kept():
    data = file_content(set_code(new_coding("Elsewhere", "001_other"), "P1.1", "lead"))
    text = json.dumps(data)
    coding_path("Elsewhere").write_text(text, encoding="utf-8")
    with pytest.raises(ForeignCodingError, match="001_other"):
        load_coding("Elsewhere")
    with pytest.raises(ForeignCodingError):
        save_coding(set_code(new_coding("Elsewhere"), "P1.2", "lead"))
    assert coding_path("Elsewhere").read_text(encoding="utf-8") == text


def test_unknown_segments_and_tags_are_kept_and_reported():
    data = file_content(new_coding("Odd"))
    data["codes"] = {
        "P99.1": {"tag": "lead", "confidence": "high", "note": "", "updated": ""},
        "P1.1": {"tag": "mystery", "confidence": "low", "note": "", "updated": ""},
    }
    coding_path("Odd").write_text(json.dumps(data), encoding="utf-8")
    coding = load_coding("Odd")
    assert coding["codes"]["P99.1"]["tag"] == "lead"
    assert coding["codes"]["P1.1"]["tag"] == "mystery"
    assert any("P99.1" in warning for warning in coding["warnings"])
    assert any("mystery" in warning for warning in coding["warnings"])
    table = coding_table(coding)
    assert table["seg_id"].iloc[-1] == "P99.1" and len(table) == len(SEG_IDS) + 1


def test_merge_keeps_the_later_code_of_each_segment():
    early = {"tag": "lead", "updated": "2025-01-01T10:00:00+00:00"}
    late = {"tag": "situation", "updated": "2025-01-01T12:00:00+02:00"}  # 10:00 UTC: a tie
    later = {"tag": "correction", "updated": "2025-01-01T10:00:01+00:00"}
    assert merge_codes({"s": early}, {"s": late})["s"] == early  # tie: ours
    assert merge_codes({"s": early}, {"s": later})["s"] == later
    assert merge_codes({"a": early}, {"b": later}) == {"a": early, "b": later}


def test_coding_table_progress_and_csv_export():
    coding = set_code(new_coding("张三"), "P1.1", "lead", "high", "电头")
    set_code(coding, "P1.2", "lead")
    assert progress(coding) == (2, len(SEG_IDS))
    table = coding_table(coding)
    assert list(table.columns) == ["seg_id", "zh", "en", "tag", "confidence", "note", "coder"]
    assert table.loc[0, "note"] == "电头" and table.loc[2, "tag"] == ""
    path = export_csv(coding)
    assert path.name == "coding-张三.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "电头" in text and "【新华社沈阳二十六日电】" in text
    assert text.splitlines()[0] == "seg_id,zh,en,tag,confidence,note,coder"


def test_restore_from_upload_backs_up_the_current_file(isolated_work_dir):
    current = save_coding(set_code(new_coding("Wang"), "P1.1", "situation"))
    before = current.read_bytes()
    upload = file_content(set_code(new_coding("Wang"), "P2.1", "situation", "high", "restored"))
    coding, message = restore_from_upload(json.dumps(upload).encode("utf-8"), "Wang")
    assert "Restored 1 code" in message
    assert set(saved("Wang")["codes"]) == {"P2.1"}
    assert coding["codes"]["P2.1"]["note"] == "restored"
    copies = backups(isolated_work_dir, "before-restore")
    assert len(copies) == 1 and copies[0].read_bytes() == before


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\xff\xfe not text", "not a coding save file"),
        (b"{broken", "not a coding save file"),
        (json.dumps({"coder": "Someone Else", "codes": {}}).encode(), "Someone Else"),
        (json.dumps({"format": "other"}).encode(), "not a coding save file"),
    ],
)
def test_restore_refuses_bad_uploads_and_changes_nothing(content, words):
    current = save_coding(set_code(new_coding("Wang"), "P1.1", "situation"))
    before = current.read_bytes()
    with pytest.raises(SaveFileError, match=words):
        restore_from_upload(content, "Wang")
    assert current.read_bytes() == before


# ---------------------------------------------------------------- the widget


def test_save_and_next_codes_three_segments_and_the_choice_follows():
    box = annotator("Test Coder")
    c = box.controls
    assert "Segment 1 of" in c.position_pane.value and "0 of 19 coded" in c.position_pane.value
    c.tag.value = "lead"
    c.confidence.value = "high"
    c.save_next.click()
    assert saved("Test Coder")["codes"]["P1.1"]["tag"] == "lead"
    assert saved("Test Coder")["codes"]["P1.1"]["confidence"] == "high"
    assert "P1.2" in c.segment_pane.value
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
    assert "3 of 19 coded" in c.position_pane.value
    assert "Saved P1.3 to " in c.status.value and "coding-Test_Coder.json at " in c.status.value
    assert "is kept from the last segment" in c.message.value
    assert 'download="coding-Test_Coder.json"' in c.download_pane.value
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
    assert "P2.1" in c.segment_pane.value
    assert reference_label not in c.segment_pane.value
    assert "not coded yet" in c.segment_pane.value


def test_reopening_shows_everything_as_before():
    first = annotator("Returning")
    first.controls.tag.value = "lead"
    first.controls.note.value = "first note"
    first.controls.save_next.click()
    first.controls.new_tag.value = "dateline"
    first.controls.add_tag.click()
    again = annotator("Returning")
    c = again.controls
    assert "2 of 19 coded" in c.position_pane.value
    assert "P1.3" in c.segment_pane.value  # opens at the first uncoded segment
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
    assert "<b>Bold</b>" not in c.header.value and "&lt;b&gt;Bold" in c.header.value
    static = box.static_html()
    assert "<script>alert" not in static and "&lt;script&gt;" in static
    assert coding_path("<b>Bold</b>").name == "coding-b_Bold_b.json"
    assert saved("<b>Bold</b>")["coder"] == "<b>Bold</b>"


@pytest.mark.parametrize(
    "name, file_name",
    [("张三", "coding-张三.json"), ("a b", "coding-a_b.json"), ("../x", "coding-x.json")],
)
def test_awkward_names_get_safe_files(isolated_work_dir, name, file_name):
    box = annotator(name)
    box.controls.tag.value = "lead"
    assert (isolated_work_dir / file_name).exists()
    assert saved(name)["coder"] == name
    assert not (isolated_work_dir.parent / "coding-x.json").exists()


@pytest.mark.parametrize("name", ["", "   ", None])
def test_an_empty_name_asks_for_one(name):
    box = annotator(name)
    assert "Type your name" in box.children[0].value
    assert "Type your name" in box.static_html()


def test_a_damaged_file_opens_fresh_in_memory_and_is_saved_only_after_a_copy(isolated_work_dir):
    path = coding_path("Unlucky")
    path.write_text('{"format": "liaoyang-coding", "codes": {', encoding="utf-8")
    box = annotator("Unlucky")
    copies = backups(isolated_work_dir, "broken-")
    assert len(copies) == 1
    assert copies[0].name in box.controls.message.value
    assert path.read_text(encoding="utf-8").endswith("{")  # not touched yet
    box.controls.tag.value = "lead"
    assert copies[0].name in box.controls.message.value  # said again on the first save
    assert saved("Unlucky")["codes"]["P1.1"]["tag"] == "lead"
    assert len(backups(isolated_work_dir, "broken-")) == 1  # the same copy, no second one
    assert copies[0].read_text(encoding="utf-8").endswith("{")


def test_a_file_of_another_article_shows_an_error_and_no_annotator():
    data = file_content(new_coding("Foreign", "001_other"))
    coding_path("Foreign").write_text(json.dumps(data), encoding="utf-8")
    box = annotator("Foreign")
    assert "001_other" in box.controls.message.value
    assert box.controls.message in box.children and box.controls.tag not in box.children


def test_widget_export_and_restore():
    box = annotator("Exporter")
    c = box.controls
    c.tag.value = "lead"
    c.export.click()
    assert "coding-Exporter.csv" in c.export_pane.value
    assert coding_path("Exporter").with_suffix(".csv").exists()
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
    assert "Restored 1 code" in c.message.value
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
    assert "Nothing was restored" in c.message.value
    assert set(saved("Exporter")["codes"]) == {"P3.1"}


def test_custom_tag_and_errors_show_messages_not_tracebacks():
    box = annotator("Tagger")
    c = box.controls
    c.save_next.click()  # no tag chosen
    assert "Choose a tag" in c.message.value and not coding_path("Tagger").exists()
    c.new_tag.value = "   "
    c.add_tag.click()
    assert "ly-error" in c.message.value
    c.new_tag.value = "rumour"
    c.add_tag.click()
    assert saved("Tagger")["codes"]["P1.1"]["tag"] == "rumour"
    assert "rumour" in saved("Tagger")["tagset"]
    c.new_tag.value = "Lead"  # a move's label selects the move, no duplicate tag
    c.add_tag.click()
    assert saved("Tagger")["codes"]["P1.1"]["tag"] == "lead"
    assert "Lead" not in saved("Tagger")["tagset"]
