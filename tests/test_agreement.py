"""Agreement between coders: the kappa formulas against worked examples, and the report."""

import json
import random
import warnings
from fractions import Fraction
from itertools import combinations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.analysis.agreement import (
    AgreementError,
    _cohen_table,
    _disputed,
    agreement,
    agreement_widget,
    cohen_kappa,
    example_codings,
    fleiss_kappa,
    observed_agreement,
    per_tag_kappa,
    specific_agreement,
)
from helpers.model.tables import segments
from helpers.views.annotator import coding_path, file_content, new_coding, save_coding, set_code

SEG_IDS = list(segments()["seg_id"])

# Three made-up coders on the first six segments (P1.1, P1.2, P1.3, P2.1, P2.2, P2.3).
CODERS = {
    "A": ["lead", "lead", "lead", "situation", "situation", "deviation-1"],
    "B": ["lead", "lead", "situation", "situation", "situation", "deviation-1"],
    "C": ["lead", "situation", "situation", "situation", "deviation-1", "deviation-1"],
}


def write_coders(coders=CODERS, notes=None):
    for name, tags in coders.items():
        coding = new_coding(name)
        for seg_id, tag in zip(SEG_IDS, tags, strict=False):
            if tag is not None:
                note = (notes or {}).get((name, seg_id), "")
                set_code(coding, seg_id, tag, "medium", note)
        save_coding(coding)


# ---------------------------------------------------------------- hand computation


def hand_cohen(a, b):
    """Cohen's kappa with fractions, straight from the definition."""
    n = len(a)
    observed = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    expected = sum(Fraction(a.count(tag), n) * Fraction(b.count(tag), n) for tag in set(a) | set(b))
    return (observed - expected) / (1 - expected)


def hand_fleiss(columns):
    """Fleiss' kappa with fractions: items are rows of the coders' tags."""
    items = list(zip(*columns, strict=True))
    raters, count = len(columns), len(items)
    tags = sorted({tag for item in items for tag in item})
    agreement_per_item = [
        Fraction(sum(item.count(t) * (item.count(t) - 1) for t in tags), raters * (raters - 1))
        for item in items
    ]
    observed = sum(agreement_per_item) / count
    shares = [Fraction(sum(item.count(t) for item in items), count * raters) for t in tags]
    expected = sum(share * share for share in shares)
    return (observed - expected) / (1 - expected), observed


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


# ---------------------------------------------------------------- the report


def test_three_coders_against_hand_computation(isolated_work_dir):
    write_coders()
    report = agreement(isolated_work_dir)
    assert report.coders == ["A", "B", "C"]
    assert report.codings.loc["P1.3"].tolist() == ["lead", "situation", "situation"]
    for row in report.cohen.itertuples():
        expected = hand_cohen(CODERS[row.coder_a], CODERS[row.coder_b])
        assert row.kappa == pytest.approx(float(expected))
        assert row.segments == 6
    pairs = report.cohen.set_index(["coder_a", "coder_b"])["kappa"]
    assert pairs[("A", "B")] == pytest.approx(17 / 23)  # by hand: (5/6 - 13/36) / (23/36)
    assert pairs[("A", "C")] == pytest.approx(7 / 25)
    kappa, observed = hand_fleiss(list(CODERS.values()))
    assert report.fleiss.kappa == pytest.approx(float(kappa)) == pytest.approx(25 / 52)
    assert report.fleiss.percent == pytest.approx(100 * float(observed))
    assert report.percent == pytest.approx(50.0)  # P1.1, P2.1 and P2.3 unanimous
    assert report.fleiss.segments == 6
    assert report.fleiss.left_out == len(SEG_IDS) - 6
    lead = report.per_tag.set_index("tag").loc["lead"]
    assert lead["uses"] == 6 and lead["kappa"] == pytest.approx(0.5)


