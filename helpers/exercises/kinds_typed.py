"""Questions answered by typing: a short answer (TextQuestion) or a number (NumberQuestion).

Example:
    >>> question = NumberQuestion({"answer": 79, "tolerance": 1, "explanation": "P1.1"})
    >>> question.check("78 %").correct, question.answer_text()
    (True, '79 (± 1)')
"""

from __future__ import annotations

import math

from helpers.exercises.answers import MAX_ANSWER_CHARS, as_number, is_blank, norm, shown
from helpers.exercises.feedback import Feedback, invalid
from helpers.exercises.kind import (
    SPECIAL_HINTS,
    Control,
    Question,
    QuestionBankError,
    markdown_text,
)


def _answer_words(answer) -> str:
    if isinstance(answer, (list, tuple, set)):
        return " ".join(str(part) for part in answer if isinstance(part, (str, int, float)))
    if isinstance(answer, dict):
        return " ".join(f"{k} {v}" for k, v in answer.items())
    return str(answer)


class TextQuestion(Question, kind="text", label="short answer"):
    """A short answer, checked for keyword groups; an open one is never marked, only discussed.

    Example:
        >>> question = TextQuestion(
        ...     {"keywords": {"who": ["district"]}, "hints": {"who": "Who judges?"},
        ...      "answer": "The district judges.", "open": False, "explanation": "P5.1"}
        ... )
        >>> question.check("the DISTRICT authorities").message
        'Your answer covers all 1 points.'
    """

    can_be_open = True

    def missing_groups(self, text: str) -> list[str]:
        """The keyword groups of which the text has no word."""
        folded = norm(text)
        return [
            name
            for name, words in self.item["keywords"].items()
            if not any(norm(word) in folded for word in words)
        ]

    def validate(self) -> None:
        """Keyword groups of words, each with a hint; a model answer that covers them."""
        groups = self.item.get("keywords")
        if not isinstance(groups, dict) or not groups:
            raise QuestionBankError("'keywords' must map each point to a list of words.")
        for name, words in groups.items():
            if not isinstance(words, list) or not all(
                isinstance(w, str) and w.strip() for w in words
            ):
                raise QuestionBankError(f"the keyword group {name!r} must be a list of words.")
            if name not in self.hints:
                raise QuestionBankError(f"the keyword group {name!r} has no hint.")
        self.check_hint_keys(list(groups))
        if not isinstance(self.item.get("answer"), str) or not self.answer.strip():
            raise QuestionBankError("a text question needs a model answer.")
        missing = self.missing_groups(self.answer)
        if missing and not self.is_open:
            raise QuestionBankError(f"the model answer misses the keyword groups {missing}.")

    def check(self, answer) -> Feedback:
        """Words in English or Chinese; says how many of the points they touch."""
        if is_blank(answer) or isinstance(answer, bool):
            return invalid("Write a short answer first, in English or Chinese.")
        missing = self.missing_groups(_answer_words(answer)[:MAX_ANSWER_CHARS])
        total = len(self.item["keywords"])
        touched = total - len(missing)
        hint = " ".join(self.hints[name] for name in missing)
        if self.is_open:
            message = (
                "There is no single right answer here. "
                f"Your answer touches {touched} of {total} points a good answer often touches; "
                "compare it with the notes below and discuss it."
            )
            return Feedback(None, message, hint, status="open")
        if not missing:
            return Feedback(True, f"Your answer covers all {total} points.", status="correct")
        message = f"Your answer covers {touched} of {total} point{'' if total == 1 else 's'}."
        return Feedback(False, message, hint, status="partly" if touched else "wrong")

    def how(self) -> str:
        """How to answer: in words."""
        return "Write a short answer in words."

    def control(self) -> Control:
        """A box of a few lines to write in."""
        return Control("text", placeholder="Write a short answer", lines=3)

    def answer_text(self) -> str:
        """The model answer (for an open question, one possible reading)."""
        return ("A possible reading: " if self.is_open else "") + self.answer

    def hint_situation(self, key: str) -> str:
        """No word of the keyword group."""
        return f"no word for “{key}”"

    def key_points(self) -> list[str]:
        """The keyword groups, each with its words."""
        md = markdown_text
        looked_for = "Points looked for (not marked)" if self.is_open else "Points checked"
        groups = self.item["keywords"].items()
        return [
            f"**{looked_for}** (any of the words counts):",
            *[f"- {md(name)}: {md(', '.join(words))}" for name, words in groups],
            "",
        ]


class NumberQuestion(Question, kind="number", label="a number"):
    """A number, right within a tolerance; hints for likely wrong numbers, too low, too high.

    Example:
        >>> question = NumberQuestion(
        ...     {"answer": 12, "tolerance": 0, "hints": {"too_low": "Count P2 too."},
        ...      "explanation": "P2.1"}
        ... )
        >>> question.check(10).hint
        'Count P2 too.'
    """

    def validate(self) -> None:
        """A finite answer and tolerance (0 if not given); hint keys are numbers or special."""
        answer, tolerance = self.item.get("answer"), self.item.get("tolerance", 0)
        for name, value in (("answer", answer), ("tolerance", tolerance)):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
            ):
                raise QuestionBankError(f"the {name} must be a number.")
        if tolerance < 0:
            raise QuestionBankError("the tolerance cannot be negative.")
        for key in self.hints:
            if key not in SPECIAL_HINTS and as_number(key) is None:
                raise QuestionBankError(
                    f"the hint key {key!r} is neither a number nor {SPECIAL_HINTS}."
                )
        self.item.setdefault("tolerance", 0)

    def check(self, answer) -> Feedback:
        """A number, or text that reads as one ("79 %")."""
        if isinstance(answer, list) and len(answer) == 1:
            answer = answer[0]
        if is_blank(answer):
            return invalid("Type a number first, like 12.")
        number = as_number(answer)
        if number is None:
            return invalid(f"{shown(answer)} is not a number. Type a number, like 12.")
        target, tolerance = float(self.answer), float(self.item["tolerance"])
        if abs(number - target) <= tolerance + 1e-9:
            return Feedback(True, f"{number:g} is right.", status="correct")
        exact = [key for key in self.hints if as_number(key) == number]
        side = "too_low" if number < target else "too_high"
        return Feedback(False, f"{number:g} is not the answer.", self.hint(*exact, side, "generic"))

    def how(self) -> str:
        """How to answer: a number."""
        return "Type a number, like 12."

    def control(self) -> Control:
        """A one-line field for the number."""
        return Control("text", placeholder="A number", wide=False)

    def answer_text(self) -> str:
        """The number, with its tolerance if there is one."""
        tolerance = self.item.get("tolerance", 0)
        return f"{self.answer:g}" + (f" (± {tolerance:g})" if tolerance else "")
