"""Accessibility, measured in the real browser: axe-core over every page the collection makes.

axe-core (bundled by ``axe-playwright-python``, nothing fetched) runs over
every notebook after Run All in JupyterLab (widgets shown), over the Voila
app (both tabs), over a static HTML page of the export (``tools/static_html.py``)
and over the handout. A serious or critical violation in the collection's own
markup (outputs, widgets, rendered Markdown; the whole handout) fails the
test; the ones JupyterLab's or Voila's own chrome causes are listed apart in
``<artefacts>/axe/<page>.json`` and the test output (see ``tests/axe_check.py``).

Each notebook is also photographed at 1400 and 1024 px wide after Run All
(``<artefacts>/screenshots/widths/``), for a person to look at.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.axe_check import audit
from tests.browser import (
    NOTEBOOKS,
    PROJECT,
    VIEWPORT,
    artefacts_dir,
    full_screenshot,
    run_notebook_in_lab,
    wait_for_text,
    wait_until,
)

pytestmark = pytest.mark.browser

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
WIDTHS = (1400, 1024)


def widths_dir() -> Path:
    return artefacts_dir() / "screenshots" / "widths"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.stem for p in NOTEBOOK_PATHS])
def test_notebook_after_run_all_has_no_serious_axe_violation_of_ours(
    lab_server, browser_page, path
):
    page = browser_page
    run = run_notebook_in_lab(page, lab_server, path.name)
    assert run.errors == [] and run.widget_errors == 0, run.errors
    found = audit(page, f"lab_{path.stem}")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
        page.wait_for_timeout(600)  # JupyterLab lays the panel out again
        full_screenshot(page, widths_dir() / f"{path.stem}_{width}.png")
    page.set_viewport_size(VIEWPORT)
    assert not found.serious_ours(), found.report()


# --------------------------------------------------------------------------- Voila


@pytest.fixture(scope="module")
def voila_app(tmp_path_factory, chromium_browser):
    """The Voila app served and opened in a fresh page (its widgets rendered)."""
    from tests.test_browser_voila import PAGE_TIMEOUT, app_text, voila_running

    with voila_running(tmp_path_factory.mktemp("voila_a11y")) as server:
        context = chromium_browser.new_context(viewport=VIEWPORT, locale="en-GB")
        context.set_default_timeout(30_000)
        page = context.new_page()
        try:
            page.goto(server.url, wait_until="domcontentloaded", timeout=PAGE_TIMEOUT * 1000)
            wait_for_text(page.locator("body"), "Segment 1 of", timeout=PAGE_TIMEOUT)
            wait_until(lambda: "Loading widget" not in app_text(page), message="the widgets")
            yield page
        finally:
            context.close()


def test_the_voila_app_has_no_serious_axe_violation_of_ours(voila_app):
    page = voila_app
    reader = audit(page, "voila_reader")
    page.locator(".lm-TabBar-tab").filter(has_text="Search (KWIC)").first.click()
    field = page.get_by_placeholder("互助组 or mutual aid")
    field.fill("偏向")
    field.press("Enter")
    wait_until(lambda: page.locator(".ly-hit").count() > 0, message="hits of 偏向")
    search = audit(page, "voila_search")
    page.screenshot(path=str(widths_dir() / "voila_search_1400.png"))
    assert not reader.serious_ours(), reader.report()
    assert not search.serious_ours(), search.report()


# --------------------------------------------------------------------------- static pages


@pytest.fixture(scope="module")
def static_page(tmp_path_factory) -> Path:
    """Notebook 02 (reader, tables, questions) run and exported as the static export does."""
    output = tmp_path_factory.mktemp("static")
    command = [sys.executable, str(PROJECT / "tools" / "static_html.py"), "--output-dir"]
    command += [str(output), str(NOTEBOOKS / "02_first_reading.ipynb")]
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return output / "02_first_reading.html"


def fetches_while_loading(page, url: str) -> list[str]:
    """Open ``url`` and return every request the page made that is not file: or data:."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    return [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]


def test_a_static_page_has_no_serious_axe_violation_of_ours_and_fetches_nothing(
    browser_page, static_page
):
    page = browser_page
    fetched = fetches_while_loading(page, static_page.as_uri())
    found = audit(page, "static_02_first_reading")
    page.screenshot(path=str(widths_dir() / "static_02_first_reading_1400.png"), full_page=True)
    assert fetched == [], f"the static page asked the network for {fetched}"
    assert not found.serious_ours(), found.report()


def test_the_handout_has_no_serious_axe_violation(browser_page, tmp_path):
    import helpers

    page = browser_page
    result = helpers.handout(tmp_path / "handout.html", pdf=False)
    fetched = fetches_while_loading(page, result.html.as_uri())
    found = audit(page, "handout", ours="*")
    assert fetched == [], fetched
    assert not found.serious_ours(), found.report()
