"""Each tool works with the keyboard alone, in a real JupyterLab in headless Chromium.

After the tool's cell has run, only keys are pressed: Escape (command mode),
Tab past the cell's toolbar into the tool's output; then Tab and
Shift+Tab to move, Enter and Space to press buttons, arrow keys to choose a
radio option, typing into the search field. The reader steps with Next and
Previous and opens a glossary term's card with Enter (Escape closes it), the
concordance searches on Enter and Tab reaches its results, a question is
answered and checked. In each state the keys reach, axe-core checks the tool
(contrast included) as ``tests/test_browser_a11y.py`` does after Run All.
"""

from __future__ import annotations

import re

import pytest

from tests.axe_check import audit_notebook
from tests.browser import (
    VIEWPORT,
    artefacts_dir,
    code_cell,
    full_screenshot,
    new_page,
    open_voila_app,
    question_item,
    require_browser,
    voila_running,
    wait_for_text,
    wait_idle,
    wait_until,
)

pytestmark = pytest.mark.browser

TAB_LIMIT = 25
# Not a question other browser tests answer: the answer is saved in the session's work folder.
QUESTION = "q03_trouble_twice"


@pytest.fixture
def tool_cell(temporary_notebook, browser_page):
    """``run(name, source)``: run a one-cell notebook with ``source``; return that cell."""

    def run(name: str, source: str):
        temporary_notebook(name, source)
        return code_cell(browser_page, source)

    return run


IN_OUTPUT = """cell => {
    const output = cell.querySelector('.jp-OutputArea');
    return !!output && output.contains(document.activeElement);
}"""


def enter_tool(page, cell) -> None:
    """Reach the tool's first control by keys alone, as a keyboard user does in JupyterLab.

    Escape leaves the cell's editor for command mode (focus on the cell); Tab
    then goes past the cell's toolbar into its output, to the first control.
    """
    page.keyboard.press("Escape")
    assert cell.evaluate("cell => cell.contains(document.activeElement)"), "Escape left the cell"
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if cell.evaluate(IN_OUTPUT):
            return
    pytest.fail(f"Tab did not reach the tool's output within {TAB_LIMIT} presses")


FOCUSED = """() => { const e = document.activeElement; if (!e) return {};
    return {tag: e.tagName.toLowerCase(), text: (e.innerText || '').trim(),
            value: e.value ?? '', cls: e.className || '', type: e.type || '',
            label: e.getAttribute('aria-label') || '', placeholder: e.placeholder || ''}; }"""


def tab_to(page, wanted, backwards: bool = False, limit: int = TAB_LIMIT) -> int:
    """Press Tab (or Shift+Tab) until ``wanted(focused)`` holds; return the presses needed."""
    seen = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused.get("text") or focused.get("tag"))
        if wanted(focused):
            return presses
    pytest.fail(f"Tab did not reach the control within {limit} presses; focus went: {seen}")


def assert_contrast_checked(page, name: str, shown: str) -> None:
    """axe over the tool in the state the keys reached: no serious violation of ours.

    ``shown`` (a selector of what that state shows: a card, the hits) must be
    on the page, and color-contrast must have run, so the colours of that state
    are checked too (not only the tool's first view after Run All).
    """
    assert page.locator(shown).count() > 0, f"{shown} is not on the page"
    found = audit_notebook(page, name)
    page.set_viewport_size(VIEWPORT)
    assert found.contrast_checked["ours"] > 0, found.report()
    assert not found.serious_ours(), found.report()


def button_named(text: str):
    return lambda focused: focused.get("tag") == "button" and focused.get("text") == text


def test_the_reader_steps_with_next_and_previous_by_keys(browser_page, tool_cell):
    import helpers

    page = browser_page
    total = len(helpers.segments())
    reader = tool_cell("keyboard_reader", "import helpers\nhelpers.reader()")
    wait_for_text(reader, f"Segment 1 of {total}")
    enter_tool(page, reader)
    tab_to(page, button_named("Next ▶"))
    page.keyboard.press("Enter")
    wait_idle(page)
    wait_for_text(reader, f"Segment 2 of {total}")
    page.keyboard.press("Space")
    wait_idle(page)
    wait_for_text(reader, f"Segment 3 of {total}")
    tab_to(page, button_named("◀ Previous"), backwards=True)
    page.keyboard.press("Enter")
    wait_idle(page)
    wait_for_text(reader, f"Segment 2 of {total}")
    assert reader.locator(".ly-seg").first.get_attribute("data-seg") == helpers.segments().seg_id[1]
    # A glossary term of the segment, by keys: Tab reaches it, Enter opens its card, Escape closes.
    tab_to(page, lambda focused: "ly-term" in focused.get("cls", ""))
    term = page.evaluate("() => document.activeElement.dataset.term")
    page.keyboard.press("Enter")
    card = reader.locator(".ly-inline-card")
    wait_until(lambda: card.count() == 1, message="Enter to open the term's card")
    assert term in card.get_attribute("aria-label"), card.get_attribute("aria-label")
    assert_contrast_checked(page, "keyboard_reader_card", ".ly-inline-card")
    page.keyboard.press("Escape")
    wait_until(lambda: card.count() == 0, message="Escape to close the card")
    assert page.evaluate("() => document.activeElement.dataset.term") == term


