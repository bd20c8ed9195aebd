"""The one table style: text left, numbers right, lists as text, no meaningless index."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import helpers
from helpers.render.table import ShownSeries, ShownTable, cell_text, table_html
from helpers.render.templates import css


def test_text_is_left_aligned_and_numbers_right():
    sheet = css("table.css")
    # the doubled class outweighs JupyterLab's ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td"
    assert re.search(r"table\.ly-table\.ly-table td \{[^}]*text-align: left", sheet)
    assert re.search(r"table\.ly-table\.ly-table \{[^}]*table-layout: auto", sheet)
    assert re.search(r"\.ly-table \.ly-num \{[^}]*text-align: right", sheet)
    html = table_html(pd.DataFrame({"word": ["互助组"], "hits": [13]}))
    assert '<td class="ly-num">13</td>' in html


def test_lists_paths_and_missing_values_are_text():
    table = pd.DataFrame(
        {"seg_ids": [["P2.1", "P2.2"], []], "where": [Path("/tmp/w"), None], "x": [1.5, None]}
    )
    html = table_html(table)
    assert "P2.1, P2.2" in html and ">none<" in html and "/tmp/w" in html
    assert "[" not in html and "PosixPath" not in html and "nan" not in html
    assert cell_text(pd.Timestamp("1953-02-15")) == "1953-02-15"


def test_no_index_column_unless_it_means_something():
    plain = table_html(pd.DataFrame({"a": ["x", "y"]}))
    assert 'scope="row"' not in plain and ">0<" not in plain
    named = table_html(pd.DataFrame({"zh": ["辽阳县"]}, index=pd.Index(["P1.2"], name="seg_id")))
    assert '<th scope="row"' in named and ">seg_id</th>" in named


def test_dates_never_wrap_and_chinese_is_never_squeezed():
    sheet = css("table.css")
    assert re.search(r"\.ly-date \{[^}]*white-space: nowrap", sheet)
    assert re.search(r"\.ly-zh-col \{[^}]*min-width: 1\d(\.\d)?em", sheet)
    timeline = helpers.timeline()._repr_html_()
    assert re.search(r'<td class="ly-date"( data-head="date")?>1953-02-15</td>', timeline)
    segments = helpers.segments()._repr_html_()
    assert '<td class="ly-zh-col" lang="zh-Hans" data-head="zh">' in segments


def test_argument_table_shows_steps_and_segments_as_text():
    rows = helpers.argument_table()
    assert rows.set_index("problem").loc["deviation-2", "answered by steps (a reading)"] == [2, 4]
    html = rows._repr_html_().split("</style>")[-1]  # the cells, not the style sheet's selectors
    assert ">2, 4<" in html and ">P2.9<" in html and "[" not in html
    assert "[" not in repr(rows) and "answered by steps (a reading): none" in repr(rows)


def test_what_import_helpers_returns_shows_itself_styled_and_stays_a_frame():
    for table in (helpers.glossary(), helpers.segments(), helpers.timeline(), helpers.steps()):
        assert isinstance(table, ShownTable) and isinstance(table, pd.DataFrame)
        assert 'class="dataframe"' not in table._repr_html_()
    row = helpers.glossary().set_index("term_zh").loc["偏向", ["pinyin", "gloss_en"]]
    assert isinstance(row, ShownSeries) and "dtype" not in repr(row) + row._repr_html_()
    counts = helpers.renderings()["verdict"].value_counts()
    shown = counts._repr_html_()
    assert "dtype" not in repr(counts) + shown and ">count</th>" in shown
    pd.testing.assert_frame_equal(helpers.segments(), helpers.segments())
