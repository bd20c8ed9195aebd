"""The question bank: ``helpers/data/questions.json`` read, validated, and looked up by id.

The questions live in one file for every notebook, so exercises and
solutions never drift apart. Each question is checked when the bank is read
(the fields every question has here; its kind's own fields by its kind's
class), and a malformed bank raises :class:`QuestionBankError` naming the
question and the problem.

Example:
    >>> find_question(" Q02_WHO_CORRECTS ").kind
    'choice'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.exercises.kind import SEG_ID, VOICES, Question, QuestionBankError
from helpers.exercises.kinds import KINDS, REGISTRY, kind_class
from helpers.model.paths import data_path
from helpers.model.tables import segments

__all__ = [
    "COLUMNS",
    "NOTEBOOKS",
    "QuestionBankError",
    "bank",
    "find_question",
    "load_questions",
    "notebook_name",
    "question_ids",
]

#: The notebooks of the series, in reading order; every question belongs to one.
NOTEBOOKS = (
    "00_start_here",
    "01_context",
    "02_first_reading",
    "03_two_deviations",
    "04_corrective_steps",
    "05_translation",
    "06_patterns",
    "07_coding_and_discussion",
)

#: The columns of :func:`load_questions`, every field a question can have.
COLUMNS = [
    "id",
    "notebook",
    "kind",
    "voice",
    "open",
    "prompt",
    "options",
    "items",
    "left",
    "right",
    "answer",
    "tolerance",
    "keywords",
    "hints",
    "explanation",
    "readings",
    "terms",
    "negation",
]


def load_questions(path: str | Path | None = None) -> pd.DataFrame:
    """The question bank as a DataFrame, one row a question, checked for consistency.

    Raises :class:`QuestionBankError` naming the question if the file is
    malformed (duplicate id, unknown kind, an answer that is not among the
    options, a cited segment that does not exist, ...).

    Example:
        >>> bank = load_questions()
        >>> bank.id.is_unique, set(bank.kind) <= set(KINDS)
        (True, True)
    """
    if path is None:
        records = [question.item for question in bank().values()]
    else:
        records = [question.item for question in _read_bank(Path(path))]
    return pd.DataFrame([{column: record.get(column) for column in COLUMNS} for record in records])


def question_ids(notebook: str | None = None) -> list[str]:
    """The ids of the questions, for one notebook (by name or number) or for all.

    Example:
        >>> question_ids("03")[:2]
        ['q03_chain_order', 'q03_belief_cause']
    """
    ids = list(bank())
    if notebook is None:
        return ids
    wanted = notebook_name(notebook)
    return [qid for qid, question in bank().items() if question.item["notebook"] == wanted]


@lru_cache(maxsize=1)
def bank() -> dict[str, Question]:
    """Every question of the bank by id, each an object of its kind's class (read once).

    Example:
        >>> type(bank()["q03_chain_order"]).__name__
        'OrderQuestion'
    """
    return {question.id: question for question in _read_bank(data_path("questions.json"))}


def find_question(question_id) -> Question | None:
    """The question with this id (case and spaces around it do not matter), or None.

    Example:
        >>> find_question("q00_seg_id").id, find_question(42)
        ('q00_seg_id', None)
    """
    if not isinstance(question_id, str):
        return None
    return bank().get(question_id.strip().lower())


def notebook_name(notebook) -> str:
    """The full name of a notebook given by name, beginning or number; ValueError if none.

    Example:
        >>> notebook_name(3), notebook_name("05_tr")
        ('03_two_deviations', '05_translation')
    """
    text = str(notebook).strip()
    for name in NOTEBOOKS:
        if text == name or (text and name.startswith(text.zfill(2) if text.isdigit() else text)):
            return name
    raise ValueError(f"Unknown notebook {text!r}; choose one of {', '.join(NOTEBOOKS)}.")


def _read_bank(path: Path) -> list[Question]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise QuestionBankError(f"{path.name} cannot be read: {error}") from None
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise QuestionBankError(f"{path.name}: expected a list of questions under 'questions'.")
    known_segments = set(segments()["seg_id"])
    seen: set[str] = set()
    cleaned = []
    for number, item in enumerate(items, 1):
        name = item.get("id") if isinstance(item, dict) else None
        label = repr(name) if isinstance(name, str) and name else f"number {number}"
        try:
            cleaned.append(_validated(item, known_segments))
        except QuestionBankError as error:
            raise QuestionBankError(f"{path.name}, question {label}: {error}") from None
        if name in seen:
            raise QuestionBankError(f"{path.name}, question {label}: the id is used twice.")
        seen.add(name)
    return cleaned


def _validated(item, known_segments: set[str]) -> Question:
    """Check one question and return it, with defaults filled in, as an object of its kind."""
    if not isinstance(item, dict):
        raise QuestionBankError("each question must be an object with named fields.")
    for field in ("id", "notebook", "kind", "voice", "prompt", "explanation"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise QuestionBankError(f"the field {field!r} is missing or empty.")
    item = {"open": False, "hints": {}, **item}
    _check_common(item)
    question = kind_class(item["kind"])(item)
    question.validate()
    cited = set(SEG_ID.findall(json.dumps(item, ensure_ascii=False)))
    if cited - known_segments:
        raise QuestionBankError(
            f"cites segments that do not exist: {sorted(cited - known_segments)}"
        )
    if not SEG_ID.search(item["explanation"]):
        raise QuestionBankError("the explanation must cite at least one segment (like P2.3).")
    return question


def _check_common(item: dict) -> None:
    """The checks every question passes whatever its kind: id, notebook, kind, voice, hints."""
    if not re.fullmatch(r"q\d\d_[a-z0-9_]+", item["id"]):
        raise QuestionBankError("ids look like 'q03_chain_order' (q, notebook number, name).")
    if item["notebook"] not in NOTEBOOKS:
        raise QuestionBankError(f"unknown notebook {item['notebook']!r}; use one of {NOTEBOOKS}.")
    if item["id"][1:3] != item["notebook"][:2]:
        raise QuestionBankError("the id's number must be the notebook's number.")
    if item["kind"] not in KINDS:
        raise QuestionBankError(f"unknown kind {item['kind']!r}; use one of {sorted(KINDS)}.")
    if item["voice"] not in VOICES:
        raise QuestionBankError(f"unknown voice {item['voice']!r}; use one of {sorted(VOICES)}.")
    if item["open"] and not REGISTRY[item["kind"]].can_be_open:
        can_be = " or ".join(name for name, cls in REGISTRY.items() if cls.can_be_open)
        raise QuestionBankError(f"only {can_be} questions can be open.")
    if (item["voice"] == "interpretation") != bool(item["open"]):
        raise QuestionBankError("interpretation questions, and only they, are open text questions.")
    if item["voice"] == "historians" and "facts sheet §" not in item["explanation"].lower():
        raise QuestionBankError("a history question's explanation must cite 'facts sheet §N'.")
    hints = item["hints"]
    if not isinstance(hints, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in hints.items()
    ):
        raise QuestionBankError("hints must map keys to non-empty texts.")
