"""Compare: the term-rendering data, the deviations side by side, English against Chinese."""

import re

import pytest

from helpers import glossary, segments, steps
from helpers.analysis.compare import (
    ASPECTS,
    EVIDENCE_ROW,
    NOT_RENDERED,
    PROBLEMS,
    STEPS_ROW,
    VERDICTS,
    _summaries,
    answering_steps,
    deviations_side_by_side,
    deviations_table,
    evidence_seg_ids,
    is_coded,
    problem_header,
    renderings,
    segment_comparison,
    table_and_steps,
)

SEG_ID = re.compile(r"P\d+\.\d+")


def occurrences():
    terms = glossary()
    return [(t, s) for t, ids in zip(terms.term_zh, terms.seg_ids, strict=True) for s in ids]


def row_of(table, term, seg_id):
    found = table[(table.term_zh == term) & (table.seg_id == seg_id)]
    assert len(found) == 1, (term, seg_id)
    return found.iloc[0]


# ---------------------------------------------------------------- renderings


def test_every_occurrence_of_every_term_has_exactly_one_row():
    table = renderings()
    pairs = list(zip(table.term_zh, table.seg_id, strict=True))
    assert len(pairs) == len(set(pairs))
    assert sorted(pairs) == sorted(occurrences())
    assert set(table.term_zh) == set(glossary().term_zh)


def test_every_rendering_is_copied_from_that_segments_english():
    english = segments().set_index("seg_id")["en"]
    for row in renderings().itertuples():
        if row.rendering_en != NOT_RENDERED:
            assert row.rendering_en in english[row.seg_id], (row.term_zh, row.seg_id)


def test_verdicts_are_known_explained_and_flagged():
    table = renderings()
    assert set(table.verdict) <= set(VERDICTS)
    assert (table.flag == (table.verdict != "fine")).all()
    assert table.comment.str.strip().str.len().gt(0).all()
    # a term left out is "omitted", and only then
    assert ((table.rendering_en == NOT_RENDERED) == (table.verdict == "omitted")).all()


@pytest.mark.parametrize(
    ("term", "seg_id", "english", "verdicts"),
    [
        ("辽东省", "P1.2", "Liaoning Province", {"wrong"}),
        ("牛犋", "P3.4", "cattle", {"wrong"}),
        ("抬高牛犋价", "P3.4", "raising the prices of cattle", {"wrong"}),
        ("硬卡硬", "P2.10", "hard-bound", {"opaque"}),
        ("硬卡硬", "P3.4", "hard-bound", {"opaque"}),
        ("区上高看", "P2.5", "seen as more prestigious", {"opaque", "wrong"}),
        ("偏向", "P2.9", "bias", {"wrong", "inconsistent"}),
        ("偏向", "P3.1", "biases", {"wrong", "inconsistent"}),
        ("缺点", "P2.9", NOT_RENDERED, {"omitted"}),
        ("区", "P2.5", NOT_RENDERED, {"omitted"}),
    ],
)
def test_the_known_errors_are_flagged(term, seg_id, english, verdicts):
    row = row_of(renderings(), term, seg_id)
    assert row.rendering_en == english
    assert row.verdict in verdicts
    assert row.flag


def test_renderings_carry_the_glossary_and_follow_the_table_given():
    table = renderings()
    row = row_of(table, "牛犋", "P3.4")
    assert (row.pinyin, row.suggested_rendering) == ("niú jù", "draught team")
    only_paragraph_3 = segments().query("para == 3")
    assert set(renderings(only_paragraph_3).seg_id) == {
        seg for _, seg in occurrences() if seg.startswith("P3.")
    }


# ---------------------------------------------------------------- deviations side by side


def side():
    return deviations_side_by_side().set_index("aspect")


def test_side_by_side_has_the_rows_and_a_labelled_third_column():
    table = side()
    assert list(table.index) == [*ASPECTS, EVIDENCE_ROW, STEPS_ROW]
    assert list(table.columns) == [problem_header(move) for move in PROBLEMS]
    assert "third problem" in table.columns[2]
    assert "a reading" in STEPS_ROW


def test_evidence_is_every_segment_coded_with_the_problems_move():
    moves_by_id = segments().set_index("seg_id")["move"]
    for move in PROBLEMS:
        cited = SEG_ID.findall(side().loc[EVIDENCE_ROW, problem_header(move)])
        assert cited, move
        assert {moves_by_id[seg] for seg in cited} == {move}
        assert cited == list(segments().query("move == @move").seg_id)


def test_summaries_cite_only_segments_of_their_problem():
    moves_by_id = segments().set_index("seg_id")["move"]
    summaries = _summaries()
    assert set(summaries.move) == set(PROBLEMS)
    for row in summaries.itertuples():
        assert row.seg_ids, row
        assert {moves_by_id[seg] for seg in row.seg_ids} == {row.move}
        assert set(SEG_ID.findall(row.summary)) == set(row.seg_ids), row.summary
    table = side()
    for row in summaries.itertuples():
        assert table.loc[row.aspect, problem_header(row.move)] == row.summary


def test_the_answering_steps_are_those_of_steps_csv():
    table = steps()
    for move in PROBLEMS:
        cell = side().loc[STEPS_ROW, problem_header(move)]
        listed = [int(n) for n in re.findall(r"Step (\d+)", cell)]
        expected = [int(row.step) for row in table.itertuples() if move in row.answers]
        assert listed == expected
        for row in table.itertuples():
            assert (f"Step {row.step} ({row.seg_id})" in cell) == (move in row.answers)


# ---------------------------------------------------------------- English against Chinese


def test_segment_comparison_for_p34_shows_cattle_against_draught_team():
    found = segment_comparison("P3.4")
    assert found["zh"] == segments().set_index("seg_id").loc["P3.4", "zh"]
    assert found["note"].startswith("Step 3")
    terms = found["terms"].set_index("term_zh")
    assert terms.loc["牛犋", "seed_rendering"] == "cattle"
    assert terms.loc["牛犋", "suggested_rendering"] == "draught team"
    assert terms.loc["牛犋", "rendering_here"] == "cattle"
    assert terms.loc["牛犋", "verdict"] == "wrong"
    assert set(terms.index) == {t for t, s in occurrences() if s == "P3.4"}


def test_segment_comparison_of_an_unknown_segment_says_so():
    with pytest.raises(KeyError, match="P9.9"):
        segment_comparison("P9.9")


# ---------------------------------------------------------------- the one door and its pair


def test_table_and_steps_read_the_source_and_its_steps(tmp_path):
    table, steps_table = table_and_steps()
    assert table.equals(segments()) and steps_table.equals(steps())
    path = tmp_path / "steps.csv"
    path.write_text("step,seg_id,answers\n1,P3.2,deviation-2\n", encoding="utf-8")
    table, steps_table = table_and_steps(None, path)
    assert steps_table["step"].tolist() == [1] and steps_table["answers"].tolist() == [
        ["deviation-2"]
    ]
    assert deviations_table(table, steps_table).equals(deviations_side_by_side(None, path))


def test_answering_steps_and_coded_tables():
    assert answering_steps("deviation-1", steps())["step"].tolist() == [1, 2, 4, 5]
    assert answering_steps("lead", steps()).empty
    assert is_coded(segments()) and not is_coded(segments().assign(move=""))
    assert evidence_seg_ids("deviation-2") == ["P2.9"]
    assert deviations_table(segments(), steps()).equals(deviations_side_by_side())
