"""The article's argument in tables and words: situation, three problems, five corrective steps.

Which step answers which problem is a reading (``steps.csv``, column
``reading``), not a statement of the article: the captions and the table
header say so. The map itself is drawn by :mod:`helpers.render.argument_map`
from the same data, and :func:`helpers.argument_map_widget` shows both.

Example:
    >>> argument_table().set_index("problem").loc["deviation-1", "segments"]
    'P2.3–P2.8'
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.compare import PROBLEMS, answering_steps, evidence_seg_ids, table_and_steps
from helpers.model.source import SEG_ID, is_seed_table
from helpers.model.tables import moves, segments  # noqa: F401 (examples)
from helpers.model.tagset import move_label

#: The boxes of the problem row of :func:`argument_table`, in the article's order.
PROBLEM_BOXES = ("situation", "deviation-1", "deviation-2", "middle-peasants")

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

#: The heading of the argument table's HTML form.
TABLE_CAPTION = (
    "The argument as a table. Which steps answer which problem is a reading, "
    "not the article's words."
)


def cite(seg_ids: list[str]) -> str:
    """Segment ids as a short citation: runs of neighbours joined by an en dash.

    Example:
        >>> cite(["P2.3", "P2.4", "P2.5", "P2.9"])
        'P2.3–P2.5, P2.9'
    """
    if not all(SEG_ID.match(str(seg_id)) for seg_id in seg_ids):
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


def caption_for(table: pd.DataFrame) -> str:
    """The map's caption: the seed's steps, or the answers a coding gives.

    Example:
        >>> caption_for(segments()) == CAPTION
        True
    """
    return CAPTION if is_seed_table(table) else CAPTION_CODED


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
    return argument_rows(*table_and_steps(table, steps))


def argument_rows(table: pd.DataFrame, steps_table: pd.DataFrame) -> pd.DataFrame:
    """:func:`argument_table` for a segments table and its steps, both read already.

    Example:
        >>> list(argument_rows(*table_and_steps())["problem"])
        ['situation', 'deviation-1', 'deviation-2', 'middle-peasants']
    """
    rows = []
    for move in PROBLEM_BOXES:
        seg_ids = evidence_seg_ids(move, table)
        answering = answering_steps(move, steps_table)
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


def highlighted_rows(table: pd.DataFrame, steps_table: pd.DataFrame, highlight: str = ""):
    """The argument rows as shown beside the map: no seg_ids list, the highlighted row marked.

    Example:
        >>> rows = highlighted_rows(*table_and_steps(), "deviation-2")
        >>> rows["problem"].tolist()[2]
        '→ deviation-2 (highlighted)'
    """
    rows = argument_rows(table, steps_table).drop(columns="seg_ids")
    rows["problem"] = [
        f"→ {move} (highlighted)" if move == highlight else move for move in rows["problem"]
    ]
    return rows


def argument_reading(table: pd.DataFrame, steps_table: pd.DataFrame) -> str:
    """The argument map in one paragraph of words: its text alternative.

    ``table`` is a segments table and ``steps_table`` its steps (:func:`table_and_steps`
    gives both for any source).

    Example:
        >>> reading = argument_reading(*table_and_steps())
        >>> reading[:20], "steps 2 and 4" in reading
        ('The lead (P1.1–P1.3)', True)
    """
    rows = argument_rows(table, steps_table).set_index("problem")
    problems = "; ".join(
        f"{move_label(move)} ({rows.loc[move, 'segments'] or 'not coded'}), "
        f"answered by {step_numbers(rows.loc[move, STEPS_COLUMN])}"
        for move in PROBLEMS
    )
    reading = (
        f"The lead ({cite(evidence_seg_ids('lead', table)) or 'not coded'}) and the situation "
        f"({rows.loc['situation', 'segments'] or 'not coded'}) come first; then three "
        f"problems: {problems}. Which step answers which problem is a reading, not the "
        "article's words; argument_table() gives the same as a table."
    )
    return reading + (" " + NO_STEPS if steps_table.empty else "")


def step_numbers(numbers: list[int]) -> str:
    """Step numbers in words.

    Example:
        >>> step_numbers([1, 2, 4]), step_numbers([3]), step_numbers([])
        ('steps 1, 2 and 4', 'step 3', 'no step')
    """
    if not numbers:
        return "no step"
    words = [str(number) for number in numbers]
    if len(words) == 1:
        return f"step {words[0]}"
    return f"steps {', '.join(words[:-1])} and {words[-1]}"


def highlight_text(move: str, steps_table: pd.DataFrame, caption: str = CAPTION) -> str:
    """What the map shows with a problem highlighted (or none), in words.

    Example:
        >>> steps_table = table_and_steps()[1]
        >>> highlight_text("middle-peasants", steps_table)[-37:]
        'answered, on this reading, by step 3.'
        >>> highlight_text("", steps_table).startswith("No problem highlighted. Arrows:")
        True
    """
    missing = " " + NO_STEPS if steps_table.empty else ""
    if not move:
        return "No problem highlighted. " + caption + missing
    numbers = [int(step) for step in answering_steps(move, steps_table)["step"]]
    return (
        f"Highlighted: {move_label(move)}, answered, on this reading, by {step_numbers(numbers)}."
        + missing
    )


def box_descriptions(table: pd.DataFrame) -> dict[str, str]:
    """What each box of the map says under its title: the seed's descriptions, or the article's.

    For another article the seed's descriptions would be false; its box quotes
    the English of the first segment coded with the move instead.

    Example:
        >>> box_descriptions(segments().assign(zh="别的", move=""))["lead"]
        '(no segment coded so)'
    """
    if is_seed_table(table):
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
