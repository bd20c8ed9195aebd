"""Saving a coding: the save-file format, migration, damaged files, merging, export, restore."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.model.coding import (
    FILE_KEYS,
    Code,
    ForeignCodingError,
    file_content,
    new_coding,
    progress,
    set_code,
)
from helpers.model.coding_store import (
    coding_path,
    coding_table,
    export_csv,
    load_coding,
    merge_codes,
    old_coding_path,
    restore_from_upload,
    save_coding,
)
from helpers.model.storage import SaveFileError
from helpers.model.tables import segments
from tests.coding_cases import backups, saved

SEG_IDS = list(segments()["seg_id"])


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
    assert loaded.warnings == []


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
    assert loaded.codes["P2.3"] == coding.codes["P2.3"]
    assert loaded.codes["P2.3"].note == note
    coding_path("Round Trip").unlink()


def test_version_1_is_migrated_and_kept_before_the_first_overwrite(isolated_work_dir):
    old = {"coder": "Old Hand", "codes": {"P1.1": "lead", "P2.9": "deviation-2"}}
    old_text = json.dumps(old)
    old_coding_path("Old Hand").write_text(old_text, encoding="utf-8")
    coding = load_coding("Old Hand")
    assert coding.version == 2
    assert coding.codes["P2.9"].tag == "deviation-2"
    assert coding.codes["P2.9"].confidence == "medium"
    assert any("Migrated" in message for message in coding.messages)
    assert any("coding-Old_Hand.json.moved" in message for message in coding.messages)
    set_code(coding, "P1.2", "lead")
    save_coding(coding)
    copies = backups(isolated_work_dir, ".moved")
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == old_text
    assert not old_coding_path("Old Hand").exists()
    data = saved("Old Hand")
    assert data["version"] == 2 and set(data["codes"]) == {"P1.1", "P1.2", "P2.9"}
    save_coding(coding)  # the old file was folded in once: no second copy
    assert len(backups(isolated_work_dir, ".moved")) == 1


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


def test_an_old_file_of_another_article_goes_to_that_articles_work_and_is_kept():
    data = file_content(set_code(new_coding("Elsewhere", "001_other"), "P1.1", "lead"))
    text = json.dumps(data)
    old_coding_path("Elsewhere").write_text(text, encoding="utf-8")
    assert load_coding("Elsewhere").codes == {}  # the seed's coding: nothing of the other
    assert load_coding("Elsewhere", article="001_other").codes["P1.1"].tag == "lead"
    assert saved("Elsewhere", "001_other")["codes"]["P1.1"]["tag"] == "lead"
    moved = old_coding_path("Elsewhere").with_name("coding-Elsewhere.json.moved")
    assert moved.read_text(encoding="utf-8") == text


def test_a_work_file_of_another_article_is_refused_and_kept():
    save_coding(set_code(new_coding("Elsewhere", "001_other"), "P1.1", "lead"))
    text = coding_path("Elsewhere", "001_other").read_text(encoding="utf-8")
    coding_path("Elsewhere").write_text(text, encoding="utf-8")  # copied over by hand
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
    old_coding_path("Odd").write_text(json.dumps(data), encoding="utf-8")
    coding = load_coding("Odd")
    assert coding.codes["P99.1"].tag == "lead"
    assert coding.codes["P1.1"].tag == "mystery"
    assert any("P99.1" in warning for warning in coding.warnings)
    assert any("mystery" in warning for warning in coding.warnings)
    table = coding_table(coding)
    assert table["seg_id"].iloc[-1] == "P99.1" and len(table) == len(SEG_IDS) + 1


def test_merge_keeps_the_later_code_of_each_segment():
    early = Code("lead", updated="2025-01-01T10:00:00+00:00")
    late = Code("situation", updated="2025-01-01T12:00:00+02:00")  # 10:00 UTC: a tie
    later = Code("correction", updated="2025-01-01T10:00:01+00:00")
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
    assert coding.codes["P2.1"].note == "restored"
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
