"""The handout prints any article and titles itself from it, not from the seed."""

from __future__ import annotations

import re

import pytest

from helpers import load_article, segments
from helpers.model.source import as_table
from helpers.render.handout import CITATION, DISCUSSION_QUESTIONS, handout, handout_html
from helpers.render.handout_title import DISPATCH, article_heading, title_block_html
from helpers.render.html import escape
from tests.synthetic import (
    TITLE_EN,
    TITLE_ZH,
    UNEVEN_EN,
    UNEVEN_ZH,
    make_article,
    write_article_file,
)

SEED_TITLE = load_article().title_en


@pytest.fixture
def synthetic_path(tmp_path):
    return write_article_file(tmp_path, "synthetic.txt", UNEVEN_EN, UNEVEN_ZH, date="2000-01-01")


def head_of(page: str) -> str:
    return page[: page.index('class="ho-article"')]


def section_numbers(page: str) -> list[int]:
    return [int(number) for number in re.findall(r"<h2>(\d+)\. ", page)]


@pytest.mark.parametrize("kind", ["path", "str", "article", "table"])
def test_the_handout_of_another_article_is_titled_from_it(synthetic_path, kind):
    source = {
        "path": synthetic_path,
        "str": str(synthetic_path),
        "article": load_article(synthetic_path),
        "table": as_table(synthetic_path),
    }[kind]
    page = handout_html(table=source)
    head = head_of(page)
    assert f"<title>Handout: {escape(TITLE_ZH)} / {escape(TITLE_EN)}</title>" in page
    assert escape(TITLE_EN) in head and escape(TITLE_ZH) in head
    assert escape(SEED_TITLE) not in page
    assert "1 January 2000" in head
    assert escape(DISPATCH) not in page and escape(CITATION) not in page
    assert page.count('class="ly-seg"') == len(as_table(synthetic_path))


def test_another_article_gets_no_seed_steps_and_no_seed_questions(synthetic_path):
    page = handout_html(table=synthetic_path)
    assert 'class="ho-steps"' not in page
    assert "Questions for discussion" not in page
    assert escape(DISCUSSION_QUESTIONS[0]) not in page
    numbers = section_numbers(page)
    assert numbers == list(range(1, len(numbers) + 1))


def test_questions_given_for_another_article_are_printed_and_numbered_on(synthetic_path):
    page = handout_html(["Who is imaginary here?"], table=synthetic_path)
    assert "<li>Who is imaginary here?</li>" in page
    numbers = section_numbers(page)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2


def test_an_article_built_in_memory_is_titled_from_it():
    page = handout_html([], table=make_article(UNEVEN_ZH, UNEVEN_EN))
    assert escape(TITLE_EN) in head_of(page) and escape(SEED_TITLE) not in page


def test_a_table_that_remembers_no_article_says_so():
    table = segments().assign(zh="别的句子。", seg_id=[f"P9.{n}" for n in range(1, 20)])
    table.attrs = {}
    heading = article_heading(table)
    assert not heading.seed and heading.page_title == "an article"
    page = handout_html(table=table)
    assert "<title>Handout: an article</title>" in page
    assert "no title or date" in page and escape(SEED_TITLE) not in page


def test_the_seed_and_its_parts_keep_the_seed_heading():
    for source in (None, segments(), segments().head(2), load_article()):
        heading = article_heading(source)
        assert heading.seed and heading.citation == CITATION
        assert heading.title_en == SEED_TITLE
    assert escape(DISPATCH) in title_block_html()


def test_handout_writes_another_article(tmp_path, synthetic_path, capsys):
    result = handout(tmp_path / "other.html", pdf=False, table=synthetic_path)
    page = result.html.read_text(encoding="utf-8")
    assert page == handout_html(table=synthetic_path)
    assert escape(TITLE_EN) in head_of(page)
