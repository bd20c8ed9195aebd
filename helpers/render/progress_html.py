"""A student's progress as HTML: a sentence and a row per notebook.

Example:
    >>> rows = [{"notebook": "03", "answered": 7, "questions": 9, "right": 5, "missing": "q03_x"}]
    >>> "7 of 9" in progress_html("7 of 9 answered in 03.", rows)
    True
"""

from __future__ import annotations

from helpers.render.templates import render


def progress_html(sentence: str, rows: list[dict]) -> str:
    """The progress sentence and table (every value escaped).

    Example:
        >>> "&lt;b&gt;" in progress_html("<b>", [])
        True
    """
    return render("progress.html", sentence=sentence, rows=rows)
