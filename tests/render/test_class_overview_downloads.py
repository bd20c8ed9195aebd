"""The class overview's tables as real downloads: the bytes each button offers, formula-safe.

On Binder a CSV written on the server is out of the instructor's reach, so
``overview.downloads()`` offers each table as a download button (a ``data:``
link, made in the browser). These tests read the bytes back out of the
buttons: the same as the export's, UTF-8 with a byte-order mark, CR LF, every
cell a spreadsheet would run as a formula made text, and nothing written on
the server. (The browser half, the download arriving: tests/test_browser_downloads.py.)
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import urllib.parse

import pytest

import helpers
from helpers.model.handin import hand_in_bytes
from helpers.model.paths import work_dir
from helpers.model.work import StudentWork

HOSTILE = {
    "Ann Lee": '=HYPERLINK("http://x","click")',
    "Bo Chen": "+1+cmd|' /C calc'!A0",
    "Cy Wu": "-1+1",
    "Di Ma": "-2 and 互助组",
    "Ed Fu": "@SUM(A1)",
}
OPEN = "q03_two_or_three"


def offered(page: str) -> dict[str, bytes]:
    """The file name and bytes of every download link in ``page``."""
    files = {}
    for name, href in re.findall(r'download="([^"]+)" href="([^"]+)"', page):
        head, _, data = html.unescape(href).partition(",")
        assert head.startswith("data:text/csv"), head
        encoded = head.endswith(";base64")
        files[html.unescape(name)] = (
            base64.b64decode(data) if encoded else urllib.parse.unquote_to_bytes(data)
        )
    return files


@pytest.fixture
def overview(tmp_path):
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    for student, answer in HOSTILE.items():
        StudentWork(student).save_answer(OPEN, answer, correct=None, feedback="Open.")
        (folder / f"{student}.json").write_bytes(hand_in_bytes(student))
    return helpers.class_overview(folder)


def test_each_table_is_a_download_button_with_the_exports_bytes(overview, tmp_path):
    before = sorted(work_dir().rglob("*.csv"))
    page = overview.downloads()._repr_html_()
    files = offered(page)
    assert len(files) == len(overview.tables()) == page.count('class="ly-download jupyter-button')
    written = {path.name: path.read_bytes() for path in overview.export_csv(tmp_path / "out")}
    assert files == written  # the button offers exactly what the export would write
    assert sorted(work_dir().rglob("*.csv")) == before, "showing the buttons wrote a file"
    for name, data in files.items():
        assert name.startswith(f"class-overview-{overview.found.article}-"), name
        assert name.endswith(".csv"), name
        assert data.startswith(b"\xef\xbb\xbf"), name  # a byte-order mark: Excel reads UTF-8
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), name  # CR LF only
    assert "Download open-answers (.csv)" in page


def test_no_cell_of_any_download_runs_as_a_formula(overview):
    cells = []
    for data in offered(overview.downloads_html()).values():
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        cells += [cell for row in rows for cell in row]
    for answer in HOSTILE.values():
        assert "'" + answer in cells, answer  # the answer is there, as text
        assert answer not in cells, answer
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'-2 and 互助组" in cells  # the Chinese intact


def test_a_cell_starting_with_a_tab_or_a_carriage_return_is_made_text_too():
    import pandas as pd

    from helpers.analysis.class_work import csv_bytes

    data = csv_bytes(pd.DataFrame({"=heading": ["\t=1+1", "\r=2", "plain"]}))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["'=heading"], ["'\t=1+1"], ["'\r=2"], ["plain"]]


def test_the_instructor_notebook_offers_downloads_not_files_on_the_server():
    import json
    from pathlib import Path

    notebook = Path(__file__).resolve().parents[2] / "instructor" / "class_overview.ipynb"
    code = [
        "".join(cell["source"])
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
    ]
    assert "overview.downloads()" in code
    assert not [source for source in code if "export_csv" in source]
