"""Small text helpers every layer shares: lists in cells, spaces, shortening, Chinese characters.

Example:
    >>> split_list("cadres; peasants")
    ['cadres', 'peasants']
    >>> squeeze(" 互助 组 ")
    '互助组'
"""

from __future__ import annotations

import re

import pandas as pd

#: One Chinese character (CJK unified ideographs and extension A).
HANZI = re.compile(r"[\u3400-\u9fff]")
#: A run of white space.
SPACE = re.compile(r"\s+")


def is_missing(value) -> bool:
    """True for None, NaN and pandas' NA (a cell left empty).

    Example:
        >>> is_missing(None), is_missing(float("nan")), is_missing("x")
        (True, True, False)
    """
    return value is None or (
        not isinstance(value, (list, tuple, dict, set)) and bool(pd.isna(value))
    )


def split_list(cell, separator: str = ";") -> list[str]:
    """A cell holding a list, ``'cadres; peasants'``, as a list; an empty cell as ``[]``.

    Example:
        >>> split_list("P2.3; P2.4"), split_list(None)
        (['P2.3', 'P2.4'], [])
    """
    if is_missing(cell):
        return []
    return [part.strip() for part in str(cell).split(separator) if part.strip()]


def squeeze(text) -> str:
    """The text with every space taken out (Chinese compared whatever the spacing).

    Example:
        >>> squeeze("互 助\\n组"), squeeze(None)
        ('互助组', '')
    """
    return "" if is_missing(text) else SPACE.sub("", str(text))


def one_line(text) -> str:
    """The text on one line, runs of white space as one space.

    Example:
        >>> one_line(" a\\n  b ")
        'a b'
    """
    return "" if is_missing(text) else SPACE.sub(" ", str(text)).strip()


def shorten(text, limit: int = 60) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis where it was longer.

    Example:
        >>> shorten("a long sentence about cooperatives", 12)
        'a long sent…'
    """
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def has_hanzi(text) -> bool:
    """True where the text holds at least one Chinese character.

    Example:
        >>> has_hanzi("互助组 team"), has_hanzi("team")
        (True, False)
    """
    return bool(HANZI.search(str(text)))


#: Characters that take no room on screen: zero-width spaces and joiners, the word joiner, the
#: soft hyphen, direction marks, a byte-order mark inside the text.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def without_invisible(text: str) -> str:
    """The text without invisible characters (a word with a zero-width space inside is whole).

    Example:
        >>> without_invisible("互\\u200b助组"), len(without_invisible("a\\u00adb\\ufeff"))
        ('互助组', 2)
    """
    return INVISIBLE.sub("", str(text))


def listed(items, most: int = 8, each: int = 40) -> str:
    """Items joined by commas, at most ``most`` of them (then "and N more"), each shortened.

    For messages built from a file's content: however long the file, the message is short.

    Example:
        >>> listed(["P9.1", "P9.2"]), listed([f"X{n}" for n in range(100)], most=3)
        ('P9.1, P9.2', 'X0, X1, X2 and 97 more')
    """
    items = [shorten(item, each) for item in items]
    more = f" and {len(items) - most:,} more" if len(items) > most else ""
    return ", ".join(items[:most]) + more
