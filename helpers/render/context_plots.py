"""The timeline figure: the dated facts of :func:`helpers.analysis.context.timeline`.

Example:
    >>> sorted(KIND_STYLE)
    ['administration', 'article', 'campaign', 'policy']
"""

from __future__ import annotations

import textwrap

from helpers.analysis.context import timeline
from helpers.render.plots import new_figure, say

KIND_STYLE = {
    # kind: (colour from the Okabe-Ito palette, marker, label)
    "policy": ("#0072B2", "o", "policy decision or speech"),
    "campaign": ("#009E73", "s", "campaign"),
    "administration": ("#CC79A7", "D", "administrative change"),
    "article": ("#D55E00", "*", "the article"),
}


def timeline_plot(since: str = "1953-01-01", until: str = "1955-12-31"):
    """Draw the dated facts as a timeline: one row per event, true dates on the x axis.

    Filled markers are exact dates; hollow ones approximate. Colour and marker
    shape both tell the kind of event, and the legend names them.

    Example:
        >>> figure = timeline_plot(since="1953-12-01", until="1954-02-28")  # doctest: +ELLIPSIS
        Reading: ...
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    table = timeline(since, until)
    figure, axes = new_figure(11, 0.55 * len(table) + 1.6)
    middle = table["date"].min() + (table["date"].max() - table["date"].min()) / 2
    for row_number, row in enumerate(table.itertuples()):
        colour, marker, _ = KIND_STYLE[row.kind]
        hollow = row.precision != "day"
        axes.plot(
            row.date,
            row_number,
            marker=marker,
            markersize=11 if marker == "*" else 8,
            color=colour,
            markerfacecolor="white" if hollow else colour,
            linestyle="none",
        )
        label = f"{row.date:%d %b %Y}{' (about)' if hollow else ''}: {row.event}"
        left = row.date > middle
        axes.annotate(
            textwrap.fill(label, 70),
            (row.date, row_number),
            xytext=(-8 if left else 8, 0),
            textcoords="offset points",
            ha="right" if left else "left",
            va="center",
            fontsize=9,
        )
    axes.set_ylim(len(table) - 0.5, -0.5)
    axes.set_yticks([])
    axes.grid(axis="x", color="#ddd")
    axes.set_title("From the General Line to the 'high tide': dated facts (facts sheet)")
    for kind, (colour, marker, text) in KIND_STYLE.items():
        if kind in set(table["kind"]):
            axes.plot([], [], marker=marker, color=colour, linestyle="none", label=text)
    axes.legend(loc="lower left", fontsize=9, frameon=True)
    article_day = table.index[table["kind"] == "article"]
    before = int(article_day[0]) if len(article_day) else len(table)
    say(
        f"{len(table)} dated events from {table.date.min():%B %Y} to {table.date.max():%B %Y}; "
        f"{before} of them come before the article of 27 February 1954.",
        figure,
    )
    return figure
