"""The timeline figure: the dated facts of :func:`helpers.analysis.context.timeline`.

Example:
    >>> sorted(KIND_STYLE)
    ['administration', 'article', 'campaign', 'policy']
"""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D

from helpers.analysis.context import timeline
from helpers.render.plots import new_figure, say, wrapped

KIND_STYLE = {
    # kind: (colour from the Okabe-Ito palette, marker, label)
    "policy": ("#0072B2", "o", "policy decision or speech"),
    "campaign": ("#009E73", "s", "campaign"),
    "administration": ("#CC79A7", "D", "administrative change"),
    "article": ("#D55E00", "*", "the article"),
}


#: The figure's width in inches: it fits a notebook 1024 px wide unshrunk (render/plots.py).
WIDTH = 5.5
#: Text size (points) and how many characters of an event fit on one line of its column.
FONT, COLUMNS = 10, 45
#: One text line's height and the space between two events, in rows' units (inches).
LINE, GAP = 0.19, 0.14


def _rows(table) -> tuple[list[str], list[float], float]:
    """Each event's wrapped label, the height where its row's middle stands, and the total."""
    labels, middles, top = [], [], 0.0
    for row in table.itertuples():
        hollow = row.precision != "day"
        text = f"{row.date:%d %b %Y}{' (about)' if hollow else ''}: {row.event}"
        label = wrapped(text, COLUMNS)
        height = LINE * (label.count("\n") + 1) + GAP
        labels.append(label)
        middles.append(top + height / 2)
        top += height
    return labels, middles, top


def timeline_plot(since: str = "1953-01-01", until: str = "1955-12-31"):
    """Draw the dated facts as a timeline: one row per event, true dates on the x axis.

    Left, each event's marker at its true date (the article's day a dashed
    line); right, on the same row, its date and words. Filled markers are exact
    dates, hollow ones approximate; colour and marker shape both tell the kind
    of event, and the legend names them. Drawn to fit a notebook 1024 px wide
    with its text at least 12 px.

    Example:
        >>> figure = timeline_plot(since="1953-12-01", until="1954-02-28")  # doctest: +ELLIPSIS
        Reading: ...
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    table = timeline(since, until)
    labels, middles, total = _rows(table)
    height = total + 1.9
    figure, (dates, words) = new_figure(WIDTH, height, ncols=2, sharey=True)
    # Placed in inches, not by a layout engine: the same picture in every kernel and backend.
    figure.set_layout_engine("none")
    dates.set_position([0.1 / WIDTH, 1.3 / height, 2.0 / WIDTH, total / height])
    words.set_position([2.2 / WIDTH, 1.3 / height, (WIDTH - 2.25) / WIDTH, total / height])
    for row, label, middle in zip(table.itertuples(), labels, middles, strict=True):
        colour, marker, _ = KIND_STYLE[row.kind]
        hollow = row.precision != "day"
        dates.plot(
            row.date, middle, marker=marker, markersize=12 if marker == "*" else 8, color=colour,
            markerfacecolor="white" if hollow else colour, linestyle="none",
        )  # fmt: skip
        dates.axhline(middle, color="#eee", linewidth=0.8, zorder=0)
        words.text(0, middle, label, va="center", ha="left", fontsize=FONT, linespacing=1.15)
    article = table[table["kind"] == "article"]
    for day in article["date"]:
        dates.axvline(day, color=KIND_STYLE["article"][0], linestyle="--", linewidth=1)
    _style_axes(table, dates, words, total)
    before = int(article.index[0]) if len(article) else len(table)
    say(
        f"{len(table)} dated events from {table.date.min():%B %Y} to {table.date.max():%B %Y}; "
        f"{before} of them come before the article of 27 February 1954.",
        figure,
    )
    return figure


def _style_axes(table, dates, words, total: float) -> None:
    """Date ticks by year (quarters between), no y axis, the title, the legend below."""
    import matplotlib.dates as mdates

    first, last = table["date"].min(), table["date"].max()
    margin = max((last - first) * 0.08, pd.Timedelta(days=15))
    dates.set_xlim(first - margin, last + margin)
    span_years = (last - first).days / 365
    dates.xaxis.set_major_locator(
        mdates.YearLocator() if span_years > 1.2 else mdates.MonthLocator(bymonth=[1, 4, 7, 10])
    )
    dates.xaxis.set_major_formatter(mdates.DateFormatter("%Y" if span_years > 1.2 else "%b\n%Y"))
    dates.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    dates.tick_params(axis="x", labelsize=FONT)
    dates.set_ylim(total, 0)
    dates.set_yticks([])
    dates.grid(axis="x", color="#ddd")
    words.axis("off")
    words.set_xlim(0, 1)
    dates.set_title(
        "From the General Line to the 'high tide':\ndated facts (facts sheet)",
        loc="left", fontsize=12,
    )  # fmt: skip
    handles = [
        Line2D([], [], marker=marker, color=colour, linestyle="none", label=text)
        for kind, (colour, marker, text) in KIND_STYLE.items()
        if kind in set(table["kind"])
    ]
    if (table["precision"] != "day").any():
        handles.append(
            Line2D([], [], marker="o", color="#555", markerfacecolor="white", linestyle="none",
                   label="hollow: date approximate")
        )  # fmt: skip
    dates.figure.legend(
        handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0), ncols=2, fontsize=FONT,
        frameon=False,
    )  # fmt: skip
