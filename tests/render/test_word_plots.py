"""The word-frequency plot draws Chinese words without warnings and says what it shows."""

import warnings

import matplotlib.pyplot as plt
import pytest

from helpers.analysis.word_counts import word_frequencies
from helpers.render.word_plots import word_frequency_plot


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plot_draws_without_glyph_warnings_and_has_one_reading(lang, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing Chinese glyph would fail here
        figure = word_frequency_plot(lang=lang, top=10)
        figure.canvas.draw()
    reading = capsys.readouterr().out
    assert reading.startswith("Reading: ") and reading.count("Reading:") == 1
    reading = " ".join(reading.split())  # wrapped between words at 76 characters
    counts = word_frequencies(lang=lang).head(10)
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert labels == counts["word"].tolist()[::-1]  # the most frequent on top
    widths = [bar.get_width() for bar in figure.axes[0].patches]
    assert widths == counts["count"].tolist()[::-1]
    first = counts.iloc[0]
    assert f"{first['word']} ({first['count']})" in reading
    plt.close(figure)


def test_the_chinese_plot_names_the_glossary_terms_whole(capsys):
    figure = word_frequency_plot(top=3)
    assert "农业生产合作社 (13), 互助组 (13)" in " ".join(capsys.readouterr().out.split())
    assert "农业生产合作社" in [label.get_text() for label in figure.axes[0].get_yticklabels()]
    plt.close(figure)


def test_with_the_stopwords_the_particle_de_leads(capsys):
    figure = word_frequency_plot(top=5, drop_stopwords=False)
    reading = capsys.readouterr().out
    assert "stopwords left out" not in reading and "are 的 (" in reading
    plt.close(figure)
