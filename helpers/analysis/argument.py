"""The article's argument as a map: situation, three problems, five corrective steps.

The map is drawn from the data (segments, moves, steps), and so is the table
that says the same in words. Which step answers which problem is a reading
(``steps.csv``, column ``reading``), not a statement of the article: the
caption and the table header say so.
"""

from __future__ import annotations

import base64
import io
import re
import textwrap
from types import SimpleNamespace

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyBboxPatch

from helpers.model.coding_file import steps_for
from helpers.model.source import as_table, is_seed_table
from helpers.model.tables import moves
from helpers.render.html import escape, message_html, move_colour, move_label, table_html
from helpers.render.plots import new_figure, say
from helpers.views.tool import StaticFormBox, error_box, html_pane, set_html

#: The boxes of the problem row of :func:`argument_table`, in the article's order.
PROBLEM_BOXES = ("situation", "deviation-1", "deviation-2", "middle-peasants")

#: The problems the steps answer, drawn as a row of boxes.
PROBLEMS = ("deviation-1", "deviation-2", "middle-peasants")

#: Chinese words from the article for each box, fragments joined by "：" (each is verbatim).
CHINESE_LABELS = {
    "lead": "及时发现问题，解决问题",
    "situation": "积极性空前高涨",
    "deviation-1": "偏向：急于办社",
    "deviation-2": "相反的缺点：消极地加以限制",
    "middle-peasants": "硬卡硬",
}

STEPS_COLUMN = "answered by steps (a reading)"

CAPTION = (
    "Arrows: which problem each corrective step answers. This is a reading "
    "(steps.csv, column 'reading'), not a statement of the article. "
    "Problem boxes: solid edge; step boxes: dashed edge. P2.3 = paragraph 2, segment 3."
)

#: The caption for an article other than the seed, coded with a coding file.
CAPTION_CODED = (
    "Arrows: which problem each corrective step answers, as the coding gives it (its "
    "'answers'): a reading, not a statement of the article. Problem boxes: solid edge; "
    "step boxes: dashed edge. P2.3 = paragraph 2, segment 3."
)

NO_STEPS = (
    "No corrective steps are coded for this article, so the map has no step boxes. "
    "Give step numbers (and answers) in the coding's 'step' column, or pass steps= "
    "(a steps file): see helpers.coding_file."
)

_FONT = 9.5
_SEG_ID = re.compile(r"^P\d+\.\d+$")


def cite(seg_ids: list[str]) -> str:
    """Segment ids as a short citation: runs of neighbours joined by an en dash.

    Example:
        >>> cite(["P2.3", "P2.4", "P2.5", "P2.9"])
        'P2.3–P2.5, P2.9'
    """
    if not all(_SEG_ID.match(str(seg_id)) for seg_id in seg_ids):
        return ", ".join(str(seg_id) for seg_id in seg_ids)
    runs: list[list[tuple[int, int]]] = []
    for seg_id in seg_ids:
        para, number = (int(part) for part in seg_id[1:].split("."))
        if runs and runs[-1][-1] == (para, number - 1):
            runs[-1].append((para, number))
        else:
            runs.append([(para, number)])
    return ", ".join(
        f"P{run[0][0]}.{run[0][1]}" + (f"–P{run[-1][0]}.{run[-1][1]}" if len(run) > 1 else "")
        for run in runs
    )


def _seg_ids(move: str, table: pd.DataFrame) -> list[str]:
    return list(table.loc[table["move"] == move, "seg_id"])


def _answering(move: str, steps_table: pd.DataFrame) -> pd.DataFrame:
    return steps_table.loc[steps_table["answers"].map(lambda answers: move in answers).astype(bool)]


