"""Compare's HTML: the deviations view, one problem's evidence, one segment, the static page."""

import re

from helpers import segments, steps
from helpers.analysis.compare import NOT_CODED, READING_NOTE, table_and_steps
from helpers.render.compare_html import (
    compare_static_html,
    deviations_html,
    evidence_html,
    rendering_view_html,
    segment_comparison_html,
)
from helpers.render.html import escape, message_html

SEG_ATTR = re.compile(r'data-seg="([^"]+)"')


def test_the_deviations_view_has_the_table_the_note_and_each_problem():
    page = deviations_html(*table_and_steps())
    heading = "<h4>Two deviations, and a third problem</h4>"
    assert page.startswith(heading + '<div class="ly-table-scroll"')
    assert "<table" in page
    assert f"<p><small>{escape(READING_NOTE)}</small></p>" in page
    assert page.count("<p><b>What the article says (evidence, both languages)</b></p>") == 3
    assert message_html(NOT_CODED) not in page
    one = deviations_html(*table_and_steps(), "deviation-2")
    assert one.count("<p><b>What the article says") == 1
    assert message_html(NOT_CODED) in deviations_html(segments().assign(move=""), steps())


def test_one_problems_evidence_and_the_steps_answering_it():
    page = evidence_html("middle-peasants", segments(), steps())
    assert " (a third problem)</h4>" in page
    row = steps().set_index("step").loc[3]
    assert (
        f"<li><b>Step 3</b> ({row.seg_id}): {escape(row.summary)} "
        f"<i>Why, on this reading:</i> {escape(row.reading)}</li>"
    ) in page
    assert page.count("<li>") == 1
    assert "No segment is coded so." in evidence_html(
        "middle-peasants", segments().iloc[:3], steps()
    )


def test_a_segments_notes_are_escaped_in_its_comparison():
    table = segments()
    table.loc[table.seg_id == "P2.9", "note"] = "<b>bold</b> & more"
    page = segment_comparison_html("P2.9", table)
    assert "<p><b>Coding note:</b> &lt;b&gt;bold&lt;/b&gt; &amp; more</p>" in page
    table.loc[table.seg_id == "P2.9", "note"] = "  "
    assert "<p><b>Coding note:</b> (none)</p>" in segment_comparison_html("P2.9", table)


def test_the_static_page_holds_all_three_views_in_order():
    page = compare_static_html(*table_and_steps())
    first, second, third = (
        page.index(f"<h3>{h}</h3>")
        for h in ("Two deviations", "English against Chinese", "How terms are rendered")
    )
    assert first < second < third
    assert page.endswith(rendering_view_html("all", "", segments()))
    assert [f"<h4>{seg_id}</h4>" in page for seg_id in segments().seg_id] == [True] * 19
