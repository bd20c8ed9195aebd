"""Shared conventions for the collection's plots: Chinese font, readable sizes, a text reading.

Every plot function in the collection returns its figure and prints one
line that says in words what the figure shows, so no reader depends on the
picture alone. The figure is a :class:`ReadFigure`: in a notebook it shows as
an image whose ``alt`` text is its title and that reading, so a screen reader
reads it too (JupyterLab gives a plain PNG output no alt text).
"""

from __future__ import annotations

import base64
import io
import unicodedata

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from helpers.render.fonts import use_chinese_font
from helpers.render.templates import render


class ReadFigure(Figure):
    """A matplotlib figure that carries its text reading and shows it as the image's alt text.

    Example:
        >>> figure, axes = new_figure(2, 1)
        >>> _ = axes.set_title("Hits <by> paragraph")
        >>> _ = say("Most hits fall in P3.", figure)
        Reading: Most hits fall in P3.
        >>> html = figure._repr_html_()
        >>> 'alt="Figure: Hits &lt;by&gt; paragraph. Most hits fall in P3."' in html
        True
        >>> plt.close(figure)
    """

    reading = ""

    def alt_text(self) -> str:
        """The figure's titles and its reading, as one line of text."""
        titles = [axes.get_title() for axes in self.axes if axes.get_title()]
        parts = [f"Figure: {' / '.join(titles)}." if titles else "Figure."]
        if self.reading:
            parts.append(self.reading)
        return " ".join(parts)

    def _repr_html_(self) -> str:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        return render("figure.html", data=data, alt=self.alt_text())


def new_figure(width: float = 8, height: float = 4):
    """A new figure and axes, with the Chinese font registered and print-friendly sizes.

    Example:
        >>> figure, axes = new_figure()
        >>> figure.get_size_inches().tolist()
        [8.0, 4.0]
        >>> plt.close(figure)
    """
    use_chinese_font()
    # Resolve the backend (in a notebook: inline) outside rc_context: resolved inside it,
    # leaving the block would switch interactive display off and later figures would not show.
    plt.switch_backend(plt.get_backend())
    with plt.rc_context({"font.size": 11, "axes.titlesize": 13}):
        figure, axes = plt.subplots(
            figsize=(width, height), layout="constrained", FigureClass=ReadFigure
        )
    return figure, axes


def say(reading: str, figure=None) -> str:
    """Print the text reading of a plot and return it; ``figure`` keeps it as its alt text.

    The printed lines break between words, never inside one.

    Example:
        >>> say("Most hits fall in paragraph 2.")
        Reading: Most hits fall in paragraph 2.
        'Most hits fall in paragraph 2.'
    """
    print(wrapped(f"Reading: {reading}"))
    if figure is not None:
        figure.reading = reading
    return reading


def wrapped(text: str, columns: int = 64) -> str:
    """Text broken into lines between words, each at most ``columns`` wide on screen.

    A Chinese character takes two columns (as a terminal or a notebook's output
    shows it), so a line with Chinese breaks sooner and never runs past the edge.

    Example:
        >>> print(wrapped("13 hits for 互助组: 0 in P1, 3 in P2, 10 in P3.", 24))
        13 hits for 互助组: 0 in
        P1, 3 in P2, 10 in P3.
    """
    lines, line, used = [], [], 0
    for word in str(text).split():
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in word)
        if line and used + 1 + width > columns:
            lines.append(" ".join(line))
            line, used = [], 0
        used += width + (1 if line else 0)
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)
