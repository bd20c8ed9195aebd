"""Where the hits fall and what they say: counts per paragraph, several queries, words.

:func:`hits_by_paragraph` counts the hits of :func:`helpers.analysis.search.kwic`
(or :func:`compare_terms`, several queries at once) in each paragraph: the
table alternative to :func:`helpers.dispersion_plot`. :func:`paragraph_spans`
says where each paragraph lies along the article, for the plot and the strip;
:func:`reading_of`, :func:`count_line` and :func:`no_hits_advice` put a
search's result in words.

Example:
    >>> from helpers.analysis.search import kwic
    >>> reading_of(kwic("互助组"))
    '13 hits for 互助组: 0 in P1, 3 in P2, 10 in P3.'
"""

from __future__ import annotations

import pandas as pd
import regex

from helpers.analysis.query import query_language
from helpers.analysis.search import LANGUAGE_NAMES, SearchError, kwic, normalise, texts_of
from helpers.model.source import as_table

#: A character of the Han script (wider than :data:`helpers.model.text.HANZI`: every
#: extension block too), for telling which characters of a query the text lacks.
_HAN_SCRIPT = regex.compile(r"\p{Han}")


def compare_terms(
    queries, lang: str | None = None, table: pd.DataFrame | None = None, window: int = 10
) -> pd.DataFrame:
    """The hits of several queries in one table, with a ``query`` column saying which.

    ``lang`` None takes the language from the queries' script (all in one language).

    Example:
        >>> hits = compare_terms(["互助组", "合作社"])
        >>> hits.groupby("query", sort=False).size().to_dict()
        {'互助组': 13, '合作社': 13}
        >>> compare_terms(["cooperative", "mutual aid"]).attrs["lang"]
        'en'
    """
    if lang is None:
        lang = terms_language(queries)
    parts = []
    for query in queries:
        hits = kwic(query, lang=lang, window=window, table=table)
        hits.insert(0, "query", str(query).strip())
        parts.append(hits)
    if not parts:
        raise SearchError("Type a word to search for.")
    combined = pd.concat(parts, ignore_index=True)
    combined.attrs.update(lang=lang, queries=[str(query).strip() for query in queries])
    return combined


def terms_language(queries) -> str:
    """The one language several queries are written in, or SearchError if they mix two.

    Example:
        >>> terms_language(["互助组", "合作社"]), terms_language(["cooperative"])
        ('zh', 'en')
    """
    languages = {query_language(query) for query in queries if str(query).strip()}
    if len(languages) > 1:
        raise SearchError(
            "Compare terms in one language at a time: Chinese terms together, or English "
            'ones together with lang="en".'
        )
    return languages.pop() if languages else "zh"


