"""Article files pasted, retyped or saved otherwise: each is read right or refused in words.

Every file here is made from the seed by a small change; the expected article
is the seed's own (same paragraphs, same headline) or a message that says why.
"""

from __future__ import annotations

import codecs
import shutil

import pytest

from helpers.model.article import ArticleFormatError, load_article
from helpers.model.corpus import load_corpus
from helpers.model.paths import seed_path

SEED = load_article()


def seed() -> str:
    return seed_path().read_text(encoding="utf-8")


def same_as_seed(article) -> None:
    assert article.paragraphs_en == SEED.paragraphs_en
    assert article.paragraphs_zh == SEED.paragraphs_zh
    assert article.title_en == SEED.title_en


# ---------------------------------------------------------------- pasted


def test_two_articles_pasted_into_one_file_are_refused(write_article):
    with pytest.raises(ArticleFormatError, match="more than one article") as raised:
        load_article(write_article(seed() + "\n" + seed()))
    assert "a file of its own" in str(raised.value) and "line" in str(raised.value)


def test_a_second_article_without_its_original_line_is_refused_too(write_article):
    second = seed().split("<hr />")[0]
    with pytest.raises(ArticleFormatError, match="more than one article"):
        load_article(write_article(seed() + "\n\n" + second))


def test_two_articles_in_one_file_of_a_corpus_are_reported_not_merged(tmp_path):
    shutil.copy(seed_path(), tmp_path / "one.txt")
    (tmp_path / "two.txt").write_text(seed() + seed(), encoding="utf-8")
    table, report = load_corpus(tmp_path)
    assert report.loaded["file"].tolist() == ["one.txt"]
    assert "more than one article" in report.skipped.loc[0, "problem"]


# ---------------------------------------------------------------- rule lines


@pytest.mark.parametrize(
    "rule", ["<hr / >", "< hr />", "---", '<hr class="x">', "<HR>", "* * *", "<hr/>", "___"]
)
def test_a_rule_line_written_otherwise_is_no_english_paragraph(write_article, rule):
    article = load_article(write_article(seed().replace("<hr /> ", rule)))
    same_as_seed(article)


# ---------------------------------------------------------------- format lines


@pytest.mark.parametrize(
    "line", ["Original：", "Original\u200b:", "\u200bOriginal:", "original:", "Original"]
)
def test_an_original_line_typed_otherwise_is_read(write_article, line):
    same_as_seed(load_article(write_article(seed().replace("Original: ", line))))


@pytest.mark.parametrize("key", ["Title", "Date"])
def test_metadata_lines_with_a_full_width_colon_are_read(write_article, key):
    text = seed().replace(f"{key}: ", f"{key}：", 1)
    same_as_seed(load_article(write_article(text)))


def test_an_original_line_with_text_after_it_is_named_with_its_line(write_article):
    text = seed().replace("Original: ", "Original text follows")
    with pytest.raises(ArticleFormatError) as raised:
        load_article(write_article(text))
    message = str(raised.value)
    assert "line 15" in message and "'Original text follows'" in message
    assert "stands alone on its line" in message


# ---------------------------------------------------------------- encodings and bytes


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(write_article, encoding):
    data = seed().encode(encoding)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    same_as_seed(load_article(write_article(data)))


def test_an_encoding_error_names_its_line(write_article):
    lines = seed().split("\n")
    lines[6] = lines[6][:20] + "\udcff" + lines[6][20:]
    data = "\n".join(lines).encode("utf-8", "surrogateescape")
    with pytest.raises(ArticleFormatError, match=r"line 7, byte \d+ cannot be read"):
        load_article(write_article(data))


def test_a_nul_byte_after_the_first_4_kb_is_refused_with_its_line(write_article):
    data = seed().encode("utf-8")
    at = data.index(b"\n", 6000) + 1
    line = data[:at].count(b"\n") + 1
    damaged = data[:at] + b"\x00" + data[at:]
    with pytest.raises(ArticleFormatError, match=f"line {line} holds a NUL character"):
        load_article(write_article(damaged))


def test_a_latin1_file_is_not_called_utf16(write_article):
    data = seed().split("<hr />")[0].replace("Xinhua", "Xinhuá").encode("latin-1")
    with pytest.raises(ArticleFormatError, match="not UTF-8 text"):
        load_article(write_article(data))


# ---------------------------------------------------------------- invisible characters


