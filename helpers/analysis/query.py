"""What a query asks before it is searched: its language, its context window, its errors.

:func:`query_language` picks the language from the query's script when none
is given (``helpers.kwic("cooperative")`` searches the English);
:func:`window_size` turns the context window into a whole number or says in
one sentence what to give. :class:`SearchError` is the one error of a search.

Example:
    >>> query_language("mutual aid"), window_size(3)
    ('en', 3)
"""

from __future__ import annotations

import regex


class SearchError(ValueError):
    """A query that cannot be searched for; the message says what to do."""

    __module__ = "helpers.analysis.search"  # where it is imported from, and named in messages


def query_language(query) -> str:
    """The language a query is written in: "zh" if it has Chinese characters, "en" if Latin letters.

    A query with neither (digits, punctuation) is searched in the Chinese.

    Example:
        >>> query_language("cooperative"), query_language("互助组"), query_language("P2 互助")
        ('en', 'zh', 'zh')
    """
    text = str(query) if isinstance(query, str) else ""
    if regex.search(r"\p{Han}", text):
        return "zh"
    return "en" if regex.search(r"[A-Za-z\p{Latin}]", text) else "zh"


def window_size(window) -> int:
    """The context window as a whole number of characters or words, or SearchError saying so.

    Example:
        >>> window_size(5), window_size(5.0)
        (5, 5)
        >>> window_size("ten")
        Traceback (most recent call last):
        ...
        helpers.analysis.search.SearchError: The window is how many characters (Chinese) or \
words (English) to show on each side of a hit: give a whole number from 0 to 500, like \
window=10, not 'ten'.
    """
    number = window
    if isinstance(window, str) and window.strip().isdigit():
        number = int(window.strip())
    if type(number).__name__.startswith(("int", "uint")) and hasattr(number, "item"):
        number = int(number)  # a NumPy integer
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 500:
        raise SearchError(
            "The window is how many characters (Chinese) or words (English) to show on each "
            f"side of a hit: give a whole number from 0 to 500, like window=10, not {window!r}."
        )
    return number
