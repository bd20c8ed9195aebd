"""Compare as a widget: three tabs, two deviations, English against Chinese, term renderings.

The tables come from :mod:`helpers.analysis.compare`, the HTML from
:mod:`helpers.render.compare_html`; :class:`Compare` only wires the menus to them.

Example:
    >>> box = compare()
    >>> box.controls.problem.value = "deviation-2"
    >>> box.state()["problem"]
    'deviation-2'
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.analysis.compare import PROBLEMS, problem_header
from helpers.model.coding_file import steps_for
from helpers.model.source import as_table
from helpers.model.tables import glossary
from helpers.render.compare_html import (
    compare_static_html,
    deviations_html,
    rendering_view_html,
    segment_comparison_html,
)
from helpers.render.html import message_html
from helpers.views.tool import Tool, html_pane, open_tool, set_html

#: The titles of the three tabs, in order.
TAB_TITLES = ("Two deviations", "English against Chinese", "How terms are rendered")


def compare_controls(table: pd.DataFrame) -> SimpleNamespace:
    """The menus of compare: problem (tab 1), segment (tab 2), show and term (tab 3).

    Example:
        >>> from helpers.model.tables import segments
        >>> compare_controls(segments()).segment.options[:2]
        ('P1.1', 'P1.2')
    """
    term_names = [(f"{row.term_zh} ({row.pinyin})", row.term_zh) for row in glossary().itertuples()]
    return SimpleNamespace(
        problem=widgets.Dropdown(
            options=[("all three", ""), *[(problem_header(m), m) for m in PROBLEMS]],
            value="",
            description="Evidence for:",
            style={"description_width": "initial"},
        ),
        segment=widgets.Dropdown(options=list(table["seg_id"]), description="Segment:"),
        show=widgets.Dropdown(
            options=[("all", "all"), ("only flagged", "flagged")], value="all", description="show:"
        ),
        term=widgets.Dropdown(
            options=[("all terms", ""), *term_names], value="", description="term:"
        ),
    )


class Compare(Tool):
    """The three views of compare for one article and its steps.

    ``source`` is any source (see :func:`helpers.model.source.as_table`);
    ``steps`` an optional steps file or table for another article (see
    :func:`helpers.model.coding_file.steps_for`). Raises ValueError for a
    source or steps it cannot read; :func:`compare` shows that as a message.

    Example:
        >>> tool = Compare()
        >>> tool.controls.show.value = "flagged"
        >>> "✓ fine" in tool.panes.terms.value
        False
    """

    advice = "Choose another value above, or run the cell again."

    def __init__(self, source=None, steps=None):
        table = as_table(source)
        steps_table = steps_for(table, steps)
        controls = compare_controls(table)
        panes = SimpleNamespace(
            deviations=html_pane(), segment=html_pane(), terms=html_pane(), message=html_pane()
        )
        c, p = controls, panes
        controls.tab = widgets.Tab(
            children=[
                widgets.VBox([c.problem, p.deviations]),
                widgets.VBox([c.segment, p.segment]),
                widgets.VBox([widgets.HBox([c.show, c.term]), p.terms]),
            ],
            titles=list(TAB_TITLES),
        )
        super().__init__(
            controls,
            panes,
            [controls.tab, panes.message],
            static_html=lambda: compare_static_html(table, steps_table),
        )
        self.table, self.steps_table = table, steps_table
        self.on(c.problem, lambda change: self.redraw_deviations())
        self.on(c.segment, lambda change: self.redraw_segment())
        self.on(c.show, lambda change: self.redraw_terms())
        self.on(c.term, lambda change: self.redraw_terms())
        self.redraw_deviations()
        self.redraw_segment()
        self.redraw_terms()

    def state(self) -> dict:
        """The tab shown and the value of every menu."""
        c = self.controls
        names = ("problem", "segment", "show", "term")
        return {"tab": c.tab.selected_index, **{name: getattr(c, name).value for name in names}}

    def show(self, pane: widgets.HTML, build: Callable[[], str]) -> None:
        """Show what ``build()`` makes in a pane, or, for a bad choice, a message saying so."""
        try:
            set_html(pane, build())
        except (KeyError, ValueError) as error:
            set_html(pane, message_html(f"{error} Choose another value above.", "error"))

    def redraw_deviations(self) -> None:
        """Tab 1: the problems side by side and the evidence for the one chosen (or all)."""
        problem = self.controls.problem.value
        self.show(
            self.panes.deviations, lambda: deviations_html(self.table, self.steps_table, problem)
        )

    def redraw_segment(self) -> None:
        """Tab 2: the chosen segment against its English, with its notes."""
        seg_id = self.controls.segment.value
        self.show(self.panes.segment, lambda: segment_comparison_html(seg_id, self.table))

    def redraw_terms(self) -> None:
        """Tab 3: the renderings of the chosen term (or all), all or only the flagged ones."""
        show, term = self.controls.show.value, self.controls.term.value
        self.show(self.panes.terms, lambda: rendering_view_html(show, term, self.table))


def compare(table=None, steps=None) -> Tool:
    """A widget with three tabs: two deviations, English against Chinese, how terms are rendered.

    Its controls are in ``box.controls`` (tab, problem, segment, show, term)
    and its panes in ``box.panes`` (deviations, segment, terms, message).
    ``table`` is any source: an article file's path, an Article or a
    segments table (the seed by default); ``steps`` an optional steps file or
    table for another article (see :func:`helpers.model.coding_file.steps_for`).

    Example:
        >>> box = compare()
        >>> box.controls.segment.value = "P3.4"
        >>> "cattle" in box.panes.segment.value, box.state()["segment"]
        (True, 'P3.4')
    """
    return open_tool(Compare, table, steps)
