"""Reading what a student typed: letters, sloppy text, lists, numbers; quoting it back safely.

Every question kind reads its answers with these, so "b", "(B)", "2" and the
option's text typed in capitals all mean the same option, and a huge or odd
value never breaks a check.

Example:
    >>> resolve("(b)", ["Xinhua", "The county committee"], "options")
    ('The county committee', '')
    >>> as_number(" 79 % ")
    79.0
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata

from helpers.model.text import SPACE

#: Longer answers are cut to this many characters before checking.
MAX_ANSWER_CHARS = 2000

#: One letter naming an option: ``b``, ``(b)``, ``b)``, ``b.``.
LETTER = re.compile(r"^\(?([a-z])\s*[).:]?$")

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def norm(text) -> str:
    """Text folded for comparing answers: Unicode forms, quotes, spaces, a final full stop, case.

    Example:
        >>> norm("  The “County”   Committee. ")
        'the "county" committee'
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    return SPACE.sub(" ", text).strip().rstrip(".").strip().casefold()


def clip(text, width: int = 60) -> str:
    """The text with runs of space as one, cut to ``width`` characters with an ellipsis.

    Unlike :func:`helpers.model.text.shorten` it keeps spaces at the ends, so
    feedback quotes an answer as it was typed.

    Example:
        >>> clip("a long answer about cooperatives", 10)
        'a long an…'
    """
    text = SPACE.sub(" ", str(text))
    return text if len(text) <= width else text[: width - 1] + "…"


def quoted(text, width: int = 60) -> str:
    """A typed answer quoted back in feedback: in quotation marks, on one line, cut short.

    Control and direction-changing characters are dropped, so a quote can never
    reorder or hide the feedback around it (HTML is escaped where it is shown).

    Example:
        >>> quoted("no active\\nleadership")
        '“no active leadership”'
        >>> quoted("x" * 100, 8)
        '“xxxxxxx…”'
    """
    text = "".join(
        char if unicodedata.category(char) not in ("Cc", "Cf") else " " for char in str(text)
    )
    return f"“{clip(text.strip(), width)}”"


def shown(value, width: int = 40) -> str:
    """A value as a student sees it quoted in feedback; never raises, never long.

    Example:
        >>> shown("x" * 100, 8)
        "'xxxxxx…"
        >>> shown(3.5)
        '3.5'
    """
    try:
        text = repr(value)
    except Exception:  # a huge int, an object whose repr fails
        text = "That huge number" if isinstance(value, int) else f"That {type(value).__name__}"
    return clip(text, width)


def is_blank(answer) -> bool:
    """True for no answer: None, blank text, an empty list or dict.

    Example:
        >>> is_blank("  "), is_blank([]), is_blank(0)
        (True, True, False)
    """
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, dict)):
        return len(answer) == 0
    return False


def letters(count: int) -> str:
    """The first ``count`` letters, one for each option.

    Example:
        >>> letters(4)
        'abcd'
    """
    return _ALPHABET[:count]


def labelled(choices: list[str]) -> list[tuple[str, str]]:
    """Each choice with its letter, as (label, choice) pairs.

    Example:
        >>> labelled(["Xinhua", "The county"])
        [('a) Xinhua', 'Xinhua'), ('b) The county', 'The county')]
    """
    return [
        (f"{letter}) {text}", text)
        for letter, text in zip(letters(len(choices)), choices, strict=True)
    ]


def letter_of(option: str, options: list[str]) -> str:
    """An option written with its letter.

    Example:
        >>> letter_of("The county", ["Xinhua", "The county"])
        'b) The county'
    """
    return f"{letters(len(options))[options.index(option)]}) {option}"


def tame(answer):
    """Cut huge answers down to size before anything else looks at them.

    Example:
        >>> len(tame("x" * 10_000)), len(tame(list(range(500))))
        (2000, 100)
    """
    if isinstance(answer, str):
        return answer[:MAX_ANSWER_CHARS]
    if isinstance(answer, (list, tuple, set, frozenset)):
        return [tame(part) if isinstance(part, str) else part for part in list(answer)[:100]]
    if isinstance(answer, dict):
        return {key: tame(value) for key, value in list(answer.items())[:100]}
    return answer


def resolve(value, choices: list[str], what: str) -> tuple[str | None, str]:
    """The choice meant by a number, a letter, the text, or an unambiguous beginning of it.

    Returns the choice and "", or None and a message saying what is wrong.

    Example:
        >>> resolve(2, ["Xinhua", "The county"], "options")
        ('The county', '')
        >>> resolve("z", ["Xinhua", "The county"], "options")
        (None, "'z' is not a letter of one of the options (a to b).")
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy integers too
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"{shown(value)} is not one of the {what}."
    if isinstance(value, int):
        if 1 <= value <= len(choices):
            return choices[value - 1], ""
        return None, f"{shown(value)} is not a number of one of the {what} (1 to {len(choices)})."
    wanted = norm(value)
    if not wanted:
        return None, f"An empty answer is not one of the {what}."
    exact = [choice for choice in choices if norm(choice) == wanted]
    if exact:
        return exact[0], ""
    letter = LETTER.match(wanted)
    if letter:
        index = _ALPHABET.index(letter.group(1))
        if index < len(choices):
            return choices[index], ""
        return (
            None,
            f"{value!r} is not a letter of one of the {what} (a to {letters(len(choices))[-1]}).",
        )
    starts = [choice for choice in choices if norm(choice).startswith(wanted)]
    if len(wanted) >= 3 and len(starts) == 1:
        return starts[0], ""
    if len(starts) > 1 and len(wanted) >= 3:
        return (
            None,
            f"{clip(value, 40)!r} fits several of the {what}; give more of the text or the letter.",
        )
    return None, f"{clip(value, 40)!r} is not one of the {what}."


def resolve_all(pieces: list, choices: list[str], what: str) -> tuple[list[str] | None, str]:
    """Resolve every piece, or say which one is not among the choices.

    Example:
        >>> resolve_all(["a", " B) "], ["Xinhua", "The county"], "options")
        (['Xinhua', 'The county'], '')
    """
    found = []
    for piece in pieces:
        choice, problem = resolve(piece.strip() if isinstance(piece, str) else piece, choices, what)
        if choice is None:
            return None, problem
        found.append(choice)
    return found, ""


def pieces(answer) -> list | None:
    """An answer meant as several pieces, as a list (a string is split at letters, ; or arrows).

    Example:
        >>> pieces("a, c"), pieces("first; second")
        (['a', 'c'], ['first', ' second'])
    """
    if isinstance(answer, (list, tuple, set)):
        return list(answer)
    if isinstance(answer, str):
        if re.fullmatch(r"\s*\(?[a-zA-Z]\)?(\s*[,;\s>→-]+\s*\(?[a-zA-Z]\)?)*\s*", answer):
            return re.findall(r"[a-zA-Z]", answer)
        return [part for part in re.split(r"\n|;|→|->", answer) if part.strip()]
    return None


def as_number(value) -> float | None:
    """A number from a number or from text like "79 %" or "1,200"; None if it is none.

    Example:
        >>> as_number("1,200"), as_number(True), as_number("seventy")
        (1200.0, None, None)
    """
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
