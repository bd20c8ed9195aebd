"""Readings: where the article supports more than one answer, each accepted with its evidence.

Some links in a match question are not facts of the text but readings of it:
whether P2.10 is a problem of its own or part of the second deviation, whether
steps 2 and 4 also answer the holding back of P2.9. The notebooks call these
open, so the bank lists, for such a left item, every defensible reading::

    "readings": {"<left item>": [
        {"answer": ["..."], "reading": "a problem of its own", "evidence": "再是 ... (P2.10)"},
        {"answer": ["..."], "reading": "part of the second deviation", "evidence": "P3.1 ..."}
    ]}

The first reading is the collection's (the question's ``answer`` for that
item). Any reading counts as right; the feedback then sets the readings side by
side with their evidence, as readings, never as facts.

Example:
    >>> rows = [{"answer": ["x"], "reading": "one", "evidence": "P1.1"},
    ...         {"answer": ["y"], "reading": "two", "evidence": "P1.2"}]
    >>> reading_of({"y"}, rows)["reading"]
    'two'
    >>> print(reading_note("Row 1", rows, rows[1]))
    Row 1: you read it as two (y): P1.2. Also defensible: one (x; the collection's coding): P1.1.
"""

from __future__ import annotations

import re

from helpers.exercises.kind import SEG_ID, QuestionBankError


def check_readings(readings, left: list[str], right: list[str], answer: dict) -> None:
    """Raise :class:`QuestionBankError` unless ``readings`` is well formed for these items.

    Example:
        >>> check_readings({"A": [{"answer": ["x"], "reading": "r", "evidence": "P1.1"}]},
        ...                ["A"], ["x", "y"], {"A": ["x"]})
        Traceback (most recent call last):
        ...
        helpers.exercises.kind.QuestionBankError: the readings of 'A' must be at least two.
    """
    if not isinstance(readings, dict):
        raise QuestionBankError("'readings' must map left items to lists of readings.")
    for item, rows in readings.items():
        if item not in left:
            raise QuestionBankError(f"readings for {item!r}, which is not a left item.")
        if not isinstance(rows, list) or len(rows) < 2:
            raise QuestionBankError(f"the readings of {item!r} must be at least two.")
        for row in rows:
            _check_row(item, row, right)
        if sorted(rows[0]["answer"]) != sorted(answer[item]):
            raise QuestionBankError(f"the first reading of {item!r} must be the answer.")
        if len({frozenset(row["answer"]) for row in rows}) != len(rows):
            raise QuestionBankError(f"two readings of {item!r} give the same answer.")


def _check_row(item: str, row, right: list[str]) -> None:
    """One reading: an answer of right items, a name, evidence citing a segment."""
    if not isinstance(row, dict):
        raise QuestionBankError(f"each reading of {item!r} must be an object.")
    links = row.get("answer")
    if not isinstance(links, list) or not links or not set(links) <= set(right):
        raise QuestionBankError(f"a reading of {item!r} must answer with right items.")
    for field in ("reading", "evidence"):
        if not isinstance(row.get(field), str) or not row[field].strip():
            raise QuestionBankError(f"a reading of {item!r} needs its {field!r}.")
    if not SEG_ID.search(row["evidence"]):
        raise QuestionBankError(f"the evidence for a reading of {item!r} must cite a segment.")


def reading_of(chosen: set, rows: list[dict]) -> dict | None:
    """The reading whose answer is exactly ``chosen``, or None.

    Example:
        >>> reading_of({"z"}, [{"answer": ["x"]}, {"answer": ["y"]}]) is None
        True
    """
    return next((row for row in rows if set(row["answer"]) == set(chosen)), None)


def described(row: dict, first: bool = False) -> str:
    """A reading in words: its name, its answer, its evidence.

    Example:
        >>> described({"answer": ["x"], "reading": "one way", "evidence": "P1.1"}, first=True)
        "one way (x; the collection's coding): P1.1"
    """
    coding = "; the collection's coding" if first else ""
    evidence = row["evidence"].strip().rstrip(".")
    return f"{row['reading']} ({', '.join(row['answer'])}{coding}): {evidence}"


def reading_note(label: str, rows: list[dict], chosen: dict | None = None) -> str:
    """The readings of one item side by side: the one chosen first, then the others.

    Without ``chosen`` (for the solution) every reading is listed as one of the
    possible ones.

    Example:
        >>> rows = [{"answer": ["x"], "reading": "one way", "evidence": "P1.1"},
        ...         {"answer": ["y"], "reading": "another", "evidence": "P1.2"}]
        >>> reading_note("Row 1", rows)  # doctest: +ELLIPSIS
        "Row 1, a reading: either one way (x; the collection's coding): P1.1. Or another (y): P1.2."
    """
    texts = {id(row): described(row, row is rows[0]) for row in rows}
    if chosen is None:
        return f"{label}, a reading: either " + ". Or ".join(texts.values()) + "."
    others = [texts[id(row)] for row in rows if row is not chosen]
    return (
        f"{label}: you read it as {texts[id(chosen)]}. Also defensible: "
        + ". Or ".join(others)
        + "."
    )


def short_label(text: str, width: int = 24) -> str:
    """A left item's name for feedback: what comes before its first bracket or colon.

    Example:
        >>> short_label("Step 2 (P3.3): each district sums up one or two good teams")
        'Step 2'
    """
    head = re.split(r"\s*[(:（：]", text, maxsplit=1)[0].strip() or text
    return head if len(head) <= width else head[: width - 1] + "…"
