"""The agreement widget: Compare, the report, two coders' confusion, errors in one line."""

from helpers.model.coding import new_coding, set_code
from helpers.model.coding_store import save_coding
from helpers.model.tables import segments
from helpers.views.agreement import agreement_widget

SEG_IDS = list(segments()["seg_id"])
CODERS = {
    "A": ["lead", "lead", "lead", "situation", "situation", "deviation-1"],
    "B": ["lead", "lead", "situation", "situation", "situation", "deviation-1"],
    "C": ["lead", "situation", "situation", "situation", "deviation-1", "deviation-1"],
}


def write_coders(coders=CODERS):
    for name, tags in coders.items():
        coding = new_coding(name)
        for seg_id, tag in zip(SEG_IDS, tags, strict=False):
            set_code(coding, seg_id, tag)
        save_coding(coding)


def test_agreement_widget_compares_and_shows_a_confusion_table(isolated_work_dir):
    write_coders()
    box = agreement_widget(isolated_work_dir)
    c = box.controls
    c.compare.click()
    assert "Fleiss" in box.panes.result.value and "Disputed segments (3)" in box.panes.result.value
    assert list(c.coder_a.options) == ["A", "B", "C"]
    assert "<table" in box.panes.confusion.value
    c.coder_b.value = "C"
    assert "columns: C's tags" in box.panes.confusion.value
    c.coder_b.value = "A"
    assert "two different coders" in box.panes.confusion.value
    c.reference.value = True
    c.compare.click()
    assert "reference" in list(c.coder_a.options)
    assert "Fleiss" in box.static_html()


def test_agreement_widget_reports_errors_in_one_line(isolated_work_dir):
    box = agreement_widget(isolated_work_dir / "missing")
    box.controls.compare.click()
    assert "ly-error" in box.panes.result.value and "does not exist" in box.panes.result.value
    box.controls.folder.value = str(isolated_work_dir)
    box.controls.compare.click()
    assert "No coding was found" in box.panes.result.value
