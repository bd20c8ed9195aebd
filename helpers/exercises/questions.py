"""Self-check questions for the whole series: one bank, feedback that teaches, an answer key.

The questions live in ``helpers/data/questions.json``, one file for every
notebook, so exercises and solutions never drift apart. In a notebook::

    from helpers.exercises.questions import question, check
    question("q03_chain_order")          # a widget: answer, Check, Show solution
    check("q02_who_corrects", "a")       # the same check from code

A wrong answer gets a hint aimed at that mistake; the explanation (with the
segments to cite and, for history, the facts-sheet section) comes after a
right answer or when the solution is shown. Open questions (``open: true``)
are never marked right or wrong: the feedback names points a good answer
touches. ``python tools/make_answer_key.py`` regenerates ``notebooks/answer_key.md``.
"""

from __future__ import annotations

import difflib
import json
import math
import numbers
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.model.paths import PROJECT_DIR, data_path
from helpers.model.storage import atomic_write_text
from helpers.model.tables import segments
from helpers.render.html import STYLE, escape, message_html
from helpers.views.tool import StaticFormBox, html_pane, set_html

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

#: The kinds of question, with what they ask for.
KINDS = {
    "choice": "single choice",
    "multi": "choose every correct option",
    "order": "put in order",
    "match": "match each item",
    "text": "short answer",
    "number": "a number",
}

#: The three voices, kept apart and labelled.
VOICES = {
    "article": "What the article says",
    "historians": "What historians know (facts sheet)",
    "interpretation": "Interpretation: a reading to discuss",
}

#: Where the generated answer key is committed.
ANSWER_KEY_PATH = PROJECT_DIR / "notebooks" / "answer_key.md"

#: Longer answers are cut to this many characters before checking.
MAX_ANSWER_CHARS = 2000

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
]

_SPECIAL_HINTS = {"generic", "too_low", "too_high"}
_SEG_ID = re.compile(r"\bP\d+\.\d+\b")
_LETTER = re.compile(r"^\(?([a-z])\s*[).:]?$")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORDS = {
    "correct": "Correct",
    "partly": "Partly",
    "wrong": "Not yet",
    "invalid": "Not yet",
    "open": "Open question",
    "solution": "Solution",
}
_PANE_KINDS = {"correct": "good", "wrong": "error", "invalid": "error"}
_JUDGED = {"correct", "partly", "wrong", "open"}

#: Answers checked so far in this session, per question id (what unlocks "Show solution").
_attempts: dict[str, list[str]] = {}


class QuestionBankError(ValueError):
    """The question bank is malformed; the message names the question and the problem."""


# --------------------------------------------------------------------------- feedback


