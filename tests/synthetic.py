"""Synthetic article texts for the tests of alignment and corpus loading.

Everything here is made up for testing and says so in its own words: an
imaginary county, invented sentences. None of it is history.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers.model.article import Article

TITLE_EN = "A Synthetic Test Article About an Imaginary County"
TITLE_ZH = "一篇关于虚构县份的测试文章"

#: Two paragraphs, sentence for sentence (every bead 1-1).
ONE_TO_ONE_ZH = [
    "这是一篇虚构的测试文章。这个县是想象出来的。",
    "测试文章里的农民也是虚构的，他们种的是想象中的庄稼。这些句子只用于检查程序。",
]
ONE_TO_ONE_EN = [
    "This is a synthetic test article. The county is imaginary.",
    "The peasants in this test article are invented too, and they grow imaginary crops. "
    "These sentences only serve to check the program.",
]

#: One long Chinese sentence that the English makes two (a 1-2 bead), between 1-1 beads.
ONE_TO_TWO_ZH = [
    "这是一篇虚构的测试文章。"
    "测试县的干部召开了一次想象中的会议，讨论了虚构的互助组怎样在明年春天扩大规模的问题。"
    "这一段到此为止。"
]
ONE_TO_TWO_EN = [
    "This is a synthetic test article. "
    "The cadres of the test county held an imaginary meeting. "
    "They discussed how the invented mutual aid teams might grow larger next spring. "
    "This paragraph ends here."
]

#: Two short Chinese sentences that the English joins into one (a 2-1 bead).
TWO_TO_ONE_ZH = [
    "这是一篇虚构的测试文章，内容全是编的。"
    "会议开了。会议散了。"
    "测试县的虚构农民在想象中的田地里忙了整整一个春天，最后收获了许多想象中的粮食。"
]
TWO_TO_ONE_EN = [
    "This is a synthetic test article, and all of it is made up. "
    "The meeting opened and then it closed. "
    "The invented peasants of the test county worked in imaginary fields for a whole spring "
    "and in the end brought in a great deal of imaginary grain."
]

#: Two Chinese paragraphs against three English ones (the second is split in two).
UNEVEN_ZH = [
    "这是一篇虚构的测试文章，讲的是一个想象中的县。",
    "这个虚构的县有很多想象中的互助组，每个组都在测试程序里出现。"
    "这些组的故事全是编出来的，只为了检查段落对齐是否正确。"
    "所以读者不必相信其中任何一句话。",
]
UNEVEN_EN = [
    "This is a synthetic test article about an imaginary county.",
    "The invented county has many imaginary mutual aid teams, "
    "and each of them appears in the test program.",
    "The stories of these teams are all made up, only to check that the paragraphs are aligned "
    "correctly. So the reader need not believe a word of it.",
]


def article_text(
    paragraphs_en: list[str],
    paragraphs_zh: list[str],
    title_en: str = TITLE_EN,
    title_zh: str = TITLE_ZH,
    author: str = "",
    date: str = "2000-01-01",
) -> str:
    """The text of an article file in the seed format, with the given paragraphs."""
    english = "\n\n".join(paragraphs_en)
    chinese = "\n".join(f"    {paragraph}" for paragraph in paragraphs_zh)
    return (
        f"Title: {title_en}\nAuthor: {author}\nDate: {date}\nPage: 1\n"
        f"{english}\n\n<hr />\n\nOriginal:\n\n### {title_zh}\n\n{date}\n第1版()\n专栏：\n\n"
        f"    {title_zh}\n{chinese}\n"
    )


def write_article_file(folder: Path, name: str, paragraphs_en, paragraphs_zh, **metadata) -> Path:
    """Write a synthetic article file into a folder and return its path."""
    path = Path(folder) / name
    path.write_text(article_text(paragraphs_en, paragraphs_zh, **metadata), encoding="utf-8")
    return path


def write_two_articles(folder: Path) -> Path:
    """A new folder of two synthetic articles, a.txt (one to one) and b.txt (uneven)."""
    folder = Path(folder)
    folder.mkdir()
    write_article_file(folder, "a.txt", ONE_TO_ONE_EN, ONE_TO_ONE_ZH)
    write_article_file(folder, "b.txt", UNEVEN_EN, UNEVEN_ZH, title_zh="第二篇")
    return folder


def make_article(paragraphs_zh: list[str], paragraphs_en: list[str]) -> Article:
    """An Article built directly (so the paragraph counts may differ)."""
    return Article(
        title_en=TITLE_EN,
        title_zh=TITLE_ZH,
        date=dt.date(2000, 1, 1),
        page=1,
        source=Path("synthetic.txt"),
        paragraphs_en=list(paragraphs_en),
        paragraphs_zh=list(paragraphs_zh),
    )
