"""The class overview's CSV downloads arrive in the browser, in JupyterLab at 1024 px.

The instructor's ``overview.downloads()`` shows one download button per
table. Chromium clicks one (and opens another by keyboard), Playwright's
download event catches the file, and the test reads it: the table's
headings and rows, UTF-8 with a byte-order mark, CR LF. Nothing is written
in the server's work folder. (The bytes of every button:
tests/render/test_class_overview_downloads.py.)
"""

from __future__ import annotations

import csv
import io

import pytest

from tests.browser import (
    code_cell,
    new_page,
    require_browser,
    run_notebook_in_lab,
    wait_for_text,
    write_code_notebook,
)

pytestmark = pytest.mark.browser

SOURCE = "import helpers\noverview = helpers.class_overview()\noverview.downloads()"


@pytest.fixture
def downloads_page(chromium_browser):
    with new_page(chromium_browser, {"width": 1024, "height": 900}, accept_downloads=True) as page:
        yield page


def test_the_class_overview_s_csv_downloads_arrive(lab_server, downloads_page, tmp_path):
    import helpers

    require_browser()
    page = downloads_page
    notebook = write_code_notebook(lab_server.root / "downloads_class_overview.ipynb", SOURCE)
    try:
        run = run_notebook_in_lab(page, lab_server, notebook.name)
        assert not run.errors, run.errors
        cell = code_cell(page, SOURCE)
        wait_for_text(cell, "Download the tables as CSV")
        expected = helpers.class_overview().tables()  # the same example folder, read here
        article = helpers.class_overview().found.article
        for key, how in (("questions", "click"), ("students", "keyboard")):
            button = cell.get_by_role("link", name=f"Download {key} (.csv)")
            with page.expect_download() as arrived:
                if how == "click":
                    button.click()
                else:
                    button.focus()
                    page.keyboard.press("Enter")
            download = arrived.value
            assert download.suggested_filename == f"class-overview-{article}-{key}.csv"
            path = tmp_path / download.suggested_filename
            download.save_as(path)
            data = path.read_bytes()
            assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
            assert rows[0] == [str(column) for column in expected[key].columns], rows[0]
            assert len(rows) - 1 == len(expected[key]), (key, len(rows))
        written = sorted(path.name for path in lab_server.work_dir.rglob("*.csv"))
        assert written == [], f"a CSV was written on the server: {written}"
    finally:
        notebook.unlink(missing_ok=True)
