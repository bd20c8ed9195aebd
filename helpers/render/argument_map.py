"""The argument map drawn with matplotlib: lead and situation, three problems, the steps, arrows.

Every box cites its segments; a highlighted problem and the steps that
answer it are drawn strong, the rest faded. Problem boxes have a solid edge
and step boxes a dashed one, so the two differ by more than colour. The
tables and words come from :mod:`helpers.analysis.argument`.

Example:
    >>> figure = argument_map()  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    Reading: The lead (P1.1–P1.3) and the situation (P2.1–P2.2) come first; ...
    >>> plt.close(figure)
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyBboxPatch

from helpers.analysis.argument import (
    CHINESE_LABELS,
    NO_STEPS,
    PROBLEMS,
    argument_reading,
    box_descriptions,
    caption_for,
    cite,
    highlight_text,
)
from helpers.analysis.compare import answering_steps, evidence_seg_ids, table_and_steps
from helpers.model.source import is_seed_table
from helpers.render.html import move_colour, move_label
from helpers.render.plots import new_figure, say, wrapped

_FONT = 9.5
#: The map's width in inches: it fits a notebook 1024 px wide unshrunk (render/plots.py).
_WIDTH = 5.5
#: A line of text, the space inside a box and between two boxes, in inches.
_LINE, _PAD, _GAP = _FONT * 1.3 / 72, 0.07, 0.14
#: Where the problems' column ends and the steps' column begins (the arrows run between).
_PROBLEM_RIGHT, _STEP_LEFT = 2.35, 3.15
#: How many columns (a Chinese character counts two) a line holds in a half-width box.
_HALF, _COLUMN, _FULL = 36, 33, 78


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _height(text: str) -> float:
    return _lines(text) * _LINE + 2 * _PAD


def _box(axes, x, y, width, text, move, gid, style="solid", faded=False, strong=False):
    """A box with a coloured edge in a line style, its text at the top left; its height."""
    height = _height(text)
    patch = FancyBboxPatch(
        (x, y),
        width,
        height,
        boxstyle="round,pad=0,rounding_size=0.04",
        facecolor="white",
        edgecolor=move_colour(move),
        linewidth=4 if strong else 2,
        linestyle=style,
        alpha=0.35 if faded else 1.0,
        gid=f"patch:{gid}",
    )
    axes.add_patch(patch)
    axes.text(
        x + _PAD,
        y + _PAD,
        text,
        va="top",
        ha="left",
        fontsize=_FONT,
        alpha=0.5 if faded else 1.0,
        gid=f"box:{gid}",
        linespacing=1.3,
    )
    return height


def _wrap(text: str, columns: int) -> str:
    return wrapped(text, columns)


def _cited(move: str, table: pd.DataFrame, missing: str) -> str:
    return cite(evidence_seg_ids(move, table)) or missing


def _top_texts(table, descriptions, chinese) -> list[tuple[str, str]]:
    """The lead's and the situation's box texts."""
    texts = []
    for move in ("lead", "situation"):
        head = f"{move_label(move).upper()} ({_cited(move, table, 'not coded')})"
        texts.append(
            (move, head + (f"\n{chinese[move]}" if chinese[move] else "")
             + f"\n{_wrap(descriptions[move], _HALF)}")
        )  # fmt: skip
    return texts


def _problem_texts(table, descriptions, chinese, highlight) -> list[tuple[str, str]]:
    """Each problem's box text: its name, Chinese, segments and description."""
    texts = []
    for move in PROBLEMS:
        mark = " [highlighted]" if move == highlight else ""
        texts.append(
            (move, f"{_wrap(f'PROBLEM: {move_label(move)}{mark}', _COLUMN)}\n"
             + (f"{chinese[move]}\n" if chinese[move] else "")
             + f"Segments {_cited(move, table, '(none coded)')}\n"
             + _wrap(descriptions[move], _COLUMN))
        )  # fmt: skip
    return texts


