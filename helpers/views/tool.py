"""The one shape of every widget: a :class:`Tool`, and its static form for pages without a kernel.

A tool has ``controls`` (what the reader changes), ``panes`` (what it shows),
``state()`` (what it is showing now, as plain data), one way to say what went
wrong (:meth:`Tool.say`, and :func:`error_box` for a tool that cannot open) and
one guard that keeps callbacks from firing while the tool updates its own
controls (:meth:`Tool.refreshing`). In a live JupyterLab it shows the
interactive widget; where no kernel runs (GitHub, nbviewer, an HTML export),
the same output carries an HTML copy of the text or table, so a reader never
sees an empty box or "Error displaying widget".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.render.html import STYLE, message_html


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


class Tool(StaticFormBox):
    """One widget of the collection: controls, panes, state, one way to fail, one refresh guard.

    ``controls`` and ``panes`` are namespaces of widgets (``tool.controls.next``,
    ``tool.panes.text``); ``children`` is the layout, top to bottom;
    ``static_html`` gives the form shown where no kernel runs. A subclass wires
    its controls with :meth:`on` and :meth:`on_click`, updates its own
    controls inside ``with self.refreshing():`` (no handler runs then), and
    reports in words with :meth:`say`: a handler that fails shows a message in
    ``panes.message``, never a traceback.

    Example:
        >>> import ipywidgets as widgets
        >>> class Counter(Tool):
        ...     def __init__(self):
        ...         controls = SimpleNamespace(add=widgets.Button(description="Add"))
        ...         panes = SimpleNamespace(count=widgets.Label("0"), message=html_pane())
        ...         super().__init__(controls, panes, [controls.add, panes.count, panes.message])
        ...         self.on_click(controls.add, lambda button: self.add())
        ...     def add(self):
        ...         self.panes.count.value = str(int(self.panes.count.value) + 1)
        ...     def state(self):
        ...         return {"count": int(self.panes.count.value)}
        >>> counter = Counter()
        >>> counter.controls.add.click()
        >>> counter.state()
        {'count': 1}
    """

    #: What a failed handler's message tells the reader to do next.
    advice = "Try again, or run the cell again."

    def __init__(
        self,
        controls: SimpleNamespace | None,
        panes: SimpleNamespace | None,
        children=(),
        static_html: Callable[[], str] | None = None,
        **kwargs,
    ):
        super().__init__(children, static_html=static_html, **kwargs)
        self.add_class("ly-tool")  # css/style.css: labels that fit, rows that wrap
        self.controls, self.panes = controls, panes
        self._refreshing = 0

    def state(self) -> dict:
        """What the tool shows now, as plain data (for tests and notebooks)."""
        return {}

    @contextmanager
    def refreshing(self) -> Iterator[None]:
        """While the tool sets its own controls, no handler wired with :meth:`on` runs.

        Example:
            >>> tool = Tool(SimpleNamespace(), SimpleNamespace())
            >>> with tool.refreshing():
            ...     tool.is_refreshing
            True
        """
        self._refreshing += 1
        try:
            yield
        finally:
            self._refreshing -= 1

    @property
    def is_refreshing(self) -> bool:
        """True while the tool updates its own controls."""
        return self._refreshing > 0

    def guarded(self, handler: Callable) -> Callable:
        """The handler, skipped during a refresh, with any error shown in words.

        Example:
            >>> tool = Tool(SimpleNamespace(), SimpleNamespace(message=html_pane()))
            >>> tool.guarded(lambda event: 1 / 0)(None)
            >>> "ZeroDivisionError" in tool.panes.message.value
            True
        """

        def run(event):
            if self.is_refreshing:
                return None
            try:
                return handler(event)
            except Exception as error:  # a widget shows a message, never a traceback
                self.say(f"Something went wrong ({type(error).__name__}: {error}). {self.advice}")
                return None

        return run

    def on(self, control: widgets.Widget, handler: Callable, names: str = "value") -> None:
        """Call ``handler(change)`` when ``control``'s value changes (guarded)."""
        control.observe(self.guarded(handler), names=names)

    def on_click(self, button: widgets.Button, handler: Callable) -> None:
        """Call ``handler(button)`` when the button is clicked (guarded)."""
        button.on_click(self.guarded(handler))

    def say(self, text: str, kind: str = "error") -> None:
        """Show a one-line message in ``panes.message`` ("" clears it)."""
        pane = getattr(self.panes, "message", None)
        if pane is not None:
            set_html(pane, message_html(text, kind) if text else "")


def error_box(text: str) -> Tool:
    """The one way a tool that cannot open shows it: a message saying what to do, no traceback.

    The tool has ``controls`` and ``panes`` set to None.

    Example:
        >>> box = error_box("No such article: try seeds/x.txt")
        >>> "No such article" in box.static_html(), box.controls
        (True, None)
    """
    message = message_html(text, "error")
    return Tool(None, None, [html_pane(message)], static_html=lambda: message)


def open_tool(build: Callable[..., Tool], *args, **kwargs) -> Tool:
    """``build(*args, **kwargs)``, or an :func:`error_box` saying why the tool cannot open.

    A tool class raises ValueError (or OSError) with a message saying what to
    do when its source or options cannot be read; a notebook then shows the
    message, never a traceback. The public factories (``helpers.reader()``
    ...) are ``open_tool(TheTool, ...)``.

    Example:
        >>> def needs_a_name(name):
        ...     if not name:
        ...         raise ValueError("Give a name, like 'Coder A'.")
        ...     return Tool(SimpleNamespace(), SimpleNamespace())
        >>> open_tool(needs_a_name, "").controls is None
        True
        >>> open_tool(needs_a_name, "Coder A").controls is None
        False
    """
    try:
        return build(*args, **kwargs)
    except (ValueError, OSError) as error:  # a notebook shows a message, never a traceback
        return error_box(str(error))
