"""How long a translation is: the length model of the alignment, and the bead priors.

Lengths are counted in characters, white space left out, on both sides
(:func:`text_length`). :data:`SEED_MODEL` holds the ratio (English characters
per Chinese character) and the variance fitted on the 19 hand-checked pairs of
the seed article (see :meth:`LengthModel.fit`); pass
``model=LengthModel.fit(...)`` to :mod:`helpers.model.align` to use others.
The priors of the bead types (:data:`SENTENCE_PRIORS`) are Gale and Church's,
moved towards one Chinese sentence for two English ones, the commonest
departure in Chinese-English translation; beads with no counterpart (1-0,
0-1) are rare and cost much.

Example:
    >>> text_length("互助 组"), SEED_MODEL.ratio
    (3, 4.1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def text_length(text: str) -> int:
    """The length of a text in characters, white space left out.

    Example:
        >>> text_length(" We went;\\n it rained. ")
        16
    """
    return len("".join(text.split()))  # str.split() splits at what \s matches


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
        lengths = [(text_length(zh), text_length(en)) for zh, en in pairs]
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
        return float(self.log_probabilities(np.array([length_zh]), np.array([length_en]))[0])

    def log_probabilities(self, lengths_zh: np.ndarray, lengths_en: np.ndarray) -> np.ndarray:
        """:meth:`log_probability` of many pairs of lengths at once (numpy arrays).

        The tail is log erfc(|z| / sqrt 2), by the Chebyshev fit that Gale and
        Church's aligner used (Numerical Recipes' ``erfcc``, relative error
        below 1.2e-7 everywhere, also far in the tail).

        Example:
            >>> SEED_MODEL.log_probabilities(np.array([0, 10]), np.array([0, 90])).round(2).tolist()
            [0.0, -5.46]
        """
        return log_length_probabilities(lengths_zh, lengths_en, self.ratio, self.variance)


def log_length_probabilities(lengths_zh, lengths_en, ratio, variance) -> np.ndarray:
    """:meth:`LengthModel.log_probabilities` with a ratio and variance per pair (or one for all).

    Many articles' pairs at once, each judged at its own article's ratio.

    Example:
        >>> ratios = np.array([4.1, 9.0])
        >>> log_length_probabilities([10, 10], [90, 90], ratios, 18.4).round(2).tolist()
        [-5.46, 0.0]
    """
    zh = np.asarray(lengths_zh, dtype=float)
    en = np.asarray(lengths_en, dtype=float)
    mean = (zh + en / ratio) / 2
    empty = mean == 0
    z = (ratio * zh - en) / np.sqrt(variance * np.where(empty, 1.0, mean))
    return np.where(empty, 0.0, np.minimum(_log_two_sided_tail(z), 0.0))


def _log_two_sided_tail(z: np.ndarray) -> np.ndarray:
    """log P(|Z| >= |z|) = log erfc(|z| / sqrt 2) for a standard normal Z, in log form."""
    x = np.abs(z) / math.sqrt(2)
    t = 1.0 / (1.0 + 0.5 * x)
    series = 0.17087277
    for coefficient in (-0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806,
                        0.09678418, 0.37409196, 1.00002368, -1.26551223):  # fmt: skip
        series = coefficient + t * series
    return np.log(t) - x * x + series


#: Fitted with ``LengthModel.fit`` on the seed's hand-checked pairs (rounded).
SEED_MODEL = LengthModel(ratio=4.1, variance=18.4)

# fmt: off
#: Prior probability of each bead type (Chinese sentences, English sentences).
SENTENCE_PRIORS = {
    (1, 1): 0.84, (1, 2): 0.08, (2, 1): 0.04, (2, 2): 0.02, (1, 0): 0.005, (0, 1): 0.005,
}
# fmt: on

#: Prior probability of each paragraph bead type, used when the counts differ.
PARAGRAPH_PRIORS = {(1, 1): 0.88, (1, 2): 0.05, (2, 1): 0.05, (1, 0): 0.01, (0, 1): 0.01}
