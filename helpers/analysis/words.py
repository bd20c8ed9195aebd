"""Chinese as words: the segmenter, with the glossary as its user dictionary.

Written Chinese puts no spaces between words, so counting *words* needs a
segmenter, a program that decides where one word ends and the next begins.
The collection uses jieba (``jieba==0.42.1``), with the glossary's terms
(``helpers/data/glossary.csv``) added as a user dictionary, so the article's
own terms stay whole: out of the box jieba cuts 农业生产合作社 into 农业 / 生产
/ 合作社 and 硬卡硬 into 硬卡 / 硬. A few glossary terms are phrases,
not words (a title, a slogan, a verb with its object); ``user_words.csv``
gives the words the segmenter is told for them instead, with the reason (so
牛犋价, "the draught-team rate", is a word, and 抬高 "to inflate" is another).
English is split into words at anything that is not a letter, a digit, an
apostrophe or a hyphen inside a word.

jieba is imported only when a text is first segmented (its dictionary takes
about a second to load), never by ``import helpers``. A segmentation is a
reading of the text, not a fact about it: where the glossary says nothing,
jieba's dictionary of modern Chinese decides.

Example:
    >>> " / ".join(segment("办农业生产合作社区上高看"))
    '办 / 农业生产合作社 / 区上 / 高看'
    >>> " / ".join(segment("办农业生产合作社区上高看", user_dictionary=False))
    '办 / 农业 / 生产 / 合作 / 社区 / 上 / 高 / 看'
"""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache

import pandas as pd
import regex

from helpers.model.data_files import glossary, read_table

#: An English word: letters or digits, with apostrophes or hyphens inside.
ENGLISH_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")

#: A token that counts as a word: it holds at least one letter, digit or Chinese character.
WORDLIKE = regex.compile(r"[\p{L}\p{N}]")

#: The languages segmented.
LANGUAGES = ("zh", "en")


def _jieba():
    """The jieba module, imported quietly (its log lines and old-style warnings hidden)."""
    with warnings.catch_warnings():
        # jieba 0.42.1 imports pkg_resources and has regex strings that newer Pythons warn
        # about; neither concerns a student, so they are not shown.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", UserWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def user_words() -> pd.DataFrame:
    """The segmenter's user dictionary: one row per word, with where it comes from.

    Columns ``word`` and ``source``: a glossary term, or the word of a
    glossary phrase that ``user_words.csv`` divides (punctuation is never
    inside a word).

    Example:
        >>> words = user_words().set_index("word")["source"]
        >>> words["农业生产合作社"], words["牛犋价"]
        ('glossary', 'glossary phrase 抬高牛犋价')
        >>> "抬高牛犋价" in words.index
        False
    """
    phrases = read_table("user_words.csv").set_index("term")["words"]
    rows = []
    for term in glossary()["term_zh"]:
        if term in phrases.index:
            rows += [(word, f"glossary phrase {term}") for word in phrases[term].split()]
        else:
            rows.append((term, "glossary"))
    table = pd.DataFrame(rows, columns=["word", "source"])
    return table.drop_duplicates("word").reset_index(drop=True)


@lru_cache(maxsize=2)
def segmenter(user_dictionary: bool = True):
    """A jieba tokenizer: with the glossary's words added (the default), or out of the box.

    Each is made once (about a second the first time) and kept.

    Example:
        >>> segmenter().lcut("硬卡硬")
        ['硬卡硬']
    """
    tokenizer = _jieba().Tokenizer()
    tokenizer.initialize()
    if user_dictionary:
        for word in user_words()["word"]:
            tokenizer.add_word(word)
    return tokenizer


@lru_cache(maxsize=4096)
def spans(text: str, lang: str = "zh", user_dictionary: bool = True) -> tuple:
    """The words of a text as ``(word, start, end)``, spaces and punctuation left out.

    Chinese is segmented by :func:`segmenter` (HMM on for unknown words, as
    jieba does by default); English is split at non-word characters.

    Example:
        >>> spans("对已出现和尚未定型")
        (('对', 0, 1), ('已', 1, 2), ('出现', 2, 4), ('和', 4, 5), ('尚未', 5, 7), ('定型', 7, 9))
        >>> spans("mutual-aid teams", "en")
        (('mutual-aid', 0, 10), ('teams', 11, 16))
    """
    if lang not in LANGUAGES:
        raise ValueError(f"Choose the language 'zh' or 'en', not {lang!r}.")
    if lang == "en":
        found = [(m.group(), m.start(), m.end()) for m in ENGLISH_WORD.finditer(text)]
    else:
        found = list(segmenter(user_dictionary).tokenize(text))
    return tuple((word, start, end) for word, start, end in found if WORDLIKE.search(word))


def segment(text: str, lang: str = "zh", user_dictionary: bool = True) -> list[str]:
    """The words of a text, in order (see :func:`spans`).

    Example:
        >>> segment("抬高牛犋价的作法")
        ['抬高', '牛犋价', '的', '作法']
    """
    return [word for word, _, _ in spans(str(text), lang, user_dictionary)]


def segmentation_of(terms, table=None) -> pd.DataFrame:
    """How each term is cut where the article has it: by jieba out of the box, with the glossary.

    One row per term: ``term``, ``hits`` (times the characters occur in the
    Chinese), ``out_of_the_box`` and ``with_glossary`` (the words each
    segmentation makes of the characters at their first occurrence, joined by
    " / "), and ``whole`` (how many of the hits the glossary's segmentation
    keeps as one word).

    Example:
        >>> row = segmentation_of(["硬卡硬"]).iloc[0]
        >>> row["out_of_the_box"], row["with_glossary"], int(row["whole"])
        ('硬卡 / 硬', '硬卡硬', 2)
    """
    from helpers.analysis.word_search import occurrences  # same layer; imported late: no cycle

    rows = []
    for term in terms:
        found = occurrences(term, table)
        first = found[0] if found else None
        rows.append(
            {
                "term": term,
                "hits": len(found),
                "out_of_the_box": " / ".join(words_over(*first, False)) if first else "",
                "with_glossary": " / ".join(words_over(*first, True)) if first else "",
                "whole": int(sum(words_over(*hit, True) == [term] for hit in found)),
            }
        )
    return pd.DataFrame(rows, columns=["term", "hits", "out_of_the_box", "with_glossary", "whole"])


def words_over(text: str, start: int, end: int, user_dictionary: bool = True) -> list[str]:
    """The words that text[start:end] touches, cut at the hit's ends.

    Example:
        >>> words_over("办农业生产合作社区上高看", 1, 8, user_dictionary=False)
        ['农业', '生产', '合作', '社']
    """
    words = []
    for word, word_start, word_end in spans(text, "zh", user_dictionary):
        if word_end > start and word_start < end:
            words.append(word[max(start - word_start, 0) : min(end, word_end) - word_start])
    return words
