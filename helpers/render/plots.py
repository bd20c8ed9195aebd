"""Shared conventions for the collection's plots: Chinese font, readable sizes, a text reading.

Every plot function in the collection returns its figure and prints one
line that says in words what the figure shows, so no reader depends on the
picture alone.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt

from helpers.render.fonts import use_chinese_font


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
        figure, axes = plt.subplots(figsize=(width, height), layout="constrained")
    return figure, axes


def say(reading: str) -> str:
    """Print the text reading of a plot and return it (lines broken between words, never inside).

    Example:
        >>> say("Most hits fall in paragraph 2.")
        Reading: Most hits fall in paragraph 2.
        'Most hits fall in paragraph 2.'
    """
    print(textwrap.fill(f"Reading: {reading}", 76, break_long_words=False))
    return reading
