"""The argument in tables and words: rows per problem, citations, the reading."""

import pytest

from helpers import moves, segments, steps
from helpers.analysis.argument import (
    CAPTION,
    CAPTION_CODED,
    NO_STEPS,
    PROBLEM_BOXES,
    STEPS_COLUMN,
    argument_reading,
    argument_rows,
    argument_table,
    box_descriptions,
    caption_for,
    cite,
    highlight_text,
    highlighted_rows,
    step_numbers,
)
from helpers.analysis.compare import table_and_steps


def pairs():
    return {(int(row.step), move) for row in steps().itertuples() for move in row.answers}


def test_argument_table_matches_steps_and_segments():
    table = argument_table()
    assert list(table.problem) == list(PROBLEM_BOXES)
    assert "a reading" in STEPS_COLUMN
    coded = segments()
    for row in table.itertuples(index=False):
        move = row.problem
        assert row.seg_ids == list(coded.query("move == @move").seg_id)
        assert row.segments == cite(row.seg_ids)
        expected = sorted(step for step, answered in pairs() if answered == move)
        assert table.set_index("problem").loc[move, STEPS_COLUMN] == expected
    assert table.set_index("problem").loc["situation", STEPS_COLUMN] == []


@pytest.mark.parametrize(
    ("seg_ids", "expected"),
    [
        (["P2.9"], "P2.9"),
        (["P2.3", "P2.4", "P2.5", "P2.6", "P2.7", "P2.8"], "P2.3–P2.8"),
        (["P2.9", "P2.10", "P3.1"], "P2.9–P2.10, P3.1"),
        ([], ""),
    ],
)
def test_cite_joins_neighbours(seg_ids, expected):
    assert cite(seg_ids) == expected


def test_argument_rows_and_the_highlighted_rows():
    table, steps_table = table_and_steps()
    assert argument_rows(table, steps_table).equals(argument_table())
    rows = highlighted_rows(table, steps_table, "middle-peasants")
    assert "seg_ids" not in rows.columns
    assert rows["problem"].tolist() == [
        "situation",
        "deviation-1",
        "deviation-2",
        "→ middle-peasants (highlighted)",
    ]
    assert highlighted_rows(table, steps_table)["problem"].tolist() == list(PROBLEM_BOXES)


def test_the_reading_and_the_highlight_in_words():
    table, steps_table = table_and_steps()
    reading = argument_reading(table, steps_table)
    assert reading.startswith("The lead (P1.1–P1.3) and the situation (P2.1–P2.2) come first")
    assert "answered by steps 2 and 4" in reading and NO_STEPS not in reading
    assert highlight_text("deviation-2", steps_table) == (
        "Highlighted: Deviation 2: holding back, answered, on this reading, by steps 2 and 4."
    )
    assert highlight_text("", steps_table) == "No problem highlighted. " + CAPTION
    empty = steps_table.iloc[0:0]
    assert highlight_text("", empty, CAPTION_CODED).endswith(NO_STEPS)
    assert argument_reading(table, empty).endswith(NO_STEPS)
    assert [step_numbers(n) for n in ([], [3], [2, 4], [1, 2, 4, 5])] == [
        "no step",
        "step 3",
        "steps 2 and 4",
        "steps 1, 2, 4 and 5",
    ]


def test_boxes_describe_the_seed_with_its_words_and_another_article_with_its_own():
    seed = box_descriptions(segments())
    assert seed == dict(moves().set_index("move")["description"])
    assert caption_for(segments()) == CAPTION
    other = segments().assign(zh="别的")
    described = box_descriptions(other)
    first = other[other.move == "deviation-2"].iloc[0]
    assert described["deviation-2"] == f"{first.seg_id}: \u201c{first.en}\u201d"
    assert caption_for(other) == CAPTION_CODED
    assert box_descriptions(other.assign(move=""))["lead"] == "(no segment coded so)"
