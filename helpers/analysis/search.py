"""Keyword in context: find a word in either language and see it in its sentence.

:func:`kwic` lists every hit with the words to its left and right and the
aligned sentence in the other language. Where the hits fall is counted in
:mod:`helpers.analysis.hits` and drawn in :mod:`helpers.render.dispersion`;
the hits as HTML are in :mod:`helpers.render.search`, and the widget that does
all of it is :mod:`helpers.views.concordance`.

How text is matched (the same in both languages):

* Both the query and the article are normalised with Unicode NFKC, character
  by character, before matching, but every hit is reported in the article's
  own characters. NFKC folds full-width forms into half-width ones, so a
  full-width "（" and a half-width "(" find each other, and so do "，" and
  ",". The ideographic full stop "。" and the enumeration comma "、" have no
  half-width form and are matched only as themselves.
* Traditional characters match their simplified forms, in the query and in
  the text: 互助組 finds 互助组, 遼陽縣 finds 辽阳县. The table of forms is
  small and hand-made (no converter is needed): it holds the traditional form
  of every character of the seed article that has one, unambiguous ones only
  (著, 只 and 乾, which are also simplified characters, are left out), so a
  traditional query for any word of the article, glossary terms included,
  finds it. A Chinese search with no hits that holds characters the text does
  not have says that the article is printed in simplified characters.
* Case is ignored (it matters only for English), unless ``case_sensitive=True``.
* A plain search takes the text as typed; spaces inside it match any run of
  white space, and spaces at either end are dropped. With ``regex=True`` the
  query is a pattern of the ``regex`` module, also NFKC-normalised: a
  full-width "（" in a pattern is therefore a bracket, so write "\\（" (or
  untick regex) to find the character itself.
* A hit may run from one segment into the next (a phrase with the punctuation
  between two sentences finds its hit, listed under the segment it starts in),
  unless it overlaps a hit inside either segment; in English the two segments
  are read with one space between them. Empty (zero-width) matches are skipped,
  so a pattern like ``^`` or ``a*`` finds only real text, and no search can
  return more hits than the article has characters.
* A regex search stops after :data:`TIME_LIMIT` seconds in all, so a pattern
  that backtracks without end, like ``(a|aa)+$``, gives a clear
  :class:`SearchError` instead of hanging the notebook.
* A query longer than :data:`MAX_QUERY_CHARS` characters (a pasted document)
  is refused with a :class:`SearchError`; an empty or blank one too.
"""

from __future__ import annotations

import bisect
import time
import unicodedata
from functools import cache, lru_cache

import pandas as pd
import regex

from helpers.analysis.query import SearchError, query_language, window_size
from helpers.model.source import as_table
from helpers.model.text import without_invisible

#: The columns of :func:`kwic`, in order.
KWIC_COLUMNS = ["seg_id", "para", "left", "match", "right", "other", "position", "move"]

#: The languages, as the widget names them.
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}

#: How long, in seconds, one search may run before it is stopped.
TIME_LIMIT = 0.5

#: The longest query searched for, in characters (longer than the whole article).
MAX_QUERY_CHARS = 10_000

#: Traditional forms and, at the same place, their simplified forms: every character of
#: the seed article that has a distinct, unambiguous traditional form (variants too).
TRADITIONAL = (
    "業東兩個為爲義習於產産們價優會傳體黨關農決況準幾則創辦動區華單縣參發變後員響團國處備"
    "夠學對導將幫幹廣應強當總戶執報時條來極瀋沒漲點煩熱愛現電礎確種積穩糧緊糾線組織經結觀"
    "視覺認議講許證誤說説貧車轉輕較遼過運還這進適針錯問陽順領題馬驗"
)
SIMPLIFIED = (
    "业东两个为为义习于产产们价优会传体党关农决况准几则创办动区华单县参发变后员响团国处备"
    "够学对导将帮干广应强当总户执报时条来极沈没涨点烦热爱现电础确种积稳粮紧纠线组织经结观"
    "视觉认议讲许证误说说贫车转轻较辽过运还这进适针错问阳顺领题马验"
)
_TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)

_WORD = regex.compile(r"\S+")
_SPACES = regex.compile(r"\s+")


# --------------------------------------------------------------------------- searching


