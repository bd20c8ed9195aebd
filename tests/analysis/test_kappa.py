"""The agreement formulas against worked examples, the fast tables against pandas, and the
class figures against the krippendorff, statsmodels and scikit-learn packages."""

import random
from fractions import Fraction
from itertools import combinations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from helpers.analysis.agreement import example_codings
from helpers.analysis.kappa import (
    cohen_kappa,
    cohen_table,
    disputed_segments,
    fleiss_kappa,
    krippendorff_alpha,
    observed_agreement,
    pairable,
    per_tag_alpha,
    per_tag_kappa,
    rating_counts,
    specific_agreement,
)
from helpers.model.tables import segments
from helpers.render.agreement import agreement

SEG_IDS = list(segments()["seg_id"])


# ---------------------------------------------------------------- the formulas


def test_cohen_kappa_of_a_textbook_two_by_two_table():
    # Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, two readers;
    # both yes 20, A yes / B no 5, A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    # Positive agreement for "yes": 2*20 / (2*20 + 5 + 10) = 40/55.
    counts = pd.DataFrame({"yes": [2] * 20 + [1] * 15 + [0] * 15})
    counts["no"] = 2 - counts["yes"]
    assert specific_agreement(counts)["yes"] == pytest.approx(40 / 55)


def test_fleiss_kappa_of_the_textbook_worked_example():
    # Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
    # P-bar = 0.378, P-e = 0.213, kappa = 0.210.
    rows = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    counts = pd.DataFrame(rows, columns=["1", "2", "3", "4", "5"])
    assert observed_agreement(counts) == pytest.approx(0.378, abs=5e-4)
    assert fleiss_kappa(counts) == pytest.approx(0.210, abs=5e-4)


def test_per_tag_kappa_matches_a_hand_computation():
    # Three coders, six items (the CODERS above), the tag "lead": counts 3, 2, 1, 0, 0, 0.
    # sum n(n - n_ij) = 0 + 2 + 2 = 4; N n (n-1) p q = 6 * 3 * 2 * (1/3) * (2/3) = 8; 1 - 4/8.
    counts = pd.DataFrame(
        {"lead": [3, 2, 1, 0, 0, 0], "situation": [0, 1, 2, 3, 2, 0], "dev": [0, 0, 0, 0, 1, 3]}
    )
    assert per_tag_kappa(counts)["lead"] == pytest.approx(0.5)
    assert specific_agreement(counts)["lead"] == pytest.approx(8 / 12)


def test_identical_codings_have_kappa_one_and_a_single_tag_is_undefined():
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    assert pd.isna(cohen_kappa(["a", "a"], ["a", "a"]))
    assert fleiss_kappa(pd.DataFrame({"a": [3, 0], "b": [0, 3]})) == 1.0


# -------------------------------------------------------- the fast tables equal the old ones


def pandascohen_table(codings):
    """The pairwise table as it was computed with pandas objects per pair (the reference)."""
    rows = []
    for coder_a, coder_b in combinations(codings.columns, 2):
        both = codings[[coder_a, coder_b]].dropna()
        same = (both[coder_a] == both[coder_b]).mean() if len(both) else float("nan")
        rows.append(
            {
                "coder_a": coder_a,
                "coder_b": coder_b,
                "segments": len(both),
                "percent": 100 * same,
                "kappa": cohen_kappa(both[coder_a], both[coder_b]),
            }
        )
    return pd.DataFrame(rows, columns=["coder_a", "coder_b", "segments", "percent", "kappa"])


def pandasdisputed_segments(codings, notes, table):
    """The disputed segments as they were read cell by cell with .loc (the reference)."""
    texts = table.set_index("seg_id")[["zh", "en"]]
    position = {seg: number for number, seg in enumerate(codings.index)}
    rows = []
    for seg_id, tags in codings.iterrows():
        given = tags.dropna()
        if len(given) < 2 or given.nunique() < 2:
            continue
        tally = given.value_counts()
        row = {
            "seg_id": seg_id,
            "zh": texts["zh"].get(seg_id, ""),
            "en": texts["en"].get(seg_id, ""),
            "split": ", ".join(f"{tag} ×{count}" for tag, count in tally.items()),
            "tags": int(tally.size),
            "majority %": 100 * tally.iloc[0] / tally.sum(),
        }
        for coder in codings.columns:
            row[f"tag: {coder}"] = "" if pd.isna(tags[coder]) else tags[coder]
            note = notes.loc[seg_id, coder]
            row[f"note: {coder}"] = "" if pd.isna(note) else note
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=["seg_id", "zh", "en", "split", "tags", "majority %"])
    frame["order"] = frame["seg_id"].map(position)
    frame = frame.sort_values(["tags", "majority %", "order"], ascending=[False, True, True])
    return frame.drop(columns="order").reset_index(drop=True)


