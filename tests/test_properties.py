"""Property-based tests (Hypothesis) of the loader, the search, saving and escaping.

Kept fast (a few dozen examples each, no deadline) so they run in the normal suite.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from itertools import accumulate

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import segments
from helpers.analysis.search import SIMPLIFIED, TRADITIONAL, SearchError, kwic
from helpers.model.article import Article, ArticleFormatError, load_article, parse_article
from helpers.model.coding import clean_name, file_content, new_coding, set_code
from helpers.model.coding_store import (
    coding_path,
    load_coding,
    restore_from_upload,
    save_coding,
    saved_bytes,
    saved_coding_data,
)
from helpers.model.tables import moves
from helpers.views.annotator import annotator
from helpers.views.compare import compare
from helpers.views.concordance import concordance
from helpers.views.reader import reader

TABLE = segments()
SEG_IDS = list(TABLE["seg_id"])
MOVES = list(moves()["move"])
ARTICLE_HANZI = sorted(
    {char for text in TABLE["zh"] for char in text if "\u4e00" <= char <= "\u9fff"}
)
FAST = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# ------------------------------------------------------------------------ the article loader

FORMAT_LINES = [
    "Title: A title",
    "Author:",
    "Date: 1954-02-27",
    "Date: 1954-02-30",
    "Page: 1",
    "Page: x",
    "<hr />",
    "Original:",
    "### 标题",
    "1954-02-27",
    "第1版()",
    "专栏：",
    "    正文。",
    "",
    "English text.",
]


@FAST
@given(st.lists(st.sampled_from(FORMAT_LINES) | st.text(max_size=40), max_size=25))
def test_parsing_any_text_gives_an_article_or_a_clear_error(lines):
    try:
        article = parse_article("\n".join(lines), source="made-up.txt")
    except ArticleFormatError as error:
        assert str(error).startswith("made-up.txt: ") and "\n" not in str(error)
    else:
        assert isinstance(article, Article) and article.paragraphs_zh and article.paragraphs_en


@FAST
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_loading_any_bytes_gives_an_article_or_a_clear_error(write_article, content):
    path = write_article(content)
    try:
        load_article(path)
    except ArticleFormatError as error:
        assert str(path) in str(error)
    assert path.read_bytes() == content  # the loader never changes the file


ENGLISH = (
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.;'()-",
        min_size=1,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)
CHINESE = st.text(alphabet="".join(ARTICLE_HANZI[:200]) + "，。、", min_size=1, max_size=60)


@FAST
@given(
    title=ENGLISH,
    date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    page=st.none() | st.integers(1, 40),
    english=st.lists(ENGLISH, min_size=1, max_size=4),
    chinese=st.lists(CHINESE, min_size=1, max_size=4),
    bom=st.booleans(),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    shuffled=st.permutations(range(4)),
)
def test_what_is_written_in_the_format_loads_back_equal(
    write_article, title, date, page, english, chinese, bom, line_end, shuffled
):
    assume(not any(paragraph.startswith(("专", "第")) for paragraph in chinese))
    metadata = [
        f"Title: {title}",
        "Author:",
        f"Date: {date.isoformat()}",
        f"Page: {page or ''}",
    ]
    lines = [metadata[i] for i in shuffled] + [""]
    for paragraph in english:
        lines += [paragraph, ""]
    lines += ["<hr />", "", "Original:", "", "### 标题甲乙", "", date.isoformat(), "专栏："]
    lines += [f"    {paragraph}" for paragraph in chinese]
    text = ("\ufeff" if bom else "") + line_end.join(lines) + line_end
    article = load_article(write_article(text.encode("utf-8")))
    assert (article.title_en, article.date, article.page) == (title, date, page)
    assert article.paragraphs_en == english
    assert article.paragraphs_zh == chinese
    assert article.title_zh == "标题甲乙"


# ------------------------------------------------------------------------ the KWIC search

SEARCH_ALPHABET = "".join(ARTICLE_HANZI[:60]) + "abcxyz，。"


def made_up_table(texts_zh, texts_en=None, notes=None, move="situation") -> pd.DataFrame:
    count = len(texts_zh)
    return pd.DataFrame(
        {
            "seg_id": [f"P{n}.1" for n in range(1, count + 1)],
            "para": list(range(1, count + 1)),
            "zh": texts_zh,
            "en": texts_en or [f"English {n}" for n in range(count)],
            "move": [move] * count,
            "step": pd.array([pd.NA] * count, dtype="Int64"),
            "actors": [[] for _ in range(count)],
            "note": notes or [""] * count,
        }
    )


@st.composite
def table_and_query(draw):
    texts = draw(st.lists(st.text(alphabet=SEARCH_ALPHABET, max_size=40), min_size=1, max_size=5))
    source = draw(st.sampled_from(texts))
    if source and draw(st.booleans()):
        start = draw(st.integers(0, len(source) - 1))
        query = source[start : draw(st.integers(start + 1, len(source)))]
    else:
        query = draw(st.text(alphabet=SEARCH_ALPHABET, min_size=1, max_size=4))
    return texts, query


def runs_across(texts, query) -> bool:
    """Whether the query occurs somewhere across the end of one text and the start of the next."""
    joined, ends = "".join(texts), list(accumulate(len(text) for text in texts))[:-1]
    return any(
        joined.startswith(query, start)
        for end in ends
        for start in range(max(end - len(query) + 1, 0), end)
    )


@FAST
@given(table_and_query(), st.integers(0, 12))
def test_kwic_finds_every_occurrence_in_context(drawn, window):
    texts, query = drawn
    assume(not runs_across(texts, query))  # those hits: tests/analysis/test_boundary_search.py
    table = made_up_table(texts)
    hits = kwic(query, lang="zh", window=window, table=table)
    assert len(hits) == sum(text.count(query) for text in texts)
    by_id = dict(zip(table["seg_id"], texts, strict=True))
    starts = pd.Series([0] + [len(text) for text in texts[:-1]]).cumsum()
    offsets = dict(zip(table["seg_id"], starts, strict=True))
    for row in hits.itertuples():
        text = by_id[row.seg_id]
        start = row.position - offsets[row.seg_id]
        assert row.match == query == text[start : start + len(query)]
        assert row.left == text[max(start - window, 0) : start]
        assert row.right == text[start + len(query) : start + len(query) + window]


SIMPLE_TO_TRADITIONAL = dict(zip(SIMPLIFIED, TRADITIONAL, strict=True))


@st.composite
def seed_phrase(draw):
    text = draw(st.sampled_from(list(TABLE["zh"])))
    start = draw(st.integers(0, len(text) - 2))
    return text[start : draw(st.integers(start + 1, min(start + 8, len(text))))]


@FAST
@given(seed_phrase())
def test_a_phrase_in_traditional_characters_finds_what_the_simplified_finds(phrase):
    assume(phrase.strip())
    traditional = "".join(SIMPLE_TO_TRADITIONAL.get(char, char) for char in phrase)
    simplified_hits = kwic(phrase)
    traditional_hits = kwic(traditional)
    assert len(simplified_hits) >= 1
    columns = ["seg_id", "position", "match"]
    assert traditional_hits[columns].equals(simplified_hits[columns])


@FAST
@given(st.text(max_size=30), st.booleans(), st.sampled_from(["zh", "en"]))
def test_kwic_raises_nothing_but_search_error(query, is_regex, lang):
    try:
        hits = kwic(query, lang=lang, regex=is_regex)
    except SearchError as problem:
        assert str(problem).strip() and "\n" not in str(problem)
    else:
        assert (hits["match"].str.len() > 0).all()


# ------------------------------------------------------------------------ saving and loading

NAMES = st.text(min_size=1, max_size=90).filter(lambda name: clean_name(name))
CODES = st.dictionaries(
    st.sampled_from(SEG_IDS + ["P9.9", "<x>"]),
    st.tuples(
        st.sampled_from(MOVES) | st.text(min_size=1, max_size=80).filter(str.strip),
        st.sampled_from(["low", "medium", "high"]),
        st.text(max_size=300),
    ),
    max_size=8,
)


@FAST
@given(name=NAMES, codes=CODES)
def test_whatever_is_saved_loads_back_equal(monkeypatch, name, codes):
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.setenv("LIAOYANG_WORK_DIR", folder)
        coding = new_coding(name)
        for seg_id, (tag, confidence, note) in codes.items():
            set_code(coding, seg_id, tag, confidence, note)
        path = save_coding(coding)
        assert path.parent == coding_path(name).parent and os.path.samefile(path.parent, folder)
        loaded = load_coding(name)
        assert file_content(loaded) == file_content(coding)
        again, _ = restore_from_upload(saved_bytes(name), name)  # a download, uploaded back
        assert file_content(again)["codes"] == file_content(coding)["codes"]
        assert [entry.name for entry in os.scandir(folder) if entry.name.endswith(".tmp")] == []


# ------------------------------------------------------------------------ escaping

MARKER = "<x-evil>"
ESCAPED = "&lt;x-evil&gt;"
ANY_TEXT = st.text(max_size=25)


def with_marker(draw_text: str, other: str) -> str:
    return draw_text + MARKER + other


@st.composite
def hostile_table(draw):
    count = draw(st.integers(1, 3))
    cells = {
        column: [with_marker(draw(ANY_TEXT), draw(ANY_TEXT)) for _ in range(count)]
        for column in ("zh", "en", "note")
    }
    table = made_up_table(
        cells["zh"], cells["en"], cells["note"], move=draw(st.sampled_from(MOVES))
    )
    return table


def assert_escaped(page: str) -> None:
    assert MARKER not in page, "text reached the HTML unescaped"
    assert ESCAPED in page


def assert_no_stray_markup(page: str, allowed: set[str]) -> None:
    tags = set(re.findall(r"<\s*/?\s*([A-Za-z][\w-]*)", page))
    assert tags <= allowed, f"markup from the input: {sorted(tags - allowed)}"


TAGS = {
    "style", "div", "span", "b", "i", "p", "br", "small", "table", "thead", "tbody", "tr", "th",
    "td", "ruby", "rt", "h3", "h4", "ul", "li", "a", "progress", "details", "summary", "em",
    "strong", "code", "ol", "hr", "h2", "abbr", "sup", "caption", "q", "section", "blockquote",
}  # fmt: skip


@FAST
@given(hostile_table())
def test_reader_escapes_any_text_of_the_table(table):
    box = reader(table=table)
    box.controls.view.value = "article"
    for page in (box.panes.text.value, box.static_html()):
        assert_escaped(page)
        assert_no_stray_markup(page, TAGS)


@settings(FAST, max_examples=15)
@given(hostile_table(), ANY_TEXT)
def test_concordance_escapes_the_query_and_the_text(table, extra):
    box = concordance(MARKER, table=table)
    assert_escaped(box.panes.results.value)
    assert_escaped(box.static_html())
    box.controls.lang.value = "en"
    assert_escaped(box.panes.results.value)
    box.controls.query.value = extra + MARKER + "不在"  # a query that finds nothing
    assert_escaped(box.panes.results.value)
    for page in (box.panes.results.value, box.static_html()):
        assert_no_stray_markup(page, TAGS)


@FAST
@given(hostile_table())
def test_compare_escapes_the_text_and_notes(table):
    box = compare(table=table)
    page = box.static_html()
    assert_escaped(page)
    assert page.count(ESCAPED) >= 3 * len(table)  # zh, en and note of every segment
    assert_no_stray_markup(page, TAGS)
    assert_escaped(box.panes.segment.value)


@FAST
@given(hostile_table(), ANY_TEXT, ANY_TEXT)
def test_annotator_escapes_names_notes_tags_and_text(monkeypatch, table, name, note):
    assume(clean_name(name + MARKER))
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.setenv("LIAOYANG_WORK_DIR", folder)
        box = annotator(name + MARKER, table=table)
        c = box.controls
        assert_escaped(box.panes.header.value)
        assert_escaped(box.panes.segment.value)
        c.new_tag.value = "tag " + MARKER
        c.add_tag.click()
        c.note.value = note + MARKER
        assert coding_path(name + MARKER).exists()
        assert saved_coding_data(name + MARKER)["codes"]
        assert_escaped(box.panes.segment.value)  # the own tag's badge
        page = box.static_html()
        assert page.count(ESCAPED) >= 3  # name, tag, note (and the texts)
        assert_no_stray_markup(page, TAGS)
        panes = box.panes
        for pane in (panes.header, panes.segment, panes.message, panes.status, panes.download):
            assert MARKER not in pane.value


@pytest.mark.parametrize("text", ["<", ">", "&", '"', "'", "<script>", "&lt;"])
def test_single_special_characters_are_escaped_in_every_widget(text):
    table = made_up_table([f"中{text}文"], [f"E{text}"], [f"N{text}"])
    pages = [reader(table=table).static_html(), compare(table=table).static_html()]
    pages.append(concordance(text, table=table).static_html())
    for page in pages:
        assert "<script>" not in page and "中<文" not in page and "E<" not in page
