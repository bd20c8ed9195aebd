"""The argument map's HTML: the table headed as a reading, and the page for a static notebook.

Example:
    >>> from helpers.analysis.compare import table_and_steps
    >>> "a reading" in argument_table_html(*table_and_steps())
    True
"""

from __future__ import annotations

import base64

import pandas as pd

from helpers.analysis.argument import TABLE_CAPTION, argument_reading, caption_for, highlighted_rows
from helpers.analysis.compare import table_and_steps  # noqa: F401 (examples)
from helpers.render.argument_map import map_png
from helpers.render.escaping import escape
from helpers.render.html import table_html
from helpers.render.templates import render, safe


def argument_table_html(table: pd.DataFrame, steps_table: pd.DataFrame, highlight: str = "") -> str:
    """The argument table as HTML, headed as a reading, the highlighted row marked in words.

    ``table`` is a segments table and ``steps_table`` its steps
    (:func:`helpers.analysis.compare.table_and_steps` gives both for any source).

    Example:
        >>> page = argument_table_html(*table_and_steps(), "deviation-2")
        >>> page.count("<tr>"), "→ deviation-2 (highlighted)" in page
        (5, True)
    """
    rows = highlighted_rows(table, steps_table, highlight)
    return f"<p><b>{escape(TABLE_CAPTION)}</b></p>{table_html(rows)}"


def argument_map_static_html(table: pd.DataFrame, steps_table: pd.DataFrame) -> str:
    """The map as an inline PNG (its reading as alt text) plus the table, for a static page.

    ``table`` is a segments table and ``steps_table`` its steps
    (:func:`helpers.analysis.compare.table_and_steps` gives both for any source).

    Example:
        >>> page = argument_map_static_html(*table_and_steps())
        >>> page.count('<img src="data:image/png;base64,'), page.count("<table")
        (1, 1)
    """
    return render(
        "argument_page.html",
        encoded=base64.b64encode(map_png(table, steps_table)).decode("ascii"),
        reading=argument_reading(table, steps_table),
        caption=caption_for(table),
        table=safe(argument_table_html(table, steps_table)),
    )
