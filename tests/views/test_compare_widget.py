"""Compare as a widget: three tabs answering their menus, the static form, escaping."""

from helpers import renderings, segments
from helpers.render.html import escape
from helpers.views.compare import Compare, compare
from helpers.views.tool import Tool


def test_widget_has_three_tabs_and_each_view_answers_its_controls():
    box = compare()
    c, panes = box.controls, box.panes
    assert list(c.tab.titles) == [
        "Two deviations",
        "English against Chinese",
        "How terms are rendered",
    ]

    c.tab.selected_index = 0
    assert (
        'data-seg="P2.7"' in panes.deviations.value and "Let them do it" in panes.deviations.value
    )
    c.problem.value = "deviation-2"
    assert 'data-seg="P2.9"' in panes.deviations.value
    assert 'data-seg="P2.7"' not in panes.deviations.value  # only deviation 2's evidence now
    assert 'data-seg="P3.5"' in panes.deviations.value  # step 4 answers it
    assert 'data-seg="P3.2"' not in panes.deviations.value  # step 1 does not

    c.tab.selected_index = 1
    c.segment.value = "P3.4"
    assert 'data-seg="P3.4"' in panes.segment.value
    assert "draught team" in panes.segment.value and "cattle" in panes.segment.value
    c.segment.value = "P1.2"
    assert "Liaodong Province" in panes.segment.value
    assert "draught team" not in panes.segment.value

    c.tab.selected_index = 2
    all_rows = panes.terms.value.count("<tr>")
    assert "✓ fine" in panes.terms.value
    c.show.value = "flagged"
    assert "✓ fine" not in panes.terms.value
    assert panes.terms.value.count("<tr>") == int(renderings().flag.sum()) + 1 < all_rows
    c.term.value = "牛犋"
    assert panes.terms.value.count("<tr>") == 2 and "⚠ wrong" in panes.terms.value
    c.term.value = "干部"  # every rendering of 干部 is fine
    assert "No occurrence matches" in panes.terms.value


def test_static_form_shows_all_three_views():
    page = compare().static_html()
    for heading in ("Two deviations", "English against Chinese", "How terms are rendered"):
        assert f"<h3>{heading}</h3>" in page
    for seg_id in segments().seg_id:
        assert f'data-seg="{seg_id}"' in page
    wrong = int((renderings().verdict == "wrong").sum())
    rendering_view = page.split("<h3>How terms are rendered</h3>")[1]
    assert rendering_view.count("⚠ wrong") == wrong
    assert page.count("⚠ wrong") == 2 * wrong  # once more, in its segment's notes


def test_text_from_the_table_is_escaped():
    table = segments()
    table.loc[table.seg_id == "P2.9", "note"] = "<b>bold</b> & <script>x</script>"
    box = compare(table)
    box.controls.segment.value = "P2.9"
    shown = box.panes.segment.value
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in shown
    assert "<b>bold</b>" not in shown and "<script>" not in shown
    assert "<b>bold</b>" not in box.static_html()


def test_compare_is_a_tool_whose_state_is_its_menus():
    box = compare()
    assert isinstance(box, Compare) and isinstance(box, Tool)
    assert box.state() == {
        "tab": 0,
        "problem": "",
        "segment": "P1.1",
        "show": "all",
        "term": "",
    }
    box.controls.tab.selected_index = 2
    box.controls.term.value = "牛犋"
    assert box.state()["tab"] == 2 and box.state()["term"] == "牛犋"


def test_a_bad_choice_says_so_in_its_pane_and_the_others_keep_working():
    box = compare()
    box.controls.segment.options = ["P1.1", "P9.9"]
    box.controls.segment.value = "P9.9"
    assert escape("There is no segment 'P9.9'") in box.panes.segment.value
    assert "Choose another value above." in box.panes.segment.value
    box.controls.problem.value = "deviation-2"
    assert 'data-seg="P2.9"' in box.panes.deviations.value


def test_a_failing_handler_shows_a_message_not_a_traceback(monkeypatch):
    box = compare()

    def fail():
        raise RuntimeError("broken view")

    monkeypatch.setattr(box, "redraw_terms", fail)
    box.controls.show.value = "flagged"
    assert "RuntimeError: broken view" in box.panes.message.value


def test_compare_takes_its_steps_through_the_one_door(tmp_path):
    path = tmp_path / "steps.csv"
    path.write_text("step,seg_id,answers\n1,P3.2,deviation-2\n", encoding="utf-8")
    box = Compare(segments(), steps=path)
    assert box.steps_table["step"].tolist() == [1]
    box.controls.problem.value = "deviation-2"
    assert 'data-seg="P3.2"' in box.panes.deviations.value
    assert 'data-seg="P3.5"' not in box.panes.deviations.value  # the seed's step 4 is not given
