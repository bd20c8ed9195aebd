"""The agreement formulas against worked examples, and the fast tables against pandas."""

import random
from itertools import combinations

import pandas as pd
import pytest

from helpers.analysis.agreement import example_codings
from helpers.analysis.kappa import (
    cohen_kappa,
    cohen_table,
    disputed_segments,
    fleiss_kappa,
    observed_agreement,
    per_tag_kappa,
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
