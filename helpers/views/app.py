"""The reader-and-search app: the parallel reader and the concordance in two tabs.

Served by Voila from ``notebooks/apps/reader_and_search.ipynb`` with its code
hidden; it works in a notebook too.
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets

from helpers.views.concordance import concordance
from helpers.views.reader import reader
from helpers.views.tool import Tool

#: The titles of the app's two tabs.
TAB_TITLES = ("Read side by side", "Search (KWIC)")


class ReadingApp(Tool):
    """The parallel reader and the concordance as two tabs (``controls.tabs``).

    ``panes.reader`` and ``panes.search`` are the two tools; where no kernel
    runs, the app shows the whole article and then the search results.

    Example:
        >>> app = ReadingApp("互助组")
        >>> app.controls.tabs.selected_index = 1
        >>> app.state()["tab"]
        'Search (KWIC)'
    """

    def __init__(self, query: str = "互助组"):
        panes = SimpleNamespace(reader=reader(), search=concordance(query))
        tabs = widgets.Tab(children=[panes.reader, panes.search], titles=list(TAB_TITLES))
        super().__init__(SimpleNamespace(tabs=tabs), panes, [tabs], static_html=self._page)

    def _page(self) -> str:
        """Both tools' static forms, each under its tab's title."""
        parts = (self.panes.reader, self.panes.search)
        return "".join(
            f"<h3>{title}</h3>" + part.static_html()
            for title, part in zip(TAB_TITLES, parts, strict=True)
        )

    def state(self) -> dict:
        """The tab shown (its title) and what the reader shows."""
        index = self.controls.tabs.selected_index
        reading = self.panes.reader.state()
        return {"tab": TAB_TITLES[index] if index is not None else "", "reader": reading}


def reading_app(query: str = "互助组") -> Tool:
    """The parallel reader and the concordance (opened on ``query``) as two tabs.

    Where no kernel runs, it shows the whole article and the search results.

    Example:
        >>> app = reading_app()
        >>> app.controls.tabs.titles
        ('Read side by side', 'Search (KWIC)')
    """
    return ReadingApp(query)
