"""Finding an answer's keywords, and noticing when the answer negates them.

A keyword check that only looks for words passes "no active leadership and no
steady progress" as a translation of 积极领导、稳步前进. The rule here is small
on purpose, so a teacher can read it and predict it:

1. An English keyword counts only at the start of a word ("firm" is not found
   in "confirm"); Chinese keywords are found anywhere.
2. A keyword is **negated** when its clause, just before it, holds an odd
   number of negations: English ones (:data:`NEGATORS_EN`: no, not, never,
   without, n't, neither, nor, instead of, rather than, lack ...) among the
   :data:`WINDOW_WORDS` words before it, Chinese ones (:data:`NEGATORS_ZH`:
   不, 没/没有, 非, 未, 无, 缺乏 ...) among the :data:`WINDOW_CHARS` characters
   before it, and a prefix of its own word (un-, in-, non-, dis-, mis-:
   "unsteady", "inactive"). Two negations cancel ("not without active
   leadership", "没有宣传不应急于办社").
3. A clause ends at punctuation and at words that turn the sentence
   (:data:`TURNS_EN`: but, yet, however ...; :data:`TURNS_ZH`: 但, 而是, 却 ...),
   so "not by force but voluntarily" makes "voluntarily" plain again.
4. Phrases that look negative but are not ("not only", "no doubt", 非常
   'very', 不仅 'not only', 不少 'many') do not count (:data:`NOT_NEGATIONS_EN`,
   :data:`NOT_NEGATIONS_ZH`).

A negation after the keyword ("steady progress was lacking") is not seen.

Example:
    >>> [(hit.word, hit.negated, hit.quote) for hit in find("No active leadership", "active")]
    [('active', True, 'no active')]
    >>> find("not by force but voluntarily", "voluntar")[0].negated
    False
    >>> find("没有积极领导", "积极")[0].negated, find("非常积极", "积极")[0].negated
    (True, False)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from helpers.exercises.answers import norm

#: How many words before an English keyword a negation reaches.
WINDOW_WORDS = 3

#: How many characters before a keyword a Chinese negation reaches.
WINDOW_CHARS = 8

#: English words (and word pairs) that negate what follows them.
NEGATORS_EN = (
    "no",
    "not",
    "never",
    "without",
    "neither",
    "nor",
    "none",
    "nothing",
    "nobody",
    "cannot",
    "hardly",
    "barely",
    "lack",
    "lacks",
    "lacked",
    "lacking",
    "fail",
    "fails",
    "failed",
    "failing",
    "instead of",
    "rather than",
    "absence of",
    "far from",
)

#: Word pairs that begin like a negation but do not negate.
NOT_NEGATIONS_EN = (
    "not only",
    "not just",
    "not merely",
    "not simply",
    "not least",
    "no doubt",
    "no matter",
    "nothing but",
)

#: Words after which a clause turns: a negation before them does not reach past them.
TURNS_EN = ("but", "yet", "however", "although", "though", "whereas", "while")

#: Prefixes that negate the rest of their word.
PREFIXES = ("un", "in", "im", "non", "non-", "dis", "mis")

#: Chinese negations (the longer first).
NEGATORS_ZH = ("缺乏", "缺少", "不", "没", "沒", "非", "未", "无", "無")

#: Chinese words that hold a negation character but do not negate.
NOT_NEGATIONS_ZH = (
    "非常",
    "不仅",
    "不僅",
    "不但",
    "非但",
    "不只",
    "不光",
    "不断",
    "不斷",
    "不少",
    "不久",
    "不错",
    "不錯",
    "不同",
    "不管",
    "不过",
    "不過",
    "无论",
    "無論",
    "无疑",
    "未来",
    "未來",
    "无产",
    "無產",
)

#: Chinese words that turn a clause.
TURNS_ZH = ("但是", "但", "而是", "可是", "却", "卻")

_CLAUSE_END = re.compile(r"[.,;:!?()\[\]\"，。；：！？、（）“”]")
_WORD = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)*")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Hit:
    """One place a keyword was found: the keyword, where, negated or not, and the words quoted."""

    word: str
    start: int
    negated: bool
    quote: str


def fold(text) -> str:
    """Text folded for finding keywords: :func:`norm`, and accents dropped letter by letter.

    The length stays that of ``norm(text)``, so places found in one are places in the other.

    Example:
        >>> fold("Màojìn and BǍOSHǑU")
        'maojin and baoshou'
    """
    letters = []
    for char in norm(text):
        parts = unicodedata.normalize("NFD", char)
        bare = "".join(part for part in parts if not unicodedata.combining(part))
        letters.append(bare if len(bare) == 1 else char)
    return "".join(letters)


def clause_before(text: str, start: int) -> str:
    """The part of ``text``'s clause before ``start``: from the last punctuation or turn.

    Example:
        >>> clause_before("They were forced, not voluntarily", 22)
        ' not '
        >>> clause_before("not by force but voluntarily", 17)
        ' '
    """
    before = text[:start]
    ends = [match.end() for match in _CLAUSE_END.finditer(before)]
    cut = ends[-1] if ends else 0
    for turn in TURNS_EN:
        for match in re.finditer(rf"\b{turn}\b", before):
            cut = max(cut, match.end())
    for nor in re.finditer(r"\bnor\b", before):  # "neither X nor Y": one negation for each
        cut = max(cut, nor.start())
    for turn in TURNS_ZH:
        found = before.rfind(turn)
        if found >= 0:
            cut = max(cut, found + len(turn))
    return before[cut:]


def english_negations(before: str) -> tuple[int, int | None]:
    """How many English negations the last words of ``before`` hold, and where the first starts.

    Example:
        >>> english_negations("they were not")
        (1, 10)
        >>> english_negations("not only")
        (0, None)
    """
    words = [match for match in _WORD.finditer(before)][-WINDOW_WORDS:]
    count, first, index = 0, None, 0
    while index < len(words):
        word = words[index].group()
        pair = f"{word} {words[index + 1].group()}" if index + 1 < len(words) else ""
        step = 2 if pair in NOT_NEGATIONS_EN or pair in NEGATORS_EN else 1
        if pair in NEGATORS_EN or (step == 1 and is_negation(word)):
            count += 1
            first = words[index].start() if first is None else first
        index += step
    return count, first


def is_negation(word: str) -> bool:
    """True for one English word that negates: no, not, never, don't, dont, ...

    Example:
        >>> is_negation("wasn't"), is_negation("dont"), is_negation("note")
        (True, True, False)
    """
    return word in NEGATORS_EN or word.endswith("n't") or word in _NO_APOSTROPHE


#: Negative contractions typed without an apostrophe.
_NO_APOSTROPHE = {
    w + "nt"
    for w in ("do", "does", "did", "is", "was", "were", "are", "ca", "wo", "would", "should")
} | {"couldnt", "hasnt", "havent", "hadnt", "aint", "mustnt"}


def chinese_negations(before: str) -> tuple[int, int | None]:
    """How many Chinese negations the last characters of ``before`` hold, and where the first is.

    Example:
        >>> chinese_negations("没有宣传不应")
        (2, 0)
        >>> chinese_negations("非常")
        (0, None)
    """
    offset = max(0, len(before) - WINDOW_CHARS)
    window = before[offset:]
    for word in NOT_NEGATIONS_ZH:
        window = window.replace(word, "·" * len(word))
    count, first = 0, None
    for negator in NEGATORS_ZH:
        for match in re.finditer(re.escape(negator), window):
            count += 1
            first = match.start() if first is None else min(first, match.start())
            window = window[: match.start()] + "·" * len(negator) + window[match.end() :]
    return count, (None if first is None else offset + first)


def find(text, keyword: str) -> list[Hit]:
    """Every place ``keyword`` occurs in ``text`` (both folded), each negated or not.

    Example:
        >>> [hit.quote for hit in find("They were inactive, not steady", "active")]
        ['inactive']
        >>> find("confirm", "firm")
        []
    """
    folded, wanted = fold(text), fold(keyword)
    if not wanted:
        return []
    hits = []
    for match in re.finditer(re.escape(wanted), folded):
        start = match.start()
        word_start, prefix = start, ""
        if not _CJK.match(wanted[0]):
            while word_start > 0 and _letter(folded[word_start - 1]):
                word_start -= 1
            prefix = folded[word_start:start]
            if not prefix and folded[max(0, start - 4) : start] == "non-":
                prefix, word_start = "non-", start - 4
            if prefix and prefix not in PREFIXES:
                continue
        hits.append(_hit(folded, wanted, start, word_start, bool(prefix)))
    return hits


def _letter(char: str) -> bool:
    """A letter or digit of a word written in Latin letters (not a Chinese character)."""
    return char.isalnum() and not _CJK.match(char)


def _hit(folded: str, wanted: str, start: int, word_start: int, prefixed: bool) -> Hit:
    """The hit at ``start``: negations counted in its clause, the phrase quoted."""
    before = clause_before(folded, word_start)
    base = word_start - len(before)
    english, first_en = english_negations(before)
    chinese, first_zh = chinese_negations(before)
    count = english + chinese + int(prefixed)
    firsts = [base + first for first in (first_en, first_zh) if first is not None]
    end = start + len(wanted)
    while end < len(folded) and _letter(folded[end]):
        end += 1
    quote_start = min(firsts) if count % 2 and firsts else word_start
    return Hit(wanted, start, count % 2 == 1, folded[quote_start:end].strip())


def plain_hits(text, words) -> list[Hit]:
    """The places any of ``words`` occurs in ``text`` without being negated.

    Example:
        >>> [hit.word for hit in plain_hits("no rush; they waited", ["rush", "wait"])]
        ['wait']
    """
    return [hit for word in words for hit in find(text, word) if not hit.negated]


def negated_hits(text, words) -> list[Hit]:
    """The places any of ``words`` occurs in ``text`` negated.

    Example:
        >>> [hit.quote for hit in negated_hits("They were forced, not voluntarily", ["voluntar"])]
        ['not voluntarily']
    """
    return [hit for word in words for hit in find(text, word) if hit.negated]
