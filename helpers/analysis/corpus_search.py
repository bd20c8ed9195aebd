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

from pathlib import Path

import numpy
import pandas as pd

from helpers.analysis.boundary_search import crossing_hits, junctions
from helpers.analysis.corpus_index import corpus_index
from helpers.analysis.search import (  # kwic's own pieces, for identical hits
    KWIC_COLUMNS,
    LANGUAGE_NAMES,
    Context,
    SearchError,
    compile_query,
    deadline,
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
    query: str,
    corpus=None,
    lang: str = "zh",
    regex: bool = False,
    window: int = 10,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Every hit of ``query`` in every article of a corpus, with the article it is in.

    ``corpus`` is a folder of article files (default ``seeds/``) or the table
    of :func:`helpers.load_corpus`. Columns: :data:`ARTICLE_COLUMNS`, then
    those of :func:`helpers.analysis.search.kwic` (``position`` counts within each
    article). Case is ignored unless ``case_sensitive``. Bad input raises
    :class:`~helpers.analysis.search.SearchError`.

    Example:
        >>> hits = corpus_kwic("互助组", "seeds", window=3)
        >>> hits.loc[0, ["article_id", "seg_id", "match"]].tolist()
        ['000_de9b3e9f03d8f077', 'P2.2', '互助组']
        >>> len(corpus_kwic("cpc", lang="en"))
        3
        >>> len(corpus_kwic("cpc", lang="en", case_sensitive=True))
        0
    """
    compile_query(query, is_regex=regex)  # a bad query fails even on an empty corpus
    table, _ = corpus_table(corpus)
    return search_corpus(query, table, lang, regex, window, case_sensitive=case_sensitive)


def search_corpus(
    query: str, table: pd.DataFrame, lang: str, regex: bool, window: int, case_sensitive=False
) -> pd.DataFrame:
    """The hits in a corpus table (see :func:`corpus_kwic`), from the table's index.

    The same hits, in the same order and with the same columns, as running
    :func:`helpers.analysis.search.kwic` on each article's rows (grouped by
    ``article_id`` in the order they first appear, ``position`` restarting at
    each article). The texts are folded and joined once per table
    (:func:`helpers.analysis.corpus_index.corpus_index`, which notices a changed
    table); a plain query is then one scan of one language's joined text, a
    regular expression one scan per segment, and the columns are made as lists,
    one DataFrame at the end. Each article has :data:`~helpers.analysis.search.TIME_LIMIT`
    seconds, as one :func:`~helpers.analysis.search.kwic` call would.

    Example:
        >>> table, _ = corpus_table()
        >>> search_corpus("互助组", table, "zh", False, 3)["left"].iloc[0]
        '进行，'
    """
    pattern = compile_query(query, is_regex=regex, case_sensitive=case_sensitive)
    index = corpus_index(table)
    found = None
    if index.articles:
        if lang not in LANGUAGE_NAMES:
            raise SearchError(f"Choose the language 'zh' or 'en', not {lang!r}.")
        texts = index.language(lang)
        if not regex and "\x00" not in pattern.pattern:  # a plain query never matches NUL
            hits = _joined_hits(pattern, texts, query, len(index.articles))
        else:
            hits = _segment_hits(pattern, texts, index.articles, query)
        columns = _hit_columns(index, texts, hits, window)
        if hits[0]:
            found = pd.DataFrame(dict(zip(CORPUS_KWIC_COLUMNS, columns, strict=True)))
        crossings = _crossings(pattern, index, texts, hits, (window, query, regex))
        if crossings:
            found = _with_crossings(columns, hits, index, crossings)
    if found is None:
        found = pd.DataFrame(columns=CORPUS_KWIC_COLUMNS)
    found.attrs.update(query=str(query).strip(), lang=lang)
    return found


def _joined_hits(pattern, texts, query: str, articles: int) -> tuple[list, list, list]:
    """A plain query's hits, in one scan of the joined text (TIME_LIMIT seconds per article)."""
    try:
        return texts.plain_hits(pattern, time_left(deadline(), query) * articles)
    except TimeoutError:
        raise too_slow(query) from None


