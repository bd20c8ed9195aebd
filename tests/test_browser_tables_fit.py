"""The wide tables fit at 1024 px in real JupyterLab, with its left sidebar open or closed.

Issue 14: at 1024 px wide, the ladder, ``argument_table()``, ``actors_by_move()``
and compare's tables scrolled sideways. Each notebook that shows one is run
with Run All at 1024 px, as a student first sees it (JupyterLab opens with its
file browser open, leaving the notebook about 570 px for outputs), then with
the sidebar closed (Ctrl+B): every table region of the collection must be no
wider than its box (``scrollWidth`` against ``clientWidth``), and a table shown
as cards (``render/table.py``'s ``ly-stack-N``) must show each cell's heading.
Compare's hidden tabs are opened one by one and measured too. The move badges
in the segment cards must keep the text's size and stay inside their margin.
"""

from __future__ import annotations

import pytest

from tests.browser import NOTEBOOK, artefacts_dir, new_page, run_notebook_in_lab, wait_idle

pytestmark = pytest.mark.browser

WIDTH = {"width": 1024, "height": 900}
# The notebook, and the tables it must show whole (the start of each region's label).
TABLES = {
    "01_context.ipynb": ["Table: rung, form"],
    "02_first_reading.ipynb": ["Table: actors, lead"],
    "03_two_deviations.ipynb": ["Table: aspect, Deviation 1", "Table: term, pinyin"],
    "04_corrective_steps.ipynb": ["Table: problem, label"],
    "05_translation.ipynb": ["Table: aspect, Deviation 1", "Table: term, pinyin"],
    "06_patterns.ipynb": ["Table: actors, lead"],
}

_REGIONS = """(notebook) => Array.from(document.querySelectorAll(notebook + ' .ly-table-scroll'))
    .filter(e => e.offsetParent !== null)
    .map(e => {
        const table = e.querySelector('table');
        const cards = table && getComputedStyle(table).display === 'block';
        const cell = table && table.querySelector('tbody td');
        return {label: e.getAttribute('aria-label') || '', scroll: e.scrollWidth,
                box: e.clientWidth, cards: !!cards, head: cell ? cell.dataset.head || '' : '',
                before: cell ? getComputedStyle(cell, '::before').content : ''};
    })"""

_BADGES = """(notebook) => Array.from(document.querySelectorAll(notebook + ' .ly-seg .ly-move'))
    .filter(e => e.offsetParent !== null)
    .map(e => {
        const margin = e.closest('.ly-margin'), text = e.closest('.ly-seg').querySelector('.ly-en');
        return {text: e.innerText, size: parseFloat(getComputedStyle(e).fontSize),
                textSize: text ? parseFloat(getComputedStyle(text).fontSize) : 0,
                right: e.getBoundingClientRect().right, edge: margin.getBoundingClientRect().right,
                family: getComputedStyle(e).fontFamily};
    })"""


@pytest.fixture
def page_1024(chromium_browser):
    with new_page(chromium_browser, WIDTH) as page:
        yield page


def sidebar_open(page) -> bool:
    return page.evaluate(
        """() => { const s = document.querySelector('#jp-left-stack');
                   return !!s && !s.classList.contains('lm-mod-hidden'); }"""
    )


def overflowing(page, wanted: list[str], seen: set[str]) -> list[dict]:
    """The table regions wider than their box; the labels of wanted tables seen are added."""
    problems = []
    for region in page.evaluate(_REGIONS, NOTEBOOK):
        for start in wanted:
            if region["label"].startswith(start):
                seen.add(start)
        if region["scroll"] > region["box"] + 1:
            problems.append(region)
        if region["cards"] and not (region["head"] and region["head"] in region["before"]):
            problems.append({**region, "problem": "cards without their headings"})
    return problems


def measure_with_tabs(page, wanted: list[str], seen: set[str], where: str) -> list[str]:
    """Measure the regions on show, then again with each widget tab opened in turn."""
    found = [f"{where}: {problem}" for problem in overflowing(page, wanted, seen)]
    tabs = page.locator(f"{NOTEBOOK} .jupyter-widgets .lm-TabBar-tab")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        wait_idle(page)
        page.wait_for_timeout(500)
        title = tabs.nth(index).inner_text().strip()
        found += [f"{where}, tab {title!r}: {p}" for p in overflowing(page, wanted, seen)]
    if tabs.count():
        tabs.nth(0).click()
        wait_idle(page)
    return found


@pytest.mark.parametrize("name", sorted(TABLES), ids=[n.removesuffix(".ipynb") for n in TABLES])
def test_the_wide_tables_fit_at_1024_px_with_the_sidebar_open_or_closed(
    lab_server, page_1024, name
):
    page = page_1024
    run = run_notebook_in_lab(page, lab_server, name)
    assert run.errors == [] and run.widget_errors == 0, run.errors
    assert sidebar_open(page), "JupyterLab no longer opens with its file browser: check the widths"
    seen: set[str] = set()
    problems = measure_with_tabs(page, TABLES[name], seen, "sidebar open")
    shot = artefacts_dir() / "screenshots" / f"tables_1024_{name.removesuffix('.ipynb')}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    page.locator(f"{NOTEBOOK} .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+b")
    page.wait_for_timeout(800)
    assert not sidebar_open(page), "Ctrl+B did not close the sidebar"
    problems += measure_with_tabs(page, TABLES[name], seen, "sidebar closed")
    assert seen == set(TABLES[name]), f"{name}: tables not found: {set(TABLES[name]) - seen}"
    assert problems == [], f"{name} at 1024 px:\n" + "\n".join(map(str, problems))


def test_move_badges_keep_the_text_size_and_stay_in_their_margin(lab_server, page_1024):
    page = page_1024
    run = run_notebook_in_lab(page, lab_server, "02_first_reading.ipynb")
    assert run.errors == [] and run.widget_errors == 0, run.errors
    badges = page.evaluate(_BADGES, NOTEBOOK)
    assert badges, "no move badge in a segment card"
    for badge in badges:
        assert badge["size"] >= 0.8 * badge["textSize"], badge  # not squeezed into tiny type
        assert badge["right"] <= badge["edge"] + 1, badge  # inside its margin
        assert "monospace" not in badge["family"], badge
