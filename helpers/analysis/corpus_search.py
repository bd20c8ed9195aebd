"""Search a whole folder of articles: keyword in context across a corpus.

:func:`corpus_kwic` finds what :func:`helpers.analysis.search.kwic` finds, in every
article of a corpus at once (a folder of article files in the seed format, or
the table of :func:`helpers.load_corpus`), and says which article each hit is in;
:func:`corpus_counts` counts the hits per article, and
:func:`corpus_concordance` is the widget that does both. Matching works as
in the one-article concordance (see :mod:`helpers.search`): case and
full-width/half-width forms are ignored, and a bad pattern gives a
:class:`~helpers.analysis.search.SearchError` that says what to do.

Example:
    >>> box = corpus_concordance("seeds", "互助组")
    >>> "13 hits for" in box.panes.results.value
    True
"""

from __future__ import annotations

import bisect
import re
import time
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.analysis.search import (  # _Context, _too_slow: kwic's own, for identical hits
    KWIC_COLUMNS,
    LANGUAGE_NAMES,
    ROWS_SHOWN,
    TIME_LIMIT,
    TRADITIONAL,
    SearchError,
    _Context,
    _too_slow,
    compile_query,
    no_hits_advice,
    normalise,
    search_controls,
)
from helpers.model.corpus import CorpusReport, load_corpus
from helpers.model.paths import seed_path
from helpers.model.source import article_id_of
from helpers.render.html import escape, message_html, table_html
from helpers.views.tool import StaticFormBox, html_pane, set_html

#: The article's columns in front of the hits of :func:`corpus_kwic`.
ARTICLE_COLUMNS = ["article_id", "date", "title_en", "title_zh"]

#: The columns of :func:`corpus_kwic`, in order.
CORPUS_KWIC_COLUMNS = [*ARTICLE_COLUMNS, *KWIC_COLUMNS]


# ---------------------------------------------------------------- the corpus


def corpus_table(corpus=None) -> tuple[pd.DataFrame, CorpusReport | None]:
    """The corpus as one table (with ``article_id``) and the loading report (None for a table).

    ``corpus`` is a folder of article files (default: the seed's folder,
    ``seeds/``), or a table: that of :func:`helpers.load_corpus`, or one
    article's segments table.

    Example:
        >>> table, report = corpus_table()
        >>> table["article_id"].unique().tolist(), report.summary()[:16]
        (['000_de9b3e9f03d8f077'], 'Loaded 1 article')
    """
    if corpus is None:
        corpus = seed_path().parent
    if isinstance(corpus, (str, Path)):
        return load_corpus(corpus)
    if isinstance(corpus, pd.DataFrame):
        if "article_id" in corpus.columns:
            return corpus, None
        attrs = corpus.attrs
        table = corpus.copy()
        table.insert(0, "article_id", article_id_of(corpus) or "article")
        for number, column in enumerate(ARTICLE_COLUMNS[1:], 1):
            table.insert(number, column, attrs.get(column, ""))
        return table, None
    raise SearchError(
        f"Cannot search a {type(corpus).__name__}: give a folder of article files "
        "(like 'seeds') or the table of helpers.load_corpus(folder)."
    )


def articles_of(table: pd.DataFrame) -> pd.DataFrame:
    """One row per article of a corpus table: article_id, date, title_en, title_zh, segments.

    Example:
        >>> articles_of(corpus_table()[0])[["article_id", "segments"]].values.tolist()
        [['000_de9b3e9f03d8f077', 19]]
    """
    columns = [column for column in ARTICLE_COLUMNS if column in table.columns]
    if table.empty:
        return pd.DataFrame(columns=[*ARTICLE_COLUMNS, "segments"])
    grouped = table.groupby("article_id", sort=False)
    articles = grouped[columns[1:]].first().reset_index() if columns[1:] else None
    if articles is None:
        articles = pd.DataFrame({"article_id": list(grouped.groups)})
    for column in ARTICLE_COLUMNS:
        if column not in articles.columns:
            articles[column] = ""
    articles["segments"] = grouped.size().to_numpy()
    return articles[[*ARTICLE_COLUMNS, "segments"]]


