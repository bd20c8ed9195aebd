"""The word-frequency plot of notebook 06: the most frequent words, stopwords left out.

The counting is :func:`helpers.analysis.word_counts.word_frequencies`; this
draws it as horizontal bars, the most frequent word on top, prints one line
saying what it shows and returns the figure. Chinese words are drawn in the
collection's font (:mod:`helpers.render.fonts`, through
:func:`helpers.render.plots.new_figure`).

Example:
    >>> import matplotlib.pyplot as plt
    >>> plt.close(word_frequency_plot(top=5))  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    Reading: The most frequent words of the Chinese (stopwords left out) are 农业生产合作社 ...
"""

from __future__ import annotations

from helpers.analysis.word_counts import word_frequencies
from helpers.render.plots import new_figure, say, wrapped

#: How the plot names each language's words.
WORDS_OF = {"zh": "the Chinese", "en": "the English"}


def word_frequency_plot(table=None, lang: str = "zh", top: int = 15, drop_stopwords=True):
    """Bar chart of the ``top`` most frequent words of one language, with each count written.

    ``table`` is any source (the seed by default); ``drop_stopwords`` leaves
    out the project's stopwords (:func:`helpers.analysis.word_counts.stopwords`).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> figure = word_frequency_plot(lang="en", top=3)  # doctest: +NORMALIZE_WHITESPACE
        Reading: The most frequent words of the English (stopwords left out) are
        mutual (19), cooperatives (18), aid (17).
        >>> len(figure.axes[0].patches)
        3
        >>> plt.close(figure)
    """
    counts = word_frequencies(table, lang, drop_stopwords).head(max(int(top), 1))
    figure, axes = new_figure(5.5, 0.32 * max(len(counts), 3) + 1.7)  # fits 1024 px unshrunk
    shown = counts.iloc[::-1]
    axes.barh(range(len(shown)), shown["count"], color="#0072B2")
    axes.set_yticks(range(len(shown)), shown["word"])
    for place, number in enumerate(shown["count"]):
        axes.text(number, place, f" {number}", va="center")
    axes.set_xlim(0, max(counts["count"].max() * 1.12, 1) if len(counts) else 1)
    axes.set_xlabel("times the word occurs")
    left_out = " (stopwords left out)" if drop_stopwords else ""
    axes.set_title(
        wrapped(f"The {len(counts)} most frequent words of {WORDS_OF[lang]}{left_out}", 52)
    )
    if counts.empty:
        say(f"{WORDS_OF[lang].capitalize()} has no words to count.", figure)
        return figure
    named = ", ".join(f"{row.word} ({row.count})" for row in counts.head(3).itertuples())
    say(f"The most frequent words of {WORDS_OF[lang]}{left_out} are {named}.", figure)
    return figure
