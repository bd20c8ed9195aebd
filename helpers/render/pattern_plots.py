"""The plots of notebook 06: each move's share of the text, and who acts in which move.

The counting is :mod:`helpers.analysis.patterns`; these draw it. Every plot
takes any source (the seed by default, an article file's path, an Article or a
segments table), prints one line saying what it shows and returns the figure.

Example:
    >>> move_names()["label"]["lead"]
    'Lead'
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.patterns import actors_by_move, text_per_move
from helpers.model.data_files import moves
from helpers.render.plots import new_figure, say


def move_names() -> pd.DataFrame:
    """The moves' labels and colours, indexed by move (for the axes and the bars).

    Example:
        >>> move_names().loc["deviation-1", "colour"]
        '#D55E00'
    """
    return moves().set_index("move")[["label", "colour"]]


def text_per_move_plot(table=None):
    """Bar chart: the share of each language's text that each move takes, side by side.

    Example:
        >>> figure = text_per_move_plot()  # doctest: +ELLIPSIS
        Reading: ...
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    shares = text_per_move(table)
    labels, colours = move_names()["label"], move_names()["colour"]
    figure, axes = new_figure(9, 4.5)
    positions = range(len(shares))
    for offset, column, hatch, name in (
        (-0.2, "zh_share", "", "Chinese (characters)"),
        (0.2, "en_share", "//", "English (words)"),
    ):
        axes.bar(
            [p + offset for p in positions],
            shares[column] * 100,
            width=0.4,
            color=[colours.get(m, "#999") for m in shares.index],
            hatch=hatch,
            edgecolor="black",
            label=name,
        )
    axes.set_xticks(
        list(positions), [labels.get(m, m) for m in shares.index], rotation=20, ha="right"
    )
    axes.set_ylabel("share of the text (%)")
    axes.set_title("How much of the article each move takes (中文 plain, English hatched)")
    axes.legend()
    biggest = shares["zh_share"].idxmax()
    say(
        f"The largest move is {labels.get(biggest, biggest)}: "
        f"{shares.loc[biggest, 'zh_share']:.0%} of the Chinese characters and "
        f"{shares.loc[biggest, 'en_share']:.0%} of the English words.",
        figure,
    )
    return figure


def actors_heatmap(table=None):
    """Heat map of :func:`actors_by_move`, with the count written in every cell.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> plt.close(actors_heatmap())  # doctest: +ELLIPSIS
        Reading: Cadres act in more segments than anyone else ...
    """
    counts = actors_by_move(table)
    labels = move_names()["label"]
    figure, axes = new_figure(9, 0.45 * len(counts) + 2)
    image = axes.imshow(counts.values, cmap="Blues", aspect="auto", vmin=0)
    for (row, column), value in pd.DataFrame(counts.values).stack().items():
        axes.text(
            column,
            row,
            str(value),
            ha="center",
            va="center",
            color="white" if value > counts.values.max() / 2 else "black",
        )
    axes.set_xticks(
        range(len(counts.columns)),
        [labels.get(m, m) for m in counts.columns],
        rotation=25,
        ha="right",
    )
    axes.set_yticks(range(len(counts.index)), counts.index)
    axes.set_title("Who acts in which move (number of segments)")
    figure.colorbar(image, ax=axes, label="segments")
    top_actor = counts.sum(axis=1).idxmax()
    busiest = counts.loc[top_actor].idxmax()
    say(
        f"{top_actor.capitalize()} act in more segments than anyone else "
        f"({counts.loc[top_actor].sum()}), most of all in {labels.get(busiest, busiest)}.",
        figure,
    )
    return figure
