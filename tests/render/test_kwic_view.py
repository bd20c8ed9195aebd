"""helpers.kwic in a notebook: a concordance, a reason when empty, a sentence for bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers.render.html import Notice
from helpers.render.search import KwicTable


def test_kwic_is_still_the_table_of_hits():
    hits = helpers.kwic("互助组")
    assert isinstance(hits, pd.DataFrame) and isinstance(hits, KwicTable)
    assert list(hits.columns[:5]) == ["seg_id", "para", "left", "match", "right"]
    assert len(hits) == 13 and hits.iloc[0]["seg_id"] == "P2.2"


def test_kwic_shows_itself_as_a_concordance_with_the_other_language_once_per_segment():
    hits = helpers.kwic("互助组")
    html = hits._repr_html_()
    assert 'class="ly-kwic"' in html and 'class="dataframe"' not in html
    assert html.count('class="ly-hit"') == 13
    assert html.count('<tr class="ly-kwic-other">') == hits["seg_id"].nunique() < 13
    for sentence in hits.drop_duplicates("seg_id")["other"]:
        assert html.count(sentence.replace("'", "&#x27;").replace('"', "&quot;")) == 1


def test_the_concordance_columns_are_laid_out_as_antconc_does():
    css = helpers.kwic("互助组")._repr_html_()
    assert re.search(r"\.ly-kwic \{[^}]*table-layout: fixed", css)
    assert re.search(r"td\.ly-kwic-left > div \{[^}]*justify-content: flex-end", css)
    assert re.search(r"td\.ly-kwic-hit \{[^}]*text-align: center", css)
    assert "nowrap" in re.search(r"\.ly-kwic td \{[^}]*\}", css).group(0)


def test_an_empty_result_says_why():
    empty = helpers.kwic("xyzzy")
    assert empty.empty
    assert "No hits for &#x27;xyzzy&#x27; in the English" in empty._repr_html_()
    assert "as the query is in Latin letters" in repr(empty)
    traditional = helpers.kwic("鬥爭")
    assert "simplified characters" in traditional._repr_html_()


def test_an_english_word_is_found_without_naming_the_language():
    hits = helpers.kwic("cooperative")
    assert len(hits) > 0 and "in the English" in hits._repr_html_()


@pytest.mark.parametrize("window", [None, "ten"])
def test_a_bad_window_is_one_sentence_not_a_traceback(window):
    shown = helpers.kwic("互助组", window=window)
    assert isinstance(shown, Notice) and "ly-error" in shown._repr_html_()
    assert "window=10" in repr(shown) and "Traceback" not in repr(shown)


def test_a_bad_pattern_or_source_is_one_sentence_too():
    assert isinstance(helpers.kwic("(", regex=True), Notice)
    assert isinstance(helpers.kwic("互助组", table="no/such/article.txt"), Notice)


def test_a_selection_of_hits_shows_in_the_plain_table_style():
    picked = helpers.kwic("互助组")[["seg_id", "match"]]
    assert 'class="ly-table"' in picked._repr_html_()
