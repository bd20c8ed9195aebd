"""Counting with pandas: how much text each move gets, and who acts in which move.

These are the tables of notebook 06 (its plots are in
:mod:`helpers.render.pattern_plots`). On one short article the numbers are
small: they describe this text, they do not measure a trend. Every function
takes any source (:func:`helpers.model.source.as_table`): None for the seed,
an article file's path, an Article or a segments table.

Example:
    >>> int(text_per_move()["segments"].sum())
    19
"""

from __future__ import annotations

import pandas as pd

from helpers.model.data_files import moves
from helpers.model.source import as_table
from helpers.model.text import HANZI


def _in_move_order(found) -> list[str]:
    """The moves found, in the article's order of moves; tags of one's own come last."""
    found = list(found)
    order = [move for move in moves()["move"] if move in found]
    return order + [move for move in found if move not in order]


def text_per_move(table=None) -> pd.DataFrame:
    """How much text each move gets: segments, Chinese characters, English words, and shares.

    Chinese is counted in characters (punctuation left out), English in words.
    ``table`` is any source: the seed by default, a path, an Article or a table.

    Example:
        >>> text_per_move().loc["correction", "segments"]
        np.int64(6)
    """
    table = as_table(table)
    counted = table.assign(
        zh_characters=table["zh"].map(lambda text: len(HANZI.findall(text))),
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


def actors_by_move(table=None) -> pd.DataFrame:
    """A table counting in how many segments of each move each actor acts.

    Example:
        >>> actors_by_move().loc["cadres", "deviation-1"]
        np.int64(4)
    """
    table = as_table(table)
    exploded = table.explode("actors").dropna(subset=["actors"])
    counts = pd.crosstab(exploded["actors"], exploded["move"])
    counts = counts[_in_move_order(counts.columns)]
    return counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]
