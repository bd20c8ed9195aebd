"""What every widget of the collection shares: a static form for pages without a kernel.

Each widget is a :class:`StaticFormBox`. In a live JupyterLab it shows the
interactive widget; where no kernel runs (GitHub, nbviewer, an HTML export),
the same output carries an HTML copy of the text or table, so a reader never
sees an empty box or "Error displaying widget".
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from helpers.render.html import STYLE


class StaticFormBox(widgets.VBox):
    """A VBox whose output also carries a static HTML form of its content.

    ``static_html`` is a function returning HTML built from escaped text.

    Example:
        >>> box = StaticFormBox([], static_html=lambda: "<p>text</p>")
        >>> "text/html" in box._repr_mimebundle_()
        True
    """

    def __init__(self, children=(), static_html: Callable[[], str] | None = None, **kwargs):
        super().__init__(children=list(children), **kwargs)
        self._static_html = static_html or (lambda: "")

    def static_html(self) -> str:
        """The HTML shown where the widget cannot be (with the shared styles)."""
        return STYLE + self._static_html()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = self.static_html()
        return bundle


def html_pane(value: str = "", **layout) -> widgets.HTML:
    """An HTML widget that carries the shared styles with whatever it shows.

    Example:
        >>> "ly-table" in html_pane("<p>hi</p>").value
        True
    """
    pane = widgets.HTML(layout=widgets.Layout(**layout))
    set_html(pane, value)
    return pane


def set_html(pane: widgets.HTML, value: str) -> None:
    """Show HTML (built from escaped text) in a pane, with the shared styles.

    Example:
        >>> pane = html_pane()
        >>> set_html(pane, "<b>x</b>")
        >>> pane.value.endswith("<b>x</b>")
        True
    """
    pane.value = STYLE + value


def error_box(text: str) -> StaticFormBox:
    """A widget that only says what went wrong and what to do (a notebook never shows a traceback).

    It has ``controls`` and ``panes`` set to None, like a tool that could not open.

    Example:
        >>> box = error_box("No such article: try seeds/x.txt")
        >>> "No such article" in box.static_html(), box.controls
        (True, None)
    """
    from helpers.render.html import message_html

    message = message_html(text, "error")
    box = StaticFormBox([html_pane(message)], static_html=lambda: message)
    box.controls = box.panes = None
    return box
