"""Tests for the keyword-in-context search and the counts of where hits fall."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import segments
from helpers.analysis.corpus_search import corpus_kwic
from helpers.analysis.hits import compare_terms, hits_by_paragraph
from helpers.analysis.search import (
    KWIC_COLUMNS,
    Context,
    SearchError,
    as_text,
    compile_query,
    deadline,
    kwic,
    normalise,
    original_span,
    text_spans,
    time_left,
    too_slow,
)

TABLE = segments()
#: Where each segment's Chinese starts in the whole Chinese article.
SEGMENT_OFFSETS = dict(
    zip(TABLE.seg_id, TABLE.zh.str.len().cumsum() - TABLE.zh.str.len(), strict=True)
)


def made_up_table(zh_texts, en_texts=None) -> pd.DataFrame:
    """A small segments table with the given texts, one paragraph per segment."""
    en_texts = en_texts or [f"English {number}" for number in range(len(zh_texts))]
    return pd.DataFrame(
        {
            "seg_id": [f"P{n}.1" for n in range(1, len(zh_texts) + 1)],
            "para": list(range(1, len(zh_texts) + 1)),
            "zh": zh_texts,
            "en": en_texts,
            "move": ["situation"] * len(zh_texts),
            "step": pd.array([pd.NA] * len(zh_texts), dtype="Int64"),
            "actors": [[] for _ in zh_texts],
            "note": [""] * len(zh_texts),
        }
    )


# ----------------------------------------------------------------------------- kwic


def test_chinese_hits_equal_occurrences_counted_from_segments():
    expected = sum(text.count("互助组") for text in TABLE.zh)
    hits = kwic("互助组")
    assert expected > 0
    assert len(hits) == expected
    assert list(hits.columns) == KWIC_COLUMNS
    assert (hits["match"] == "互助组").all()
    per_segment = hits.groupby("seg_id").size()
    for seg_id, number in per_segment.items():
        assert TABLE.set_index("seg_id").loc[seg_id, "zh"].count("互助组") == number


def test_english_search_ignores_case():
    expected = sum(text.lower().count("mutual aid") for text in TABLE.en)
    assert expected > 0
    assert len(kwic("mutual aid", lang="en")) == expected
    assert len(kwic("MUTUAL Aid", lang="en")) == expected
    assert {match.lower() for match in kwic("MUTUAL Aid", lang="en")["match"]} == {"mutual aid"}


def test_other_column_is_the_aligned_sentence_and_fields_agree_with_segments():
    by_id = TABLE.set_index("seg_id")
    for row in kwic("互助组").itertuples():
        assert row.other == by_id.loc[row.seg_id, "en"]
        assert row.para == by_id.loc[row.seg_id, "para"]
        assert row.move == by_id.loc[row.seg_id, "move"]
    for row in kwic("mutual aid", lang="en").itertuples():
        assert row.other == by_id.loc[row.seg_id, "zh"]


def test_position_is_the_offset_in_the_whole_article():
    article = "".join(TABLE.zh)
    for row in kwic("合作社").itertuples():
        assert article[row.position : row.position + len(row.match)] == row.match
    english = "".join(TABLE.en)
    for row in kwic("cooperative", lang="en").itertuples():
        assert english[row.position : row.position + len(row.match)] == row.match


@pytest.mark.parametrize("window", [0, 1, 3, 10])
def test_chinese_window_is_in_characters(window):
    by_id = TABLE.set_index("seg_id")
    for row in kwic("互助组", window=window).itertuples():
        text = by_id.loc[row.seg_id, "zh"]
        assert len(row.left) <= window and len(row.right) <= window
        assert row.left + row.match + row.right in text
        start = row.position - SEGMENT_OFFSETS[row.seg_id]
        assert text[start : start + len(row.match)] == row.match
        assert row.left == text[max(start - window, 0) : start]


@pytest.mark.parametrize("window", [0, 1, 2, 5])
def test_english_window_is_in_whole_words(window):
    by_id = TABLE.set_index("seg_id")
    hits = kwic("mutual aid", lang="en", window=window)
    for row in hits.itertuples():
        text = by_id.loc[row.seg_id, "en"]
        assert len(row.left.split()) <= window and len(row.right.split()) <= window
        assert row.left + row.match + row.right in text
        found = text.find(row.left + row.match + row.right)
        before = text[found - 1] if found > 0 else " "
        after_at = found + len(row.left + row.match + row.right)
        after = text[after_at] if after_at < len(text) else " "
        assert before.isspace() or not row.left, "left context should start at a word"
        assert after.isspace() or not row.right, "right context should end at a word"
    assert any(len(row.left.split()) == window for row in hits.itertuples())


def test_regex_search():
    hits = kwic("互助(组|合作)", regex=True)
    assert set(hits["match"]) == {"互助组", "互助合作"}
    expected = sum(text.count("互助组") + text.count("互助合作") for text in TABLE.zh)
    assert len(hits) == expected
    assert len(kwic(r"\bteams?\b", lang="en", regex=True)) > 0


def test_literal_search_treats_regex_characters_as_text():
    assert kwic(".*", lang="en").empty
    assert kwic("互助组|合作社").empty
    assert len(kwic("(", lang="zh")) == sum(text.count("（") for text in TABLE.zh)


@pytest.mark.parametrize(
    "pattern, words", [("(", "missing )"), ("[a", "unterminated"), ("*a", "nothing to repeat")]
)
def test_bad_regex_gives_a_one_line_message_saying_what_to_do(pattern, words):
    with pytest.raises(SearchError) as problem:
        kwic(pattern, regex=True)
    message = str(problem.value)
    assert "\n" not in message
    assert repr(pattern) in message and words in message and "Untick 'regex'" in message
    assert isinstance(problem.value, ValueError)


def test_catastrophic_pattern_is_stopped_with_a_clear_error():
    table = made_up_table(["a" * 40 + "!", "a" * 40 + "?"])
    with pytest.raises(SearchError, match="took too long"):
        kwic("(a|aa)+$", lang="zh", regex=True, table=table)
    # the classic (a+)+$ either finishes (the regex module optimises it) or is stopped
    try:
        kwic("(a+)+$", lang="zh", regex=True, table=table)
    except SearchError as problem:
        assert "took too long" in str(problem)


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "\u3000"])
def test_empty_or_blank_query(query):
    for use_regex in (False, True):
        with pytest.raises(SearchError, match="Type a word to search for."):
            kwic(query, regex=use_regex)


@pytest.mark.parametrize("pattern", ["^", "$", "a*", r"\b", "(?=互)", "x?"])
def test_zero_width_matches_are_skipped(pattern):
    hits = kwic(pattern, regex=True)
    assert (hits["match"].str.len() > 0).all()
    assert len(hits) <= sum(len(text) for text in TABLE.zh)


def test_zero_width_pattern_with_some_real_matches():
    hits = kwic("组*", regex=True)
    assert len(hits) == sum(text.count("组") for text in TABLE.zh)  # runs of 组 are single here


def test_query_longer_than_the_text_finds_nothing():
    longest = max(TABLE.zh, key=len)
    assert kwic(longest + "互", table=TABLE).empty
    assert kwic("".join(TABLE.zh)).empty
    whole = kwic(longest)
    assert len(whole) == 1 and whole.iloc[0]["left"] == "" and whole.iloc[0]["right"] == ""


def test_full_width_and_half_width_punctuation_find_each_other():
    expected = sum(text.count("（") for text in TABLE.zh)
    assert expected > 0
    full = kwic("（")
    half = kwic("(")
    assert len(full) == len(half) == expected
    assert set(full["match"]) == {"（"}, "hits are reported in the article's own characters"
    assert len(kwic(",")) == sum(text.count("，") for text in TABLE.zh)


def test_normalisation_keeps_original_text_when_lengths_change():
    table = made_up_table(["甲㈠乙（丙）丁"])
    hits = kwic("(一)", table=table, window=2)
    assert hits["match"].tolist() == ["㈠"]
    assert hits.iloc[0]["left"] == "甲" and hits.iloc[0]["right"] == "乙（"
    assert kwic("（丙）", table=table)["match"].tolist() == ["（丙）"]


def test_match_everything_query_is_bounded():
    hits = kwic(".", regex=True)
    assert len(hits) == sum(len(text) for text in TABLE.zh)
    assert (hits["match"].str.len() == 1).all()
    english = kwic(r"\S+", lang="en", regex=True)
    assert len(english) == sum(len(text.split()) for text in TABLE.en)


def test_unknown_language_is_a_search_error():
    with pytest.raises(SearchError, match="'zh' or 'en'"):
        kwic("互助组", lang="fr")


# ----------------------------------------------------------------------------- properties


SEGMENT_TEXTS = TABLE.zh.tolist()


@st.composite
def substring_of_a_segment(draw):
    number = draw(st.integers(0, len(SEGMENT_TEXTS) - 1))
    text = SEGMENT_TEXTS[number]
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(start + 12, len(text))))
    return number, text[start:end]


@settings(max_examples=60, deadline=None)
@given(substring_of_a_segment())
def test_any_substring_is_found_in_its_segment(drawn):
    number, query = drawn
    assume(query.strip())
    hits = kwic(query, window=5)
    assert len(hits) >= 1
    seg_id = TABLE.seg_id.iloc[number]
    assert seg_id in set(hits["seg_id"])
    by_id = TABLE.set_index("seg_id")
    for row in hits.itertuples():
        assert row.left + row.match + row.right in by_id.loc[row.seg_id, "zh"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=20))
def test_regex_search_raises_nothing_but_search_error(pattern):
    for lang in ("zh", "en"):
        try:
            hits = kwic(pattern, lang=lang, regex=True)
        except SearchError as problem:
            assert str(problem) and "\n" not in str(problem)
        else:
            assert (hits["match"].str.len() > 0).all()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab()[]*+?|.^$\\{}1,", max_size=12))
def test_regex_metacharacter_soup_raises_nothing_but_search_error(pattern):
    try:
        kwic(pattern, lang="en", regex=True)
    except SearchError:
        pass


# ----------------------------------------------------------------------------- where hits fall


def test_hits_by_paragraph_matches_counts_from_segments():
    counts = hits_by_paragraph(compare_terms(["互助组", "合作社"]))
    for term in ("互助组", "合作社"):
        for para in (1, 2, 3):
            expected = sum(text.count(term) for text in TABLE[TABLE.para == para].zh)
            assert counts.loc[term, f"P{para}"] == expected
        assert counts.loc[term, "total"] == sum(text.count(term) for text in TABLE.zh)


# ----------------------------------------------------------------------------- shared pieces


def test_context_is_public_and_gives_kwic_its_context():
    row = kwic("mutual aid", lang="en", window=2).iloc[0]
    text = TABLE.set_index("seg_id").loc[row.seg_id, "en"]
    start = text.find(row.match)
    assert Context(text, 2, "en").around(start, start + len(row.match)) == (row.left, row.right)
    assert Context("各地互助组已经", -3, "zh").around(2, 5) == ("", "")


def test_text_spans_read_origins_or_none_alike():
    pattern = compile_query("互助组")
    text = "互助组和互助组"
    folded, origins = normalise(text)
    limit = deadline()
    assert text_spans(pattern, folded, origins, limit, "互助组") == [(0, 3), (4, 7)]
    assert text_spans(pattern, folded, None, limit, "互助组") == [(0, 3), (4, 7)]
    assert original_span(0, 3, None) == (0, 3)


def test_as_text_reads_missing_cells_as_empty():
    assert [as_text(v) for v in ("互助组", None, float("nan"), pd.NA, 7)] == [
        "互助组",
        "",
        "",
        "",
        "7",
    ]


def test_one_time_limit_for_kwic_and_the_corpus_search(monkeypatch):
    import helpers.analysis.search as search

    monkeypatch.setattr(search, "TIME_LIMIT", 0.0)
    for run in (lambda: kwic("互助组"), lambda: corpus_kwic("互助组", "seeds")):
        with pytest.raises(SearchError, match=r"took too long to search \(over 0.0 s\)"):
            run()
    with pytest.raises(SearchError, match="took too long"):
        time_left(deadline(), "x")
    assert isinstance(too_slow("x"), SearchError)