def test_disputed_segments_with_tags_notes_and_texts(isolated_work_dir):
    write_coders(notes={("C", "P1.2"): "<i>reads as the situation</i>"})
    disputed = agreement(isolated_work_dir).disputed
    assert disputed["seg_id"].tolist() == ["P1.2", "P1.3", "P2.2"]
    first = disputed.iloc[0]
    assert (first["tag: A"], first["tag: B"], first["tag: C"]) == ("lead", "lead", "situation")
    assert first["note: C"] == "<i>reads as the situation</i>"
    assert first["zh"] == segments().set_index("seg_id").loc["P1.2", "zh"]
    assert first["en"].startswith("The Rural Work Department")
    assert first["split"] == "lead ×2, situation ×1"


def test_most_split_segments_come_first():
    codings = [
        {"coder": "A", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "lead"}},
        {"coder": "B", "codes": {"P1.1": "situation", "P1.2": "lead", "P1.3": "correction"}},
        {"coder": "C", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "situation"}},
    ]
    disputed = agreement(codings).disputed
    assert disputed["seg_id"].tolist() == ["P1.3", "P1.1"]
    assert disputed["tags"].tolist() == [3, 2]


def test_missing_segments_use_only_what_both_coded():
    codings = [
        {"coder": "Full", "codes": dict(zip(SEG_IDS[:6], CODERS["A"], strict=True))},
        {"coder": "Half", "codes": dict(zip(SEG_IDS[:3], CODERS["B"][:3], strict=True))},
        {"coder": "Also", "codes": dict(zip(SEG_IDS[:6], CODERS["C"], strict=True))},
    ]
    report = agreement(codings)
    pairs = report.cohen.set_index(["coder_a", "coder_b"])
    assert pairs.loc[("Full", "Half"), "segments"] == 3
    assert pairs.loc[("Full", "Half"), "kappa"] == pytest.approx(
        float(hand_cohen(CODERS["A"][:3], CODERS["B"][:3]))
    )
    assert pairs.loc[("Full", "Also"), "segments"] == 6
    assert report.fleiss.segments == 3
    assert report.fleiss.left_out == len(SEG_IDS) - 3
    assert "3 left out" not in report.summary_html()
    assert f"({len(SEG_IDS) - 3} left out)" in report.summary_html()


def test_reference_option_adds_the_hand_coding():
    table = segments()
    copy = {"coder": "Copycat", "codes": dict(zip(table["seg_id"], table["move"], strict=True))}
    report = agreement([copy], reference="seed")
    assert report.coders == ["Copycat", "reference"]
    row = report.cohen.iloc[0]
    assert row["kappa"] == 1.0 and row["percent"] == 100.0
    assert report.disputed.empty
    assert agreement([copy], reference=True).coders == ["Copycat", "reference"]


def test_one_coder_alone_is_a_clear_error(isolated_work_dir):
    write_coders({"Solo": CODERS["A"]})
    with pytest.raises(AgreementError, match="Only one coding"):
        agreement(isolated_work_dir)


def test_codings_of_different_articles_are_refused():
    here = file_content(set_code(new_coding("Here"), "P1.1", "lead"))
    there = file_content(set_code(new_coding("There", "001_other"), "P1.1", "lead"))
    with pytest.raises(AgreementError, match="different articles"):
        agreement([here, there])


def test_unreadable_files_are_skipped_and_reported_not_backed_up(isolated_work_dir):
    write_coders()
    coding_path("Broken").write_text("{cut sh", encoding="utf-8")
    future = {**file_content(new_coding("Future")), "version": 9}
    coding_path("Future").write_text(json.dumps(future), encoding="utf-8")
    before = sorted(path.name for path in isolated_work_dir.iterdir())
    report = agreement(isolated_work_dir)
    assert report.coders == ["A", "B", "C"]
    assert sorted(report.skipped["file"]) == ["coding-Broken.json", "coding-Future.json"]
    assert "Skipped" in report.summary_html()
    assert sorted(path.name for path in isolated_work_dir.iterdir()) == before


def test_backup_copies_are_not_counted_as_coders(isolated_work_dir):
    write_coders()
    (isolated_work_dir / "coding-A.v1-backup.json").write_text(
        json.dumps({"coder": "A", "codes": {}}), encoding="utf-8"
    )
    assert agreement(isolated_work_dir).coders == ["A", "B", "C"]


