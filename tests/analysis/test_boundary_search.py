"""A phrase across two segments (with the punctuation between them) finds its hit."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis.corpus_search import corpus_table, search_corpus
from helpers.analysis.search import kwic
from helpers.model.source import as_table


def test_a_chinese_phrase_across_a_full_stop_and_a_paragraph():
    hits = kwic("健康发展。辽阳县农民", window=3)
    assert hits[["seg_id", "left", "match", "right"]].values.tolist() == [
        ["P1.3", "保证运动的"[-3:], "健康发展。辽阳县农民", "经过总"]
    ]
    table = as_table()
    start = sum(len(text) for text in table["zh"][:2]) + table["zh"][2].index("健康发展")
    assert hits.iloc[0]["position"] == start
    assert (
        hits.iloc[0]["other"].startswith(table["en"][2]) and table["en"][3] in hits.iloc[0]["other"]
    )


def test_a_phrase_across_a_comma_inside_a_paragraph():
    hits = kwic("的经验，要求各地")
    assert hits["seg_id"].tolist() == ["P1.2"]


def test_an_english_phrase_across_two_sentences():
    hits = kwic("the movement. After", lang="en")
    assert hits["seg_id"].tolist() == ["P1.3", "P2.10"]
    assert (hits["match"] == "the movement. After").all()


def test_a_regular_expression_across_a_boundary():
    hits = kwic(r"发展。\w{3}", regex=True)
    assert "发展。辽阳县" in hits["match"].tolist()


def test_hits_inside_segments_are_not_counted_twice():
    assert len(kwic(".+", regex=True)) == len(as_table())
    assert len(kwic(".", regex=True)) == sum(len(text) for text in as_table()["zh"])
    assert len(kwic("互助组")) == 13


def test_the_hits_stay_in_article_order():
    hits = kwic("发展", window=2)
    assert hits["position"].is_monotonic_increasing


def test_the_corpus_search_finds_the_same_hits_across():
    table, _ = corpus_table()
    for query, lang, regex in [("健康发展。辽阳县", "zh", False), ("movement. After", "en", False),
                               (r"ment\.\s+After", "en", True)]:  # fmt: skip
        one = kwic(query, lang=lang, regex=regex)
        many = search_corpus(query, table, lang, regex, 10)
        assert len(one) >= 1
        pd.testing.assert_frame_equal(many[one.columns].reset_index(drop=True), one)


def made_up(texts):
    count = len(texts)
    return pd.DataFrame(
        {
            "seg_id": [f"P1.{n}" for n in range(1, count + 1)],
            "para": [1] * count,
            "zh": texts,
            "en": ["x"] * count,
            "move": [""] * count,
            "step": pd.array([pd.NA] * count, dtype="Int64"),
            "actors": [[] for _ in range(count)],
            "note": [""] * count,
        }
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="互助组。，", min_size=1, max_size=8), min_size=2, max_size=4),
    st.data(),
)
def test_a_query_cut_from_across_any_boundary_is_found_there(texts, data):
    number = data.draw(st.integers(0, len(texts) - 2))
    first, second = texts[number], texts[number + 1]
    cut_from = data.draw(st.integers(0, len(first) - 1))
    cut_to = data.draw(st.integers(1, len(second)))
    query = first[cut_from:] + second[:cut_to]
    hits = kwic(query, table=made_up(texts))
    start = sum(len(text) for text in texts[:number]) + cut_from
    inside = [(h.position, h.position + len(h.match)) for h in hits.itertuples()]
    # the hit there, or another hit that takes one of its characters first
    assert any(s < start + len(query) and start < e for s, e in inside)
    assert all(h.match == query for h in hits.itertuples())
