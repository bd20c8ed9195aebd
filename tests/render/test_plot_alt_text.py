"""Every plot has its text reading, printed and carried into the image's alt text.

JupyterLab gives a plain PNG output no alt text, so each plot function's
figure (a :class:`helpers.render.plots.ReadFigure`) shows as an HTML image
whose alt is its title and the reading it printed.
"""

from __future__ import annotations

import contextlib
import html
import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers.render.plots import ReadFigure  # noqa: E402

PLOTS = {
    "timeline_plot": lambda: helpers.timeline_plot(since="1953-06-01", until="1954-03-31"),
    "text_per_move_plot": helpers.text_per_move_plot,
    "actors_heatmap": helpers.actors_heatmap,
    "dispersion_plot": lambda: helpers.dispersion_plot(helpers.kwic("互助组")),
    "argument_map": helpers.argument_map,
}


def drawn(make):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        figure = make()
    return figure, printed.getvalue()


@pytest.mark.parametrize("name", list(PLOTS))
def test_each_plot_prints_a_reading_and_shows_it_as_alt_text(name):
    figure, printed = drawn(PLOTS[name])
    try:
        reading = re.fullmatch(r"Reading: (.+)\n", printed, re.S)  # wrapped between words
        assert reading and "Reading:" not in reading.group(1), f"{name}: one reading? {printed!r}"
        assert isinstance(figure, ReadFigure)
        page = figure._repr_html_()
        alt = html.unescape(re.search(r'alt="([^"]*)"', page).group(1))
        assert alt.startswith("Figure") and alt.endswith(" ".join(reading.group(1).split())), alt
        titles = [a.get_title(loc) for a in figure.axes for loc in ("left", "center", "right")]
        assert all(" ".join(title.split()) in alt for title in titles)
        assert [title for title in titles if title] or name == "argument_map", name
        assert "\n" not in alt  # one line
        assert 'src="data:image/png;base64,' in page
    finally:
        plt.close(figure)


def test_the_agreement_s_confusion_plot_carries_its_reading():
    from helpers.analysis.agreement import demo_codings
    from helpers.render.agreement import agreement

    figure, printed = drawn(lambda: agreement(demo_codings()).confusion_plot("A", "B"))
    try:
        reading = " ".join(printed.removeprefix("Reading: ").split())
        assert reading and reading in html.unescape(figure._repr_html_())
    finally:
        plt.close(figure)


def test_the_confusion_plot_s_text_is_readable_at_1024_px():
    """Six moves' labels, counts and title at least the smallest readable size, none overlapping."""
    import pandas as pd

    from helpers.model.tagset import TagSet
    from helpers.render.agreement import confusion_figure
    from helpers.render.plots import SMALLEST_TEXT_PX, overlapping_texts, shown_text_px

    tags = TagSet.moves()
    codes = list(tags.tags)
    matrix = pd.DataFrame(
        [[3 if row == column else 1 for column in codes] for row in codes], codes, codes
    )
    figure = confusion_figure(matrix, "Example coder B", "reference", tags)
    try:
        assert shown_text_px(figure) >= SMALLEST_TEXT_PX, shown_text_px(figure)
        assert overlapping_texts(figure) == []
    finally:
        plt.close(figure)
