"""Tests for the dispersion plot (matplotlib) of where the hits fall."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt

from helpers.analysis.hits import compare_terms, hits_by_paragraph
from helpers.analysis.search import kwic
from helpers.render.dispersion import dispersion_plot

# ----------------------------------------------------------------------------- plots


def test_dispersion_plot_draws_chinese_without_warnings(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = dispersion_plot(kwic("互助组"))
        figure.canvas.draw()
    try:
        axes = figure.axes[0]
        assert "互助组" in axes.get_title() and "13" in axes.get_title()
        texts = [text.get_text() for text in axes.texts]
        assert ["P1", "P2", "P3"] == texts
        assert figure.legends or axes.get_legend() is not None  # (below the plot: the figure's)
        from helpers.render.plots import SMALLEST_TEXT_PX, overlapping_texts, shown_text_px

        assert shown_text_px(figure) >= SMALLEST_TEXT_PX  # readable at 1024 px
        assert overlapping_texts(figure) == []
    finally:
        plt.close(figure)
    counts = hits_by_paragraph(kwic("互助组")).loc["互助组"]
    printed = " ".join(capsys.readouterr().out.split())  # (the reading wraps between words)
    assert printed.startswith("Reading: 13 hits for 互助组:")
    assert f"{counts['P3']} in P3" in printed


def test_dispersion_plot_of_several_terms(capsys):
    hits = compare_terms(["互助组", "合作社"])
    assert set(hits["query"]) == {"互助组", "合作社"}
    assert len(hits) == len(kwic("互助组")) + len(kwic("合作社"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = dispersion_plot(hits)
        figure.canvas.draw()
    try:
        labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
        assert len(labels) == 2 and any("合作社" in label for label in labels)
    finally:
        plt.close(figure)
    printed = " ".join(capsys.readouterr().out.split())  # (the reading wraps between words)
    assert "hits for 互助组" in printed and "hits for 合作社" in printed


def test_dispersion_plot_english_and_no_hits(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = dispersion_plot(kwic("mutual aid", lang="en"))
        plt.close(figure)
        figure = dispersion_plot(compare_terms(["互助组", "不存在的词"]))
        plt.close(figure)
    printed = " ".join(capsys.readouterr().out.split())
    assert "0 hits for 不存在的词: 0 in P1, 0 in P2, 0 in P3." in printed