@dataclass(repr=False)
class Feedback:
    """What a check says: right or not (None when not judged), a message, a hint, the why.

    ``status`` is one of correct, partly, wrong, open (never judged), invalid
    (the answer could not be read) or solution. ``explanation`` is filled only
    after a right answer, for open questions, or when the solution is shown.
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

    @property
    def word(self) -> str:
        """The verdict in words: Correct, Partly, Not yet, Open question or Solution."""
        return _WORDS.get(self.status, "Not yet")

    def text(self) -> str:
        """The feedback as plain text, one part a line."""
        lines = [f"{self.word}: {self.message}"]
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        if self.explanation:
            lines.append(f"Why: {self.explanation}")
        return "\n".join(lines)

    def html(self) -> str:
        """The feedback as HTML built from escaped text (without the shared styles)."""
        parts = [message_html(f"{self.word}: {self.message}", _PANE_KINDS.get(self.status, "info"))]
        if self.hint:
            parts.append(f"<p><b>Hint:</b> {escape(self.hint)}</p>")
        if self.explanation:
            parts.append(f"<p><b>Why:</b> {escape(self.explanation)}</p>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return STYLE + self.html()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return self.text()


# --------------------------------------------------------------------------- the bank


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
        records = list(_bank().values())
    else:
        records = _read_bank(Path(path))
    return pd.DataFrame([{column: record.get(column) for column in COLUMNS} for record in records])


def question_ids(notebook: str | None = None) -> list[str]:
    """The ids of the questions, for one notebook (by name or number) or for all.

    Example:
        >>> question_ids("03")[:2]
        ['q03_chain_order', 'q03_belief_cause']
    """
    ids = list(_bank())
    if notebook is None:
        return ids
    wanted = _notebook_name(notebook)
    return [qid for qid, item in _bank().items() if item["notebook"] == wanted]


@lru_cache(maxsize=1)
def _bank() -> dict[str, dict]:
    return {item["id"]: item for item in _read_bank(data_path("questions.json"))}


def _read_bank(path: Path) -> list[dict]:
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


def _validated(item, known_segments: set[str]) -> dict:
    """Check one question and return it with defaults filled in."""
    if not isinstance(item, dict):
        raise QuestionBankError("each question must be an object with named fields.")
    for field in ("id", "notebook", "kind", "voice", "prompt", "explanation"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise QuestionBankError(f"the field {field!r} is missing or empty.")
    item = {"open": False, "hints": {}, **item}
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
    if item["open"] and item["kind"] != "text":
        raise QuestionBankError("only text questions can be open.")
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
    _VALIDATORS[item["kind"]](item)
    cited = set(_SEG_ID.findall(json.dumps(item, ensure_ascii=False)))
    if cited - known_segments:
        raise QuestionBankError(
            f"cites segments that do not exist: {sorted(cited - known_segments)}"
        )
    if not _SEG_ID.search(item["explanation"]):
        raise QuestionBankError("the explanation must cite at least one segment (like P2.3).")
    return item


def _text_list(item: dict, field: str, at_least: int = 2) -> list[str]:
    values = item.get(field)
    if not isinstance(values, list) or len(values) < at_least:
        raise QuestionBankError(f"{field!r} must be a list of at least {at_least} texts.")
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise QuestionBankError(f"every entry of {field!r} must be a non-empty text.")
    if len({_norm(value) for value in values}) != len(values):
        raise QuestionBankError(f"{field!r} has two entries that read the same.")
    if any(_LETTER.match(_norm(value)) for value in values):
        raise QuestionBankError(f"{field!r} has a one-letter entry, which reads like a letter.")
    return values


def _check_hint_keys(item: dict, allowed: list[str]) -> None:
    unknown = set(item["hints"]) - set(allowed) - _SPECIAL_HINTS
    if unknown:
        raise QuestionBankError(f"hints for things that are not in the question: {sorted(unknown)}")


def _validate_choice(item: dict) -> None:
    options = _text_list(item, "options")
    if item.get("answer") not in options:
        raise QuestionBankError("the answer must be one of the options, word for word.")
    _check_hint_keys(item, options)
    unhinted = [o for o in options if o != item["answer"] and o not in item["hints"]]
    if unhinted and "generic" not in item["hints"]:
        raise QuestionBankError(f"wrong options without a hint: {unhinted}")


def _validate_multi(item: dict) -> None:
    options = _text_list(item, "options")
    answer = item.get("answer")
    if not isinstance(answer, list) or not answer or len(set(answer)) != len(answer):
        raise QuestionBankError("the answer must be a non-empty list of different options.")
    if not set(answer) <= set(options):
        raise QuestionBankError(
            f"answers that are not options: {sorted(set(answer) - set(options))}"
        )
    _check_hint_keys(item, options)
    unhinted = [o for o in options if o not in item["hints"]]
    if unhinted and "generic" not in item["hints"]:
        raise QuestionBankError(f"options without a hint: {unhinted}")


def _validate_order(item: dict) -> None:
    items = _text_list(item, "items")
    answer = item.get("answer")
    if not isinstance(answer, list) or sorted(answer) != sorted(items):
        raise QuestionBankError("the answer must list every item exactly once.")
    if answer == items:
        raise QuestionBankError("the items are shown in the right order already; shuffle them.")
    _check_hint_keys(item, items)
    if not item["hints"]:
        raise QuestionBankError("an order question needs hints (per item or generic).")


def _validate_match(item: dict) -> None:
    left, right = _text_list(item, "left"), _text_list(item, "right")
    answer = item.get("answer")
    if not isinstance(answer, dict) or set(answer) != set(left):
        raise QuestionBankError("the answer must give every left item, and only those.")
    for key, values in answer.items():
        if not isinstance(values, list) or not values or not set(values) <= set(right):
            raise QuestionBankError(f"the answer for {key!r} must be a list of right items.")
    _check_hint_keys(item, left)
    if not item["hints"]:
        raise QuestionBankError("a match question needs hints (per left item or generic).")


def _validate_text(item: dict) -> None:
    groups = item.get("keywords")
    if not isinstance(groups, dict) or not groups:
        raise QuestionBankError("'keywords' must map each point to a list of words.")
    for name, words in groups.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise QuestionBankError(f"the keyword group {name!r} must be a list of words.")
        if name not in item["hints"]:
            raise QuestionBankError(f"the keyword group {name!r} has no hint.")
    _check_hint_keys(item, list(groups))
    if not isinstance(item.get("answer"), str) or not item["answer"].strip():
        raise QuestionBankError("a text question needs a model answer.")
    missing = _missing_groups(item, item["answer"])
    if missing and not item["open"]:
        raise QuestionBankError(f"the model answer misses the keyword groups {missing}.")


def _validate_number(item: dict) -> None:
    answer, tolerance = item.get("answer"), item.get("tolerance", 0)
    for name, value in (("answer", answer), ("tolerance", tolerance)):
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            raise QuestionBankError(f"the {name} must be a number.")
    if tolerance < 0:
        raise QuestionBankError("the tolerance cannot be negative.")
    for key in item["hints"]:
        if key not in _SPECIAL_HINTS and _as_number(key) is None:
            raise QuestionBankError(
                f"the hint key {key!r} is neither a number nor {_SPECIAL_HINTS}."
            )
    item.setdefault("tolerance", 0)


_VALIDATORS = {
    "choice": _validate_choice,
    "multi": _validate_multi,
    "order": _validate_order,
    "match": _validate_match,
    "text": _validate_text,
    "number": _validate_number,
}


# --------------------------------------------------------------------------- checking


def check(question_id, answer=None) -> Feedback:
    """Check an answer and say what to do next; never raises, whatever the answer.

    Options can be given by letter ("b") or by text; case and spaces do not
    matter. Order questions take a list of items, match questions a dict
    from left items to one or more right items.

    Example:
        >>> check("q02_who_corrects", "the liaoyang county committee of the CPC").correct
        True
        >>> check("q02_who_corrects", "Xinhua News Agency").hint
        'Xinhua reports the story (P1.1); it does not instruct anyone.'
    """
    item = _find(question_id)
    if item is None:
        return _unknown_question(question_id)
    try:
        feedback = _CHECKERS[item["kind"]](item, _tame(answer))
    except Exception as error:  # a safety net: feedback, never a traceback
        feedback = _invalid(f"That answer could not be read ({type(error).__name__}). {_how(item)}")
    if feedback.status in _JUDGED:
        _attempts.setdefault(item["id"], []).append(_shown(answer, 200))
    if feedback.status in ("correct", "open"):
        feedback.explanation = item["explanation"]
    return feedback


def has_attempted(question_id) -> bool:
    """Has an answer to this question been checked in this session?

    Example:
        >>> reset_attempts()
        >>> has_attempted("q00_seg_id")
        False
    """
    item = _find(question_id)
    return item is not None and bool(_attempts.get(item["id"]))


def reset_attempts() -> None:
    """Forget every attempt of this session (Show solution locks again).

    Example:
        >>> reset_attempts()
    """
    _attempts.clear()


def show_solution(question_id) -> Feedback:
    """The answer and the explanation, but only after one attempt at the question.

    Example:
        >>> reset_attempts()
        >>> show_solution("q00_seg_id").status
        'invalid'
        >>> _ = check("q00_seg_id", "a page number")
        >>> show_solution("q00_seg_id").status
        'solution'
    """
    item = _find(question_id)
    if item is None:
        return _unknown_question(question_id)
    if not has_attempted(item["id"]):
        return _invalid("Try the question first: check one answer, then the solution can be shown.")
    return Feedback(
        None,
        f"The answer: {_answer_text(item)}",
        explanation=item["explanation"],
        status="solution",
    )


def solution(question_id) -> str:
    """The answer and its explanation as text, for an explicit request (an instructor, say).

    Example:
        >>> print(solution("q02_who_corrects"))  # doctest: +ELLIPSIS
        Answer: ...) The Liaoyang County Committee of the CPC
        Why: P3.1: ...
    """
    item = _find(question_id)
    if item is None:
        return _unknown_question(question_id).message
    return f"Answer: {_answer_text(item)}\nWhy: {item['explanation']}"


def _find(question_id) -> dict | None:
    if not isinstance(question_id, str):
        return None
    return _bank().get(question_id.strip().lower())


def _unknown_question(question_id) -> Feedback:
    name = _shorten(str(question_id), 60)
    close = difflib.get_close_matches(name.strip().lower(), list(_bank()), n=3)
    guess = f" Did you mean {', '.join(close)}?" if close else ""
    return _invalid(
        f"There is no question {name!r}.{guess} List the ids with "
        "helpers.exercises.questions.question_ids() or question_ids('03') for one notebook."
    )


def _invalid(message: str) -> Feedback:
    return Feedback(None, message, status="invalid")


def _tame(answer):
    """Cut huge answers down to size before anything else looks at them."""
    if isinstance(answer, str):
        return answer[:MAX_ANSWER_CHARS]
    if isinstance(answer, (list, tuple, set, frozenset)):
        return [_tame(part) if isinstance(part, str) else part for part in list(answer)[:100]]
    if isinstance(answer, dict):
        return {key: _tame(value) for key, value in list(answer.items())[:100]}
    return answer


def _norm(text) -> str:
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().rstrip(".").strip().casefold()


def _shown(value, width: int = 40) -> str:
    """A value as a student sees it quoted in feedback; never raises, never long."""
    try:
        text = repr(value)
    except Exception:  # a huge int, an object whose repr fails
        text = "That huge number" if isinstance(value, int) else f"That {type(value).__name__}"
    return _shorten(text, width)


def _shorten(text: str, width: int = 60) -> str:
    text = re.sub(r"\s+", " ", str(text))
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_blank(answer) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, dict)):
        return len(answer) == 0
    return False


def _letters(count: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[:count]


def _how(item: dict) -> str:
    kind = item["kind"]
    if kind in ("choice", "multi"):
        return f"Answer with letters (a to {_letters(len(item['options']))[-1]}) or option texts."
    if kind == "order":
        return "Answer with a list of the items (or their letters) in order."
    if kind == "match":
        return "Answer with a dict: each left item to one or more right items."
    if kind == "number":
        return "Type a number, like 12."
    return "Write a short answer in words."


def _resolve(value, choices: list[str], what: str) -> tuple[str | None, str]:
    """Find the choice meant by a letter, the text, or an unambiguous beginning of it."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy integers too
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"{_shown(value)} is not one of the {what}."
    if isinstance(value, int):
        if 1 <= value <= len(choices):
            return choices[value - 1], ""
        return None, f"{_shown(value)} is not a number of one of the {what} (1 to {len(choices)})."
    wanted = _norm(value)
    if not wanted:
        return None, f"An empty answer is not one of the {what}."
    exact = [choice for choice in choices if _norm(choice) == wanted]
    if exact:
        return exact[0], ""
    letter = _LETTER.match(wanted)
    if letter:
        index = _letters(26).index(letter.group(1))
        if index < len(choices):
            return choices[index], ""
        return (
            None,
            f"{value!r} is not a letter of one of the {what} (a to {_letters(len(choices))[-1]}).",
        )
    starts = [choice for choice in choices if _norm(choice).startswith(wanted)]
    if len(wanted) >= 3 and len(starts) == 1:
        return starts[0], ""
    if len(starts) > 1 and len(wanted) >= 3:
        return (
            None,
            f"{_shorten(value, 40)!r} fits several of the {what}; "
            "give more of the text or the letter.",
        )
    return None, f"{_shorten(value, 40)!r} is not one of the {what}."


