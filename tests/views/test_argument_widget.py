"""The argument map as a widget: redrawn for the problem highlighted, its static form."""

import base64
import re

from helpers.analysis.argument import PROBLEM_BOXES
from helpers.views.argument_map import argument_map_widget


def test_widget_redraws_when_a_problem_is_highlighted():
    box = argument_map_widget()
    first = box.panes.image.value
    assert first[:4] == b"\x89PNG"
    assert "No problem highlighted" in box.panes.message.value
    box.controls.highlight.value = "middle-peasants"
    assert box.panes.image.value[:4] == b"\x89PNG" and box.panes.image.value != first
    assert "by step 3" in box.panes.message.value
    assert "→ middle-peasants (highlighted)" in box.panes.table.value
    box.controls.highlight.value = ""
    assert box.panes.image.value == first


def test_static_form_has_an_inline_png_and_the_table():
    page = argument_map_widget().static_html()
    encoded = re.search(r'<img src="data:image/png;base64,([^"]+)"', page).group(1)
    assert base64.b64decode(encoded)[:4] == b"\x89PNG"
    assert 'alt="The lead (P1.1–P1.3)' in page
    assert "a reading" in page and "<table" in page
    for move in PROBLEM_BOXES:
        assert move in page
