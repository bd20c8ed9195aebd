"""The corpus search's index: the same hits as kwic on each article, and never stale.

corpus_kwic searches an index made once per table (helpers/analysis/corpus_index.py).
The reference is helpers.analysis.search.kwic on each article's rows
(per_article_kwic of tests/analysis/test_corpus_search.py), on random small
corpora made up here (random texts from a few characters that fold, change
case, cross segments; articles in and out of order; missing ids and texts) and
random queries, plain and regular, both languages, case ignored or not.
"""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers.analysis import search
from helpers.analysis.corpus_index import CHUNK, corpus_index, table_contents
from helpers.analysis.corpus_search import corpus_kwic, corpus_table
from helpers.analysis.search import SearchError
from tests.analysis.test_corpus_search import made_up, per_article_kwic

#: Characters of the made-up texts: some fold (full width, traditional, ㈠), some have case.
ZH_CHARS = "互助组組合作社。，（(ＡAa ㈠一"
EN_CHARS = "aAbB tT.,(（ﬁ"
#: Regular expressions tried (the plain queries are random text).
PATTERNS = [
    ".",
    ".+",
    "^互",
    "组$",
    r"互助\w",
    "a|b",
    r"\bt",
    r"[aA]+",
    "。(互|合)",
    r"b\.?\s*t",
    "^",
]


@pytest.fixture(autouse=True, scope="module")
def no_time_limit():
    """The searches compared are never stopped: a loaded machine must not make one time out."""
    limit, search.TIME_LIMIT = search.TIME_LIMIT, 60
    yield
    search.TIME_LIMIT = limit


texts = {lang: st.text(alphabet=chars, max_size=8) for lang, chars in
         (("zh", ZH_CHARS), ("en", EN_CHARS))}  # fmt: skip
rows = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", None]), st.one_of(st.none(), texts["zh"]),
              texts["en"]),
    min_size=0, max_size=9,
)  # fmt: skip


def corpus_of(drawn) -> pd.DataFrame:
    """A made-up corpus table from (article_id, zh, en) rows: segments P1.1, P1.2, ..."""
    return made_up([(aid, f"P1.{n + 1}", zh, en) for n, (aid, zh, en) in enumerate(drawn)])


def outcome(search, *args, **kwargs):
    """What a search gives: its table, or the message of the SearchError it raised."""
    try:
        return search(*args, **kwargs)
    except SearchError as error:
        return str(error)


def assert_same(fast, reference):
    assert type(fast) is type(reference)
    if isinstance(fast, str):
        assert fast == reference
        return
    pd.testing.assert_frame_equal(fast, reference, check_exact=True)
    assert fast.attrs == reference.attrs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    drawn=rows,
    lang=st.sampled_from(["zh", "en"]),
    plain=st.data(),
    regex=st.booleans(),
    case_sensitive=st.booleans(),
    window=st.sampled_from([0, 1, 3]),
)
def test_the_index_finds_what_kwic_finds_in_each_article(
    drawn, lang, plain, regex, case_sensitive, window
):
    table = corpus_of(drawn)
    if regex:
        query = plain.draw(st.sampled_from(PATTERNS))
    else:
        query = plain.draw(texts[lang].filter(lambda text: text.strip()))
    how = {"lang": lang, "regex": regex, "window": window, "case_sensitive": case_sensitive}
    fast = outcome(corpus_kwic, query, table, **how)
    assert_same(fast, outcome(per_article_kwic, query, table, **how))
    assert_same(outcome(corpus_kwic, query, table, **how), fast)  # again, from the kept index


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    drawn=st.lists(
        st.tuples(
            st.sampled_from(["a", "b"]), st.text("互助。㈠", max_size=5), st.text("a. ", max_size=5)
        ),
        max_size=8,
    ),
    query=st.text("互助。一()", min_size=2, max_size=4),
    lang=st.sampled_from(["zh", "en"]),
)
def test_hits_across_boundaries_are_found_as_kwic_finds_them(drawn, query, lang):
    """Few characters, so that many hits run from one segment into the next."""
    table = corpus_of(drawn)
    query = query if lang == "zh" else query.replace("互", "a").replace("助", " ")
    assume(query.strip())  # a blank query is refused (even with no articles to search)
    fast = outcome(corpus_kwic, query, table, lang=lang, window=2)
    assert_same(fast, outcome(per_article_kwic, query, table, lang=lang, window=2))


