"""The argument in tables and words: rows per problem, citations, the reading."""

import pytest

from helpers import segments, steps
from helpers.analysis.argument import PROBLEM_BOXES, STEPS_COLUMN, argument_table, cite


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
