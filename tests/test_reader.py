"""The parallel reader: stepping, views, focus, pinyin, terms, static form, escaping."""

import re

import pandas as pd
import pytest

from helpers import glossary, moves, segments
from helpers.model.tables import SEGMENT_COLUMNS
from helpers.render.html import escape
from helpers.views.reader import (
    ALL_MOVES,
    VIEWS,
    article_html,
    check_segments_table,
    focus_intro_html,
    jump_options,
    navigation_state,
    position_of,
    reader,
    reading_units,
    step_position,
    term_options,
    terms_in,
    visible_segments,
)

TABLE = segments()
ALL_IDS = list(TABLE["seg_id"])
SEG_ATTR = re.compile(r'data-seg="([^"]+)"')


def shown_ids(box):
    return SEG_ATTR.findall(box.panes.text.value)


def walk_with_next(box):
    """Click Next until it is disabled; return the seg_ids shown at each step."""
    seen = [shown_ids(box)]
    assert box.controls.previous.disabled
    for _ in range(len(ALL_IDS) + 5):
        if box.controls.next.disabled:
            break
        box.controls.next.click()
        seen.append(shown_ids(box))
    assert box.controls.next.disabled
    return seen


def terms_listed_for(seg_id):
    """The glossary's own list of terms occurring in a segment."""
    table = glossary()
    return {term for term, ids in zip(table.term_zh, table.seg_ids, strict=True) if seg_id in ids}


def small_table(**changes):
    row = {
        "seg_id": "P1.1",
        "para": 1,
        "zh": "中农",
        "en": "middle peasants",
        "move": "lead",
        "step": pd.NA,
        "actors": ["cadres"],
        "note": "",
    }
    row.update(changes)
    table = pd.DataFrame([row], columns=SEGMENT_COLUMNS)
    table["step"] = table["step"].astype("Int64")
    return table


# --------------------------------------------------------------------------- pure functions


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


def test_focus_intro_names_the_guiding_question():
    for row in moves().itertuples():
        intro = focus_intro_html(row.move)
        assert "Question to guide your reading" in intro
        assert row.guiding_question.replace("'", "&#x27;") in intro
    assert focus_intro_html(ALL_MOVES) == ""
    assert "ly-message ly-error" in focus_intro_html("no-such-move")


def test_check_segments_table_names_missing_columns():
    check_segments_table(TABLE)
    with pytest.raises(ValueError, match="seg_id"):
        check_segments_table(TABLE.drop(columns=["seg_id"]))
    with pytest.raises(ValueError, match="repeats"):
        check_segments_table(pd.concat([TABLE, TABLE.iloc[:1]]))


def test_article_html_holds_every_segment_and_the_legend():
    page = article_html(TABLE)
    assert SEG_ATTR.findall(page) == ALL_IDS
    assert 'class="ly-legend"' in page


# --------------------------------------------------------------------------- the widget


def test_next_walks_through_every_segment_once_and_stops_at_the_end():
    box = reader()
    seen = walk_with_next(box)
    assert [ids for ids in seen] == [[seg] for seg in ALL_IDS]
    assert box.panes.position.value == f"Segment {len(ALL_IDS)} of {len(ALL_IDS)}"
    assert not box.controls.previous.disabled


@pytest.mark.parametrize("view", list(VIEWS))
def test_next_reaches_everything_in_every_view(view):
    box = reader()
    box.controls.view.value = view
    seen = walk_with_next(box)
    assert [seg for ids in seen for seg in ids] == ALL_IDS
    expected_steps = {"segment": 19, "paragraph": 3, "article": 1}[view]
    assert len(seen) == expected_steps


@pytest.mark.parametrize("move", list(moves().move))
@pytest.mark.parametrize("view", list(VIEWS))
def test_next_reaches_every_segment_of_a_move_in_focus(move, view):
    box = reader()
    box.controls.view.value = view
    box.controls.focus.value = move
    assert box.controls.previous.disabled
    seen = walk_with_next(box)
    assert [seg for ids in seen for seg in ids] == list(TABLE.loc[TABLE.move == move, "seg_id"])


def test_previous_goes_back_and_is_disabled_at_the_start():
    box = reader()
    box.controls.next.click()
    box.controls.next.click()
    assert shown_ids(box) == ["P1.3"]
    box.controls.previous.click()
    assert shown_ids(box) == ["P1.2"]
    box.controls.previous.click()
    assert shown_ids(box) == ["P1.1"] and box.controls.previous.disabled


def test_paragraph_view_shows_paragraph_position():
    box = reader()
    box.controls.view.value = "paragraph"
    assert box.panes.position.value == "Paragraph 1 of 3"
    box.controls.next.click()
    assert box.panes.position.value == "Paragraph 2 of 3"
    assert shown_ids(box) == list(TABLE.loc[TABLE.para == 2, "seg_id"])


def test_switching_views_keeps_ones_place():
    box = reader(start="P2.5")
    box.controls.view.value = "paragraph"
    assert "P2.5" in shown_ids(box)
    box.controls.view.value = "article"
    assert shown_ids(box) == ALL_IDS
    assert box.controls.jump.disabled
    assert box.controls.next.disabled and box.controls.previous.disabled
    box.controls.view.value = "segment"
    assert shown_ids(box) == ["P1.1"]  # the whole article starts at its first segment


