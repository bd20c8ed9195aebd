"""Issue 15, "Work lost while the screen says Saved": clocks, tabs, identities, confidences, CSV.

Each case of the issue first (they failed before), then as many again of the same
families, and a Hypothesis property: for any interleaving of changes, restores and
saves from two tabs on one coder, the file holds the last change a person made.
"""

import csv
import io
import json
import unicodedata
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers.model.coding as coding_module
from helpers.analysis.class_codings import read_codings
from helpers.model.coding import file_content, new_coding, read_coding_data, set_code
from helpers.model.coding_export import spreadsheet_safe
from helpers.model.coding_store import (
    coding_file_name,
    coding_path,
    export_csv,
    load_coding,
    old_coding_path,
    restore_from_upload,
    save_coding,
    saved_coding_data,
)
from helpers.model.handin import hand_in_name
from helpers.model.handin_restore import restore_hand_in
from helpers.model.names import clean_name, coder_key
from helpers.model.tables import segments
from helpers.model.work import StudentWork, work_path
from helpers.render.agreement import compare_with_reference
from helpers.views.annotator import annotator

SEG_IDS = list(segments()["seg_id"])
FUTURE = "2099-06-01T10:00:00.000000+00:00"


def tags_in_file(coder, article=None) -> dict:
    data = saved_coding_data(coder, article) or {"codes": {}}
    return {seg: code["tag"] for seg, code in data["codes"].items()}


def upload(box, data, name="mine.json") -> None:
    content = memoryview(json.dumps(data).encode("utf-8"))
    box.controls.upload.value = (
        {"name": name, "type": "application/json", "size": len(content), "content": content,
         "last_modified": datetime.now()},
    )  # fmt: skip


def future_coding(coder, tags: dict) -> dict:
    data = file_content(new_coding(coder))
    data["codes"] = {
        seg: {"tag": tag, "confidence": "medium", "note": "from the fast clock", "updated": FUTURE}
        for seg, tag in tags.items()
    }
    data["updated"] = FUTURE
    return data


# ============================================================== clocks: a change here is newest


def test_a_restored_code_stamped_in_the_future_does_not_win_over_a_later_change():
    box = annotator("Fast Clock")
    upload(box, future_coding("Fast Clock", {"P1.1": "situation"}))
    assert "Restored 1 code" in box.panes.message.value
    c = box.controls
    box.go(0)
    c.tag.value = "lead"
    c.note.value = "my own reading"
    assert "Saved P1.1" in box.panes.status.value
    saved = saved_coding_data("Fast Clock")["codes"]["P1.1"]
    assert (saved["tag"], saved["note"]) == ("lead", "my own reading")
    assert load_coding("Fast Clock").codes["P1.1"].tag == "lead"
    assert box.coding.codes["P1.1"].tag == c.tag.value == "lead"  # badge and dropdown agree


def test_a_clock_set_back_does_not_undo_the_change_made_after(monkeypatch):
    coding = set_code(new_coding("Set Back"), "P1.1", "lead")
    save_coding(coding)
    monkeypatch.setattr(coding_module, "now_iso", lambda: "2001-01-01T00:00:00.000000+00:00")
    save_coding(set_code(coding, "P1.1", "correction"))
    assert tags_in_file("Set Back") == {"P1.1": "correction"}


def test_a_future_code_held_in_another_tab_does_not_undo_a_change_here():
    restore_from_upload(json.dumps(future_coding("Two Clocks", {"P1.1": "situation"})).encode(),
                        "Two Clocks")  # fmt: skip
    stale = load_coding("Two Clocks")  # a tab opened after the restore holds the future code
    here = load_coding("Two Clocks")
    save_coding(set_code(here, "P1.1", "lead"))
    save_coding(set_code(stale, "P1.2", "situation"))  # the other tab's next change
    assert tags_in_file("Two Clocks") == {"P1.1": "lead", "P1.2": "situation"}
    assert stale.codes["P1.1"].tag == "lead"  # and that tab now shows it