# ---------------------------------------------------------------- searching


def corpus_kwic(
    query: str, corpus=None, lang: str = "zh", regex: bool = False, window: int = 10
) -> pd.DataFrame:
    """Every hit of ``query`` in every article of a corpus, with the article it is in.

    ``corpus`` is a folder of article files (default ``seeds/``) or the table
    of :func:`helpers.load_corpus`. Columns: :data:`ARTICLE_COLUMNS`, then
    those of :func:`helpers.analysis.search.kwic` (``position`` counts within each
    article). Bad input raises :class:`~helpers.analysis.search.SearchError`.

    Example:
        >>> hits = corpus_kwic("互助组", "seeds", window=3)
        >>> hits.loc[0, ["article_id", "seg_id", "match"]].tolist()
        ['000_de9b3e9f03d8f077', 'P2.2', '互助组']
    """
    compile_query(query, is_regex=regex)  # a bad query fails even on an empty corpus
    table, _ = corpus_table(corpus)
    return _search(query, table, lang, regex, window)


def _search(query: str, table: pd.DataFrame, lang: str, regex: bool, window: int):
    """The hits in a corpus table (see :func:`corpus_kwic`), in one pass over the table.

    The same hits, in the same order and with the same columns, as running
    :func:`helpers.analysis.search.kwic` on each article's rows (grouped by
    ``article_id`` in the order they first appear, ``position`` restarting at
    each article), but the columns are read once as lists, the texts are
    folded (:func:`helpers.analysis.search.normalise`) all at once, and one DataFrame
    is made at the end. Each article has :data:`~helpers.analysis.search.TIME_LIMIT`
    seconds, as one :func:`~helpers.analysis.search.kwic` call would.
    """
    pattern = compile_query(query, is_regex=regex)
    articles = _rows_by_article(table)
    rows = []
    if articles:
        if lang not in LANGUAGE_NAMES:
            raise SearchError(f"Choose the language 'zh' or 'en', not {lang!r}.")
        texts = _as_texts(table[lang].tolist())
        others = table["en" if lang == "zh" else "zh"].tolist()
        seg_ids, paras, moves = (table[column].tolist() for column in ("seg_id", "para", "move"))
        metadata = [
            table[column].tolist() if column in table.columns else None
            for column in ARTICLE_COLUMNS[1:]
        ]
        folded = _fold_all(texts)
        literal = not regex and "\x00" not in pattern.pattern  # a plain query never matches NUL
        for article_id, numbers in articles:
            first = numbers[0]
            about = [article_id, *("" if values is None else values[first] for values in metadata)]
            spans = _article_spans(pattern, [folded[number] for number in numbers], query, literal)
            offset = 0
            for number, found in zip(numbers, spans, strict=True):
                text = texts[number]
                if found:
                    context, other = _Context(text, window, lang), _as_text(others[number])
                    for start, end in found:
                        left, right = context.around(start, end)
                        rows.append(
                            [*about, seg_ids[number], paras[number], left, text[start:end],
                             right, other, offset + start, moves[number]]
                        )  # fmt: skip
                offset += len(text)
    found = (
        pd.DataFrame(rows, columns=CORPUS_KWIC_COLUMNS)
        if rows
        else pd.DataFrame(columns=CORPUS_KWIC_COLUMNS)
    )
    found.attrs.update(query=str(query).strip(), lang=lang)
    return found


