"""Searches with invisible characters, Chinese no-hit queries on a corpus, timeline dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.analysis.context import timeline
from helpers.analysis.corpus_search import corpus_kwic, corpus_table
from helpers.analysis.hits import no_hits_advice
from helpers.analysis.search import SearchError, kwic
from helpers.model.source import as_table
from helpers.render.search import corpus_search_html


def two_articles() -> pd.DataFrame:
    table, _ = corpus_table()
    return pd.concat([table, table.assign(article_id="copy")], ignore_index=True)


@pytest.mark.parametrize("query", ["互\u200b助组", "\u200b互助组", "互助\u2060组", "互\ufeff助组"])
def test_a_query_with_a_zero_width_character_finds_the_word(query):
    assert len(kwic(query)) == 13


def test_a_zero_width_character_inside_a_word_of_the_text_does_not_hide_it():
    table = as_table().copy()
    table["zh"] = table["zh"].str.replace("互助组", "互\u200b助组")
    hits = kwic("互助组", table=table)
    assert len(hits) == 13
    assert set(hits["match"]) == {"互\u200b助组"}  # the text as it is, the hit found


def test_the_corpus_search_ignores_zero_width_characters_too():
    table = two_articles()
    table["zh"] = table["zh"].str.replace("互助组", "互\u200c助组")
    assert len(corpus_kwic("互助\u200b组", table)) == 26


def test_a_query_of_invisible_characters_only_says_type_a_word():
    with pytest.raises(SearchError, match="Type a word"):
        kwic("\u200b\u200b")


def test_a_chinese_query_found_in_no_article_of_a_corpus_gets_advice_not_an_error():
    results, counts, hits = corpus_search_html("互助组组组", two_articles())
    assert hits is not None and hits.empty
    assert "No hits for" in results and "Hits per article" in counts


def test_no_hits_advice_on_a_corpus_names_absent_traditional_characters():
    advice = no_hits_advice("鬥爭", "zh", two_articles())
    assert "These articles are printed in simplified characters" in advice
    assert "鬥" in advice


@pytest.mark.parametrize("since", ["yesterday", "1954-13-01", "27.2.54x", True, 3.5])
def test_a_since_that_is_no_date_says_how_to_write_one(since):
    with pytest.raises(
        ValueError, match="is not a date: write it as text in the form 'YYYY-MM-DD'"
    ):
        timeline(since=since)


@pytest.mark.parametrize("since", [19540101, "19540101", "1954-01-01", "1954/1/1", "1954",
                                   dt.date(1954, 1, 1), pd.Timestamp("1954-01-01")])  # fmt: skip
def test_a_since_in_any_form_of_the_same_day_gives_the_same_rows(since):
    expected = timeline(since="1954-01-01")
    assert len(expected) > 0
    assert timeline(since=since)["event"].tolist() == expected["event"].tolist()


def test_until_is_checked_as_since_is():
    with pytest.raises(ValueError, match="until="):
        timeline(until="tomorrow")