def _pieces(answer) -> list | None:
    """An answer meant as several pieces, as a list (a string is split at commas, ; or newlines)."""
    if isinstance(answer, (list, tuple, set)):
        return list(answer)
    if isinstance(answer, str):
        if re.fullmatch(r"\s*\(?[a-zA-Z]\)?(\s*[,;\s>→-]+\s*\(?[a-zA-Z]\)?)*\s*", answer):
            return re.findall(r"[a-zA-Z]", answer)
        return [part for part in re.split(r"\n|;|→|->", answer) if part.strip()]
    return None


def _hint(item: dict, *keys: str) -> str:
    for key in keys:
        if key in item["hints"]:
            return item["hints"][key]
    segments_cited = ", ".join(dict.fromkeys(_SEG_ID.findall(item["explanation"])))
    return f"Read {segments_cited} again, then try once more."


def _check_choice(item: dict, answer) -> Feedback:
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if _is_blank(answer):
        return _invalid(f"Choose one option first. {_how(item)}")
    if isinstance(answer, list):
        return _invalid(f"Choose only one option. {_how(item)}")
    option, problem = _resolve(answer, item["options"], "options")
    if option is None:
        return _invalid(f"{problem} {_how(item)}")
    if option == item["answer"]:
        return Feedback(True, "That is the answer.", status="correct")
    return Feedback(False, "That is not the best answer.", _hint(item, option, "generic"))


