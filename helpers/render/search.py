"""The search tools' HTML: hits in context, the count line, the introduction, what was loaded.

One concordance layout (``templates/kwic.html``, AntConc's and Voyant's: left
context right-aligned, the hit centred, right context left-aligned, the other
language once per segment on its own line) serves the one-article table
(:func:`hits_table_html`), the corpus table (:func:`corpus_hits_html`) and
:func:`kwic` in a notebook; :func:`context_html` is the hit in its sentence as
one span, for a line of text. :func:`search_html` and
:func:`corpus_search_html` are what the widgets show after a search, a
one-line message when the query cannot be searched.

Example:
    >>> context_html("各地", "互助组", "已经", "zh")
    '<span lang="zh-Hans">各地<span class="ly-hit">互助组</span>已经</span>'
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.corpus_search import corpus_counts
from helpers.analysis.hits import count_line, hits_by_paragraph, no_hits_advice
from helpers.analysis.search import LANGUAGE_NAMES, SearchError, compile_query, simplified
from helpers.analysis.search import kwic as find_hits
from helpers.analysis.word_search import corpus_words, in_mode, mark_corpus, mode_note, word_note
from helpers.model.corpus_report import CorpusReport
from helpers.render.escaping import escape
from helpers.render.html import STYLE, Notice, message_html, table_html
from helpers.render.table import ShownTable
from helpers.render.templates import render, safe

#: The most rows a table of hits shows (the count and the plot cover all hits).
ROWS_SHOWN = 200

#: The word searched for in the static form's example when no query was given.
EXAMPLE_QUERY = "互助组"


def context_html(left: str, match: str, right: str, lang: str) -> str:
    """One context cell, built from escaped text, the match highlighted.

    Example:
        >>> context_html("a ", "<b>", " c", "en")
        '<span lang="en">a <span class="ly-hit">&lt;b&gt;</span> c</span>'
    """
    language = "zh-Hans" if lang == "zh" else "en"
    return (
        f'<span lang="{language}">{escape(left)}<span class="ly-hit">{escape(match)}</span>'
        f"{escape(right)}</span>"
    )


def hits_table_html(
    hits: pd.DataFrame, lang: str, limit: int = ROWS_SHOWN, article: bool = False
) -> str:
    """The hits as a concordance (AntConc's and Voyant's layout), at most ``limit`` of them.

    Left context right-aligned, the hit in a centred column, right context
    left-aligned, in fixed widths; the aligned sentence of the other language
    once per segment, on its own line under its hits. ``article=True`` puts
    the article of each hit first (for corpus hits).

    Example:
        >>> html = hits_table_html(kwic("互助组"), "zh")
        >>> '<span class="ly-hit">互助组</span>' in html, html.count("ly-kwic-other")
        (True, 7)
    """
    shown = hits.head(limit)
    groups = []
    for row in shown.itertuples(index=False):
        where = (getattr(row, "article_id", ""), row.seg_id)
        if not groups or groups[-1]["where"] != where:
            groups.append(
                {
                    "where": where,
                    "article": where[0],
                    "seg_id": row.seg_id,
                    "other": row.other,
                    "hits": [],
                }
            )
        groups[-1]["hits"].append(
            {
                "left": row.left,
                "match": row.match,
                "right": row.right,
                "words": getattr(row, "words", ""),
            }
        )
    other = "en" if lang == "zh" else "zh"
    longest = max((len(str(match)) for match in shown["match"]), default=1)
    width = min(max(longest * (1.1 if lang == "zh" else 0.6) + 1.5, 4), 16)
    html = render(
        "kwic.html",
        groups=groups,
        article=article,
        marked="words" in shown.columns,
        lang=_LANG_ATTRIBUTE[lang],
        other_lang=_LANG_ATTRIBUTE[other],
        other_name=LANGUAGE_NAMES[other],
        hit_width=f"{width:.1f}",
    )
    if len(hits) > limit:
        html += message_html(f"Showing the first {limit} of {len(hits)} hits.")
    return html


_LANG_ATTRIBUTE = {"zh": "zh-Hans", "en": "en"}


class KwicTable(ShownTable):
    """The hits of :func:`kwic`: a DataFrame that shows itself as a concordance.

    An empty one says why nothing was found. A table made from it (a
    selection, a filter) shows in the collection's plain table style.

    Example:
        >>> "ly-kwic" in kwic("互助组")._repr_html_()
        True
    """

    _metadata = ["searched"]

    @property
    def _constructor(self):
        return ShownTable

    def reason(self) -> str:
        """Why nothing was found and what to try (for an empty table); "" otherwise."""
        if len(self):
            return ""
        query, lang = self.attrs.get("query", ""), self.attrs.get("lang", "zh")
        advice = no_hits_advice(query, lang, getattr(self, "searched", None))
        if self.attrs.get("guessed"):
            script = "Chinese characters" if lang == "zh" else "Latin letters"
            advice += f" (It searched the {LANGUAGE_NAMES[lang]}, as the query is in {script}.)"
        return advice

    def _repr_html_(self) -> str:
        if not len(self):
            return STYLE + message_html(self.reason())
        lang = self.attrs.get("lang", "zh")
        line = message_html(count_line(self, self.attrs.get("query", ""), lang), "good")
        return STYLE + line + hits_table_html(self, lang, article="article_id" in self.columns)

    def __repr__(self) -> str:
        if not len(self):
            return self.reason()
        lines = [
            f"{row.seg_id}  {row.left} [{row.match}] {row.right}"
            for row in self.head(50).itertuples()
        ]
        more = [f"… and {len(self) - 50} more hits"] if len(self) > 50 else []
        return "\n".join(
            [
                count_line(self, self.attrs.get("query", ""), self.attrs.get("lang", "zh")),
                *lines,
                *more,
            ]
        )


def kwic(
    query: str, lang: str | None = None, regex: bool = False, window=10, table=None, **options
):
    """Every hit of ``query`` with its context, shown as a concordance; a message for bad input.

    The same table as :func:`helpers.analysis.search.kwic` (columns
    ``seg_id``, ``para``, ``left``, ``match``, ``right``, ``other``,
    ``position``, ``move``), which shows itself in a notebook in the
    concordance layout and, empty, says why. ``lang`` None picks the language
    from the query's script. A query, window or source that cannot be
    searched gives a one-sentence :class:`Notice`, not a traceback.

    Example:
        >>> len(kwic("cooperative")) > 0, kwic("cooperative").attrs["lang"]
        (True, 'en')
        >>> kwic("互助组", window=None)  # doctest: +ELLIPSIS
        The window is how many characters (Chinese) or words (English) to show on each side...
    """
    try:
        hits = find_hits(query, lang=lang, regex=regex, window=window, table=table, **options)
    except (SearchError, ValueError) as problem:
        return Notice(str(problem), "error")
    shown = KwicTable(hits)
    shown.attrs.update(hits.attrs, guessed=lang is None)
    shown.searched = table
    return shown


def corpus_hits_html(hits: pd.DataFrame, lang: str = "zh", limit: int = ROWS_SHOWN) -> str:
    """The hits as an HTML table: article, segment, context (the hit highlighted), other language.

    Example:
        >>> from helpers.analysis.corpus_search import corpus_kwic
        >>> html = corpus_hits_html(corpus_kwic("互助组", "seeds"))
        >>> '<span class="ly-hit">互助组</span>' in html and "000_de9b3e9f03d8f077" in html
        True
    """
    return hits_table_html(hits, lang, limit, article=True)


def search_html(
    query: str, lang: str = "zh", is_regex: bool = False, window: int = 10, table=None, **options
):
    """The widget's result as HTML: a count line and the table, or a one-line message.

    ``options``: ``case_sensitive`` and ``words`` (the mode "characters",
    "marked" or "words") of :func:`helpers.analysis.search.kwic`; a word
    mode's count line says how many hits are parts of other words, and the
    "words" mode leaves them out. Returns ``(html, hits)``; ``hits`` (the hits
    shown) is None when the query could not be searched.

    Example:
        >>> html, hits = search_html("(", is_regex=True)
        >>> "ly-error" in html, hits is None
        (True, True)
        >>> html, hits = search_html("合作社", words="words")
        >>> len(hits), "No whole-word hits for &#x27;合作社&#x27; in the Chinese: all 13" in html
        (0, True)
    """
    mode = options.pop("words", "characters")
    try:
        found = find_hits(
            query, lang=lang, regex=is_regex, window=window, table=table,
            words="characters" if mode == "characters" else "marked", **options,
        )  # fmt: skip
    except SearchError as problem:
        return message_html(str(problem), "error"), None
    note = "" if mode == "characters" else " " + mode_note(found, mode)
    hits = in_mode(found, mode)
    if hits.empty:
        advice = note.strip() if len(found) else no_hits_advice(query, lang, table)
        return message_html(advice), hits
    counts = hits_by_paragraph(hits, table)
    spread = ", ".join(f"{int(counts.iloc[0][c])} in {c}" for c in counts.columns if c != "total")
    folded = simplified(query.strip())
    both = ""
    if folded != query.strip():
        both = (
            f" Traditional characters match their simplified forms: {query.strip()!r} "
            f"was searched as {folded!r}."
        )
    line = count_line(hits, query, lang, table, words=True)
    line = message_html(f"{line}{note} By paragraph: {spread}.{both}", "good")
    return line + hits_table_html(hits, lang), hits


def introduction_html(table=None) -> str:
    """The concordance's static form with no query: what the tool does, and an example.

    Example:
        >>> "Concordance (keyword in context)" in introduction_html()
        True
    """
    example, _ = search_html(EXAMPLE_QUERY, "zh", table=table)
    return render("concordance_intro.html", query=EXAMPLE_QUERY, example=safe(example))


def plot_reading_html(words: str) -> str:
    """The reading of the dispersion strip, in words, under it.

    Example:
        >>> plot_reading_html("13 hits for 互助组.")
        '<p><b>Reading of the plot:</b> 13 hits for 互助组.</p>'
    """
    return f"<p><b>Reading of the plot:</b> {escape(words)}</p>"


def corpus_search_html(
    query: str,
    table: pd.DataFrame,
    lang: str = "zh",
    is_regex: bool = False,
    window: int = 10,
    **options,
) -> tuple[str, str, pd.DataFrame | None]:
    """The corpus widget's result: (results HTML, per-article counts HTML, hits or None).

    ``options``: ``case_sensitive`` and ``words`` (the mode, as in
    :func:`search_html`; the counts are of the hits shown). A character
    search with at most :data:`ROWS_SHOWN` hits says which are parts of other
    words. A query that cannot be searched gives a one-line error message
    and no hits.

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> results, counts, hits = corpus_search_html("(", corpus_table()[0], is_regex=True)
        >>> "ly-error" in results, counts, hits is None
        (True, '', True)
        >>> results, _, hits = corpus_search_html("合作社", corpus_table()[0], words="marked")
        >>> hits["words"].unique().tolist(), "as a word" in results
        (['inside 农业生产合作社'], True)
    """
    mode = options.get("words", "characters")
    try:
        compile_query(query, is_regex=is_regex)
        found = corpus_words(
            query, table, (lang, is_regex, window, mode), options.get("case_sensitive", False)
        )
    except SearchError as problem:
        return message_html(str(problem), "error"), "", None
    note = "" if mode == "characters" else " " + mode_note(found, mode)
    if mode == "characters" and 0 < len(found) <= ROWS_SHOWN:  # a few hits: say which are parts
        plain = word_note(mark_corpus(found, table, lang))
        note = f" {plain}" if plain else ""
    hits = in_mode(found, mode)
    counts = corpus_counts(hits, table)
    counts_html = "<p><b>Hits per article</b></p>" + table_html(counts)
    if hits.empty:
        advice = note.strip() if len(found) else no_hits_advice(query, lang, table=table)
        return message_html(advice), counts_html, hits
    found_in = int((counts["hits"] > 0).sum())
    noun = "hit" if len(hits) == 1 else "hits"
    line = (
        f"{len(hits)} {noun} for {query.strip()!r} in the {LANGUAGE_NAMES[lang]}, in "
        f"{found_in} of {len(counts)} articles.{note}"
    )
    return message_html(line, "good") + corpus_hits_html(hits, lang), counts_html, hits


def report_html(table: pd.DataFrame, report: CorpusReport | None) -> str:
    """What was loaded (and skipped, why) as one message; an error style if files were skipped.

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> report_html(*corpus_table())  # doctest: +ELLIPSIS
        '<div class="ly-message" role="status">Loaded 1 article...'
    """
    if report is None:
        count = table["article_id"].nunique() if len(table) else 0
        return message_html(f"Searching {count} article(s) ({len(table)} segments).")
    kind = "error" if len(report.skipped) else "info"
    return message_html(report.summary(), kind)
