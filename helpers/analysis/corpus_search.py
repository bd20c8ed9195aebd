"""Search a whole folder of articles: keyword in context across a corpus.

:func:`corpus_kwic` finds what :func:`helpers.analysis.search.kwic` finds, in every
article of a corpus at once (a folder of article files in the seed format, or
the table of :func:`helpers.load_corpus`), and says which article each hit is in;
:func:`corpus_counts` counts the hits per article. The widget that does both
is :func:`helpers.corpus_concordance` (:mod:`helpers.views.corpus_concordance`).
Matching works as in the one-article concordance (see
:mod:`helpers.analysis.search`): case and full-width/half-width forms are
ignored, and a bad pattern gives a :class:`~helpers.analysis.search.SearchError`
that says what to do.

Example:
    >>> corpus_counts(corpus_kwic("互助组", "seeds"), "seeds")["hits"].tolist()
    [13]
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pandas as pd

from helpers.analysis.boundary_search import crossing_hits, junctions
from helpers.analysis.search import (  # kwic's own pieces, for identical hits
    KWIC_COLUMNS,
    LANGUAGE_NAMES,
    TRADITIONAL,
    Context,
    SearchError,
    as_text,
    compile_query,
    deadline,
    normalise,
    original_span,
    text_spans,
    time_left,
    too_slow,
)
from helpers.model.corpus import load_corpus
from helpers.model.corpus_report import CorpusReport
from helpers.model.paths import seed_path
from helpers.model.source import article_id_of

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
    return search_corpus(query, table, lang, regex, window)


def search_corpus(query: str, table: pd.DataFrame, lang: str, regex: bool, window: int):
    """The hits in a corpus table (see :func:`corpus_kwic`), in one pass over the table.

    The same hits, in the same order and with the same columns, as running
    :func:`helpers.analysis.search.kwic` on each article's rows (grouped by
    ``article_id`` in the order they first appear, ``position`` restarting at
    each article), but the columns are read once as lists, the texts are
    folded (:func:`helpers.analysis.search.normalise`) all at once, and one DataFrame
    is made at the end. Each article has :data:`~helpers.analysis.search.TIME_LIMIT`
    seconds, as one :func:`~helpers.analysis.search.kwic` call would.

    Example:
        >>> table, _ = corpus_table()
        >>> search_corpus("互助组", table, "zh", False, 3)["left"].iloc[0]
        '进行，'
    """
    pattern = compile_query(query, is_regex=regex)
    articles = _rows_by_article(table)
    rows = []
    if articles:
        if lang not in LANGUAGE_NAMES:
            raise SearchError(f"Choose the language 'zh' or 'en', not {lang!r}.")
        texts = [v if type(v) is str else as_text(v) for v in table[lang].tolist()]
        others = table["en" if lang == "zh" else "zh"].tolist()
        seg_ids, paras, moves = (table[column].tolist() for column in ("seg_id", "para", "move"))
        metadata = [
            table[column].tolist() if column in table.columns else None
            for column in ARTICLE_COLUMNS[1:]
        ]
        folded = _fold_all(texts)
        literal = not regex and "\x00" not in pattern.pattern  # a plain query never matches NUL
        ends = junctions(texts, pattern, not regex)  # where a hit across segments can be
        for article_id, numbers in articles:
            first = numbers[0]
            about = [article_id, *("" if values is None else values[first] for values in metadata)]
            spans = _article_spans(pattern, [folded[number] for number in numbers], query, literal)
            offset, start_of_article = 0, len(rows)
            for number, found in zip(numbers, spans, strict=True):
                text = texts[number]
                if found:
                    context, other = Context(text, window, lang), as_text(others[number])
                    for start, end in found:
                        left, right = context.around(start, end)
                        rows.append(
                            [*about, seg_ids[number], paras[number], left, text[start:end],
                             right, other, offset + start, moves[number]]
                        )  # fmt: skip
                offset += len(text)
            if len(numbers) > 1 and (ends is None or all(ends)):  # hits across segments
                columns = (texts, others, seg_ids, paras, moves)
                search = (pattern, lang, window, ends, query)
                _add_crossings(rows, start_of_article, about, numbers, columns, search, spans)
    found = (
        pd.DataFrame(rows, columns=CORPUS_KWIC_COLUMNS)
        if rows
        else pd.DataFrame(columns=CORPUS_KWIC_COLUMNS)
    )
    found.attrs.update(query=str(query).strip(), lang=lang)
    return found


def _add_crossings(rows, start, about, numbers, columns, search, spans) -> None:
    """Add one article's hits across segment boundaries to ``rows`` (from ``start``), in order."""
    texts, others, seg_ids, paras, moves = columns
    pattern, lang, window, ends, query = search
    across = crossing_hits(
        pattern, [texts[n] for n in numbers], [others[n] for n in numbers],
        [(seg_ids[n], paras[n], moves[n]) for n in numbers], (lang, window), spans,
        (deadline(), query), ends,
    )  # fmt: skip
    if across:
        added = [[*about, *hit.values()] for hit in across]
        rows[start:] = sorted(rows[start:] + added, key=lambda row: row[-2])


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


def _article_spans(pattern, folded: list[tuple], query: str, literal: bool) -> list[list[tuple]]:
    """The non-empty matches in each folded text of one article, as spans in its own characters.

    A plain (non-regex) query cannot match the NUL character, so it is searched
    in one scan over the article's folded texts joined by NUL: no hit can
    cross from one segment into the next. A regular expression could (``.``
    matches NUL), so each text is searched on its own, as
    :func:`helpers.analysis.search.kwic` does.
    """
    limit = deadline()
    if literal:
        return _joined_spans(pattern, folded, limit, query)
    return [text_spans(pattern, text, origins, limit, query) for text, origins in folded]


def _joined_spans(pattern, folded: list[tuple], limit: float, query: str) -> list[list]:
    joined = "\x00".join(text for text, _ in folded)
    starts, at = [], 0
    for text, _ in folded:
        starts.append(at)
        at += len(text) + 1
    spans = [[] for _ in folded]
    try:
        for match in pattern.finditer(joined, timeout=time_left(limit, query)):
            if match.end() > match.start():
                which = bisect.bisect_right(starts, match.start()) - 1
                start, end = match.start() - starts[which], match.end() - starts[which]
                spans[which].append(original_span(start, end, folded[which][1]))
            time_left(limit, query)
    except TimeoutError:
        raise too_slow(query) from None
    return spans


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
