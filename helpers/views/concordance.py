"""The concordance: a search box for one article, hits in context and where they fall.

The widget's static form (for pages without a kernel) shows its latest
search, which is the initial query until someone searches again; with no
query, a note on the tool and an example search for 互助组.
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.analysis.hits import reading_of
from helpers.analysis.word_search import WORD_MODES
from helpers.model.source import as_table
from helpers.render.dispersion import dispersion_svg
from helpers.render.html import message_html
from helpers.render.search import introduction_html, plot_reading_html, search_html
from helpers.render.templates import render, safe
from helpers.views.search_box import PROMPT, SearchTool, search_controls
from helpers.views.tool import Tool, error_box, html_pane, set_html


class Concordance(SearchTool):
    """The search box of :func:`concordance` on one article's segments table.

    Panes: ``results`` (the count line and the hits), ``picture`` (the
    dispersion strip, SVG) and ``reading`` (the strip in words). ``hits`` is
    the latest search's :func:`helpers.kwic` table (None if it could not run).

    Example:
        >>> tool = Concordance("互助组", "zh", as_table())
        >>> tool.state()["hits"], tool.panes.picture.value.count('class="hit"')
        (13, 13)
    """

    def __init__(self, query: str, lang: str, table: pd.DataFrame, words="characters", case=False):
        controls = search_controls(query, lang)
        controls.words.value, controls.case.value = words, bool(case)
        panes = SimpleNamespace(results=html_pane(), picture=html_pane(), reading=widgets.HTML())
        children = [
            widgets.HBox([controls.query, controls.search]),
            controls.lang,
            controls.words,
            widgets.HBox([controls.regex, controls.case, controls.window]),
            panes.results,
            panes.picture,
            panes.reading,
        ]
        super().__init__(controls, panes, children)
        self.table, self.hits = table, None
        self._html = self._svg = ""
        if query.strip():
            self.search()
        else:
            set_html(panes.results, message_html(PROMPT))
            panes.picture.layout.display = "none"

    def search(self, *_ignored) -> None:
        """Search, show the hits, and draw where they fall (no strip when nothing is found)."""
        terms, panes = self.terms(), self.panes
        self._svg = ""
        self._html, self.hits = search_html(
            terms["query"], terms["lang"], terms["regex"], terms["window"], self.table,
            case_sensitive=terms["case_sensitive"], words=terms["words"],
        )  # fmt: skip
        label = f"Search results for {terms['query']}"  # a region the Tab key reaches
        set_html(panes.results, render("results_region.html", label=label, body=safe(self._html)))
        if self.hits is None or self.hits.empty:
            panes.picture.value, panes.picture.layout.display = "", "none"
            panes.reading.value = ""
            return
        words = reading_of(self.hits, self.table)
        self._svg = dispersion_svg(self.hits, terms["lang"], self.table, reading=words)
        set_html(panes.picture, self._svg)
        panes.picture.layout.display = None
        panes.reading.value = plot_reading_html(words)

    def state(self) -> dict:
        """The search shown (:meth:`terms`) and the number of hits shown (None: refused)."""
        return {**self.terms(), "hits": None if self.hits is None else len(self.hits)}

    def static_form(self) -> str:
        """The latest search and its strip, or the introduction before any search."""
        return (self._html + self._svg) if self._html else introduction_html(self.table)


def concordance(
    query: str = "",
    lang: str = "zh",
    table: pd.DataFrame | None = None,
    words: str = "characters",
    case_sensitive: bool = False,
) -> Tool:
    """A search box for the article: hits in context, both languages, and where they fall.

    Controls (on ``box.controls``): ``query`` (Text), ``lang``
    (ToggleButtons), ``words`` (ToggleButtons: search by "characters", or by
    words, "marked" with how each hit sits in the words or "words" for whole
    words only), ``regex`` and ``case`` (Checkboxes: a regular expression,
    match case), ``window`` (BoundedIntText, characters for Chinese, words for
    English) and ``search`` (Button); a phrase across two segments (发展。辽阳县)
    is found too; ``words`` and ``case_sensitive`` set the first search's
    choice. Panes on
    ``box.panes``: ``results``, ``picture``, ``reading``. ``table`` is any
    source of :func:`helpers.as_table`. Bad input shows a one-line message,
    never a traceback.

    Example:
        >>> box = concordance("互助组")
        >>> "13 hits for" in box.panes.results.value
        True
        >>> box.controls.query.value = "mutual aid"
        >>> box.controls.lang.value = "en"
        >>> box.controls.search.click()
        >>> "17 hits for &#x27;mutual aid&#x27; in the English" in box.panes.results.value
        True
        >>> box.controls.lang.value, box.controls.query.value = "zh", "合作社"
        >>> box.controls.words.value = "marked"
        >>> box.panes.results.value.count('<td class="ly-kwic-word">inside 农业生产合作社</td>')
        13
    """
    if words not in WORD_MODES:
        return error_box(f"Choose words='characters', 'marked' or 'words', not {words!r}.")
    try:
        table = as_table(table)
    except ValueError as error:  # a notebook shows a message, never a traceback
        return error_box(str(error))
    return Concordance(query, lang, table, words, case_sensitive)