def test_an_unchanged_table_keeps_its_index_and_a_copy_gets_its_own():
    table, _ = corpus_table()
    index = corpus_index(table)
    assert corpus_index(table) is index
    assert corpus_index(table.copy()) is not index


def changes():
    """Ways of changing a table in place, each changing what a search finds or shows."""

    def cell(table):
        table.loc[1, "zh"] = "互助组，互助组"

    def english(table):
        table.iloc[0, table.columns.get_loc("en")] = "a team, a Team, a TEAM"

    def title(table):
        table.loc[0, "title_en"] = "Another title"

    def date_type(table):  # an equal-looking value of another type
        table["date"] = [dt.date(2000, 1, 1)] * len(table)

    def para_type(table):  # 1 and 1.0 are equal, but the column's type changes
        table["para"] = table["para"].astype(float)

    def article(table):
        table.loc[2, "article_id"] = "z"

    def added(table):
        table.loc[len(table)] = table.loc[0]

    def swapped(table):
        table.loc[[0, 1], ["zh", "en"]] = table.loc[[1, 0], ["zh", "en"]].to_numpy()

    def paragraph(table):
        table.loc[0, "para"] = 5

    def renamed_segment(table):
        table.loc[0, "seg_id"] = "P9.9"

    return [
        cell,
        english,
        title,
        date_type,
        para_type,
        article,
        added,
        swapped,
        paragraph,
        renamed_segment,
    ]


@pytest.mark.parametrize("change", changes(), ids=lambda change: change.__name__)
@pytest.mark.parametrize(("query", "lang"), [("互助组", "zh"), ("team", "en"), ("，互", "zh")])
def test_a_table_changed_in_place_is_searched_as_it_is_now(change, query, lang):
    table = made_up(
        [("a", "P1.1", "互助组，互助", "A team."), ("a", "P1.2", "互助组", "Another team."),
         ("b", "P1.1", "合作社", "A cooperative team.")]
    )  # fmt: skip
    before = corpus_kwic(query, table, lang=lang)
    contents = table_contents(table)
    change(table)
    assert table_contents(table) != contents
    after = corpus_kwic(query, table, lang=lang)
    assert_same(after, per_article_kwic(query, table, lang=lang))
    assert_same(corpus_kwic(query, table.copy(), lang=lang), after)
    if change.__name__ not in ("article",):
        assert not before.equals(after), "the change should show in the hits"


def test_a_long_corpus_is_scanned_in_pieces_with_the_same_hits():
    text = "互助组和合作社，" * 50
    count = 3 * CHUNK // len(text)  # several pieces
    table = made_up([(f"a{n // 7}", f"P1.{n % 7 + 1}", text, "team") for n in range(count)])
    assert len(corpus_index(table).language("zh").chunks) >= 3
    hits = corpus_kwic("互助组", table, window=2)
    assert len(hits) == 50 * count
    assert len(corpus_kwic("社，", table)) == 50 * count  # each text's last characters too
    one = per_article_kwic("互助组", table.iloc[:14], window=2)
    pd.testing.assert_frame_equal(hits.iloc[: len(one)], one, check_exact=True)
    across = corpus_kwic("，互", table)
    assert len(across) == count * 49 + (count // 7) * 6 + max(count % 7 - 1, 0)  # inside, across
    assert across["position"].iloc[49] == len(text) - 1  # across, from P1.1's end into P1.2
