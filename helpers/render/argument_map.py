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
import textwrap

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
)
from helpers.analysis.compare import answering_steps, evidence_seg_ids, table_and_steps
from helpers.model.source import is_seed_table
from helpers.render.html import move_colour, move_label
from helpers.render.plots import new_figure, say

_FONT = 9.5
#: Where the rows of boxes stand (bottom edge, height), in axes units.
_TOP_ROW, _PROBLEM_ROW, _STEP_ROW = (0.87, 0.13), (0.5, 0.33), (0.06, 0.35)
_PROBLEM_WIDTH = 0.32
#: Where the arrows start: the top edge of the step boxes.
_STEP_TOP = 0.41


def _box(axes, x, y, width, height, text, move, gid, style="solid", faded=False, strong=False):
    """A box with a coloured edge in a line style, and its text at the top left."""
    patch = FancyBboxPatch(
        (x, y),
        width,
        height,
        boxstyle="round,pad=0,rounding_size=0.01",
        facecolor="white",
        edgecolor=move_colour(move),
        linewidth=4.5 if strong else 2.2,
        linestyle=style,
        alpha=0.35 if faded else 1.0,
        gid=f"patch:{gid}",
    )
    axes.add_patch(patch)
    axes.text(
        x + 0.008,
        y + height - 0.012,
        text,
        va="top",
        ha="left",
        fontsize=_FONT,
        alpha=0.45 if faded else 1.0,
        gid=f"box:{gid}",
        linespacing=1.25,
    )
    return patch


def _wrap(text: str, width: int, lines: int | None = None) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …"))


def _cited(move: str, table: pd.DataFrame, missing: str) -> str:
    return cite(evidence_seg_ids(move, table)) or missing


def _draw_top_row(axes, table, descriptions, chinese, highlight) -> None:
    """The lead and the situation, side by side across the top, dotted."""
    y, height = _TOP_ROW
    for move, x in (("lead", 0.0), ("situation", 0.505)):
        text = (
            f"{move_label(move).upper()}  ({_cited(move, table, 'not coded')})   "
            f"{chinese[move]}\n{_wrap(descriptions[move], 74, 2)}"
        )
        _box(axes, x, y, 0.495, height, text, move, move, style="dotted", faded=bool(highlight))


def _draw_problems(axes, table, descriptions, chinese, highlight) -> dict[str, float]:
    """The three problems in a row, solid; returns where each box starts."""
    y, height = _PROBLEM_ROW
    problem_x = {}
    for index, move in enumerate(PROBLEMS):
        x = problem_x[move] = index * 0.34
        mark = "  [highlighted]" if move == highlight else ""
        text = (
            f"{_wrap(f'PROBLEM: {move_label(move)}{mark}', 46)}\n"
            + (f"{chinese[move]}\n" if chinese[move] else "")
            + f"Segments {_cited(move, table, '(none coded)')}\n\n"
            f"{_wrap(descriptions[move], 47, 7)}"
        )
        faded = bool(highlight) and move != highlight
        gid = f"problem:{move}"
        _box(axes, x, y, _PROBLEM_WIDTH, height, text, move, gid, "solid", faded, not faded)
    return problem_x


def _draw_steps(axes, steps_table, highlight) -> tuple[dict, float]:
    """The corrective steps in a row, dashed; returns where each starts and their width."""
    y, height = _STEP_ROW
    chosen = set(answering_steps(highlight, steps_table)["step"]) if highlight else set()
    spacing = 0.2025 if len(steps_table) <= 5 else 1 / len(steps_table)
    width = 0.19 if len(steps_table) <= 5 else spacing * 0.94
    characters = max(8, int(28 * width / 0.19))
    step_x = {}
    for index, row in enumerate(steps_table.itertuples()):
        x = step_x[row.step] = index * spacing
        answers = ", ".join(move_label(move).split(":")[0] for move in row.answers)
        mark = " [highlighted]" if row.step in chosen else ""
        text = (
            f"STEP {row.step} ({row.seg_id}){mark}\n"
            f"{_wrap('answers: ' + (answers or '(not given)'), characters - 1)}\n\n"
            f"{_wrap(row.summary, characters, 10)}"
        )
        faded = bool(highlight) and row.step not in chosen
        strong = bool(highlight) and not faded
        gid = f"step:{row.step}"
        _box(axes, x, y, width, height, text, "correction", gid, "--", faded, strong)
    if steps_table.empty:
        axes.text(0, 0.3, _wrap(NO_STEPS, 120), fontsize=_FONT, gid="note:no-steps")
    return step_x, width


def _draw_arrows(axes, steps_table, highlight, problem_x, step_x, width) -> None:
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
        end_x = problem_x[move] + _PROBLEM_WIDTH * (into.index(step) + 1) / (len(into) + 1)
        start_x = step_x[step] + width * (out.index(move) + 1) / (len(out) + 1)
        faded = bool(highlight) and move != highlight
        axes.annotate(
            "",
            xy=(end_x, _PROBLEM_ROW[0]),
            xytext=(start_x, _STEP_TOP),
            arrowprops={
                "arrowstyle": "-|>",
                "color": move_colour(move),
                "linewidth": 1.2 if faded else (3.2 if highlight else 2),
                "alpha": 0.3 if faded else 1.0,
                "shrinkA": 0,
                "shrinkB": 0,
            },
            gid=f"answer:{step}:{move}",
        )


def draw_map(table: pd.DataFrame, steps_table: pd.DataFrame, highlight: str = ""):
    """The map's figure for a segments table and its steps, both read already.

    ``highlight`` is a problem's move ("" for none).

    Example:
        >>> figure = draw_map(*table_and_steps(), "deviation-2")
        >>> len([t for t in figure.axes[0].texts if (t.get_gid() or "").startswith("box:step")])
        5
        >>> plt.close(figure)
    """
    figure, axes = new_figure(11, 7)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.axis("off")
    descriptions = box_descriptions(table)
    chinese = CHINESE_LABELS if is_seed_table(table) else dict.fromkeys(CHINESE_LABELS, "")
    _draw_top_row(axes, table, descriptions, chinese, highlight)
    problem_x = _draw_problems(axes, table, descriptions, chinese, highlight)
    step_x, width = _draw_steps(axes, steps_table, highlight)
    _draw_arrows(axes, steps_table, highlight, problem_x, step_x, width)
    caption = caption_for(table)
    axes.text(0, 0.0, _wrap(caption, 150), fontsize=_FONT, style="italic", gid="caption")
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
