"""What every kind of question shares: the :class:`Question` base, :class:`Control`, the registry.

One class per kind of question, in the way otter-grader has one class per
kind of test: a kind says how to validate its entry in the bank, check an
answer, describe its input control, show its static form and write its
answer-key entry. A subclass declared with ``kind="..."`` registers itself
in :data:`REGISTRY` when its module is imported (``kinds.py`` imports them all),
so adding a kind of question is one new class and nothing else.

Example:
    >>> from helpers.exercises.kinds import KINDS
    >>> REGISTRY["choice"].label == KINDS["choice"] == "single choice"
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from helpers.exercises.answers import LETTER, is_blank, labelled, norm
from helpers.exercises.feedback import Feedback, invalid
from helpers.render.question_html import prompt_html, static_form_html

#: The three voices, kept apart and labelled, and the questions on the method (the
#: collection's ids, codes, counts and agreement measures), which are none of them.
VOICES = {
    "article": "What the article says",
    "historians": "What historians know (facts sheet)",
    "interpretation": "Interpretation: a reading to discuss",
    "method": "How the method works",
}

#: A segment id, like P2.3, wherever it is cited.
SEG_ID = re.compile(r"\bP\d+\.\d+\b")

#: Hint keys every kind may use besides its own items.
SPECIAL_HINTS = {"generic", "too_low", "too_high"}

#: Every kind of question by its name, in the order the classes were defined.
REGISTRY: dict[str, type[Question]] = {}


class QuestionBankError(ValueError):
    """The question bank is malformed; the message names the question and the problem."""


def markdown_text(text) -> str:
    """Text for the Markdown answer key: ``&`` and ``<`` escaped so nothing reads as markup.

    Example:
        >>> markdown_text("P1.1 & <P1.2>")
        'P1.1 &amp; &lt;P1.2>'
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;")


@dataclass(frozen=True)
class Slot:
    """One place to fill in a control made of menus: a label above it, a short description."""

    label: str = ""
    description: str = ""


@dataclass(frozen=True)
class Control:
    """What input a question needs, as plain data; ``views`` builds the widget from it.

    ``shape`` is one of ``radio`` (pick one option), ``checkboxes`` (tick
    any), ``menus`` (one menu per :class:`Slot`, read as a list, or as a
    dict by ``keys``; ``several`` lets each menu take several options) and
    ``text`` (type: ``lines`` rows, ``wide`` across the page). ``options``
    are (label, value) pairs.

    Example:
        >>> Control("radio", options=(("a) yes", "yes"), ("b) no", "no"))).shape
        'radio'
    """

    shape: str
    options: tuple[tuple[str, str], ...] = ()
    slots: tuple[Slot, ...] = ()
    keys: tuple[str, ...] = ()
    several: bool = False
    placeholder: str = ""
    lines: int = 1
    wide: bool = True


