"""The parallel reader: stepping, views, focus, pinyin, terms, static form, escaping."""

import re

import pandas as pd
import pytest

from helpers import glossary, moves, segments
from helpers.analysis.reading import ALL_MOVES, VIEWS, navigation_state
from helpers.render.html import escape
from helpers.views.reader import Reader, reader
from helpers.views.tool import Tool
from tests.reading_cases import small_table

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
    shown = re.sub(r"<[^>]*>", "", text)  # the text, not the attributes (data-term="...")
    assert "".join(re.findall(r"[\u3400-\u9fff]", row.zh)) in "".join(
        re.findall(r"[\u3400-\u9fff]", shown)
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
    assert 'data-term="抬高牛犋价"' in box.panes.text.value  # the browser makes it a button
    box.controls.terms.value = "牛犋"
    assert box.panes.text.term == "牛犋"  # the card opens in the text, below the term
    assert 'class="ly-card"' not in box.panes.card.value  # not at the bottom
    card = box.panes.text.card_html()
    row = glossary().set_index("term_zh").loc["牛犋"]
    assert "niú jù" in card and 'class="ly-card"' in card
    assert row.confidence in card
    assert escape(row.seed_rendering) in card and escape(row.suggested_rendering) in card
    assert escape(row.gloss_en) in card and escape(row.note) in card
    box.controls.previous.click()  # P3.3 has no 牛犋: the card goes back to the hint
    assert "牛犋" not in [value for _, value in box.controls.terms.options]
    assert box.panes.text.term == "" and box.panes.text.card_html() == ""
    assert "Click an underlined term" in box.panes.card.value


def test_a_term_clicked_in_the_text_opens_its_card_and_the_list_follows():
    box = reader(start="P3.4")
    assert set(box.panes.text.cards) == {v for _, v in box.controls.terms.options if v}
    box.panes.text.term = "硬卡硬"  # what a click on the term in the browser sends
    assert box.controls.terms.value == "硬卡硬"
    assert "strong-with-strong" in box.panes.text.card_html()
    assert box.panes.card.value.endswith("</style>\n")  # no hint while a card is open
    box.panes.text.term = ""  # the card's Close button, or Escape
    assert box.controls.terms.value == "" and "Click an underlined term" in box.panes.card.value
    box.panes.text.term = "not a term"  # a stale click after the text changed: nothing opens
    assert box.controls.terms.value == "" and box.panes.text.term == ""


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
    assert "middle peasant" in box.panes.text.card_html()


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


# --------------------------------------------------------------------------- the Tool


def test_the_reader_is_a_tool_whose_state_is_the_navigation_state():
    box = reader(start="P2.3")
    assert isinstance(box, Reader) and isinstance(box, Tool)
    assert box.state() == navigation_state(TABLE, "segment", 5)
    box.controls.view.value = "paragraph"
    box.controls.focus.value = "deviation-1"
    assert box.state() == navigation_state(TABLE, "paragraph", 0, "deviation-1")
    assert box.state()["text"].startswith("Paragraph 1 of 1 in Deviation 1")


def test_no_handler_runs_while_the_reader_refreshes_its_own_controls():
    box = reader()
    with box.refreshing():
        box.controls.next.click()
        box.controls.jump.value = "P3.4"
        box.controls.view.value = "article"
    assert box.state()["seg_ids"] == ["P1.1"] and shown_ids(box) == ["P1.1"]
    box.controls.next.click()  # after the refresh, the handlers run again
    assert shown_ids(box) == ["P1.2"]


def test_a_failing_handler_shows_a_message_with_the_readers_advice(monkeypatch):
    box = reader()

    def fail(step):
        raise RuntimeError("no such step")

    monkeypatch.setattr(box, "step", fail)
    box.controls.next.click()
    message = box.panes.message.value
    assert "RuntimeError: no such step" in message and "ly-error" in message
    assert "Choose another segment, or run the cell again." in message
    assert shown_ids(box) == ["P1.1"]


def test_the_reader_class_checks_its_table():
    with pytest.raises(ValueError, match="seg_id"):
        Reader(pd.DataFrame({"zh": ["中"]}))
    tool = Reader(TABLE, start="P3.4")
    tool.go_to("P2.9")
    assert tool.state()["seg_ids"] == ["P2.9"]
    tool.step(-2)
    assert tool.state()["seg_ids"] == ["P2.7"]
