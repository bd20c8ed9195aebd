"""The dynamic programme of the alignment: banded, in numpy, many problems at once.

:func:`align_lengths_many` pairs units (sentences or paragraphs) by their
lengths, Gale and Church's way, for many problems in one pass: the best bead
sequence (Viterbi) and each bead's posterior probability (forward-backward).

Two things keep it within a fixed memory and time per sentence:

* **A band.** Only the cells (i, j) near the diagonal from (0, 0) to (n, m)
  are filled: ``|j·n - i·m| <= BAND · max(n, m)``, about ``2·BAND`` cells per
  unit instead of ``n·m``. When either side has at most :data:`BAND` units the
  band is the whole table, so short paragraphs are aligned exactly as by the
  full programme. A paragraph longer than :data:`MAX_UNITS` sentences raises
  :class:`AlignmentTooLarge` with a one-sentence message.
* **numpy, by anti-diagonals.** A cell depends only on cells of earlier
  anti-diagonals (i + j smaller), so each anti-diagonal of every problem of
  the batch is computed in one vector step.

Example:
    >>> from helpers.model.length_model import SEED_MODEL, SENTENCE_PRIORS
    >>> [bead.kind for bead in align_lengths_many([([10], [41])], SEED_MODEL, SENTENCE_PRIORS)[0]]
    ['1-1']
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from helpers.model.align_numeric import LengthTable, log_sum_exp, small_ints
from helpers.model.length_model import LengthModel

#: Half-width of the band, in units: beads stay this close to the diagonal.
BAND = 20
#: More units than this on one side of one paragraph pair are refused.
MAX_UNITS = 10_000
#: The probability factor for passing a paragraph end on one side only (see ``cuts``).
CUT_PENALTY = 0.2
#: A batch is cut into chunks of about this many cells (about 60 MB of arrays).
CHUNK_CELLS = 300_000


class AlignmentTooLarge(ValueError):
    """A paragraph too long to pair automatically; the message says what to do.

    Example:
        >>> str(AlignmentTooLarge.of(12_345))[:42]
        'A paragraph of 12,345 sentences is too lon'
    """

    @classmethod
    def of(cls, units: int) -> AlignmentTooLarge:
        """The error for a paragraph of ``units`` sentences.

        Example:
            >>> "split it" in str(AlignmentTooLarge.of(MAX_UNITS + 1))
            True
        """
        return cls(
            f"A paragraph of {units:,} sentences is too long to pair automatically (the "
            f"limit is {MAX_UNITS:,}): split it into shorter paragraphs, with an empty line "
            "between them, in both languages."
        )


@dataclass(slots=True)
class AlignedPair:
    """One bead: the Chinese and English units (by index) it joins, and its confidence.

    (Not frozen: a corpus makes hundreds of thousands of them, and a frozen
    dataclass is several times slower to make.)

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


def align_lengths_many(
    problems: Sequence[tuple[Sequence[int], Sequence[int]]],
    model: LengthModel,
    priors: dict[tuple[int, int], float],
    cuts: Sequence[tuple[set[int], set[int]]] | None = None,
) -> list[list[AlignedPair]]:
    """Align each (Chinese lengths, English lengths) problem: its beads, in order.

    Every unit lands in exactly one bead; a bead's ``confidence`` is its
    posterior probability. ``cuts`` (optional) gives, per problem, the units
    of each side that start a paragraph: a path that passes a paragraph end
    on one side where the other side has none pays :data:`CUT_PENALTY` (a
    soft anchor: paragraphs divided at other places are still followed).
    Raises :class:`AlignmentTooLarge` when one side of a problem has more
    than :data:`MAX_UNITS` units.

    Example:
        >>> from helpers.model.length_model import SEED_MODEL, SENTENCE_PRIORS
        >>> beads = align_lengths_many([([10, 20], [41, 40, 42]), ([], [])],
        ...                            SEED_MODEL, SENTENCE_PRIORS)
        >>> [[bead.kind for bead in problem] for problem in beads]
        [['1-1', '1-2'], []]
    """
    for zh, en in problems:
        if max(len(zh), len(en)) > MAX_UNITS:
            raise AlignmentTooLarge.of(max(len(zh), len(en)))
    kinds = sorted(priors, key=lambda kind: (-kind[0], -kind[1]))  # the full programme's order
    results: list[list[AlignedPair]] = [[] for _ in problems]
    chunk: list[int] = []
    cells = 0
    for number, (zh, en) in enumerate(problems):
        if not zh and not en:
            continue
        chunk.append(number)
        cells += _cell_estimate(len(zh), len(en))
        if cells >= CHUNK_CELLS:
            _solve_chunk(problems, cuts, chunk, model, priors, kinds, results)
            chunk, cells = [], 0
    if chunk:
        _solve_chunk(problems, cuts, chunk, model, priors, kinds, results)
    return results


