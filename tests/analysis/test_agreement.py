"""The agreement report: three coders against hand computation, disputes, errors, the heat map."""

import json
import random
import warnings
from fractions import Fraction
from itertools import combinations

import krippendorff
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from helpers.analysis.agreement import AgreementError, measure_agreement
from helpers.model.coding import file_content, new_coding, set_code
from helpers.model.coding_store import coding_path, save_coding
from helpers.model.handin import hand_in_bytes, read_hand_in
from helpers.model.tables import segments
from helpers.model.work import StudentWork
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
    # Issue 12: a coder who coded less no longer shrinks Fleiss to the segments all coded
    # (it was 3 segments, 16 left out): every segment coded by two or more counts.
    assert report.fleiss.segments == 6
    assert report.fleiss.left_out == len(SEG_IDS) - 6
    html = report.summary_html()
    assert "3 left out" not in html
    assert f"{len(SEG_IDS) - 6} segments coded by fewer than two are left out" in html
    assert report.incomplete.values.tolist()[0] == ["Half", 3, len(SEG_IDS)]
    assert f"Half coded 3 of {len(SEG_IDS)}" in html


def test_reference_option_adds_the_hand_coding():
    table = segments()
    copy = {"coder": "Copycat", "codes": dict(zip(table["seg_id"], table["move"], strict=True))}
    report = agreement([copy], reference="seed")
    assert report.coders == ["Copycat", "reference"]
    row = report.cohen.iloc[0]
    assert row["kappa"] == 1.0 and row["percent"] == 100.0
    assert report.disputed.empty
    assert agreement([copy], reference=True).coders == ["Copycat", "reference"]
    html = report.summary_html()
    assert "<b>Copycat against the reference</b> (1 student): Cohen's kappa <b>1.00</b>" in html
    assert "needs two students' codings (1 here)" in html
    assert report.group == "coders" and report.students == ["Copycat"]


def test_one_coder_alone_is_a_clear_error(isolated_work_dir):
    write_coders({"Solo": CODERS["A"]})
    with pytest.raises(AgreementError, match="Only one coding"):
        agreement(isolated_work_dir)


def test_a_coding_of_another_article_is_listed_not_the_end_of_the_report():
    # Issue 12: one file of another article used to stop the whole report.
    there = file_content(set_code(new_coding("There", "001_other"), "P1.1", "lead"))
    here = [file_content(set_code(new_coding(name), "P1.1", "lead")) for name in "ABC"]
    report = agreement([*here, there])
    assert report.coders == ["A", "B", "C"]
    assert report.skipped[["file", "category"]].values.tolist() == [
        ["the coding of There", "other article"]
    ]
    assert "another article" in report.skipped.loc[0, "reason"]
    assert "the coding of There" in report.summary_html()
    with pytest.raises(AgreementError, match="Only one coding.*another article"):
        agreement([here[0], there])


def test_unreadable_files_are_skipped_and_reported_not_backed_up(isolated_work_dir):
    write_coders()
    coding_path("Broken").write_text("{cut sh", encoding="utf-8")
    future = {**file_content(new_coding("Future")), "version": 9}
    coding_path("Future").write_text(json.dumps(future), encoding="utf-8")
    before = sorted(path.name for path in isolated_work_dir.iterdir())
    report = agreement(isolated_work_dir)
    assert report.coders == ["A", "B", "C"]
    assert sorted(report.skipped["file"]) == [
        coding_path(name).name for name in ("Broken", "Future")
    ]
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


# ------------------------------------------------------- a simulated class's folder (issue 12)

MOVES = ["lead", "situation", "deviation-1", "deviation-2", "middle-peasants", "correction"]


def student_coding(name, rng, segments=None, missing=0.1, noise=0.35, updated=None):
    """A coding that follows the reference, strays with ``noise`` and leaves out ``missing``."""
    coding = new_coding(name)
    for row in segments_of(segments).itertuples():
        if rng.random() >= missing:
            tag = rng.choice(MOVES) if rng.random() < noise else row.move
            set_code(coding, row.seg_id, tag, "medium", f"{name} on {row.seg_id}")
    coding.updated = updated or coding.updated
    return coding


