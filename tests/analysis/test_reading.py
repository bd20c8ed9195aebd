"""The reader's pure functions: reading units, positions, navigation state, jump and term lists."""

import pandas as pd
import pytest

from helpers import glossary, moves, segments
from helpers.analysis.reading import (
    ALL_MOVES,
    VIEWS,
    check_segments_table,
    focus_options,
    is_focused,
    jump_options,
    navigation_state,
    position_of,
    reading_units,
    rows_in_focus,
    short_gloss,
    step_position,
    term_options,
    terms_in,
    visible_segments,
)
from tests.reading_cases import small_table

TABLE = segments()
ALL_IDS = list(TABLE["seg_id"])


def test_reading_units_cover_every_segment_once_in_every_view():
    for view in VIEWS:
        units = reading_units(TABLE, view)
        assert [seg for unit in units for seg in unit] == ALL_IDS
    assert len(reading_units(TABLE, "segment")) == len(TABLE)
    assert len(reading_units(TABLE, "paragraph")) == TABLE["para"].nunique()
    assert len(reading_units(TABLE, "article")) == 1


def test_paragraph_units_hold_one_paragraph_each():
    for unit in reading_units(TABLE, "paragraph"):
        paras = set(TABLE.loc[TABLE.seg_id.isin(unit), "para"])
        assert len(paras) == 1


def test_unknown_view_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="segment, paragraph, article"):
        reading_units(TABLE, "chapter")


def test_step_position_stays_in_range():
    assert step_position(0, -1, 19) == 0
    assert step_position(0, 1, 19) == 1
    assert step_position(18, 1, 19) == 18
    assert step_position(5, -2, 19) == 3
    assert step_position(3, 1, 0) == 0


def test_visible_segments_in_each_view():
    assert list(visible_segments(TABLE, "segment", 5)["seg_id"]) == ["P2.3"]
    paragraph_two = list(TABLE.loc[TABLE.para == 2, "seg_id"])
    assert list(visible_segments(TABLE, "paragraph", 1)["seg_id"]) == paragraph_two
    assert list(visible_segments(TABLE, "article", 0)["seg_id"]) == ALL_IDS
    # a position past the end shows the last part, not an error
    assert list(visible_segments(TABLE, "segment", 99)["seg_id"]) == [ALL_IDS[-1]]


def test_focus_keeps_only_the_moves_segments():
    deviation = list(TABLE.loc[TABLE.move == "deviation-1", "seg_id"])
    assert deviation == ["P2.3", "P2.4", "P2.5", "P2.6", "P2.7", "P2.8"]
    units = reading_units(TABLE, "segment", "deviation-1")
    assert [unit[0] for unit in units] == deviation
    assert list(visible_segments(TABLE, "article", 0, "deviation-1")["seg_id"]) == deviation
    assert reading_units(TABLE, "paragraph", "deviation-1") == [deviation]


def test_navigation_state_says_what_is_shown_and_where_one_can_go():
    first = navigation_state(TABLE, "segment", 0)
    assert first["seg_ids"] == ["P1.1"]
    assert (first["has_previous"], first["has_next"]) == (False, True)
    assert first["text"] == f"Segment 1 of {len(TABLE)}"
    sixth = navigation_state(TABLE, "segment", 5)
    assert sixth["text"] == "Segment 6 of 19" and sixth["seg_ids"] == ["P2.3"]
    last = navigation_state(TABLE, "segment", len(TABLE) - 1)
    assert (last["has_previous"], last["has_next"]) == (True, False)
    middle = navigation_state(TABLE, "paragraph", 1)
    assert middle["text"] == "Paragraph 2 of 3"
    assert middle["has_previous"] and middle["has_next"]
    whole = navigation_state(TABLE, "article", 0)
    assert not whole["has_previous"] and not whole["has_next"]
    assert whole["seg_ids"] == ALL_IDS


def test_navigation_state_with_focus_counts_only_the_move():
    state = navigation_state(TABLE, "segment", 0, "deviation-1")
    assert state["count"] == 6
    assert state["text"] == "Segment 1 of 6 in Deviation 1: rushing"
    assert navigation_state(TABLE, "segment", 5, "deviation-1")["has_next"] is False


