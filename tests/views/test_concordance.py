"""Tests for the concordance widget: searching by its controls, messages, escaping, static form."""

from __future__ import annotations

from helpers.model.tables import segments
from helpers.views.concordance import concordance
from tests.analysis.test_search import made_up_table

TABLE = segments()

# ----------------------------------------------------------------------------- the widget


def test_widget_search_by_setting_values_and_clicking():
    box = concordance()
    controls = box.controls
    assert "Concordance" in box.static_html() and "ly-hit" in box.static_html()
    controls.query.value = "mutual aid"
    controls.lang.value = "en"
    controls.search.click()
    expected = sum(text.lower().count("mutual aid") for text in TABLE.en)
    assert f"{expected} hits for &#x27;mutual aid&#x27; in the English" in box.panes.results.value
    assert box.panes.results.value.count('class="ly-hit"') == expected
    assert '<tr class="ly-kwic-other">' in box.panes.results.value
    assert "<b>Chinese (P" in box.panes.results.value
    assert (
        "<svg" in box.panes.picture.value
        and box.panes.picture.value.count('class="hit"') == expected
    )
    assert "Reading of the plot" in box.panes.reading.value
    assert box.static_html().count('class="ly-hit"') == expected
    controls.window.value = 2
    controls.search.click()
    assert box.panes.results.value.count('class="ly-hit"') == expected


def test_widget_regex_checkbox_and_error_message():
    box = concordance("互助组")
    assert "13 hits for" in box.panes.results.value
    box.controls.regex.value = True
    box.controls.query.value = "互助("
    box.controls.search.click()
    assert (
        "ly-error" in box.panes.results.value
        and "not a valid regular expression" in box.panes.results.value
    )
    assert "Traceback" not in box.panes.results.value
    assert box.panes.picture.layout.display == "none"
    box.controls.query.value = "   "
    box.controls.search.click()
    assert "Type a word to search for." in box.panes.results.value


def test_widget_no_hits_suggests_what_to_try():
    box = concordance("cooperative", lang="zh")
    assert "No hits" in box.panes.results.value and "English" in box.panes.results.value
    assert "shorter word" in box.panes.results.value


def test_widget_escapes_html_in_queries_and_text():
    table = made_up_table(["<b>粗</b> 与 <script>x</script>"])
    box = concordance("<b>", table=table)
    box.controls.window.value = 40
    shown = box.panes.results.value
    assert '<span class="ly-hit">&lt;b&gt;</span>' in shown
    assert "<b>粗" not in shown and "<script>" not in shown
    assert "&lt;script&gt;" in shown
    box.controls.query.value = "<script>"
    box.controls.search.click()
    assert "<script>" not in box.panes.results.value
    assert "<script>" not in box.static_html()


def test_widget_static_form_shows_the_initial_query():
    box = concordance("合作社")
    static = box.static_html()
    assert static.count('class="ly-hit"') == sum(text.count("合作社") for text in TABLE.zh)
    assert "<b>English (P" in static
    bundle = box._repr_mimebundle_()
    assert bundle["text/html"] == static


def test_widget_match_everything_shows_a_bounded_table():
    box = concordance()
    box.controls.regex.value = True
    box.controls.query.value = "."
    box.controls.search.click()
    total = sum(len(text) for text in TABLE.zh)
    assert f"{total} hits" in box.panes.results.value
    assert box.panes.results.value.count('class="ly-hit"') == 200
    assert "Showing the first 200" in box.panes.results.value
