"""Questions answered with menus: put items in order (OrderQuestion), match them (MatchQuestion).

Example:
    >>> question = OrderQuestion({"items": ["second", "first"], "answer": ["first", "second"]})
    >>> question.check("b, a").correct, question.answer_text()
    (True, 'first → second')
"""

from __future__ import annotations

import re

from helpers.exercises.answers import clip, is_blank, labelled, letters, pieces, resolve
from helpers.exercises.feedback import Feedback, invalid
from helpers.exercises.kind import Control, Question, QuestionBankError, Slot, markdown_text
from helpers.exercises.readings import check_readings, reading_note, reading_of, short_label
from helpers.render.question_html import static_form_html


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


class OrderQuestion(Question, kind="order", label="put in order"):
    """Put in order: a menu for each position; counts the items in their right place.

    Example:
        >>> question = OrderQuestion(
        ...     {"items": ["c", "a", "b"], "answer": ["a", "b", "c"], "hints": {},
        ...      "explanation": "P1.1"}
        ... )
        >>> question.check(["a", "c", "b"]).message
        'Your order: b, a, c. 1 of 3 items are in the right place.'
    """

    instruction = "Choose an item for each position, first to last."

    def validate(self) -> None:
        """The answer lists every item once, not in the order shown; there are hints."""
        items = self.text_list("items")
        answer = self.item.get("answer")
        if not isinstance(answer, list) or sorted(answer) != sorted(items):
            raise QuestionBankError("the answer must list every item exactly once.")
        if answer == items:
            raise QuestionBankError("the items are shown in the right order already; shuffle them.")
        self.check_hint_keys(items)
        if not self.hints:
            raise QuestionBankError("an order question needs hints (per item or generic).")

    def placed(self, answer) -> tuple[list[str] | None, str]:
        """The items an answer places, first to last, or a message saying what is wrong."""
        parts = pieces(answer)
        if parts is None:
            return None, f"Give the items as a list, first to last. {self.how()}"
        placed = []
        for position, piece in enumerate(parts, 1):
            if is_blank(piece):
                return None, f"Position {position} is empty: choose an item for every position."
            found, problem = resolve(
                piece.strip() if isinstance(piece, str) else piece, self.item["items"], "items"
            )
            if found is None:
                return None, f"{problem} Use the items' text or their letters."
            if found in placed:
                return None, f"{clip(found)!r} is placed twice: use each item once."
            placed.append(found)
        total = len(self.item["items"])
        if len(placed) != total:
            return (
                None,
                f"You placed {len(placed)} item(s); there are {total}. Place every item once.",
            )
        return placed, ""

    def check(self, answer) -> Feedback:
        """A list of items (or letters); hints at the first item out of place."""
        blank = f"Put the items in order first. {self.how()}"
        placed, refusal = self.parse(answer, blank, self.placed)
        if refusal is not None:
            return refusal
        total = len(placed)
        items = self.item["items"]
        said = ", ".join(letters(total)[items.index(item)] for item in placed)
        pairs = list(zip(placed, self.answer, strict=True))
        in_place = sum(given == right for given, right in pairs)
        if in_place == total:
            message = f"Your order: {said}. All {total} items are in the right order."
            return Feedback(True, message, status="correct", answered=said)
        first = next(i for i, (given, right) in enumerate(pairs) if given != right)
        hint = self.hint(placed[first], self.answer[first], "generic")
        message = f"Your order: {said}. {in_place} of {total} items are in the right place."
        status = "partly" if in_place else "wrong"
        return Feedback(False, message, hint, status=status, answered=said)

    def how(self) -> str:
        """How to answer: a list in order."""
        return "Answer with a list of the items (or their letters) in order."

    def control(self) -> Control:
        """One menu of the items for each position."""
        items = self.item["items"]
        return Control(
            "menus",
            options=tuple(labelled(items)),
            slots=tuple(Slot(description=f"{n}.") for n in range(1, len(items) + 1)),
        )

    def answer_text(self) -> str:
        """The items in order, with arrows."""
        return " → ".join(self.answer)

    def hint_situation(self, key: str) -> str:
        """Misplacing the item."""
        return f"misplacing “{key}”"

    def key_choices(self) -> list[str]:
        """The items as shown, with their letters."""
        return self.lettered_key(self.item["items"])

    def key_answer(self) -> list[str]:
        """The items in order, numbered."""
        numbered = [f"{n}. {markdown_text(x)}" for n, x in enumerate(self.answer, 1)]
        return ["**Answer.**", "", *numbered]


