"""One door: the reading tools take every source (seed, path, Path, Article, table) alike."""

import re
from pathlib import Path

import pytest

import helpers
from helpers.analysis.argument import argument_table
from helpers.analysis.compare import (
    deviations_side_by_side,
    renderings,
    segment_comparison,
    table_and_steps,
)
from helpers.model.article import load_article
from helpers.model.paths import seed_path
from helpers.model.source import as_table
from helpers.render.reader_html import article_html
from helpers.views.app import ReadingApp, reading_app
from helpers.views.argument_map import ArgumentMap, argument_map_widget
from helpers.views.compare import Compare, compare
from helpers.views.reader import Reader, reader
from helpers.views.tool import Tool, open_tool
from tests.synthetic import UNEVEN_EN, UNEVEN_ZH, write_article_file

SEG_ATTR = re.compile(r'data-seg="([^"]+)"')

SOURCES = {
    "default": lambda: None,
    "path text": lambda: str(seed_path()),
    "Path": seed_path,
    "Article": lambda: load_article(seed_path()),
    "table": lambda: as_table(),
}


@pytest.mark.parametrize("source", list(SOURCES))
def test_every_reading_tool_takes_every_kind_of_source(source):
    seed_ids = list(as_table()["seg_id"])
    made = SOURCES[source]
    box = reader(made())
    assert isinstance(box, Reader) and box.state()["seg_ids"] == ["P1.1"]
    assert SEG_ATTR.findall(box.static_html()) == seed_ids
    box = compare(made())
    assert isinstance(box, Compare) and list(box.controls.segment.options) == seed_ids
    box = argument_map_widget(made())
    assert isinstance(box, ArgumentMap) and 'src="data:image/png;base64,' in box.panes.image.value
    assert SEG_ATTR.findall(article_html(made())) == seed_ids
    assert len(renderings(made())) == len(renderings())
    assert deviations_side_by_side(made()).equals(deviations_side_by_side())
    assert argument_table(made()).equals(argument_table())
    assert segment_comparison("P3.4", made())["en"] == segment_comparison("P3.4")["en"]
    table, steps_table = table_and_steps(made())
    assert list(table["seg_id"]) == seed_ids and steps_table["step"].tolist() == [1, 2, 3, 4, 5]


def test_another_article_file_opens_in_every_tool(tmp_path):
    path = write_article_file(tmp_path, "synthetic_uneven.txt", UNEVEN_EN, UNEVEN_ZH)
    expected = list(as_table(path)["seg_id"])
    for source in (path, str(path), load_article(path), as_table(path)):
        assert SEG_ATTR.findall(reader(source).static_html()) == expected
        assert list(compare(source).controls.segment.options) == expected
        assert "not coded" in argument_map_widget(source).static_html()


@pytest.mark.parametrize("tool", [reader, compare, argument_map_widget])
def test_a_source_that_cannot_be_read_opens_as_a_message(tool, tmp_path):
    for source, words in [
        (tmp_path / "missing.txt", "missing.txt"),
        (42, "Cannot read a int"),
        (tmp_path, "is a folder"),
    ]:
        box = tool(source)
        assert isinstance(box, Tool) and box.controls is None and box.panes is None
        assert words in box.static_html() and "ly-message ly-error" in box.static_html()


def test_bad_steps_open_as_a_message():
    for tool in (compare, argument_map_widget):
        box = tool(steps=Path("no_such_steps.csv"))
        assert box.controls is None and "no such steps file" in box.static_html()


def test_open_tool_builds_the_tool_or_says_why_not():
    assert isinstance(open_tool(Reader, None, "P2.3"), Reader)
    failed = open_tool(Reader, 42)
    assert failed.controls is None and "Cannot read a int" in failed.static_html()

    def broken():
        raise KeyError("a bug, not a bad source")

    with pytest.raises(KeyError):
        open_tool(broken)  # only a source or option it cannot read becomes a message


def test_the_public_factories_return_the_tool_classes():
    assert isinstance(helpers.reader(), Reader)
    assert isinstance(helpers.compare(), Compare)
    assert isinstance(helpers.argument_map_widget(), ArgumentMap)
    assert isinstance(helpers.reading_app(), ReadingApp)
    for name in ("reader", "compare", "argument_map_widget", "reading_app"):
        assert callable(getattr(helpers, name)) and name in helpers.__all__


def test_the_reading_app_holds_the_reader_and_the_search():
    app = reading_app("互助组")
    assert isinstance(app, Tool)
    assert app.controls.tabs.titles == ("Read side by side", "Search (KWIC)")
    assert isinstance(app.panes.reader, Reader)
    assert app.state() == {"tab": "Read side by side", "reader": app.panes.reader.state()}
    app.panes.reader.controls.next.click()
    app.controls.tabs.selected_index = 1
    assert app.state()["tab"] == "Search (KWIC)"
    assert app.state()["reader"]["seg_ids"] == ["P1.2"]
    page = app.static_html()
    reading, search = page.split("<h3>Search (KWIC)</h3>")
    assert "<h3>Read side by side</h3>" in reading
    assert SEG_ATTR.findall(reading) == list(as_table()["seg_id"])
    assert "互助组" in search
