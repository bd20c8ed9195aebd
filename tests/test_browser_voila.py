"""The app view in Voila: the reader and the concordance in two tabs, code hidden.

A Voila server (its own process group, always stopped) serves a temporary
copy of ``notebooks/apps/reader_and_search.ipynb``; headless Chromium opens
it, steps the reader, searches in the concordance and checks that the
Chinese is drawn with real glyphs and that no code or error reaches the page.
Screenshots go to ``<artefacts>/screenshots/``.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import (
    VOILA_APP,
    VOILA_PAGE_TIMEOUT,
    VOILA_START_TIMEOUT,
    VoilaServer,
    artefacts_dir,
    button_in,
    chinese_renders,
    new_page,
    open_voila_app,
    require_browser,
    voila_running,
    wait_for_text,
    wait_until,
)

# The harness's fixtures (chromium_browser ...), registered once for the whole session: one
# Playwright driver may run at a time. The Voila server itself is started by tests/browser.py.

pytestmark = pytest.mark.browser

APP = VOILA_APP
TABS = ("Read side by side", "Search (KWIC)")
START_TIMEOUT = VOILA_START_TIMEOUT
PAGE_TIMEOUT = VOILA_PAGE_TIMEOUT
__all__ = ["APP", "PAGE_TIMEOUT", "app_text", "voila_running"]  # used by other browser tests


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory) -> Iterator[VoilaServer]:
    """Voila serving the reader-and-search app for this module's tests."""
    require_browser()
    if importlib.util.find_spec("voila") is None:
        reason = "the app test needs Voila (it is in requirements.txt)"
        if os.environ.get("LIAOYANG_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (LIAOYANG_REQUIRE_BROWSER=1 is set)", pytrace=False)
        pytest.skip(reason)
    with voila_running(tmp_path_factory.mktemp("voila")) as server:
        yield server


def app_text(page) -> str:
    return page.locator("body").inner_text()


@pytest.fixture
def app_page(chromium_browser, voila_server):
    """The app, opened in a fresh page and rendered (its widgets shown); closed afterwards."""
    with new_page(chromium_browser) as page:
        open_voila_app(page, voila_server)
        yield page


def screenshot(page, name: str, max_height: int = 16_000) -> Path:
    """Screenshot the whole app: Voila scrolls inside ``#rendered_cells``, so grow the viewport.

    The viewport is grown until nothing is left to scroll (images may still be
    arriving when it is first measured), the picture taken, the viewport restored.
    """
    path = artefacts_dir() / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    measure = """() => {
        const cells = document.querySelector('#rendered_cells');
        if (!cells) return 0;
        cells.scrollTop = 0;
        return Math.ceil(cells.getBoundingClientRect().top + cells.scrollHeight);
    }"""
    try:
        height = original["height"]
        for _ in range(4):
            page.wait_for_timeout(300)
            needed = min(max(page.evaluate(measure), original["height"]), max_height)
            if needed <= height:
                break
            height = needed
            page.set_viewport_size({"width": original["width"], "height": height})
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(original)
    return path


def assert_no_errors(page) -> None:
    text = app_text(page)
    assert "Error displaying widget" not in text
    assert "Traceback" not in text, text[:3000]
    assert page.locator(".jp-OutputArea-output[data-mime-type*='stderr']").count() == 0


def tab(page, title: str):
    return page.locator(".lm-TabBar-tab").filter(has_text=title).first


def shown_panel(page):
    """The tab panel on show (the other is hidden)."""
    return page.locator(".widget-tab-contents > .lm-Widget:not(.lm-mod-hidden)").first


# --------------------------------------------------------------------------- the tests


def test_the_app_shows_two_tabs_and_no_code(app_page):
    page = app_page
    for title in TABS:
        assert tab(page, title).is_visible(), f"no tab {title!r}"
    text = app_text(page)
    assert "Liaoyang 1954: read and search the article" in text  # the markdown is shown
    # Voila shows markdown (in an input area) but no code: code cells have no input.
    code_cells = page.locator(".jp-CodeCell")
    assert code_cells.count() >= 1, "the app's code cell (its output) is not on the page"
    assert page.locator(".jp-CodeCell:not(.jp-mod-noInput)").count() == 0
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor").count() == 0
    html = page.content()
    assert "import helpers" not in text and "helpers.reading_app()" not in html
    assert_no_errors(page)
    screenshot(page, "voila_reader_and_search")


def test_next_steps_the_reader_in_the_app(app_page):
    import helpers

    page = app_page
    table = helpers.segments()
    panel = shown_panel(page)
    wait_for_text(panel, f"Segment 1 of {len(table)}")
    first = panel.locator(".ly-seg").first.get_attribute("data-seg")
    assert first == table.seg_id[0]
    sample = "".join(dict.fromkeys(c for c in table.zh[0] if "\u4e00" <= c <= "\u9fff"))[:5]
    check = chinese_renders(page, sample, ".ly-zh")
    assert check["found"], check
    assert check["tofu"] == 0 and check["distinct"] == check["characters"] == 5, check

    for _ in range(2):
        button_in(panel, "Next ▶").click()
        time.sleep(0.2)  # no kernel status bar in Voila: wait for the page instead
    wait_for_text(panel, f"Segment 3 of {len(table)}")
    wait_until(
        lambda: panel.locator(".ly-seg").first.get_attribute("data-seg") == table.seg_id[2],
        message=f"the reader to show {table.seg_id[2]}",
    )
    shown_zh = panel.locator(".ly-zh").first.inner_text()
    assert shown_zh.strip() == table.zh[2].strip()
    assert button_in(panel, "◀ Previous").is_enabled()
    assert_no_errors(page)
    screenshot(page, "voila_reader_segment_3")


def test_the_concordance_tab_finds_a_typed_query(app_page):
    from helpers.analysis.hits import count_line
    from helpers.analysis.search import kwic

    page = app_page
    tab(page, "Search (KWIC)").click()
    panel = shown_panel(page)
    field = panel.get_by_placeholder("互助组 or mutual aid")
    field.wait_for(state="visible")
    initial = kwic(field.input_value())
    wait_for_text(panel, count_line(initial, field.input_value(), "zh"))

    query = "偏向"
    hits = kwic(query)
    field.fill(query)
    field.press("Enter")
    text = wait_for_text(panel, count_line(hits, query, "zh"), timeout=30)
    wait_until(
        lambda: panel.locator(".ly-hit").all_inner_texts() == [query] * len(hits),
        message=f"{len(hits)} highlighted hits of {query}",
    )
    assert hits["other"].iloc[0].strip()[:60] in text
    check = chinese_renders(page, query, ".ly-hit")
    assert check["found"] and check["tofu"] == 0 and check["distinct"] == 2, check

    english = "mutual aid"
    panel.locator(".widget-toggle-button").filter(has_text="English").first.click()
    english_hits = kwic(english, lang="en")
    field.fill(english)
    field.press("Enter")
    wait_for_text(panel, count_line(english_hits, english, "en"), timeout=30)
    assert_no_errors(page)
    screenshot(page, "voila_concordance_search")
