"""The class's work in tables: per question the share right, the wrong answers and their hints.

The hand-ins come from :func:`helpers.analysis.class_folder.read_class_folder`;
every function here takes its list of :class:`~helpers.model.handin.HandIn`
and returns a DataFrame:

- :func:`answers_table`: every answer, one row per student and question;
- :func:`question_table`: per question, how many answered, how many right,
  the share right and the most common wrong answers;
- :func:`wrong_answers`: per question, each wrong answer, how many gave it
  and the hint it got;
- :func:`open_answers`: the open answers and notes side by side, per
  question one row per student.

:func:`export_csv` writes them (and the roster and the files table) as CSV
files that a spreadsheet opens safely: a cell that starts with ``=``, ``+``,
``-`` or ``@`` gets a leading ``'``.

Example:
    >>> import tempfile
    >>> from helpers.analysis.class_folder import make_example_hand_ins, read_class_folder
    >>> found = read_class_folder(make_example_hand_ins(tempfile.mkdtemp()))
    >>> table = question_table(found.hand_ins)
    >>> table.set_index("question").loc["q05_niuju", ["answered", "right"]].tolist()
    [3, 2]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.model.coding_export import FORMULA_STARTS
from helpers.model.paths import work_dir
from helpers.model.storage import atomic_write_text, safe_file_name

#: The characters a spreadsheet reads as the start of a formula (the coding export's rules).
FORMULA_START = FORMULA_STARTS
#: How many wrong answers the question table names.
COMMON = 3

ANSWER_COLUMNS = ["question", "student", "answer", "correct", "feedback", "saved"]


def answer_text(value) -> str:
    """An answer as one line of text: a list (an order, a choice of several) joined with arrows.

    Example:
        >>> answer_text(["P2.3", "P2.5"]), answer_text({"1": "P3.2"}), answer_text("  yes  no ")
        ('P2.3 → P2.5', '1: P3.2', 'yes no')
    """
    if isinstance(value, (list, tuple)):
        return " → ".join(answer_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {answer_text(item)}" for key, item in value.items())
    return " ".join(str("" if value is None else value).split())


def answers_table(hand_ins, questions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every answer handed in: one row per student and question, in the questions' order.

    ``questions`` (columns ``id``, optionally ``open``) orders the rows and
    marks the open ones; without it, questions come in the order of their ids.

    Example:
        >>> answers_table([]).columns.tolist()
        ['question', 'student', 'answer', 'correct', 'feedback', 'saved']
    """
    rows = [
        {
            "question": question,
            "student": hand_in.student,
            "answer": answer_text(entry.get("value")),
            "correct": entry.get("correct"),
            "feedback": str(entry.get("feedback") or ""),
            "saved": str(entry.get("saved") or ""),
        }
        for hand_in in hand_ins
        for question, entry in hand_in.answers.items()
        if isinstance(entry, dict)
    ]
    table = pd.DataFrame(rows, columns=ANSWER_COLUMNS)
    order = _order(questions, table["question"])
    table["rank"] = table["question"].map(order)
    table = table.sort_values(["rank", "student"], ignore_index=True)
    return table.drop(columns="rank")


def _order(questions: pd.DataFrame | None, asked) -> dict[str, int]:
    known = list(questions["id"]) if questions is not None else []
    return {
        question: rank for rank, question in enumerate(dict.fromkeys([*known, *sorted(set(asked))]))
    }


def _open_ids(questions: pd.DataFrame | None, answers: pd.DataFrame) -> set[str]:
    """Open questions: marked open in the bank, or never marked right or wrong in any hand-in."""
    marked = set(answers.loc[answers["correct"].notna(), "question"])
    never = set(answers["question"]) - marked
    if questions is None or "open" not in questions:
        return never
    return set(questions.loc[questions["open"].astype(bool), "id"]) | never


