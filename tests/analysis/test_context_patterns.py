"""The timeline rests on the facts sheet; the counting tables add up."""

import calendar
from pathlib import Path

import pytest

from helpers import segments
from helpers.analysis.context import timeline
from helpers.analysis.patterns import actors_by_move, text_per_move
from helpers.model.paths import data_path

FACTS = data_path("facts.md")
SHARED_FACTS = Path(__file__).resolve().parents[3] / "shared" / "context" / "facts.md"


def test_the_shipped_facts_sheet_is_the_checked_one():
    if not SHARED_FACTS.exists():
        pytest.skip("the shared facts sheet is not beside this clone (only in the team's set-up)")
    assert FACTS.read_text(encoding="utf-8") == SHARED_FACTS.read_text(encoding="utf-8")


def test_every_timeline_date_stands_in_the_facts_sheet():
    facts = FACTS.read_text(encoding="utf-8")
    for row in timeline().itertuples():
        if row.kind == "article":
            assert row.date.strftime("%Y-%m-%d") == "1954-02-27"
            continue
        month = calendar.month_name[row.date.month]
        if row.precision == "day":
            assert f"{row.date.day} {month}" in facts, row.event
        else:
            assert str(row.date.year) in facts and month in facts, row.event
        assert row.source.startswith("facts sheet §")
        section = row.source.split("§")[1][0]
        assert f"## {section}." in facts


def test_timeline_confidence_is_the_sheets_vocabulary():
    assert set(timeline()["confidence"]) <= {"confirmed", "plausible"}


def test_text_per_move_adds_up_to_the_whole_article():
    table = text_per_move()
    assert table["segments"].sum() == len(segments())
    assert table["en_words"].sum() == sum(len(en.split()) for en in segments()["en"])
    assert table["zh_share"].sum() == pytest.approx(1, abs=0.01)


def test_actors_by_move_counts_each_actor_mention():
    table = actors_by_move()
    assert table.values.sum() == segments()["actors"].map(len).sum()
    assert table.loc["middle peasants"].sum() == 2


def test_ladder_has_four_rungs_from_the_facts_sheet():
    from helpers.analysis.context import ladder

    table = ladder()
    assert list(table.index) == [1, 2, 3, 4]
    assert table.loc[2, "chinese"] == "互助组"
    assert "shares" in table.loc[3, "land"]
    assert "abolished" in table.loc[4, "income"]
