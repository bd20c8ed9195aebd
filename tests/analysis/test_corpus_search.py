"""Searching a corpus in one pass gives what searching each article with kwic gives.

The reference below is corpus_kwic as first written: helpers.analysis.search.kwic on
every article's rows, the article's columns put in front, one concat. The
corpus is the folder of tests/test_any_article.py (a copy of the seed and
two synthetic articles, made up and saying so) plus hand-made tables for the
corner cases: articles whose rows are not together, missing ids and texts,
characters that fold into several, a NUL.
"""

import shutil

import pandas as pd
import pytest

from helpers.analysis import search
from helpers.analysis.corpus_index import fold_all
from helpers.analysis.corpus_search import (
    ARTICLE_COLUMNS,
    CORPUS_KWIC_COLUMNS,
    corpus_kwic,
    corpus_table,
)
from helpers.analysis.search import SearchError, kwic, normalise
from helpers.model.corpus import load_corpus
from helpers.model.paths import seed_path
from tests.synthetic import (
    ONE_TO_ONE_EN,
    ONE_TO_ONE_ZH,
    ONE_TO_TWO_EN,
    ONE_TO_TWO_ZH,
    TWO_TO_ONE_EN,
    TWO_TO_ONE_ZH,
    UNEVEN_EN,
    UNEVEN_ZH,
    write_article_file,
)


@pytest.fixture(autouse=True, scope="module")
def no_time_limit():
    """The searches compared are never stopped: a loaded machine must not make one time out.

    (The test of the time limit itself sets it back: see its own body.)
    """
    limit, search.TIME_LIMIT = search.TIME_LIMIT, 60
    yield
    search.TIME_LIMIT = limit


QUERIES = [
    ("互助组", "zh", False),
    ("互助組", "zh", False),  # traditional
    ("（", "zh", False),  # full-width, matches the half-width too
    ("，", "zh", False),
    ("虚构", "zh", False),
    ("合作社|互助组", "zh", True),
    (r"互助\w", "zh", True),
    (".", "zh", True),
    ("mutual aid", "en", False),
    ("MUTUAL  AID", "en", False),
    ("imaginary", "en", False),
    (r"\bteams?\b", "en", True),
    (r"aid.{0,40}team", "en", True),
    ("no such word anywhere", "en", False),
]


def per_article_kwic(query, table, lang="zh", regex=False, window=10, case_sensitive=False):
    """corpus_kwic as first written: kwic on each article's rows, one concat (the reference)."""
    parts = []
    for article_id, rows in table.groupby("article_id", sort=False):
        hits = kwic(
            query, lang=lang, regex=regex, window=window, table=rows.reset_index(drop=True),
            case_sensitive=case_sensitive,
        )  # fmt: skip
        first = rows.iloc[0]
        for number, column in enumerate(ARTICLE_COLUMNS):
            value = article_id if column == "article_id" else first.get(column, "")
            hits.insert(number, column, [value] * len(hits))
        parts.append(hits)
    parts = [part for part in parts if len(part)]
    found = (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CORPUS_KWIC_COLUMNS)
    )
    found = found[CORPUS_KWIC_COLUMNS]
    found.attrs.update(query=str(query).strip(), lang=lang)
    return found


def same_hits(query, table, lang, regex, window):
    fast = corpus_kwic(query, table, lang=lang, regex=regex, window=window)
    reference = per_article_kwic(query, table, lang=lang, regex=regex, window=window)
    pd.testing.assert_frame_equal(fast, reference, check_exact=True)
    assert fast.attrs == reference.attrs
    return fast


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The folder of tests/test_any_article.py, loaded: the seed and two synthetic articles."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(seed_path(), folder / f"{seed_path().stem}.txt")
    write_article_file(
        folder, "synthetic_uneven.txt", UNEVEN_EN + ONE_TO_TWO_EN, UNEVEN_ZH + ONE_TO_TWO_ZH
    )
    write_article_file(
        folder, "synthetic_even.txt", ONE_TO_ONE_EN + TWO_TO_ONE_EN, ONE_TO_ONE_ZH + TWO_TO_ONE_ZH,
        author="A. Test Author", title_en="A Second Synthetic Test Article",
        title_zh="第二篇虚构的测试文章", date="2000-02-02",
    )  # fmt: skip
    table, report = load_corpus(folder)
    assert len(report.loaded) == 3
    return table