def test_the_search_runs_on_enter_and_tab_reaches_its_results(browser_page, tool_cell):
    from helpers.analysis.hits import count_line
    from helpers.analysis.search import kwic

    page = browser_page
    tool = tool_cell("keyboard_search", "import helpers\nhelpers.concordance()")
    wait_for_text(tool, "press Search")
    enter_tool(page, tool)
    if page.evaluate(FOCUSED).get("placeholder") != "互助组 or mutual aid":
        tab_to(page, lambda focused: focused.get("placeholder") == "互助组 or mutual aid")
    query = "偏向"
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    wait_idle(page)
    hits = kwic(query)
    wait_for_text(tool, count_line(hits, query, "zh"))
    tab_to(page, lambda focused: "ly-results" in focused.get("cls", ""))
    focused = page.evaluate(FOCUSED)
    assert focused["label"] == f"Search results for {query}", focused
    assert query in focused["text"] and hits["seg_id"].iloc[0] in focused["text"]
    assert_contrast_checked(page, "keyboard_search_results", ".ly-hit")
    full_screenshot(page, artefacts_dir() / "screenshots" / "keyboard_search_results.png")


def test_the_app_in_voila_reads_and_searches_by_keys_alone(chromium_browser, tmp_path):
    """In Voila nothing is focused by code at all: from the page's top, keys only."""
    from helpers.analysis.hits import count_line
    from helpers.analysis.search import kwic

    require_browser()
    with voila_running(tmp_path / "voila") as server, new_page(chromium_browser) as page:
        open_voila_app(page, server)
        body = page.locator("body")
        total = wait_for_text(body, re.compile(r"Segment 1 of \d+"))
        total = re.search(r"Segment 1 of (\d+)", total).group(1)
        tab_to(page, button_named("Next ▶"))
        page.keyboard.press("Enter")
        wait_for_text(body, f"Segment 2 of {total}")
        # The tabs: Shift+Tab back to the tab bar, the arrow to the search tab, Enter to open it.
        tab_to(page, lambda focused: "lm-TabBar-tab" in focused.get("cls", ""), backwards=True)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        field = page.get_by_placeholder("互助组 or mutual aid")
        field.wait_for(state="visible")
        tab_to(page, lambda focused: focused.get("placeholder") == "互助组 or mutual aid")
        query = "偏向"
        page.keyboard.press("Control+A")
        page.keyboard.type(query)
        page.keyboard.press("Enter")
        wait_for_text(body, count_line(kwic(query), query, "zh"))
        tab_to(page, lambda focused: "ly-results" in focused.get("cls", ""))
        assert page.evaluate(FOCUSED)["label"] == f"Search results for {query}"
        page.screenshot(path=str(artefacts_dir() / "screenshots" / "keyboard_voila_search.png"))


def test_a_question_is_answered_and_checked_by_keys(browser_page, tool_cell):
    page = browser_page
    item = question_item(QUESTION)
    source = f"import helpers\nhelpers.question({QUESTION!r})"
    tool = tool_cell("keyboard_question", source)
    wait_for_text(tool, item["prompt"][:40])

    enter_tool(page, tool)
    radios = tool.locator(".widget-radio-box input[type=radio]")
    assert radios.count() == len(item["options"]), radios.count()
    if page.evaluate(FOCUSED).get("type") != "radio":
        tab_to(page, lambda focused: focused.get("type") == "radio")
    # Arrow keys move through the options and choose the one they land on.
    wrong = next(index for index, option in enumerate(item["options"]) if option != item["answer"])
    page.keyboard.press("Space")  # choose the focused (first) option
    for _ in range(wrong):
        page.keyboard.press("ArrowDown")
    wait_idle(page)
    chosen = radios.evaluate_all("inputs => inputs.findIndex(input => input.checked)")
    assert chosen == wrong, chosen
    tab_to(page, button_named("Check"))
    page.keyboard.press("Enter")
    wait_idle(page)
    text = wait_for_text(tool, re.compile(r"Not yet|not yet"))
    assert item["explanation"][:30] not in text
    wait_until(
        lambda: tool.locator("button", has_text="Show solution").first.is_enabled(),
        message="Show solution to be enabled",
    )
    tab_to(page, button_named("Show solution"))
    page.keyboard.press("Enter")
    wait_idle(page)
    assert item["answer"] in wait_for_text(tool, "The answer:")
    assert_contrast_checked(page, "keyboard_question_feedback", ".jp-OutputArea-output")
