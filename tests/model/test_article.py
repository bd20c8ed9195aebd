"""Reading the article file: metadata, paragraphs, and clear errors on bad files."""

import datetime as dt

import pytest

import helpers
from helpers import ArticleFormatError, load_article


def test_metadata_is_read():
    article = load_article()
    assert article.title_en.startswith("Northeast Bureau of the CPC Central Committee")
    assert article.title_zh == (
        "中共中央东北局农村工作部通报辽阳县经验 要求各地及时解决互助合作运动中的问题"
    )
    assert article.date == dt.date(1954, 2, 27)
    assert article.page == 1
    assert article.author is None
    assert article.source.name == "000_de9b3e9f03d8f077.txt"
    assert article.column == ""


def test_three_paragraphs_in_each_language_paired():
    article = load_article()
    assert len(article.paragraphs_en) == 3
    assert len(article.paragraphs_zh) == 3
    assert article.paragraphs_zh[0].startswith("【新华社沈阳二十六日电】")
    assert article.paragraphs_en[0].startswith("Xinhua News Agency, Shenyang")
    assert article.paragraphs_zh[2].startswith("中共辽阳县委员会")
    assert article.paragraphs_en[2].startswith("After discovering the above two biases")


def test_headline_and_metadata_are_not_body(seed_text):
    article = load_article()
    assert article.headline_zh == [
        "中共中央东北局农村工作部通报辽阳县经验",
        "要求各地及时解决互助合作运动中的问题",
    ]
    body = article.text_zh + article.text_en
    for not_body in (
        "Title:",
        "Page:",
        "第1版",
        "专栏",
        "<hr",
        "Original:",
        "要求各地及时解决互助合作运动中的问题",
    ):
        assert not_body not in body


def test_bom_and_windows_line_endings_are_read(seed_text, write_article):
    path = write_article("\ufeff" + seed_text.replace("\n", "\r\n"))
    article = load_article(path)
    assert article.title_en == load_article().title_en
    assert article.paragraphs_zh == load_article().paragraphs_zh


def test_metadata_lines_in_another_order_are_read(seed_text, write_article):
    lines = seed_text.split("\n")
    reordered = [lines[2], lines[3], lines[0], lines[1], *lines[4:]]
    article = load_article(write_article("\n".join(reordered)))
    assert article.date == dt.date(1954, 2, 27)
    assert article.paragraphs_en == load_article().paragraphs_en


def test_public_names_are_exported():
    for name in ("load_article", "segments", "glossary", "ArticleFormatError"):
        assert hasattr(helpers, name)
    assert issubclass(ArticleFormatError, ValueError)


def _without_original(text):
    return text.replace("Original:", "Chinese:")


def _without_date(text):
    return text.replace("Date: 1954-02-27\n", "")


def _impossible_date(text):
    return text.replace("Date: 1954-02-27", "Date: 1954-02-30")


def _empty_chinese_body(text):
    head, _, _ = text.partition("    【新华社")
    return head


def _no_title(text):
    return text.replace("Title: ", "Heading: ", 1)


def _no_chinese_title(text):
    return text.replace("### ", "", 1)


def _no_english(text):
    head = "\n".join(text.split("\n")[:4])
    return head + "\n" + text[text.index("<hr />") :]


def _bad_page(text):
    return text.replace("Page: 1", "Page: one")


def _twice_title(text):
    return "Title: again\n" + text


MALFORMED = [
    (_without_original, "no 'Original:' line"),
    (_without_date, "no 'Date:' line"),
    (_impossible_date, "not a real date"),
    (_empty_chinese_body, "Chinese body is empty"),
    (_no_title, "no 'Title:' line"),
    (_no_chinese_title, "no Chinese title"),
    (_no_english, "no English text"),
    (_bad_page, "not a whole number"),
    (_twice_title, "appears twice"),
]


@pytest.mark.parametrize("damage, message", MALFORMED, ids=[m for _, m in MALFORMED])
def test_malformed_text_raises_a_clear_error(seed_text, write_article, damage, message):
    path = write_article(damage(seed_text))
    with pytest.raises(ArticleFormatError) as raised:
        load_article(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


GB18030_ARTICLE = (
    "Title: x\nDate: 1954-02-27\n\nEnglish\n<hr />\nOriginal:\n### 中文\n    正文。\n"
).encode("gb18030")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"%PDF-1.4\x00\x00\x01binary", "binary file"),
        (GB18030_ARTICLE, "not UTF-8"),
    ],
    ids=["empty", "binary", "gb18030"],
)
def test_unreadable_files_raise_a_clear_error(write_article, content, message):
    path = write_article(content)
    with pytest.raises(ArticleFormatError, match=message) as raised:
        load_article(path)
    assert str(path) in str(raised.value)


def test_gb18030_file_is_named_as_such(write_article):
    path = write_article("Title: x\n\n中文\n".encode("gb18030"))
    with pytest.raises(ArticleFormatError, match="GB18030"):
        load_article(path)


def test_missing_file_and_folder_raise_a_clear_error(tmp_path):
    with pytest.raises(ArticleFormatError, match="no such file"):
        load_article(tmp_path / "nothing.txt")
    with pytest.raises(ArticleFormatError, match="folder"):
        load_article(tmp_path)


def test_huge_file_is_refused_before_reading(write_article, monkeypatch):
    monkeypatch.setattr("helpers.model.article.MAX_FILE_BYTES", 1000)
    path = write_article("x" * 2000)
    with pytest.raises(ArticleFormatError, match="2 kB, over the 1 kB"):
        load_article(path)
