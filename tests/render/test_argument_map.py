"""The argument map drawn: boxes from the data, readable, cited, highlighted, its reading said."""

import re
import warnings
from itertools import combinations

import matplotlib.pyplot as plt
import pytest

from helpers import segments, steps
from helpers.analysis.argument import (
    CAPTION,
    CHINESE_LABELS,
    PROBLEMS,
    TABLE_CAPTION,
    argument_reading,
    cite,
)
from helpers.analysis.compare import table_and_steps
from helpers.render.argument_html import argument_map_static_html, argument_table_html
from helpers.render.argument_map import argument_map, draw_map, map_png
from helpers.render.html import escape

SEG_ID = re.compile(r"P\d+\.\d+")


def pairs():
    return {(int(row.step), move) for row in steps().itertuples() for move in row.answers}


@pytest.fixture
def drawn(capsys):
    """Draw the map with every warning (a missing Chinese glyph too) as an error."""
    figures = []

    def draw(**options):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            figure = argument_map(**options)
            figure.canvas.draw()
        figures.append(figure)
        return figure, " ".join(capsys.readouterr().out.split())  # (wrapped between words)

    yield draw
    for figure in figures:
        plt.close(figure)


def by_gid(figure, prefix, kind="texts"):
    axes = figure.axes[0]
    return {a.get_gid(): a for a in getattr(axes, kind) if (a.get_gid() or "").startswith(prefix)}


def test_map_has_the_boxes_and_one_arrow_per_step_and_answer(drawn):
    figure, _ = drawn()
    assert len(by_gid(figure, "box:step:")) == len(steps()) == 5
    assert set(by_gid(figure, "box:problem:")) == {f"box:problem:{m}" for m in PROBLEMS}
    assert {"box:lead", "box:situation"} <= set(by_gid(figure, "box:"))
    arrows = [t for t in figure.axes[0].texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == sum(len(answers) for answers in steps().answers)
    found = {(int(a.get_gid().split(":")[1]), a.get_gid().split(":")[2]) for a in arrows}
    assert found == pairs()


def test_every_box_cites_its_segments_and_problems_carry_chinese(drawn):
    figure, _ = drawn()
    table = segments()
    for gid, text in by_gid(figure, "box:").items():
        assert SEG_ID.search(text.get_text()), gid
    for move in PROBLEMS:
        text = by_gid(figure, f"box:problem:{move}")[f"box:problem:{move}"].get_text()
        assert cite(list(table.query("move == @move").seg_id)) in text
        assert CHINESE_LABELS[move] in text
        for fragment in CHINESE_LABELS[move].split("："):
            assert fragment in "".join(table.zh), fragment  # quoted from the article
    for row in steps().itertuples():
        assert (
            f"({row.seg_id})"
            in by_gid(figure, f"box:step:{row.step}")[f"box:step:{row.step}"].get_text()
        )


@pytest.mark.parametrize("highlight", ["", "deviation-1", "middle-peasants"])
def test_no_text_overlaps_and_every_text_stays_in_its_box(drawn, highlight):
    figure, _ = drawn(highlight=highlight)
    renderer = figure.canvas.get_renderer()
    texts = {**by_gid(figure, "box:"), **by_gid(figure, "caption")}
    extents = {gid: text.get_window_extent(renderer) for gid, text in texts.items()}
    for (a, box_a), (b, box_b) in combinations(extents.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)
    patches = by_gid(figure, "patch:", kind="patches")
    for gid, extent in extents.items():
        if gid.startswith("box:"):
            edge = patches["patch:" + gid[4:]].get_window_extent(renderer)
            assert edge.x0 <= extent.x0 and extent.x1 <= edge.x1, gid
            assert edge.y0 <= extent.y0 and extent.y1 <= edge.y1, gid
    # readable in a notebook 1024 px wide: shown unshrunk, its smallest text at least 12 px
    from helpers.render.plots import SHOWN_WIDTH_PX, SMALLEST_TEXT_PX, shown_text_px

    assert figure.get_size_inches()[0] * 100 <= SHOWN_WIDTH_PX
    assert shown_text_px(figure) >= SMALLEST_TEXT_PX, shown_text_px(figure)


def test_problem_and_step_boxes_differ_by_line_style_not_colour_alone(drawn):
    figure, _ = drawn()
    patches = by_gid(figure, "patch:", kind="patches")
    problem_styles = {patches[f"patch:problem:{m}"].get_linestyle() for m in PROBLEMS}
    step_styles = {patches[f"patch:step:{n}"].get_linestyle() for n in range(1, 6)}
    assert len(problem_styles) == len(step_styles) == 1
    assert problem_styles != step_styles
    assert all(
        by_gid(figure, "box:step:")[f"box:step:{n}"].get_text().startswith("STEP")
        for n in range(1, 6)
    )


def test_highlight_emphasises_the_problem_and_its_steps(drawn):
    figure, _ = drawn(highlight="deviation-2")
    patches = by_gid(figure, "patch:", kind="patches")
    answering = {step for step, move in pairs() if move == "deviation-2"}
    strong = patches["patch:problem:deviation-2"].get_linewidth()
    assert all(
        patches[f"patch:problem:{m}"].get_linewidth() < strong
        for m in PROBLEMS
        if m != "deviation-2"
    )
    texts = by_gid(figure, "box:step:")
    for step in range(1, 6):
        marked = "highlighted" in texts[f"box:step:{step}"].get_text()
        assert marked == (step in answering)


def test_map_prints_its_reading_and_names_the_table(drawn):
    _, printed = drawn()
    assert printed.startswith("Reading: ")
    assert "argument_table()" in printed and "a reading" in printed
    assert "steps 1, 2, 4 and 5" in printed and "step 3" in printed
    assert "a reading" in CAPTION


def test_draw_map_takes_the_table_and_its_steps():
    table, steps_table = table_and_steps()
    figure = draw_map(table, steps_table.iloc[:2], "deviation-1")
    try:
        assert len(by_gid(figure, "box:step:")) == 2
        assert "highlighted" in by_gid(figure, "box:problem:")["box:problem:deviation-1"].get_text()
    finally:
        plt.close(figure)
    figure = draw_map(table, steps_table.iloc[0:0])
    try:
        assert by_gid(figure, "note:no-steps") and not by_gid(figure, "box:step:")
    finally:
        plt.close(figure)


def test_map_png_differs_with_the_highlight_and_closes_its_figure():
    table, steps_table = table_and_steps()
    before = len(plt.get_fignums())
    plain, highlighted = map_png(table, steps_table), map_png(table, steps_table, "deviation-2")
    assert plain[:4] == highlighted[:4] == b"\x89PNG" and plain != highlighted
    assert len(plt.get_fignums()) == before


def test_the_table_and_the_page_for_a_static_notebook():
    table, steps_table = table_and_steps()
    page = argument_table_html(table, steps_table, "deviation-2")
    assert page.startswith(f'<p><b>{escape(TABLE_CAPTION)}</b></p><div class="ly-table-scroll"')
    assert "<table" in page
    assert "→ deviation-2 (highlighted)" in page and "seg_ids" not in page
    static = argument_map_static_html(table, steps_table)
    reading = escape(argument_reading(table, steps_table))
    assert f'alt="{reading}" style="max-width:100%"><p><i>{escape(CAPTION)}</i></p>' in static
    assert static.endswith(f"<p>{reading}</p>" + argument_table_html(table, steps_table))
