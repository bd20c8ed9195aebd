"""The concordance's word and case controls in a real JupyterLab, driven by mouse and keyboard.

A notebook with ``helpers.concordance("合作社")`` is run in the lab; the test
clicks "words: mark parts" and sees every hit marked "inside 农业生产合作社",
chooses "whole words only" by keyboard and sees the hits left out, ticks
"match case" by keyboard and sees 'cpc' no longer match CPC, and checks at
1024 px that the new controls fit beside the notebook's edge.
"""

from __future__ import annotations

import pytest

from tests.browser import (
    artefacts_dir,
    button_in,
    code_cell,
    control_in,
    run_notebook_in_lab,
    wait_for_text,
    wait_idle,
    write_code_notebook,
)

pytestmark = pytest.mark.browser

SOURCE = 'import helpers\nhelpers.concordance("合作社")'


def right_edges(scope, selector: str) -> list[float]:
    """The right edge (px) of each element matching ``selector`` inside ``scope``."""
    return scope.locator(selector).evaluate_all(
        "nodes => nodes.map(n => n.getBoundingClientRect().right)"
    )


def search_for(page, tool, query: str) -> None:
    field = tool.get_by_placeholder("互助组 or mutual aid")
    field.fill(query)
    field.press("Enter")
    wait_idle(page)


def test_the_word_and_case_controls_mark_and_leave_out_hits(lab_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1024, "height": 900})
    path = write_code_notebook(lab_server.root / "browser_concordance_words.ipynb", SOURCE)
    try:
        run = run_notebook_in_lab(page, lab_server, path.name)
        assert run.errors == [] and run.widget_errors == 0, run.errors
        tool = code_cell(page, SOURCE)
        wait_for_text(tool, "13 hits for '合作社' in the Chinese.")
        assert tool.locator("td.ly-kwic-word").count() == 0

        # The three choices and the check box fit inside the cell at 1024 px.
        edge = tool.locator(".jp-OutputArea-output").first.evaluate(
            "n => n.getBoundingClientRect().right"
        )
        for label in ("characters", "words: mark parts", "whole words only"):
            assert button_in(tool, label).is_visible(), label
        edges = right_edges(tool, ".widget-toggle-button") + right_edges(tool, ".widget-checkbox")
        assert edges and max(edges) <= edge + 1, (edges, edge)

        button_in(tool, "words: mark parts").click()  # the mouse
        wait_idle(page)
        wait_for_text(tool, "as a word")
        marks = tool.locator("td.ly-kwic-word").all_inner_texts()
        assert marks == ["inside 农业生产合作社"] * 13, marks
        tool.screenshot(path=str(artefacts_dir() / "screenshots" / "concordance_words_marked.png"))

        button_in(tool, "whole words only").focus()  # the keyboard
        page.keyboard.press("Enter")
        wait_idle(page)
        wait_for_text(tool, "No whole-word hits for '合作社' in the Chinese: all 13 hits")
        assert tool.locator(".ly-kwic .ly-hit").count() == 0

        search_for(page, tool, "发展。辽阳县")  # across the boundary of P1.3 and P2.1
        wait_for_text(tool, "1 hit for '发展。辽阳县'")
        assert tool.locator("td.ly-kwic-word").all_inner_texts() == [
            "whole words (across a segment boundary)"
        ]

        button_in(tool, "English").click()
        button_in(tool, "characters").click()
        wait_idle(page)
        search_for(page, tool, "cpc")
        wait_for_text(tool, "3 hits for 'cpc' in the English.")
        box = control_in(tool, "match case", "input")
        box.focus()
        page.keyboard.press("Space")
        wait_idle(page)
        assert box.is_checked()
        wait_for_text(tool, "No hits for 'cpc' in the English.")
        search_for(page, tool, "CPC")
        wait_for_text(tool, "3 hits for 'CPC' in the English.")
        assert "Traceback" not in tool.inner_text()
    finally:
        path.unlink(missing_ok=True)
