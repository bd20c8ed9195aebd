"""The corpus concordance: a search box for a whole folder of articles, counts per article."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.analysis.corpus_search import corpus_table
from helpers.analysis.search import SearchError
from helpers.render.html import message_html
from helpers.render.search import corpus_search_html, report_html
from helpers.views.search_box import PROMPT, SearchTool, search_controls
from helpers.views.tool import html_pane, set_html

#: What the results pane says when the corpus could not be loaded.
NO_CORPUS = "No corpus is loaded: see the message above."


class CorpusConcordance(SearchTool):
    """The search box of :func:`corpus_concordance`, on a corpus it loads (and reloads).

    Panes: ``report`` (what was loaded), ``results`` and ``counts``; ``table``
    is the corpus table (None if it could not be loaded), ``hits`` the latest
    search's :func:`helpers.corpus_kwic` table (None if it could not run).

    Example:
        >>> tool = CorpusConcordance("seeds", "互助组", "zh")
        >>> tool.state()["articles"], tool.state()["hits"]
        (1, 13)
    """

    def __init__(self, corpus, query: str, lang: str):
        controls = search_controls(query, lang)
        controls.reload = widgets.Button(
            description="Reload",
            icon="refresh",
            tooltip="Read the folder again",
            disabled=not isinstance(corpus, (str, Path, type(None))),
        )
        panes = SimpleNamespace(report=html_pane(), results=html_pane(), counts=html_pane())
        children = [
            panes.report,
            widgets.HBox([controls.query, controls.search, controls.reload]),
            controls.lang,
            controls.words,
            widgets.HBox([controls.regex, controls.case, controls.window]),
            panes.results,
            panes.counts,
        ]
        super().__init__(controls, panes, children)
        self.corpus, self.table, self.hits = corpus, None, None
        self._report = self._results = self._counts = ""
        self.on_click(controls.reload, self.load)
        self.load()

    def load(self, *_ignored) -> None:
        """Read the corpus (again), say what was loaded, and search again if a query is typed."""
        try:
            self.table, report = corpus_table(self.corpus)
        except (OSError, SearchError) as problem:
            self.table = None
            self._report = message_html(f"{problem}", "error")
        else:
            self._report = report_html(self.table, report)
        set_html(self.panes.report, self._report)
        self.search_if_typed()

    def search(self, *_ignored) -> None:
        """Search every article; show the hits and the counts per article."""
        if self.table is None:
            self._results = message_html(NO_CORPUS)
            self._counts, self.hits = "", None
        else:
            terms = self.terms()
            self._results, self._counts, self.hits = corpus_search_html(
                terms["query"], self.table, terms["lang"], terms["regex"], terms["window"],
                case_sensitive=terms["case_sensitive"], words=terms["words"],
            )  # fmt: skip
        set_html(self.panes.results, self._results)
        set_html(self.panes.counts, self._counts)

    def blank(self) -> None:
        """With no query typed: ask for one."""
        self._results = message_html(PROMPT)
        set_html(self.panes.results, self._results)

    def state(self) -> dict:
        """The search shown, the articles loaded (None: none) and the hits (None: refused)."""
        articles = None if self.table is None else self.table["article_id"].nunique()
        hits = None if self.hits is None else len(self.hits)
        return {**self.terms(), "articles": articles, "hits": hits}

    def static_form(self) -> str:
        """What was loaded, the latest search and the counts."""
        return self._report + self._results + self._counts


def corpus_concordance(corpus=None, query: str = "", lang: str = "zh") -> CorpusConcordance:
    """A search box for a whole corpus: hits in context in every article, and counts per article.

    ``corpus`` is a folder of article files (default ``seeds/``; drop another
    article file there and press Reload) or the table of
    :func:`helpers.load_corpus`. Controls on ``box.controls``: ``query``,
    ``lang``, ``words`` (characters, words marked, whole words only), ``regex``,
    ``case`` (match case), ``window``, ``search``, ``reload``; panes on
    ``box.panes``: ``report`` (what was loaded, and the files skipped, why),
    ``results`` and ``counts``. Bad input shows a one-line message.

    Example:
        >>> box = corpus_concordance("seeds")
        >>> box.controls.query.value = "mutual aid"
        >>> box.controls.lang.value = "en"
        >>> "17 hits for" in box.panes.results.value
        True
        >>> box.controls.case.value = True
        >>> box.controls.query.value = "Mutual aid"
        >>> "No hits for &#x27;Mutual aid&#x27;" in box.panes.results.value
        True
    """
    return CorpusConcordance(corpus, query, lang)