@pytest.mark.parametrize(("query", "lang", "regex"), QUERIES)
@pytest.mark.parametrize("window", [0, 3, 10])
def test_one_pass_equals_kwic_per_article_on_the_folder(corpus, query, lang, regex, window):
    same_hits(query, corpus, lang, regex, window)


@pytest.mark.parametrize(("query", "lang", "regex"), QUERIES)
def test_one_pass_equals_kwic_per_article_on_the_seed(query, lang, regex):
    table, _ = corpus_table()
    hits = same_hits(query, table, lang, regex, 10)
    if not regex and lang == "zh":
        one = kwic(query, lang=lang, table=as_one_article(table))
        assert hits[one.columns].equals(one)


def as_one_article(table):
    return table.drop(columns=ARTICLE_COLUMNS + ["author"])


def test_the_seed_finds_the_known_counts():
    table, _ = corpus_table()
    assert len(corpus_kwic("互助组", table)) == 13
    assert len(corpus_kwic("mutual aid", table, lang="en")) == 17


def made_up(rows):
    """A corpus table from (article_id, seg_id, zh, en) rows; other columns filled in."""
    table = pd.DataFrame(rows, columns=["article_id", "seg_id", "zh", "en"])
    table.insert(1, "date", "2000-01-01")
    table.insert(2, "title_en", [f"Title of {article}" for article in table["article_id"]])
    table.insert(3, "title_zh", "标题")
    table["para"] = [int(str(seg)[1]) for seg in table["seg_id"]]
    table["move"] = ""
    return table


CORNERS = [
    ("b", "P1.1", "虚构的互助组，虚构的县。", "An invented team, an invented county."),
    ("a", "P1.1", "㈠互助组⑵合作社。", "(1) a team (2) a cooperative…"),
    ("b", "P1.2", "互助組与互助组……", "Teams, TEAMS, teams."),
    (None, "P1.1", "互助组不属于任何文章。", "No article: a team."),
    ("a", "P1.2", None, "No Chinese here: team."),
    ("c", "P1.1", "互助\x00组和互助组", "team\x00team, TEAM"),
    ("a", "P2.1", "ＡＢＣ互助组（全角）", "Ｔｅａｍ in full width"),
]


@pytest.mark.parametrize(
    ("query", "lang", "regex"),
    [
        ("互助组", "zh", False),
        ("互助組", "zh", False),
        ("（", "zh", False),
        ("(1)", "en", False),
        ("...", "en", False),
        ("一", "zh", False),
        ("team", "en", False),
        ("abc", "zh", False),
        ("互助.", "zh", True),
        (".+", "zh", True),
        (r"team\W+team", "en", True),
        ("^", "zh", True),
    ],
)
def test_one_pass_equals_kwic_per_article_on_corner_cases(query, lang, regex):
    table = made_up(CORNERS)
    for window in (0, 2, 10):
        same_hits(query, table, lang, regex, window)
    same_hits(query, table.iloc[[0, 2, 6]], lang, regex, 10)  # one NUL-free part


def test_nothing_found_and_an_empty_corpus_give_the_columns():
    table = made_up(CORNERS)
    assert list(same_hits("没有", table, "zh", False, 10).columns) == CORPUS_KWIC_COLUMNS
    empty = table.iloc[0:0]
    assert list(same_hits("互助组", empty, "zh", False, 10).columns) == CORPUS_KWIC_COLUMNS


def test_texts_are_folded_as_normalise_folds_them():
    texts = [text for _, _, text, _ in CORNERS if text] + ["", "遼陽縣", "x\x00y"]
    for text, (folded, origins) in zip(texts, fold_all(texts), strict=True):
        expected_folded, expected_origins = normalise(text)
        assert folded == expected_folded
        assert (origins or list(range(len(text)))) == expected_origins


def test_a_catastrophic_pattern_is_stopped_with_a_clear_error(monkeypatch):
    monkeypatch.setattr(search, "TIME_LIMIT", 0.5)
    table = made_up([("a", "P1.1", "a" * 40 + "!", ""), ("b", "P1.1", "a" * 40 + "?", "")])
    with pytest.raises(SearchError, match="took too long"):
        corpus_kwic("(a|aa)+$", table, regex=True)


def test_bad_language_is_refused():
    with pytest.raises(SearchError, match="Choose the language"):
        corpus_kwic("互助组", corpus_table()[0], lang="fr")