def kwic(
    query: str,
    lang: str | None = None,
    regex: bool = False,
    window: int = 10,
    table: pd.DataFrame | None = None,
    case_sensitive: bool = False,
    words: str = "characters",
) -> pd.DataFrame:
    """Every hit of ``query`` in one language, with its context: keyword in context.

    ``lang``: "zh", "en", or None for the query's script (:func:`query_language`).
    ``window``: the context on each side, a whole number of characters (zh)
    or words (en; English context breaks only at spaces). Columns: ``seg_id``,
    ``para``, ``left``, ``match``, ``right`` (the hit in the article's own
    characters), ``other`` (the aligned sentence in the other language),
    ``position`` (characters before the hit, the segments end to end, for
    :func:`helpers.dispersion_plot`) and ``move``.

    Matching ignores full-width/half-width and, unless ``case_sensitive``, case.
    ``words``: "characters", "marked" (a ``words`` column) or "words" (whole words
    only): see :mod:`helpers.analysis.word_search`. Bad input raises :class:`SearchError`.

    Example:
        >>> hits = kwic("互助组", window=3)
        >>> hits.iloc[0][["seg_id", "left", "match", "right"]].tolist()
        ['P2.2', '进行，', '互助组', '也有很']
        >>> kwic("Mutual Aid", lang="en", window=2).iloc[0]["left"]
        'arising in '
        >>> len(kwic("CPC", lang="en", case_sensitive=True)), len(kwic("合作社", words="words"))
        (3, 0)
        >>> kwic("cooperative").attrs["lang"]
        'en'
    """
    window = window_size(window)
    lang = query_language(query) if lang is None else lang
    pattern = compile_query(query, is_regex=regex, case_sensitive=case_sensitive)
    table = as_table(table)
    texts, others = texts_of(table, lang)
    limit = deadline()
    spans = [text_spans(pattern, *_normalised(text), limit, query) for text in texts]
    rows = hit_rows(table, texts, others, spans, Context, window, lang)
    from helpers.analysis.boundary_search import kwic_table  # the same layer: no cycle

    return kwic_table(rows, pattern, table, (lang, window, words), spans, (limit, query, regex))


def hit_rows(table, texts, others, spans, context_of, window, lang) -> list[dict]:
    """One row of :data:`KWIC_COLUMNS` per span found, segment by segment.

    Example:
        >>> from helpers.model.tables import segments
        >>> table = segments().head(1)
        >>> rows = hit_rows(table, ["abc"], ["x"], [[(1, 2)]], Context, 1, "zh")
        >>> rows[0]["left"], rows[0]["match"], rows[0]["right"]
        ('a', 'b', 'c')
    """
    rows, offset = [], 0
    for row, text, other, found in zip(
        table.itertuples(index=False), texts, others, spans, strict=True
    ):
        context = context_of(text, window, lang)
        for start, end in found:
            left, right = context.around(start, end)
            rows.append(
                {"seg_id": row.seg_id, "para": row.para, "left": left,
                 "match": text[start:end], "right": right, "other": other,
                 "position": offset + start, "move": row.move}
            )  # fmt: skip
        offset += len(text)
    return rows


def compile_query(query: str, is_regex: bool = False, case_sensitive: bool = False):
    """The compiled pattern for a query (NFKC-normalised, case ignored unless told), or SearchError.

    Example:
        >>> compile_query("（").pattern
        '\\\\('
        >>> compile_query("(", is_regex=True)
        Traceback (most recent call last):
        ...
        helpers.analysis.search.SearchError: The pattern '(' is not a valid regular expression: \
missing ). Untick 'regex' to search for the text as typed.
    """
    if not isinstance(query, str) or not query.strip():
        raise SearchError("Type a word to search for.")
    if len(query.strip()) > MAX_QUERY_CHARS:
        raise SearchError(
            f"The query is {len(query.strip()):,} characters long; search for a word or a "
            f"phrase (at most {MAX_QUERY_CHARS:,} characters), not a whole text."
        )
    text = normalise(query.strip())[0].strip()
    if not text:
        raise SearchError("Type a word to search for (the query holds only invisible characters).")
    if is_regex:
        source = text
    else:
        source = r"\s+".join(regex.escape(word) for word in _SPACES.split(text))
    try:
        return regex.compile(source, 0 if case_sensitive else regex.IGNORECASE)
    except (regex.error, ValueError, OverflowError, TypeError, RecursionError) as problem:
        reason = getattr(problem, "msg", None) or str(problem) or type(problem).__name__
        raise SearchError(
            f"The pattern {query.strip()!r} is not a valid regular expression: {reason}. "
            "Untick 'regex' to search for the text as typed."
        ) from None


def normalise(text: str) -> tuple[str, list[int]]:
    """Text in NFKC and simplified, character by character, with each new character's origin.

    Example:
        >>> normalise("互（助）")
        ('互(助)', [0, 1, 2, 3])
        >>> normalise("㈠a")
        ('(一)a', [0, 0, 0, 1])
        >>> normalise("互助組")[0]
        '互助组'
    """
    folded, origins = _normalised(text)
    return folded, list(origins)


@lru_cache(maxsize=65536)
def _normalised(text: str) -> tuple[str, tuple[int, ...]]:
    """:func:`normalise`, remembered: a segment is folded once, not at every search."""
    pieces, origins = [], []
    for index, char in enumerate(text):
        folded = _fold(char)
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), tuple(origins)


