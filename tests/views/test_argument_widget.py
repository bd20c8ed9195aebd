"""The argument map as a widget: redrawn for the problem highlighted, its static form."""

import base64
import html
import re

from helpers.analysis.argument import PROBLEM_BOXES
from helpers.views.argument_map import ArgumentMap, argument_map_widget
from helpers.views.tool import Tool


def shown_png(box) -> bytes:
    """The PNG the map's image pane shows (a data: URL in an <img>)."""
    encoded = re.search(
        r'<img class="ly-figure" src="data:image/png;base64,([^"]+)"', box.panes.image.value
    )
    return base64.b64decode(encoded.group(1))


def shown_alt(box) -> str:
    return html.unescape(re.search(r' alt="([^"]*)"', box.panes.image.value).group(1))


def test_widget_redraws_when_a_problem_is_highlighted():
    box = argument_map_widget()
    first = shown_png(box)
    assert first[:4] == b"\x89PNG"
    assert "No problem highlighted" in box.panes.message.value
    box.controls.highlight.value = "middle-peasants"
    assert shown_png(box)[:4] == b"\x89PNG" and shown_png(box) != first
    assert "by step 3" in box.panes.message.value
    assert "→ middle-peasants (highlighted)" in box.panes.table.value
    box.controls.highlight.value = ""
    assert shown_png(box) == first


def test_the_map_image_has_its_reading_as_alt_text_and_it_follows_the_highlight():
    from helpers.analysis.argument import argument_reading
    from helpers.analysis.compare import table_and_steps

    box = argument_map_widget()
    reading = " ".join(argument_reading(*table_and_steps()).split())
    assert shown_alt(box).startswith("Figure. The argument map. " + reading)
    assert "No problem highlighted" in shown_alt(box)
    box.controls.highlight.value = "deviation-2"
    assert "steps 2 and 4" in shown_alt(box) and shown_alt(box).startswith("Figure. The argument")
    width = int(re.search(r' width="(\d+)"', box.panes.image.value).group(1))
    assert 400 <= width <= 570  # shown unshrunk in a notebook 1024 px wide


def test_static_form_has_an_inline_png_and_the_table():
    page = argument_map_widget().static_html()
    encoded = re.search(r'<img src="data:image/png;base64,([^"]+)"', page).group(1)
    assert base64.b64decode(encoded)[:4] == b"\x89PNG"
    assert 'alt="The lead (P1.1–P1.3)' in page
    assert "a reading" in page and "<table" in page
    for move in PROBLEM_BOXES:
        assert move in page


def test_the_argument_map_is_a_tool_whose_state_is_the_problem_highlighted():
    box = argument_map_widget()
    assert isinstance(box, ArgumentMap) and isinstance(box, Tool)
    assert box.state() == {"highlight": ""}
    box.controls.highlight.value = "deviation-1"
    assert box.state() == {"highlight": "deviation-1"}
    assert "→ deviation-1 (highlighted)" in box.panes.table.value


def test_a_map_that_cannot_be_drawn_says_so(monkeypatch):
    import helpers.views.argument_map as view

    box = argument_map_widget()

    def fail(*args):
        raise ValueError("no room for the boxes")

    monkeypatch.setattr(view, "map_image_html", fail)
    box.controls.highlight.value = "deviation-2"
    assert "Cannot draw the map: no room for the boxes" in box.panes.message.value
