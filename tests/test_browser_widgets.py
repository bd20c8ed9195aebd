"""The key widgets driven as a user would, in a real JupyterLab in headless Chromium.

Each test opens a notebook in the session's JupyterLab (see ``tests/browser.py``),
runs it with Run → Run All Cells, then clicks, types and chooses in the page
and reads what the page shows: the reader steps and shows pinyin, the
concordance finds hits and reports a bad pattern in one line, the annotator
saves every tag to the coder's file, a question gives a hint for a wrong
answer, and a plot's Chinese is drawn with real glyphs. Screenshots of each
driven state go to ``<artefacts>/screenshots/``.

Expected texts are computed from the data with the same pure functions the
widgets use (``helpers.analysis.search.count_line``, ``helpers.segments()`` ...), so the
tests follow the data but fail when the page does not show them.
"""

from __future__ import annotations

import base64
import io
import json
import re
import warnings
from pathlib import Path

import pytest

from tests.browser import (
    artefacts_dir,
    button_in,
    chinese_renders,
    click_button_in,
    code_cell,
    control_in,
    full_screenshot,
    image_sources,
    question_item,
    run_notebook_in_lab,
    select_in,
    wait_for_text,
    wait_idle,
    wait_until,
)

# The harness's fixtures (lab_server, browser_page, chromium_browser ...), registered once
# for the whole session: one Playwright driver may run at a time.

pytestmark = pytest.mark.browser

CODER = "Browser Tester"
QUESTION = "q03_deviation_two"
TIMELINE_SINCE, TIMELINE_UNTIL = "1953-06-01", "1954-03-31"


def screenshot_path(name: str) -> Path:
    """Where the screenshot of a driven state goes."""
    return artefacts_dir() / "screenshots" / f"{name}.png"


def shown_segment(scope) -> dict:
    """The seg_id and Chinese of the segment the reader shows (the first if several)."""
    return scope.locator(".ly-seg").first.evaluate(
        """seg => ({seg_id: seg.dataset.seg,
                    zh: seg.querySelector('.ly-zh').innerText,
                    en: seg.querySelector('.ly-en').innerText})"""
    )


def han_sample(text: str, count: int = 5) -> str:
    """The first ``count`` different Chinese characters of ``text`` (for the glyph check)."""
    return "".join(dict.fromkeys(c for c in text if "\u4e00" <= c <= "\u9fff"))[:count]


def no_traceback(text: str) -> None:
    assert "Traceback" not in text, text
    assert not re.search(r"^\w+(Error|Exception): ", text, re.M), text


# --------------------------------------------------------------------------- the reader


def test_the_reader_in_notebook_02_steps_and_shows_pinyin(lab_server, browser_page):
    import helpers
    from helpers.analysis.reading import segment_label

    page = browser_page
    table = helpers.segments()
    run = run_notebook_in_lab(page, lab_server, "02_first_reading.ipynb")
    assert run.errors == [] and run.widget_errors == 0, run.errors
    reader = code_cell(page, "helpers.reader(moves=False)")  # no moves before the question
    wait_for_text(reader, f"Segment 1 of {len(table)}")
    first = shown_segment(reader)
    assert first["seg_id"] == table.seg_id[0]
    check = chinese_renders(page, han_sample(first["zh"]), ".ly-zh")
    assert check["found"] and check["tofu"] == 0, check
    assert check["distinct"] == check["characters"], check

    for _ in range(3):
        click_button_in(page, reader, "Next ▶")
    wait_for_text(reader, f"Segment 4 of {len(table)}")
    fourth = shown_segment(reader)
    assert fourth["seg_id"] == table.seg_id[3] != first["seg_id"]
    assert fourth["zh"].strip() == table.zh[3].strip()
    assert fourth["zh"] != first["zh"] and fourth["en"] != first["en"]
    # The second reader of the notebook (started at P2.3) did not move.
    other = code_cell(page, 'helpers.reader(start="P2.3")')
    assert shown_segment(other)["seg_id"] == "P2.3"
    reader.screenshot(path=str(screenshot_path("02_first_reading_reader_segment_4")))

    row = table.set_index("seg_id").loc["P3.4"]
    assert segment_label("P3.4", row.move) not in reader.inner_text(), "a move shown too early"
    select_in(page, reader, "Go to", "P3.4")
    position = table.seg_id.tolist().index("P3.4") + 1
    wait_for_text(reader, f"Segment {position} of {len(table)}")
    assert shown_segment(reader)["seg_id"] == "P3.4"
    assert reader.locator(".ly-zh rt").count() == 0, "pinyin shown before it was asked for"

    control_in(reader, "Show pinyin", "input").check()
    wait_idle(page)
    readings = wait_until(
        lambda: reader.locator(".ly-zh rt").all_inner_texts(), message="pinyin (ruby) to appear"
    )
    assert "niú" in readings, readings
    assert len(readings) > 10, readings
    reader.screenshot(path=str(screenshot_path("02_first_reading_reader_P3.4_pinyin")))
    no_traceback(reader.inner_text())


