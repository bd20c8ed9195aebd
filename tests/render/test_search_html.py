"""Tests for the search HTML: one concordance layout for both tables, the strip, the intro."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.corpus_search import corpus_kwic, corpus_table
from helpers.analysis.hits import reading_of
from helpers.analysis.search import kwic
from helpers.render.dispersion import dispersion_svg
from helpers.render.search import (
    EXAMPLE_QUERY,
    context_html,
    corpus_hits_html,
    hits_table_html,
    introduction_html,
    plot_reading_html,
    report_html,
    search_html,
)


def test_one_concordance_layout_for_the_article_and_the_corpus_tables():
    one, corpus = kwic("互助组"), corpus_kwic("互助组", "seeds")
    article_table, corpus_table_html = hits_table_html(one, "zh"), corpus_hits_html(corpus, "zh")
    for row in one.itertuples():
        hit = f'<span class="ly-hit">{row.match}</span>'
        left = f"<div><span>{row.left}</span></div>"
        assert hit in article_table and left in article_table and left in corpus_table_html
    assert corpus_table_html == hits_table_html(corpus, "zh", article=True)
    assert ">article</th>" in corpus_table_html and ">article</th>" not in article_table
    assert article_table.index(">segment</th>") < article_table.index(">left context</th>")
    assert article_table.index(">left context</th>") < article_table.index(">hit</th>")
    assert article_table.index(">hit</th>") < article_table.index(">right context</th>")


def test_context_cells_escape_every_piece_and_name_the_language():
    cell = context_html("<i>", "&", '"x"', "en")
    assert cell == (
        '<span lang="en">&lt;i&gt;<span class="ly-hit">&amp;</span>&quot;x&quot;</span>'
    )
    assert context_html("", "组", "", "zh").startswith('<span lang="zh-Hans">')


def test_a_long_table_says_how_many_rows_it_shows():
    hits = kwic(".", regex=True)
    shown = hits_table_html(hits, "zh", limit=5)
    assert shown.count('class="ly-hit"') == 5 and f"first 5 of {len(hits)} hits" in shown


def test_the_strip_is_one_line_with_its_reading_and_a_tick_per_hit():
    hits = kwic("互助组")
    svg = dispersion_svg(hits)
    assert "\n" not in svg and svg.startswith("<svg ") and svg.endswith("</svg>")
    assert svg.count('<line class="hit"') == len(hits)
    assert svg.count('stroke-dasharray="3,2"') == 2  # P2 and P3 start after 0
    assert [f">P{n}</text>" in svg for n in (1, 2, 3)] == [True, True, True]
    assert f'aria-label="{reading_of(hits)}"' in svg
    assert dispersion_svg(hits, reading="given words").count("given words") == 2  # label, title
    assert "hover a tick" in svg  # the reading itself stands under the strip, in the page


def test_the_strip_escapes_segment_ids_and_queries():
    table = pd.DataFrame(
        {"seg_id": ["<P1>"], "para": [1], "zh": ["互助组"], "en": ["team"], "move": ["<m>"]}
    )
    hits = kwic("互助组", table=table)
    hits.attrs["query"] = "<q>"
    svg = dispersion_svg(hits, table=table)
    assert "<P1>" not in svg and "&lt;P1&gt;" in svg and "<q>" not in svg and "&lt;m&gt;" in svg


def test_the_introduction_explains_the_tool_and_shows_the_example():
    intro = introduction_html()
    example, _ = search_html(EXAMPLE_QUERY)
    assert intro.startswith(
        "<p><b>Concordance (keyword in context).</b> Type a word in Chinese or English and press "
        "Search: every place it occurs is listed with the words around it and the aligned "
        "sentence in the other language, and a plot shows where the hits fall in the article. "
        "Example: the hits for 互助组 (mutual-aid teams).</p>"
    )
    assert intro.endswith(example)


def test_the_plot_reading_and_the_corpus_report_in_words():
    assert plot_reading_html("<3 hits>") == "<p><b>Reading of the plot:</b> &lt;3 hits&gt;</p>"
    table, report = corpus_table()
    assert "Loaded 1 article" in report_html(table, report)
    assert "Searching 1 article(s) (19 segments)." in report_html(table, None)
