"""Counting with pandas: how much text each move gets, and who acts in which move.

These are the tables and plots of notebook 06. On one short article the
numbers are small: they describe this text, they do not measure a trend.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.model.tables import moves, segments
from helpers.render.plots import new_figure, say

_HANZI = re.compile(r"[\u3400-\u9fff]")


def _in_move_order(found) -> list[str]:
    """The moves found, in the article's order of moves; tags of one's own come last."""
    found = list(found)
    order = [move for move in moves()["move"] if move in found]
    return order + [move for move in found if move not in order]


def text_per_move(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much text each move gets: segments, Chinese characters, English words, and shares.

    Chinese is counted in characters (punctuation left out), English in words.

    Example:
        >>> text_per_move().loc["correction", "segments"]
        np.int64(6)
    """
    table = segments() if table is None else table
    counted = table.assign(
        zh_characters=table["zh"].map(lambda text: len(_HANZI.findall(text))),
        en_words=table["en"].map(lambda text: len(text.split())),
    )
    order = _in_move_order(counted["move"].unique())
    result = (
        counted.groupby("move")
        .agg(
            segments=("seg_id", "count"),
            zh_characters=("zh_characters", "sum"),
            en_words=("en_words", "sum"),
        )
        .reindex(order)
    )
    result["zh_share"] = (result["zh_characters"] / result["zh_characters"].sum()).round(3)
    result["en_share"] = (result["en_words"] / result["en_words"].sum()).round(3)
    return result


def text_per_move_plot(table: pd.DataFrame | None = None):
    """Bar chart: the share of each language's text that each move takes, side by side.

    Example:
        >>> figure = text_per_move_plot()  # doctest: +ELLIPSIS
        Reading: ...
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    shares = text_per_move(table)
    labels = moves().set_index("move")["label"]
    colours = moves().set_index("move")["colour"]
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
        f"{shares.loc[biggest, 'en_share']:.0%} of the English words."
    )
    return figure


def actors_by_move(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """A table counting in how many segments of each move each actor acts.

    Example:
        >>> actors_by_move().loc["cadres", "deviation-1"]
        np.int64(4)
    """
    table = segments() if table is None else table
    exploded = table.explode("actors").dropna(subset=["actors"])
    counts = pd.crosstab(exploded["actors"], exploded["move"])
    counts = counts[_in_move_order(counts.columns)]
    return counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]


def actors_heatmap(table: pd.DataFrame | None = None):
    """Heat map of :func:`actors_by_move`, with the count written in every cell.

    Example:
        >>> figure = actors_heatmap()  # doctest: +ELLIPSIS
        Reading: ...
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    counts = actors_by_move(table)
    labels = moves().set_index("move")["label"]
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
        f"({counts.loc[top_actor].sum()}), most of all in {labels.get(busiest, busiest)}."
    )
    return figure