def segments_of(count):
    table = segments()
    return table if count is None else table.head(count)


def write(folder, name, data):
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    (folder / name).write_bytes(raw)


def simulated_class_folder(folder, rng):
    """30 students' files as an instructor collects them: under any name, hand-ins among them,
    one coder with 10 of 19, a duplicate, a coding of another article, damaged and empty files."""
    folder.mkdir()
    for number in range(27):
        write(
            folder,
            f"coding-Student_{number:02d}.json",
            file_content(student_coding(f"Student {number:02d}", rng)),
        )
    write(folder, "Tom_Berg_week7.json", file_content(student_coding("Tom Berg", rng)))
    older = student_coding("Nina Roy", rng, 5, updated="2026-11-01T10:00:00+00:00")
    write(folder, "coding-Nina_Roy.json", file_content(older))
    write(folder, "coding-Nina_Roy (1).json", file_content(student_coding("Nina Roy", rng, 10, 0)))
    save_coding(student_coding("Li Si", rng))  # a hand-in: the work file and the coding in one
    StudentWork("Li Si").save_answer("q01_slogan", "steady progress", correct=True)
    write(folder, "handin-Li_Si (2).json", hand_in_bytes("Li Si"))
    other = file_content(set_code(new_coding("Wang Wu", "001_other"), "P1.1", "lead"))
    write(folder, "coding-Wang_Wu.json", other)
    write(folder, "coding-Broken.json", b"{cut sh")
    write(folder, "coding-Empty.json", file_content(new_coding("Empty")))
    write(folder, "notes.json", {"shopping": ["rice"]})
    write(folder, "coding-Tom_Berg.v1-backup.json", {"coder": "Tom Berg", "codes": {}})
    return folder


def test_a_class_folder_is_read_whatever_the_names_and_every_file_not_used_is_listed(
    isolated_work_dir,
):
    folder = simulated_class_folder(isolated_work_dir / "class", random.Random(1954))
    report = agreement(folder, reference="seed")
    assert len(report.students) == 30 and report.reference == "reference"
    assert {"Tom Berg", "Nina Roy", "Li Si"} <= set(report.students)
    assert report.codings["Nina Roy"].notna().sum() == 10  # the latest copy, not the older one
    reasons = dict(zip(report.skipped["file"], report.skipped["category"], strict=True))
    assert reasons == {
        "coding-Nina_Roy.json": "duplicate",
        "coding-Wang_Wu.json": "other article",
        "coding-Broken.json": "damaged",
        "coding-Empty.json": "empty",
        "notes.json": "foreign",
    }
    duplicate = report.skipped.set_index("file").loc["coding-Nina_Roy.json", "reason"]
    assert "coding-Nina_Roy (1).json" in duplicate
    html = report.summary_html()
    assert "Skipped: 5 files not used" in html and "coding-Wang_Wu.json" in html
    assert "Nina Roy coded 10 of 19" in html


