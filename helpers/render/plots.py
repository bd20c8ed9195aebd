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

#: How wide a notebook's output is in JupyterLab in a window 1024 px wide with the file browser
#: open (measured in Chromium: 572 CSS px for an image); a figure drawn for it is never shrunk.
SHOWN_WIDTH_PX = 570
#: CSS pixels per inch of a figure as a notebook shows it (its image is drawn at twice that, for
#: sharp text on high-density screens, and shown at this size).
PX_PER_INCH = 100
#: The smallest text a plot may show, in CSS pixels, at :data:`SHOWN_WIDTH_PX`.
SMALLEST_TEXT_PX = 12


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
        titles = [
            " ".join(axes.get_title(loc).split())
            for axes in self.axes
            for loc in ("left", "center", "right")
            if axes.get_title(loc)
        ]
        parts = [f"Figure: {' / '.join(titles)}." if titles else "Figure."]
        if self.reading:
            parts.append(" ".join(self.reading.split()))
        return " ".join(parts)

    def _repr_html_(self) -> str:
        buffer = io.BytesIO()
        dpi = 2 * PX_PER_INCH
        self.savefig(buffer, format="png", bbox_inches="tight", facecolor="white", dpi=dpi)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        width = round(png_width(buffer.getvalue()) * PX_PER_INCH / dpi)
        return render("figure.html", data=data, alt=self.alt_text(), width=width)


def png_width(data: bytes) -> int:
    """The width in pixels of a PNG image (from its header).

    Example:
        >>> figure, axes = new_figure(2, 1)
        >>> buffer = io.BytesIO(); figure.savefig(buffer, format="png", dpi=100)
        >>> png_width(buffer.getvalue())
        200
        >>> plt.close(figure)
    """
    return int.from_bytes(data[16:20], "big")


def shown_text_px(figure, shown_width: float = SHOWN_WIDTH_PX) -> float:
    """The smallest text of ``figure`` in CSS pixels, as a notebook ``shown_width`` wide shows it.

    The figure's image is shown :data:`PX_PER_INCH` to the inch, shrunk to fit
    when it is wider than the output; every visible text counts (titles, tick
    labels, legends, annotations).

    Example:
        >>> figure, axes = new_figure(5, 2)
        >>> _ = axes.set_title("Ten points", fontsize=10)
        >>> round(shown_text_px(figure), 1)  # 10 pt = 13.9 px; the tick labels are 11 pt
        13.9
        >>> plt.close(figure)
    """
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    figure.canvas.draw()
    width = figure.get_tightbbox(renderer).width * PX_PER_INCH
    scale = min(1.0, shown_width / width)
    sizes = [
        text.get_fontsize()
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.figure is not None
    ]
    return min(sizes) * PX_PER_INCH / 72 * scale


def overlapping_texts(figure) -> list[tuple[str, str]]:
    """Pairs of visible texts of ``figure`` whose boxes overlap (the first 40 characters of each).

    Example:
        >>> figure, axes = new_figure(3, 2)
        >>> _ = axes.text(0.5, 0.5, "one"); _ = axes.text(0.5, 0.5, "two")
        >>> overlapping_texts(figure)
        [('one', 'two')]
        >>> plt.close(figure)
    """
    from itertools import combinations

    from matplotlib.text import Text

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [
        text
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.figure is not None
    ]
    boxes = [(text.get_text()[:40], text.get_window_extent(renderer)) for text in texts]
    return [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]


def new_figure(width: float = 8, height: float = 4, **subplots):
    """A new figure and axes, with the Chinese font registered and print-friendly sizes.

    ``subplots`` go to :func:`matplotlib.pyplot.subplots` (``ncols=2``, ...).

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
            figsize=(width, height), layout="constrained", FigureClass=ReadFigure, **subplots
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
