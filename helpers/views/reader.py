"""The parallel reader: the article's Chinese and English side by side, segment by segment.

A reader steps through the article one segment, one paragraph, or the whole
article at a time; each segment carries its id and its move in the margin,
coloured by move (and named in words). Pinyin can be shown over the Chinese,
glossary terms are marked, and the terms in view open a card from the
glossary. A focus mode steps only through the segments of one move, with its
guiding question above.

The logic lives in :mod:`helpers.analysis.reading` (what is shown, where,
where to go) and the HTML in :mod:`helpers.render.reader_html`; the
:class:`Reader` here only wires controls to them.

Example:
    >>> box = reader()
    >>> box.controls.next.click()
    >>> box.panes.position.value
    'Segment 2 of 19'
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.analysis.reading import (
    ALL_MOVES,
    NO_TERM,
    VIEWS,
    check_segments_table,
    focus_options,
    jump_options,
    navigation_state,
    position_of,
    reading_units,
    step_position,
    term_options,
    visible_segments,
)
from helpers.model.source import as_table
from helpers.render.html import glossary_card_html, legend_html
from helpers.render.reader_html import (
    alignment_html,
    article_html,
    focus_intro_html,
    shown_html,
    term_card_html,
    title_html,
)
from helpers.views.term_text import TermText
from helpers.views.tool import Tool, html_pane, open_tool, set_html

_WIDE = {"description_width": "initial"}


def reader_controls(table: pd.DataFrame, moves: bool = True) -> SimpleNamespace:
    """The reader's controls: view, focus, pinyin, previous, next, jump, terms.

    Example:
        >>> from helpers.model.tables import segments
        >>> reader_controls(segments()).view.value
        'segment'
    """
    return SimpleNamespace(
        view=widgets.ToggleButtons(
            options=[(words, view) for view, words in VIEWS.items()],
            value="segment",
            description="View:",
            style=_WIDE,
        ),
        focus=widgets.Dropdown(
            options=focus_options(), value=ALL_MOVES, description="Focus on a move", style=_WIDE
        ),
        pinyin=widgets.Checkbox(value=False, description="Show pinyin", indent=False),
        previous=widgets.Button(description="◀ Previous", tooltip="Show the previous part"),
        next=widgets.Button(description="Next ▶", tooltip="Show the next part"),
        jump=widgets.Dropdown(
            options=jump_options(table, moves=moves), description="Go to", style=_WIDE
        ),
        terms=widgets.Dropdown(
            options=[("(choose a term)", NO_TERM)],
            description="Terms in view",
            style=_WIDE,
            layout=widgets.Layout(width="auto", max_width="100%"),  # the label never cut
        ),
    )


def reader_panes(table: pd.DataFrame, moves: bool = True) -> SimpleNamespace:
    """The reader's panes: title, alignment, position, message, focus_intro, legend, text, card.

    Example:
        >>> from helpers.model.tables import segments
        >>> "ly-legend" in reader_panes(segments()).legend.value
        True
    """
    return SimpleNamespace(
        title=html_pane(title_html(table)),
        alignment=html_pane(),
        position=widgets.Label(),
        message=html_pane(),
        focus_intro=html_pane(),
        legend=html_pane(legend_html() if moves else ""),
        text=TermText(),  # its terms open their cards where they are clicked
        card=html_pane(),  # the hint; the card itself opens in the text, by its term
    )


class Reader(Tool):
    """The parallel reader of one article, wired to :mod:`helpers.analysis.reading`.

    ``source`` is any source (see :func:`helpers.model.source.as_table`);
    ``start`` the seg_id shown first; ``moves=False`` names no move anywhere
    (no labels or colours in the margin, no legend, no focus list, ids alone
    in "Go to"), for reading before the structure question is answered.
    Raises ValueError (saying what to do)
    for a table the reader cannot use; :func:`reader` shows that as a message.

    Example:
        >>> tool = Reader(start="P2.9")
        >>> tool.state()["seg_ids"], tool.state()["text"]
        (['P2.9'], 'Segment 12 of 19')
    """

    advice = "Choose another segment, or run the cell again."

    def __init__(self, source=None, start: str = "P1.1", moves: bool = True):
        table = as_table(source)
        check_segments_table(table)
        self.moves = moves
        controls, panes = reader_controls(table, moves), reader_panes(table, moves)
        c, p = controls, panes
        if not moves:
            c.focus.layout.display = "none"
        children = [
            p.title,
            c.view,
            widgets.HBox([c.focus, c.pinyin]),
            p.focus_intro,
            widgets.HBox([c.previous, c.next, c.jump, p.position]),
            p.legend,
            p.alignment,
            p.message,
            c.terms,
            p.card,
            p.text,
        ]
        super().__init__(
            controls, panes, children, static_html=lambda: article_html(table, moves=moves)
        )
        self.table = table
        #: Where the reader stands: the view, the move in focus and the position in the reading.
        self.reading = SimpleNamespace(view="segment", focus=ALL_MOVES, position=0)
        self._wire()
        self._start_at(str(start))

    def state(self) -> dict:
        """What the reader shows now: :func:`helpers.analysis.reading.navigation_state`."""
        r = self.reading
        return navigation_state(self.table, r.view, r.position, r.focus)

    def _wire(self) -> None:
        c = self.controls
        self.on(c.view, lambda change: self._keep_place(view=change["new"]))
        self.on(c.focus, lambda change: self._keep_place(focus=change["new"]))
        self.on(c.pinyin, lambda change: self.refresh())
        self.on(c.jump, lambda change: self.go_to(change["new"]))
        self.on(c.terms, lambda change: self.open_card(change["new"]))
        self.on(self.panes.text, lambda change: self.open_card(change["new"]), names="term")
        self.on_click(c.previous, lambda button: self.step(-1))
        self.on_click(c.next, lambda button: self.step(1))

    def _start_at(self, start: str) -> None:
        found = position_of(self.table, self.reading.view, start, self.reading.focus)
        self.reading.position = found or 0
        self.refresh()
        if found is None and len(self.table):
            first = self.table["seg_id"].iloc[0]
            self.say(f"{start!r} is not a segment of this article; starting at {first}.", "info")

    def _keep_place(self, **changes) -> None:
        """Change the view or the focus, keeping the first segment in view where it still shows."""
        shown = self.state()["seg_ids"]
        anchor = shown[0] if shown else None
        r = self.reading
        for name, value in changes.items():
            setattr(r, name, value)
        r.position = position_of(self.table, r.view, anchor, r.focus) or 0
        self.refresh()

    def go_to(self, seg_id: str) -> None:
        """Show the part that holds ``seg_id`` (stay if the reading does not show it)."""
        found = position_of(self.table, self.reading.view, seg_id, self.reading.focus)
        if found is not None:
            self.reading.position = found
        self.refresh()

    def step(self, step: int) -> None:
        """Move ``step`` parts forward (negative: back), staying within the reading."""
        r = self.reading
        count = len(reading_units(self.table, r.view, r.focus))
        r.position = step_position(r.position, step, count)
        self.refresh()

    def refresh(self) -> None:
        """Show the part at the reader's position: controls first (no handler runs), then panes."""
        c, p, r = self.controls, self.panes, self.reading
        state = self.state()
        r.position = state["position"]
        rows = visible_segments(self.table, r.view, r.position, r.focus)
        with self.refreshing():
            self._refresh_lists(state, rows)
        p.position.value = state["text"]
        c.previous.disabled = not state["has_previous"]
        c.next.disabled = not state["has_next"]
        set_html(p.focus_intro, focus_intro_html(r.focus))
        set_html(p.text, shown_html(rows, pinyin=c.pinyin.value, moves=self.moves))
        set_html(p.alignment, alignment_html(rows))
        p.text.cards = {term: glossary_card_html(term) for _, term in c.terms.options if term}
        self.open_card(c.terms.value)
        self.say("")

    def open_card(self, term: str) -> None:
        """Open the glossary card of ``term`` below its place in the text ('' closes it).

        The "Terms in view" list and a click on the term in the text stay in step.
        """
        c, p = self.controls, self.panes
        term = term if term in p.text.cards else NO_TERM
        with self.refreshing():
            c.terms.value = term
            p.text.term = term
        set_html(p.card, "" if term else term_card_html(term))

    def _refresh_lists(self, state: dict, rows: pd.DataFrame) -> None:
        """The jump list (the segments in focus) and the terms list (the terms in view)."""
        c = self.controls
        jumps = jump_options(self.table, self.reading.focus, moves=self.moves)
        if list(c.jump.options) != jumps:
            c.jump.options = jumps
        if state["seg_ids"]:
            c.jump.value = state["seg_ids"][0]
        c.jump.disabled = self.reading.view == "article" or not jumps
        chosen = c.terms.value
        c.terms.options = term_options(rows)
        c.terms.value = chosen if chosen in {v for _, v in c.terms.options} else NO_TERM


def reader(table=None, start: str = "P1.1", moves: bool = True) -> Tool:
    """The parallel reader: Chinese and English side by side, stepped through part by part.

    ``table`` is the article: the path of an article file in the seed format
    (``reader("seeds/my_article.txt")``), an Article, or a segments table
    (default: the seed, :func:`helpers.segments`). Another article is paired
    automatically; the reader says how sure each pair is. ``start`` is the
    seg_id shown first; ``moves=False`` hides every move label, colour and
    name (read the article before sorting it, notebook 02). The returned
    :class:`Reader` has ``controls`` (view, focus, pinyin, previous, next,
    jump, terms) and ``panes`` (title, position, message, focus_intro,
    legend, alignment, text, card) for tests and notebooks; its static form
    is the whole article.

    Example:
        >>> box = reader(start="P3.4")
        >>> box.panes.position.value
        'Segment 17 of 19'
        >>> box.controls.pinyin.value = True
        >>> "<rt>niú</rt>" in box.panes.text.value
        True
    """
    return open_tool(Reader, table, start, moves)
