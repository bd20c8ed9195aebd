"""How far an automatic alignment agrees with a hand-checked one: pairs and boundaries.

:func:`alignment_agreement` scores a table from
:func:`helpers.model.align.align_article` against a reference table (for the
seed, the hand-checked :func:`helpers.model.tables.segments`).

Example:
    >>> import pandas as pd
    >>> table = pd.DataFrame({"zh": ["甲。", "乙。"], "en": ["A.", "B."]})
    >>> alignment_agreement(table, table)["f1"]
    1.0
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from helpers.model.length_model import text_length
from helpers.model.text import squeeze


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
        >>> from helpers.model.align import align_article
        >>> from helpers.model.article import load_article
        >>> from helpers.model.tables import segments
        >>> scores = alignment_agreement(align_article(load_article()), segments())
        >>> scores["boundary_precision"]
        1.0
    """
    if squeeze("".join(auto["zh"])) != squeeze("".join(reference["zh"])) or squeeze(
        "".join(auto["en"])
    ) != squeeze("".join(reference["en"])):
        raise ValueError(
            "The two alignments do not cover the same text, so they cannot be compared."
        )
    auto_pairs = Counter(zip(auto["zh"].map(squeeze), auto["en"].map(squeeze), strict=True))
    reference_pairs = Counter(
        zip(reference["zh"].map(squeeze), reference["en"].map(squeeze), strict=True)
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


def _cut_points(table: pd.DataFrame) -> set[tuple[int, int]]:
    """(zh offset, en offset) after every segment but the last, white space left out."""
    cuts, at_zh, at_en = set(), 0, 0
    for zh, en in zip(table["zh"], table["en"], strict=True):
        at_zh += text_length(zh)
        at_en += text_length(en)
        cuts.add((at_zh, at_en))
    cuts.discard((at_zh, at_en))
    return cuts


def _precision_recall(shared: int, found: int, expected: int, prefix: str) -> dict[str, float]:
    precision = shared / found if found else 0.0
    recall = shared / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}precision": precision, f"{prefix}recall": recall, f"{prefix}f1": f1}