class MatchQuestion(Question, kind="match", label="match each item"):
    """Match each item on the left with one or more on the right; counts the links.

    Example:
        >>> question = MatchQuestion(
        ...     {"left": ["Step 1", "Step 2"], "right": ["rushing", "holding back"],
        ...      "answer": {"Step 1": ["rushing"], "Step 2": ["holding back"]},
        ...      "hints": {}, "explanation": "P1.1"}
        ... )
        >>> question.check({1: "a", 2: "b"}).correct
        True
    """

    instruction = "Choose the right item(s) for each item on the left."

    def validate(self) -> None:
        """The answer maps every left item to a list of right items; there are hints."""
        left, right = self.text_list("left"), self.text_list("right")
        answer = self.item.get("answer")
        if not isinstance(answer, dict) or set(answer) != set(left):
            raise QuestionBankError("the answer must give every left item, and only those.")
        for key, values in answer.items():
            if not isinstance(values, list) or not values or not set(values) <= set(right):
                raise QuestionBankError(f"the answer for {key!r} must be a list of right items.")
        self.check_hint_keys(left)
        if not self.hints:
            raise QuestionBankError("a match question needs hints (per left item or generic).")
        check_readings(self.readings, left, right, answer)

    @property
    def readings(self) -> dict[str, list[dict]]:
        """The defensible readings of the left items that have several (see ``readings``)."""
        return self.item.get("readings") or {}

    def accepted(self, left: str) -> list[set[str]]:
        """The answers accepted for a left item: the answer, and every reading of it."""
        return [set(self.answer[left])] + [set(r["answer"]) for r in self.readings.get(left, [])]

    def pairs(self, answer) -> tuple[dict | None, str]:
        """The links an answer makes, left item to right items, or a message saying what is off."""
        if isinstance(answer, (list, tuple)) and all(
            isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in answer
        ):
            answer = dict(answer) if all(isinstance(p[0], (str, int)) for p in answer) else None
        if not isinstance(answer, dict):
            return None, f"Give a dict from each left item to its right item(s). {self.how()}"
        pairs: dict[str, list[str]] = {}
        for key, value in answer.items():
            left, problem = resolve(key, self.item["left"], "items on the left")
            if left is None:
                return None, problem
            rights = self.rights(value)
            if isinstance(rights, str):
                return None, rights
            pairs[left] = rights
        return pairs, ""

    def rights(self, value) -> list[str] | str:
        """The right items meant by one value, or a message saying what is wrong with it."""
        if is_blank(value):
            return []
        values = [value] if not isinstance(value, (list, tuple, set)) else list(value)
        choices, what = self.item["right"], "items on the right"
        rights = []
        for part in values:
            if is_blank(part):
                continue
            found, problem = resolve(part.strip() if isinstance(part, str) else part, choices, what)
            if found is None and isinstance(part, str) and re.search(r"[,;]", part):
                split = [resolve(p.strip(), choices, what)[0] for p in re.split(r"[,;]", part)]
                if all(split):
                    rights += [s for s in split if s not in rights]
                    continue
            if found is None:
                return problem
            if found not in rights:
                rights.append(found)
        return rights

    def check(self, answer) -> Feedback:
        """A dict (or pairs) from left items to right items; counts right, missing, wrong links.

        A left item with readings is right when it gives any of them; the
        feedback then sets the readings side by side with their evidence.
        """
        pairs, refusal = self.parse(answer, f"Match the items first. {self.how()}", self.pairs)
        if refusal is not None:
            return refusal
        if not any(pairs.values()):
            return invalid("Nothing is matched yet: choose a right item for each left item.")
        said = self.matched_text(pairs)
        rows_right, missing, wrong, first_off, notes = 0, 0, 0, None, []
        for number, left in enumerate(self.item["left"], 1):
            chosen, right = set(pairs.get(left, [])), set(self.answer[left])
            if chosen in self.accepted(left):
                rows_right += 1
                reading = reading_of(chosen, self.readings.get(left, []))
                if reading is not None:
                    label = f"{number}. {short_label(left)}"
                    notes.append(reading_note(label, self.readings[left], reading))
                continue
            missing += len(right - chosen)
            wrong += len(chosen - right)
            first_off = left if first_off is None else first_off
        total = len(self.item["left"])
        if first_off is None:
            message = f"You matched {said}. All {total} items are matched correctly."
            return Feedback(True, message, status="correct", answered=said, readings=tuple(notes))
        message = (
            f"You matched {said}. {rows_right} of {total} items are fully right; {missing} "
            f"correct link{_plural(missing)} still missing and {wrong} wrong link{_plural(wrong)}."
        )
        unanswered = sum(not pairs.get(left) for left in self.item["left"])
        if unanswered:
            message += f" {unanswered} item{_plural(unanswered)} not matched yet."
        some = rows_right or sum(
            len(set(pairs.get(k, [])) & set(v)) for k, v in self.answer.items()
        )
        return Feedback(
            False,
            message,
            self.hint(first_off, "generic"),
            status="partly" if some else "wrong",
            answered=said,
            readings=tuple(notes),
        )

    def matched_text(self, pairs: dict) -> str:
        """The links given, numbered by left item and cut short, as feedback quotes them."""
        parts = []
        for number, left in enumerate(self.item["left"], 1):
            chosen = pairs.get(left, [])
            rights = [clip(right, 40) for right in self.item["right"] if right in chosen]
            parts.append(f"{number}. {short_label(left)} → {', '.join(rights) or 'nothing'}")
        return "; ".join(parts)

    def solution_readings(self) -> tuple[str, ...]:
        """Every left item's readings side by side, for the solution."""
        return tuple(
            reading_note(f"{self.item['left'].index(left) + 1}. {short_label(left)}", rows)
            for left, rows in self.readings.items()
        )

    def how(self) -> str:
        """How to answer: a dict."""
        return "Answer with a dict: each left item to one or more right items."

    def control(self) -> Control:
        """A menu of the right items under each left item, read as a dict by left item."""
        left, right = self.item["left"], self.item["right"]
        return Control(
            "menus",
            options=tuple((r, r) for r in right),
            slots=tuple(Slot(label=text) for text in left),
            keys=tuple(left),
            several=any(len(values) > 1 for key in left for values in self.accepted(key)),
        )

    def answer_text(self) -> str:
        """Each left item with its right items (and, for a reading, the other readings)."""
        return "; ".join(self.answer_line(left) for left in self.item["left"])

    def answer_line(self, left: str) -> str:
        """One left item with its right items, and the other readings it allows."""
        line = f"{left} → {', '.join(self.answer[left])}"
        others = [", ".join(row["answer"]) for row in self.readings.get(left, [])[1:]]
        return line + "".join(f" (or, another reading: {other})" for other in others)

    def hint_situation(self, key: str) -> str:
        """Matching the left item wrongly."""
        return f"matching “{key}” wrongly"

    def static_html(self) -> str:
        """The prompt and the two lists to match, never the answer."""
        return static_form_html(
            self.prompt_html(), left=list(self.item["left"]), right=list(self.item["right"])
        )

    def key_choices(self) -> list[str]:
        """The left and the right items."""
        md = markdown_text
        return [
            "Left:",
            "",
            *[f"- {md(left)}" for left in self.item["left"]],
            "",
            "Right:",
            "",
            *[f"- {md(right)}" for right in self.item["right"]],
            "",
        ]

    def key_answer(self) -> list[str]:
        """Each left item with its right items."""
        md = markdown_text
        links = [f"- {md(self.answer_line(left))}" for left in self.item["left"]]
        lines = ["**Answer.**", "", *links]
        if self.readings:
            lines += ["", "**Readings (any of them is accepted; discuss the evidence).**", ""]
            lines += [f"- {md(note)}" for note in self.solution_readings()]
        return lines
