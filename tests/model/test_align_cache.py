"""The alignment cache: a corpus is aligned once; a damaged or stale cache is never trusted."""

import json

import pandas as pd
import pytest

import helpers.model.corpus
from helpers.model.align_cache import AlignmentCache, cache_path
from helpers.model.corpus import load_corpus
from tests.synthetic import ONE_TO_ONE_EN, ONE_TO_ONE_ZH, write_article_file, write_two_articles


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A folder of two synthetic articles, and a fresh work folder for the cache."""
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(tmp_path / "work"))
    return write_two_articles(tmp_path / "articles")


@pytest.fixture
def aligned(monkeypatch):
    """The article ids aligned at each call of ``aligned_columns`` (the cache skips the rest)."""
    calls = []
    original = helpers.model.corpus.aligned_columns

    def counted(articles, *args, **kwargs):
        calls.append(sorted(article.article_id for article in articles))
        return original(articles, *args, **kwargs)

    monkeypatch.setattr(helpers.model.corpus, "aligned_columns", counted)
    return calls


def test_a_second_load_reads_the_cache_and_gives_the_same_table(corpus, aligned):
    first, _ = load_corpus(corpus)
    assert cache_path(corpus).is_file()
    second, report = load_corpus(corpus)
    assert aligned == [["a", "b"], []]
    pd.testing.assert_frame_equal(first, second, check_exact=True)
    assert report.summary().startswith("Loaded 2 articles")


def test_a_changed_file_is_aligned_again_and_only_it(corpus, aligned):
    load_corpus(corpus)
    write_article_file(corpus, "b.txt", ONE_TO_ONE_EN, ONE_TO_ONE_ZH, title_zh="改过的")
    table, _ = load_corpus(corpus)
    assert aligned == [["a", "b"], ["b"]]
    assert set(table.loc[table["article_id"] == "b", "title_zh"]) == {"改过的"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "not a cache at all",
        lambda text: text.replace("P1.1", "P9.9", 1),  # edited: the checksum no longer matches
        lambda text: "",
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(corpus, aligned, damage):
    expected, _ = load_corpus(corpus)
    path = cache_path(corpus)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    table, _ = load_corpus(corpus)
    assert aligned == [["a", "b"], ["a", "b"]]
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    load_corpus(corpus)
    assert aligned[-1] == []  # rebuilt: the next load reads it again


def _forge(path, change):
    """Rewrite a cache file with its content changed and a checksum that matches."""
    import hashlib

    payload = json.loads(path.read_text(encoding="utf-8").split("\n", 1)[1])
    change(payload)
    text = json.dumps(payload, ensure_ascii=False)
    path.write_text(hashlib.sha256(text.encode()).hexdigest() + "\n" + text, encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["columns"].update(confidence="2.0," * 3 + "nan"),
        lambda data: data["columns"].update(para="x"),
        lambda data: data["rows"].append(3),
        lambda data: data["meta"][0].__setitem__(2, "not a date"),
        lambda data: data.update(code="older code"),
        lambda data: data["columns"].update(zh=123),
    ],
)
def test_a_cache_of_the_wrong_shape_is_never_trusted_even_with_its_checksum(
    corpus, aligned, change
):
    expected, _ = load_corpus(corpus)
    _forge(cache_path(corpus), change)
    table, _ = load_corpus(corpus)
    assert aligned[-1] == ["a", "b"]
    pd.testing.assert_frame_equal(table, expected, check_exact=True)


def test_a_cache_that_cannot_be_written_does_not_stop_the_load(corpus, monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the work folder's cache folder should go", encoding="utf-8")
    monkeypatch.setattr(helpers.model.corpus, "cache_path", lambda folder: blocker / "c.json")
    table, report = load_corpus(corpus)
    assert len(report.loaded) == 2 and len(table) > 0


def test_cells_that_hold_the_separator_are_not_cached(tmp_path):
    cache = AlignmentCache(tmp_path / "c.json")
    entry = {
        "title_en": "T", "title_zh": "题", "date": "2000-01-01", "author": "",
        "aligned_by": "automatic", "seg_id": ["P1.1"], "para": [1], "zh": ["甲\x1f乙"],
        "en": ["A"], "move": [""], "step": [None], "actors": [[]], "note": [""],
        "confidence": [0.5],
    }  # fmt: skip
    cache.put("ab" * 32, entry)
    assert not cache.changed and cache.get("ab" * 32) is None


def test_the_cache_follows_the_code_and_the_seed_data(corpus, aligned, monkeypatch):
    import helpers.model.align_cache as align_cache

    load_corpus(corpus)
    assert "data/seed_segments.csv" in align_cache.CODE_FILES
    monkeypatch.setattr(align_cache, "code_fingerprint", lambda: "other code")
    load_corpus(corpus)
    assert aligned == [["a", "b"], ["a", "b"]]
