"""What a check says: :class:`Feedback`, as plain text and as escaped HTML.

Example:
    >>> print(invalid("Type a number first, like 12."))
    Not yet: Type a number first, like 12.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers.render.html import STYLE
from helpers.render.question_html import feedback_html

#: The verdict in words, for each status.
WORDS = {
    "correct": "Correct",
    "partly": "Partly",
    "wrong": "Not yet",
    "invalid": "Not yet",
    "open": "Open question",
    "solution": "Solution",
}

#: The heading of the readings set side by side (the voice of interpretation).
READINGS_LABEL = "Readings to discuss (interpretation, not fact)"

#: The statuses whose answers count as an attempt (an answer that could be read).
JUDGED = {"correct", "partly", "wrong", "open"}

_PANE_KINDS = {"correct": "good", "wrong": "error", "invalid": "error"}


@dataclass(repr=False)
class Feedback:
    """What a check says: right or not (None when not judged), a message, a hint, the why.

    ``status`` is one of correct, partly, wrong, open (never judged), invalid
    (the answer could not be read) or solution. ``explanation`` is filled only
    after a right answer, for open questions, or when the solution is shown.
    ``answered`` is the value graded as the message quotes it ("b) Xinhua",
    "19", "“no active …”"); ``notes`` remark on the answer's own words (a
    negation, a term of the period); ``readings`` set the defensible readings
    of an open point side by side with their evidence, marked as readings.
    It shows itself as plain text and, in a notebook, as escaped HTML.

    Example:
        >>> feedback = Feedback(False, "Not this one.", hint="Read P3.1.")
        >>> print(feedback)
        Not yet: Not this one.
        Hint: Read P3.1.
    """

    correct: bool | None
    message: str
    hint: str = ""
    explanation: str = ""
    status: str = "wrong"
    answered: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    readings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def word(self) -> str:
        """The verdict in words: Correct, Partly, Not yet, Open question or Solution."""
        return WORDS.get(self.status, "Not yet")

    def text(self) -> str:
        """The feedback as plain text, one part a line."""
        lines = [f"{self.word}: {self.message}", *self.notes]
        if self.readings:
            lines.append(f"{READINGS_LABEL}:")
            lines += [f"- {reading}" for reading in self.readings]
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        if self.explanation:
            lines.append(f"Why: {self.explanation}")
        return "\n".join(lines)

    def html(self) -> str:
        """The feedback as HTML built from escaped text (without the shared styles)."""
        return feedback_html(
            f"{self.word}: {self.message}",
            _PANE_KINDS.get(self.status, "info"),
            self.hint,
            self.explanation,
            notes=self.notes,
            readings=self.readings,
            readings_label=READINGS_LABEL,
        )

    def _repr_html_(self) -> str:
        return STYLE + self.html()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return self.text()


def invalid(message: str) -> Feedback:
    """Feedback on an answer that could not be read: not judged, not an attempt.

    Example:
        >>> invalid("Choose one option first.").status
        'invalid'
    """
    return Feedback(None, message, status="invalid")