def test_a_restored_hand_in_from_a_fast_clock_then_a_change_here_keeps_the_change(tmp_path):
    upload_data = {"format": "liaoyang-coding", **future_coding("Li Si", {"P1.1": "situation"})}
    raw = json.dumps(upload_data).encode("utf-8")
    result = restore_hand_in(raw, "coding.json", "Li Si")
    assert "1 code merged" in str(result)
    save_coding(set_code(load_coding("Li Si"), "P1.1", "lead"))
    assert tags_in_file("Li Si") == {"P1.1": "lead"}


def test_an_unreadable_stamp_in_the_file_does_not_block_a_change():
    save_coding(set_code(new_coding("Odd Stamp"), "P1.1", "lead"))
    data = json.loads(coding_path("Odd Stamp").read_text(encoding="utf-8"))
    data["coding"]["codes"]["P1.1"]["updated"] = "tomorrow"
    coding_path("Odd Stamp").write_text(json.dumps(data), encoding="utf-8")
    save_coding(set_code(load_coding("Odd Stamp"), "P1.1", "situation"))
    assert tags_in_file("Odd Stamp") == {"P1.1": "situation"}


# ============================================================== tabs: a restore stays restored


def test_a_restore_in_one_tab_is_not_undone_by_the_next_change_in_another():
    first, second = annotator("Two Tabs"), annotator("Two Tabs")
    first.controls.tag.value = "lead"  # P1.1 in the first tab
    second.go(1)
    second.controls.tag.value = "situation"  # P1.2 in the second: it knows P1.1 too now
    upload(first, file_content(set_code(new_coding("Two Tabs"), "P3.1", "middle-peasants")))
    assert tags_in_file("Two Tabs") == {"P3.1": "middle-peasants"}
    second.go(5)
    second.controls.tag.value = "correction"  # the second tab's next change
    assert tags_in_file("Two Tabs") == {"P3.1": "middle-peasants", SEG_IDS[5]: "correction"}
    assert set(second.coding.codes) == {"P3.1", SEG_IDS[5]}  # it shows what the file holds


def test_a_hand_in_restored_in_one_tab_is_not_undone_by_a_change_in_another(tmp_path):
    tab = annotator("Li Si")
    tab.controls.tag.value = "lead"
    upload_data = file_content(set_code(new_coding("Li Si"), "P2.1", "situation"))
    restore_hand_in(json.dumps(upload_data).encode("utf-8"), "h.json", "Li Si")
    tab.go(3)
    tab.controls.tag.value = "correction"
    assert tags_in_file("Li Si") == {"P1.1": "lead", "P2.1": "situation", SEG_IDS[3]: "correction"}


def test_a_new_tag_added_in_one_tab_is_kept_when_the_other_saves():
    first, second = load_coding("Tagger"), load_coding("Tagger")
    save_coding(set_code(first, "P1.1", "my own tag"))
    save_coding(set_code(second, "P1.2", "lead"))
    assert "my own tag" in saved_coding_data("Tagger")["tagset"]
    assert "my own tag" in second.tagset


# ============================================================== one identity, never colliding

LONG = "Group of the second seminar on the 1954 Liaoyang report, cooperative team "  # 75


def test_two_names_sharing_their_first_80_characters_write_two_files():
    first, second = LONG + "alpha one", LONG + "alpha two"
    assert first[:80] == second[:80]
    save_coding(set_code(new_coding(first), "P1.1", "lead"))
    save_coding(set_code(new_coding(second), "P1.1", "situation"))
    assert coding_path(first) != coding_path(second)
    assert load_coding(first).codes["P1.1"].tag == "lead"
    assert load_coding(second).codes["P1.1"].tag == "situation"
    assert annotator(second).coding.coder == second


def test_a_name_whose_cut_ended_in_a_space_finds_its_own_coding():
    name = "x" * 79 + " and a longer tail"  # the old cut at 80 ended in a space
    box = annotator(name)
    box.controls.tag.value = "lead"
    assert coding_path(name).exists() and box.coding.coder == clean_name(name)
    report = compare_with_reference(name)
    assert "No coding saved" not in str(report) and report.coders[0] == clean_name(name)


