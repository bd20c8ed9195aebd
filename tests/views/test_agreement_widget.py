"""The agreement widget: Compare, the report, two coders' confusion, errors in one line."""

import json
import re

from helpers.model.coding import file_content, new_coding, set_code
from helpers.model.coding_store import save_coding
from helpers.model.tables import segments
from helpers.model.tagset import TagSet
from helpers.render.agreement import agreement
from helpers.views.agreement import agreement_widget
from helpers.views.tool import Tool

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
    box = agreement_widget(isolated_work_dir, reference=False)
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


def test_the_agreement_widget_is_a_tool_with_state(isolated_work_dir):
    write_coders()
    box = agreement_widget(isolated_work_dir, reference=False)
    assert isinstance(box, Tool)
    assert box.state() == {"coders": [], "rows": None, "columns": None}
    box.controls.compare.click()
    assert box.state() == {"coders": ["A", "B", "C"], "rows": "A", "columns": "B"}
    box.controls.coder_b.value = "C"
    assert box.state()["columns"] == "C" and "columns: C's tags" in box.panes.confusion.value


def test_the_agreement_widget_takes_another_tag_set(isolated_work_dir):
    write_coders({"A": ["x", "y"], "B": ["x", "x"]})
    frames = TagSet(["y", "x"], labels={"x": "Ex", "y": "Why"})
    box = agreement_widget(isolated_work_dir, tagset=frames)
    box.controls.compare.click()
    assert box.report.per_tag["label"].tolist() == ["Why", "Ex"]
    assert box.report.confusion("A", "B").index.tolist() == ["y", "x"]


def test_the_widget_shows_the_guides_figures_for_a_class_folder(isolated_work_dir):
    # Issue 12: the guide's call and the widget gave two "Fleiss' kappa (the class)".
    write_coders()
    folder = isolated_work_dir
    nina = set_code(set_code(new_coding("Nina Roy"), "P1.1", "lead"), "P1.2", "situation")
    (folder / "coding-Nina_Roy (1).json").write_text(json.dumps(file_content(nina)))
    (folder / "Tom_Berg_week7.json").write_text(json.dumps(file_content(nina))[:40])
    box = agreement_widget(folder)
    assert box.controls.reference.value is True  # the seed article: the reference is on
    box.controls.compare.click()
    guide = agreement(folder, reference="seed")
    assert box.report.figures() == guide.figures()
    assert sorted(box.report.students) == ["A", "B", "C", "Nina Roy"]
    assert box.report.students == guide.students
    html = box.panes.result.value
    among = guide.figures()["students among themselves"]
    against = guide.figures()["students against the reference"]
    assert f"Krippendorff's alpha <b>{among['alpha']:.2f}</b>" in html
    assert f"mean Cohen's kappa <b>{against['mean_cohen_kappa']:.2f}</b>" in html
    assert "Nina Roy coded 2 of 19" in html
    assert "Tom_Berg_week7.json" in html and "damaged" in html
    assert 'class="ly-dispute"' in html
    alpha = guide.per_tag.set_index("tag").loc["lead", "alpha"]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert f"{alpha:.2f}" in cells and str(alpha) not in cells
    box.controls.reference.value = False
    box.controls.compare.click()
    assert box.report.figures()["students among themselves"] == among
