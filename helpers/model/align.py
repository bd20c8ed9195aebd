"""Split any article into sentences and pair the Chinese with the English.

This is what lets a reader bring an article of their own: it needs no hand
work. Three steps, each a function you can call on its own:

1. :func:`split_sentences_zh` and :func:`split_sentences_en` cut a paragraph
   into sentences without losing a character.
2. :func:`align_paragraphs` pairs the paragraphs: one to one when both
   languages have as many, otherwise by length (a paragraph may be split in
   two in the other language, or, rarely, have no counterpart).
3. :func:`align_sentences` pairs the sentences inside each paragraph pair with
   the method of Gale and Church (1993): a translation is about as long as its
   original, times a ratio, so the pairing whose lengths fit best wins. A pair
   ("bead") may join one or two sentences on each side, because a translator
   often makes two English sentences of one long Chinese one.

:func:`align_article` does all three and returns a table with the columns of
:func:`helpers.model.tables.segments` plus ``confidence``; :func:`alignment_agreement`
measures how far an automatic alignment agrees with a hand-checked one.

The length model
----------------
Lengths are counted in characters, white space left out, on both sides.
:data:`SEED_MODEL` holds the ratio (English characters per Chinese character)
and the variance fitted on the 19 hand-checked pairs of the seed article (see
:meth:`LengthModel.fit`); pass ``model=LengthModel.fit(...)`` to use others.
The priors of the bead types (:data:`SENTENCE_PRIORS`) are Gale and Church's,
moved towards one Chinese sentence for two English ones, the commonest
departure in Chinese-English translation; beads with no counterpart (1-0,
0-1) are rare and cost much.

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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.model.article import Article
from helpers.model.tables import SEGMENT_COLUMNS

_SPACE = re.compile(r"\s+")

# ---------------------------------------------------------------- splitting

_ZH_DATELINE = re.compile(r"\s*【[^【】]*】\s*")
_ZH_END = re.compile(r"[。！？；!?]+[”’」』）)]*\s*")

_EN_END = re.compile(r"([.!?]+)([\"'”’)\]]*)(\s+)(?=[\"“‘'(\[]*[A-Z])")
_EN_SEMICOLON = re.compile(r"(;)()(\s+)(?=\S)")
_EN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt no nos vol vols fig figs pp p cf vs gen col lt capt sgt
    gov sen rep rev jr sr co corp inc ltd jan feb mar apr jun jul aug sep sept oct nov dec
    approx est dept univ""".split()
)
_DOTTED_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]$")  # e.g, i.e, U.S
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def split_sentences_zh(paragraph: str) -> list[str]:
    """Cut a Chinese paragraph into sentences, losing no character.

    A sentence ends after 。！？ or ；, with any closing quotation marks that
    follow (``！”``), and a dateline in 【】 at the start is a sentence of its
    own. White space after a sentence stays with it, so joining the sentences
    gives back the paragraph exactly.

    Example:
        >>> split_sentences_zh("【新华社北京一日电】今天晴。他说：“好！”我们走吧；明天见")
        ['【新华社北京一日电】', '今天晴。', '他说：“好！”', '我们走吧；', '明天见']
    """
    if not paragraph:
        return []
    cuts = []
    dateline = _ZH_DATELINE.match(paragraph)
    if dateline and dateline.group().strip():
        cuts.append(dateline.end())
    cuts += [match.end() for match in _ZH_END.finditer(paragraph)]
    return _cut(paragraph, cuts)


def split_sentences_en(paragraph: str, semicolons: bool = True) -> list[str]:
    """Cut an English paragraph into sentences, each stripped of outer white space.

    A sentence ends after . ! or ? (with any closing quotes or brackets) when
    white space and a capital letter (perhaps behind an opening quote) follow,
    but not after an abbreviation (Mr., Dr., No., e.g., U.S., ...) or an
    initial (J. Smith). With ``semicolons`` (the default) it also ends after
    ``;``, because Chinese sentences end at ； and translators mostly keep
    the semicolon in place. Joined with single spaces, the sentences give back
    the paragraph, white space aside.

    Example:
        >>> split_sentences_en('Mr. J. Smith came. He said: "Go!" We went; it rained.')
        ['Mr. J. Smith came.', 'He said: "Go!"', 'We went;', 'it rained.']
        >>> split_sentences_en("We went; it rained.", semicolons=False)
        ['We went; it rained.']
    """
    cuts = []
    for match in _EN_END.finditer(paragraph):
        if match.group(1) == "." and _is_abbreviation(paragraph[: match.start(1)]):
            continue
        cuts.append(match.end(2))
    if semicolons:
        cuts += [match.end(1) for match in _EN_SEMICOLON.finditer(paragraph)]
    return [piece.strip() for piece in _cut(paragraph, cuts) if piece.strip()]


