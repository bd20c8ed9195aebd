"""What the question tests share: the bank as the tests read it, sloppy answers, wrong answers."""

from __future__ import annotations

import re

from helpers.exercises.bank import load_questions

BANK = load_questions()
ITEMS = {row["id"]: row for row in BANK.to_dict("records")}
IDS = list(ITEMS)
CLOSED = [qid for qid, item in ITEMS.items() if not item["open"]]
OPEN = [qid for qid, item in ITEMS.items() if item["open"]]
SEG_ID = re.compile(r"\bP\d+\.\d+\b")
SLOPPY = [
    None,
    99,  # an option number that does not exist (3 may be the right option's number)
    -1,
    3.5,
    float("nan"),
    True,
    {},
    [],
    "",
    "   ",
    [None],
    {"a": None},
    {None: "x"},
    [[1, 2]],
    "x" * 100_000,
    "<script>alert(1)</script>",
    ["<script>", "<b>"],
    {"<script>": "<script>"},
    object(),
    b"bytes",
]


def by_kind(kind: str) -> list[str]:
    return [qid for qid, item in ITEMS.items() if item["kind"] == kind]


def wrong_answer(item: dict):
    """A plausible wrong answer built from the bank (never the right one)."""
    kind, answer = item["kind"], item["answer"]
    if kind == "choice":
        return next(option for option in item["options"] if option != answer)
    if kind == "multi":
        wrong = [option for option in item["options"] if option not in answer]
        return wrong[:1] if wrong else answer[:-1]
    if kind == "order":
        return list(reversed(answer))
    if kind == "match":
        return {
            left: [right for right in item["right"] if right not in answer[left]][:1]
            for left in item["left"]
        }
    if kind == "number":
        return answer + 1000
    return "I am not sure."
