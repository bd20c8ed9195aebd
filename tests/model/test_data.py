"""The article as tables: segments, moves, steps and glossary are faithful and complete."""

import re

import pandas as pd

from helpers import glossary, load_article, moves, segments, steps
from helpers.model.tables import SEGMENT_COLUMNS

SPACE = re.compile(r"\s+")
HANZI = re.compile(r"[\u3400-\u9fff]")


def squeeze(text):
    return SPACE.sub("", text)


def test_segments_have_the_promised_columns():
    table = segments()
    assert list(table.columns) == [*SEGMENT_COLUMNS, "confidence"]
    assert (table["confidence"] == 1.0).all()
    assert table["seg_id"].is_unique
    assert table["seg_id"].str.fullmatch(r"P\d+\.\d+").all()


def test_joining_chinese_segments_gives_back_the_chinese_body():
    article = load_article()
    table = segments()
    for para, rows in table.groupby("para"):
        assert squeeze("".join(rows["zh"])) == squeeze(article.paragraphs_zh[para - 1])
    assert squeeze("".join(table["zh"])) == squeeze("".join(article.paragraphs_zh))


def test_joining_english_segments_gives_back_the_english_body():
    article = load_article()
    table = segments()
    for para, rows in table.groupby("para"):
        assert " ".join(rows["en"]) == article.paragraphs_en[para - 1]


def test_segments_are_in_reading_order():
    table = segments()
    assert list(table["para"]) == sorted(table["para"])
    numbers = table["seg_id"].str.extract(r"P(\d+)\.(\d+)").astype(int)
    assert list(numbers[0]) == list(table["para"])
    for _, rows in numbers.groupby(0):
        assert list(rows[1]) == list(range(1, len(rows) + 1))


def test_every_segment_has_a_known_move_actors_and_a_note():
    table = segments()
    known = set(moves()["move"])
    assert set(table["move"]) <= known
    assert table["actors"].map(len).gt(0).all()
    assert table["note"].str.len().gt(20).all()


def test_every_move_is_present():
    assert set(segments()["move"]) == set(moves()["move"])


def test_every_step_is_present_once_and_only_on_corrections():
    table = segments()
    numbered = table.dropna(subset=["step"])
    assert sorted(numbered["step"]) == [1, 2, 3, 4, 5]
    assert (numbered["move"] == "correction").all()
    assert list(numbered["step"]) == sorted(numbered["step"]), "steps follow the article's order"
    assert table.loc[table["move"] != "correction", "step"].isna().all()


def test_steps_table_points_at_the_right_segments():
    table = segments().set_index("seg_id")
    for row in steps().itertuples():
        assert table.loc[row.seg_id, "step"] == row.step
        assert set(row.answers) <= {"deviation-1", "deviation-2", "middle-peasants"}


def test_the_articles_own_numbering_matches_steps_one_and_two():
    table = segments().set_index("seg_id")
    assert table.loc[steps().set_index("step").loc[1, "seg_id"], "zh"].startswith("第一")
    assert table.loc[steps().set_index("step").loc[2, "seg_id"], "zh"].startswith("第二")


def test_moves_have_distinct_colours_and_questions():
    table = moves()
    assert table["colour"].is_unique
    assert table["colour"].str.fullmatch(r"#[0-9A-F]{6}").all()
    assert table["guiding_question"].str.endswith("?").all()


def test_segments_returns_a_copy_students_cannot_break():
    first = segments()
    first.loc[0, "zh"] = "changed"
    assert segments().loc[0, "zh"] != "changed"


def test_glossary_has_the_promised_columns_and_size():
    table = glossary()
    for column in (
        "term_zh",
        "pinyin",
        "gloss_en",
        "seed_rendering",
        "suggested_rendering",
        "note",
        "confidence",
        "seg_ids",
    ):
        assert column in table.columns
    assert len(table) >= 25
    assert table["term_zh"].is_unique
    assert set(table["confidence"]) <= {"confirmed", "plausible", "open"}


def test_glossary_names_the_required_terms():
    terms = set(glossary()["term_zh"])
    for term in (
        "总路线",
        "爱国售粮运动",
        "互助组",
        "农业生产合作社",
        "自发社",
        "偏向",
        "积极领导、稳步前进",
        "贫农",
        "中农",
        "区",
        "县委员会",
        "辽东省",
        "牛犋",
        "抬高牛犋价",
        "硬卡硬",
        "区上高看",
    ):
        assert term in terms


def test_every_glossary_term_occurs_in_the_chinese_text():
    body = squeeze(load_article().text_zh)
    for term in glossary()["term_zh"]:
        assert term in body, term


def test_every_glossary_seg_id_contains_the_term_and_none_is_missed():
    zh = segments().set_index("seg_id")["zh"]
    for row in glossary().itertuples():
        assert row.seg_ids, row.term_zh
        for seg_id in row.seg_ids:
            assert row.term_zh in zh[seg_id]
        assert set(row.seg_ids) == {s for s, text in zh.items() if row.term_zh in text}


def test_pinyin_has_tone_marks_and_one_syllable_per_character():
    for row in glossary().itertuples():
        syllables = re.findall(r"[^\s,]+", row.pinyin)
        assert len(syllables) == len(HANZI.findall(row.term_zh)), row.term_zh
    assert glossary().set_index("term_zh").loc["牛犋", "pinyin"] == "niú jù"


def test_seed_rendering_is_quoted_from_the_seeds_english():
    en = segments().set_index("seg_id")["en"]
    for row in glossary().itertuples():
        if row.seed_rendering == "(not rendered)":
            continue
        english = " ".join(en[s] for s in row.seg_ids).lower()
        assert row.seed_rendering.lower() in english, row.term_zh


def test_known_mistranslations_are_flagged():
    table = glossary().set_index("term_zh")
    assert table.loc["辽东省", "seed_rendering"] == "Liaoning Province"
    assert table.loc["辽东省", "suggested_rendering"] == "Liaodong Province"
    assert "cattle" in table.loc["牛犋", "seed_rendering"]
    assert table.loc["硬卡硬", "seed_rendering"] == "hard-bound"
    assert table.loc["硬卡硬", "confidence"] == "open"
    assert table.loc["偏向", "seed_rendering"] == "bias"
    assert table.loc["区上高看", "seed_rendering"] == "seen as more prestigious"


def test_another_article_is_split_and_aligned_automatically(seed_text, write_article):
    text = seed_text.replace("辽阳县农民经过", "辽阳县的农民经过")
    article = load_article(write_article(text))
    table = segments(article)
    assert (table["move"] == "").all()
    assert isinstance(table["step"].dtype, pd.Int64Dtype)
    assert table["confidence"].between(0, 1).all()
    assert len(table) > len(article.paragraphs_zh)
    assert squeeze("".join(table["zh"])) == squeeze("".join(article.paragraphs_zh))


def test_an_article_with_uneven_paragraph_counts_is_aligned(seed_text, write_article):
    text = seed_text.replace(" Contrary to the above bias", "\n\nContrary to the above bias")
    article = load_article(write_article(text))
    assert (len(article.paragraphs_en), len(article.paragraphs_zh)) == (4, 3)
    table = segments(article)
    assert squeeze("".join(table["zh"])) == squeeze("".join(article.paragraphs_zh))
    assert squeeze("".join(table["en"])) == squeeze("".join(article.paragraphs_en))
