"""The answer key, generated from the bank: ``instructor/answer_key.md``.

``python tools/make_answer_key.py`` regenerates it; a test fails when the
committed key differs from what the bank generates. Each question's entry is
written by its kind's class (:meth:`~helpers.exercises.kind.Question.key_entry`).

Example:
    >>> answer_key().startswith("# Answer key to the self-check questions")
    True
"""

from __future__ import annotations

from pathlib import Path

from helpers.exercises.bank import NOTEBOOKS, bank, notebook_name
from helpers.model.paths import PROJECT_DIR
from helpers.model.storage import atomic_write_text

#: Where the generated answer key is committed.
ANSWER_KEY_PATH = PROJECT_DIR / "instructor" / "answer_key.md"

_HEADER = [
    "# Answer key to the self-check questions",
    "",
    "Generated from `helpers/data/questions.json` by `python tools/make_answer_key.py`; "
    "do not edit by hand: change the bank and regenerate. Segments are cited by id "
    "(P2.3 is paragraph 2, segment 3); history rests on the facts sheet "
    "`helpers/data/facts.md`, "
    "cited as “facts sheet §N”. Open questions have no single right answer: the key "
    "lists points a good answer touches.",
    "",
]


def answer_key(notebook: str | None = None) -> str:
    """The answer key as Markdown, generated from the bank, grouped by notebook.

    Each question gives its prompt, the answer, the explanation and the
    common wrong answers with their hints. ``notebook`` picks one notebook
    (by name or number).

    Example:
        >>> key = answer_key("03")
        >>> "### q03_chain_order" in key, "### q04_match_steps" in key
        (True, False)
    """
    wanted = None if notebook is None else notebook_name(notebook)
    parts = list(_HEADER)
    for name in NOTEBOOKS:
        if wanted is not None and name != wanted:
            continue
        questions = [question for question in bank().values() if question.item["notebook"] == name]
        if not questions:
            continue
        parts += [f"## {name}", ""] + [question.key_entry() for question in questions]
    return "\n".join(parts).rstrip() + "\n"


def write_answer_key(path: str | Path | None = None) -> Path:
    """Write the answer key (UTF-8, atomically) to ``path``, by default instructor/answer_key.md.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "key.md"
        >>> write_answer_key(target).read_text(encoding="utf-8") == answer_key()
        True
    """
    return atomic_write_text(ANSWER_KEY_PATH if path is None else path, answer_key())
