"""The search's word mode, the note on hits inside words, and the case option, on the seed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis.hits import count_line
from helpers.analysis.search import SearchError, compile_query, kwic
from helpers.analysis.word_search import mark_words, word_mark, word_note
from helpers.analysis.words import spans
from helpers.model.source import as_table
from helpers.model.tables import segments
from helpers.render.search import search_html

ZH = "".join(segments()["zh"])


def test_all_13_hits_of_hezuoshe_are_marked_inside_the_longer_word():
    assert ZH.count("合作社") == ZH.count("农业生产合作社") == 13  # the seed, plainly counted
    marked = kwic("合作社", words="marked")
    assert len(marked) == 13
    assert set(marked["words"]) == {"inside 农业生产合作社"}
    assert kwic("合作社", words="words").empty


def test_the_monk_and_the_community_are_across_two_words():
    monk = kwic("和尚", words="marked")
    assert (
        monk["seg_id"].tolist() == ["P3.6"]
        and "对已出现和尚未定型" in monk.iloc[0]["left"] + "和尚未定型"
    )
    assert monk.iloc[0]["words"] == "across 和 / 尚未"
    community = kwic("社区", words="marked")
    assert len(community) == 1 and community.iloc[0]["words"] == "across 农业生产合作社 / 区上"
    assert kwic("和尚", words="words").empty and kwic("社区", words="words").empty


def test_whole_words_and_phrases_stay():
    teams = kwic("互助组", words="words")
    assert len(teams) == 13 and set(teams["words"]) == {"whole word"}
    assert set(kwic("硬卡硬", words="words")["words"]) == {"whole word"}
    assert kwic("互助组的", words="marked")["words"].eq("whole words").all()


def test_the_character_search_still_finds_every_hit():
    plain = kwic("合作社")
    assert len(plain) == 13 and "words" not in plain.columns
    assert len(kwic("硬卡硬")) == 2  # whatever a segmenter makes of it


def test_english_words_are_marked_too():
    marked = kwic("aid", lang="en", words="marked")
    assert set(marked["words"]) == {"whole word"}
    inside = kwic("operat", lang="en", words="marked")
    assert not inside.empty and inside["words"].str.startswith("inside cooperat").all()


def test_a_plain_search_says_when_its_hits_are_parts_of_other_words():
    table = as_table()
    assert word_note(kwic("合作社"), table).startswith(
        "All 13 hits are parts of other words (inside 农业生产合作社: 13)"
    )
    assert word_note(kwic("和尚"), table).startswith("The one hit is part of other words")
    assert word_note(kwic("互助组"), table) == ""
    mixed = word_note(kwic("合作"), table)
    assert mixed.startswith(f"{len(kwic('合作'))} hits are parts") or mixed.startswith("All")
    assert count_line(kwic("合作社"), "合作社", "zh") == "13 hits for '合作社' in the Chinese."
    line = count_line(kwic("合作社"), "合作社", "zh", table, words=True)
    assert line.startswith("13 hits for '合作社' in the Chinese. All 13 hits are parts")
    html, _ = search_html("合作社")
    assert "inside 农业生产合作社: 13" in html


def test_some_but_not_all():
    note = word_note(kwic("生产"), as_table())
    hits = mark_words(kwic("生产"))
    inside = int((~hits["words"].str.startswith("whole")).sum())
    assert 0 < inside < len(hits)
    assert note.startswith(f"{inside} of {len(hits)} hits are parts of other words")


def test_word_mark_reads_the_spans():
    text = "办农业生产合作社区上高看"
    assert word_mark(text, 1, 8) == "whole word"
    assert word_mark(text, 5, 8) == "inside 农业生产合作社"
    assert word_mark(text, 0, 10) == "whole words"
    assert word_mark(text, 6, 9) == "across 农业生产合作社 / 区上"
    assert word_mark("互助组。", 3, 4) == "no word (punctuation)"


def test_an_unknown_mode_is_one_sentence():
    with pytest.raises(SearchError, match="Choose the search mode 'characters', 'marked', 'words'"):
        kwic("互助组", words="tokens")


def test_case_is_ignored_unless_asked():
    assert len(kwic("cpc", lang="en")) == 3
    assert kwic("cpc", lang="en", case_sensitive=True).empty
    assert len(kwic("CPC", lang="en", case_sensitive=True)) == 3


def test_a_case_sensitive_regular_expression():
    loose = kwic(r"\bParty\b", lang="en", regex=True)
    strict = kwic(r"\bParty\b", lang="en", regex=True, case_sensitive=True)
    lower = kwic(r"\bparty\b", lang="en", regex=True, case_sensitive=True)
    assert len(strict) == len(loose) > 0 and lower.empty
    assert (strict["match"] == "Party").all()
    assert compile_query("a", is_regex=True, case_sensitive=True).match("A") is None
    assert compile_query("a", is_regex=True).match("A") is not None


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_mark_agrees_with_the_word_boundaries(data):
    text = data.draw(st.sampled_from(list(segments()["zh"])))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(start + 8, len(text))))
    words = spans(text)
    mark = word_mark(text, start, end)
    touched = [(s, e) for _, s, e in words if e > start and s < end]
    bounds = {s for _, s, _ in words} | {e for _, _, e in words}
    if not touched:
        assert mark == "no word (punctuation)"
    elif min(s for s, _ in touched) >= start and max(e for _, e in touched) <= end:
        assert mark.startswith("whole")
    elif len(touched) == 1:
        assert mark == f"inside {text[touched[0][0] : touched[0][1]]}"
    else:
        assert mark.startswith("across ") and not (start in bounds and end in bounds)