def _chosen_options(item: dict, answer) -> tuple[list[str] | None, str]:
    if isinstance(answer, str):
        whole, _ = _resolve(answer, item["options"], "options")
        if whole is not None:
            return [whole], ""
    pieces = _pieces(answer)
    if pieces is None:
        return None, f"Give a list of options. {_how(item)}"
    chosen, problem = _resolve_all(pieces, item["options"], "options")
    if chosen is None and isinstance(answer, str):
        chosen, _ = _resolve_all(re.split(r"[,;\n]", answer), item["options"], "options")
    if chosen is None:
        return None, f"{problem} {_how(item)}"
    return list(dict.fromkeys(chosen)), ""


def _resolve_all(pieces: list, choices: list[str], what: str) -> tuple[list[str] | None, str]:
    """Resolve every piece, or say which one is not among the choices."""
    found = []
    for piece in pieces:
        choice, problem = _resolve(
            piece.strip() if isinstance(piece, str) else piece, choices, what
        )
        if choice is None:
            return None, problem
        found.append(choice)
    return found, ""


def _check_multi(item: dict, answer) -> Feedback:
    if _is_blank(answer):
        return _invalid(f"Choose at least one option first. {_how(item)}")
    chosen, problem = _chosen_options(item, answer)
    if chosen is None:
        return _invalid(problem)
    right = [o for o in item["options"] if o in item["answer"]]
    wrong = [o for o in item["options"] if o in chosen and o not in right]
    missing = [o for o in right if o not in chosen]
    if not wrong and not missing:
        return Feedback(
            True, f"You chose the {len(right)} correct options and no others.", status="correct"
        )
    found = len(right) - len(missing)
    message = f"{found} of your choices {'is' if found == 1 else 'are'} right"
    if wrong:
        message += f", {len(wrong)} {'is' if len(wrong) == 1 else 'are'} not"
    message += f"; {len(missing)} correct option{'' if len(missing) == 1 else 's'} still missing."
    first = wrong[0] if wrong else missing[0]
    return Feedback(
        False, message, _hint(item, first, "generic"), status="partly" if found else "wrong"
    )


