"""Numeric shortcuts of the alignment's programme, each giving what the plain way gives.

:mod:`helpers.model.align_dp` fills millions of cells for a corpus; these
make its commonest steps quick without changing a result:
:class:`LengthTable` (the length model's log-probabilities looked up, not
recomputed for each of six bead kinds), :func:`log_sum_exp` (one exp per
value, not a logaddexp per pair) and :func:`small_ints` (a stable radix sort).

Example:
    >>> import numpy as np
    >>> log_sum_exp(np.log(np.array([[0.25], [0.75]]))).round(12).tolist()
    [0.0]
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from helpers.model.length_model import LengthModel


class LengthTable:
    """``model.log_probabilities`` of pairs of lengths, looked up in a table when it is small.

    The lengths of a chunk's beads are at most the longest paragraph's, so one
    table of every (Chinese, English) length pair up to those, computed once,
    serves all six bead kinds; a table that would be too large (very long
    sentences) is not built, and each pair is computed as it comes.

    Example:
        >>> from helpers.model.length_model import SEED_MODEL
        >>> lookup = LengthTable(SEED_MODEL, np.array([0, 10, 30]), np.array([0, 41, 120]))
        >>> lookup(np.array([10]), np.array([41])) == SEED_MODEL.log_probabilities([10], [41])
        array([ True])
    """

    LARGEST_TABLE = 2_000_000

    def __init__(self, model: LengthModel, prefix_zh: np.ndarray, prefix_en: np.ndarray):
        self.model = model
        rows, columns = longest_bead(prefix_zh) + 1, longest_bead(prefix_en) + 1
        self.table = None
        if rows * columns <= self.LARGEST_TABLE:
            self.table = _length_table(model, _rounded_up(rows), _rounded_up(columns))

    def __call__(self, lengths_zh: np.ndarray, lengths_en: np.ndarray) -> np.ndarray:
        """The log-probability of each pair of lengths (integer arrays of one shape)."""
        if self.table is None:
            return self.model.log_probabilities(lengths_zh, lengths_en)
        return self.table[lengths_zh, lengths_en]


def longest_bead(prefix: np.ndarray) -> int:
    """The longest length one or two consecutive units reach, from the prefix sums.

    Across a problem's border the differences are smaller (the sums restart at
    0), so they never raise the answer.

    Example:
        >>> longest_bead(np.array([0, 5, 12, 13, 0, 30]))  # problems [5, 7, 1] and [30]
        30
    """
    longest = 0
    for step in (1, 2):
        if len(prefix) > step:
            longest = max(longest, int((prefix[step:] - prefix[:-step]).max()))
    return longest


def _rounded_up(size: int) -> int:
    """The next power of two (at least 64): chunks of similar articles share one table."""
    return max(64, 1 << (size - 1).bit_length())


@lru_cache(maxsize=4)
def _length_table(model: LengthModel, rows: int, columns: int) -> np.ndarray:
    """``model.log_probabilities`` of every (zh, en) length pair below (rows, columns)."""
    zh, en = np.meshgrid(np.arange(rows), np.arange(columns), indexing="ij")
    return model.log_probabilities(zh.ravel(), en.ravel()).reshape(rows, columns)


def log_sum_exp(values: np.ndarray) -> np.ndarray:
    """log(sum(exp(values))) down the first axis, -inf where every value is -inf.

    What ``np.logaddexp.reduce(values, axis=0)`` gives (to rounding), in
    one exp per value and one log per column instead of a logaddexp per pair.

    Example:
        >>> log_sum_exp(np.array([[0.0, -np.inf], [0.0, -np.inf]])).round(6).tolist()
        [0.693147, -inf]
    """
    top = values.max(axis=0)
    shift = np.where(top == -np.inf, 0.0, top)
    with np.errstate(divide="ignore"):
        return shift + np.log(np.exp(values - shift).sum(axis=0))


def small_ints(values: np.ndarray) -> np.ndarray:
    """The values as 16-bit integers when they fit (numpy sorts those by radix, stably).

    Example:
        >>> small_ints(np.array([3, 1, 2])).dtype, small_ints(np.array([70_000])).dtype
        (dtype('int16'), dtype('int64'))
    """
    if values.size and 0 <= values.min() and values.max() < 2**15:
        return values.astype(np.int16)
    return values