def test_navigation_state_with_nothing_in_focus():
    table = small_table()
    state = navigation_state(table, "segment", 0, "correction")
    assert state["count"] == 0 and state["seg_ids"] == []
    assert not state["has_previous"] and not state["has_next"]
    assert "No segment" in state["text"]


def test_position_of_finds_the_part_that_shows_a_segment():
    assert position_of(TABLE, "segment", "P2.3") == ALL_IDS.index("P2.3")
    assert position_of(TABLE, "paragraph", "P3.4") == 2
    assert position_of(TABLE, "article", "P3.4") == 0
    assert position_of(TABLE, "segment", "P2.3", "deviation-1") == 0
    assert position_of(TABLE, "segment", "P1.1", "deviation-1") is None
    assert position_of(TABLE, "segment", "P9.9") is None


def test_jump_options_label_each_segment_with_its_move():
    options = jump_options(TABLE)
    assert [value for _, value in options] == ALL_IDS
    assert ("P2.3 · Deviation 1: rushing", "P2.3") in options
    assert len(jump_options(TABLE, "deviation-1")) == 6


def test_terms_in_finds_every_glossary_term_of_the_rows_and_no_other():
    rows = TABLE[TABLE.seg_id == "P3.4"]
    found = list(terms_in(rows)["term_zh"])
    expected = {
        term
        for term, ids in zip(glossary().term_zh, glossary().seg_ids, strict=True)
        if "P3.4" in ids
    }
    assert set(found) == expected
    assert "牛犋" in found and "抬高牛犋价" in found
    zh = rows["zh"].item()
    assert [zh.find(term) for term in found] == sorted(zh.find(term) for term in found)


def test_terms_in_agrees_with_the_glossary_for_every_segment():
    for seg_id in ALL_IDS:
        found = set(terms_in(TABLE[TABLE.seg_id == seg_id])["term_zh"])
        expected = {
            term
            for term, ids in zip(glossary().term_zh, glossary().seg_ids, strict=True)
            if seg_id in ids
        }
        assert found == expected, seg_id


def test_term_options_read_term_pinyin_and_gloss():
    options = term_options(TABLE[TABLE.seg_id == "P3.4"])
    assert options[0][1] == ""
    assert ("牛犋 niú jù · draught team", "牛犋") in options
    assert term_options(small_table(zh="你好"))[1:] == []


def test_check_segments_table_names_missing_columns():
    check_segments_table(TABLE)
    with pytest.raises(ValueError, match="seg_id"):
        check_segments_table(TABLE.drop(columns=["seg_id"]))
    with pytest.raises(ValueError, match="repeats"):
        check_segments_table(pd.concat([TABLE, TABLE.iloc[:1]]))


# --------------------------------------------------------------------------- new helpers


def test_move_labels_in_the_analysis_layer_agree_with_the_render_layer():
    from helpers.model.tagset import TagSet, move_label
    from helpers.render import html

    assert list(TagSet.moves().tags) == list(moves().move)
    for move in [*moves().move, "", "my-own-tag"]:
        assert move_label(move) == html.move_label(move), move
    assert html.move_colour("my-own-tag") == "#999999"
    assert html.move_colour("deviation-1") == moves().set_index("move").loc["deviation-1", "colour"]


def test_focus_is_on_one_move_or_on_all():
    assert is_focused("deviation-1") and not is_focused(ALL_MOVES) and not is_focused("")
    assert rows_in_focus(TABLE, "").equals(TABLE.reset_index(drop=True))
    assert list(rows_in_focus(TABLE, "correction").seg_id) == list(
        TABLE.loc[TABLE.move == "correction", "seg_id"]
    )
    assert focus_options()[0] == ("All moves", ALL_MOVES)
    assert [move for _, move in focus_options()[1:]] == list(moves().move)


def test_short_gloss_keeps_the_head_of_the_gloss_and_cuts_a_long_one():
    assert short_gloss("an agricultural producers' cooperative: ...") == (
        "agricultural producers' cooperative"
    )
    long = short_gloss("x" * 80)
    assert len(long) == 45 and long.endswith("…")