def _check_order(item: dict, answer) -> Feedback:
    if _is_blank(answer):
        return _invalid(f"Put the items in order first. {_how(item)}")
    pieces = _pieces(answer)
    if pieces is None:
        return _invalid(f"Give the items as a list, first to last. {_how(item)}")
    placed = []
    for position, piece in enumerate(pieces, 1):
        if _is_blank(piece):
            return _invalid(f"Position {position} is empty: choose an item for every position.")
        found, problem = _resolve(
            piece.strip() if isinstance(piece, str) else piece, item["items"], "items"
        )
        if found is None:
            return _invalid(f"{problem} Use the items' text or their letters.")
        if found in placed:
            return _invalid(f"{_shorten(found)!r} is placed twice: use each item once.")
        placed.append(found)
    total = len(item["items"])
    if len(placed) != total:
        return _invalid(
            f"You placed {len(placed)} item(s); there are {total}. Place every item once."
        )
    in_place = sum(given == right for given, right in zip(placed, item["answer"], strict=True))
    if in_place == total:
        return Feedback(True, f"All {total} items are in the right order.", status="correct")
    first = next(i for i, (g, r) in enumerate(zip(placed, item["answer"], strict=True)) if g != r)
    hint = _hint(item, placed[first], item["answer"][first], "generic")
    message = f"{in_place} of {total} items are in the right place."
    return Feedback(False, message, hint, status="partly" if in_place else "wrong")


def _match_pairs(item: dict, answer) -> tuple[dict | None, str]:
    if isinstance(answer, (list, tuple)) and all(
        isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in answer
    ):
        answer = dict(answer) if all(isinstance(p[0], (str, int)) for p in answer) else None
    if not isinstance(answer, dict):
        return None, f"Give a dict from each left item to its right item(s). {_how(item)}"
    pairs: dict[str, list[str]] = {}
    for key, value in answer.items():
        left, problem = _resolve(key, item["left"], "items on the left")
        if left is None:
            return None, problem
        rights = _match_values(item, value)
        if isinstance(rights, str):
            return None, rights
        pairs[left] = rights
    return pairs, ""


def _match_values(item: dict, value) -> list[str] | str:
    """The right items meant by one value, or a message saying what is wrong with it."""
    if _is_blank(value):
        return []
    values = [value] if not isinstance(value, (list, tuple, set)) else list(value)
    rights = []
    for part in values:
        if _is_blank(part):
            continue
        found, problem = _resolve(
            part.strip() if isinstance(part, str) else part, item["right"], "items on the right"
        )
        if found is None and isinstance(part, str) and re.search(r"[,;]", part):
            split = [
                _resolve(p.strip(), item["right"], "items on the right")[0]
                for p in re.split(r"[,;]", part)
            ]
            if all(split):
                rights += [s for s in split if s not in rights]
                continue
        if found is None:
            return problem
        if found not in rights:
            rights.append(found)
    return rights


