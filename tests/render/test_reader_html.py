"""The reader's HTML: the move in focus, the whole article, the pairing's confidence, term cards."""

import re

import pandas as pd

from helpers import moves, segments
from helpers.analysis.reading import ALL_MOVES
from helpers.model.paths import seed_path
from helpers.model.source import as_table, confidence_note, source_title
from helpers.render.html import escape, glossary_card_html, message_html
from helpers.render.reader_html import (
    alignment_html,
    alignment_text,
    article_html,
    focus_intro_html,
    shown_html,
    term_card_html,
    title_html,
)

TABLE = segments()
ALL_IDS = list(TABLE["seg_id"])
SEG_ATTR = re.compile(r'data-seg="([^"]+)"')


def test_focus_intro_names_the_guiding_question():
    for row in moves().itertuples():
        intro = focus_intro_html(row.move)
        assert "Question to guide your reading" in intro
        assert row.guiding_question.replace("'", "&#x27;") in intro
    assert focus_intro_html(ALL_MOVES) == ""
    assert "ly-message ly-error" in focus_intro_html("no-such-move")


def test_article_html_holds_every_segment_and_the_legend():
    page = article_html(TABLE)
    assert SEG_ATTR.findall(page) == ALL_IDS
    assert 'class="ly-legend"' in page


def test_the_focus_intro_is_a_card_with_the_moves_words_escaped():
    row = moves().set_index("move").loc["deviation-2"]
    assert focus_intro_html("deviation-2") == (
        f'<div class="ly-card"><b>Focus: {escape(row.label)}</b><br>'
        f"<b>Question to guide your reading:</b> {escape(row.guiding_question)}<br>"
        f"<b>What this move covers:</b> {escape(row.description)}</div>"
    )


def test_the_article_page_has_its_title_intro_legend_and_segments_in_order(tmp_path):
    page = article_html()
    assert page.startswith("<p>The article, segment by segment: Chinese and English side by side, ")
    assert page.index('class="ly-legend"') < page.index('class="ly-seg"')
    titled = article_html(seed_path())
    assert titled.startswith(f"<p><b>{escape(source_title(seed_path()))}</b></p><p>The article")
    assert title_html(as_table(seed_path())) == f"<b>{escape(source_title(seed_path()))}</b>"
    assert title_html(TABLE) == ""


def test_alignment_words_name_the_pairs_to_check_first():
    rows = pd.DataFrame({"seg_id": ["P1.1", "P1.2"], "confidence": [0.95, 0.41]})
    text = alignment_text(rows)
    assert text.startswith("Paired automatically: confidence 0.41 to 0.95")
    assert "Check first: P1.2 (0.41)" in text
    assert alignment_text(rows.iloc[:1]) == confidence_note("P1.1", 0.95)
    assert alignment_text(TABLE) == "" and alignment_html(TABLE) == ""
    assert alignment_html(rows) == message_html(text)


def test_shown_segments_and_term_cards():
    assert shown_html(TABLE.iloc[:3]).count('class="ly-seg"') == 3
    assert "<rt>" in shown_html(TABLE.iloc[:1], pinyin=True)
    assert "Nothing to show here" in shown_html(TABLE.iloc[0:0])
    assert term_card_html("牛犋") == glossary_card_html("牛犋")
    assert "Click an underlined term" in term_card_html("")