@pytest.mark.parametrize("other", ["Li_Si", "Li.Si", "Li/Si", "Li-Si"])
def test_names_that_looked_alike_as_file_names_stay_apart(other):
    save_coding(set_code(new_coding("Li Si"), "P1.1", "lead"))
    if clean_name(other) != "Li Si":
        save_coding(set_code(new_coding(other), "P1.1", "situation"))
        assert coding_path(other) != coding_path("Li Si")
        assert load_coding("Li Si").codes["P1.1"].tag == "lead"
        assert load_coding(other).codes["P1.1"].tag == "situation"


def test_one_key_for_every_file_of_a_name_wherever_it_is_computed():
    name = "  Zhao   Liu <b>  "
    key = coder_key(name)
    assert work_path(name).name.startswith(f"work-{key}-")
    assert coding_file_name(name) == f"coding-{key}.json"
    assert hand_in_name(name).startswith(f"handin-{key}-")
    assert StudentWork(name).path == coding_path(name) == work_path(clean_name(name))
    assert coder_key(clean_name(name)) == key


def test_a_name_typed_composed_or_decomposed_is_one_student():
    composed, decomposed = "Zoë", unicodedata.normalize("NFD", "Zoë")
    save_coding(set_code(new_coding(composed), "P1.1", "lead"))
    assert coding_path(decomposed) == coding_path(composed)
    assert load_coding(decomposed).codes["P1.1"].tag == "lead"


def test_a_work_file_under_an_old_key_is_taken_over_by_its_owner_only(isolated_work_dir):
    old = isolated_work_dir / "work-Li_Si-000_de9b3e9f03d8f077.json"  # as "Li_Si" was saved
    StudentWork("Li Si").save_note("n", "Li Si's own")  # the key of "Li Si" is Li_Si
    assert coding_path("Li Si") == old
    assert StudentWork("Li_Si").note("n") == ""  # another student: not taken
    assert old.exists()
    renamed = old.read_text(encoding="utf-8").replace('"Li Si"', '"Li_Si"')
    (isolated_work_dir / "work-Li_Si-000_de9b3e9f03d8f077.json").unlink()
    old.write_text(renamed, encoding="utf-8")  # a file of "Li_Si" saved by an older version
    assert StudentWork("Li_Si").note("n") == "Li Si's own"
    assert not old.exists() and work_path("Li_Si").exists()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=120), st.text(min_size=1, max_size=120))
def test_two_different_names_never_share_a_key(first, second):
    if clean_name(first) and clean_name(second) and clean_name(first) != clean_name(second):
        assert coder_key(first) != coder_key(second)
    assert coder_key(clean_name(first)) == coder_key(first)


# ============================================================== confidences typed by hand


@pytest.mark.parametrize("typed", ["HIGH", "High ", " high", "hIgH"])
def test_a_hand_edited_confidence_in_any_case_is_read_as_it_was_meant(typed):
    data = file_content(set_code(new_coding("Editor"), "P1.1", "lead", "high"))
    data["codes"]["P1.1"]["confidence"] = typed
    assert read_coding_data(data).codes["P1.1"].confidence == "high"
    old_coding_path("Editor").write_text(json.dumps(data), encoding="utf-8")
    coding = load_coding("Editor")
    assert coding.codes["P1.1"].confidence == "high" and coding.warnings == []


def test_an_unknown_confidence_is_reported_not_silently_medium():
    data = file_content(set_code(new_coding("Editor"), "P1.1", "lead", "high"))
    data["codes"]["P1.1"]["confidence"] = "very sure"
    coding = read_coding_data(data)
    assert coding.codes["P1.1"].confidence == "medium"
    assert any("'very sure'" in warning and "P1.1" in warning for warning in coding.warnings)
    codings, _ = read_codings([data])
    assert any("'very sure'" in warning for warning in codings[0].warnings)
    old_coding_path("Editor").write_text(json.dumps(data), encoding="utf-8")
    assert "very sure" in annotator("Editor").panes.message.value


