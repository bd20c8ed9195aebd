"""The plots are shown at their own size in JupyterLab 1024 px wide, each with its text reading.

A notebook draws the timelines of notebooks 00 and 01, the argument map and
the argument map's widget. In Chromium at 1024 px (JupyterLab's file browser
open, as it opens), every plot image is shown unshrunk (its CSS width is the
width it was drawn for, so its text is the size tests/render checks: at
least 12 px), fits its output, and carries its reading as one line of alt
text; the widget's map has alt text too (an ipywidgets Image has none).
"""

from __future__ import annotations

import pytest

from tests.browser import (
    artefacts_dir,
    code_cell,
    new_page,
    require_browser,
    run_notebook_in_lab,
    write_code_notebook,
)

pytestmark = pytest.mark.browser

CELLS = {
    "timeline 00": 'helpers.timeline_plot(since="1953-06-01", until="1954-03-31");',
    "timeline 01": "helpers.timeline_plot();",  # (as the notebooks: the figure shown once)
    "argument map": "helpers.argument_map();",
    "argument map widget": "helpers.argument_map_widget()",
}

_IMAGES = """(cell) => Array.from(cell.querySelectorAll('img.ly-figure')).map(i => ({
    shown: i.getBoundingClientRect().width, drawn: Number(i.getAttribute('width')),
    natural: i.naturalWidth, alt: i.getAttribute('alt') || '',
    output: i.closest('.jp-OutputArea-output').getBoundingClientRect().width}))"""


@pytest.fixture
def page_1024(chromium_browser):
    with new_page(chromium_browser, {"width": 1024, "height": 900}) as page:
        yield page


def test_plots_are_shown_unshrunk_at_1024_px_with_their_reading(lab_server, page_1024):
    require_browser()
    page = page_1024
    notebook = write_code_notebook(
        lab_server.root / "plots_at_1024.ipynb", "import helpers", *CELLS.values()
    )
    try:
        run = run_notebook_in_lab(page, lab_server, notebook.name)
        assert not run.errors and not run.widget_errors, run.errors
        for name, source in CELLS.items():
            cell = code_cell(page, source)
            images = cell.evaluate(_IMAGES)
            assert len(images) == 1, (name, images)
            image = images[0]
            assert image["natural"] >= 2 * image["drawn"] - 2, (name, image)  # drawn at 2x
            assert image["shown"] >= image["drawn"] - 1, (name, image)  # not shrunk
            assert image["shown"] <= image["output"], (name, image)  # and it fits
            alt = image["alt"]
            assert alt.startswith("Figure") and "\n" not in alt and len(alt) > 80, (name, alt)
            if name.startswith("argument map"):
                assert "The lead (P1.1–P1.3)" in alt, alt
            else:
                assert "dated events" in alt and "'high tide'" in alt, alt
            path = artefacts_dir() / "screenshots" / f"plot_1024_{name.replace(' ', '_')}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            cell.screenshot(path=str(path))
    finally:
        notebook.unlink(missing_ok=True)