def _check_match(item: dict, answer) -> Feedback:
    if _is_blank(answer):
        return _invalid(f"Match the items first. {_how(item)}")
    pairs, problem = _match_pairs(item, answer)
    if pairs is None:
        return _invalid(problem)
    if not any(pairs.values()):
        return _invalid("Nothing is matched yet: choose a right item for each left item.")
    rows_right, missing, wrong, first_off = 0, 0, 0, None
    for left in item["left"]:
        chosen, right = set(pairs.get(left, [])), set(item["answer"][left])
        missing += len(right - chosen)
        wrong += len(chosen - right)
        if chosen == right:
            rows_right += 1
        elif first_off is None:
            first_off = left
    total = len(item["left"])
    if first_off is None:
        return Feedback(True, f"All {total} items are matched correctly.", status="correct")
    message = (
        f"{rows_right} of {total} items are fully right; {missing} correct link"
        f"{'' if missing == 1 else 's'} still missing and {wrong} wrong link"
        f"{'' if wrong == 1 else 's'}."
    )
    unanswered = sum(not pairs.get(left) for left in item["left"])
    if unanswered:
        message += f" {unanswered} item{'' if unanswered == 1 else 's'} not matched yet."
    some = rows_right or sum(len(set(pairs.get(k, [])) & set(v)) for k, v in item["answer"].items())
    return Feedback(
        False, message, _hint(item, first_off, "generic"), status="partly" if some else "wrong"
    )


def _answer_words(answer) -> str:
    if isinstance(answer, (list, tuple, set)):
        return " ".join(str(part) for part in answer if isinstance(part, (str, int, float)))
    if isinstance(answer, dict):
        return " ".join(f"{k} {v}" for k, v in answer.items())
    return str(answer)


def _missing_groups(item: dict, text: str) -> list[str]:
    folded = _norm(text)
    return [
        name
        for name, words in item["keywords"].items()
        if not any(_norm(word) in folded for word in words)
    ]


def _check_text(item: dict, answer) -> Feedback:
    if _is_blank(answer) or isinstance(answer, bool):
        return _invalid("Write a short answer first, in English or Chinese.")
    text = _answer_words(answer)[:MAX_ANSWER_CHARS]
    missing = _missing_groups(item, text)
    total, touched = len(item["keywords"]), len(item["keywords"]) - len(missing)
    hint = " ".join(item["hints"][name] for name in missing)
    if item["open"]:
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


def _as_number(value) -> float | None:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if isinstance(value, numbers.Real):  # int, float, numpy numbers, Fraction
        try:
            number = float(value)
        except (OverflowError, ValueError, TypeError):
            return None
    elif isinstance(value, str):
        cleaned = re.sub(r"[\s,%]", "", value)
        try:
            number = float(cleaned)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _check_number(item: dict, answer) -> Feedback:
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if _is_blank(answer):
        return _invalid("Type a number first, like 12.")
    number = _as_number(answer)
    if number is None:
        return _invalid(f"{_shown(answer)} is not a number. Type a number, like 12.")
    target, tolerance = float(item["answer"]), float(item["tolerance"])
    if abs(number - target) <= tolerance + 1e-9:
        return Feedback(True, f"{number:g} is right.", status="correct")
    exact = [key for key in item["hints"] if _as_number(key) == number]
    side = "too_low" if number < target else "too_high"
    return Feedback(False, f"{number:g} is not the answer.", _hint(item, *exact, side, "generic"))


_CHECKERS = {
    "choice": _check_choice,
    "multi": _check_multi,
    "order": _check_order,
    "match": _check_match,
    "text": _check_text,
    "number": _check_number,
}


# --------------------------------------------------------------------------- the widget


def question(question_id) -> StaticFormBox:
    """A question as a widget: the prompt, an input, Check, feedback and Show solution.

    "Show solution" stays disabled until one answer has been checked. Where
    no kernel runs, the static form shows the prompt and the options, never
    the answer. The controls are in ``box.controls``.

    Example:
        >>> reset_attempts()
        >>> box = question("q02_who_corrects")
        >>> box.controls.show_solution.disabled
        True
        >>> box.controls.input.value = "The Liaoyang County Committee of the CPC"
        >>> box.controls.check.click()
        >>> "Correct" in box.controls.feedback.value, box.controls.show_solution.disabled
        (True, False)
    """
    item = _find(question_id)
    if item is None:
        error = message_html(_unknown_question(question_id).message, "error")
        return StaticFormBox([html_pane(error)], static_html=lambda: error)
    control, inputs, read = _input_control(item)
    check_button = widgets.Button(
        description="Check", button_style="primary", tooltip="Check your answer"
    )
    show_button = widgets.Button(
        description="Show solution",
        disabled=not has_attempted(item["id"]),
        tooltip="Reveals the answer and the explanation (after one attempt)",
    )
    note = widgets.HTML(
        "<small>"
        + escape("“Show solution” reveals the answer; it unlocks after your first check.")
        + "</small>"
    )
    feedback = html_pane()

    def on_check(_button) -> None:
        try:
            result = check(item["id"], read())
        except Exception as error:  # never a traceback in the widget
            result = _invalid(f"Something went wrong ({type(error).__name__}); try again.")
        set_html(feedback, result.html())
        show_button.disabled = not has_attempted(item["id"])

    def on_show(_button) -> None:
        set_html(feedback, show_solution(item["id"]).html())

    check_button.on_click(on_check)
    show_button.on_click(on_show)
    box = StaticFormBox(
        [
            html_pane(_prompt_html(item)),
            control,
            widgets.HBox([check_button, show_button]),
            note,
            feedback,
        ],
        static_html=lambda: _static_html(item),
    )
    box.controls = SimpleNamespace(
        input=control,
        inputs=inputs,
        read=read,
        check=check_button,
        show_solution=show_button,
        feedback=feedback,
    )
    return box