def hits_by_paragraph(hits: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many hits fall in each paragraph (columns P1, P2, ...), one row per query.

    The table alternative to :func:`helpers.dispersion_plot`.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> counts = hits_by_paragraph(kwic("互助组"))
        >>> list(counts.columns), counts.loc["互助组"].tolist()
        (['P1', 'P2', 'P3', 'total'], [0, 3, 10, 13])
    """
    table = as_table(table)
    paragraphs = sorted(int(para) for para in table["para"].unique())
    counts = pd.DataFrame(
        0, index=pd.Index(queries_of(hits), name="query"), columns=[f"P{p}" for p in paragraphs]
    )
    for query, group in groups_of(hits):
        for para, number in group["para"].astype(int).value_counts().items():
            counts.loc[query, f"P{para}"] = int(number)
    counts["total"] = counts.sum(axis=1)
    return counts


def queries_of(hits: pd.DataFrame) -> list[str]:
    """The queries of a hits table: its ``query`` column, or the one query it was made for.

    Example:
        >>> queries_of(compare_terms(["互助组", "合作社"])), queries_of(kwic("互助组"))
        (['互助组', '合作社'], ['互助组'])
    """
    if "query" in hits.columns:
        listed = hits.attrs.get("queries") or []
        return list(dict.fromkeys([*listed, *hits["query"].astype(str)]))
    return [hits.attrs.get("query") or "hits"]


def groups_of(hits: pd.DataFrame):
    """(query, hits of that query) for each query, in order, empty ones included.

    Example:
        >>> hits = compare_terms(["互助组", "不存在的词"])
        >>> [(query, len(part)) for query, part in groups_of(hits)]
        [('互助组', 13), ('不存在的词', 0)]
    """
    for query in queries_of(hits):
        if "query" in hits.columns:
            yield query, hits[hits["query"].astype(str) == query]
        else:
            yield query, hits


def paragraph_spans(table: pd.DataFrame, lang: str) -> tuple[list[tuple[int, int, int]], int]:
    """Where each paragraph lies along the article: ([(para, start, end), ...], total length).

    Positions count characters of ``lang`` as :func:`helpers.analysis.search.kwic`
    does; the total is at least 1.

    Example:
        >>> spans, total = paragraph_spans(as_table(), "zh")
        >>> [para for para, _, _ in spans], spans[0][1], spans[-1][2] == total
        ([1, 2, 3], 0, True)
    """
    texts, _ = texts_of(table, lang)
    total = max(sum(len(text) for text in texts), 1)
    starts, offset = {}, 0
    for para, text in zip(table["para"].astype(int), texts, strict=True):
        starts.setdefault(para, offset)
        offset += len(text)
    bounds = sorted(starts.items(), key=lambda item: item[1]) + [(None, total)]
    spans = [
        (para, start, end) for (para, start), (_, end) in zip(bounds, bounds[1:], strict=False)
    ]
    return spans, total


def reading_of(hits: pd.DataFrame, table=None, counts: pd.DataFrame | None = None) -> str:
    """Where the hits fall, in words: one sentence per query (``counts``: if already made).

    Example:
        >>> reading_of(compare_terms(["互助组", "不存在的词"]))  # doctest: +ELLIPSIS
        '13 hits for 互助组: 0 in P1, 3 in P2, 10 in P3. 0 hits for 不存在的词: ...'
    """
    counts = hits_by_paragraph(hits, table) if counts is None else counts
    return " ".join(_reading_for(query, counts) for query in queries_of(hits))


def _reading_for(query: str, counts: pd.DataFrame) -> str:
    row = counts.loc[query]
    spread = ", ".join(
        f"{int(row[column])} in {column}" for column in counts.columns if column != "total"
    )
    noun = "hit" if row["total"] == 1 else "hits"
    return f"{int(row['total'])} {noun} for {query}: {spread}."


def count_line(hits: pd.DataFrame, query: str, lang: str, table=None, words=False) -> str:
    """The count of hits in words; with ``words``, also which hits are parts of other words.

    With ``words`` (and the ``table`` searched: None for the seed), a character
    search's line adds the sentence of :func:`helpers.analysis.word_search.word_note`
    when some hits sit inside longer words, or across two.

    Example:
        >>> count_line(kwic("互助组"), "互助组", "zh")
        "13 hits for '互助组' in the Chinese."
        >>> count_line(kwic("合作社"), "合作社", "zh", words=True)  # doctest: +ELLIPSIS
        "13 hits for '合作社' in the Chinese. All 13 hits are parts of other words (inside ..."
    """
    number = len(hits)
    noun = "hit" if number == 1 else "hits"
    line = f"{number} {noun} for {query.strip()!r} in the {LANGUAGE_NAMES[lang]}."
    if words and "words" not in hits.columns:
        from helpers.analysis.word_search import word_note  # the same layer; imported late

        note = word_note(hits, table, lang)
        line += f" {note}" if note else ""
    return line


def no_hits_advice(query: str, lang: str, table: pd.DataFrame | None = None) -> str:
    """What to try when a search finds nothing.

    A Chinese query with characters the text does not have (traditional ones,
    say) is told that the article is printed in simplified characters.

    Example:
        >>> no_hits_advice("cooperative farm", "en")  # doctest: +ELLIPSIS
        "No hits for 'cooperative farm' in the English. Try a shorter word..."
        >>> no_hits_advice("鬥爭", "zh")  # doctest: +ELLIPSIS
        "No hits for '鬥爭' in the Chinese. The article is printed in simplified characters..."
    """
    other = LANGUAGE_NAMES["en" if lang == "zh" else "zh"]
    advice = f"No hits for {query.strip()!r} in the {LANGUAGE_NAMES[lang]}."
    absent = _absent_hanzi(query, table) if lang == "zh" else ""
    several = isinstance(table, pd.DataFrame) and table.get("article_id", pd.Series()).nunique() > 1
    if absent:
        advice += (
            (" These articles are" if several else " The article is")
            + " printed in simplified characters, and "
            + ("they have" if several else "it has")
            + " none of "
            f"{absent}: if you typed traditional characters, type the simplified ones "
            f"(互助组, not 互助組)."
        )
    return advice + (
        f" Try a shorter word or part of one, check the spelling, or search the {other}."
    )


def _absent_hanzi(query: str, table: pd.DataFrame | None) -> str:
    """The Chinese characters of a query that the Chinese text does not have, in order."""
    if not isinstance(table, pd.DataFrame) or "zh" not in table.columns:
        table = as_table(table)  # a table is searched as it is: one article or a corpus
    present = set(normalise("".join(texts_of(table, "zh")[0]))[0])
    wanted = normalise(str(query))[0]
    return "".join(dict.fromkeys(c for c in wanted if _HAN_SCRIPT.match(c) and c not in present))