def _cell_estimate(n: int, m: int) -> int:
    """About how many cells a problem's band holds."""
    return (n + 1) * min(m + 1, 2 * BAND * max(n, m) // max(n, 1) + 2)


def _solve_chunk(problems, cuts, chunk, model, priors, kinds, results) -> None:
    """Fill and trace one chunk of problems; each problem's beads go to ``results``."""
    chunk_cuts = [cuts[number] for number in chunk] if cuts is not None else None
    grid = _Grid([problems[number] for number in chunk], model, priors, kinds, chunk_cuts)
    _, choice, forward = grid.forward_pass()
    backward = grid.backward_pass()
    for number, beads in zip(chunk, grid.trace(choice, forward, backward), strict=True):
        results[number] = beads


class _Grid:
    """The band cells of a chunk of problems, in anti-diagonal order, and their beads."""

    def __init__(self, problems, model, priors, kinds, cuts=None):
        self.kinds = kinds
        sizes = np.array([(len(zh), len(en)) for zh, en in problems], dtype=np.int64)
        self.n, self.m = sizes[:, 0], sizes[:, 1]
        row_problem = np.repeat(np.arange(len(problems)), self.n + 1)
        row_i = np.arange(len(row_problem)) - np.repeat(
            np.cumsum(self.n + 1) - self.n - 1, self.n + 1
        )
        low, high = _band_rows(self.n[row_problem], self.m[row_problem], row_i)
        counts = high - low + 1
        row_start = np.cumsum(counts) - counts
        total = int(counts.sum())
        cell_row = np.repeat(np.arange(len(counts)), counts)
        cell_i = row_i[cell_row]
        cell_j = low[cell_row] + np.arange(total) - row_start[cell_row]
        diagonal = cell_i + cell_j
        order = np.argsort(small_ints(diagonal), kind="stable")  # a radix sort when small
        position = np.empty(total + 1, dtype=np.int64)
        position[order] = np.arange(total)
        position[total] = total  # the sentinel cell: log P = -inf
        self.size = total
        self.edges = np.searchsorted(diagonal[order], np.arange(int(diagonal.max()) + 2))
        self.cell_i, self.cell_j = cell_i[order], cell_j[order]
        first_cell = row_start[np.cumsum(self.n + 1) - self.n - 1]
        self.start = position[first_cell]
        last_row = np.cumsum(self.n + 1) - 1
        self.end = position[row_start[last_row] + self.m - low[last_row]]
        prefix_zh = _prefix_sums([zh for zh, _ in problems])
        prefix_en = _prefix_sums([en for _, en in problems])
        cell_problem = row_problem[cell_row]
        zh_at = (np.cumsum(self.n + 1) - self.n - 1)[cell_problem] + cell_i
        en_at = (np.cumsum(self.m + 1) - self.m - 1)[cell_problem] + cell_j
        shape = (len(kinds), total + 1)
        self.sources = np.full(shape, total, dtype=np.int64)
        self.costs = np.full(shape, -np.inf)
        self.targets = np.full(shape, total, dtype=np.int64)
        every = np.arange(total)
        ends_zh, ends_en = _paragraph_ends(problems, cuts)
        log_p_of = LengthTable(model, prefix_zh, prefix_en)
        for k, (a, b) in enumerate(kinds):
            valid = cell_i >= a
            source_row = np.where(valid, cell_row - a, 0)
            source_j = cell_j - b
            valid &= (source_j >= low[source_row]) & (source_j <= high[source_row])
            source = np.where(valid, row_start[source_row] + source_j - low[source_row], total)
            length_zh = prefix_zh[zh_at] - prefix_zh[np.where(valid, zh_at - a, zh_at)]
            length_en = prefix_en[en_at] - prefix_en[np.where(valid, en_at - b, en_at)]
            log_p = log_p_of(length_zh[valid], length_en[valid])
            cost = np.full(total, -np.inf)
            cost[valid] = log_p + math.log(priors[(a, b)])
            if cuts is not None:
                cost += _cut_costs(ends_zh, ends_en, zh_at, en_at, a, b)
            self.costs[k, :total] = cost[order]
            self.sources[k, :total] = position[source][order]
            ok = self.sources[k, :total] < total
            self.targets[k, self.sources[k, :total][ok]] = every[ok]

    def forward_pass(self):
        """Best score, best bead (index into kinds) and forward log-sum of every cell."""
        best = np.full(self.size + 1, -np.inf)
        forward = np.full(self.size + 1, -np.inf)
        choice = np.zeros(self.size + 1, dtype=np.int64)
        best[self.start] = forward[self.start] = 0.0
        columns = np.arange(self.size + 1)
        for d in range(1, len(self.edges) - 1):
            cells = slice(self.edges[d], self.edges[d + 1])
            if cells.start == cells.stop:
                continue
            sources, costs = self.sources[:, cells], self.costs[:, cells]
            scores = best[sources] + costs
            picked = scores.argmax(axis=0)
            choice[cells] = picked
            best[cells] = scores[picked, columns[: len(picked)]]
            forward[cells] = log_sum_exp(forward[sources] + costs)
        return best, choice, forward

    def backward_pass(self):
        """Backward log-sum of every cell: all the ways from it to its problem's end."""
        backward = np.full(self.size + 1, -np.inf)
        backward[self.end] = 0.0
        for d in range(len(self.edges) - 3, -1, -1):
            cells = slice(self.edges[d], self.edges[d + 1])
            if cells.start == cells.stop:
                continue
            targets = self.targets[:, cells]
            ways = log_sum_exp(backward[targets] + self.costs_at(targets))
            backward[cells] = np.logaddexp(backward[cells], ways)
        return backward

    def costs_at(self, targets):
        """The cost of each bead kind's row of ``targets`` (k, cells) at its target cell."""
        return np.take_along_axis(self.costs, targets, axis=1)

    def trace(self, choice, forward, backward) -> list[list[AlignedPair]]:
        """The best beads of every problem, traced from the ends together, with posteriors."""
        cell, steps = self.end.copy(), []
        going = cell != self.start
        while going.any():
            live = np.flatnonzero(going)
            k = choice[cell[live]]
            source = self.sources[k, cell[live]]
            steps.append((live, source, cell[live], k))
            cell[live] = source
            going = cell != self.start
        beads: list[list[AlignedPair]] = [[] for _ in self.end]
        if not steps:
            return beads
        problem, source, target, k = (np.concatenate(part) for part in zip(*steps, strict=True))
        total = forward[self.end][problem]
        posterior = np.exp(forward[source] + self.costs[k, target] + backward[target] - total)
        kinds = self.kinds
        rows = zip(  # noqa: B905 (equal lengths by construction)
            problem.tolist(),
            self.cell_i[source].tolist(),
            self.cell_j[source].tolist(),
            k.tolist(),
            np.clip(posterior, 0.0, 1.0).tolist(),
        )
        for number, i, j, kind, confidence in reversed(list(rows)):
            a, b = kinds[kind]
            beads[number].append(
                AlignedPair(list(range(i, i + a)), list(range(j, j + b)), confidence)
            )
        return beads


def _paragraph_ends(problems, cuts):
    """Per side, for every position 0..n of every problem: is a paragraph end there?"""
    if cuts is None:
        return None, None
    sides = []
    for side in (0, 1):
        sizes = [len(problem[side]) for problem in problems]
        ends = np.zeros(sum(sizes) + len(sizes), dtype=bool)
        marked, offset = [], 0
        for size, problem_cuts in zip(sizes, cuts, strict=True):
            marked += [offset, offset + size]
            marked += [offset + k for k in problem_cuts[side] if 0 < k < size]
            offset += size + 1
        ends[marked] = True
        sides.append(ends)
    return sides[0], sides[1]


def _cut_costs(ends_zh, ends_en, zh_at, en_at, a, b) -> np.ndarray:
    """The log penalty of a bead ending at each cell, for paragraph ends on one side only.

    At the bead's end, a paragraph end on one side but not the other costs
    one penalty; a paragraph end inside a two-unit side of the bead costs one.
    """
    mismatches = (ends_zh[zh_at] != ends_en[en_at]).astype(np.int64)
    if a == 2:
        mismatches += ends_zh[np.maximum(zh_at - 1, 0)]
    if b == 2:
        mismatches += ends_en[np.maximum(en_at - 1, 0)]
    return mismatches * math.log(CUT_PENALTY)


def _band_rows(n, m, i):
    """For each row i of a problem of size (n, m): its first and last column in the band."""
    wide = BAND * np.maximum(n, m)
    safe_n = np.maximum(n, 1)
    low = np.where(n > 0, -((wide - i * m) // safe_n), 0)
    high = np.where(n > 0, (i * m + wide) // safe_n, m)
    return np.clip(low, 0, m), np.clip(high, 0, m)


def _prefix_sums(lists) -> np.ndarray:
    """Each list's prefix sums [0, l0, l0 + l1, ...], one after the other."""
    sizes = np.array([len(lengths) for lengths in lists], dtype=np.int64)
    flat = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64, count=sizes.sum())
    sums = np.zeros(int(sizes.sum()) + len(sizes), dtype=np.int64)
    values = np.ones(len(sums), dtype=bool)
    values[np.cumsum(sizes + 1) - sizes - 1] = False
    running = np.cumsum(flat)
    before = np.concatenate(([0], running))[np.cumsum(sizes) - sizes]
    sums[values] = running - np.repeat(before, sizes)
    return sums
