"""The search box both concordances share: its controls and the tool that wires them.

:func:`search_controls` makes the query field, the language buttons, the
words-or-characters choice, the regex and match-case switches, the
context-size field and the Search button; :class:`SearchTool` is the
:class:`~helpers.views.tool.Tool` that searches on Search and on a new query,
and again when any other control changes (once a query is typed). The one-article
:mod:`~helpers.views.concordance` and the
:mod:`~helpers.views.corpus_concordance` say what a search shows.
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets

from helpers.analysis.search import LANGUAGE_NAMES
from helpers.render.html import message_html
from helpers.views.tool import Tool, set_html

#: The words-or-characters choice: (label, mode of :func:`helpers.kwic`'s ``words``).
WORD_CHOICES = [
    ("characters", "characters"),
    ("words: mark parts", "marked"),
    ("whole words only", "words"),
]

#: What the results pane says before the first search.
PROMPT = "Type a word (Chinese or English) and press Search."


def search_controls(query: str = "", lang: str = "zh") -> SimpleNamespace:
    """The controls of a search box: query, language, words, regex, case, context, Search.

    ``words`` searches characters (every hit), or words: each hit marked as a
    whole word, inside a longer word ("inside 农业生产合作社") or across two,
    or the whole words only; ``case`` matches upper and lower case exactly
    (English, or a regular expression).

    Example:
        >>> controls = search_controls("互助组")
        >>> controls.query.value, controls.words.value, controls.case.value
        ('互助组', 'characters', False)
    """
    return SimpleNamespace(
        query=widgets.Text(
            value=query, description="Search", placeholder="互助组 or mutual aid",
            continuous_update=False,
        ),
        lang=widgets.ToggleButtons(
            options=[("Chinese", "zh"), ("English", "en")],
            value=lang if lang in LANGUAGE_NAMES else "zh", description="Language",
        ),
        words=widgets.ToggleButtons(
            options=WORD_CHOICES, value="characters", description="Search by",
            tooltips=[
                "Every hit of the characters, wherever they stand",
                "Every hit, each marked: a whole word, or part of a longer word",
                "Only the hits that are whole words: parts of longer words are left out",
            ],
        ),
        regex=widgets.Checkbox(value=False, description="regular expression", indent=False),
        case=widgets.Checkbox(value=False, description="match case", indent=False),
        # A number field, not a slider: ipywidgets' slider handle has no accessible name.
        window=widgets.BoundedIntText(
            value=10, min=0, max=40, description="context size", continuous_update=False,
            style={"description_width": "initial"}, layout=widgets.Layout(width="14em"),
        ),
        search=widgets.Button(description="Search", button_style="primary", icon="search"),
    )  # fmt: skip


class SearchTool(Tool):
    """A tool with a search box (:func:`search_controls`) and a ``results`` pane.

    A subclass says what :meth:`search` shows, and may say what a change of
    another control shows while no query is typed
    (:meth:`blank`: nothing, by default). A handler that fails says so in
    ``panes.results``.

    Example:
        >>> class Echo(SearchTool):
        ...     def search(self, *_ignored):
        ...         set_html(self.panes.results, self.controls.query.value)
        >>> controls = search_controls()
        >>> panes = SimpleNamespace(results=widgets.HTML())
        >>> tool = Echo(controls, panes, [controls.query, panes.results])
        >>> controls.query.value = "互助组"
        >>> tool.panes.results.value.endswith("互助组"), tool.terms()["query"]
        (True, '互助组')
    """

    def __init__(self, controls: SimpleNamespace, panes: SimpleNamespace, children):
        super().__init__(controls, panes, children, static_html=self.static_form)
        self.on_click(controls.search, self.search)
        self.on(controls.query, self.search)
        others = (controls.lang, controls.words, controls.regex, controls.case, controls.window)
        for control in others:
            self.on(control, self.search_if_typed)

    def search(self, *_ignored) -> None:
        """Search for the query as the controls say, and show what was found."""
        raise NotImplementedError

    def blank(self) -> None:
        """What a change of the other controls shows while no query is typed (nothing)."""

    def search_if_typed(self, *_ignored) -> None:
        """:meth:`search` if a query is typed, else :meth:`blank`."""
        if self.controls.query.value.strip():
            self.search()
        else:
            self.blank()

    def terms(self) -> dict:
        """The search as the controls hold it: query, lang, regex, window, case_sensitive, words."""
        controls = self.controls
        return {
            "query": controls.query.value,
            "lang": controls.lang.value,
            "regex": controls.regex.value,
            "window": controls.window.value,
            "case_sensitive": controls.case.value,
            "words": controls.words.value,
        }

    def static_form(self) -> str:
        """The HTML shown where no kernel runs (the latest search)."""
        return ""

    def say(self, text: str, kind: str = "error") -> None:
        """Show a one-line message in ``panes.results`` ("" clears it)."""
        set_html(self.panes.results, message_html(text, kind) if text else "")
