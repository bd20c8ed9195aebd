"""helpers.quote and helpers.term_card: the article quoted in a notebook, not print()ed."""

from __future__ import annotations

import helpers
from helpers.model.tables import glossary, segments


def test_a_quote_shows_each_segment_in_both_languages_in_order():
    shown = helpers.quote("P2.9", "P2.3")
    html = shown._repr_html_()
    assert html.count('class="ly-seg"') == 2
    assert html.index('data-seg="P2.9"') < html.index('data-seg="P2.3"')


def test_the_text_form_breaks_lines_between_words_only():
    text = repr(helpers.quote("P3.2"))
    english = segments().set_index("seg_id").loc["P3.2", "en"]
    assert " ".join(text.split("\n", 1)[1].split()) == " ".join(english.split())
    assert all(len(line) <= 81 for line in text.splitlines()[1:])


def test_a_steps_table_heads_each_segment_with_its_step():
    html = helpers.quote(helpers.steps())._repr_html_()
    for row in helpers.steps().itertuples():
        assert f"<b>Step {row.step}</b>" in html and f'data-seg="{row.seg_id}"' in html


def test_an_unknown_segment_is_one_sentence():
    shown = helpers.quote("P9.9")
    assert "ly-error" in shown._repr_html_() and repr(shown).count(". ") == 0


def test_a_term_card_holds_the_glossary_note():
    note = glossary().set_index("term_zh").loc["辽东省", "note"]
    card = helpers.term_card("辽东省")
    assert note.replace("'", "&#x27;") in card._repr_html_()
    assert " ".join(repr(card).split()).find(" ".join(note.split())) > 0
    assert "not in the glossary" in repr(helpers.term_card("不存在"))
