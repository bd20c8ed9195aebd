"""Tests for the two search widgets as Tools: one shared search box, state(), one way to fail."""

from __future__ import annotations

import helpers.views.concordance as concordance_module
from helpers.views.concordance import Concordance, concordance
from helpers.views.corpus_concordance import CorpusConcordance, corpus_concordance
from helpers.views.search_box import PROMPT, SearchTool, search_controls
from helpers.views.tool import Tool

CONTROLS = ["query", "lang", "words", "regex", "case", "window", "search"]


def test_both_concordances_are_tools_on_the_one_search_box():
    one, many = concordance("互助组"), corpus_concordance("seeds", "互助组")
    assert isinstance(one, Concordance) and isinstance(many, CorpusConcordance)
    assert isinstance(one, SearchTool) and isinstance(many, Tool)
    assert list(vars(one.controls)) == CONTROLS == list(vars(search_controls()))
    assert list(vars(many.controls)) == [*CONTROLS, "reload"]
    assert list(vars(one.panes)) == ["results", "picture", "reading"]
    assert list(vars(many.panes)) == ["report", "results", "counts"]


def test_state_says_what_each_tool_shows():
    box = concordance("互助组")
    assert box.state() == {
        "query": "互助组",
        "lang": "zh",
        "regex": False,
        "window": 10,
        "case_sensitive": False,
        "words": "characters",
        "hits": 13,
    }
    box.controls.regex.value = True
    box.controls.query.value = "("
    assert box.state()["hits"] is None and box.hits is None
    many = corpus_concordance("seeds", "mutual aid", lang="en")
    assert many.state() == {
        "query": "mutual aid", "lang": "en", "regex": False, "window": 10,
        "case_sensitive": False, "words": "characters", "articles": 1, "hits": 17,
    }  # fmt: skip
    assert corpus_concordance("nowhere-folder").state()["articles"] is None


def test_a_handler_that_fails_says_so_in_the_results(monkeypatch):
    box = concordance("互助组")

    def broken(*args, **options):
        raise RuntimeError("the search broke")

    monkeypatch.setattr(concordance_module, "search_html", broken)
    box.controls.search.click()
    shown = box.panes.results.value
    assert "ly-error" in shown and "RuntimeError: the search broke" in shown
    assert "Traceback" not in shown


def test_a_blank_query_asks_for_a_word_in_the_corpus_and_keeps_the_last_search_in_one():
    many = corpus_concordance("seeds", "互助组")
    many.controls.query.value = ""
    many.controls.lang.value = "en"
    assert PROMPT in many.panes.results.value
    one = concordance("互助组")
    one.controls.query.value = ""
    shown = one.panes.results.value
    one.controls.lang.value = "en"
    assert one.panes.results.value == shown and "Type a word to search for." in shown


def test_a_source_that_cannot_be_read_is_an_error_box():
    box = concordance(table="seeds/no_such_article.txt")
    assert isinstance(box, Tool) and box.controls is None
    assert "no_such_article.txt" in box.static_html()
