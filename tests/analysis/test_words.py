"""Chinese as words: the glossary as jieba's user dictionary, word counts against the seed."""

import re
import subprocess
import sys

import pandas as pd
import pytest

from helpers.analysis.word_counts import stopwords, word_frequencies, words_against_characters
from helpers.analysis.words import segment, segmentation_of, spans, user_words
from helpers.model.paths import seed_path
from helpers.model.tables import glossary, segments

ZH = "".join(segments()["zh"])

#: The article's terms that jieba cuts out of the box and the glossary keeps whole.
TERMS = {"农业生产合作社": 13, "硬卡硬": 2, "牛犋价": 1}


@pytest.mark.parametrize(("term", "hits"), TERMS.items())
def test_the_glossary_keeps_the_article_terms_whole_everywhere(term, hits):
    assert ZH.count(term) == hits  # the seed, counted without any segmenter
    words = [w for text in segments()["zh"] for w in segment(text)]
    assert words.count(term) == hits


@pytest.mark.parametrize("term", TERMS)
def test_out_of_the_box_jieba_splits_them(term):
    words = [w for text in segments()["zh"] for w in segment(text, user_dictionary=False)]
    assert words.count(term) == 0


def test_the_splits_are_shown_term_by_term():
    table = segmentation_of(list(TERMS)).set_index("term")
    assert table.loc["农业生产合作社", "out_of_the_box"] == "农业 / 生产 / 合作社"
    assert table.loc["硬卡硬", "out_of_the_box"] == "硬卡 / 硬"
    assert table.loc["牛犋价", "out_of_the_box"] == "牛 / 犋 / 价"
    assert (table["with_glossary"] == table.index).all()
    assert table["whole"].tolist() == table["hits"].tolist() == list(TERMS.values())


def test_the_user_dictionary_is_the_glossary_with_its_phrases_divided():
    words = user_words()
    terms = set(glossary()["term_zh"])
    phrases = {
        "抬高牛犋价",
        "区上高看",
        "积极领导、稳步前进",
        "中共中央关于发展农业生产合作社的决议",
    }
    assert phrases <= terms
    assert not phrases & set(words["word"])
    assert terms - phrases <= set(words["word"])
    assert {"牛犋价", "抬高", "积极领导", "稳步前进"} <= set(words["word"])
    assert not words["word"].str.contains(r"[、，。]").any()


def test_a_title_in_the_glossary_does_not_hide_the_term_inside_it():
    assert segment("认真学习中共中央关于发展农业生产合作社的决议")[-4:] == [
        "发展", "农业生产合作社", "的", "决议",
    ]  # fmt: skip


def test_spans_point_at_the_words_and_leave_out_punctuation():
    text = "对已出现和尚未定型的“自发社”，"
    found = spans(text)
    assert all(text[start:end] == word for word, start, end in found)
    assert [w for w, _, _ in found][-3:] == ["定型", "的", "自发社"]
    assert spans("won't hurt!", "en") == (("won't", 0, 5), ("hurt", 6, 10))
    with pytest.raises(ValueError, match="'zh' or 'en'"):
        spans("x", "fr")


def test_word_frequencies_count_words_not_characters():
    table = word_frequencies().set_index("word")
    assert table.loc["农业生产合作社", "count"] == 13
    assert table.loc["互助组", "count"] == 13
    assert "合作社" not in table.index  # never a word of its own in this article
    assert table.loc["硬卡硬", "count"] == 2 and table.loc["硬卡硬", "segments"] == 2
    assert table["count"].is_monotonic_decreasing
    assert table["share"].sum() == pytest.approx(1, abs=0.02)


def test_the_stopwords_are_left_out_and_negations_kept():
    kept = set(word_frequencies()["word"])
    assert not kept & set(stopwords("zh")["word"])
    assert {"没有", "不"} <= kept
    every = word_frequencies(drop_stopwords=False).set_index("word")
    assert every.index[0] == "的"  # the commonest word of all, once it is not left out
    assert 30 < every.loc["的", "count"] <= ZH.count("的")


def test_english_is_counted_in_lower_case_with_its_own_stopwords():
    table = word_frequencies(lang="en").set_index("word")
    english = " ".join(segments()["en"]).lower()
    assert table.loc["teams", "count"] == len(re.findall(r"\bteams\b", english)) == 13
    assert "the" not in table.index and "not" in table.index
    assert set(stopwords("en")["kind"]) >= {"article", "preposition", "pronoun"}


def test_the_stopword_list_is_one_list_per_language_without_repeats():
    for lang in ("zh", "en"):
        words = stopwords(lang)["word"]
        assert len(words) > 20 and words.is_unique and (words.str.strip() == words).all()


def test_words_against_characters_on_the_seed():
    table = words_against_characters(["合作社", "农业生产合作社", "和尚", "社区", "硬卡硬"])
    rows = table.set_index("term").to_dict("index")
    assert rows["合作社"] == {
        "as_characters": 13, "as_a_word": 0, "inside_a_word": 13, "across_words": 0,
    }  # fmt: skip
    assert rows["农业生产合作社"]["as_a_word"] == 13
    assert rows["和尚"] == {
        "as_characters": 1,
        "as_a_word": 0,
        "inside_a_word": 0,
        "across_words": 1,
    }
    assert rows["社区"]["across_words"] == 1 and rows["硬卡硬"]["as_a_word"] == 2
    parts = table[["as_a_word", "inside_a_word", "across_words"]].sum(axis=1)
    assert (parts == table["as_characters"]).all()


def test_any_article_file_is_counted():
    table = word_frequencies(str(seed_path()))
    assert isinstance(table, pd.DataFrame) and table.iloc[0]["count"] == 13


def test_import_helpers_does_not_load_jieba():
    code = "import sys, helpers; print('jieba' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_segmenting_prints_nothing_and_warns_nothing():
    code = (
        "import warnings; warnings.simplefilter('error')\n"
        "from helpers.analysis.words import segment; print(segment('硬卡硬'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['硬卡硬']" and result.stderr == ""


def test_the_question_on_the_word_count_agrees_with_the_segmenter():
    from helpers.exercises.bank import bank

    item = bank()["q06_word_count"].item
    counted = words_against_characters(["合作社"]).iloc[0]
    assert item["answer"] == counted["as_a_word"] == 0
    assert "13" in item["hints"] and counted["as_characters"] == 13


def test_the_question_on_segmentation_agrees_with_the_segmenter():
    from helpers.analysis.search import kwic
    from helpers.exercises.bank import bank

    item = bank()["q06_segmentation"].item
    cut = segmentation_of(["硬卡硬", "农业生产合作社"]).set_index("term")
    assert cut.loc["硬卡硬", "out_of_the_box"] == "硬卡 / 硬" and "硬卡 / 硬" in item["prompt"]
    assert cut.loc["农业生产合作社", "out_of_the_box"] == "农业 / 生产 / 合作社"
    assert (cut["with_glossary"] == cut.index).all()  # the glossary keeps both whole
    assert kwic("硬卡硬")["seg_id"].tolist() == ["P2.10", "P3.4"]
    assert item["answer"].startswith("A character search")