def test_zero_width_characters_inside_words_are_taken_out_at_load(write_article):
    text = seed().replace("互助组", "互\u200b助\u200d组").replace("peasants", "peas\u00adants")
    article = load_article(write_article(text))
    same_as_seed(article)


def test_a_byte_order_mark_in_the_middle_and_direction_marks_are_taken_out(write_article):
    text = seed().replace("辽阳县", "辽\ufeff阳\u200e县")
    same_as_seed(load_article(write_article(text)))


# ---------------------------------------------------------------- the headline block


def chinese_block(title: str, lines: list[str]) -> str:
    """The seed with its ### line and its headline lines replaced."""
    text = seed()
    head, _, rest = text.partition("### ")
    _, _, rest = rest.partition("\n")
    body_at = rest.index("    【新华社")
    front = rest[: rest.index("    中共中央东北局农村工作部通报辽阳县经验")]
    indented = "".join(f"    {line}\n" for line in lines)
    return f"{head}### {title}\n{front}{indented}{rest[body_at:]}"


MAIN, SUB = "中共中央东北局农村工作部通报辽阳县经验", "要求各地及时解决互助合作运动中的问题"
KICKER = "纠正互助合作运动中的偏向"
SUBTITLE = "——辽阳县委的做法"

SHAPES = {
    "main and sub, spaces": (f"{MAIN}  {SUB}", [MAIN, SUB]),
    "main and sub, colon": (f"{MAIN}：{SUB}", [MAIN, SUB]),
    "main and sub, nothing": (f"{MAIN}{SUB}", [MAIN, SUB]),
    "kicker repeated": (f"{KICKER} {MAIN} {SUB}", [KICKER, MAIN, SUB]),
    "kicker not repeated": (f"{MAIN} {SUB}", [KICKER, MAIN, SUB]),
    "dash subtitle not repeated": (MAIN, [MAIN, SUBTITLE]),
    "kicker, main, subtitle, main only": (MAIN, [KICKER, MAIN, SUBTITLE]),
    "not repeated at all": ("人民日报", [KICKER, MAIN]),
    "one line": (MAIN, [MAIN]),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_every_shape_of_headline_is_headline_never_body(write_article, shape):
    title, lines = SHAPES[shape]
    article = load_article(write_article(chinese_block(title, lines)))
    assert article.headline_zh == lines
    assert article.paragraphs_zh == SEED.paragraphs_zh


def test_a_short_first_paragraph_without_a_title_match_stays_body(write_article):
    text = chinese_block("别的标题", ["一段很短的话"]).replace("【新华社沈阳二十六日电】", "")
    article = load_article(write_article(text))
    assert article.headline_zh == []
    assert article.paragraphs_zh[0] == "一段很短的话"
    assert len(article.paragraphs_zh) == 4


# ---------------------------------------------------------------- corpus


def test_200_broken_files_of_2000_give_a_short_summary_by_reason(tmp_path):
    shutil.copy(seed_path(), tmp_path / "seed.txt")
    for number in range(120):
        (tmp_path / f"empty_{number:04}.txt").write_bytes(b"")
    for number in range(80):
        (tmp_path / f"gbk_{number:04}.txt").write_bytes("Title: 标题\n中文".encode("gb18030"))
    _, report = load_corpus(tmp_path)
    summary = report.summary()
    assert len(summary) < 600
    assert "skipped 200 files" in summary
    assert "120 files: the file is empty (empty_0000.txt, empty_0001.txt, empty_0002.txt and " \
           "117 more)" in summary  # fmt: skip
    assert "80 files: the file is not UTF-8 text" in summary
    assert len(report.skipped) == 200  # every file is still listed in the table


def test_sub_folders_are_reported_not_skipped_in_silence(tmp_path):
    shutil.copy(seed_path(), tmp_path / "seed.txt")
    (tmp_path / "more").mkdir()
    shutil.copy(seed_path(), tmp_path / "more" / "inside.txt")
    (tmp_path / ".hidden").mkdir()
    _, report = load_corpus(tmp_path)
    assert report.skipped["file"].tolist() == ["more/"]
    assert "sub-folder" in report.summary()


def test_same_name_in_two_cases_gives_two_distinct_articles(tmp_path):
    shutil.copy(seed_path(), tmp_path / "same.txt")
    shutil.copy(seed_path(), tmp_path / "same.TXT")
    table, report = load_corpus(tmp_path)
    if len(report.loaded) < 2:
        pytest.skip("this file system folds case: the two names are one file")
    assert table["article_id"].nunique() == 2
    assert table.groupby("article_id").size().tolist() == [19, 19]
