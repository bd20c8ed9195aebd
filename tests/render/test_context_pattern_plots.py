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
    texts = [t.get_text() for axes in figure.axes for t in axes.texts]
    assert len(texts) == len(timeline(since="1953-01-01", until="1955-12-31"))
    assert any("急躁冒进" in text for text in texts)
    plt.close(figure)


@pytest.mark.parametrize(
    "since, until", [("1953-01-01", "1955-12-31"), ("1953-06-01", "1954-03-31")]
)  # notebook 01's timeline, and notebook 00's
def test_the_timeline_is_readable_in_a_notebook_1024_px_wide(since, until):
    """Its smallest text is at least 12 px as shown at 1024 px; no two texts overlap."""
    from helpers.render.plots import SMALLEST_TEXT_PX, overlapping_texts, shown_text_px

    figure = timeline_plot(since=since, until=until)
    try:
        assert shown_text_px(figure) >= SMALLEST_TEXT_PX, shown_text_px(figure)
        assert overlapping_texts(figure) == []
        renderer = figure.canvas.get_renderer()
        inside = figure.bbox
        for axes in figure.axes:
            for text in axes.texts:  # every event's words inside the picture
                box = text.get_window_extent(renderer)
                assert inside.x0 <= box.x0 and box.x1 <= inside.x1, text.get_text()[:40]
                assert inside.y0 <= box.y0 and box.y1 <= inside.y1, text.get_text()[:40]
    finally:
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


@pytest.mark.parametrize("draw", [text_per_move_plot, actors_heatmap])
def test_the_pattern_plots_are_readable_in_a_notebook_1024_px_wide(draw, capsys):
    """Notebook 06's plots: shown unshrunk at 1024 px, text at least 12 px, nothing overlapping."""
    from helpers.render.plots import (
        SHOWN_WIDTH_PX,
        SMALLEST_TEXT_PX,
        overlapping_texts,
        shown_text_px,
    )

    figure = draw()
    try:
        assert figure.get_size_inches()[0] * 100 <= SHOWN_WIDTH_PX
        assert shown_text_px(figure) >= SMALLEST_TEXT_PX, shown_text_px(figure)
        assert overlapping_texts(figure) == []
    finally:
        plt.close(figure)
