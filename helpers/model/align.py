"""Pair the Chinese of any article with its English, sentence by sentence.

This is what lets a reader bring an article of their own: it needs no hand
work. The steps, each a function you can call on its own:

1. :func:`helpers.model.sentences.split_sentences_zh` and
   :func:`~helpers.model.sentences.split_sentences_en` cut a paragraph into
   sentences without losing a character.
2. :func:`align_sentences` pairs sentences with the method of Gale and Church
   (1993): a translation is about as long as its original, times a ratio
   (:mod:`helpers.model.length_model`), so the pairing whose lengths fit best
   wins. A pair ("bead") may join one or two sentences on each side, because
   a translator often makes two English sentences of one long Chinese one.
   The programme itself (:mod:`helpers.model.align_dp`) is banded and in
   numpy: a fixed cost per sentence, many articles at once.
3. :func:`align_article` pairs the sentences of the *whole* article in one
   programme, the paragraph ends serving as soft anchors: paragraphs are
   never assumed to pair one to one because both languages have as many;
   one language may split, merge or divide them at other places. Where both
   languages end a paragraph at the same place a new paragraph pair (``para``)
   begins. :func:`align_paragraphs` pairs whole paragraphs by length alone.

:func:`align_article` returns a table with the columns of
:func:`helpers.model.tables.segments` plus ``confidence``;
:func:`helpers.analysis.alignment_check.alignment_agreement` measures how far
an automatic alignment agrees with a hand-checked one, and
``benchmarks/pairing.py`` how it does on the seed rearranged.

What ``confidence`` means
-------------------------
The probability, under the length model and the priors, that the alignment
contains this very bead, summed over every possible alignment (the
forward-backward algorithm), times two checks: the bead's own
:func:`length_support` (do its lengths fit, at the article's own ratio?) and,
for a paragraph pair that the two languages divide at different places (or
order differently), :data:`DIVIDED_ELSEWHERE`. Below
:data:`helpers.model.source.LOW_CONFIDENCE` a pair is listed under "Check
first". It is not a check of meaning: a wrong pair whose lengths fit can
still score high, so read low-confidence pairs first, not only them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.model.align_dp import (  # noqa: F401 (AlignedPair, AlignmentTooLarge: re-exported)
    AlignedPair,
    AlignmentTooLarge,
    align_lengths_many,
)
from helpers.model.article import Article
from helpers.model.data_files import SEGMENT_COLUMNS
from helpers.model.length_model import (
    PARAGRAPH_PRIORS,
    SEED_MODEL,
    SENTENCE_PRIORS,
    LengthModel,
    log_length_probabilities,
    text_length,
)
from helpers.model.sentences import split_sentences_en, split_sentences_zh

#: A bead whose lengths are this far in the tail of the length model (or further) is not
#: supported by them: its confidence is scaled down (see :func:`length_support`).
SUPPORT_LEVEL = 0.01
#: The confidences of a paragraph pair divided at other places in the two languages
#: (paragraph ends on both sides that the other side does not share) are scaled by this.
DIVIDED_ELSEWHERE = 0.5


def align_sentences(
    sentences_zh: Sequence[str],
    sentences_en: Sequence[str],
    model: LengthModel = SEED_MODEL,
    priors: dict[tuple[int, int], float] | None = None,
) -> list[AlignedPair]:
    """Pair Chinese with English sentences by length (Gale-Church dynamic programming).

    Every sentence lands in exactly one bead, in order. Bead types are
    1-1, 1-2, 2-1, 2-2, and 1-0 / 0-1 at a high cost. ``confidence`` is the
    posterior probability of the bead times its :func:`length_support` (see
    the module docstring).

    Example:
        >>> zh = ["今天天气很好。", "我们去公园散步，看见很多人在那里放风筝。"]
        >>> en = ["The weather is fine today.", "We walked in the park.",
        ...       "We saw many people flying kites there."]
        >>> [(pair.zh, pair.en) for pair in align_sentences(zh, en)]
        [([0], [0]), ([1], [1, 2])]
    """
    return _align_many([(sentences_zh, sentences_en)], model, priors or SENTENCE_PRIORS)[0]


def align_paragraphs(
    paragraphs_zh: Sequence[str],
    paragraphs_en: Sequence[str],
    model: LengthModel = SEED_MODEL,
) -> list[tuple[list[int], list[int]]]:
    """Pair paragraphs by their lengths, whether or not both languages have as many.

    A Gale-Church alignment at paragraph level lets a paragraph match one or
    two paragraphs of the other language, two match two (divided at another
    place), or (at a high cost) none. Equal counts are not taken on trust.

    Example:
        >>> align_paragraphs(["甲。", "乙。"], ["A.", "B."])
        [([0], [0]), ([1], [1])]
        >>> zh = ["短短的一段。", "这是很长的一段，它在英文里被分成了两个段落，每段都不短。"]
        >>> en = ["A short paragraph.", "This is a long paragraph, which the English",
        ...       "splits into two paragraphs, neither of them short."]
        >>> align_paragraphs(zh, en)
        [([0], [0]), ([1], [1, 2])]
    """
    beads = _align_many([(paragraphs_zh, paragraphs_en)], model, PARAGRAPH_PRIORS)[0]
    return [(pair.zh, pair.en) for pair in beads]


def length_support(model: LengthModel, length_zh: int, length_en: int) -> float:
    """How far the lengths of a pair support it, from 0 to 1.

    1 while the lengths are within the model's usual spread (the two-sided
    tail probability is at least :data:`SUPPORT_LEVEL`), falling to 0 as the
    pair's lengths move further from each other: a pair whose lengths do not
    fit gets a low confidence however clearly the programme preferred it.

    Example:
        >>> length_support(SEED_MODEL, 10, 41), length_support(SEED_MODEL, 10, 120) < 0.01
        (1.0, True)
    """
    return min(1.0, math.exp(model.log_probability(length_zh, length_en)) / SUPPORT_LEVEL)


def text_model(model: LengthModel, texts_zh: Sequence[str], texts_en: Sequence[str]) -> LengthModel:
    """The model with the ratio of this article's own translation (within 3/4 to 4/3 of it).

    A translator may write longer or shorter English than the seed's; the
    support of a pair (:func:`length_support`) is judged against the
    article's own ratio, so that a whole article is not flagged for it.

    Example:
        >>> text_model(SEED_MODEL, ["一二三四"], ["abcdefghijklmnop"]).ratio
        4.0
    """
    total_zh = sum(text_length(text) for text in texts_zh)
    total_en = sum(text_length(text) for text in texts_en)
    return _ratio_model(model, total_zh, total_en)


def _ratio_model(model: LengthModel, total_zh: int, total_en: int) -> LengthModel:
    """:func:`text_model` from the total lengths."""
    if not total_zh or not total_en:
        return model
    ratio = min(max(total_en / total_zh, model.ratio * 0.75), model.ratio * 4 / 3)
    return LengthModel(ratio=ratio, variance=model.variance)


def _align_many(problems, model, priors, judges=None) -> list[list[AlignedPair]]:
    """Align many (Chinese texts, English texts) problems; confidences include the support.

    ``judges`` holds, per problem, the model its pairs' support is judged by
    (``model`` for all when None).
    """
    lengths = [
        ([text_length(text) for text in zh], [text_length(text) for text in en])
        for zh, en in problems
    ]
    aligned = align_lengths_many(lengths, model, priors)
    judges = judges or [model] * len(problems)
    return [
        [
            AlignedPair(
                bead.zh,
                bead.en,
                bead.confidence
                * length_support(judge, sum(zh[k] for k in bead.zh), sum(en[k] for k in bead.en)),
            )
            for bead in beads
        ]
        for (zh, en), beads, judge in zip(lengths, aligned, judges, strict=True)
    ]


# ---------------------------------------------------------------- whole articles

#: The columns of :func:`align_article`: those of ``segments()`` plus ``confidence``.
ALIGNED_COLUMNS = [*SEGMENT_COLUMNS, "confidence"]


def align_article(article: Article, model: LengthModel = SEED_MODEL) -> pd.DataFrame:
    """Align a whole article automatically: one row per aligned sentence pair.

    The columns are those of :func:`helpers.model.tables.segments` (``move``,
    ``actors`` and ``note`` empty, ``step`` <NA>) plus ``confidence``: the
    paragraph bead's confidence times the sentence bead's. ``para`` numbers
    the paragraph pairs, and ``seg_id`` is ``P{para}.{n}``. Joined, the
    ``zh`` and ``en`` cells give back the article's bodies (white space aside).
    A sentence with no counterpart has an empty cell on the other side.

    Example:
        >>> from helpers import load_article
        >>> table = align_article(load_article())
        >>> table.loc[0, ["seg_id", "zh"]].tolist()
        ['P1.1', '【新华社沈阳二十六日电】']
    """
    return aligned_table(aligned_columns([article], model)[0])


def aligned_columns(articles: Sequence[Article], model: LengthModel = SEED_MODEL) -> list[dict]:
    """The alignment of many articles at once, each as columns (lists) of its table.

    What :func:`align_article` gives, without a DataFrame per article: the
    sentences of each whole article are paired in one programme, all articles
    in one pass (a corpus is fast this way), with the paragraph ends as soft
    anchors (:data:`helpers.model.align_dp.CUT_PENALTY`): where both
    languages end a paragraph at the same place, a new paragraph pair begins.
    :func:`aligned_table` makes the table of one article's columns.

    Example:
        >>> from helpers import load_article
        >>> columns = aligned_columns([load_article()])[0]
        >>> columns["seg_id"][:2], len(columns["zh"]) == len(columns["confidence"])
        (['P1.1', 'P1.2'], True)
    """
    problems, cuts, judges, lengths = [], [], [], []
    for article in articles:
        zh, zh_starts = _sentences(article.paragraphs_zh, split_sentences_zh)
        en, en_starts = _sentences(article.paragraphs_en, split_sentences_en)
        problems.append((zh, en))
        cuts.append((zh_starts, en_starts))
        lengths.append(([text_length(t) for t in zh], [text_length(t) for t in en]))
        judges.append(_ratio_model(model, sum(lengths[-1][0]), sum(lengths[-1][1])))
    aligned = align_lengths_many(lengths, model, SENTENCE_PRIORS, cuts)
    supports = _bead_supports(aligned, lengths, judges)
    return [
        _columns(zh, en, starts, beads, support)
        for (zh, en), starts, beads, support in zip(problems, cuts, aligned, supports, strict=True)
    ]


def _bead_supports(aligned, lengths, judges) -> list[list[float]]:
    """:func:`length_support` of every bead of every problem, computed in one numpy pass."""
    zh, en, ratio, variance = [], [], [], []
    for beads, (sizes_zh, sizes_en), judge in zip(aligned, lengths, judges, strict=True):
        for bead in beads:
            zh.append(sum(map(sizes_zh.__getitem__, bead.zh)))
            en.append(sum(map(sizes_en.__getitem__, bead.en)))
        ratio += [judge.ratio] * len(beads)
        variance += [judge.variance] * len(beads)
    if not zh:
        return [[] for _ in aligned]
    log_p = log_length_probabilities(zh, en, np.array(ratio), np.array(variance))
    flat = np.minimum(1.0, np.exp(log_p) / SUPPORT_LEVEL).tolist()
    supports, start = [], 0
    for beads in aligned:
        supports.append(flat[start : start + len(beads)])
        start += len(beads)
    return supports


def _sentences(paragraphs, split) -> tuple[list[str], set[int]]:
    """All the sentences of the paragraphs, and the numbers of those that start one."""
    sentences, starts = [], set()
    for paragraph in paragraphs:
        starts.add(len(sentences))
        sentences += split(paragraph)
    return sentences, starts


def _columns(zh, en, starts, beads, supports) -> dict:
    """One article's columns from its beads: a paragraph pair where both sides start one.

    A paragraph pair whose paragraph ends do not line up on either side (the
    two languages divide it at different places, or order it differently)
    has every confidence scaled by :data:`DIVIDED_ELSEWHERE`.
    """
    columns = {name: [] for name in ("seg_id", "para", "zh", "en", "confidence")}
    groups: list[list] = []
    for bead in beads:
        at_zh = bead.zh[0] if bead.zh else _next(bead, beads, "zh", len(zh))
        at_en = bead.en[0] if bead.en else _next(bead, beads, "en", len(en))
        if not groups or (at_zh in starts[0] and at_en in starts[1]):
            groups.append([])
        groups[-1].append(bead)
    support_of = {id(bead): support for bead, support in zip(beads, supports, strict=True)}
    for para, group in enumerate(groups, 1):
        inner_zh = {k for bead in group for k in bead.zh} - {min(_units(group, "zh"), default=-1)}
        inner_en = {k for bead in group for k in bead.en} - {min(_units(group, "en"), default=-1)}
        factor = DIVIDED_ELSEWHERE if inner_zh & starts[0] and inner_en & starts[1] else 1.0
        for order, bead in enumerate(group, 1):
            support = support_of[id(bead)]
            columns["seg_id"].append(f"P{para}.{order}")
            columns["para"].append(para)
            columns["zh"].append("".join(map(zh.__getitem__, bead.zh)).strip())
            columns["en"].append(" ".join(map(en.__getitem__, bead.en)))
            columns["confidence"].append(bead.confidence * support * factor)
    return columns


def _units(group, side: str) -> list[int]:
    """The units of one side of a group of beads."""
    return [k for bead in group for k in getattr(bead, side)]


def _next(bead, beads, side: str, size: int) -> int:
    """The first unit of ``side`` at or after an empty side of ``bead`` (for 1-0 and 0-1)."""
    for later in beads[beads.index(bead) :]:
        if getattr(later, side):
            return getattr(later, side)[0]
    return size


def aligned_table(columns: dict) -> pd.DataFrame:
    """The table of :func:`align_article` from one article's :func:`aligned_columns`.

    Example:
        >>> aligned_table({"seg_id": ["P1.1"], "para": [1], "zh": ["甲。"], "en": ["A."],
        ...                "confidence": [0.9]}).loc[0, ["seg_id", "move"]].tolist()
        ['P1.1', '']
    """
    rows = len(columns["seg_id"])
    table = pd.DataFrame(
        {
            "seg_id": columns["seg_id"],
            "para": columns["para"],
            "zh": columns["zh"],
            "en": columns["en"],
            "move": [""] * rows,
            "step": [pd.NA] * rows,
            "actors": [[] for _ in range(rows)],
            "note": [""] * rows,
            "confidence": columns["confidence"],
        },
        columns=ALIGNED_COLUMNS,
    )
    table["para"] = table["para"].astype(int)
    table["step"] = table["step"].astype("Int64")
    table["confidence"] = table["confidence"].astype(float)
    return table
