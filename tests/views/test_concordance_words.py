"""The concordances' word and case controls: search by characters or words, match case, boundaries.

Each test sets a control as a reader would and checks what the panes show,
so it fails when the control does nothing.
"""

from __future__ import annotations

import re

import pytest

from helpers.views.concordance import concordance
from helpers.views.corpus_concordance import corpus_concordance
from helpers.views.search_box import WORD_CHOICES

MARK = '<td class="ly-kwic-word">{}</td>'


def shown_text(pane) -> str:
    """A pane's text without its style sheet and markup."""
    return re.sub(r"<[^>]+>", "", pane.value.split("</style>")[-1])


def make(kind):
    return concordance("合作社") if kind == "one" else corpus_concordance("seeds", "合作社")


@pytest.mark.parametrize("kind", ["one", "corpus"])
def test_words_marked_shows_each_hit_inside_the_longer_word(kind):
    box = make(kind)
    assert box.state()["hits"] == 13 and "as a word" not in box.panes.results.value
    box.controls.words.value = "marked"  # no Search click: the choice searches again
    results = box.panes.results.value
    assert box.state()["words"] == "marked" and box.state()["hits"] == 13
    assert results.count(MARK.format("inside 农业生产合作社")) == 13
    assert "All 13 hits are parts of other words" in shown_text(box.panes.results)


@pytest.mark.parametrize("kind", ["one", "corpus"])
def test_whole_words_only_leaves_the_parts_out_and_says_so(kind):
    box = make(kind)
    box.controls.words.value = "words"
    text = shown_text(box.panes.results)
    assert box.state()["hits"] == 0 and 'class="ly-hit"' not in box.panes.results.value
    assert "No whole-word hits for &#x27;合作社&#x27; in the Chinese: all 13 hits" in text
    assert "choose characters to see them" in text and "Try a shorter word" not in text
    box.controls.query.value = "互助组"  # a real word of the article stays
    assert box.state()["hits"] == 13
    assert box.panes.results.value.count(MARK.format("whole word")) == 13
    box.controls.words.value = "characters"
    box.controls.query.value = "合作社"
    assert box.state()["hits"] == 13 and "as a word" not in box.panes.results.value


def test_whole_words_only_keeps_the_whole_one_and_counts_the_rest():
    box = concordance("生产")
    assert box.state()["hits"] == 14
    box.controls.words.value = "words"
    assert box.state()["hits"] == 1
    assert box.panes.results.value.count(MARK.format("whole word")) == 1
    line = shown_text(box.panes.results)
    assert "1 hit for &#x27;生产&#x27;" in line
    assert "Left out: 13 of 14 hits are parts of other words (inside 农业生产合作社: 13)" in line
    assert box.panes.picture.value.count('class="hit"') == 1  # the strip draws what is shown


def test_a_character_search_that_crosses_two_words_is_marked_across():
    box = concordance("和尚")
    assert "The one hit is part of other words" in shown_text(box.panes.results)
    box.controls.words.value = "marked"
    assert MARK.format("across 和 / 尚未") in box.panes.results.value


def test_a_phrase_across_a_segment_boundary_is_found_in_every_mode():
    box = concordance("发展。辽阳县")
    assert box.state()["hits"] == 1 and "1 hit for" in shown_text(box.panes.results)
    assert "P1.3" in box.panes.results.value and box.panes.picture.value.count('class="hit"') == 1
    box.controls.words.value = "words"
    assert box.state()["hits"] == 1
    assert MARK.format("whole words (across a segment boundary)") in box.panes.results.value
    many = corpus_concordance("seeds", "发展。辽阳县")
    assert many.state()["hits"] == 1
    many.controls.lang.value, many.controls.query.value = "en", "movement. After"
    assert many.state()["hits"] == 2


@pytest.mark.parametrize("kind", ["one", "corpus"])
def test_match_case_tells_cpc_from_CPC(kind):
    box = make(kind)
    box.controls.lang.value, box.controls.query.value = "en", "cpc"
    assert box.state()["hits"] == 3
    box.controls.case.value = True
    assert box.state()["hits"] == 0 and box.state()["case_sensitive"] is True
    assert "No hits for &#x27;cpc&#x27; in the English" in box.panes.results.value
    box.controls.query.value = "CPC"
    assert box.state()["hits"] == 3