def _is_abbreviation(before_dot: str) -> bool:
    """Is the word just before a full stop an abbreviation or an initial?"""
    match = _LAST_WORD.search(before_dot)
    if not match:
        return False
    word = match.group(1).lstrip(".")
    if len(word) == 1 and word.isupper():
        return True  # an initial, as in "J. Smith"
    return word.lower() in _EN_ABBREVIATIONS or bool(_DOTTED_ABBREVIATION.fullmatch(word))


def _cut(text: str, cuts: list[int]) -> list[str]:
    """Cut text at the given offsets into non-empty pieces that join back to it."""
    pieces, start = [], 0
    for cut in sorted(set(cuts)):
        if start < cut < len(text):
            pieces.append(text[start:cut])
            start = cut
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


# ---------------------------------------------------------------- the length model


@dataclass(frozen=True)
class LengthModel:
    """How long a translation is: English characters per Chinese character, and spread.

    ``ratio`` is c and ``variance`` is s² in Gale and Church's model: the
    English of a Chinese text of n characters has about c·n characters, with
    variance s²·n.

    Example:
        >>> model = LengthModel.fit([("一二三四", "abcdefgh"), ("一二", "abcd")])
        >>> model.ratio
        2.0
    """

    ratio: float
    variance: float

    @classmethod
    def fit(cls, pairs: Sequence[tuple[str, str]]) -> LengthModel:
        """Fit the ratio and variance on (Chinese, English) pairs known to be translations.

        The ratio is total English length over total Chinese length; the
        variance is the mean of (c·zh - en)² / ((zh + en/c) / 2) over the pairs,
        with a floor of 1 so that a perfectly regular sample does not give 0.

        Example:
            >>> from helpers.model.tables import segments
            >>> model = LengthModel.fit(list(zip(segments().zh, segments().en)))
            >>> round(model.ratio, 1), round(model.variance, 1)
            (4.1, 18.4)
        """
        lengths = [(_length(zh), _length(en)) for zh, en in pairs]
        lengths = [(zh, en) for zh, en in lengths if zh and en]
        if not lengths:
            raise ValueError(
                "Fitting a length model needs at least one pair with text on both sides."
            )
        ratio = sum(en for _, en in lengths) / sum(zh for zh, _ in lengths)
        spread = [(ratio * zh - en) ** 2 / ((zh + en / ratio) / 2) for zh, en in lengths]
        return cls(ratio=ratio, variance=max(1.0, sum(spread) / len(spread)))

    def log_probability(self, length_zh: int, length_en: int) -> float:
        """Log of the chance that texts of these lengths are translations (two-sided tail).

        Example:
            >>> SEED_MODEL.log_probability(10, 30) > SEED_MODEL.log_probability(10, 90)
            True
        """
        if length_zh == 0 and length_en == 0:
            return 0.0
        mean = (length_zh + length_en / self.ratio) / 2
        z = (self.ratio * length_zh - length_en) / math.sqrt(self.variance * mean)
        return _log_two_sided_tail(z)


def _log_two_sided_tail(z: float) -> float:
    """log P(|Z| >= |z|) for a standard normal Z, accurate far into the tail."""
    x = abs(z) / math.sqrt(2)
    tail = math.erfc(x)
    if tail > 1e-300:
        return math.log(tail)
    return -x * x - math.log(x * math.sqrt(math.pi))  # asymptotic form of log erfc(x)


#: Fitted with ``LengthModel.fit`` on the seed's hand-checked pairs (rounded).
SEED_MODEL = LengthModel(ratio=4.1, variance=18.4)

#: Prior probability of each bead type (Chinese sentences, English sentences).
SENTENCE_PRIORS = {
    (1, 1): 0.84,
    (1, 2): 0.08,
    (2, 1): 0.04,
    (2, 2): 0.02,
    (1, 0): 0.005,
    (0, 1): 0.005,
}

