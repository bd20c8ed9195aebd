"""The agreement report: three coders against hand computation, disputes, errors, the heat map."""

import json
import warnings
from fractions import Fraction
from itertools import combinations

import matplotlib.pyplot as plt
import pytest

from helpers.analysis.agreement import AgreementError
from helpers.model.coding import file_content, new_coding, set_code
from helpers.model.coding_store import coding_path, save_coding
from helpers.model.tables import segments
from helpers.render.agreement import agreement

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
