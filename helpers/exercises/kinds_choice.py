"""Questions answered by choosing: one option (ChoiceQuestion) or several (MultiQuestion).

Example:
    >>> question = ChoiceQuestion({"options": ["Xinhua", "The county"], "answer": "The county",
    ...                            "hints": {"Xinhua": "Xinhua reports (P1.1)."}})
    >>> question.check("b").correct, question.answer_text()
    (True, 'b) The county')
    >>> question.check("a").message
    'You chose a) Xinhua. That is not the best answer.'
"""

from __future__ import annotations

import re

from helpers.exercises.answers import (
    clip,
    is_blank,
    labelled,
    letter_of,
    letters,
    pieces,
    resolve,
    resolve_all,
)
from helpers.exercises.feedback import Feedback, invalid
from helpers.exercises.kind import Control, Question, QuestionBankError


class _Options(Question):
    """What both kinds of choosing share: options with letters, as radio buttons or boxes."""

    def how(self) -> str:
        """How to answer: letters or the options' texts."""
        return (
            f"Answer with letters (a to {letters(len(self.item['options']))[-1]}) or option texts."
        )

    def chosen_text(self, chosen: list[str]) -> str:
        """The options chosen, each with its letter and cut short, as feedback quotes them."""
        options = self.item["options"]
        return "; ".join(clip(letter_of(o, options), 50) for o in options if o in chosen)

    def key_choices(self) -> list[str]:
        """The options with their letters."""
        return self.lettered_key(self.item["options"])


class ChoiceQuestion(_Options, kind="choice", label="single choice"):
    """Single choice: one option is the answer; each wrong option has its hint (or a generic one).

    Example:
        >>> question = ChoiceQuestion(
        ...     {"options": ["Xinhua", "The county"], "answer": "The county",
        ...      "hints": {"Xinhua": "Xinhua only reports it."}, "explanation": "P3.1"}
        ... )
        >>> question.check("Xinhua").hint
        'Xinhua only reports it.'
    """

    def validate(self) -> None:
        """The answer is an option, word for word; every wrong option has a hint (or generic)."""
        options = self.text_list("options")
        if self.item.get("answer") not in options:
            raise QuestionBankError("the answer must be one of the options, word for word.")
        self.check_hint_keys(options)
        unhinted = [o for o in options if o != self.answer and o not in self.hints]
        if unhinted and "generic" not in self.hints:
            raise QuestionBankError(f"wrong options without a hint: {unhinted}")

    def check(self, answer) -> Feedback:
        """One option, by letter, number or text."""
        if isinstance(answer, list) and len(answer) == 1:
            answer = answer[0]
        if is_blank(answer):
            return invalid(f"Choose one option first. {self.how()}")
        if isinstance(answer, list):
            return invalid(f"Choose only one option. {self.how()}")
        option, problem = resolve(answer, self.item["options"], "options")
        if option is None:
            return invalid(f"{problem} {self.how()}")
        chose = self.chosen_text([option])
        if option == self.answer:
            return Feedback(
                True, f"You chose {chose}. That is the answer.", status="correct", answered=chose
            )
        return Feedback(
            False,
            f"You chose {chose}. That is not the best answer.",
            self.hint(option, "generic"),
            answered=chose,
        )

    def control(self) -> Control:
        """Radio buttons, one per option."""
        return Control("radio", options=tuple(labelled(self.item["options"])))

    def answer_text(self) -> str:
        """The right option with its letter."""
        return letter_of(self.answer, self.item["options"])

    def hint_situation(self, key: str) -> str:
        """Choosing that option."""
        return f"choosing {letter_of(key, self.item['options'])}"


class MultiQuestion(_Options, kind="multi", label="choose every correct option"):
    """Choose every correct option: right, wrong and missing choices are counted.

    Example:
        >>> question = MultiQuestion(
        ...     {"options": ["poor", "middle", "rich"], "answer": ["poor", "middle"],
        ...      "hints": {"generic": "Read P2.1."}, "explanation": "P2.1"}
        ... )
        >>> question.check("a").message
        'You chose a) poor. 1 of your choices is right; 1 correct option still missing.'
    """

    instruction = "Choose every correct option."

    def validate(self) -> None:
        """The answer is a list of different options; every option has a hint (or generic)."""
        options = self.text_list("options")
        answer = self.item.get("answer")
        if not isinstance(answer, list) or not answer or len(set(answer)) != len(answer):
            raise QuestionBankError("the answer must be a non-empty list of different options.")
        if not set(answer) <= set(options):
            raise QuestionBankError(
                f"answers that are not options: {sorted(set(answer) - set(options))}"
            )
        self.check_hint_keys(options)
        unhinted = [o for o in options if o not in self.hints]
        if unhinted and "generic" not in self.hints:
            raise QuestionBankError(f"options without a hint: {unhinted}")

    def chosen(self, answer) -> tuple[list[str] | None, str]:
        """The options an answer chooses (a list, or letters or texts in one string)."""
        options = self.item["options"]
        if isinstance(answer, str):
            whole, _ = resolve(answer, options, "options")
            if whole is not None:
                return [whole], ""
        parts = pieces(answer)
        if parts is None:
            return None, f"Give a list of options. {self.how()}"
        chosen, problem = resolve_all(parts, options, "options")
        if chosen is None and isinstance(answer, str):
            chosen, _ = resolve_all(re.split(r"[,;\n]", answer), options, "options")
        if chosen is None:
            return None, f"{problem} {self.how()}"
        return list(dict.fromkeys(chosen)), ""

    def check(self, answer) -> Feedback:
        """Several options; says how many are right, wrong and missing."""
        blank = f"Choose at least one option first. {self.how()}"
        chosen, refusal = self.parse(answer, blank, self.chosen)
        if refusal is not None:
            return refusal
        right = [o for o in self.item["options"] if o in self.answer]
        wrong = [o for o in self.item["options"] if o in chosen and o not in right]
        missing = [o for o in right if o not in chosen]
        said = self.chosen_text(chosen)
        if not wrong and not missing:
            message = f"You chose {said}: the {len(right)} correct options and no others."
            return Feedback(True, message, status="correct", answered=said)
        found = len(right) - len(missing)
        message = f"You chose {said}. {found} of your choices {'is' if found == 1 else 'are'} right"
        if wrong:
            message += f", {len(wrong)} {'is' if len(wrong) == 1 else 'are'} not"
        message += (
            f"; {len(missing)} correct option{'' if len(missing) == 1 else 's'} still missing."
        )
        first = wrong[0] if wrong else missing[0]
        status = "partly" if found else "wrong"
        return Feedback(False, message, self.hint(first, "generic"), status=status, answered=said)

    def control(self) -> Control:
        """A box to tick for each option."""
        return Control("checkboxes", options=tuple(labelled(self.item["options"])))

    def answer_text(self) -> str:
        """The right options with their letters, in the options' order."""
        options = self.item["options"]
        return "; ".join(letter_of(o, options) for o in options if o in self.answer)

    def hint_situation(self, key: str) -> str:
        """Leaving out a right option, or choosing a wrong one."""
        verb = "leaving out " if key in self.answer else "choosing "
        return verb + letter_of(key, self.item["options"])