class Question:
    """One question of the bank, of one kind; subclasses give each kind its own behaviour.

    A subclass is declared with ``kind=`` (its name in the bank) and
    ``label=`` (what it asks for), as in ``class ChoiceQuestion(Question,
    kind="choice", label="single choice")``; it may set ``instruction``
    (shown under the prompt) and ``can_be_open``, and implements
    :meth:`validate`, :meth:`check`, :meth:`how`, :meth:`control` and
    :meth:`answer_text`; it may refine the static form and answer-key entry.

    Example:
        >>> from helpers.exercises.kinds import kind_class
        >>> question = kind_class("number")({"id": "q00_x", "answer": 3, "tolerance": 0})
        >>> question.answer_text(), question.check("3").correct
        ('3', True)
    """

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    instruction: ClassVar[str] = ""
    can_be_open: ClassVar[bool] = False

    def __init_subclass__(cls, kind: str = "", label: str = "", **kwargs):
        """A subclass named by ``kind=`` (and ``label=``) registers itself as that kind."""
        super().__init_subclass__(**kwargs)
        if kind:
            cls.kind, cls.label = kind, label
            REGISTRY[kind] = cls

    def __init__(self, item: dict):
        self.item = item

    @property
    def id(self) -> str:
        """The question's id, like ``q03_chain_order``."""
        return self.item["id"]

    @property
    def answer(self):
        """The right answer as the bank gives it."""
        return self.item["answer"]

    @property
    def hints(self) -> dict[str, str]:
        """The hints, by what they answer (an option, an item, a keyword group, generic)."""
        return self.item.get("hints", {})

    @property
    def explanation(self) -> str:
        """Why the answer is right, citing segments."""
        return self.item["explanation"]

    @property
    def is_open(self) -> bool:
        """An open question is never marked right or wrong."""
        return bool(self.item.get("open"))

    # ------------------------------------------------------------------ each kind's own

    def validate(self) -> None:
        """Raise :class:`QuestionBankError` if the kind's fields are wrong; may fill defaults."""
        raise NotImplementedError

    def check(self, answer) -> Feedback:
        """Feedback on an answer (already cut to size); may raise on an odd answer."""
        raise NotImplementedError

    def how(self) -> str:
        """How to give an answer to this kind of question, in one sentence."""
        raise NotImplementedError

    def control(self) -> Control:
        """The input this question needs, as a :class:`Control`."""
        raise NotImplementedError

    def answer_text(self) -> str:
        """The answer in one line, as the solution and the answer key give it."""
        raise NotImplementedError

    def hint_situation(self, key: str) -> str:
        """When the hint for ``key`` is given, in words, for the answer key."""
        return f"answering {key}"

    def solution_readings(self) -> tuple[str, ...]:
        """The readings the solution sets side by side (none unless the kind has readings)."""
        return ()

    # ------------------------------------------------------------------ shared

    def hint(self, *keys: str) -> str:
        """The first hint found for ``keys``, else advice to reread the segments cited.

        Example:
            >>> from helpers.exercises.kinds import kind_class
            >>> kind_class("choice")({"hints": {}, "explanation": "See P3.1."}).hint("x")
            'Read P3.1 again, then try once more.'
        """
        for key in keys:
            if key in self.hints:
                return self.hints[key]
        segments_cited = ", ".join(dict.fromkeys(SEG_ID.findall(self.explanation)))
        return f"Read {segments_cited} again, then try once more."

    def parse(self, answer, blank: str, reader) -> tuple[object, Feedback | None]:
        """The answer as ``reader`` reads it, or the feedback refusing it (blank, unreadable).

        ``reader(answer)`` returns the value read and "", or None and what is wrong.

        Example:
            >>> from helpers.exercises.kinds import kind_class
            >>> order = kind_class("order")({"items": ["x", "y"], "answer": ["y", "x"]})
            >>> order.parse("", "Put them in order first.", order.placed)[1].message
            'Put them in order first.'
        """
        if is_blank(answer):
            return None, invalid(blank)
        value, problem = reader(answer)
        return (None, invalid(problem)) if value is None else (value, None)

    def text_list(self, field: str, at_least: int = 2) -> list[str]:
        """The bank's list of texts in ``field``, checked: long enough, distinct, not letters."""
        values = self.item.get(field)
        if not isinstance(values, list) or len(values) < at_least:
            raise QuestionBankError(f"{field!r} must be a list of at least {at_least} texts.")
        if not all(isinstance(value, str) and value.strip() for value in values):
            raise QuestionBankError(f"every entry of {field!r} must be a non-empty text.")
        if len({norm(value) for value in values}) != len(values):
            raise QuestionBankError(f"{field!r} has two entries that read the same.")
        if any(LETTER.match(norm(value)) for value in values):
            raise QuestionBankError(f"{field!r} has a one-letter entry, which reads like a letter.")
        return values

    def check_hint_keys(self, allowed: list[str]) -> None:
        """Every hint key must be one of ``allowed`` or a special key (generic, too_low, ...)."""
        unknown = set(self.hints) - set(allowed) - SPECIAL_HINTS
        if unknown:
            raise QuestionBankError(
                f"hints for things that are not in the question: {sorted(unknown)}"
            )

    def prompt_html(self) -> str:
        """The question's head as HTML: id, voice, prompt, and how to answer."""
        how = self.instruction
        if self.is_open:
            how = "An open question: your answer is not marked right or wrong."
        return prompt_html(self.id, VOICES[self.item["voice"]], self.item["prompt"], how)

    def static_html(self) -> str:
        """The prompt and the choices for a page without a kernel: never the answer."""
        choices = self.item.get("options") or self.item.get("items") or []
        return static_form_html(self.prompt_html(), [label for label, _ in labelled(choices)])

    # ------------------------------------------------------------------ the answer key

    def key_entry(self) -> str:
        """The question's entry in the Markdown answer key."""
        md = markdown_text
        label = "open question" if self.is_open else self.label
        lines = [f"### {self.id}", "", f"*{label} · {VOICES[self.item['voice']]}*", ""]
        lines += [f"**Question.** {md(self.item['prompt'])}", ""]
        lines += self.key_choices()
        lines += self.key_answer()
        lines += ["", f"**{'Discussion' if self.is_open else 'Why'}.** " + md(self.explanation), ""]
        lines += self.key_points()
        wrong = self.key_hints()
        if wrong:
            lines += [
                "**Common wrong answers and their hints.**"
                if not self.is_open
                else "**Prompts for missing points.**"
            ]
            lines += [f"- {md(when)}: {md(hint)}" for when, hint in wrong]
            lines.append("")
        return "\n".join(lines)

    def key_choices(self) -> list[str]:
        """The key's lines listing what the student chooses from (none by default)."""
        return []

    def key_answer(self) -> list[str]:
        """The key's lines giving the answer."""
        return [f"**Answer.** {markdown_text(self.answer_text())}"]

    def key_points(self) -> list[str]:
        """The key's lines after the explanation (none by default)."""
        return []

    def key_hints(self) -> list[tuple[str, str]]:
        """Each hint with when it is given, in words."""
        described = []
        for key, hint in self.hints.items():
            if key == "generic":
                when = "any other mistake"
            elif key in ("too_low", "too_high"):
                when = key.replace("_", " ")
            else:
                when = self.hint_situation(key)
            described.append((when, hint))
        return described

    @staticmethod
    def lettered_key(choices: list[str]) -> list[str]:
        """The key's lines listing choices with their letters, then a blank line."""
        return [f"- {markdown_text(text)}" for text, _ in labelled(choices)] + [""]
