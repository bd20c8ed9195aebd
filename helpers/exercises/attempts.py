"""Which questions a student has tried: an :class:`Attempts` object, one for the session by default.

An answer that could be read counts as an attempt; after one, "Show
solution" unlocks. :data:`SESSION` holds this kernel session's attempts;
:func:`~helpers.exercises.questions.check` and the question widget record
there unless given another :class:`Attempts` (a test's, or one student's).

Example:
    >>> attempts = Attempts()
    >>> attempts.record("q00_seg_id", "'P1.1'")
    >>> attempts.has_attempted("q00_seg_id"), attempts.answers("q00_seg_id")
    (True, ["'P1.1'"])
"""

from __future__ import annotations

from helpers.exercises.bank import find_question


class Attempts:
    """The answers checked so far, per question id (as quoted back to the student).

    Example:
        >>> attempts = Attempts()
        >>> attempts.has_attempted("q01_province")
        False
        >>> attempts.record("q01_province", "'b'")
        >>> len(attempts), attempts.has_attempted("q01_province")
        (1, True)
        >>> attempts.reset()
        >>> len(attempts)
        0
    """

    def __init__(self):
        self._answers: dict[str, list[str]] = {}

    def record(self, question_id: str, answer: str) -> None:
        """Note one checked answer to the question ``question_id`` (a bank id)."""
        self._answers.setdefault(question_id, []).append(answer)

    def answers(self, question_id: str) -> list[str]:
        """The answers checked for the question, oldest first."""
        return list(self._answers.get(question_id, []))

    def has_attempted(self, question_id: str) -> bool:
        """Has an answer to the question ``question_id`` (a bank id) been checked?"""
        return bool(self._answers.get(question_id))

    def reset(self) -> None:
        """Forget every attempt."""
        self._answers.clear()

    def __len__(self) -> int:
        return sum(bool(answers) for answers in self._answers.values())

    def __repr__(self) -> str:
        return f"Attempts({len(self)} questions tried)"


#: The attempts of this kernel session (what unlocks "Show solution").
SESSION = Attempts()


def has_attempted(question_id, attempts: Attempts | None = None) -> bool:
    """Has an answer to this question been checked in this session (or in ``attempts``)?

    Example:
        >>> reset_attempts()
        >>> has_attempted("q00_seg_id")
        False
    """
    question = find_question(question_id)
    attempts = SESSION if attempts is None else attempts
    return question is not None and attempts.has_attempted(question.id)


def reset_attempts(attempts: Attempts | None = None) -> None:
    """Forget every attempt of this session (Show solution locks again).

    Example:
        >>> reset_attempts()
    """
    (SESSION if attempts is None else attempts).reset()