def test_a_confidence_given_in_capitals_by_a_script_is_accepted():
    assert set_code(new_coding("A"), "P1.1", "lead", "LOW").codes["P1.1"].confidence == "low"
    with pytest.raises(ValueError, match="Confidence must be one of"):
        set_code(new_coding("A"), "P1.1", "lead", "sure")


# ============================================================== the CSV export, formula-safe


def exported_rows(coding) -> list[dict]:
    text = export_csv(coding).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_note_that_is_a_formula_is_text_in_the_csv():
    note = '=HYPERLINK("http://example.com/x","click")'
    rows = exported_rows(set_code(new_coding("Sheet"), "P1.1", "lead", note=note))
    assert rows[0]["note"] == "'" + note


@pytest.mark.parametrize("start", ["+", "-", "@", "\t", "\r", "="])
def test_every_formula_start_owasp_names_is_prefixed(start):
    rows = exported_rows(
        set_code(new_coding("Sheet"), "P1.1", "lead", note=start + "cmd|' /C calc'!A0")
    )
    assert rows[0]["note"].startswith("'" + start)


def test_a_tag_or_name_that_starts_like_a_formula_is_prefixed_and_plain_text_is_not():
    coding = set_code(new_coding("=Sheet"), "P1.1", "-minus tag", note="plain = text")
    rows = exported_rows(coding)
    assert rows[0]["tag"] == "'-minus tag" and rows[0]["coder"] == "'=Sheet"
    assert rows[0]["note"] == "plain = text" and rows[0]["zh"] == "【新华社沈阳二十六日电】"
    assert spreadsheet_safe("") == "" and spreadsheet_safe(None) is None


# ============================================================== the property: two tabs

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("change"), st.integers(0, 1), st.sampled_from(SEG_IDS[:4]),
                  st.sampled_from(["lead", "situation", "correction"])),
        st.tuples(st.just("restore"), st.integers(0, 1),
                  st.dictionaries(st.sampled_from(SEG_IDS[:4]), st.sampled_from(["lead", "rumour"]),
                                  max_size=3),
                  st.sampled_from([FUTURE, "1970-01-01T00:00:00+00:00", "not a time"])),
        st.tuples(st.just("save"), st.integers(0, 1)),
        st.tuples(st.just("reopen"), st.integers(0, 1)),
    ),
    max_size=14,
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(OPERATIONS)
def test_whatever_two_tabs_do_the_file_holds_the_last_change_made(
    monkeypatch, tmp_path, operations
):
    folder = tmp_path / f"run-{len(list(tmp_path.iterdir()))}"
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(folder))
    tabs, expected = [load_coding("Tabs"), load_coding("Tabs")], {}
    for operation in operations:
        kind, tab = operation[0], operation[1]
        if kind == "change":  # the annotator saves every change at once
            save_coding(set_code(tabs[tab], operation[2], operation[3]))
            expected[operation[2]] = operation[3]
        elif kind == "restore":
            data = file_content(new_coding("Tabs"))
            data["codes"] = {seg: {"tag": tag, "updated": operation[3]}
                             for seg, tag in operation[2].items()}  # fmt: skip
            tabs[tab], _ = restore_from_upload(json.dumps(data).encode("utf-8"), "Tabs")
            expected = dict(operation[2])
        elif kind == "save":
            save_coding(tabs[tab])  # nothing changed here: nothing undone there
        else:
            tabs[tab] = load_coding("Tabs")
        assert tags_in_file("Tabs") == expected
    assert {seg: code.tag for seg, code in load_coding("Tabs").codes.items()} == expected


@pytest.mark.parametrize("name", ["", "   "])
def test_no_name_yet_is_a_notice_not_a_traceback(name):
    assert "Give your name first" in str(compare_with_reference(name))
    assert saved_coding_data(name) is None
