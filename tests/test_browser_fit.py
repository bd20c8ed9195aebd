"""Readable widgets at 1024 px, clickable glossary terms and real downloads, in real Chromium.

Issue 14, driven as a student would in JupyterLab (and Voila for the app):

- every notebook, run at a 1024 px wide window: no label, tab, button, check
  box or menu is cut (its text wider than its box, or ended with an ellipsis)
  and no control runs past the right edge of its output; a plain ipywidgets
  control with a long label shows that the check sees a cut one;
- the app in Voila at 1024 px: the same, and a glossary term clicked there
  opens its card;
- the reader: a term clicked in the text (or chosen with Enter) opens its card
  inside the segment where it stands, also in whole-article view, the "Terms
  in view" list follows, and Escape closes the card;
- the annotator: "Download your coding" and the CSV table are buttons that
  download (Playwright's download event) what the coder has saved.

Screenshots go to ``<artefacts>/screenshots/``.
"""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from tests.browser import (
    NOTEBOOK,
    artefacts_dir,
    code_cell,
    code_notebooks,
    control_in,
    new_page,
    open_voila_app,
    require_browser,
    run_notebook_in_lab,
    select_in,
    voila_running,
    wait_for_text,
    wait_idle,
    wait_until,
)

pytestmark = pytest.mark.browser

NARROW = {"width": 1024, "height": 900}
STUDENT_NOTEBOOKS = [
    "00_start_here.ipynb",
    "01_context.ipynb",
    "02_first_reading.ipynb",
    "03_two_deviations.ipynb",
    "04_corrective_steps.ipynb",
    "05_translation.ipynb",
    "06_patterns.ipynb",
    "07_coding_and_discussion.ipynb",
]

# What a reader sees of a control's words: descriptions, tabs, buttons, check boxes and radio
# labels, menus. A label is cut when its text is wider than its box (the rest hidden or
# ended with an ellipsis); a control overflows when it ends right of its output.
_FIT_PROBE = """(scope) => {
    const root = document.querySelector(scope) || document.body;
    const labels = '.widget-label, .widget-label-basic, .lm-TabBar-tabLabel, '
        + '.jupyter-button, .widget-toggle-button, .widget-radio-box label, '
        + '.widget-upload, .widget-inline-hbox select';
    const problems = [];
    const shown = e => e.offsetParent !== null && e.getClientRects().length > 0;
    for (const e of root.querySelectorAll(labels)) {
        if (!shown(e)) continue;
        const text = (e.innerText || '').trim().replace(/\\s+/g, ' ');
        if (!text) continue;
        const style = getComputedStyle(e);
        const hidden = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
        if (e.tagName !== 'SELECT' && hidden && e.scrollWidth > e.clientWidth + 1) {
            problems.push({problem: 'cut', text: text.slice(0, 60),
                           needs: e.scrollWidth, has: e.clientWidth});
        }
    }
    for (const e of root.querySelectorAll('.jupyter-widgets, .jupyter-widgets select, '
                                          + '.jupyter-widgets button, .jupyter-widgets input')) {
        if (!shown(e)) continue;
        const cell = e.closest('.jp-OutputArea-output') || e.closest('#rendered_cells')
            || document.body;
        const right = e.getBoundingClientRect().right, edge = cell.getBoundingClientRect().right;
        if (right > edge + 1) {
            problems.push({problem: 'overflows', text: (e.innerText || e.className)
                           .trim().slice(0, 60), right: Math.round(right),
                           edge: Math.round(edge)});
        }
    }
    return problems;
}"""


def fit_problems(page, scope: str = NOTEBOOK, settle: float = 5.0) -> list[dict]:
    """The cut labels and overflowing controls inside ``scope`` (see ``_FIT_PROBE``).

    Widgets may still be laying out (a style sheet arriving with a later pane):
    the page is read again for up to ``settle`` seconds until it shows none,
    and the last problems seen are returned.
    """
    deadline = time.monotonic() + settle
    while True:
        problems = page.evaluate(_FIT_PROBE, scope)
        if not problems or time.monotonic() > deadline:
            return problems
        page.wait_for_timeout(250)


def screenshot_path(name: str):
    path = artefacts_dir() / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def narrow_page(chromium_browser):
    """A page 1024 px wide that accepts downloads; closed afterwards."""
    with new_page(chromium_browser, NARROW, accept_downloads=True) as page:
        yield page