@cache
def _fold(char: str) -> str:
    """One character in NFKC and simplified form; an invisible one (zero-width) as nothing."""
    return without_invisible(unicodedata.normalize("NFKC", char).translate(_TO_SIMPLIFIED))


def simplified(text: str) -> str:
    """Text with the traditional characters of :data:`TRADITIONAL` in their simplified forms.

    Example:
        >>> simplified("遼陽縣的互助組")
        '辽阳县的互助组'
    """
    return str(text).translate(_TO_SIMPLIFIED)


def texts_of(table: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """The texts searched in ``lang`` and the aligned texts of the other language, as strings.

    Example:
        >>> zh, en = texts_of(as_table(), "zh")
        >>> zh[0][:4], en[0][:7]
        ('【新华社', 'Xinhua ')
    """
    if lang not in LANGUAGE_NAMES:
        raise SearchError(f"Choose the language 'zh' or 'en', not {lang!r}.")
    other = "en" if lang == "zh" else "zh"
    return [as_text(value) for value in table[lang]], [as_text(value) for value in table[other]]


def as_text(value) -> str:
    """A cell as the text searched: a missing one (None, NaN, NA) as "".

    Example:
        >>> as_text("互助组"), as_text(None), as_text(float("nan")), as_text(3)
        ('互助组', '', '', '3')
    """
    if type(value) is str:
        return value
    return "" if value is None or pd.isna(value) else str(value)


# --------------------------------------------------------------------------- the time limit


def deadline() -> float:
    """When a search that starts now must stop: :data:`TIME_LIMIT` seconds from now.

    Example:
        >>> deadline() > time.monotonic()
        True
    """
    return time.monotonic() + TIME_LIMIT


def time_left(limit: float, query: str) -> float:
    """The seconds left before the ``limit`` (a :func:`deadline`); SearchError once it is past.

    Example:
        >>> time_left(deadline(), "互助组") > 0
        True
    """
    left = limit - time.monotonic()
    if left <= 0:
        raise too_slow(query)
    return left


def too_slow(query: str) -> SearchError:
    """The error for a search stopped at the time limit, saying what to do.

    Example:
        >>> str(too_slow("(a+)+"))  # doctest: +ELLIPSIS
        "The pattern '(a+)+' took too long to search (over 0.5 s); it probably repeats..."
    """
    return SearchError(
        f"The pattern {str(query).strip()!r} took too long to search (over {TIME_LIMIT} s); "
        "it probably repeats a repetition, like (a+)+. Simplify it or untick 'regex'."
    )


def text_spans(pattern, folded: str, origins, limit: float, query: str) -> list[tuple[int, int]]:
    """The non-empty matches in a folded text, as (start, end) in the original characters.

    ``folded`` and ``origins`` are what :func:`normalise` gives (``origins``
    None where each character stands for itself); ``limit`` is a
    :func:`deadline`, and passing it raises SearchError.

    Example:
        >>> text_spans(compile_query("互助組"), *normalise("㈠互助组"), deadline(), "互助組")
        [(1, 4)]
    """
    spans = []
    try:
        for found in pattern.finditer(folded, timeout=time_left(limit, query)):
            if found.end() > found.start():
                spans.append(original_span(found.start(), found.end(), origins))
            time_left(limit, query)
    except TimeoutError:
        raise too_slow(query) from None
    return spans


def original_span(start: int, end: int, origins) -> tuple[int, int]:
    """A match's span in the folded text as a span in the original characters.

    Example:
        >>> original_span(1, 4, normalise("㈠互")[1]), original_span(1, 4, None)
        ((0, 2), (1, 4))
    """
    if origins is None:
        return start, end
    return origins[start], origins[end - 1] + 1


class Context:
    """The context around hits in one text: ``window`` characters (zh) or words (en).

    Example:
        >>> Context("the mutual aid teams grew", 1, "en").around(4, 14)
        ('the ', ' teams')
        >>> Context("各地互助组已经", 2, "zh").around(2, 5)
        ('各地', '已经')
    """

    def __init__(self, text: str, window: int, lang: str):
        self.text, self.window, self.lang = text, max(int(window), 0), lang
        words = list(_WORD.finditer(text)) if lang == "en" else []
        self.word_starts = [word.start() for word in words]
        self.word_ends = [word.end() for word in words]

    def around(self, start: int, end: int) -> tuple[str, str]:
        """The left and right context of the hit text[start:end]."""
        text, window = self.text, self.window
        if self.lang == "zh":
            return text[max(start - window, 0) : start], text[end : end + window]
        if window == 0:
            return "", ""
        before = bisect.bisect_left(self.word_starts, start)  # words that begin before the hit
        after = bisect.bisect_right(self.word_ends, end)  # the first word that ends after it
        left_from = self.word_starts[before - window] if before > window else 0
        right_to = (
            self.word_ends[after + window - 1] if len(self.word_ends) - after > window else None
        )
        return text[left_from:start].lstrip(), text[end:right_to].rstrip()
