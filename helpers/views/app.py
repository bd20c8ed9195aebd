"""The reader-and-search app: the parallel reader and the concordance in two tabs.

Served by Voila from ``notebooks/apps/reader_and_search.ipynb`` with its code
hidden; it works in a notebook too.
"""

from __future__ import annotations

import ipywidgets as widgets

from helpers.views.concordance import concordance
from helpers.views.reader import reader
from helpers.views.tool import StaticFormBox


def reading_app(query: str = "互助组") -> StaticFormBox:
    """The parallel reader and the concordance (opened on ``query``) as two tabs.

    Where no kernel runs, it shows the whole article and the search results.

    Example:
        >>> app = reading_app()
        >>> app.tabs.titles
        ('Read side by side', 'Search (KWIC)')
    """
    parts = [reader(), concordance(query)]
    tabs = widgets.Tab(children=parts)
    tabs.titles = ("Read side by side", "Search (KWIC)")
    box = StaticFormBox(
        [tabs],
        static_html=lambda: (
            "<h3>Read side by side</h3>"
            + parts[0].static_html()
            + "<h3>Search (KWIC)</h3>"
            + parts[1].static_html()
        ),
    )
    box.tabs = tabs
    return box