@pytest.fixture
def lab_notebook(lab_server, narrow_page):
    """Run a notebook of code cells (written into the server's root) at 1024 px; removed after."""
    with code_notebooks(lab_server, narrow_page) as run:
        yield run


# --------------------------------------------------------------------------- labels that fit


@pytest.mark.parametrize("name", STUDENT_NOTEBOOKS)
def test_no_label_is_cut_and_no_control_overflows_at_1024_px(lab_server, narrow_page, name):
    run = run_notebook_in_lab(narrow_page, lab_server, name)
    assert run.errors == [] and run.widget_errors == 0, run.errors
    assert run.widgets > 0, f"{name}: no widget rendered"
    problems = fit_problems(narrow_page)
    narrow_page.screenshot(path=str(screenshot_path(f"fit_1024_{name.removesuffix('.ipynb')}")))
    assert problems == [], f"{name} at 1024 px: " + "; ".join(map(str, problems))


def test_the_check_sees_a_cut_label(lab_notebook, narrow_page):
    """A plain ipywidgets control (not one of the collection's tools) is cut: the probe says so."""
    source = (
        "import ipywidgets as w\n"
        "w.VBox([w.Checkbox(description='Include the hand-coded reference in the table'),\n"
        "        w.Button(description='Show the comparison of the two deviations'),\n"
        "        w.Dropdown(options=['x'], layout=w.Layout(width='150%'))])"
    )
    lab_notebook("fit_probe_control", source)
    problems = fit_problems(narrow_page)
    kinds = {(p["problem"], p["text"][:20]) for p in problems}
    assert ("cut", "Include the hand-cod") in kinds, problems
    assert ("cut", "Show the comparison ") in kinds, problems
    assert any(p["problem"] == "overflows" for p in problems), problems


# --------------------------------------------------------------------------- glossary cards


def open_cards(scope) -> list[dict]:
    """Each open glossary card: its term, the segment holding it, and the clicked term's place."""
    return scope.locator(".ly-inline-card").evaluate_all(
        """cards => cards.map(card => {
            const seg = card.closest('.ly-seg');
            const term = seg && seg.querySelector('.ly-term[aria-expanded="true"]');
            return {label: card.getAttribute('aria-label'), text: card.innerText,
                    seg: seg ? seg.dataset.seg : null,
                    term: term ? term.dataset.term : null,
                    gap: term ? card.getBoundingClientRect().top
                               - term.getBoundingClientRect().bottom : null};
        })"""
    )


def test_a_glossary_term_opens_its_card_where_it_is_clicked(lab_notebook, narrow_page):
    from helpers import glossary

    page = narrow_page
    source = 'import helpers\nhelpers.reader(start="P2.10")'
    lab_notebook("fit_glossary_reader", source)
    reader = code_cell(page, source)
    wait_for_text(reader, "Click an underlined term")
    term = reader.locator('.ly-term[data-term="硬卡硬"]').first
    assert term.get_attribute("role") == "button" and term.get_attribute("tabindex") == "0"
    term.click()
    wait_idle(page)
    cards = wait_until(lambda: open_cards(reader), message="the card to open")
    row = glossary().set_index("term_zh").loc["硬卡硬"]
    assert len(cards) == 1 and cards[0]["seg"] == "P2.10" and cards[0]["term"] == "硬卡硬"
    assert row.gloss_en.split(";")[0][:30] in cards[0]["text"], cards
    assert 0 <= cards[0]["gap"] < 400, cards  # below the term, within its segment
    # The list of terms follows the click (the kernel heard it).
    chosen = control_in(reader, "Terms in view", "select")
    wait_until(lambda: chosen.evaluate("s => s.value !== ''"), message="the list to follow")
    assert "硬卡硬" in chosen.evaluate("s => s.options[s.selectedIndex].text")
    page.screenshot(path=str(screenshot_path("fit_1024_glossary_card_segment")))

    page.keyboard.press("Escape")
    wait_until(lambda: not open_cards(reader), message="Escape to close the card")
    assert page.evaluate("() => document.activeElement.dataset.term") == "硬卡硬"
    page.keyboard.press("Enter")  # the focused term, by keyboard
    wait_until(lambda: open_cards(reader), message="Enter to open the card")

    # The whole article: the card opens beside the term clicked, not at the bottom.
    reader.locator(".widget-toggle-button", has_text="whole article").first.click()
    wait_idle(page)
    wait_until(lambda: reader.locator(".ly-seg").count() > 10, message="the whole article")
    target = reader.locator('.ly-seg[data-seg="P2.5"] .ly-term').first
    clicked = target.get_attribute("data-term")
    target.click()
    wait_idle(page)
    cards = wait_until(lambda: open_cards(reader), message="the card in the article")
    assert len(cards) == 1 and cards[0]["seg"] == "P2.5" and cards[0]["term"] == clicked, cards
    last = reader.locator(".ly-seg").last.bounding_box()
    card = reader.locator(".ly-inline-card").bounding_box()
    assert card["y"] < last["y"], "the card is at the bottom of the article, far from its term"
    reader.locator(".ly-inline-card").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_path("fit_1024_glossary_card_article")))
    assert fit_problems(page) == []