def _segment_hits(pattern, texts, articles, query: str) -> tuple[list, list, list]:
    """A regular expression's hits, each segment searched on its own, as kwic does; in order."""
    rows, starts, ends = [], [], []
    for _, numbers in articles:
        limit = deadline()
        for number in numbers:
            for start, end in text_spans(pattern, *texts.folded[number], limit, query):
                rows.append(number)
                starts.append(start)
                ends.append(end)
    return rows, starts, ends


def _hit_columns(index, texts, hits, window: int) -> list[list]:
    """The columns of :data:`CORPUS_KWIC_COLUMNS` for the hits inside segments, as lists."""
    rows, starts, ends = hits
    text_of, window = texts.texts, max(int(window), 0)
    matches = [text_of[row][start:end] for row, start, end in zip(rows, starts, ends, strict=True)]
    if texts.lang == "zh":
        lefts = [
            text_of[row][max(start - window, 0) : start]
            for row, start in zip(rows, starts, strict=True)
        ]
        rights = [text_of[row][end : end + window] for row, end in zip(rows, ends, strict=True)]
    else:
        contexts = texts.contexts.setdefault(window, {})
        lefts, rights = [], []
        for row, start, end in zip(rows, starts, ends, strict=True):
            if row not in contexts:
                contexts[row] = Context(text_of[row], window, "en")
            left, right = contexts[row].around(start, end)
            lefts.append(left)
            rights.append(right)
    rows = numpy.array(rows, dtype=numpy.int64)
    positions = (texts.before[rows] + numpy.array(starts, dtype=numpy.int64)).tolist()
    return [
        *(index.take(column, rows) for column in ("article_id", "date", "title_en", "title_zh")),
        index.take("seg_id", rows), index.take("para", rows), lefts, matches, rights,
        texts.others[rows].tolist(), positions, index.take("move", rows),
    ]  # fmt: skip


def _crossings(pattern, index, texts, hits, search) -> list[tuple[int, list]]:
    """The hits across segment boundaries, as (article number, row of the table) pairs.

    Each boundary is searched as :func:`helpers.analysis.boundary_search.crossing_hits`
    searches it; for a plain query only those whose characters are in the query
    (:func:`~helpers.analysis.boundary_search.junctions`) and, when it has no white
    space, only those the index finds a match near
    (:meth:`~helpers.analysis.corpus_index.LanguageIndex.crossing_pairs`).
    """
    window, query, regex = search
    ends, pairs = None, None
    if not regex:  # a plain query: only boundaries whose characters are in it
        ends = junctions(texts.lasts, pattern, True)[0], junctions(texts.firsts, pattern, True)[1]
        if not all(ends):
            return []
        pairs = texts.crossing_pairs(pattern, query)
    if pairs is None:
        pairs = texts.pairs.tolist()
    inside: dict[int, list] = {}
    for row, start, end in zip(*hits, strict=True):
        inside.setdefault(row, []).append((start, end))
    found, limits, text_of, others = [], {}, texts.texts, texts.others
    columns = [index.columns[name] for name in ("seg_id", "para", "move")]  # each row's record
    for first, second, rank in pairs:
        if rank not in limits:  # each article has its own time limit, as in kwic
            limits[rank] = deadline()
        across = crossing_hits(
            pattern, [text_of[first], text_of[second]], [others[first], others[second]],
            [tuple(values[row] for values in columns) for row in (first, second)],
            (texts.lang, window),
            [inside.get(first, []), inside.get(second, [])], (limits[rank], query), ends,
        )  # fmt: skip
        if across:
            about = [index.columns[column][first] for column in ARTICLE_COLUMNS]
            for hit in across:
                hit["position"] += int(texts.before[first])
                found.append((rank, [*about, *hit.values()]))
    return found


def _with_crossings(columns, hits, index, crossings) -> pd.DataFrame:
    """The hits inside segments and those across them in one table, article by article, in order."""
    rank = index.rank.tolist()
    position = CORPUS_KWIC_COLUMNS.index("position")
    keys = [(rank[row], at) for row, at in zip(hits[0], columns[position], strict=True)]
    keys += [(number, row[position]) for number, row in crossings]
    rows = list(zip(*columns, strict=True)) + [row for _, row in crossings]
    ordered = sorted(range(len(rows)), key=keys.__getitem__)
    return pd.DataFrame([list(rows[k]) for k in ordered], columns=CORPUS_KWIC_COLUMNS)


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