def random_codings(rng, coders, segment_count, missing):
    """Invented coders' tags and notes (some left out) for the first segments of the seed."""
    seg_ids = SEG_IDS[:segment_count]
    tags, notes = {}, {}
    for number in range(coders):
        coded = [seg for seg in seg_ids if rng.random() >= missing]
        tags[f"coder {number}"] = {
            seg: rng.choice(["lead", "situation", "x", "y"]) for seg in coded
        }
        notes[f"coder {number}"] = {seg: rng.choice(["", "why", "<b>?</b>"]) for seg in coded}
    frame = pd.DataFrame(tags, index=seg_ids, dtype=object).rename_axis("seg_id")
    note_frame = pd.DataFrame(notes, index=seg_ids, dtype=object).rename_axis("seg_id")
    return frame, note_frame


def test_pair_and_disputed_tables_equal_the_pandas_computation_on_the_examples():
    report = agreement(example_codings(), reference="seed")
    assert len(report.disputed) > 0
    pd.testing.assert_frame_equal(report.cohen, pandascohen_table(report.codings), check_exact=True)
    pd.testing.assert_frame_equal(
        report.disputed,
        pandasdisputed_segments(report.codings, report.notes, segments()),
        check_exact=True,
    )


@pytest.mark.parametrize("seed", range(3))
def test_pair_and_disputed_tables_equal_the_pandas_computation_on_random_codings(seed):
    rng = random.Random(seed)
    for _ in range(25):
        codings, notes = random_codings(
            rng, rng.randint(2, 7), rng.randint(0, len(SEG_IDS)), rng.choice([0, 0.1, 0.5, 0.95])
        )
        pd.testing.assert_frame_equal(
            cohen_table(codings), pandascohen_table(codings), check_exact=True
        )
        pd.testing.assert_frame_equal(
            disputed_segments(codings, notes, segments()),
            pandasdisputed_segments(codings, notes, segments()),
            check_exact=True,
        )


def test_pair_table_agrees_with_cohen_kappa_pair_by_pair():
    rng = random.Random(1954)
    codings, _ = random_codings(rng, 12, len(SEG_IDS), 0.2)
    table = cohen_table(codings)
    assert len(table) == 12 * 11 // 2
    for row in table.itertuples():
        both = codings[[row.coder_a, row.coder_b]].dropna()
        assert row.segments == len(both)
        assert row.kappa == cohen_kappa(both[row.coder_a], both[row.coder_b]) or (
            pd.isna(row.kappa) and pd.isna(cohen_kappa(both[row.coder_a], both[row.coder_b]))
        )


# ------------------------------------------- against krippendorff, statsmodels, scikit-learn
# The figures of a class of 30 with codes missing, checked against the maintained packages
# (statsmodels and scikit-learn are test-only: requirements-dev.txt).

MOVES = ["lead", "situation", "deviation-1", "deviation-2", "middle-peasants", "correction"]
REFERENCE_TAGS = list(segments()["move"])


def simulated_class(rng, coders=30, missing=0.1, noise=0.35, per_segment_missing=None):
    """Segments x coders: each coder follows the reference, strays with ``noise``, leaves out
    ``missing`` of the codes at random (or exactly ``per_segment_missing`` coders per segment)."""
    tags = {}
    for number in range(coders):
        tags[f"student {number:02d}"] = [
            rng.choice(MOVES) if rng.random() < noise else tag for tag in REFERENCE_TAGS
        ]
    frame = pd.DataFrame(tags, index=SEG_IDS, dtype=object)
    for seg_id in SEG_IDS:
        if per_segment_missing is not None:
            for coder in rng.sample(list(frame.columns), per_segment_missing):
                frame.loc[seg_id, coder] = None
        else:
            for coder in frame.columns:
                if rng.random() < missing:
                    frame.loc[seg_id, coder] = None
    return frame


def reliability_data(frame):
    """Coders x segments as numbers (np.nan where missing), as the krippendorff package takes it."""
    number = {tag: code for code, tag in enumerate(MOVES)}
    return np.array(
        [[np.nan if pd.isna(tag) else number[tag] for tag in frame[coder]] for coder in frame]
    )


