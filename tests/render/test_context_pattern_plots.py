"""The timeline and pattern plots draw Chinese without warnings and say what they show."""

import warnings

import matplotlib.pyplot as plt
import pytest

from helpers.analysis.context import timeline
from helpers.render.context_plots import timeline_plot
from helpers.render.pattern_plots import actors_heatmap, text_per_move_plot


def test_timeline_plot_renders_chinese_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = timeline_plot()
        figure.canvas.draw()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert len(texts) == len(timeline(since="1953-01-01", until="1955-12-31"))
    assert any("急躁冒进" in text for text in texts)
    plt.close(figure)


@pytest.mark.parametrize("draw", [text_per_move_plot, actors_heatmap])
def test_pattern_plots_render_without_warnings(draw, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = draw()
        figure.canvas.draw()
    assert capsys.readouterr().out.startswith("Reading: ")
    plt.close(figure)


@pytest.mark.parametrize("draw", [text_per_move_plot, actors_heatmap])
def test_pattern_plots_take_an_article_path(draw, capsys):
    from helpers.model.paths import seed_path

    figure = draw(str(seed_path()))
    assert capsys.readouterr().out.startswith("Reading: ")
    plt.close(figure)