def _step_texts(steps_table, chosen) -> list[tuple[int, str]]:
    """Each step's box text: its number and segment, what it answers, its summary."""
    texts = []
    for row in steps_table.itertuples():
        answers = ", ".join(move_label(move).split(":")[0] for move in row.answers)
        mark = " [highlighted]" if row.step in chosen else ""
        texts.append(
            (row.step, f"STEP {row.step} ({row.seg_id}){mark}\n"
             + f"{_wrap('answers: ' + (answers or '(not given)'), _COLUMN)}\n"
             + _wrap(row.summary, _COLUMN))
        )  # fmt: skip
    return texts


def _spread(heights: list[float], span: float) -> list[float]:
    """Where boxes of ``heights`` start so that they fill ``span`` with equal gaps."""
    if not heights:
        return []
    gap = (span - sum(heights)) / (len(heights) - 1) if len(heights) > 1 else 0
    starts, y = [], 0.0
    for height in heights:
        starts.append(y)
        y += height + gap
    return starts


def _draw_columns(axes, table, steps_table, descriptions, chinese, highlight, top) -> tuple:
    """The problems (left, solid) and the steps (right, dashed), spread over the same height.

    Returns each problem's and each step's (top, height) and where the columns end.
    """
    chosen = set(answering_steps(highlight, steps_table)["step"]) if highlight else set()
    problems = _problem_texts(table, descriptions, chinese, highlight)
    steps = _step_texts(steps_table, chosen)
    p_heights = [_height(text) for _, text in problems]
    s_heights = [_height(text) for _, text in steps]
    span = max(sum(p_heights) + _GAP * 2, sum(s_heights) + _GAP * max(len(steps) - 1, 0))
    places = {"problem": {}, "step": {}}
    width = _PROBLEM_RIGHT
    for (move, text), start in zip(problems, _spread(p_heights, span), strict=True):
        faded = bool(highlight) and move != highlight
        height = _box(axes, 0, top + start, width, text, move, f"problem:{move}", "solid",
                      faded, not faded)  # fmt: skip
        places["problem"][move] = (top + start, height)
    width = _WIDTH - _STEP_LEFT
    for (step, text), start in zip(steps, _spread(s_heights, span), strict=True):
        faded = bool(highlight) and step not in chosen
        height = _box(axes, _STEP_LEFT, top + start, width, text, "correction", f"step:{step}",
                      "--", faded, bool(highlight) and not faded)  # fmt: skip
        places["step"][step] = (top + start, height)
    if steps_table.empty:
        axes.text(_STEP_LEFT, top, _wrap(NO_STEPS, _COLUMN), fontsize=_FONT, va="top",
                  gid="note:no-steps")  # fmt: skip
        span = max(span, _height(_wrap(NO_STEPS, _COLUMN)))
    return places, top + span


def _draw_arrows(axes, steps_table, highlight, places) -> None:
    """An arrow from each step to each problem it answers, spread along the boxes' edges."""
    pairs = [
        (row.step, move)
        for row in steps_table.itertuples()
        for move in row.answers
        if move in PROBLEMS
    ]
    for step, move in pairs:
        into = [s for s, m in pairs if m == move]
        out = [m for s, m in pairs if s == step]
        p_top, p_height = places["problem"][move]
        s_top, s_height = places["step"][step]
        end_y = p_top + p_height * (into.index(step) + 1) / (len(into) + 1)
        start_y = s_top + s_height * (out.index(move) + 1) / (len(out) + 1)
        faded = bool(highlight) and move != highlight
        axes.annotate(
            "",
            xy=(_PROBLEM_RIGHT, end_y),
            xytext=(_STEP_LEFT, start_y),
            arrowprops={
                "arrowstyle": "-|>",
                "color": move_colour(move),
                "linewidth": 1 if faded else (2.6 if highlight else 1.6),
                "alpha": 0.3 if faded else 1.0,
                "shrinkA": 0,
                "shrinkB": 0,
            },
            gid=f"answer:{step}:{move}",
        )


