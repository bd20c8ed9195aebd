"""Hand in with the button and restore with the upload box, in a real JupyterLab (and in Voila).

A notebook saves a student's answers, then ``helpers.hand_in()`` shows the
download buttons: the test checks they look like buttons, presses one with the
keyboard and clicks the other, and reads what the browser downloaded
(Playwright's download event). A second notebook, working in a fresh work
folder (another computer), shows ``helpers.restore()``; the downloaded file is
given to its upload box and the answers are back in that folder. The same
download is then made in Voila, where no file may be served from the work
folder.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from helpers.model.handin import read_hand_in
from tests.browser import (
    artefacts_dir,
    code_cell,
    full_screenshot,
    new_page,
    require_browser,
    run_notebook_in_lab,
    voila_running,
    wait_for_text,
    write_code_notebook,
)

pytestmark = pytest.mark.browser

STUDENT = "Browser Student"
JSON_NAME = "handin-Browser_Student-000_de9b3e9f03d8f077.json"
HTML_NAME = JSON_NAME.replace(".json", ".html")
JSON_BUTTON = "Download the hand-in (.json)"
HTML_BUTTON = "Download a readable copy (.html)"


def saving_cells(folder: Path) -> list[str]:
    """Cells that work in ``folder`` as the student, save two answers and a note."""
    return [
        f"import os\nos.environ['LIAOYANG_WORK_DIR'] = {str(folder)!r}",
        "import helpers\n"
        "from helpers.model.work import StudentWork, set_student_name\n"
        f"set_student_name({STUDENT!r})\n"
        f"work = StudentWork({STUDENT!r})\n"
        "_ = work.save_answer('q01_slogan', 'steady progress 稳步前进', correct=True, "
        "feedback='Right.')\n"
        "_ = work.save_answer('q03_chain_order', ['P1.1', 'P2.3'], correct=False, "
        "feedback='Not yet.')\n"
        "_ = work.save_note('07_plan', 'Start from P3.4 <first>')",
        "helpers.hand_in()",
        "# An answer given after the buttons were made (the watcher makes them again).\n"
        "_ = work.save_answer('q02_who_corrects', 'the bureau', correct=True, feedback='Yes.')",
    ]


def looks_like_a_button(link) -> dict:
    """The computed look of a link: it must read as a button, not as underlined text."""
    return link.evaluate(
        """a => {
            const style = getComputedStyle(a);
            const box = a.getBoundingClientRect();
            return {display: style.display, decoration: style.textDecorationLine,
                    background: style.backgroundColor, height: box.height, width: box.width,
                    tabIndex: a.tabIndex, href: a.getAttribute('href').slice(0, 5)};
        }"""
    )


def assert_button_look(look: dict) -> None:
    assert look["display"] in {"inline-flex", "inline-block", "flex"}, look
    assert look["decoration"] == "none", look
    assert look["background"] not in {"rgba(0, 0, 0, 0)", "transparent"}, look
    assert look["height"] >= 24 and look["width"] > 100, look
    assert look["tabIndex"] == 0 and look["href"] == "data:", look


def upload(box, path: Path) -> None:
    """Click the upload button as a student would and choose ``path`` in the file chooser."""
    page = box.page
    with page.expect_file_chooser() as chooser:
        box.get_by_role("button", name="Restore from a file").click()
    chooser.value.set_files(str(path))


@pytest.fixture
def notebooks(lab_server):
    """Write notebooks into the server's root for one test; removed afterwards."""
    written = []

    def write(name: str, *sources: str) -> str:
        path = write_code_notebook(lab_server.root / f"{name}.ipynb", *sources)
        written.append(path)
        return path.name

    yield write
    for path in written:
        path.unlink(missing_ok=True)