# --------------------------------------------------------------------------- the concordance


def test_the_concordance_finds_hits_and_reports_a_bad_pattern(browser_page, temporary_notebook):
    from helpers.analysis.hits import count_line
    from helpers.analysis.search import kwic

    page = browser_page
    temporary_notebook("browser_concordance", "import helpers\nhelpers.concordance()")
    tool = code_cell(page, "import helpers\nhelpers.concordance()")
    wait_for_text(tool, "Type a word (Chinese or English) and press Search.")

    query = "偏向"
    hits = kwic(query)
    assert len(hits) >= 1, "the article should contain 偏向"
    field = tool.get_by_placeholder("互助组 or mutual aid")
    field.fill(query)
    field.press("Enter")
    wait_idle(page)
    text = wait_for_text(tool, count_line(hits, query, "zh"))
    highlighted = tool.locator(".ly-hit").all_inner_texts()
    assert highlighted == [query] * len(hits), highlighted
    for sentence in hits["other"]:
        assert sentence.strip()[:60] in text, f"aligned English missing: {sentence[:60]}"
    assert tool.locator("svg").count() >= 1, "no dispersion strip shown"
    full_screenshot(page, screenshot_path("browser_concordance_hits"))

    control_in(tool, "regular expression", "input").check()
    wait_idle(page)
    field.fill("偏向(")
    field.press("Enter")
    wait_idle(page)
    text = wait_for_text(tool, "is not a valid regular expression")
    error = tool.locator(".ly-error")
    assert error.count() == 1
    message = error.inner_text().strip()
    assert "\n" not in message and "Untick 'regex'" in message, message
    assert tool.locator(".ly-hit").count() == 0, "old hits still shown after a bad pattern"
    no_traceback(text)
    full_screenshot(page, screenshot_path("browser_concordance_bad_pattern"))


# --------------------------------------------------------------------------- the annotator


def saved_codes(path: Path) -> dict:
    """The codes in a coder's work file ({} while it does not exist or is being replaced)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))["coding"]["codes"]
    except (OSError, ValueError, KeyError):
        return {}


def test_the_annotator_saves_each_tagged_segment_to_the_coders_file(
    lab_server, browser_page, temporary_notebook
):
    import helpers

    page = browser_page
    table = helpers.segments()
    moves = helpers.moves().set_index("move")
    save_file = lab_server.work_dir / "work-Browser_Tester-000_de9b3e9f03d8f077.json"
    save_file.unlink(missing_ok=True)
    source = f"import helpers\nhelpers.annotator({CODER!r})"
    temporary_notebook("browser_annotator", source)
    tool = code_cell(page, source)
    wait_for_text(tool, f"Segment 1 of {len(table)}")
    assert not save_file.exists(), "the annotator saved before anything was tagged"

    first_move = table.move[0]
    select_in(page, tool, "Tag:", moves.loc[first_move, "label"])
    wait_until(save_file.exists, message=f"{save_file.name} to be written")
    contents = [save_file.read_text(encoding="utf-8")]

    for number in range(1, 4):
        click_button_in(page, tool, "Save & next")
        wait_until(
            lambda number=number: (
                save_file.read_text(encoding="utf-8") != contents[-1]
                and len(saved_codes(save_file)) == number
            ),
            message=f"the save file to change and hold {number} codes",
        )
        contents.append(save_file.read_text(encoding="utf-8"))
        wait_for_text(tool, f"Segment {number + 1} of {len(table)}")

    codes = saved_codes(save_file)
    assert sorted(codes) == sorted(table.seg_id[:3]), codes
    assert {code["tag"] for code in codes.values()} == {first_move}
    assert json.loads(contents[-1])["student"] == CODER
    text = wait_for_text(tool, f"3 of {len(table)} coded")
    assert f"Saved {table.seg_id[2]}" in text
    no_traceback(text)
    full_screenshot(page, screenshot_path("browser_annotator_three_saved"))


# --------------------------------------------------------------------------- a question


def test_a_wrong_answer_gets_not_yet_its_hint_and_unlocks_the_solution(
    browser_page, temporary_notebook
):
    page = browser_page
    item = question_item(QUESTION)
    wrong = next(option for option in item["options"] if option in item["hints"])
    assert wrong != item["answer"]

    source = f"import helpers\nhelpers.question({QUESTION!r})"
    temporary_notebook("browser_question", source)
    tool = code_cell(page, source)
    wait_for_text(tool, item["prompt"][:40])
    show = button_in(tool, "Show solution")
    assert show.is_disabled(), "Show solution is enabled before any answer was checked"

    tool.locator(".widget-radio-box label").filter(has_text=wrong).first.click()
    wait_idle(page)
    click_button_in(page, tool, "Check")
    text = wait_for_text(tool, "Not yet")
    assert item["hints"][wrong] in text, text
    assert item["explanation"][:30] not in text, "the explanation was shown after a wrong answer"
    wait_until(show.is_enabled, message="Show solution to be enabled")
    full_screenshot(page, screenshot_path("browser_question_wrong_answer"))

    show.click()
    wait_idle(page)
    text = wait_for_text(tool, "The answer:")
    assert item["answer"] in text
    no_traceback(text)


# --------------------------------------------------------------------------- a plot's Chinese

PLOT_CELL = (
    "import warnings\n"
    "with warnings.catch_warnings():\n"
    "    warnings.simplefilter('error')  # a missing glyph fails the cell\n"
    f"    figure = helpers.timeline_plot(since={TIMELINE_SINCE!r}, until={TIMELINE_UNTIL!r})\n"
    "    figure.canvas.draw()\n"
    "print('drawn with every glyph')"
)
# The control: the same kernel does warn when its font lacks the Chinese glyphs.
CONTROL_CELL = (
    "import matplotlib.pyplot as plt\n"
    "with warnings.catch_warnings(record=True) as caught:\n"
    "    warnings.simplefilter('always')\n"
    "    with plt.rc_context({'font.sans-serif': ['DejaVu Sans']}):\n"
    "        probe = plt.figure()\n"
    "        probe.text(0.5, 0.5, '辽阳县')\n"
    "        probe.canvas.draw()\n"
    "    plt.close(probe)\n"
    "print('control warns:', any('missing from font' in str(w.message) for w in caught))"
)


def reference_png(without_chinese_font: bool) -> tuple[bytes, list[str]]:
    """The timeline as the kernel shows it, drawn here; optionally without the Chinese font.

    Returns the PNG and the warnings raised while drawing.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    import helpers
    from helpers.render.fonts import use_chinese_font

    use_chinese_font()
    settings = {"font.sans-serif": ["DejaVu Sans"]} if without_chinese_font else {}
    with warnings.catch_warnings(record=True) as caught, plt.rc_context(settings):
        warnings.simplefilter("always")
        figure = helpers.timeline_plot(since=TIMELINE_SINCE, until=TIMELINE_UNTIL)
        try:
            png = print_figure(figure, "png", bbox_inches="tight", dpi=200)  # as ReadFigure: 2x
        finally:
            plt.close(figure)
    return png, [str(warning.message) for warning in caught]


