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

from helpers.analysis.search import LANGUAGE_NAMES, SearchError, kwic, texts_of
from helpers.analysis.words import spans
from helpers.model.source import as_table

#: The search modes: every hit of the characters, each hit marked, or whole words only.
WORD_MODES = ("characters", "marked", "words")


def hit_places(
    hits: pd.DataFrame, table: pd.DataFrame, lang: str, joined: bool = False
) -> list[tuple[str, int, int]]:
    """Each hit as (its segment's text, start, end) within that segment.

    ``end`` may pass the segment's end, for a hit that runs on into the next
    segment; with ``joined``, such a hit's text is its segment and the next
    read as one (in English with a space between them).

    Example:
        >>> from helpers.analysis.search import kwic
        >>> hit_places(kwic("硬卡硬"), as_table(), "zh")[0][1:]
        (14, 17)
        >>> text, start, end = hit_places(kwic("发展。辽阳县"), as_table(), "zh", joined=True)[0]
        >>> text[start - 2 : end + 2]
        '健康发展。辽阳县农民'
    """
    texts, _ = texts_of(table, lang)
    starts, offset = {}, 0
    for number, (seg_id, text) in enumerate(zip(table["seg_id"], texts, strict=True)):
        starts[seg_id] = (text, offset, number)
        offset += len(text)
    places = []
    for seg_id, position, match in zip(
        hits["seg_id"], hits["position"], hits["match"], strict=True
    ):
        text, offset, number = starts[seg_id]
        start = int(position) - offset
        if joined and start + len(match) > len(text) and number + 1 < len(texts):
            text = text + (" " if lang == "en" else "") + texts[number + 1]
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
        return "across a segment boundary"  # the next segment's text is not known here
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

    A hit across a segment boundary is marked in the two segments read as
    one, and says so: 发展。辽阳县 is "whole words (across a segment boundary)".

    Example:
        >>> from helpers.analysis.search import kwic
        >>> marked = mark_words(kwic("合作社"))
        >>> marked["words"].value_counts().to_dict()
        {'inside 农业生产合作社': 13}
        >>> len(mark_words(kwic("合作社"), only_words=True))
        0
        >>> mark_words(kwic("发展。辽阳县"))["words"].tolist()
        ['whole words (across a segment boundary)']
    """
    table = as_table(table)
    lang = lang or hits.attrs.get("lang", "zh")
    own = hit_places(hits, table, lang)
    marks = [
        word_mark(*place, lang) + (ACROSS if end > len(text) else "")
        for place, (text, _, end) in zip(hit_places(hits, table, lang, True), own, strict=True)
    ]
    marked = hits.assign(words=pd.Series(marks, index=hits.index, dtype=object))
    if only_words:
        marked = marked[marked["words"].map(is_whole)].reset_index(drop=True)
    marked.attrs.update(hits.attrs)
    return marked


#: What a hit's word mark adds when the hit runs from one segment into the next.
ACROSS = " (across a segment boundary)"


def is_whole(mark: str) -> bool:
    """Whether a word mark of :func:`word_mark` is a whole word (or whole words).

    Example:
        >>> is_whole("whole words (across a segment boundary)"), is_whole("inside 农业生产合作社")
        (True, False)
    """
    return mark.startswith("whole")


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
    marks = hits["words"] if "words" in hits else mark_words(hits, table, lang)["words"]
    share = parts_share(marks)
    return f"{share}; search by words to mark them or leave them out." if share else ""


def parts_share(marks: pd.Series) -> str:
    """How many of the marks are parts of other words, with the commonest: "" if none.

    Example:
        >>> parts_share(pd.Series(["inside 农业生产合作社", "whole word"]))
        '1 of 2 hits are parts of other words (inside 农业生产合作社: 1)'
    """
    parts = marks[~marks.map(is_whole)]
    if parts.empty:
        return ""
    counted = "; ".join(f"{mark}: {n}" for mark, n in parts.value_counts().head(3).items())
    if len(marks) == 1:
        share = "The one hit is part of other words"
    else:
        share = "All" if len(parts) == len(marks) else f"{len(parts)} of"
        share += f" {len(marks)} hits are parts of other words"
    return f"{share} ({counted})"


def mode_note(marked: pd.DataFrame, mode: str) -> str:
    """The sentence under a word-mode search's count line, on its hits marked by words.

    ``marked`` has the ``words`` column of :func:`mark_words` (all hits);
    ``mode`` is "marked" (each hit marked) or "words" (the parts left out;
    when every hit is a part, the sentence says so in place of the count).

    Example:
        >>> from helpers.analysis.search import kwic
        >>> mode_note(kwic("合作社", words="marked"), "words")  # doctest: +ELLIPSIS
        "No whole-word hits for '合作社' in the Chinese: all 13 hits are parts of other words..."
        >>> mode_note(kwic("互助组", words="marked"), "marked")
        'No hit is part of a longer word.'
    """
    share = parts_share(marked["words"]) if len(marked) else ""
    if not share:
        return "No hit is part of a longer word." if len(marked) else ""
    if mode == "marked":
        return f"{share}: see the column 'as a word'."
    share = f"{share[0].lower()}{share[1:]}; choose characters to see them."
    if marked["words"].map(is_whole).any():
        return f"Left out: {share}"
    query, lang = marked.attrs.get("query", ""), marked.attrs.get("lang", "zh")
    return f"No whole-word hits for {query!r} in the {LANGUAGE_NAMES[lang]}: {share}"


def in_mode(marked: pd.DataFrame, mode: str) -> pd.DataFrame:
    """The marked hits a mode shows: all of them, or ("words") the whole words only.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> len(in_mode(kwic("合作社", words="marked"), "words"))
        0
    """
    if mode != "words":
        return marked
    shown = marked[marked["words"].map(is_whole)].reset_index(drop=True)
    shown.attrs.update(marked.attrs)
    return shown


def occurrences(term: str, table=None) -> list[tuple[str, int, int]]:
    """Every place of a term's characters in the Chinese, as (segment text, start, end).

    Example:
        >>> [start for _, start, _ in occurrences("硬卡硬")]
        [14, 7]
    """
    table = as_table(table)
    return hit_places(kwic(term, "zh", table=table), table, "zh")


def check_mode(mode: str) -> None:
    """Nothing for a mode of :data:`WORD_MODES`; a SearchError saying the choices for another.

    Example:
        >>> check_mode("words")
        >>> try:
        ...     check_mode("letters")
        ... except SearchError as problem:
        ...     print(problem)
        Choose the search mode 'characters', 'marked', 'words', not 'letters'.
    """
    if mode not in WORD_MODES:
        choices = ", ".join(repr(choice) for choice in WORD_MODES)
        raise SearchError(f"Choose the search mode {choices}, not {mode!r}.")


def word_mode(hits: pd.DataFrame, table, lang: str, mode: str) -> pd.DataFrame:
    """The hits of one search mode of :data:`WORD_MODES` (``kwic``'s ``words``), or SearchError.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> word_mode(kwic("硬卡硬"), as_table(), "zh", "words")["words"].tolist()
        ['whole word', 'whole word']
    """
    check_mode(mode)
    if mode == "characters":
        return hits
    return in_mode(mark_words(hits, table, lang), mode)


def corpus_words(query: str, table: pd.DataFrame, how: tuple, case_sensitive: bool = False):
    """The hits of a corpus search (its ``table``), case-sensitive if asked, marked by words.

    ``how`` is (lang, regex, window, mode), the mode one of :data:`WORD_MODES`;
    "marked" and "words" give every hit with its ``words`` column, marked
    within its own article (:func:`in_mode` then leaves the parts out). The
    search is the corpus search itself
    (:func:`helpers.analysis.corpus_search.search_corpus`, from the table's
    index), case-sensitive if asked.

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> table = corpus_table()[0]
        >>> corpus_words("合作社", table, ("zh", False, 10, "marked"))["words"].unique().tolist()
        ['inside 农业生产合作社']
        >>> len(corpus_words("cpc", table, ("en", False, 10, "characters"), case_sensitive=True))
        0
    """
    from helpers.analysis.corpus_search import search_corpus  # same layer, late: no cycle

    lang, regex, window, mode = how
    check_mode(mode)
    hits = search_corpus(query, table, lang, regex, window, case_sensitive)
    return hits if mode == "characters" else mark_corpus(hits, table, lang)


def mark_corpus(hits: pd.DataFrame, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Corpus hits (with ``article_id``) with the ``words`` column, each marked in its own article.

    Example:
        >>> from helpers.analysis.corpus_search import corpus_kwic, corpus_table
        >>> marked = mark_corpus(corpus_kwic("和尚"), corpus_table()[0], "zh")
        >>> marked["words"].tolist()
        ['across 和 / 尚未']
    """
    if hits.empty:
        return hits.assign(words=pd.Series(dtype=object))
    by_article = dict(list(hits.groupby("article_id", sort=False)))
    searched = table[table["article_id"].isin(by_article)]
    parts = [
        mark_words(by_article[article_id].reset_index(drop=True), rows, lang)
        for article_id, rows in searched.groupby("article_id", sort=False)
    ]
    marked = pd.concat(parts, ignore_index=True)
    marked.attrs.update(hits.attrs)
    return marked