def test_hand_in_with_the_button_and_restore_it_into_a_fresh_work_folder(
    lab_server, browser_page, notebooks, tmp_path
):
    page = browser_page
    home, lab = tmp_path / "home", tmp_path / "lab"
    run = run_notebook_in_lab(page, lab_server, notebooks("handin_home", *saving_cells(home)))
    assert run.errors == [] and run.widget_errors == 0, run.errors
    cell = code_cell(page, "helpers.hand_in()")
    wait_for_text(cell, "Your hand-in holds 3 answers (2 right)")
    json_link = cell.get_by_role("link", name=JSON_BUTTON)
    html_link = cell.get_by_role("link", name=HTML_BUTTON)
    assert_button_look(looks_like_a_button(json_link))
    assert_button_look(looks_like_a_button(html_link))
    full_screenshot(page, artefacts_dir() / "screenshots" / "handin_buttons.png")

    # The keyboard: focus the button, press Enter; the browser downloads the hand-in.
    json_link.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == JSON_NAME
    downloaded = tmp_path / "downloads" / JSON_NAME
    download.save_as(downloaded)
    handed = read_hand_in(downloaded.read_bytes(), JSON_NAME)
    assert handed.student == STUDENT
    assert handed.answers["q01_slogan"]["value"] == "steady progress 稳步前进"
    assert handed.notes["07_plan"]["text"] == "Start from P3.4 <first>"
    assert handed.answers["q02_who_corrects"]["value"] == "the bureau"  # saved after hand_in()

    with page.expect_download() as download_info:
        html_link.click()
    copy = tmp_path / "downloads" / HTML_NAME
    download_info.value.save_as(copy)
    assert download_info.value.suggested_filename == HTML_NAME
    text = copy.read_text(encoding="utf-8")
    assert "Start from P3.4 &lt;first&gt;" in text and "<script" not in text

    # Another computer: a fresh work folder, the restore box, the downloaded file.
    run = run_notebook_in_lab(
        page,
        lab_server,
        notebooks(
            "handin_restore",
            f"import os\nos.environ['LIAOYANG_WORK_DIR'] = {str(lab)!r}",
            "import helpers\nhelpers.restore()",
        ),
    )
    assert run.errors == [] and run.widget_errors == 0, run.errors
    box = code_cell(page, "import helpers\nhelpers.restore()")
    upload(box, downloaded)
    wait_for_text(box, f"Restored {JSON_NAME}: added 3 answers and 1 note.")
    restored = json.loads((lab / f"work-Browser_Student-{JSON_NAME[-25:-5]}.json").read_text())
    assert restored["answers"]["q03_chain_order"]["value"] == ["P1.1", "P2.3"]
    assert restored["notes"]["07_plan"]["text"] == "Start from P3.4 <first>"
    assert json.loads((lab / "student.json").read_text())["name"] == STUDENT

    # A damaged file is refused in one sentence, and changes nothing.
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(downloaded.read_bytes()[:200])
    before = (lab / f"work-Browser_Student-{JSON_NAME[-25:-5]}.json").read_bytes()
    upload(box, damaged)
    wait_for_text(box, "Nothing was restored: damaged.json is damaged")
    assert (lab / f"work-Browser_Student-{JSON_NAME[-25:-5]}.json").read_bytes() == before
    full_screenshot(page, artefacts_dir() / "screenshots" / "handin_restored.png")


def test_the_readable_copy_draws_its_chinese_with_the_embedded_font(
    lab_server, browser_page, tmp_path
):
    from helpers.exercises.handin_copy import write_hand_in_files
    from helpers.model.work import StudentWork

    StudentWork(STUDENT).save_answer("q01_slogan", "稳步前进", correct=True, feedback="Right.")
    files = write_hand_in_files(STUDENT)
    page = browser_page
    page.goto(files.html_path.as_uri())
    loaded = page.evaluate(
        """async () => { await document.fonts.ready;
            return document.fonts.check('16px "Liaoyang Noto Sans CJK SC Subset"', '稳步前进'); }"""
    )
    assert loaded is True
    assert "稳步前进" in page.locator("body").inner_text()


def test_the_download_button_works_in_voila(chromium_browser, tmp_path):
    require_browser()
    notebook = write_code_notebook(tmp_path / "handin_app.ipynb", *saving_cells(tmp_path / "w"))
    with (
        voila_running(tmp_path / "voila", notebook=str(notebook)) as server,
        new_page(chromium_browser, accept_downloads=True) as page,
    ):
        try:
            page.goto(server.url, wait_until="domcontentloaded", timeout=90_000)
            link = page.get_by_role("link", name=JSON_BUTTON)
            link.wait_for(timeout=90_000)
            assert_button_look(looks_like_a_button(link))
            with page.expect_download() as download_info:
                link.click()
            path = tmp_path / JSON_NAME
            download_info.value.save_as(path)
            handed = read_hand_in(path.read_bytes(), JSON_NAME)
            assert handed.answers["q01_slogan"]["correct"] is True
            with contextlib.suppress(Exception):
                page.screenshot(path=str(artefacts_dir() / "screenshots" / "handin_voila.png"))
        except BaseException:
            print(f"Voila log:\n{server.log_tail()}")
            raise