def _rows_by_article(table: pd.DataFrame) -> list[tuple]:
    """(article_id, its row numbers) in the order the articles first appear; no missing ids.

    The same groups as ``table.groupby("article_id", sort=False)``.
    """
    codes, ids = pd.factorize(table["article_id"], sort=False)
    if len(ids) == 0:
        return []
    codes = codes.tolist()
    if codes == sorted(codes) and codes[0] == 0:  # one block per article, as load_corpus makes
        bounds = [0, *(n for n in range(1, len(codes)) if codes[n] != codes[n - 1]), len(codes)]
        return [
            (article_id, list(range(bounds[k], bounds[k + 1])))
            for k, article_id in enumerate(ids.tolist())
        ]
    numbers: dict[int, list[int]] = {}
    for number, code in enumerate(codes):
        if code >= 0:
            numbers.setdefault(code, []).append(number)
    return [(article_id, numbers[code]) for code, article_id in enumerate(ids.tolist())]


def _as_texts(values: list) -> list[str]:
    """The cells as strings, a missing one as "" (as :func:`helpers.analysis.search.kwic` reads them)."""
    return [value if type(value) is str else _as_text(value) for value in values]


def _as_text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _article_spans(pattern, folded: list[tuple], query: str, literal: bool) -> list[list[tuple]]:
    """The non-empty matches in each folded text of one article, as spans in its own characters.

    A plain (non-regex) query cannot match the NUL character, so it is searched
    in one scan over the article's folded texts joined by NUL: no hit can
    cross from one segment into the next. A regular expression could (``.``
    matches NUL), so each text is searched on its own, as
    :func:`helpers.analysis.search.kwic` does.
    """
    deadline = time.monotonic() + TIME_LIMIT
    try:
        if literal:
            return _joined_spans(pattern, folded, deadline, query)
        return [_text_spans(pattern, text, origins, deadline, query) for text, origins in folded]
    except TimeoutError:
        raise _too_slow(query) from None


def _text_spans(pattern, folded: str, origins, deadline: float, query: str) -> list[tuple]:
    spans = []
    for match in pattern.finditer(folded, timeout=_time_left(deadline, query)):
        if match.end() > match.start():
            spans.append(_original_span(match.start(), match.end(), origins))
        _time_left(deadline, query)
    return spans


def _joined_spans(pattern, folded: list[tuple], deadline: float, query: str) -> list[list]:
    joined = "\x00".join(text for text, _ in folded)
    starts, at = [], 0
    for text, _ in folded:
        starts.append(at)
        at += len(text) + 1
    spans = [[] for _ in folded]
    for match in pattern.finditer(joined, timeout=_time_left(deadline, query)):
        if match.end() > match.start():
            which = bisect.bisect_right(starts, match.start()) - 1
            start, end = match.start() - starts[which], match.end() - starts[which]
            spans[which].append(_original_span(start, end, folded[which][1]))
        _time_left(deadline, query)
    return spans


def _original_span(start: int, end: int, origins) -> tuple[int, int]:
    """A match's span in the folded text as a span in the original characters."""
    if origins is None:
        return start, end
    return origins[start], origins[end - 1] + 1


