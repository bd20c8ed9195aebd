"""The reader can hide the moves, so notebook 02 shows no structure before its question."""

from __future__ import annotations

import html

from helpers.model.tables import moves, segments
from helpers.views.reader import reader

LABELS = [label for label in moves()["label"]]


def everything_shown(box) -> str:
    panes = [pane.value for pane in vars(box.panes).values() if hasattr(pane, "value")]
    jumps = [label for label, _ in box.controls.jump.options]
    return html.unescape("\n".join([*panes, *jumps, box.static_html()]))


def test_a_reader_without_moves_names_no_move_anywhere():
    box = reader(moves=False)
    for _ in range(len(segments())):
        shown = everything_shown(box)
        for label in LABELS:
            assert label not in shown, label
        assert 'class="ly-move"' not in shown and 'class="ly-swatch"' not in shown
        box.controls.next.click()
    assert box.controls.focus.layout.display == "none"
    box.controls.view.value = "article"
    assert "Go to: Deviation" not in everything_shown(box)
    assert everything_shown(box).count('class="ly-seg"') >= len(segments())


def test_the_default_reader_still_shows_the_moves():
    shown = everything_shown(reader(start="P2.3"))
    assert "Deviation 1" in shown and 'class="ly-move"' in shown


def test_go_to_by_id_still_works_without_moves():
    box = reader(moves=False)
    box.controls.jump.value = "P2.9"
    assert box.state()["seg_ids"] == ["P2.9"]