# --------------------------------------------------------------------------- downloads


def test_the_annotator_downloads_the_coding_and_its_table(
    lab_server, lab_notebook, narrow_page, tmp_path
):
    page = narrow_page
    source = 'import helpers\nhelpers.annotator("Browser Downloader")'
    lab_notebook("fit_annotator_downloads", source)
    tool = code_cell(page, source)
    wait_for_text(tool, "Nothing saved yet")
    select_in(page, tool, "Tag:", "Lead")
    json_button = tool.get_by_role(
        "link", name="Download your coding (coding-Browser_Downloader.json)"
    )
    csv_button = tool.get_by_role(
        "link", name="Download the coding as a table (coding-Browser_Downloader.csv)"
    )
    json_button.wait_for()
    for button in (json_button, csv_button):
        look = button.evaluate(
            """a => ({display: getComputedStyle(a).display,
                      line: getComputedStyle(a).textDecorationLine,
                      background: getComputedStyle(a).backgroundColor})"""
        )
        assert look["display"] == "inline-flex" and look["line"] == "none", look
        assert look["background"] not in {"rgba(0, 0, 0, 0)", "transparent"}, look
    with page.expect_download() as download_info:
        json_button.click()
    download = download_info.value
    assert download.suggested_filename == "coding-Browser_Downloader.json"
    download.save_as(tmp_path / "c.json")
    saved = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert saved["codes"]["P1.1"]["tag"] == "lead", saved

    csv_button.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")  # a download by keyboard too
    download = download_info.value
    assert download.suggested_filename == "coding-Browser_Downloader.csv"
    download.save_as(tmp_path / "c.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 19 and rows[0]["seg_id"] == "P1.1" and rows[0]["tag"] == "lead", rows[0]
    written = sorted(path.name for path in lab_server.work_dir.rglob("*.csv"))
    assert written == [], f"a CSV was written on the server: {written}"
    tool.screenshot(path=str(screenshot_path("fit_1024_annotator_downloads")))


# --------------------------------------------------------------------------- Voila


def test_the_app_in_voila_fits_at_1024_px_and_its_terms_open_cards(chromium_browser, tmp_path):
    require_browser()
    with voila_running(tmp_path / "voila") as server, new_page(chromium_browser, NARROW) as page:
        open_voila_app(page, server)
        body = page.locator("body")
        assert fit_problems(page, "body") == []
        for _ in range(5):  # P1.1 (the dateline) has no glossary term: step on to one
            if page.locator(".ly-term[data-term]").count():
                break
            page.locator("button", has_text="Next ▶").first.click()
            wait_until(lambda: "Segment 1 of" not in body.inner_text(), message="a step")
        term = page.locator(".ly-term[data-term]").first
        wait_until(lambda: term.get_attribute("role") == "button", message="clickable terms")
        term.click()
        cards = wait_until(lambda: open_cards(page.locator("body")), message="a card")
        assert len(cards) == 1 and cards[0]["term"] == term.get_attribute("data-term")
        page.screenshot(path=str(screenshot_path("fit_1024_voila_app")))
        for title in ("Search (KWIC)",):
            page.locator(".lm-TabBar-tab", has_text=title).first.click()
            assert fit_problems(page, "body") == []