def _labelled(choices: list[str]) -> list[tuple[str, str]]:
    return [
        (f"{letter}) {text}", text)
        for letter, text in zip(_letters(len(choices)), choices, strict=True)
    ]


def _input_control(item: dict):
    """The control for a kind, the list of its parts, and a function reading the answer."""
    wide = widgets.Layout(width="100%")
    kind = item["kind"]
    if kind == "choice":
        radio = widgets.RadioButtons(options=_labelled(item["options"]), value=None, layout=wide)
        return radio, [radio], lambda: radio.value
    if kind == "multi":
        boxes = [
            widgets.Checkbox(value=False, description=label, indent=False, layout=wide)
            for label, _ in _labelled(item["options"])
        ]
        options = item["options"]
        return (
            widgets.VBox(boxes),
            boxes,
            lambda: [o for o, b in zip(options, boxes, strict=True) if b.value],
        )
    if kind == "order":
        blank = [("— choose —", "")]
        menus = [
            widgets.Dropdown(
                options=blank + _labelled(item["items"]), value="", description=f"{n}.", layout=wide
            )
            for n in range(1, len(item["items"]) + 1)
        ]
        return widgets.VBox(menus), menus, lambda: [menu.value for menu in menus]
    if kind == "match":
        several = any(len(values) > 1 for values in item["answer"].values())
        rows, menus = [], []
        for left in item["left"]:
            if several:
                menu = widgets.SelectMultiple(
                    options=item["right"], rows=len(item["right"]), layout=wide
                )
            else:
                menu = widgets.Dropdown(
                    options=[("— choose —", "")] + [(r, r) for r in item["right"]],
                    value="",
                    layout=wide,
                )
            menus.append(menu)
            rows.append(widgets.VBox([widgets.HTML(f"<b>{escape(left)}</b>"), menu]))
        if several:
            rows.insert(
                0, widgets.HTML(escape("Hold Ctrl (Cmd on a Mac) or Shift to choose several."))
            )
        lefts = item["left"]
        return (
            widgets.VBox(rows),
            menus,
            lambda: {
                left: (list(menu.value) if several else menu.value)
                for left, menu in zip(lefts, menus, strict=True)
            },
        )
    if kind == "text":
        area = widgets.Textarea(placeholder="Write a short answer", rows=3, layout=wide)
        return area, [area], lambda: area.value
    field = widgets.Text(placeholder="A number")
    return field, [field], lambda: field.value


def _prompt_html(item: dict) -> str:
    how = {
        "multi": "Choose every correct option.",
        "order": "Choose an item for each position, first to last.",
        "match": "Choose the right item(s) for each item on the left.",
    }.get(item["kind"], "")
    if item["open"]:
        how = "An open question: your answer is not marked right or wrong."
    return (
        f"<p><small><b>{escape(item['id'])}</b> · {escape(VOICES[item['voice']])}</small></p>"
        f"<p>{escape(item['prompt'])}</p>" + (f"<p><i>{escape(how)}</i></p>" if how else "")
    )


def _static_html(item: dict) -> str:
    """The prompt and the choices for a page without a kernel: never the answer."""
    lettered = "".join(
        f"<li>{escape(label)}</li>"
        for label, _ in _labelled(item.get("options") or item.get("items") or [])
    )
    body = f'<ul style="list-style: none">{lettered}</ul>' if lettered else ""
    if item["kind"] == "match":
        body = (
            "<p>Left:</p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in item["left"]) + "</ul>"
            "<p>Right:</p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in item["right"]) + "</ul>"
        )
    closing = message_html(
        "Run this notebook to answer and get feedback (instructors: see notebooks/answer_key.md)."
    )
    return _prompt_html(item) + body + closing


# --------------------------------------------------------------------------- answer key