def test_confusion_matrix_and_plot_with_chinese_names():
    codings = [
        {"coder": "张三", "codes": dict(zip(SEG_IDS[:6], CODERS["A"], strict=True))},
        {"coder": "李四", "codes": dict(zip(SEG_IDS[:6], CODERS["C"], strict=True))},
    ]
    codings[1]["codes"]["P2.3"] = "price $5"  # a tag of one's own, with a dollar sign
    report = agreement(codings)
    matrix = report.confusion("张三", "李四")
    assert matrix.to_numpy().sum() == 6
    assert matrix.loc["lead", "situation"] == 2
    assert matrix.loc["deviation-1", "price $5"] == 1
    assert list(matrix.index) == list(matrix.columns)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = report.confusion_plot("张三", "李四")
        figure.canvas.draw()
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert sorted(texts, key=int)[-1] == "2"
    plt.close(figure)
    with pytest.raises(AgreementError, match="No coder"):
        report.confusion("张三", "王五")


def test_summary_html_is_escaped():
    codings = [
        {"coder": "<b>A</b>", "codes": {"P1.1": "lead", "P1.2": "<script>x</script>"}},
        {"coder": "B", "codes": {"P1.1": "lead", "P1.2": "lead"}},
    ]
    html = agreement(codings)._repr_html_()
    assert "<script>" not in html and "<b>A</b>" not in html
    assert "&lt;b&gt;A&lt;/b&gt;" in html


def test_pairwise_table_covers_every_pair(isolated_work_dir):
    write_coders()
    report = agreement(isolated_work_dir)
    listed = set(zip(report.cohen["coder_a"], report.cohen["coder_b"], strict=True))
    assert listed == set(combinations(["A", "B", "C"], 2))


def test_agreement_widget_compares_and_shows_a_confusion_table(isolated_work_dir):
    write_coders()
    box = agreement_widget(isolated_work_dir)
    c = box.controls
    c.compare.click()
    assert "Fleiss" in c.result.value and "Disputed segments (3)" in c.result.value
    assert list(c.coder_a.options) == ["A", "B", "C"]
    assert "<table" in c.confusion.value
    c.coder_b.value = "C"
    assert "columns: C's tags" in c.confusion.value
    c.coder_b.value = "A"
    assert "two different coders" in c.confusion.value
    c.reference.value = True
    c.compare.click()
    assert "reference" in list(c.coder_a.options)
    assert "Fleiss" in box.static_html()


def test_agreement_widget_reports_errors_in_one_line(isolated_work_dir):
    box = agreement_widget(isolated_work_dir / "missing")
    box.controls.compare.click()
    assert "ly-error" in box.controls.result.value and "does not exist" in box.controls.result.value
    box.controls.folder.value = str(isolated_work_dir)
    box.controls.compare.click()
    assert "No coding was found" in box.controls.result.value


# -------------------------------------------------------- the fast tables equal the old ones


def pandas_cohen_table(codings):
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


def pandas_disputed(codings, notes, table):
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
    pd.testing.assert_frame_equal(
        report.cohen, pandas_cohen_table(report.codings), check_exact=True
    )
    pd.testing.assert_frame_equal(
        report.disputed,
        pandas_disputed(report.codings, report.notes, segments()),
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
            _cohen_table(codings), pandas_cohen_table(codings), check_exact=True
        )
        pd.testing.assert_frame_equal(
            _disputed(codings, notes, segments()),
            pandas_disputed(codings, notes, segments()),
            check_exact=True,
        )


def test_pair_table_agrees_with_cohen_kappa_pair_by_pair():
    rng = random.Random(1954)
    codings, _ = random_codings(rng, 12, len(SEG_IDS), 0.2)
    table = _cohen_table(codings)
    assert len(table) == 12 * 11 // 2
    for row in table.itertuples():
        both = codings[[row.coder_a, row.coder_b]].dropna()
        assert row.segments == len(both)
        assert row.kappa == cohen_kappa(both[row.coder_a], both[row.coder_b]) or (
            pd.isna(row.kappa) and pd.isna(cohen_kappa(both[row.coder_a], both[row.coder_b]))
        )
