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

from pathlib import Path

import pytest

from tests.axe_check import audit, audit_notebook, audit_voila_app, export_static_page
from tests.browser import (
    NOTEBOOKS,
    VIEWPORT,
    artefacts_dir,
    full_screenshot,
    new_page,
    open_voila_app,
    run_notebook_in_lab,
    voila_running,
)

pytestmark = pytest.mark.browser

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
WIDTHS = (1400, 1024)
# The project's Voila template: Voila's lab page without its Font Awesome CDN links.
VOILA_TEMPLATE = "liaoyang"
VOILA_OWN = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")


def widths_dir() -> Path:
    return artefacts_dir() / "screenshots" / "widths"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.stem for p in NOTEBOOK_PATHS])
def test_notebook_after_run_all_has_no_serious_axe_violation_of_ours(
    lab_server, browser_page, path
):
    page = browser_page
    run = run_notebook_in_lab(page, lab_server, path.name)
    assert run.errors == [] and run.widget_errors == 0, run.errors
    # A widget view that failed in JavaScript shows an error icon, not the words "Error displaying".
    assert page.locator(".jupyter-widgets-error-widget").count() == 0, "a widget failed to render"
    found = audit_notebook(page, f"lab_{path.stem}")
    assert found.contrast_checked["ours"] > 0, f"axe judged no contrast of ours: {found.report()}"
    assert found.unseen_px == 0, f"{found.unseen_px} px of the notebook were never on screen"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
        page.wait_for_timeout(600)  # JupyterLab lays the panel out again
        full_screenshot(page, widths_dir() / f"{path.stem}_{width}.png")
    page.set_viewport_size(VIEWPORT)
    assert not found.serious_ours(), found.report()


# Faint text where the collection's markup stands: a notebook output and an ipywidgets
# Button and Label, the colours set as the tools set theirs (inline style, widget style).
FAINT_CELL = """import ipywidgets as w
from IPython.display import HTML, display
display(HTML('<p style="color:#b4b4b4;background:#ffffff">Faint output words</p>'))
w.VBox([w.Button(description='Faint button', style={'button_color': '#eeeeee',
                                                    'text_color': '#c4c4c4'}),
        w.Label('Faint label', style={'text_color': '#c4c4c4'})])"""


def test_axe_fails_faint_text_in_an_output_and_in_widgets_as_ours(temporary_notebook, browser_page):
    """The control for the contrast claim: color-contrast runs on our markup and counts as ours."""
    temporary_notebook("axe_contrast_control", FAINT_CELL)
    found = audit_notebook(browser_page, "axe_contrast_control")
    browser_page.set_viewport_size(VIEWPORT)
    faint = [n for n in found.serious_ours() if n["rule"] == "color-contrast"]
    shown = " ".join(n["html"] for n in faint)
    for words in ("Faint output words", "Faint button", "Faint label"):
        assert words in shown, f"axe did not fail the contrast of {words!r}: {found.report()}"
    assert not [n for n in found.host if "Faint" in n["html"]], "our output counted as the host's"


# --------------------------------------------------------------------------- Voila


@pytest.fixture(scope="module")
def voila_app(tmp_path_factory, chromium_browser):
    """The Voila app served and opened in a fresh page (its widgets rendered)."""
    base = tmp_path_factory.mktemp("voila_a11y")
    with voila_running(base, template=VOILA_TEMPLATE) as server, new_page(chromium_browser) as page:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        open_voila_app(page, server)
        page.requests_made = requests
        yield page


def test_the_voila_app_fetches_nothing_outside_its_server(voila_app):
    outside = [url for url in voila_app.requests_made if not url.startswith(VOILA_OWN)]
    assert outside == [], f"the app asked the network for {outside}"
    assert voila_app.locator("link[href*='fontawesome']").count() == 0


def test_the_voila_app_has_no_serious_axe_violation_of_ours(voila_app):
    page = voila_app
    assert page.locator(".jupyter-widgets-error-widget").count() == 0, "a widget failed to render"
    reader, search = audit_voila_app(page)
    page.screenshot(path=str(widths_dir() / "voila_search_1400.png"))
    assert not reader.serious_ours(), reader.report()
    assert not search.serious_ours(), search.report()


# --------------------------------------------------------------------------- static pages


@pytest.fixture(scope="module")
def static_page(tmp_path_factory) -> Path:
    """Notebook 02 (reader, tables, questions) run and exported as the static export does."""
    output = tmp_path_factory.mktemp("static")
    return export_static_page(NOTEBOOKS / "02_first_reading.ipynb", output)


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


def test_a_static_page_shows_its_chinese_on_a_computer_without_chinese_fonts(
    playwright_driver, static_page, tmp_path
):
    from tests.browser import chinese_renders, latin_only_chromium

    with latin_only_chromium(playwright_driver, tmp_path) as browser:
        page = browser.new_page()
        page.goto(static_page.as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready")
        for selector, text in ((".jp-RenderedMarkdown", "辽阳县"), (".ly-zh", "新华社沈阳")):
            check = chinese_renders(page, text, selector)
            assert check["found"], f"no {selector} shows {text}"
            assert check["tofu"] == 0 and check["distinct"] == len(text), (selector, check)
        control = browser.new_page()
        control.set_content("<p>辽阳县</p>")
        assert chinese_renders(control, "辽阳县", "p")["tofu"] == 3, "it has Chinese fonts"
