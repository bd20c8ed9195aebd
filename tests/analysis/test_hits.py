"""Tests for where hits fall: paragraph spans, the queries of a hits table, the words."""

from __future__ import annotations

import pytest

from helpers.analysis.hits import (
    compare_terms,
    count_line,
    groups_of,
    hits_by_paragraph,
    no_hits_advice,
    paragraph_spans,
    queries_of,
    reading_of,
)
from helpers.analysis.search import SearchError, kwic, texts_of
from helpers.model.tables import segments

TABLE = segments()


def test_paragraph_spans_cover_the_article_end_to_end():
    for lang in ("zh", "en"):
        spans, total = paragraph_spans(TABLE, lang)
        assert total == sum(len(text) for text in texts_of(TABLE, lang)[0])
        assert [para for para, _, _ in spans] == sorted(TABLE["para"].unique())
        assert spans[0][1] == 0 and spans[-1][2] == total
        for (_, _, end), (_, start, _) in zip(spans, spans[1:], strict=False):
            assert end == start
        for para, start, end in spans:
            assert end - start == sum(len(t) for t in TABLE[TABLE.para == para][lang])


def test_paragraph_spans_of_an_empty_text_keep_a_length_of_one():
    spans, total = paragraph_spans(TABLE.assign(zh=""), "zh")
    assert total == 1 and spans[-1][2] == 1


def test_queries_and_groups_of_one_or_several_queries():
    one = kwic("互助组")
    assert queries_of(one) == ["互助组"]
    assert [(q, len(part)) for q, part in groups_of(one)] == [("互助组", len(one))]
    several = compare_terms(["合作社", "不存在的词", "互助组"])
    assert queries_of(several) == ["合作社", "不存在的词", "互助组"]
    assert [len(part) for _, part in groups_of(several)] == [13, 0, 13]


def test_reading_of_says_the_counts_per_paragraph():
    hits = compare_terms(["互助组", "不存在的词"])
    counts = hits_by_paragraph(hits)
    words = reading_of(hits)
    assert words == reading_of(hits, counts=counts)
    assert words.startswith("13 hits for 互助组: 0 in P1, 3 in P2, 10 in P3.")
    assert words.endswith("0 hits for 不存在的词: 0 in P1, 0 in P2, 0 in P3.")
    assert reading_of(kwic("东北局")).startswith("1 hit for 东北局:")


def test_count_line_and_advice_in_words():
    assert count_line(kwic("东北局"), " 东北局 ", "zh") == "1 hit for '东北局' in the Chinese."
    assert "search the Chinese" in no_hits_advice("nothing", "en")
    assert "simplified characters" not in no_hits_advice("互助组组组", "zh")


def test_compare_terms_takes_the_language_from_the_queries_script():
    english = compare_terms(["cooperative", "mutual aid"])
    assert english.attrs["lang"] == "en" and len(english) > 0
    assert set(english["query"]) == {"cooperative", "mutual aid"}
    assert compare_terms(["互助组"]).attrs["lang"] == "zh"


def test_compare_terms_in_two_languages_at_once_says_to_take_one():
    with pytest.raises(SearchError, match="one language at a time"):
        compare_terms(["互助组", "cooperative"])
