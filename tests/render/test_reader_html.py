"""The reader's HTML: the move in focus, the whole article, the pairing's confidence, term cards."""

import re

from helpers import moves, segments
from helpers.analysis.reading import ALL_MOVES
from helpers.render.reader_html import article_html, focus_intro_html

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
