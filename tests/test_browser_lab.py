"""Every notebook in a real JupyterLab in headless Chromium: runs, shows no error, reads Chinese.

Needs Chromium and Playwright (``requirements-dev.txt``); skipped without
them unless ``LIAOYANG_REQUIRE_BROWSER=1``. Screenshots: ``artefacts/screenshots/``.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser import (
    NOTEBOOK,
    NOTEBOOKS,
    artefacts_dir,
    chinese_renders,
    full_screenshot,
    latin_only_chromium,
    open_notebook,
    run_notebook_in_lab,
    wait_idle,
    widget_text,
    write_code_notebook,
)

# The harness's fixtures, made available to this module's tests.

pytestmark = pytest.mark.browser

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file, read from its header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_there_are_notebooks_to_run():
    assert NOTEBOOK_PATHS, "no notebooks/*.ipynb found"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.stem for p in NOTEBOOK_PATHS])
def test_notebook_runs_in_jupyterlab_without_errors(lab_server, browser_page, path):
    run = run_notebook_in_lab(browser_page, lab_server, path.name)

    assert run.code_cells > 0, f"{path.name}: no code cells were seen in the page"
    assert run.errors == [], f"{path.name}: error output in the browser:\n" + "\n---\n".join(
        run.errors
    )
    assert run.widget_errors == 0, f"{path.name}: 'Error displaying widget' in the page"
    width, height = png_size(run.screenshot)
    assert width >= 1000 and height >= 800, f"screenshot too small: {width}x{height}"
    assert run.screenshot.stat().st_size > 20_000, "screenshot looks blank"


def test_chinese_shows_as_text_not_boxes(lab_server, browser_page):
    run = run_notebook_in_lab(browser_page, lab_server, "00_start_here.ipynb")
    assert "辽阳县" in run.text

    for selector in (".jp-RenderedMarkdown", ".jp-RenderedText pre, .jp-RenderedHTML"):
        check = chinese_renders(browser_page, "辽阳县", selector)
        assert check["found"], f"no element matching {selector!r} shows 辽阳县"
        assert check["tofu"] == 0, f"Chinese drawn as empty boxes with {check['font']}"
        assert check["distinct"] == check["characters"], check


CHINESE_PAGE = "<p style='font-family: sans-serif'>Liaoyang County (辽阳县)</p><pre>辽阳县</pre>"


def test_the_chinese_check_sees_boxes_when_no_chinese_font_is_installed(
    playwright_driver, chromium_browser, tmp_path
):
    # Chromium that knows only the Latin DejaVu fonts: Chinese must come out as boxes.
    with latin_only_chromium(playwright_driver, tmp_path) as no_chinese:
        for browser, tofu, distinct in ((no_chinese, 3, 1), (chromium_browser, 0, 3)):
            page = browser.new_page()
            try:
                page.set_content(CHINESE_PAGE)
                for selector in ("p", "pre"):
                    check = chinese_renders(page, "辽阳县", selector)
                    assert check["tofu"] == tofu and check["distinct"] == distinct, check
            finally:
                page.close()


def test_a_slider_drives_a_label_through_the_kernel(lab_server, browser_page):
    page = browser_page
    notebook = write_code_notebook(
        lab_server.root / "browser_widget_round_trip.ipynb",
        "import ipywidgets as w\n"
        "s = w.IntSlider()\n"
        "l = w.Label()\n"
        "s.observe(lambda c: setattr(l, 'value', f'value {c.new}'), 'value')\n"
        "w.VBox([s, l])",
    )
    try:
        run = run_notebook_in_lab(page, lab_server, notebook.name)
        assert run.errors == [] and run.widget_errors == 0, run.errors
        assert run.widgets >= 1, "the VBox was not rendered as a widget"
        assert "value 1" not in widget_text(page)

        handle = page.locator(".widget-slider .noUi-handle").first
        handle.focus()
        handle.press("ArrowRight")
        wait_idle(page)

        page.locator(".widget-label", has_text="value 1").wait_for(timeout=10_000)
        assert "value 1" in widget_text(page)
        full_screenshot(
            page, artefacts_dir() / "screenshots" / "browser_widget_round_trip_after.png"
        )
    finally:
        notebook.unlink(missing_ok=True)


def test_the_server_saves_work_outside_the_repository(lab_server):
    assert lab_server.work_dir.is_dir()
    assert Path(__file__).resolve().parents[1] not in lab_server.root.parents
    url, token, root = lab_server
    assert url.startswith("http://127.0.0.1:") and token and root == lab_server.root


def test_opening_a_notebook_shows_its_markdown(lab_server, browser_page):
    open_notebook(browser_page, lab_server, "00_start_here.ipynb")
    assert "Start here" in browser_page.locator(NOTEBOOK).first.inner_text()
