"""Reading the article step by step: the parts a reader sees, where they stand, where to go.

The parallel reader (:func:`helpers.reader`) steps through the article one
segment, one paragraph, or the whole article at a time, optionally only
through the segments of one move (a *focus*). Everything it shows is worked
out here from the segments table and plain values, with no widget:

Example:
    >>> from helpers.model.tables import segments
    >>> reading_units(segments(), "paragraph")[0]
    ['P1.1', 'P1.2', 'P1.3']
    >>> navigation_state(segments(), "segment", 5)["text"]
    'Segment 6 of 19'
"""

from __future__ import annotations

import pandas as pd

from helpers.model.tables import SEGMENT_COLUMNS, glossary, moves, segments  # noqa: F401 (examples)
from helpers.model.tagset import move_label
from helpers.model.text import shorten

#: The three ways of stepping through the article, with the words the reader sees.
VIEWS = {
    "segment": "one segment",
    "paragraph": "one paragraph",
    "article": "whole article",
}

#: The focus value that means "no focus": every move is shown.
ALL_MOVES = "all"

#: The columns the reader needs in a segments table.
NEEDED_COLUMNS = ("seg_id", "para", "zh", "en", "move")

#: The value of the terms list when no term is chosen.
NO_TERM = ""


# --------------------------------------------------------------------------- the table


