"""Questions answered by typing: a short answer (TextQuestion) or a number (NumberQuestion).

Example:
    >>> question = NumberQuestion({"answer": 79, "tolerance": 1, "explanation": "P1.1"})
    >>> question.check("78 %").correct, question.answer_text()
    (True, '79 (± 1)')
"""

from __future__ import annotations

import math

from helpers.exercises.answers import MAX_ANSWER_CHARS, as_number, is_blank, quoted, shown
from helpers.exercises.feedback import Feedback, invalid
from helpers.exercises.kind import (
    SPECIAL_HINTS,
    Control,
    Question,
    QuestionBankError,
    markdown_text,
)
from helpers.exercises.negation import Hit, negated_hits, plain_hits


def _answer_words(answer) -> str:
    if isinstance(answer, (list, tuple, set)):
        return " ".join(str(part) for part in answer if isinstance(part, (str, int, float)))
    if isinstance(answer, dict):
        return " ".join(f"{k} {v}" for k, v in answer.items())
    return str(answer)


class TextQuestion(Question, kind="text", label="short answer"):
    """A short answer, checked for keyword groups; an open one is never marked, only discussed.

    A keyword counts only where the answer does not negate it (see
    :mod:`helpers.exercises.negation`): "no active leadership" makes no
    point. ``terms`` (optional) are words worth a remark when used: a term of
    the period that counts for a point (``"point": "first"``), or a near
    miss that counts for none (``"point": null``); each has a ``note``, and
    may have a ``negated_note`` for when the answer negates it (without one,
    a negated term gets the remark every negated point gets). A question
    whose right answers speak of an absence ("the English does not name the
    district") sets ``"negation": false``: its keywords count even negated.

    Example:
        >>> question = TextQuestion(
        ...     {"keywords": {"who": ["district"]}, "hints": {"who": "Who judges?"},
        ...      "answer": "The district judges.", "open": False, "explanation": "P5.1"}
        ... )
        >>> question.check("the DISTRICT authorities").message
        'You answered “the DISTRICT authorities”. Your answer covers all 1 points.'
        >>> print(question.check("not the district").notes[0])
        Your answer says “not the district”: that denies the point instead of making it.
    """

    can_be_open = True

    @property
    def terms(self) -> list[dict]:
        """The terms worth a remark, as the bank gives them (none by default)."""
        return self.item.get("terms") or []

    def point_words(self, name: str) -> list[str]:
        """The words that make the point ``name``: its keywords and the terms counted for it."""
        extra = [w for term in self.terms if term.get("point") == name for w in term["words"]]
        return list(dict.fromkeys([*self.item["keywords"][name], *extra]))

    def hits(self, text: str, words: list[str]) -> tuple[list[Hit], list[Hit]]:
        """Where ``words`` occur in ``text``: the plain places and the negated ones."""
        if self.item.get("negation", True) is False:
            return plain_hits(text, words) + negated_hits(text, words), []
        return plain_hits(text, words), negated_hits(text, words)

    def missing_groups(self, text: str) -> list[str]:
        """The keyword groups of which the text has no word that it does not negate."""
        groups = self.item["keywords"]
        return [name for name in groups if not self.hits(text, self.point_words(name))[0]]

    def word_notes(self, text: str, missing: list[str]) -> list[str]:
        """Remarks on the answer's words: each missing point it negates, each term it uses."""
        notes = []
        for name in missing:
            denied = self.hits(text, self.point_words(name))[1]
            if denied:
                notes.append(
                    f"Your answer says {quoted(denied[0].quote, 40)}: "
                    "that denies the point instead of making it."
                )
        for term in self.terms:
            plain, denied = self.hits(text, term["words"])
            if plain:
                notes.append(f"Your answer says {quoted(plain[0].quote, 40)}: {term['note']}")
            elif denied and term.get("negated_note"):
                said = term["negated_note"]
                notes.append(f"Your answer says {quoted(denied[0].quote, 40)}: {said}")
        return list(dict.fromkeys(notes))

    def validate(self) -> None:
        """Keyword groups, each with a hint; terms well formed; a model answer covering them."""
        groups = self.item.get("keywords")
        if not isinstance(groups, dict) or not groups:
            raise QuestionBankError("'keywords' must map each point to a list of words.")
        for name, words in groups.items():
            if not _words(words):
                raise QuestionBankError(f"the keyword group {name!r} must be a list of words.")
            if name not in self.hints:
                raise QuestionBankError(f"the keyword group {name!r} has no hint.")
        for term in self.terms:
            if not isinstance(term, dict) or not _words(term.get("words")):
                raise QuestionBankError("each term needs a list of 'words'.")
            if term.get("point") is not None and term["point"] not in groups:
                raise QuestionBankError(f"the term {term['words'][0]!r} counts for no known point.")
            if (
                not all(
                    isinstance(term.get(k, "x"), str) and term.get(k, "x").strip()
                    for k in ("note", "negated_note")
                )
                or "note" not in term
            ):
                raise QuestionBankError(f"the term {term['words'][0]!r} needs a note.")
        if not isinstance(self.item.get("negation", True), bool):
            raise QuestionBankError("'negation' must be true or false.")
        self.check_hint_keys(list(groups))
        if not isinstance(self.item.get("answer"), str) or not self.answer.strip():
            raise QuestionBankError("a text question needs a model answer.")
        missing = self.missing_groups(self.answer)
        if missing and not self.is_open:
            raise QuestionBankError(f"the model answer misses the keyword groups {missing}.")

    def check(self, answer) -> Feedback:
        """Words in English or Chinese; says how many points they make, and what they negate."""
        if is_blank(answer) or isinstance(answer, bool):
            return invalid("Write a short answer first, in English or Chinese.")
        text = _answer_words(answer)[:MAX_ANSWER_CHARS]
        said = quoted(text)
        missing = self.missing_groups(text)
        notes = tuple(self.word_notes(text, missing))
        total = len(self.item["keywords"])
        touched = total - len(missing)
        hint = " ".join(self.hints[name] for name in missing)
        if self.is_open:
            message = (
                f"You answered {said}. There is no single right answer here. "
                f"Your answer touches {touched} of {total} points a good answer often touches; "
                "compare it with the notes below and discuss it."
            )
            return Feedback(None, message, hint, status="open", answered=said, notes=notes)
        if not missing:
            message = f"You answered {said}. Your answer covers all {total} points."
            return Feedback(True, message, status="correct", answered=said, notes=notes)
        message = (
            f"You answered {said}. Your answer covers {touched} of {total} "
            f"point{'' if total == 1 else 's'}."
        )
        status = "partly" if touched else "wrong"
        return Feedback(False, message, hint, status=status, answered=said, notes=notes)

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
        """The keyword groups, each with its words, and the terms remarked on."""
        md = markdown_text
        looked_for = "Points looked for (not marked)" if self.is_open else "Points checked"
        groups = self.item["keywords"]
        lines = [
            f"**{looked_for}** (any of the words counts, unless the answer negates it):",
            *[f"- {md(name)}: {md(', '.join(self.point_words(name)))}" for name in groups],
            "",
        ]
        if self.terms:
            lines += ["**Terms remarked on.**", ""]
            for term in self.terms:
                point = term.get("point")
                counts = f" (counts for {point})" if point else " (counts for no point)"
                lines.append(f"- {md(', '.join(term['words']))}{counts}: {md(term['note'])}")
            lines.append("")
        return lines


def _words(words) -> bool:
    """True for a non-empty list of non-blank texts."""
    return (
        isinstance(words, list)
        and bool(words)
        and all(isinstance(word, str) and word.strip() for word in words)
    )


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
        said = f"{number:g}"
        if isinstance(answer, str) and answer.strip() != said:
            said = f"{quoted(answer, 30)}, read as {number:g}"
        target, tolerance = float(self.answer), float(self.item["tolerance"])
        if abs(number - target) <= tolerance + 1e-9:
            return Feedback(
                True, f"You answered {said}: that is right.", status="correct", answered=said
            )
        exact = [key for key in self.hints if as_number(key) == number]
        side = "too_low" if number < target else "too_high"
        message = f"You answered {said}: that is not the answer."
        return Feedback(False, message, self.hint(*exact, side, "generic"), answered=said)

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
