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
from helpers.render.plots import new_figure, say, wrapped


def move_names() -> pd.DataFrame:
    """The moves' labels and colours, indexed by move (for the axes and the bars).

    Example:
        >>> move_names().loc["deviation-1", "colour"]
        '#D55E00'
    """
    return moves().set_index("move")[["label", "colour"]]


#: The plots' width in inches: they fit a notebook 1024 px wide unshrunk (render/plots.py).
WIDTH = 5.5
#: Their text size in points (at least 12 px as shown).
FONT = 10


def short_label(move: str) -> str:
    """A move's label short enough for a heat map's column: the part before a colon.

    Example:
        >>> short_label("deviation-1"), short_label("middle-peasants")
        ('Deviation 1', 'Middle peasants')
    """
    label = move_names()["label"].get(move, move)
    return label.split(":")[0].replace("' strong-with-strong teams", "")


def text_per_move_plot(table=None):
    """Bar chart: the share of each language's text that each move takes, side by side.

    One row per move (its name beside it, in words), the Chinese bar plain and
    the English hatched; drawn to fit a notebook 1024 px wide.

    Example:
        >>> figure = text_per_move_plot()  # doctest: +ELLIPSIS
        Reading: ...
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    shares = text_per_move(table)
    labels, colours = move_names()["label"], move_names()["colour"]
    figure, axes = new_figure(WIDTH, 0.62 * len(shares) + 1.9)
    positions = range(len(shares))
    for offset, column, hatch, name in (
        (-0.2, "zh_share", "", "Chinese (characters)"),
        (0.2, "en_share", "//", "English (words)"),
    ):
        axes.barh(
            [p + offset for p in positions],
            shares[column] * 100,
            height=0.4,
            color=[colours.get(m, "#999") for m in shares.index],
            hatch=hatch,
            edgecolor="black",
            label=name,
        )
    axes.set_yticks(
        list(positions), [wrapped(labels.get(m, m), 22) for m in shares.index], fontsize=FONT
    )
    axes.invert_yaxis()
    axes.tick_params(axis="x", labelsize=FONT)
    axes.set_xlabel("share of the text (%)", fontsize=FONT)
    axes.set_title(
        "How much of the article each move takes\n(中文 plain, English hatched)", loc="left",
        fontsize=12,
    )  # fmt: skip
    figure.legend(loc="outside lower center", ncols=2, fontsize=FONT, frameon=False)
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

    Actors down the side, moves across (their names upright, short); drawn to
    fit a notebook 1024 px wide.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> plt.close(actors_heatmap())  # doctest: +ELLIPSIS
        Reading: Cadres act in more segments than anyone else ...
    """
    counts = actors_by_move(table)
    labels = move_names()["label"]
    figure, axes = new_figure(WIDTH, 0.34 * len(counts) + 2.6)
    image = axes.imshow(counts.values, cmap="Blues", aspect="auto", vmin=0)
    for (row, column), value in pd.DataFrame(counts.values).stack().items():
        axes.text(
            column,
            row,
            str(value),
            ha="center",
            va="center",
            fontsize=FONT,
            color="white" if value > counts.values.max() / 2 else "black",
        )
    axes.set_xticks(
        range(len(counts.columns)), [short_label(m) for m in counts.columns], rotation=90
    )
    axes.set_yticks(range(len(counts.index)), counts.index)
    axes.tick_params(labelsize=FONT)
    axes.set_title("Who acts in which move\n(number of segments)", loc="left", fontsize=12)
    bar = figure.colorbar(image, ax=axes)
    bar.set_label("segments", fontsize=FONT)
    bar.ax.tick_params(labelsize=FONT)
    top_actor = counts.sum(axis=1).idxmax()
    busiest = counts.loc[top_actor].idxmax()
    say(
        f"{top_actor.capitalize()} act in more segments than anyone else "
        f"({counts.loc[top_actor].sum()}), most of all in {labels.get(busiest, busiest)}.",
        figure,
    )
    return figure