def _time_left(deadline: float, query: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_slow(query)
    return left


#: Characters that may fold (see :func:`helpers.analysis.search.normalise`): all but ASCII and the
#: CJK Unified Ideographs (neither has an NFKC decomposition), and the traditional forms.
_MAY_FOLD = re.compile(f"[^\x00-\x7f\u4e00-\u9fff]|[{TRADITIONAL}]")

#: Each character looked at: what it folds into.
_FOLDS: dict[str, str] = {}


def _fold_all(texts: list[str]) -> list[tuple[str, list[int] | None]]:
    """``normalise`` of every text: (folded text, origins), origins None when the identity.

    :func:`~helpers.analysis.search.normalise` folds character by character, so the
    texts are folded together: each distinct character that may fold is
    folded once, then replaced everywhere. A text with a character that
    folds into several (like ㈠) goes through ``normalise`` itself, for its
    origins; so does every text if one holds a NUL (the separator here).
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [_with_origins(text, *normalise(text)) for text in texts]
    changes = {}
    for char in set(_MAY_FOLD.findall(joined)):
        if char not in _FOLDS:
            _FOLDS[char] = normalise(char)[0]
        if _FOLDS[char] != char:
            changes[char] = _FOLDS[char]
    if not changes:
        return [(text, None) for text in texts]
    if set("".join(changes.values())).isdisjoint(changes):
        for char, folded in changes.items():  # no change undoes another: replace one by one
            joined = joined.replace(char, folded)
    else:
        joined = joined.translate({ord(char): folded for char, folded in changes.items()})
    longer = {char for char, folded in changes.items() if len(folded) != 1}
    return [
        _with_origins(text, *normalise(text)) if longer and not longer.isdisjoint(text) else
        (folded, None)
        for text, folded in zip(texts, joined.split("\x00"), strict=True)
    ]  # fmt: skip


def _with_origins(text: str, folded: str, origins: list[int]) -> tuple[str, list[int] | None]:
    """(folded, origins), origins None when they are the identity."""
    return folded, (None if origins == list(range(len(text))) else origins)


def corpus_counts(hits: pd.DataFrame, corpus_or_table=None) -> pd.DataFrame:
    """How many hits each article has (articles without a hit too): the per-article table.

    Columns: article_id, date, title_en, hits.

    Example:
        >>> table, _ = corpus_table()
        >>> corpus_counts(corpus_kwic("互助组", table), table)["hits"].tolist()
        [13]
    """
    table = (
        corpus_or_table
        if isinstance(corpus_or_table, pd.DataFrame) and "article_id" in corpus_or_table
        else corpus_table(corpus_or_table)[0]
    )
    articles = articles_of(table)
    numbers = hits.groupby("article_id", sort=False).size() if len(hits) else pd.Series()
    articles["hits"] = [int(numbers.get(article, 0)) for article in articles["article_id"]]
    return articles[["article_id", "date", "title_en", "hits"]]


# ---------------------------------------------------------------- HTML


def corpus_hits_html(hits: pd.DataFrame, lang: str = "zh", limit: int = ROWS_SHOWN) -> str:
    """The hits as an HTML table: article, segment, context (the hit highlighted), other language.

    Example:
        >>> html = corpus_hits_html(corpus_kwic("互助组", "seeds"))
        >>> '<span class="ly-hit">互助组</span>' in html and "000_de9b3e9f03d8f077" in html
        True
    """
    other = f"aligned {LANGUAGE_NAMES['en' if lang == 'zh' else 'zh']}"
    shown = hits.head(limit)
    view = pd.DataFrame(
        {
            "article": shown["article_id"].tolist(),
            "seg_id": shown["seg_id"].tolist(),
            "context": [
                _context_html(row.left, row.match, row.right, lang)
                for row in shown.itertuples(index=False)
            ],
            other: shown["other"].tolist(),
        }
    )
    note = (
        message_html(f"Showing the first {limit} of {len(hits)} hits.") if len(hits) > limit else ""
    )
    return table_html(view, raw_columns=("context",)) + note


def _context_html(left: str, match: str, right: str, lang: str) -> str:
    """One context cell built from escaped text, the match highlighted."""
    language = "zh-Hans" if lang == "zh" else "en"
    return (
        f'<span lang="{language}">{escape(left)}<span class="ly-hit">{escape(match)}</span>'
        f"{escape(right)}</span>"
    )


def corpus_search_html(
    query: str, table: pd.DataFrame, lang: str = "zh", is_regex: bool = False, window: int = 10
) -> tuple[str, str, pd.DataFrame | None]:
    """The widget's result: (results HTML, per-article counts HTML, hits or None).

    A query that cannot be searched gives a one-line error message and no hits.

    Example:
        >>> results, counts, hits = corpus_search_html("(", corpus_table()[0], is_regex=True)
        >>> "ly-error" in results, counts, hits is None
        (True, '', True)
    """
    try:
        compile_query(query, is_regex=is_regex)
        hits = _search(query, table, lang, is_regex, window)
    except SearchError as problem:
        return message_html(str(problem), "error"), "", None
    counts = corpus_counts(hits, table)
    counts_html = "<p><b>Hits per article</b></p>" + table_html(counts)
    if hits.empty:
        return message_html(no_hits_advice(query, lang, table=table)), counts_html, hits
    found_in = int((counts["hits"] > 0).sum())
    noun = "hit" if len(hits) == 1 else "hits"
    line = (
        f"{len(hits)} {noun} for {query.strip()!r} in the {LANGUAGE_NAMES[lang]}, in "
        f"{found_in} of {len(counts)} articles."
    )
    return message_html(line, "good") + corpus_hits_html(hits, lang), counts_html, hits


# ---------------------------------------------------------------- the widget


def corpus_concordance(corpus=None, query: str = "", lang: str = "zh") -> StaticFormBox:
    """A search box for a whole corpus: hits in context in every article, and counts per article.

    ``corpus`` is a folder of article files (default ``seeds/``; drop another
    article file there and press Reload) or the table of
    :func:`helpers.load_corpus`. Controls on ``box.controls``: ``query``,
    ``lang``, ``regex``, ``window``, ``search``, ``reload``; panes on
    ``box.panes``: ``report`` (what was loaded, and the files skipped, why),
    ``results`` and ``counts``. Bad input shows a one-line message.

    Example:
        >>> box = corpus_concordance("seeds")
        >>> box.controls.query.value = "mutual aid"
        >>> box.controls.lang.value = "en"
        >>> "17 hits for" in box.panes.results.value
        True
    """
    controls = search_controls(query, lang)
    controls.reload = widgets.Button(
        description="Reload",
        icon="refresh",
        tooltip="Read the folder again",
        disabled=not isinstance(corpus, (str, Path, type(None))),
    )
    panes = SimpleNamespace(report=html_pane(), results=html_pane(), counts=html_pane())
    state = SimpleNamespace(table=None, report_html="", results_html="", counts_html="", hits=None)

    def load(*_ignored) -> None:
        try:
            state.table, report = corpus_table(corpus)
        except (OSError, SearchError) as problem:
            state.table = None
            state.report_html = message_html(f"{problem}", "error")
        else:
            state.report_html = _report_html(state.table, report)
        set_html(panes.report, state.report_html)
        run_if_typed()

    def run(*_ignored) -> None:
        if state.table is None:
            state.results_html = message_html("No corpus is loaded: see the message above.")
            state.counts_html, state.hits = "", None
        else:
            state.results_html, state.counts_html, state.hits = corpus_search_html(
                controls.query.value, state.table, controls.lang.value,
                controls.regex.value, controls.window.value,
            )  # fmt: skip
        set_html(panes.results, state.results_html)
        set_html(panes.counts, state.counts_html)

    def run_if_typed(*_ignored) -> None:
        if controls.query.value.strip():
            run()
        else:
            state.results_html = message_html("Type a word (Chinese or English) and press Search.")
            set_html(panes.results, state.results_html)

    controls.search.on_click(run)
    controls.reload.on_click(load)
    controls.query.observe(run, names="value")
    for control in (controls.lang, controls.regex, controls.window):
        control.observe(run_if_typed, names="value")
    load()

    def static_html() -> str:
        return state.report_html + state.results_html + state.counts_html

    box = StaticFormBox(
        [
            panes.report,
            widgets.HBox([controls.query, controls.search, controls.reload]),
            controls.lang,
            widgets.HBox([controls.regex, controls.window]),
            panes.results,
            panes.counts,
        ],
        static_html=static_html,
    )
    box.controls, box.panes, box.state = controls, panes, state
    return box


def _report_html(table: pd.DataFrame, report: CorpusReport | None) -> str:
    """What was loaded (and skipped, why) as one message; an error style if files were skipped."""
    if report is None:
        count = table["article_id"].nunique() if len(table) else 0
        return message_html(f"Searching {count} article(s) ({len(table)} segments).")
    kind = "error" if len(report.skipped) else "info"
    return message_html(report.summary(), kind)