def question_table(hand_ins, questions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per question: answered, right, the share right (%), and the commonest wrong answers.

    Open questions are not marked: their share right is left empty and their
    answers are in :func:`open_answers`. ``not answered`` counts the students
    who handed in but did not answer the question.

    Example:
        >>> question_table([]).columns.tolist()[:5]
        ['question', 'open', 'answered', 'not answered', 'right']
    """
    answers = answers_table(hand_ins, questions)
    open_ids = _open_ids(questions, answers)
    ids = list(dict.fromkeys([*_bank_ids(questions, answers), *answers["question"]]))
    wrong = wrong_answers(hand_ins, questions)
    rows = []
    for question in ids:
        given = answers[answers["question"] == question]
        marked = given[given["correct"].notna()]
        right = int((marked["correct"] == True).sum())  # noqa: E712 (True, not truthy)
        is_open = question in open_ids
        common = wrong[wrong["question"] == question].head(COMMON)
        rows.append(
            {
                "question": question,
                "open": is_open,
                "answered": len(given),
                "not answered": len(hand_ins) - len(given),
                "right": None if is_open else right,
                "share right (%)": None
                if is_open or marked.empty
                else round(100 * right / len(marked), 1),
                "common wrong answers": "; ".join(
                    f"{row.answer} ({row.students})" for row in common.itertuples()
                ),
            }
        )
    table = pd.DataFrame(rows, columns=QUESTION_COLUMNS)
    table["right"] = table["right"].astype("Int64")
    return table


QUESTION_COLUMNS = [
    "question",
    "open",
    "answered",
    "not answered",
    "right",
    "share right (%)",
    "common wrong answers",
]


def _bank_ids(questions: pd.DataFrame | None, answers: pd.DataFrame) -> list[str]:
    """The bank's questions that someone answered, in the bank's order."""
    if questions is None:
        return []
    return [question for question in questions["id"] if question in set(answers["question"])]


def wrong_answers(hand_ins, questions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per question, every wrong answer: how many students gave it, who, and the hint it got.

    The commonest first within each question; the same answer (spaces apart)
    counts once per student.

    Example:
        >>> wrong_answers([]).columns.tolist()
        ['question', 'answer', 'students', 'who', 'hint']
    """
    answers = answers_table(hand_ins, questions)
    wrong = answers[answers["correct"] == False]  # noqa: E712 (False, not falsy)
    rows = []
    for (question, answer), group in wrong.groupby(["question", "answer"], sort=False):
        hints = list(dict.fromkeys(hint for hint in group["feedback"] if hint))
        rows.append(
            {
                "question": question,
                "answer": answer,
                "students": len(group),
                "who": ", ".join(sorted(group["student"])),
                "hint": " / ".join(hints),
            }
        )
    table = pd.DataFrame(rows, columns=["question", "answer", "students", "who", "hint"])
    order = _order(questions, answers["question"])
    table["rank"] = table["question"].map(order)
    table = table.sort_values(["rank", "students", "answer"], ascending=[True, False, True])
    return table.drop(columns="rank").reset_index(drop=True)


def open_answers(hand_ins, questions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The open answers and the notes, side by side: per question (or note) one row per student.

    Example:
        >>> open_answers([]).columns.tolist()
        ['question', 'kind', 'student', 'answer']
    """
    answers = answers_table(hand_ins, questions)
    open_ids = _open_ids(questions, answers)
    given = answers[answers["question"].isin(open_ids)]
    rows = [
        {"question": row.question, "kind": "open question", "student": row.student,
         "answer": row.answer}
        for row in given.itertuples()
    ]  # fmt: skip
    notes = [
        {"question": key, "kind": "note", "student": hand_in.student,
         "answer": answer_text(entry.get("text") if isinstance(entry, dict) else entry)}
        for hand_in in hand_ins
        for key, entry in sorted(hand_in.notes.items())
    ]  # fmt: skip
    notes.sort(key=lambda row: (row["question"], row["student"]))
    return pd.DataFrame(rows + notes, columns=["question", "kind", "student", "answer"])


# ---------------------------------------------------------------- CSV


def spreadsheet_safe(value):
    """A cell a spreadsheet reads as text: one starting with = + - @, a tab or a CR gets a '.

    Example:
        >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-3"), spreadsheet_safe(3)
        ("'=HYPERLINK(1)", "'-3", 3)
        >>> spreadsheet_safe(chr(9) + "=1") == "'" + chr(9) + "=1"  # a tab first
        True
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A table whose every text cell and column name is :func:`spreadsheet_safe`.

    Example:
        >>> safe_frame(pd.DataFrame({"a": ["@x", "y"]}))["a"].tolist()
        ["'@x", 'y']
    """
    safe = table.rename(columns=lambda column: spreadsheet_safe(str(column)))
    return safe.apply(lambda column: column.map(spreadsheet_safe)) if len(safe) else safe


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as CSV bytes for a spreadsheet: UTF-8 with a byte-order mark, CR LF, formula-safe.

    The same rules as the coding's export (:mod:`helpers.model.coding_export`):
    every cell and heading :func:`spreadsheet_safe`, so Excel shows the Chinese
    and never runs a student's answer as a formula.

    Example:
        >>> csv_bytes(pd.DataFrame({"a": ["=1", "中"]}))
        b"\\xef\\xbb\\xbfa\\r\\n'=1\\r\\n\\xe4\\xb8\\xad\\r\\n"
    """
    text = safe_frame(table).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def csv_file_name(name: str, key: str) -> str:
    """The file name of one table's CSV: ``<name>-<key>.csv``, safe on every system.

    Example:
        >>> csv_file_name("class-overview-seed", "wrong-answers")
        'class-overview-seed-wrong-answers.csv'
    """
    return f"{safe_file_name(name)}-{safe_file_name(key)}.csv"


def export_csv(tables: dict[str, pd.DataFrame], name: str, folder=None) -> list[Path]:
    """Write each table as ``<name>-<key>.csv`` in the work folder (or ``folder``); the paths.

    The bytes of :func:`csv_bytes` (UTF-8 with a byte-order mark, so a
    spreadsheet shows the Chinese; every cell :func:`spreadsheet_safe`). On
    Binder a file on the server is out of the user's reach: offer the same
    bytes as a download instead (:meth:`helpers.render.class_overview.ClassOverview.downloads`).

    Example:
        >>> import tempfile
        >>> paths = export_csv({"x": pd.DataFrame({"a": ["=1"]})}, "class", tempfile.mkdtemp())
        >>> [path.name for path in paths], paths[0].read_text(encoding="utf-8-sig").split()
        (['class-x.csv'], ['a', "'=1"])
    """
    folder = Path(folder) if folder is not None else work_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, table in tables.items():
        path = folder / csv_file_name(name, key)
        atomic_write_text(path, csv_bytes(table).decode("utf-8"))  # CR LF kept as written
        paths.append(path)
    return paths