def check_segments_table(table: pd.DataFrame) -> None:
    """Raise ValueError, saying what to do, unless ``table`` is a usable segments table.

    Example:
        >>> check_segments_table(segments())
        >>> check_segments_table(pd.DataFrame({"zh": ["中"]}))
        Traceback (most recent call last):
        ...
        ValueError: The segments table lacks the columns seg_id, para, en, move: ...
    """
    if not isinstance(table, pd.DataFrame):
        raise ValueError("The reader needs a segments table (a DataFrame like helpers.segments()).")
    missing = [column for column in NEEDED_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(
            f"The segments table lacks the columns {', '.join(missing)}: "
            f"pass a table with the columns of helpers.segments() ({', '.join(SEGMENT_COLUMNS)})."
        )
    if not table["seg_id"].is_unique:
        raise ValueError("The segments table repeats a seg_id: give every segment its own id.")


def is_focused(focus: str) -> bool:
    """Is the reading focused on one move (not on all of them)?

    Example:
        >>> is_focused("lead"), is_focused(ALL_MOVES), is_focused("")
        (True, False, False)
    """
    return bool(focus) and focus != ALL_MOVES


def rows_in_focus(table: pd.DataFrame, focus: str = ALL_MOVES) -> pd.DataFrame:
    """The segments a reader steps through: all of them, or those of one move.

    Example:
        >>> list(rows_in_focus(segments(), "deviation-2").seg_id)
        ['P2.9']
    """
    if not is_focused(focus):
        return table.reset_index(drop=True)
    return table[table["move"] == focus].reset_index(drop=True)


def reading_units(
    table: pd.DataFrame, view: str = "segment", focus: str = ALL_MOVES
) -> list[list[str]]:
    """The steps of a reading: each a list of seg_ids shown together.

    One segment per step, one paragraph per step, or the whole article in one.

    Example:
        >>> [len(unit) for unit in reading_units(segments(), "paragraph")]
        [3, 10, 6]
    """
    rows = rows_in_focus(table, focus)
    ids = list(rows["seg_id"])
    if view == "segment":
        return [[seg_id] for seg_id in ids]
    if view == "paragraph":
        paragraphs = dict.fromkeys(rows["para"])
        return [list(rows.loc[rows["para"] == para, "seg_id"]) for para in paragraphs]
    if view == "article":
        return [ids] if ids else []
    raise ValueError(f"Unknown view {view!r}: choose one of {', '.join(VIEWS)}.")


def step_position(position: int, step: int, count: int) -> int:
    """Move ``step`` places from ``position``, staying between the first and the last.

    Example:
        >>> step_position(0, -1, 19), step_position(17, 1, 19), step_position(18, 1, 19)
        (0, 18, 18)
    """
    if count <= 0:
        return 0
    return max(0, min(count - 1, position + step))


def position_of(table: pd.DataFrame, view: str, seg_id: str, focus: str = ALL_MOVES) -> int | None:
    """The position (0 for the first step) that shows ``seg_id``, or None if none shows it.

    Example:
        >>> position_of(segments(), "segment", "P2.3"), position_of(segments(), "paragraph", "P2.3")
        (5, 1)
        >>> position_of(segments(), "segment", "P1.1", focus="correction") is None
        True
    """
    for position, unit in enumerate(reading_units(table, view, focus)):
        if seg_id in unit:
            return position
    return None


def visible_segments(
    table: pd.DataFrame, view: str = "segment", position: int = 0, focus: str = ALL_MOVES
) -> pd.DataFrame:
    """The rows of the segments table shown at ``position`` of a reading.

    Example:
        >>> list(visible_segments(segments(), "segment", 5).seg_id)
        ['P2.3']
        >>> list(visible_segments(segments(), "paragraph", 0).seg_id)
        ['P1.1', 'P1.2', 'P1.3']
    """
    units = reading_units(table, view, focus)
    if not units:
        return table.iloc[0:0]
    shown = units[step_position(position, 0, len(units))]
    rows = table[table["seg_id"].isin(shown)]
    return rows.reset_index(drop=True)


def position_text(table: pd.DataFrame, view: str, position: int, focus: str = ALL_MOVES) -> str:
    """Where the reader stands, in words: 'Segment 6 of 19', 'Paragraph 2 of 3' ...

    Example:
        >>> position_text(segments(), "segment", 5)
        'Segment 6 of 19'
        >>> position_text(segments(), "segment", 0, "deviation-1")
        'Segment 1 of 6 in Deviation 1: rushing'
    """
    units = reading_units(table, view, focus)
    focused = is_focused(focus)
    within = f" in {move_label(focus)}" if focused else ""
    if not units:
        return f"No segment is coded {move_label(focus)}." if focused else "No segments to show."
    position = step_position(position, 0, len(units))
    if view == "segment":
        return f"Segment {position + 1} of {len(units)}{within}"
    if view == "paragraph":
        text = f"Paragraph {position + 1} of {len(units)}{within}"
        if focused:
            para = table.loc[table["seg_id"] == units[position][0], "para"].iloc[0]
            text += f" (paragraph {para} of the article)"
        return text
    return f"Whole article: {len(units[0])} segments{within}"


def navigation_state(
    table: pd.DataFrame, view: str = "segment", position: int = 0, focus: str = ALL_MOVES
) -> dict:
    """Everything the controls show at a position: what is visible, where, and where to go.

    Keys: ``view``, ``focus``, ``position`` (kept within range), ``count`` (how
    many steps), ``seg_ids`` (those shown), ``text`` (the position in words),
    ``has_previous`` and ``has_next``.

    Example:
        >>> state = navigation_state(segments(), "paragraph", 2)
        >>> state["text"], state["has_previous"], state["has_next"]
        ('Paragraph 3 of 3', True, False)
    """
    count = len(reading_units(table, view, focus))
    position = step_position(position, 0, count)
    return {
        "view": view,
        "focus": focus,
        "position": position,
        "count": count,
        "seg_ids": list(visible_segments(table, view, position, focus)["seg_id"]),
        "text": position_text(table, view, position, focus),
        "has_previous": position > 0,
        "has_next": position < count - 1,
    }


# --------------------------------------------------------------------------- the lists


def segment_label(seg_id: str, move: str) -> str:
    """The label of a segment in the jump list: id and move.

    Example:
        >>> segment_label("P2.3", "deviation-1")
        'P2.3 · Deviation 1: rushing'
    """
    return f"{seg_id} · {move_label(move)}"


def jump_options(
    table: pd.DataFrame, focus: str = ALL_MOVES, moves: bool = True
) -> list[tuple[str, str]]:
    """(label, seg_id) for every segment one can jump to (``moves=False``: ids only).

    Example:
        >>> jump_options(segments(), "deviation-2")
        [('P2.9 · Deviation 2: holding back', 'P2.9')]
        >>> jump_options(segments(), moves=False)[11]
        ('P2.9', 'P2.9')
    """
    rows = rows_in_focus(table, focus)
    return [
        (segment_label(seg_id, move) if moves else seg_id, seg_id)
        for seg_id, move in zip(rows["seg_id"], rows["move"], strict=True)
    ]


def focus_options() -> list[tuple[str, str]]:
    """(label, move) for the focus list: all moves first, then each move.

    Example:
        >>> focus_options()[:2]
        [('All moves', 'all'), ('Lead', 'lead')]
    """
    return [("All moves", ALL_MOVES)] + list(zip(moves()["label"], moves()["move"], strict=True))


def terms_in(rows: pd.DataFrame) -> pd.DataFrame:
    """The glossary terms that occur in the Chinese of ``rows``, in order of first occurrence.

    Terms inside longer terms count too (牛犋 inside 抬高牛犋价). Columns:
    ``term_zh``, ``pinyin``, ``gloss_en``.

    Example:
        >>> list(terms_in(segments().query("seg_id == 'P2.5'")).term_zh)
        ['农业生产合作社', '区上高看', '区', '互助组', '麻烦']
    """
    text = "\n".join(str(zh) for zh in rows["zh"])
    terms = glossary()[["term_zh", "pinyin", "gloss_en"]].copy()
    terms["first"] = [text.find(term) for term in terms["term_zh"]]
    terms["length"] = terms["term_zh"].str.len()
    found = terms[terms["first"] >= 0].sort_values(["first", "length"], ascending=[True, False])
    return found[["term_zh", "pinyin", "gloss_en"]].reset_index(drop=True)


def short_gloss(gloss: str, limit: int = 45) -> str:
    """The gloss cut to its head, for a list label.

    Example:
        >>> short_gloss("a draught team: the oxen (usually two) with the plough they pull")
        'draught team'
    """
    head = str(gloss).split(":")[0].strip()
    for article in ("a ", "an "):
        if head.startswith(article):
            head = head[len(article) :]
    return shorten(head, limit)


def term_options(rows: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, term) for the terms in view, after a first 'choose' entry.

    Example:
        >>> term_options(segments().query("seg_id == 'P3.4'"))[5]
        ('牛犋 niú jù · draught team', '牛犋')
    """
    found = terms_in(rows)
    chosen = [
        (f"{term} {reading} · {short_gloss(gloss)}", term)
        for term, reading, gloss in zip(
            found["term_zh"], found["pinyin"], found["gloss_en"], strict=True
        )
    ]
    first = "(choose a term)" if chosen else "(no glossary term in view)"
    return [(first, NO_TERM)] + chosen