def _answer_text(item: dict) -> str:
    kind, answer = item["kind"], item["answer"]
    if kind == "choice":
        return _letter_of(answer, item["options"])
    if kind == "multi":
        return "; ".join(_letter_of(o, item["options"]) for o in item["options"] if o in answer)
    if kind == "order":
        return " → ".join(answer)
    if kind == "match":
        return "; ".join(f"{left} → {', '.join(answer[left])}" for left in item["left"])
    if kind == "number":
        tolerance = item.get("tolerance", 0)
        return f"{answer:g}" + (f" (± {tolerance:g})" if tolerance else "")
    return ("A possible reading: " if item["open"] else "") + answer


def _letter_of(option: str, options: list[str]) -> str:
    return f"{_letters(len(options))[options.index(option)]}) {option}"


def _md(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;")


def _key_entry(item: dict) -> str:
    kind = item["kind"]
    label = "open question" if item["open"] else KINDS[kind]
    lines = [f"### {item['id']}", "", f"*{label} · {VOICES[item['voice']]}*", ""]
    lines += [f"**Question.** {_md(item['prompt'])}", ""]
    if kind in ("choice", "multi", "order"):
        lines += [f"- {_md(text)}" for text, _ in _labelled(item.get("options") or item["items"])]
        lines.append("")
    if kind == "match":
        lines += [
            "Left:",
            "",
            *[f"- {_md(left)}" for left in item["left"]],
            "",
            "Right:",
            "",
            *[f"- {_md(right)}" for right in item["right"]],
            "",
        ]
    if kind == "order":
        lines += ["**Answer.**", ""] + [f"{n}. {_md(x)}" for n, x in enumerate(item["answer"], 1)]
    elif kind == "match":
        lines += ["**Answer.**", ""] + [
            f"- {_md(left)} → {_md(', '.join(item['answer'][left]))}" for left in item["left"]
        ]
    else:
        lines.append(f"**Answer.** {_md(_answer_text(item))}")
    lines += [
        "",
        f"**{'Discussion' if item['open'] else 'Why'}.** " + _md(item["explanation"]),
        "",
    ]
    if kind == "text":
        looked_for = "Points looked for (not marked)" if item["open"] else "Points checked"
        lines.append(f"**{looked_for}** (any of the words counts):")
        lines += [
            f"- {_md(name)}: {_md(', '.join(words))}" for name, words in item["keywords"].items()
        ]
        lines.append("")
    wrong = _key_hints(item)
    if wrong:
        lines += [
            "**Common wrong answers and their hints.**"
            if not item["open"]
            else "**Prompts for missing points.**"
        ]
        lines += [f"- {_md(when)}: {_md(hint)}" for when, hint in wrong]
        lines.append("")
    return "\n".join(lines)


def _key_hints(item: dict) -> list[tuple[str, str]]:
    kind, hints = item["kind"], item["hints"]
    described = []
    for key, hint in hints.items():
        if key == "generic":
            when = "any other mistake"
        elif key in ("too_low", "too_high"):
            when = key.replace("_", " ")
        elif kind == "choice":
            when = f"choosing {_letter_of(key, item['options'])}"
        elif kind == "multi":
            when = ("leaving out " if key in item["answer"] else "choosing ") + _letter_of(
                key, item["options"]
            )
        elif kind == "order":
            when = f"misplacing “{key}”"
        elif kind == "match":
            when = f"matching “{key}” wrongly"
        elif kind == "text":
            when = f"no word for “{key}”"
        else:
            when = f"answering {key}"
        described.append((when, hint))
    return described


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
    wanted = None if notebook is None else _notebook_name(notebook)
    parts = [
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
    for name in NOTEBOOKS:
        if wanted is not None and name != wanted:
            continue
        items = [item for item in _bank().values() if item["notebook"] == name]
        if not items:
            continue
        parts += [f"## {name}", ""] + [_key_entry(item) for item in items]
    return "\n".join(parts).rstrip() + "\n"


def write_answer_key(path: str | Path | None = None) -> Path:
    """Write the answer key (UTF-8, atomically) to ``path``, by default notebooks/answer_key.md.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "key.md"
        >>> write_answer_key(target).read_text(encoding="utf-8") == answer_key()
        True
    """
    return atomic_write_text(ANSWER_KEY_PATH if path is None else path, answer_key())


def _notebook_name(notebook) -> str:
    text = str(notebook).strip()
    for name in NOTEBOOKS:
        if text == name or (text and name.startswith(text.zfill(2) if text.isdigit() else text)):
            return name
    raise ValueError(f"Unknown notebook {text!r}; choose one of {', '.join(NOTEBOOKS)}.")
