"""The agreement formulas: Cohen's kappa, Fleiss' kappa, Krippendorff's alpha, per-tag figures.

Kappa is computed here in a few lines of pandas:
kappa = (observed - expected) / (1 - expected), where "expected" is the
agreement two coders would reach by chance with the same tag frequencies.
It is 1 for full agreement and 0 for agreement no better than chance. When
chance alone gives full agreement (everyone used one single tag), kappa is
undefined and shown as NaN ("undefined"); the raw percent still says 100.
Krippendorff's alpha (nominal) comes from the maintained ``krippendorff``
package (:func:`krippendorff_alpha`).

A *count table* is segments x tags: how many coders gave each tag to each
segment (:func:`rating_counts` makes it from segments x coders). Codes may be
missing: a segment counts with the coders who coded it, and a segment coded by
fewer than two is left out (Fleiss' formula for unequal numbers of coders per
segment, which is Fleiss' own when every segment has as many). The tables
of the agreement report are built here too: every pair of coders
(:func:`cohen_table`), every tag (:func:`per_tag_table`) and the segments the
coders split on (:func:`disputed_segments`).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import krippendorff
import numpy as np
import pandas as pd

from helpers.model.tagset import TagSet
from helpers.model.text import is_missing


def chance_corrected(observed: float, expected: float) -> float:
    """Kappa from observed and chance agreement: (observed - expected) / (1 - expected).

    NaN when chance alone gives full agreement (expected = 1).

    Example:
        >>> chance_corrected(0.7, 0.5)
        0.4
    """
    if abs(expected - 1.0) <= 1e-8 + 1e-5:  # np.isclose(expected, 1.0), without its overhead
        return float("nan")
    return round(float((observed - expected) / (1 - expected)), 12)


def cohen_kappa(tags_a, tags_b) -> float:
    """Cohen's kappa of two coders' tags for the same segments (two equal-length lists).

    Example:
        >>> cohen_kappa(["x", "x", "y", "y"], ["x", "x", "y", "x"])
        0.5
    """
    pairs = pd.DataFrame({"a": list(tags_a), "b": list(tags_b)})
    if pairs.empty:
        return float("nan")
    observed = (pairs["a"] == pairs["b"]).mean()
    share_a = pairs["a"].value_counts(normalize=True)
    share_b = pairs["b"].value_counts(normalize=True)
    expected = (share_a * share_b).sum()  # tags only one coder used give NaN, skipped
    return chance_corrected(observed, expected)


def rating_counts(codings: pd.DataFrame) -> pd.DataFrame:
    """How many coders gave each tag to each segment: segments x tags, from segments x coders.

    Example:
        >>> codings = pd.DataFrame({"A": ["x", "y"], "B": ["x", "x"]}, index=["s1", "s2"])
        >>> rating_counts(codings).to_dict("index")
        {'s1': {'x': 2, 'y': 0}, 's2': {'x': 1, 'y': 1}}
    """
    tallies = {
        seg: Counter(tag for tag in given(row) if tag is not None)
        for seg, row in zip(codings.index, codings.itertuples(index=False, name=None), strict=True)
    }
    tags = sorted({tag for tally in tallies.values() for tag in tally})
    rows = {seg: [tally[tag] for tag in tags] for seg, tally in tallies.items() if tally}
    return pd.DataFrame.from_dict(rows, orient="index", columns=tags, dtype="int64")


def pairable(counts: pd.DataFrame) -> pd.DataFrame:
    """The segments of a count table that two coders or more coded (the others say nothing).

    Example:
        >>> len(pairable(pd.DataFrame({"x": [2, 1], "y": [0, 0]})))
        1
    """
    return counts[counts.sum(axis=1) >= 2]


def observed_agreement(counts: pd.DataFrame) -> float:
    """Fleiss' observed agreement: the mean share of agreeing coder pairs per segment.

    Each segment counts with the coders who coded it; segments coded by fewer
    than two are left out.

    Example:
        >>> observed_agreement(pd.DataFrame({"x": [2, 1, 1], "y": [0, 1, 0]}))
        0.5
    """
    counts = pairable(counts)
    raters = counts.sum(axis=1)
    agreeing_pairs = (counts * (counts - 1)).sum(axis=1)
    return float((agreeing_pairs / (raters * (raters - 1))).mean())  # NaN when none is left


def fleiss_kappa(counts: pd.DataFrame) -> float:
    """Fleiss' kappa from a segments x tags count table; codes may be missing.

    On each segment, the coders who coded it (at least two); the tag shares
    are those of every code on those segments. With as many coders on every
    segment it is Fleiss' (1971) kappa, as statsmodels computes it.

    Example:
        >>> fleiss_kappa(pd.DataFrame({"x": [3, 0, 1], "y": [0, 2, 0]}))
        1.0
    """
    counts = pairable(counts)
    if counts.empty:
        return float("nan")
    shares = counts.sum() / counts.to_numpy().sum()
    expected = (shares**2).sum()
    return chance_corrected(observed_agreement(counts), expected)


def krippendorff_alpha(counts: pd.DataFrame) -> float:
    """Krippendorff's alpha (nominal) from a count table, with the ``krippendorff`` package.

    It uses every code given: a segment with one code only adds nothing. NaN
    when it is undefined (one tag only, or no segment coded by two).

    Example:
        >>> round(krippendorff_alpha(pd.DataFrame({"x": [2, 0, 1], "y": [0, 2, 1]})), 3)
        0.444
    """
    counts = pairable(counts)
    if counts.empty or counts.shape[1] < 2:
        return float("nan")
    try:
        with np.errstate(all="ignore"):
            value = krippendorff.alpha(
                value_counts=counts.to_numpy(), level_of_measurement="nominal"
            )
    except (ValueError, ZeroDivisionError, FloatingPointError):
        return float("nan")
    return float(round(value, 12)) if np.isfinite(value) else float("nan")


def per_tag_kappa(counts: pd.DataFrame) -> pd.Series:
    """Fleiss' per-category kappa: agreement on using each tag or not, beyond chance.

    kappa_j = 1 - sum_i n_ij (n_i - n_ij) / (n_i (n_i - 1)) / (N p_j (1 - p_j)), over
    the N segments coded by two coders or more (with n_i = n it is Fleiss' own).

    Example:
        >>> per_tag_kappa(pd.DataFrame({"x": [2, 0], "y": [0, 2]})).tolist()
        [1.0, 1.0]
    """
    counts = pairable(counts)
    raters = counts.sum(axis=1)
    shares = counts.sum() / raters.sum() if len(counts) else counts.sum()
    split = counts.mul(-1).add(raters, axis=0).mul(counts).div(raters * (raters - 1), axis=0)
    spread = len(counts) * shares * (1 - shares)
    kappas = 1 - split.sum() / spread.where(~np.isclose(spread, 0))
    return kappas.astype(float).round(12)


def per_tag_alpha(counts: pd.DataFrame) -> pd.Series:
    """Krippendorff's alpha of each tag used or not (binary, nominal), every code counted.

    Example:
        >>> per_tag_alpha(pd.DataFrame({"x": [2, 0, 1], "y": [0, 2, 0]})).tolist()
        [1.0, 1.0]
    """
    raters = counts.sum(axis=1)
    return pd.Series(
        {
            tag: krippendorff_alpha(pd.DataFrame({"yes": counts[tag], "no": raters - counts[tag]}))
            for tag in counts.columns
        },
        dtype=float,
    )


def specific_agreement(counts: pd.DataFrame) -> pd.Series:
    """Specific (positive) agreement per tag: sum n_ij (n_ij - 1) / sum n_ij (n - 1).

    For two coders it is 2a / (2a + b + c), the classic positive agreement.

    Example:
        >>> specific_agreement(pd.DataFrame({"x": [2, 1], "y": [0, 1]})).tolist()
        [0.6666666666666666, 0.0]
    """
    raters = counts.sum(axis=1)
    same = (counts * (counts - 1)).sum()
    possible = counts.mul(raters - 1, axis=0).sum()
    return same / possible


def cohen_table(codings: pd.DataFrame) -> pd.DataFrame:
    """Cohen's kappa and raw percent for every pair of coders, on the segments both coded.

    ``codings`` is segments x coders (a tag, or missing where a coder left the
    segment out). Plain Python over each coder's column read once: a class of
    30 coders has 435 pairs, and pandas objects per pair would cost a second.

    Example:
        >>> codings = pd.DataFrame({"A": ["x", "y", None], "B": ["x", "x", "y"]})
        >>> cohen_table(codings)[["coder_a", "coder_b", "segments", "percent"]].values.tolist()
        [['A', 'B', 2, 50.0]]
    """
    columns = {coder: given(codings[coder].tolist()) for coder in codings.columns}
    rows = []
    for coder_a, coder_b in combinations(codings.columns, 2):
        both = [
            (tag_a, tag_b)
            for tag_a, tag_b in zip(columns[coder_a], columns[coder_b], strict=True)
            if tag_a is not None and tag_b is not None
        ]
        same = sum(tag_a == tag_b for tag_a, tag_b in both)
        rows.append(
            {
                "coder_a": coder_a,
                "coder_b": coder_b,
                "segments": len(both),
                "percent": 100 * (same / len(both)) if both else float("nan"),
                "kappa": _pair_kappa(both, same),
            }
        )
    return pd.DataFrame(rows, columns=["coder_a", "coder_b", "segments", "percent", "kappa"])


def given(tags: list) -> list:
    """The tags with every missing one (NaN, None, pd.NA) as None.

    Example:
        >>> given(["x", float("nan"), None])
        ['x', None, None]
    """
    return [None if is_missing(tag) else tag for tag in tags]


def _pair_kappa(both: list[tuple], same: int) -> float:
    """Cohen's kappa of (tag_a, tag_b) pairs, ``same`` of them equal: as :func:`cohen_kappa`."""
    if not both:
        return float("nan")
    shares_a = Counter(tag_a for tag_a, _ in both)
    shares_b = Counter(tag_b for _, tag_b in both)
    count = len(both)
    chance = sum(shares_a[tag] * shares_b[tag] for tag in shares_a if tag in shares_b)
    return chance_corrected(same / count, chance / (count * count))


def per_tag_table(counts: pd.DataFrame, tagset: TagSet | None = None) -> pd.DataFrame:
    """Per tag: its label, how often it was used, its kappa and its specific agreement.

    Example:
        >>> per_tag_table(pd.DataFrame({"lead": [2, 0], "x": [0, 2]}))["label"].tolist()
        ['Lead', 'x']
    """
    tagset = tagset if tagset is not None else TagSet.moves()
    columns = ["tag", "label", "uses", "kappa", "alpha", "specific agreement %"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    tags = tagset.ordered(counts.columns)
    counts = counts[tags]
    return pd.DataFrame(
        {
            "tag": tags,
            "label": [tagset.label(tag) for tag in tags],
            "uses": counts.sum().to_list(),
            "kappa": per_tag_kappa(counts).to_list(),
            "alpha": per_tag_alpha(counts).to_list(),
            "specific agreement %": (100 * specific_agreement(counts)).to_list(),
        },
        columns=columns,
    )


def disputed_segments(
    codings: pd.DataFrame, notes: pd.DataFrame, table: pd.DataFrame
) -> pd.DataFrame:
    """The segments the coders split on, most split first, with every tag, note and text.

    Example:
        >>> codings = pd.DataFrame({"A": ["lead"], "B": ["situation"]}, index=["P1.1"])
        >>> from helpers.model.source import as_table
        >>> disputed_segments(codings, codings, as_table())["split"].tolist()
        ['lead ×1, situation ×1']
    """
    texts_zh = dict(zip(table["seg_id"], table["zh"], strict=True))
    texts_en = dict(zip(table["seg_id"], table["en"], strict=True))
    coders = list(codings.columns)
    tag_columns = [given(codings[coder].tolist()) for coder in coders]
    note_columns = [given(notes[coder].tolist()) for coder in coders]
    rows = []
    for number, seg_id in enumerate(codings.index):
        tags = [column[number] for column in tag_columns]
        tally = Counter(tag for tag in tags if tag is not None).most_common()
        if len(tally) < 2:  # fewer than two coders, or all of one mind
            continue
        row = {
            "seg_id": seg_id,
            "zh": texts_zh.get(seg_id, ""),
            "en": texts_en.get(seg_id, ""),
            "split": ", ".join(f"{tag} ×{count}" for tag, count in tally),
            "tags": len(tally),
            "majority %": 100 * tally[0][1] / sum(count for _, count in tally),
            "order": number,
        }
        for coder, tag, notes_column in zip(coders, tags, note_columns, strict=True):
            row[f"tag: {coder}"] = "" if tag is None else tag
            row[f"note: {coder}"] = "" if notes_column[number] is None else notes_column[number]
        rows.append(row)
    if not rows:
        return pd.DataFrame(columns=["seg_id", "zh", "en", "split", "tags", "majority %"])
    frame = pd.DataFrame(rows)
    frame = frame.sort_values(["tags", "majority %", "order"], ascending=[False, True, True])
    return frame.drop(columns="order").reset_index(drop=True)
