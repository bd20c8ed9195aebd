"""Pair the Chinese of any article with its English, sentence by sentence.

This is what lets a reader bring an article of their own: it needs no hand
work. Three steps, each a function you can call on its own:

1. :func:`helpers.model.sentences.split_sentences_zh` and
   :func:`~helpers.model.sentences.split_sentences_en` cut a paragraph into
   sentences without losing a character.
2. :func:`align_paragraphs` pairs the paragraphs: one to one when both
   languages have as many, otherwise by length (a paragraph may be split in
   two in the other language, or, rarely, have no counterpart).
3. :func:`align_sentences` pairs the sentences inside each paragraph pair with
   the method of Gale and Church (1993): a translation is about as long as its
   original, times a ratio (:mod:`helpers.model.length_model`), so the
   pairing whose lengths fit best wins. A pair ("bead") may join one or two
   sentences on each side, because a translator often makes two English
   sentences of one long Chinese one.

:func:`align_article` does all three and returns a table with the columns of
:func:`helpers.model.tables.segments` plus ``confidence``;
:func:`helpers.analysis.alignment_check.alignment_agreement` measures how far
an automatic alignment agrees with a hand-checked one.

What ``confidence`` means
-------------------------
The probability, under the length model and the priors, that the alignment
contains this very bead, summed over every possible alignment of the
paragraph (the forward-backward algorithm). It says how clearly the lengths
single out the bead. It is not a check of meaning: a wrong pair whose lengths
fit can still score high, so read low-confidence pairs first, not only them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.model.article import Article
from helpers.model.data_files import SEGMENT_COLUMNS
from helpers.model.length_model import (
    PARAGRAPH_PRIORS,
    SEED_MODEL,
    SENTENCE_PRIORS,
    LengthModel,
    text_length,
)
from helpers.model.sentences import split_sentences_en, split_sentences_zh


@dataclass(frozen=True)
class AlignedPair:
    """One bead: the Chinese and English units (by index) it joins, and its confidence.

    Example:
        >>> AlignedPair(zh=[0], en=[0, 1], confidence=0.9).kind
        '1-2'
    """

    zh: list[int]
    en: list[int]
    confidence: float

    @property
    def kind(self) -> str:
        """The bead type, as '1-1', '1-2', '2-1', '2-2', '1-0' or '0-1'.

        Example:
            >>> AlignedPair(zh=[3, 4], en=[], confidence=0.1).kind
            '2-0'
        """
        return f"{len(self.zh)}-{len(self.en)}"


def align_sentences(
    sentences_zh: Sequence[str],
    sentences_en: Sequence[str],
    model: LengthModel = SEED_MODEL,
    priors: dict[tuple[int, int], float] | None = None,
) -> list[AlignedPair]:
    """Pair Chinese with English sentences by length (Gale-Church dynamic programming).

    Every sentence lands in exactly one bead, in order. Bead types are
    1-1, 1-2, 2-1, 2-2, and 1-0 / 0-1 at a high cost. ``confidence`` is the
    posterior probability of the bead (see the module docstring).

    Example:
        >>> zh = ["今天天气很好。", "我们去公园散步，看见很多人在那里放风筝。"]
        >>> en = ["The weather is fine today.", "We walked in the park.",
        ...       "We saw many people flying kites there."]
        >>> [(pair.zh, pair.en) for pair in align_sentences(zh, en)]
        [([0], [0]), ([1], [1, 2])]
    """
    return _align_texts(sentences_zh, sentences_en, model, priors or SENTENCE_PRIORS)


def align_paragraphs(
    paragraphs_zh: Sequence[str],
    paragraphs_en: Sequence[str],
    model: LengthModel = SEED_MODEL,
) -> list[tuple[list[int], list[int]]]:
    """Pair paragraphs: one to one when the counts match, otherwise by length.

    When the counts differ, a Gale-Church alignment at paragraph level allows
    a paragraph to match one or two paragraphs of the other language, or
    (at a high cost) none.

    Example:
        >>> align_paragraphs(["甲。", "乙。"], ["A.", "B."])
        [([0], [0]), ([1], [1])]
        >>> zh = ["短短的一段。", "这是很长的一段，它在英文里被分成了两个段落，每段都不短。"]
        >>> en = ["A short paragraph.", "This is a long paragraph, which the English",
        ...       "splits into two paragraphs, neither of them short."]
        >>> align_paragraphs(zh, en)
        [([0], [0]), ([1], [1, 2])]
    """
    return [(pair.zh, pair.en) for pair in _paragraph_beads(paragraphs_zh, paragraphs_en, model)]


def _paragraph_beads(paragraphs_zh, paragraphs_en, model) -> list[AlignedPair]:
    """Paragraph beads with confidences (1.0 when the counts match and pairing is 1-1)."""
    if len(paragraphs_zh) == len(paragraphs_en):
        return [AlignedPair([i], [i], 1.0) for i in range(len(paragraphs_zh))]
    return _align_texts(paragraphs_zh, paragraphs_en, model, PARAGRAPH_PRIORS)


def _align_texts(texts_zh, texts_en, model, priors) -> list[AlignedPair]:
    """Beads of texts (sentences or paragraphs), aligned by their lengths."""
    lengths_zh = [text_length(text) for text in texts_zh]
    lengths_en = [text_length(text) for text in texts_en]
    return _align_lengths(lengths_zh, lengths_en, model, priors)


def _align_lengths(lengths_zh, lengths_en, model, priors) -> list[AlignedPair]:
    """Best bead sequence by dynamic programming, with forward-backward posteriors.

    Each bead's log-probability is computed once (:func:`_bead_costs`) and
    serves the best path, the forward and the backward pass and the posterior.
    """
    n, m = len(lengths_zh), len(lengths_en)
    costs = _bead_costs(lengths_zh, lengths_en, model, priors)
    minus_infinity = -math.inf
    best = [[minus_infinity] * (m + 1) for _ in range(n + 1)]
    forward = [[minus_infinity] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = forward[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            reach = forward[i][j]
            if reach == minus_infinity:
                continue
            score = best[i][j]
            for a, b, log_p in costs[i][j]:
                row_best, row_forward, k = best[i + a], forward[i + a], j + b
                if score + log_p > row_best[k]:
                    row_best[k] = score + log_p
                    back[(i + a, k)] = (a, b)
                total, term = row_forward[k], reach + log_p  # log(exp(total) + exp(term)):
                if total == minus_infinity:
                    row_forward[k] = term
                elif term != minus_infinity:
                    high, low = (total, term) if total >= term else (term, total)
                    row_forward[k] = high + math.log1p(math.exp(low - high))

    backward = [[minus_infinity] * (m + 1) for _ in range(n + 1)]
    backward[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            backward[i][j] = _log_sum(
                backward[i][j], [log_p + backward[i + a][j + b] for a, b, log_p in costs[i][j]]
            )

    beads, i, j = [], n, m
    while (i, j) != (0, 0):
        a, b = back[(i, j)]
        i, j = i - a, j - b
        log_p = next(cost for kind_a, kind_b, cost in costs[i][j] if (kind_a, kind_b) == (a, b))
        log_posterior = forward[i][j] + log_p + backward[i + a][j + b] - forward[n][m]
        confidence = min(1.0, max(0.0, math.exp(log_posterior)))
        beads.append(AlignedPair(list(range(i, i + a)), list(range(j, j + b)), confidence))
    return beads[::-1]


def _bead_costs(lengths_zh, lengths_en, model, priors) -> list[list[list[tuple]]]:
    """For every cell (i, j): the beads that start there, as (a, b, log P of the bead).

    A bead (a, b) joins zh[i:i+a] and en[j:j+b]; its log P is the log prior of
    its type plus the length model's log-probability of the two lengths (each
    pair of lengths is computed once).
    """
    n, m = len(lengths_zh), len(lengths_en)
    log_priors = [(a, b, math.log(p)) for (a, b), p in priors.items()]
    sums_zh, sums_en = _prefix_sums(lengths_zh), _prefix_sums(lengths_en)
    by_lengths: dict[tuple[int, int], float] = {}
    costs = []
    for i in range(n + 1):
        row = []
        for j in range(m + 1):
            beads = []
            for a, b, log_prior in log_priors:
                if i + a <= n and j + b <= m:
                    lengths = (sums_zh[i + a] - sums_zh[i], sums_en[j + b] - sums_en[j])
                    log_p = by_lengths.get(lengths)
                    if log_p is None:
                        log_p = by_lengths[lengths] = _length_log_probability(model, *lengths)
                    beads.append((a, b, log_prior + log_p))
            row.append(beads)
        costs.append(row)
    return costs


@lru_cache(maxsize=1 << 16)
def _length_log_probability(model: LengthModel, length_zh: int, length_en: int) -> float:
    """``model.log_probability``, remembered: articles repeat many pairs of lengths."""
    return model.log_probability(length_zh, length_en)


def _prefix_sums(lengths) -> list[int]:
    """[0, l0, l0 + l1, ...]: the sum of lengths[i:k] is sums[k] - sums[i]."""
    sums = [0]
    for length in lengths:
        sums.append(sums[-1] + length)
    return sums


def _log_sum(total: float, terms: list[float]) -> float:
    """log(exp(total) + exp(term) + ...), adding the terms in order, without overflow."""
    for term in terms:
        if total == -math.inf:
            total = term
        elif term != -math.inf:
            high, low = (total, term) if total >= term else (term, total)
            total = high + math.log1p(math.exp(low - high))
    return total


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
    rows = []
    for number, paragraph_pair in enumerate(
        _paragraph_beads(article.paragraphs_zh, article.paragraphs_en, model), 1
    ):
        sentences_zh = [
            sentence
            for index in paragraph_pair.zh
            for sentence in split_sentences_zh(article.paragraphs_zh[index])
        ]
        sentences_en = [
            sentence
            for index in paragraph_pair.en
            for sentence in split_sentences_en(article.paragraphs_en[index])
        ]
        for order, pair in enumerate(align_sentences(sentences_zh, sentences_en, model), 1):
            rows.append(
                {
                    "seg_id": f"P{number}.{order}",
                    "para": number,
                    "zh": "".join(sentences_zh[k] for k in pair.zh).strip(),
                    "en": " ".join(sentences_en[k] for k in pair.en),
                    "move": "",
                    "step": pd.NA,
                    "actors": [],
                    "note": "",
                    "confidence": paragraph_pair.confidence * pair.confidence,
                }
            )
    table = pd.DataFrame(rows, columns=ALIGNED_COLUMNS)
    table["para"] = table["para"].astype(int)
    table["step"] = table["step"].astype("Int64")
    table["confidence"] = table["confidence"].astype(float)
    return table
