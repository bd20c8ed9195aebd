"""The query's language from its script, and a window that is not a number (issues 14 and 15)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.analysis.query import query_language, window_size
from helpers.analysis.search import SearchError, kwic


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("cooperative", "en"),
        ("Mutual Aid", "en"),
        ("互助组", "zh"),
        ("互助組", "zh"),
        ("硬卡硬 hard-bound", "zh"),
        ("1954", "zh"),
        ("coopérative", "en"),
        ("说服|自觉", "zh"),
    ],
)
def test_the_language_comes_from_the_querys_script(query, lang):
    assert query_language(query) == lang


def test_an_english_word_without_a_language_finds_its_english_hits():
    hits = kwic("cooperative")
    assert len(hits) == len(kwic("cooperative", lang="en")) > 0
    assert hits.attrs["lang"] == "en"
    assert len(kwic("互助组")) == len(kwic("互助组", lang="zh")) == 13


def test_a_language_given_is_kept():
    assert kwic("cooperative", lang="zh").empty


@pytest.mark.parametrize("window", [None, "ten", -1, 2.5, [3], True, 10_000, float("nan")])
def test_a_window_that_is_not_a_whole_number_is_one_sentence(window):
    with pytest.raises(SearchError) as problem:
        kwic("互助组", window=window)
    message = str(problem.value)
    assert message.count(". ") == 0 and message.endswith(".") and "window=10" in message
    assert "Traceback" not in message


@pytest.mark.parametrize(("window", "number"), [(3, 3), (3.0, 3), ("4", 4), (np.int64(5), 5)])
def test_a_window_written_as_a_number_is_taken(window, number):
    assert window_size(window) == number
    hits = kwic("互助组", window=window)
    assert all(len(left) <= number for left in hits["left"])
