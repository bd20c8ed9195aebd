"""How far a student has got: answered questions per notebook, from the saved work.

The questions of each notebook come from the bank
(:func:`~helpers.exercises.bank.question_ids`); the answers from the
student's work file (:func:`helpers.model.work.current_work`). An open
question counts as answered once an answer was checked; "right" counts the
answers marked correct.

Example:
    >>> import tempfile, os
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> print(progress("03"))  # doctest: +ELLIPSIS
    0 of ... answered in 03 (0 right).
"""

from __future__ import annotations

import pandas as pd

from helpers.exercises.bank import NOTEBOOKS, notebook_name, question_ids
from helpers.model.work import StudentWork, current_work
from helpers.render.html import STYLE
from helpers.render.progress_html import progress_html


class Progress:
    """Progress rows (one per notebook) and the sentence that sums them up.

    Shows as the sentence and a table; ``table`` is the DataFrame.

    Example:
        >>> row = {"notebook": "03", "answered": 7, "questions": 9, "right": 5, "missing": ""}
        >>> Progress([row], "03").sentence
        '7 of 9 answered in 03 (5 right).'
    """

    def __init__(self, rows: list[dict], where: str = "the series"):
        self.rows, self.where = rows, where

    @property
    def answered(self) -> int:
        """How many questions have an answer."""
        return sum(row["answered"] for row in self.rows)

    @property
    def questions(self) -> int:
        """How many questions there are."""
        return sum(row["questions"] for row in self.rows)

    @property
    def sentence(self) -> str:
        """One sentence: how many answered, where, how many right."""
        right = sum(row["right"] for row in self.rows)
        return f"{self.answered} of {self.questions} answered in {self.where} ({right} right)."

    @property
    def table(self) -> pd.DataFrame:
        """The rows as a table, one a notebook."""
        return pd.DataFrame(self.rows, columns=["notebook", "answered", "questions", "right"])

    def _repr_html_(self) -> str:
        return STYLE + progress_html(self.sentence, self.rows)

    def __str__(self) -> str:
        lines = [self.sentence]
        if len(self.rows) > 1:
            lines += [f"  {r['notebook']}: {r['answered']} of {r['questions']}" for r in self.rows]
        return "\n".join(lines)

    __repr__ = __str__


def notebook_progress(notebook: str, answers: dict) -> dict:
    """One notebook's row: how many of its questions are answered and right.

    Example:
        >>> notebook_progress("00", {"q00_seg_id": {"correct": True}})["right"]
        1
    """
    ids = question_ids(notebook)
    done = [qid for qid in ids if qid in answers]
    return {
        "notebook": notebook_name(notebook)[:2],
        "answered": len(done),
        "questions": len(ids),
        "right": sum(answers[qid].get("correct") is True for qid in done),
        "missing": ", ".join(qid for qid in ids if qid not in answers),
    }


def progress(notebook: str | None = None, work: StudentWork | None = None) -> Progress:
    """Progress for one notebook ("03") or the whole series: a sentence and a table.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> progress().sentence.startswith("0 of ")
        True
    """
    answers = (work or current_work()).answers()
    if notebook is not None:
        name = notebook_name(notebook)
        return Progress([notebook_progress(name, answers)], name[:2])
    return Progress([notebook_progress(name, answers) for name in NOTEBOOKS])
