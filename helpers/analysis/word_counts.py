"""Counting words, not characters: a word-frequency table and the two counts side by side.

:func:`word_frequencies` counts the words of one language's text (Chinese
segmented by :mod:`helpers.analysis.words`, with the glossary as its user
dictionary), leaving out punctuation and, by default, the stopwords of
:func:`stopwords`. :func:`words_against_characters` sets a character search's
count beside the word count for a few terms: 合作社 occurs 13 times as
characters and never as a word of its own.

The stopword list (``helpers/data/stopwords.csv``) is the project's own,
written for this collection and not taken from a published list. It was
chosen for the newspaper Chinese of this article (1954) and for its English
translation: the grammatical words (particles such as 的, 地 and 了,
conjunctions, prepositions, localizers such as 中 and 后, pronouns, 是 and 有;
in English articles, prepositions, pronouns, forms of "be" and "have"), each
with its kind. Both 的 and 地 are in it because the article also writes 的
where an adverb is meant (一般的是, P3.2). Negations (不, 没有, not, no) are
left *in* on purpose: the article's argument turns on what cadres did not do.

Example:
    >>> word_frequencies().head(3)["word"].tolist()
    ['农业生产合作社', '互助组', '发展']
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.search import kwic, texts_of
from helpers.analysis.word_search import mark_words
from helpers.analysis.words import segment
from helpers.model.data_files import read_table
from helpers.model.source import as_table

#: The columns of :func:`word_frequencies`.
FREQUENCY_COLUMNS = ["word", "count", "share", "segments"]


def stopwords(lang: str = "zh") -> pd.DataFrame:
    """The project's stopword list for one language: columns ``word`` and ``kind``.

    Example:
        >>> table = stopwords().set_index("word")
        >>> table.loc["的", "kind"], "不" in table.index
        ('particle', False)
    """
    table = read_table("stopwords.csv")
    return table[table["lang"] == lang][["word", "kind"]].reset_index(drop=True)


def word_frequencies(
    table=None, lang: str = "zh", drop_stopwords: bool = True, user_dictionary: bool = True
) -> pd.DataFrame:
    """How often each word occurs: ``word``, ``count``, ``share`` and ``segments``.

    ``share`` is the word's part of all the words counted (stopwords left out
    when ``drop_stopwords``); ``segments`` is in how many segments it occurs.
    English words are counted in lower case. Most frequent first; ties in the
    order the words first occur.

    Example:
        >>> top = word_frequencies(lang="en").iloc[0]
        >>> top["word"], int(top["count"])
        ('mutual', 19)
    """
    table = as_table(table)
    texts, _ = texts_of(table, lang)
    per_segment = [segment(text, lang, user_dictionary) for text in texts]
    if lang == "en":
        per_segment = [[word.lower() for word in words] for words in per_segment]
    dropped = set(stopwords(lang)["word"]) if drop_stopwords else set()
    words = pd.Series([w for words in per_segment for w in words if w not in dropped], dtype=object)
    if words.empty:
        return pd.DataFrame(columns=FREQUENCY_COLUMNS)
    counts = words.value_counts(sort=False)
    order = {word: place for place, word in enumerate(dict.fromkeys(words))}
    result = pd.DataFrame({"word": counts.index, "count": counts.to_numpy()})
    result["share"] = (result["count"] / result["count"].sum()).round(4)
    in_segments = pd.Series([w for words in per_segment for w in set(words)]).value_counts()
    result["segments"] = result["word"].map(in_segments).astype(int)
    result["first"] = result["word"].map(order)
    result = result.sort_values(["count", "first"], ascending=[False, True], kind="stable")
    return result[FREQUENCY_COLUMNS].reset_index(drop=True)


def words_against_characters(terms, table=None) -> pd.DataFrame:
    """For each term: hits as characters, as a word of its own, inside a longer word, across two.

    Columns ``term``, ``as_characters`` (what a character search finds),
    ``as_a_word`` (the segmentation has the term as one word, or as whole
    words for a phrase), ``inside_a_word`` and ``across_words``; the last
    three add up to the first.

    Example:
        >>> words_against_characters(["合作社", "和尚"]).to_dict("records")[1]
        {'term': '和尚', 'as_characters': 1, 'as_a_word': 0, 'inside_a_word': 0, 'across_words': 1}
    """
    table = as_table(table)
    rows = []
    for term in terms:
        marks = mark_words(kwic(term, "zh", table=table), table, "zh")["words"]
        rows.append(
            {
                "term": term,
                "as_characters": len(marks),
                "as_a_word": int(marks.str.startswith("whole").sum()),
                "inside_a_word": int(marks.str.startswith("inside").sum()),
                "across_words": int(marks.str.startswith("across").sum()),
            }
        )
    columns = ["term", "as_characters", "as_a_word", "inside_a_word", "across_words"]
    return pd.DataFrame(rows, columns=columns)