def test_jump_goes_to_the_chosen_segment():
    box = reader()
    box.controls.jump.value = "P2.3"
    assert shown_ids(box) == ["P2.3"]
    assert box.panes.position.value == "Segment 6 of 19"
    assert ("P2.3 · Deviation 1: rushing", "P2.3") in box.controls.jump.options
    box.controls.next.click()
    assert box.controls.jump.value == "P2.4"


def test_start_sets_the_first_segment_and_a_bad_start_says_so():
    assert shown_ids(reader(start="P3.4")) == ["P3.4"]
    box = reader(start="P9.9")
    assert shown_ids(box) == ["P1.1"]
    assert "P9.9" in box.panes.message.value


def test_shown_segment_has_its_chinese_english_and_move():
    box = reader(start="P2.9")
    row = TABLE[TABLE.seg_id == "P2.9"].iloc[0]
    text = box.panes.text.value
    assert row.en.replace('"', "&quot;").replace("'", "&#x27;") in text
    assert "".join(re.findall(r"[\u3400-\u9fff]", row.zh)) in "".join(
        re.findall(r"[\u3400-\u9fff]", text)
    )
    assert "Deviation 2: holding back" in text
    assert "P2.8" not in shown_ids(box)
    assert 'class="ly-legend"' in box.panes.legend.value


def test_pinyin_toggle_puts_ruby_over_the_chinese():
    box = reader(start="P3.4")
    assert "<rt>" not in box.panes.text.value
    box.controls.pinyin.value = True
    text = box.panes.text.value
    assert "<ruby>牛<rt>niú</rt></ruby>" in text
    assert "<ruby>犋<rt>jù</rt></ruby>" in text
    box.controls.next.click()  # pinyin stays on while stepping
    assert "<rt>" in box.panes.text.value
    box.controls.pinyin.value = False
    assert "<rt>" not in box.panes.text.value


def test_terms_in_view_follow_the_segments_and_open_a_card():
    box = reader(start="P3.4")
    values = [value for _, value in box.controls.terms.options]
    assert "牛犋" in values and "硬卡硬" in values
    assert "牛犋" in box.panes.text.value and 'class="ly-term"' in box.panes.text.value
    box.controls.terms.value = "牛犋"
    card = box.panes.card.value
    row = glossary().set_index("term_zh").loc["牛犋"]
    assert "niú jù" in card and 'class="ly-card"' in card
    assert row.confidence in card
    assert escape(row.seed_rendering) in card and escape(row.suggested_rendering) in card
    assert escape(row.gloss_en) in card and escape(row.note) in card
    box.controls.previous.click()  # P3.3 has no 牛犋: the card goes back to the hint
    assert "牛犋" not in [value for _, value in box.controls.terms.options]
    assert 'class="ly-card"' not in box.panes.card.value


def test_focus_shows_only_that_move_and_its_guiding_question():
    box = reader()
    box.controls.focus.value = "deviation-1"
    question = moves().set_index("move").loc["deviation-1", "guiding_question"]
    intro = box.panes.focus_intro.value
    assert "Question to guide your reading" in intro
    assert question.replace("'", "&#x27;") in intro
    assert shown_ids(box) == ["P2.3"]
    assert box.panes.position.value == "Segment 1 of 6 in Deviation 1: rushing"
    assert [value for _, value in box.controls.jump.options] == [
        "P2.3",
        "P2.4",
        "P2.5",
        "P2.6",
        "P2.7",
        "P2.8",
    ]
    box.controls.view.value = "article"
    assert shown_ids(box) == ["P2.3", "P2.4", "P2.5", "P2.6", "P2.7", "P2.8"]
    box.controls.focus.value = ALL_MOVES
    assert box.panes.focus_intro.value.endswith("</style>\n")
    assert shown_ids(box) == ALL_IDS


def test_focus_keeps_the_segment_if_it_belongs_to_the_move():
    box = reader(start="P2.6")
    box.controls.focus.value = "deviation-1"
    assert shown_ids(box) == ["P2.6"]
    box.controls.focus.value = "correction"
    assert shown_ids(box) == ["P3.1"]


def test_static_form_holds_the_whole_article():
    page = reader()._repr_mimebundle_()["text/html"]
    assert SEG_ATTR.findall(page) == ALL_IDS
    assert 'class="ly-legend"' in page and "<style>" in page


def test_html_in_a_table_is_shown_escaped():
    table = small_table(en="<script>x</script>", zh="<u>中农</u>", seg_id="P1.1<i>")
    box = reader(table=table, start="P1.1<i>")
    for page in (box.panes.text.value, box.static_html()):
        assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
        assert "<u>" not in page and "&lt;u&gt;" in page
        assert "P1.1<i>" not in page and "P1.1&lt;i&gt;" in page
    box.controls.terms.value = "中农"
    assert "middle peasant" in box.panes.card.value


def test_another_article_without_moves_still_reads():
    table = pd.concat(
        [small_table(move="", seg_id="P1.1"), small_table(move="", seg_id="P2.1", para=2)]
    ).reset_index(drop=True)
    box = reader(table=table)
    assert ("P1.1 · not coded", "P1.1") in box.controls.jump.options
    assert walk_with_next(box) == [["P1.1"], ["P2.1"]]
    box.controls.focus.value = "lead"
    assert "No segment" in box.panes.position.value
    assert box.controls.next.disabled and box.controls.previous.disabled
    assert "Nothing to show" in box.panes.text.value


def test_a_bad_table_gives_a_message_not_a_traceback():
    box = reader(table=pd.DataFrame({"zh": ["中"]}))
    assert "ly-message ly-error" in box.static_html()
    assert "seg_id" in box.static_html()