def argument_table(table=None, steps=None) -> pd.DataFrame:
    """The argument map as a table: one row per problem box, with the steps that answer it.

    Columns: ``problem`` (the move), ``label``, ``segments`` (a citation like
    P2.3–P2.8), ``seg_ids``, the steps answering it (a reading, from
    steps.csv), what those steps do, and why (the reading).

    ``table`` is any source (a segments table, an article file's path ...):
    another article needs a coding (see :func:`helpers.apply_coding`);
    ``steps`` a steps file or table for it (see :func:`helpers.model.coding_file.steps_for`).

    Example:
        >>> rows = argument_table().set_index("problem")
        >>> rows.loc["deviation-2", "answered by steps (a reading)"]
        [2, 4]
    """
    table = as_table(table)
    return _rows(table, steps_for(table, steps))


def _rows(table: pd.DataFrame, steps_table: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`argument_table`, for a table and its steps."""
    rows = []
    for move in PROBLEM_BOXES:
        seg_ids = _seg_ids(move, table)
        answering = _answering(move, steps_table)
        rows.append(
            {
                "problem": move,
                "label": move_label(move),
                "segments": cite(seg_ids),
                "seg_ids": seg_ids,
                STEPS_COLUMN: [int(step) for step in answering["step"]],
                "what those steps do": " | ".join(
                    f"Step {row.step} ({row.seg_id}): {row.summary}"
                    for row in answering.itertuples()
                ),
                "why (a reading)": " | ".join(
                    f"Step {row.step}: {row.reading}" for row in answering.itertuples()
                ),
            }
        )
    return pd.DataFrame(rows)


def argument_reading(table=None, steps=None) -> str:
    """The argument map in one paragraph of words: its text alternative.

    Example:
        >>> "steps 2 and 4" in argument_reading()
        True
    """
    table = as_table(table)
    return _reading(table, steps_for(table, steps))


def _reading(table: pd.DataFrame, steps_table: pd.DataFrame) -> str:
    """The words of :func:`argument_reading`, for a table and its steps."""
    rows = _rows(table, steps_table).set_index("problem")
    problems = "; ".join(
        f"{move_label(move)} ({rows.loc[move, 'segments'] or 'not coded'}), "
        f"answered by {_numbers(rows.loc[move, STEPS_COLUMN])}"
        for move in PROBLEMS
    )
    reading = (
        f"The lead ({cite(_seg_ids('lead', table)) or 'not coded'}) and the situation "
        f"({rows.loc['situation', 'segments'] or 'not coded'}) come first; then three "
        f"problems: {problems}. Which step answers which problem is a reading, not the "
        "article's words; argument_table() gives the same as a table."
    )
    return reading + (" " + NO_STEPS if steps_table.empty else "")


def _numbers(numbers: list[int]) -> str:
    """[1, 2, 4] -> 'steps 1, 2 and 4'."""
    if not numbers:
        return "no step"
    words = [str(number) for number in numbers]
    if len(words) == 1:
        return f"step {words[0]}"
    return f"steps {', '.join(words[:-1])} and {words[-1]}"


# ---------------------------------------------------------------- drawing


def _box(axes, x, y, width, height, text, move, gid, style="solid", faded=False, strong=False):
    """A box with a coloured edge in a line style, and its text at the top left."""
    alpha = 0.35 if faded else 1.0
    patch = FancyBboxPatch(
        (x, y),
        width,
        height,
        boxstyle="round,pad=0,rounding_size=0.01",
        facecolor="white",
        edgecolor=move_colour(move),
        linewidth=4.5 if strong else 2.2,
        linestyle=style,
        alpha=alpha,
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


def _descriptions(table: pd.DataFrame, seed: bool) -> dict[str, str]:
    """What each box says under its title: the seed's descriptions, or the article's words.

    For another article the seed's descriptions would be false; its box quotes
    the English of the first segment coded with the move instead.
    """
    if seed:
        return dict(moves().set_index("move")["description"])
    described = {}
    for move in moves()["move"]:
        coded = table.loc[table["move"] == move, ["seg_id", "en"]]
        described[move] = (
            f"{coded.iloc[0]['seg_id']}: \u201c{coded.iloc[0]['en']}\u201d"
            if len(coded)
            else "(no segment coded so)"
        )
    return described


def _draw(table: pd.DataFrame, highlight: str = "", steps_table: pd.DataFrame | None = None):
    """Draw the map; highlight one problem and the steps answering it (or none)."""
    figure, axes = new_figure(11, 7)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.axis("off")
    seed = is_seed_table(table)
    descriptions = _descriptions(table, seed)
    chinese = CHINESE_LABELS if seed else dict.fromkeys(CHINESE_LABELS, "")
    all_steps = steps_for(table) if steps_table is None else steps_table
    chosen = set(_answering(highlight, all_steps)["step"]) if highlight else set()

    for move, x in (("lead", 0.0), ("situation", 0.505)):
        text = (
            f"{move_label(move).upper()}  ({cite(_seg_ids(move, table)) or 'not coded'})   "
            f"{chinese[move]}\n{_wrap(descriptions[move], 74, 2)}"
        )
        _box(axes, x, 0.87, 0.495, 0.13, text, move, move, style="dotted", faded=bool(highlight))

    problem_x = {}
    for index, move in enumerate(PROBLEMS):
        x = index * 0.34
        problem_x[move] = x
        mark = "  [highlighted]" if move == highlight else ""
        text = (
            f"{_wrap(f'PROBLEM: {move_label(move)}{mark}', 46)}\n"
            + (f"{chinese[move]}\n" if chinese[move] else "")
            + f"Segments {cite(_seg_ids(move, table)) or '(none coded)'}\n\n"
            f"{_wrap(descriptions[move], 47, 7)}"
        )
        faded = bool(highlight) and move != highlight
        _box(axes, x, 0.5, 0.32, 0.33, text, move, f"problem:{move}", "solid", faded, not faded)

    spacing = 0.2025 if len(all_steps) <= 5 else 1 / len(all_steps)
    width = 0.19 if len(all_steps) <= 5 else spacing * 0.94
    characters = max(8, int(28 * width / 0.19))
    step_x = {}
    for index, row in enumerate(all_steps.itertuples()):
        x = index * spacing
        step_x[row.step] = x
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
        _box(axes, x, 0.06, width, 0.35, text, "correction", gid, "--", faded, strong)
    if all_steps.empty:
        axes.text(0, 0.3, _wrap(NO_STEPS, 120), fontsize=_FONT, gid="note:no-steps")

    pairs = [
        (row.step, move)
        for row in all_steps.itertuples()
        for move in row.answers
        if move in PROBLEMS
    ]
    for step, move in pairs:
        into = [s for s, m in pairs if m == move]
        out = [m for s, m in pairs if s == step]
        end_x = problem_x[move] + 0.32 * (into.index(step) + 1) / (len(into) + 1)
        start_x = step_x[step] + width * (out.index(move) + 1) / (len(out) + 1)
        faded = bool(highlight) and move != highlight
        axes.annotate(
            "",
            xy=(end_x, 0.5),
            xytext=(start_x, 0.41),
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
    caption = CAPTION if seed else CAPTION_CODED
    axes.text(0, 0.0, _wrap(caption, 150), fontsize=_FONT, style="italic", gid="caption")
    return figure


def argument_map(table=None, highlight: str = "", steps=None):
    """Draw the argument: lead and situation, three problems, five steps, arrows between.

    Every box cites its segments; ``highlight`` (a problem's move) emphasises
    it and the steps that answer it. Prints the map's reading in words;
    :func:`argument_table` gives the same as a table. ``table`` is any source
    (another article needs a coding: :func:`helpers.apply_coding`), ``steps``
    an optional steps file or table for it.

    Example:
        >>> figure = argument_map()  # doctest: +ELLIPSIS
        Reading: The lead (P1.1–P1.3) and the situation (P2.1–P2.2) come first; ...
        >>> plt.close(figure)
    """
    table = as_table(table)
    steps_table = steps_for(table, steps)
    figure = _draw(table, highlight, steps_table)
    say(_reading(table, steps_table))
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


def _map_png(table: pd.DataFrame, highlight: str = "", steps_table=None) -> bytes:
    figure = _draw(table, highlight, steps_table)
    try:
        return figure_png(figure)
    finally:
        plt.close(figure)


def argument_table_html(table=None, highlight: str = "", steps=None) -> str:
    """The argument table as HTML, headed as a reading, the highlighted row marked in words.

    Example:
        >>> "a reading" in argument_table_html()
        True
    """
    table = as_table(table)
    return _table_html(table, highlight, steps_for(table, steps))


def _table_html(table: pd.DataFrame, highlight: str, steps_table: pd.DataFrame) -> str:
    """The HTML of :func:`argument_table_html`, for a table and its steps."""
    rows = _rows(table, steps_table).drop(columns="seg_ids")
    rows["problem"] = [
        f"→ {move} (highlighted)" if move == highlight else move for move in rows["problem"]
    ]
    caption = (
        "The argument as a table. Which steps answer which problem is a reading, "
        "not the article's words."
    )
    return f"<p><b>{escape(caption)}</b></p>{table_html(rows)}"


def argument_map_static_html(table=None, steps=None) -> str:
    """The map as an inline PNG (its reading as alt text) plus the table, for a static page.

    Example:
        >>> page = argument_map_static_html()
        >>> page.count('<img src="data:image/png;base64,')
        1
    """
    table = as_table(table)
    return _static_html(table, steps_for(table, steps))


def _static_html(table: pd.DataFrame, steps_table: pd.DataFrame) -> str:
    """The page of :func:`argument_map_static_html`, for a table and its steps."""
    encoded = base64.b64encode(_map_png(table, "", steps_table)).decode("ascii")
    reading = _reading(table, steps_table)
    caption = CAPTION if is_seed_table(table) else CAPTION_CODED
    return (
        f'<img src="data:image/png;base64,{encoded}" alt="{escape(reading)}" '
        'style="max-width:100%">'
        f"<p><i>{escape(caption)}</i></p><p>{escape(reading)}</p>"
        f"{_table_html(table, '', steps_table)}"
    )


def argument_map_widget(table=None, steps=None) -> StaticFormBox:
    """The argument map with a "Highlight a problem" menu, plus the same as a table.

    Its controls are ``box.controls.highlight``; the picture is
    ``box.panes.image`` and the words ``box.panes.message`` and ``box.panes.table``.
    ``table`` is any source (another article needs a coding:
    :func:`helpers.apply_coding`); ``steps`` an optional steps file or table.

    Example:
        >>> box = argument_map_widget()
        >>> box.controls.highlight.value = "deviation-2"
        >>> "steps 2 and 4" in box.panes.message.value
        True
    """
    try:
        table = as_table(table)
        steps_table = steps_for(table, steps)
    except ValueError as error:  # a notebook shows a message, never a traceback
        return error_box(str(error))
    highlight = widgets.Dropdown(
        options=[("none", ""), *[(move_label(move), move) for move in PROBLEMS]],
        value="",
        description="Highlight a problem:",
        style={"description_width": "initial"},
    )
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    panes = SimpleNamespace(image=image, message=html_pane(), table=html_pane())
    caption = CAPTION if is_seed_table(table) else CAPTION_CODED

    def redraw(change=None):
        try:
            image.value = _map_png(table, highlight.value, steps_table)
            words = _highlight_message(highlight.value, steps_table, caption)
            set_html(panes.message, message_html(words))
            set_html(panes.table, _table_html(table, highlight.value, steps_table))
        except (KeyError, ValueError) as error:
            set_html(panes.message, message_html(f"Cannot draw the map: {error}", "error"))

    highlight.observe(redraw, names="value")
    redraw()
    box = StaticFormBox(
        [highlight, image, panes.message, panes.table],
        static_html=lambda: _static_html(table, steps_table),
    )
    box.controls = SimpleNamespace(highlight=highlight)
    box.panes = panes
    return box


def _highlight_message(move: str, steps_table: pd.DataFrame, caption: str = CAPTION) -> str:
    missing = " " + NO_STEPS if steps_table.empty else ""
    if not move:
        return "No problem highlighted. " + caption + missing
    numbers = [int(step) for step in _answering(move, steps_table)["step"]]
    return (
        f"Highlighted: {move_label(move)}, answered, on this reading, by {_numbers(numbers)}."
        + missing
    )