def pixels(png: bytes, size=None):
    """The PNG as a float RGB array, resized to ``size`` (width, height) if given."""
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if size is not None and image.size != tuple(size):
        image = image.resize(tuple(size))
    return np.asarray(image, dtype=float)


def test_a_plot_draws_its_chinese_with_real_glyphs(browser_page, temporary_notebook):
    pytest.importorskip("PIL", reason="Pillow (a matplotlib dependency) compares the images")
    page = browser_page
    run = temporary_notebook("browser_plot_chinese", "import helpers", PLOT_CELL, CONTROL_CELL)
    assert "drawn with every glyph" in run.text
    assert "control warns: True" in run.text, "the kernel's missing-glyph check cannot fail"
    assert not run.stderr, run.stderr

    plot = code_cell(page, PLOT_CELL)
    sources = [src for src in image_sources(plot) if src and src.startswith("data:image/png")]
    assert len(sources) == 1, f"expected one PNG in the plot cell, got {len(sources)}"
    shown = base64.b64decode(sources[0].split(",", 1)[1])
    assert shown[:8] == b"\x89PNG\r\n\x1a\n"
    screenshot_path("browser_plot_chinese_image").write_bytes(shown)  # the plot as the page has it
    from PIL import Image

    width, height = Image.open(io.BytesIO(shown)).size
    assert width >= 600 and height >= 300 and len(shown) > 20_000, (width, height, len(shown))

    # The same figure drawn here with the Chinese font, and with it removed (boxes).
    with_font, font_warnings = reference_png(without_chinese_font=False)
    boxes, box_warnings = reference_png(without_chinese_font=True)
    assert not [w for w in font_warnings if "missing from font" in w], font_warnings
    assert [w for w in box_warnings if "missing from font" in w], "the box reference has glyphs"
    page_pixels = pixels(shown)
    size = (width, height)
    off_with_font = abs(page_pixels - pixels(with_font, size)).mean()
    off_boxes = abs(page_pixels - pixels(boxes, size)).mean()
    assert off_with_font < off_boxes / 3, (off_with_font, off_boxes)
    full_screenshot(page, screenshot_path("browser_plot_chinese"))
    plot.screenshot(path=str(screenshot_path("browser_plot_chinese_cell")))
