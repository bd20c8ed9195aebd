"""Compare as a widget: three tabs answering their menus, the static form, escaping."""

from helpers import renderings, segments
from helpers.views.compare import compare


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