#: Prior probability of each paragraph bead type, used when the counts differ.
PARAGRAPH_PRIORS = {
    (1, 1): 0.88,
    (1, 2): 0.05,
    (2, 1): 0.05,
    (1, 0): 0.01,
    (0, 1): 0.01,
}


def _length(text: str) -> int:
    """Characters, white space left out."""
    return len(_SPACE.sub("", text))


# ---------------------------------------------------------------- alignment


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
        """The bead type, as '1-1', '1-2', '2-1', '2-2', '1-0' or '0-1'."""
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
    lengths_zh = [_length(text) for text in sentences_zh]
    lengths_en = [_length(text) for text in sentences_en]
    return _align_lengths(lengths_zh, lengths_en, model, priors or SENTENCE_PRIORS)


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
    lengths_zh = [_length(text) for text in paragraphs_zh]
    lengths_en = [_length(text) for text in paragraphs_en]
    return _align_lengths(lengths_zh, lengths_en, model, PARAGRAPH_PRIORS)


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


# ---------------------------------------------------------------- agreement


def alignment_agreement(auto: pd.DataFrame, reference: pd.DataFrame) -> dict[str, float]:
    """How far an automatic alignment agrees with a reference one (two measures).

    *Pairs*: a pair is its (Chinese, English) text with white space removed;
    ``precision`` is the share of automatic pairs found in the reference,
    ``recall`` the share of reference pairs found, ``f1`` their harmonic mean.
    A 1-2 bead where the reference has two pairs counts as wrong.

    *Boundaries*: every segment end but the last is a cut point at the same
    place in both texts: (Chinese characters before it, English characters
    before it), white space left out. ``boundary_precision``,
    ``boundary_recall`` and ``boundary_f1`` compare those cut points. A 1-2
    bead in place of two reference pairs loses one boundary, not two pairs.
    Both tables must cover the same text.

    Example:
        >>> from helpers import load_article, segments
        >>> scores = alignment_agreement(align_article(load_article()), segments())
        >>> scores["boundary_precision"]
        1.0
    """
    if _squeeze("".join(auto["zh"])) != _squeeze("".join(reference["zh"])) or _squeeze(
        "".join(auto["en"])
    ) != _squeeze("".join(reference["en"])):
        raise ValueError(
            "The two alignments do not cover the same text, so they cannot be compared."
        )
    auto_pairs = Counter(zip(auto["zh"].map(_squeeze), auto["en"].map(_squeeze), strict=True))
    reference_pairs = Counter(
        zip(reference["zh"].map(_squeeze), reference["en"].map(_squeeze), strict=True)
    )
    shared_pairs = sum((auto_pairs & reference_pairs).values())
    auto_cuts, reference_cuts = _cut_points(auto), _cut_points(reference)
    shared_cuts = len(auto_cuts & reference_cuts)
    scores = {
        "pairs_auto": len(auto),
        "pairs_reference": len(reference),
        "pairs_shared": shared_pairs,
    }
    scores |= _precision_recall(shared_pairs, len(auto), len(reference), prefix="")
    scores |= {
        "boundaries_auto": len(auto_cuts),
        "boundaries_reference": len(reference_cuts),
        "boundaries_shared": shared_cuts,
    }
    scores |= _precision_recall(
        shared_cuts, len(auto_cuts), len(reference_cuts), prefix="boundary_"
    )
    return scores


def _squeeze(text: str) -> str:
    return _SPACE.sub("", str(text))


def _cut_points(table: pd.DataFrame) -> set[tuple[int, int]]:
    """(zh offset, en offset) after every segment but the last, white space left out."""
    cuts, at_zh, at_en = set(), 0, 0
    for zh, en in zip(table["zh"], table["en"], strict=True):
        at_zh += _length(zh)
        at_en += _length(en)
        cuts.add((at_zh, at_en))
    cuts.discard((at_zh, at_en))
    return cuts


def _precision_recall(shared: int, found: int, expected: int, prefix: str) -> dict[str, float]:
    precision = shared / found if found else 0.0
    recall = shared / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}precision": precision, f"{prefix}recall": recall, f"{prefix}f1": f1}