def draw_map(table: pd.DataFrame, steps_table: pd.DataFrame, highlight: str = ""):
    """The map's figure for a segments table and its steps, both read already.

    ``highlight`` is a problem's move ("" for none). Laid out in inches for a
    notebook 1024 px wide: the lead and the situation across the top, the
    problems down the left, the steps down the right, arrows between; as tall
    as its texts need.

    Example:
        >>> figure = draw_map(*table_and_steps(), "deviation-2")
        >>> len([t for t in figure.axes[0].texts if (t.get_gid() or "").startswith("box:step")])
        5
        >>> plt.close(figure)
    """
    descriptions = box_descriptions(table)
    chinese = CHINESE_LABELS if is_seed_table(table) else dict.fromkeys(CHINESE_LABELS, "")
    figure, axes = new_figure(_WIDTH, 1)
    figure.set_layout_engine("none")
    axes.set_position([0, 0, 1, 1])
    axes.axis("off")
    top = 0.0
    half = (_WIDTH - _GAP) / 2
    tops = _top_texts(table, descriptions, chinese)
    height = max(_height(text) for _, text in tops)
    for (move, text), x in zip(tops, (0, half + _GAP), strict=True):
        _box(axes, x, top, half, text, move, move, style="dotted", faded=bool(highlight))
    places, bottom = _draw_columns(
        axes, table, steps_table, descriptions, chinese, highlight, top + height + 0.3
    )
    _draw_arrows(axes, steps_table, highlight, places)
    caption = _wrap(caption_for(table), _FULL)
    axes.text(0, bottom + 0.15, caption, fontsize=_FONT, style="italic", va="top", gid="caption")
    total = bottom + 0.15 + _height(caption)
    figure.set_size_inches(_WIDTH, total)
    axes.set_xlim(0, _WIDTH)
    axes.set_ylim(total, 0)
    return figure


def argument_map(table=None, highlight: str = "", steps=None):
    """Draw the argument: lead and situation, three problems, five steps, arrows between.

    Every box cites its segments; ``highlight`` (a problem's move) emphasises
    it and the steps that answer it. Prints the map's reading in words;
    :func:`helpers.argument_table` gives the same as a table. ``table`` is
    any source (another article needs a coding: :func:`helpers.apply_coding`),
    ``steps`` an optional steps file or table for it.

    Example:
        >>> figure = argument_map(highlight="deviation-1")  # doctest: +ELLIPSIS
        Reading: The lead (P1.1–P1.3) ...
        >>> plt.close(figure)
    """
    table, steps_table = table_and_steps(table, steps)
    figure = draw_map(table, steps_table, highlight)
    say(argument_reading(table, steps_table), figure)
    return figure


def figure_png(figure, dpi: int = 100) -> bytes:
    """A figure as PNG bytes.

    Example:
        >>> figure, axes = new_figure(2, 1)
        >>> figure_png(figure)[:4]
        b'\\x89PNG'
        >>> plt.close(figure)
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def map_png(table: pd.DataFrame, steps_table: pd.DataFrame, highlight: str = "") -> bytes:
    """The map as PNG bytes (the figure closed after), for a widget or a page.

    Example:
        >>> map_png(*table_and_steps())[:4]
        b'\\x89PNG'
    """
    figure = draw_map(table, steps_table, highlight)
    try:
        return figure_png(figure)
    finally:
        plt.close(figure)


def map_image_html(table: pd.DataFrame, steps_table: pd.DataFrame, highlight: str = "") -> str:
    """The map as an HTML image whose alt text is its reading and what the highlight shows.

    For a widget (an ipywidgets Image has no alt text): a screen reader in
    JupyterLab or Voila reads the map in words. Shown at its size for a
    notebook 1024 px wide, drawn at twice that for sharp text.

    Example:
        >>> page = map_image_html(*table_and_steps(), "deviation-2")
        >>> page.startswith('<img class="ly-figure" src="data:image/png;base64,')
        True
        >>> 'alt="Figure. The argument map. The lead (P1.1–P1.3)' in page, "steps 2 and 4" in page
        (True, True)
    """
    figure = draw_map(table, steps_table, highlight)
    try:
        words = highlight_text(highlight, steps_table, caption_for(table))
        figure.reading = f"The argument map. {argument_reading(table, steps_table)} {words}"
        return figure._repr_html_()
    finally:
        plt.close(figure)
