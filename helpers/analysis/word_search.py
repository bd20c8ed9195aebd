"""The search's word mode: is each hit a whole word, inside a longer word, or across two?

A character search finds 合作社 wherever its three characters stand, and in
this article all 13 of them stand inside 农业生产合作社; it finds 和尚 "monk"
in 对已出现和尚未定型, where the words are 和 "and" and 尚未 "not yet".
:func:`mark_words` says, for each hit of :func:`helpers.analysis.search.kwic`,
which words of the segmentation (:mod:`helpers.analysis.words`) it covers:
``whole word`` (or ``whole words`` for a phrase), ``inside 农业生产合作社``, or
``across 和 / 尚未``. :func:`word_note` puts it in one sentence for a
character search. The character search stays: it finds 硬卡硬 however a
segmenter cuts it.

Example:
    >>> from helpers.analysis.search import kwic
    >>> word_note(kwic("合作社"))  # doctest: +ELLIPSIS
    'All 13 hits are parts of other words (inside 农业生产合作社: 13); search by words...'
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.search import SearchError, kwic, texts_of
from helpers.analysis.words import spans
from helpers.model.source import as_table

#: The search modes: every hit of the characters, each hit marked, or whole words only.
WORD_MODES = ("characters", "marked", "words")


def hit_places(hits: pd.DataFrame, table: pd.DataFrame, lang: str) -> list[tuple[str, int, int]]:
    """Each hit as (its segment's text, start, end) within that segment.

    ``end`` may pass the segment's end, for a hit that runs on into the next
    segment.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> hit_places(kwic("硬卡硬"), as_table(), "zh")[0][1:]
        (14, 17)
    """
    texts, _ = texts_of(table, lang)
    starts, offset = {}, 0
    for seg_id, text in zip(table["seg_id"], texts, strict=True):
        starts[seg_id] = (text, offset)
        offset += len(text)
    places = []
    for seg_id, position, match in zip(
        hits["seg_id"], hits["position"], hits["match"], strict=True
    ):
        text, offset = starts[seg_id]
        start = int(position) - offset
        places.append((text, start, start + len(match)))
    return places


def word_mark(text: str, start: int, end: int, lang: str = "zh") -> str:
    """How the hit text[start:end] sits in the words of its text.

    Example:
        >>> word_mark("办农业生产合作社区上高看", 5, 8)
        'inside 农业生产合作社'
        >>> word_mark("办农业生产合作社区上高看", 7, 9)
        'across 农业生产合作社 / 区上'
        >>> word_mark("互助组也有", 0, 3), word_mark("互助组也有", 0, 4)
        ('whole word', 'whole words')
    """
    if end > len(text):
        return "across a segment boundary"
    touched = [(w, s, e) for w, s, e in spans(text, lang) if e > start and s < end]
    if not touched:
        return "no word (punctuation)"
    first, last = touched[0], touched[-1]
    if len(touched) == 1 and (first[1] < start or first[2] > end):
        return f"inside {first[0]}"
    if first[1] < start or last[2] > end:
        return "across " + " / ".join(word for word, _, _ in touched)
    return "whole word" if len(touched) == 1 else "whole words"


def mark_words(hits: pd.DataFrame, table=None, lang: str | None = None, only_words=False):
    """The hits with a ``words`` column (see :func:`word_mark`); ``only_words``: whole ones only.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> marked = mark_words(kwic("合作社"))
        >>> marked["words"].value_counts().to_dict()
        {'inside 农业生产合作社': 13}
        >>> len(mark_words(kwic("合作社"), only_words=True))
        0
    """
    table = as_table(table)
    lang = lang or hits.attrs.get("lang", "zh")
    marks = [word_mark(*place, lang) for place in hit_places(hits, table, lang)]
    marked = hits.assign(words=pd.Series(marks, index=hits.index, dtype=object))
    if only_words:
        marked = marked[marked["words"].str.startswith("whole")].reset_index(drop=True)
    marked.attrs.update(hits.attrs)
    return marked


def word_note(hits: pd.DataFrame, table=None, lang: str | None = None) -> str:
    """One sentence on the hits that are parts of other words; "" when every hit is whole.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> word_note(kwic("和尚"))  # doctest: +ELLIPSIS
        'The one hit is part of other words (across 和 / 尚未: 1); search by words to...'
        >>> word_note(kwic("互助组"))
        ''
    """
    if hits.empty:
        return ""
    marks = mark_words(hits, table, lang)["words"]
    parts = marks[~marks.str.startswith("whole")]
    if parts.empty:
        return ""
    counted = "; ".join(f"{mark}: {n}" for mark, n in parts.value_counts().head(3).items())
    if len(marks) == 1:
        share = "The one hit is part of other words"
    else:
        share = "All" if len(parts) == len(marks) else f"{len(parts)} of"
        share += f" {len(marks)} hits are parts of other words"
    return f"{share} ({counted}); search by words to mark them or leave them out."


def occurrences(term: str, table=None) -> list[tuple[str, int, int]]:
    """Every place of a term's characters in the Chinese, as (segment text, start, end).

    Example:
        >>> [start for _, start, _ in occurrences("硬卡硬")]
        [14, 7]
    """
    table = as_table(table)
    return hit_places(kwic(term, "zh", table=table), table, "zh")


def word_mode(hits: pd.DataFrame, table, lang: str, mode: str) -> pd.DataFrame:
    """The hits of one search mode of :data:`WORD_MODES` (``kwic``'s ``words``), or SearchError.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> word_mode(kwic("硬卡硬"), as_table(), "zh", "words")["words"].tolist()
        ['whole word', 'whole word']
    """
    if mode not in WORD_MODES:
        choices = ", ".join(repr(choice) for choice in WORD_MODES)
        raise SearchError(f"Choose the search mode {choices}, not {mode!r}.")
    if mode == "characters":
        return hits
    return mark_words(hits, table, lang, only_words=mode == "words")