@pytest.mark.parametrize("seed", range(3))
def test_alpha_of_a_class_with_missing_codes_is_the_krippendorff_package_result(seed):
    frame = simulated_class(random.Random(seed))
    assert frame.isna().to_numpy().mean() == pytest.approx(0.1, abs=0.04)
    assert frame.dropna().shape[0] <= 3  # hardly a segment that all 30 coded
    expected = krippendorff.alpha(
        reliability_data=reliability_data(frame), level_of_measurement="nominal"
    )
    assert krippendorff_alpha(rating_counts(frame)) == pytest.approx(expected, abs=1e-12)
    assert 0.2 < expected < 0.8


def test_alpha_of_krippendorffs_own_example():
    # The package's documented example (Krippendorff's): 3 coders, 15 units, missing values.
    data = [
        [np.nan, np.nan, np.nan, np.nan, np.nan, 3, 4, 1, 2, 1, 1, 3, 3, np.nan, 3],
        [1, np.nan, 2, 1, 3, 3, 4, 3, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan],
        [np.nan, np.nan, 2, 1, 3, 4, 4, np.nan, 2, 1, 1, 3, 3, np.nan, 4],
    ]
    frame = pd.DataFrame(data).T.astype(object).where(pd.DataFrame(data).T.notna(), None)
    assert krippendorff_alpha(rating_counts(frame)) == pytest.approx(0.691358, abs=1e-6)


@pytest.mark.parametrize("seed", range(3))
def test_fleiss_kappa_with_three_of_thirty_missing_on_each_segment_is_statsmodels(seed):
    # 10% missing, 27 coders on every segment (not the same 27): Fleiss' own setting.
    frame = simulated_class(random.Random(seed), per_segment_missing=3)
    assert frame.dropna().empty  # the segments all coded: none (the old report's NaN)
    counts = rating_counts(frame)
    assert set(counts.sum(axis=1)) == {27}
    assert fleiss_kappa(counts) == pytest.approx(sm_fleiss_kappa(counts.to_numpy()), abs=1e-12)
    binary = pd.DataFrame({"yes": counts["situation"], "no": 27 - counts["situation"]})
    assert per_tag_kappa(counts)["situation"] == pytest.approx(
        sm_fleiss_kappa(binary.to_numpy()), abs=1e-12
    )


def hand_fleiss_unequal(frame):
    """Fleiss with a different number of coders per segment, from the definition, in fractions."""
    rows = [[tag for tag in frame.loc[seg] if not pd.isna(tag)] for seg in frame.index]
    rows = [row for row in rows if len(row) >= 2]
    pairs = [
        Fraction(
            sum(row.count(t) * (row.count(t) - 1) for t in set(row)), len(row) * (len(row) - 1)
        )
        for row in rows
    ]
    observed = sum(pairs) / len(rows)
    codes = [tag for row in rows for tag in row]
    expected = sum(Fraction(codes.count(t), len(codes)) ** 2 for t in set(codes))
    return float((observed - expected) / (1 - expected))


@pytest.mark.parametrize("seed", range(3))
def test_fleiss_kappa_with_codes_missing_at_random_is_defined_and_uses_every_segment(seed):
    frame = simulated_class(random.Random(seed))
    counts = rating_counts(frame)
    assert fleiss_kappa(counts) == pytest.approx(hand_fleiss_unequal(frame), abs=1e-12)
    assert len(pairable(counts)) == len(SEG_IDS)
    complete = frame[[coder for coder in frame if frame[coder].notna().all()]]
    if complete.shape[1] >= 2:  # the coders who coded everything: statsmodels agrees there
        counts = rating_counts(complete)
        assert fleiss_kappa(counts) == pytest.approx(sm_fleiss_kappa(counts.to_numpy()))


def test_pairwise_cohen_with_missing_codes_is_scikit_learn_pair_by_pair():
    frame = simulated_class(random.Random(7), coders=8, missing=0.2)
    table = cohen_table(frame)
    assert len(table) == 28
    for row in table.itertuples():
        both = frame[[row.coder_a, row.coder_b]].dropna()
        assert row.segments == len(both)
        expected = cohen_kappa_score(both[row.coder_a], both[row.coder_b])
        assert row.kappa == pytest.approx(expected, abs=1e-12)


def test_per_tag_alpha_is_the_krippendorff_package_on_used_or_not():
    frame = simulated_class(random.Random(3), coders=12)
    counts = rating_counts(frame)
    alphas = per_tag_alpha(counts)
    for tag in ("situation", "correction"):
        used = [[np.nan if pd.isna(t) else float(t == tag) for t in frame[c]] for c in frame]
        expected = krippendorff.alpha(reliability_data=used, level_of_measurement="nominal")
        assert alphas[tag] == pytest.approx(expected, abs=1e-12)