def test_a_class_with_missing_codes_gets_alpha_fleiss_and_cohen_on_every_segment(
    isolated_work_dir,
):
    folder = simulated_class_folder(isolated_work_dir / "class", random.Random(1954))
    report = agreement(folder, reference="seed")
    students = report.codings[report.students]
    assert 0.08 < students.isna().to_numpy().mean() < 0.2  # 10% missing, and Nina's 9
    assert len(students.dropna()) <= 2  # the segments all 30 coded: the old report's basis
    number = {tag: code for code, tag in enumerate(MOVES)}
    data = [[np.nan if pd.isna(t) else number[t] for t in students[c]] for c in students]
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert report.alpha == pytest.approx(alpha, abs=1e-12)
    assert report.fleiss.segments == 19 and report.fleiss.coders == 30
    assert not np.isnan(report.fleiss.kappa) and report.fleiss.left_out == 0
    assert report.per_tag["uses"].sum() == students.notna().to_numpy().sum()
    against = report.against_reference.set_index("coder")["kappa"]
    for student in ("Nina Roy", "Tom Berg", "Student 03"):
        both = report.codings[[student, "reference"]].dropna()
        assert against[student] == pytest.approx(
            cohen_kappa_score(both[student], both["reference"]), abs=1e-12
        )
    figures = report.figures()
    assert figures["students among themselves"]["alpha"] == report.alpha
    assert figures["students against the reference"]["mean_cohen_kappa"] == pytest.approx(
        against.mean()
    )
    assert f"Krippendorff's alpha <b>{report.alpha:.2f}</b>" in report.summary_html()


def test_the_students_figures_do_not_count_the_reference(isolated_work_dir):
    folder = simulated_class_folder(isolated_work_dir / "class", random.Random(7))
    with_reference = agreement(folder, reference="seed")
    without = agreement(folder)
    among = with_reference.figures()["students among themselves"]
    assert among == without.figures()["students among themselves"]
    assert with_reference.fleiss == without.fleiss and with_reference.alpha == without.alpha
    assert "students against the reference" not in without.figures()
    assert "Students against the reference" in with_reference.summary_html()
    assert "Students against the reference" not in without.summary_html()


def test_one_coder_who_coded_ten_does_not_shrink_the_class(isolated_work_dir):
    rng = random.Random(12)
    full = [file_content(student_coding(f"S{n}", rng, missing=0)) for n in range(5)]
    nina = file_content(student_coding("Nina Roy", rng, 10, missing=0))
    alone = agreement(full)
    report = agreement([*full, nina])
    assert report.fleiss.segments == alone.fleiss.segments == 19
    assert len(report.per_tag) >= len(alone.per_tag)
    assert report.incomplete.values.tolist() == [["Nina Roy", 10, 19]]
    codes = pd.concat([report.codings[c] for c in report.students]).dropna()
    assert report.per_tag["uses"].sum() == len(codes) == 5 * 19 + 10


def test_codings_handed_in_as_coding_objects_are_measured(isolated_work_dir):
    # What the class overview does: hand-ins read with read_hand_in, their codings passed on.
    rng = random.Random(3)
    for name in ("Ann", "Bo", "Cy"):
        save_coding(student_coding(name, rng))
    hand_ins = [read_hand_in(hand_in_bytes(name), f"{name}.json") for name in ("Ann", "Bo", "Cy")]
    result = measure_agreement([hand_in.coding for hand_in in hand_ins], reference="seed")
    assert result.students == ["Ann", "Bo", "Cy"] and result.skipped.empty
    assert result.figures()["students against the reference"]["students"] == 3


def test_disputed_segments_are_one_compact_card_each_not_a_column_per_coder(isolated_work_dir):
    write_coders(notes={("C", "P1.2"): "<i>reads as the situation</i>"})
    report = agreement(isolated_work_dir, reference="seed")
    html = report.summary_html()
    assert html.count('class="ly-dispute"') == len(report.disputed) >= 3
    assert "tag: A" not in html and "note: C" not in html  # the wide table stays in .disputed
    card = report.disputed_cards()[[c["seg_id"] for c in report.disputed_cards()].index("P1.2")]
    assert card["tags"] == "Lead ×2 · Situation ×1 · reference: Lead"
    assert card["notes"] == ["C (Situation): <i>reads as the situation</i>"]
    assert "C (Situation): &lt;i&gt;reads as the situation&lt;/i&gt;" in html
    assert len(card["en"]) <= 140 and card["en"].endswith("…")
    assert report.discussion().columns.tolist() == ["seg_id", "zh", "en", "tags", "notes"]
    assert "@media print" in html and "break-inside: avoid" in html