@pytest.mark.parametrize("kind", ["one", "corpus"])
def test_match_case_applies_to_regular_expressions(kind):
    box = make(kind)
    box.controls.lang.value, box.controls.regex.value = "en", True
    box.controls.query.value = "[A-Z]{3}"
    loose = box.state()["hits"]
    box.controls.case.value = True
    assert box.state()["hits"] == 3 < loose  # CPC three times; without case, any three letters


@pytest.mark.parametrize("kind", ["one", "corpus"])
def test_bad_input_in_a_word_mode_is_a_short_message_that_says_what_to_do(kind):
    box = make(kind)
    box.controls.words.value, box.controls.case.value = "marked", True
    box.controls.regex.value = True
    box.controls.query.value = "互助("
    text = shown_text(box.panes.results)
    assert "ly-error" in box.panes.results.value and box.state()["hits"] is None
    assert "not a valid regular expression" in text and "Traceback" not in text
    assert "Untick" in text and len(text.strip()) < 200  # what to do, no wall of text


def test_the_new_controls_fit_and_are_named():
    box = concordance("合作社")
    words, case = box.controls.words, box.controls.case
    assert "ly-tool" in box._dom_classes
    assert words.description and case.description == "match case"
    assert len(words.tooltips) == len(WORD_CHOICES) and all(words.tooltips)
    assert all(len(label) <= 18 for label, _ in WORD_CHOICES)  # 3 buttons fit at 1024 px
    assert words in box.children and any(case in row.children for row in box.children[3:4])


def test_the_static_form_shows_the_marked_search():
    box = concordance("合作社")
    box.controls.words.value = "marked"
    assert box.static_html().count(MARK.format("inside 农业生产合作社")) == 13


def test_the_notebook_can_open_the_concordance_on_a_word_choice():
    box = concordance("合作社", words="marked")
    assert box.controls.words.value == "marked" and box.state()["hits"] == 13
    assert box.panes.results.value.count(MARK.format("inside 农业生产合作社")) == 13
    box.controls.words.value = "characters"
    assert "as a word" not in box.panes.results.value
    english = concordance("cpc", lang="en", case_sensitive=True)
    assert english.controls.case.value is True and english.state()["hits"] == 0


def test_an_unknown_word_choice_is_one_sentence_not_a_traceback():
    box = concordance("合作社", words="tokens")
    text = box.static_html()
    assert box.controls is None and "ly-error" in text
    assert "Choose words=&#x27;characters&#x27;, &#x27;marked&#x27; or &#x27;words&#x27;" in text


def test_a_plain_corpus_search_says_when_its_hits_are_parts_of_other_words():
    box = corpus_concordance("seeds", "合作社")
    assert "All 13 hits are parts of other words (inside 农业生产合作社: 13)" in shown_text(
        box.panes.results
    )
    box.controls.query.value = "互助组"
    assert "parts of other words" not in shown_text(box.panes.results)


def test_the_notebooks_kwic_shows_the_word_marks_too():
    from helpers.render.search import kwic

    shown = kwic("合作社", window=4, words="marked")._repr_html_()
    assert shown.count(MARK.format("inside 农业生产合作社")) == 13 and ">as a word</th>" in shown
    assert ">as a word</th>" not in kwic("合作社", window=4)._repr_html_()


@pytest.mark.parametrize("mode", ["characters", "marked", "words"])
def test_an_empty_corpus_in_every_mode_and_case_says_no_hits(mode):
    from helpers.analysis.corpus_search import corpus_table

    empty = corpus_table()[0].head(0)
    box = corpus_concordance(empty, "合作社")
    box.controls.words.value = mode
    for case in (False, True):
        box.controls.case.value = case
        assert box.state()["hits"] == 0, (mode, case)
        assert "No hits for &#x27;合作社&#x27;" in box.panes.results.value
        assert "Something went wrong" not in box.panes.results.value
