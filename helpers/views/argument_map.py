"""The argument map as a widget: a "Highlight a problem" menu, the map, and the same as a table.

The words and tables come from :mod:`helpers.analysis.argument`, the picture
from :mod:`helpers.render.argument_map`; :class:`ArgumentMap` only redraws.

Example:
    >>> box = argument_map_widget()
    >>> box.controls.highlight.value = "middle-peasants"
    >>> box.state()
    {'highlight': 'middle-peasants'}
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets

from helpers.analysis.argument import PROBLEMS, caption_for, highlight_text
from helpers.model.coding_file import steps_for
from helpers.model.source import as_table
from helpers.render.argument_html import argument_map_static_html, argument_table_html
from helpers.render.argument_map import map_image_html
from helpers.render.html import message_html, move_label
from helpers.views.tool import Tool, html_pane, open_tool, set_html


class ArgumentMap(Tool):
    """The argument map of one article and its steps, redrawn for the problem highlighted.

    ``source`` is any source (see :func:`helpers.model.source.as_table`);
    ``steps`` an optional steps file or table. Raises ValueError for a source
    or steps it cannot read; :func:`argument_map_widget` shows that as a message.

    Example:
        >>> tool = ArgumentMap()
        >>> tool.controls.highlight.value = "deviation-2"
        >>> "→ deviation-2 (highlighted)" in tool.panes.table.value
        True
    """

    def __init__(self, source=None, steps=None):
        table = as_table(source)
        steps_table = steps_for(table, steps)
        controls = SimpleNamespace(
            highlight=widgets.Dropdown(
                options=[("none", ""), *[(move_label(move), move) for move in PROBLEMS]],
                value="",
                description="Highlight a problem:",
                style={"description_width": "initial"},
            )
        )
        panes = SimpleNamespace(
            image=html_pane(),  # an <img> with alt text: ipywidgets' Image has none
            message=html_pane(),
            table=html_pane(),
        )
        super().__init__(
            controls,
            panes,
            [controls.highlight, panes.image, panes.message, panes.table],
            static_html=lambda: argument_map_static_html(table, steps_table),
        )
        self.table, self.steps_table = table, steps_table
        self.caption = caption_for(table)
        self.on(controls.highlight, lambda change: self.redraw())
        self.redraw()

    def state(self) -> dict:
        """The problem highlighted ("" for none)."""
        return {"highlight": self.controls.highlight.value}

    def redraw(self) -> None:
        """Draw the map, say what it shows and mark the table for the problem highlighted."""
        highlight, panes = self.controls.highlight.value, self.panes
        try:
            set_html(panes.image, map_image_html(self.table, self.steps_table, highlight))
            words = highlight_text(highlight, self.steps_table, self.caption)
            set_html(panes.message, message_html(words))
            set_html(panes.table, argument_table_html(self.table, self.steps_table, highlight))
        except (KeyError, ValueError) as error:
            self.say(f"Cannot draw the map: {error}")


def argument_map_widget(table=None, steps=None) -> Tool:
    """The argument map with a "Highlight a problem" menu, plus the same as a table.

    Its controls are ``box.controls.highlight``; the picture is
    ``box.panes.image`` (an HTML image whose alt text is the map's reading and
    what the highlight shows) and the words ``box.panes.message`` and ``box.panes.table``.
    ``table`` is any source (another article needs a coding:
    :func:`helpers.apply_coding`); ``steps`` an optional steps file or table.

    Example:
        >>> box = argument_map_widget()
        >>> box.controls.highlight.value = "deviation-2"
        >>> "steps 2 and 4" in box.panes.message.value
        True
    """
    return open_tool(ArgumentMap, table, steps)
