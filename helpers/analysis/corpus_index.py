"""A corpus table made ready to search: each language folded once, joined, with its offsets.

:func:`helpers.analysis.corpus_search.corpus_kwic` searches a corpus of many
articles. What it needs from the table does not change from one query to the
next: the rows of each article (in the order the articles first appear), every
text folded as :func:`helpers.analysis.search.normalise` folds it, the folded
texts of a language joined into one text (NUL between two segments, which no
plain query can match), where each segment starts in it, and the characters
before each segment in its article. :func:`corpus_index` makes that once per
table and keeps it; every later search of the same table uses it.

It is never stale: each call reads the table's columns again and compares them
with the ones the index was made from (a change to any cell, a row added or
removed, a column's type changed), and makes a new index if they differ.

Example:
    >>> from helpers.analysis.corpus_search import corpus_table
    >>> table, _ = corpus_table()
    >>> index = corpus_index(table)
    >>> corpus_index(table) is index, len(index.articles), index.language("zh").joined[:4]
    (True, 1, '【新华社')
"""

from __future__ import annotations

import re
import time
import weakref
from functools import lru_cache

import numpy
import pandas as pd
import regex

from helpers.analysis.search import TRADITIONAL, as_text, normalise

#: The columns a search reads (each only if the table has it); a change to any makes a new index.
SEARCHED_COLUMNS = ["article_id", "date", "title_en", "title_zh", "seg_id", "para", "zh", "en",
                    "move"]  # fmt: skip

#: Each row's values that a hit takes: its article's (from the article's first row), then its own.
ROW_COLUMNS = ["article_id", "date", "title_en", "title_zh", "seg_id", "para", "move"]

#: About how many characters of a joined text one step of a plain query's scan reads.
CHUNK = 100_000

#: White space: where a plain query's words may be apart by any run of it (as in compile_query).
WHITE = regex.compile(r"\s")

#: How many tables' indexes are kept at once (the least recently searched goes first).
KEPT = 4

#: id(table) -> (a weak reference to the table, its index); see :func:`corpus_index`.
_INDEXES: dict[int, tuple[weakref.ref, CorpusIndex]] = {}


def corpus_index(table: pd.DataFrame) -> CorpusIndex:
    """The :class:`CorpusIndex` of a corpus table, kept from the last call if the table is the same.

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> table = corpus_table()[0].copy()
        >>> first = corpus_index(table)
        >>> table.loc[0, "zh"] = "互助组"
        >>> corpus_index(table) is first, corpus_index(table).language("zh").joined[:4]
        (False, '互助组\\x00')
    """
    contents = table_contents(table)
    kept = _INDEXES.pop(id(table), None)
    if kept is not None and kept[0]() is table and kept[1].contents == contents:
        index = kept[1]
    else:
        index = CorpusIndex(table, contents)
    for key in [key for key, (ref, _) in _INDEXES.items() if ref() is None]:
        del _INDEXES[key]
    while len(_INDEXES) >= KEPT:
        del _INDEXES[next(iter(_INDEXES))]
    _INDEXES[id(table)] = (weakref.ref(table), index)
    return index


def table_contents(table: pd.DataFrame) -> tuple:
    """What a search reads from a table, to compare: each searched column's name, type and values.

    Numbers are compared as their bytes (so 1 and 1.0, or 0.0 and -0.0, differ);
    other values by equality and by their Python types (1 and True differ).

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> table = corpus_table()[0]
        >>> table_contents(table) == table_contents(table.copy())
        True
    """
    contents = [len(table)]
    for column in SEARCHED_COLUMNS:
        if column not in table.columns:
            continue
        values = table[column]
        if isinstance(values, pd.DataFrame):  # a name used twice: never kept
            return (object(),)
        if values.dtype.kind in "biuf":
            contents.append((column, str(values.dtype), values.to_numpy().tobytes()))
            continue
        listed = values.tolist()
        kinds = None if isinstance(values.dtype, pd.StringDtype) else list(map(type, listed))
        contents.append((column, str(values.dtype), listed, kinds))
    return tuple(contents)


class CorpusIndex:
    """A corpus table, ready to search (see the module): its articles, columns and languages.

    ``articles``: (article_id, its row numbers) in the order the articles first
    appear (rows without an id are in none); ``order``: those row numbers,
    article after article; ``columns``: for each of :data:`ROW_COLUMNS`, each
    row's value (for the article's columns, those of the article's first row)
    as a numpy array of objects, to take the hits' values from at once;
    ``pairs``: each boundary between two segments, as (row, next row, article).

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> index = CorpusIndex(corpus_table()[0])
        >>> index.columns["article_id"][0], index.take("seg_id", [0, 1]), index.order[:3]
        ('000_de9b3e9f03d8f077', ['P1.1', 'P1.2'], [0, 1, 2])
    """

    def __init__(self, table: pd.DataFrame, contents: tuple | None = None):
        self.contents = contents
        self.articles = rows_by_article(table) if "article_id" in table.columns else []
        self.order = [number for _, numbers in self.articles for number in numbers]
        sizes = numpy.array([len(numbers) for _, numbers in self.articles], dtype=numpy.int64)
        rank = numpy.full(len(table), len(self.articles), dtype=numpy.int64)  # no article: last
        rank[numpy.array(self.order, dtype=numpy.int64)] = numpy.repeat(
            numpy.arange(len(self.articles)), sizes
        )
        self.rank = rank  # each row's article, counted in order
        firsts = [numbers[0] for _, numbers in self.articles]
        self.columns = {"article_id": objects([*(aid for aid, _ in self.articles), ""])[rank]}
        for column in ROW_COLUMNS[1:4]:  # the article's values, from its first row
            values = table[column].tolist() if column in table.columns else None
            firsts_values = [""] * len(firsts) if values is None else [values[n] for n in firsts]
            self.columns[column] = objects([*firsts_values, ""])[rank]
        for column in ROW_COLUMNS[4:]:
            self.columns[column] = objects(table[column].tolist())
        boundaries = [
            (row, after, rank)
            for rank, (_, rows) in enumerate(self.articles)
            for row, after in zip(rows, rows[1:], strict=False)
        ]  # each boundary: (row, next row, article)
        self.pairs = numpy.array(boundaries, dtype=numpy.int64).reshape(-1, 3)
        self._texts = {lang: table[lang].tolist() for lang in ("zh", "en") if lang in table}
        self._languages: dict[str, LanguageIndex] = {}

    def take(self, column: str, rows) -> list:
        """The values of ``column`` (one of :data:`ROW_COLUMNS`) at ``rows``, as a list."""
        return self.columns[column][rows].tolist()

    def language(self, lang: str) -> LanguageIndex:
        """The :class:`LanguageIndex` of ``lang`` ("zh" or "en"), made at its first search."""
        if lang not in self._languages:
            other = self._texts["en" if lang == "zh" else "zh"]
            made = LanguageIndex(self._texts[lang], other, lang, self.articles, self.order)
            made.pairs = self.pairs
            self._languages[lang] = made
        return self._languages[lang]


class LanguageIndex:
    """One language of a corpus table, ready to search.

    ``texts``/``others``: each row's text in this language and in the other
    (missing ones as ""); ``folded[row]``: (folded text, origins or None), as
    :func:`fold_all` gives; ``joined``: the folded texts of ``order``'s rows
    joined by NUL; ``begins[k]``: where the k-th of them starts in ``joined``,
    ``rows[k]`` its row; ``before[row]``: the characters of the row's article
    before it (the ``position`` of its first character); ``lasts``/``firsts``:
    the last and first characters of the texts (for
    :func:`helpers.analysis.boundary_search.junctions`).

    Example:
        >>> from helpers.analysis.corpus_search import corpus_table
        >>> index = corpus_index(corpus_table()[0]).language("en")
        >>> index.texts[1][:14], int(index.before[1]) == len(index.texts[0])
        ('The Rural Work', True)
    """

    def __init__(self, texts: list, others: list, lang: str, articles: list, order: list[int]):
        self.lang = lang
        self.texts = [v if type(v) is str else as_text(v) for v in texts]
        self.others = objects([v if type(v) is str else as_text(v) for v in others])
        self.folded = fold_all(self.texts)
        self.joined = "\x00".join(self.folded[number][0] for number in order)
        lengths = numpy.fromiter((len(self.folded[n][0]) + 1 for n in order), numpy.int64)
        self.begins = numpy.cumsum(lengths) - lengths
        self.rows = numpy.array(order, dtype=numpy.int64)
        total = len(self.joined)  # pieces of about CHUNK characters, cut at NULs
        cuts = numpy.searchsorted(self.begins, numpy.arange(CHUNK, total, CHUNK))
        cuts = numpy.unique(cuts[(cuts > 0) & (cuts < len(order))])
        edges = [0, *self.begins[cuts].tolist(), total + 1]
        self.chunks = list(zip(edges[:-1], [edge - 1 for edge in edges[1:]], strict=True))
        self.refolded = any(self.folded[number][1] is not None for number in order)
        lengths = numpy.fromiter(map(len, self.texts), numpy.int64, count=len(self.texts))
        in_order = lengths[self.rows]
        sizes = numpy.array([len(numbers) for _, numbers in articles], dtype=numpy.int64)
        ahead = numpy.cumsum(in_order) - in_order  # characters before each row, all articles
        starts = numpy.cumsum(sizes) - sizes  # where each article begins in the order
        self.before = numpy.zeros(len(self.texts), dtype=numpy.int64)
        self.before[self.rows] = ahead - numpy.repeat(ahead[starts], sizes)
        present = [text for text in self.texts if text]
        self.lasts = [text[-1] for text in set(text[-1] for text in present)]
        self.firsts = [text[0] for text in set(text[0] for text in present)]
        self.contexts: dict[int, dict] = {}  # window -> row -> Context (English)
        self.pairs = numpy.zeros((0, 3), dtype=numpy.int64)  # the CorpusIndex's, once made

    def plain_hits(self, pattern, timeout: float) -> tuple[list, list, list]:
        """A plain query's non-empty matches, scanning ``joined``: (rows, starts, ends), in order.

        Starts and ends are in each row's own characters. A plain query's pattern
        cannot backtrack without end, and a match never crosses a NUL (so never
        runs from one segment into the next): the text is scanned in
        :data:`CHUNK`-character pieces cut at NULs, without the ``regex`` module's
        timeout (which slows a long scan several times), and TimeoutError comes
        between two pieces once ``timeout`` seconds are past. Each piece is one
        ``split`` by the pattern (in a group, so the matches are kept); the
        lengths of what it gives place every match, numpy finds its segment.
        """
        limit, split = time.monotonic() + timeout, grouped(pattern).split
        starts, ends = [], []
        for begin, end in self.chunks:
            if time.monotonic() > limit:
                raise TimeoutError
            pieces = split(self.joined[begin:end])
            if len(pieces) > 1:
                lengths = numpy.fromiter(map(len, pieces), numpy.int64, count=len(pieces))
                at = numpy.cumsum(lengths) + begin
                starts.append(at[:-1:2])
                ends.append(at[1::2])
        if not starts:
            return [], [], []
        starts, ends = numpy.concatenate(starts), numpy.concatenate(ends)
        keep = ends > starts  # a non-empty match only, as kwic
        which = numpy.searchsorted(self.begins, starts[keep], side="right") - 1
        begins = self.begins[which]
        rows = self.rows[which].tolist()
        starts, ends = (starts[keep] - begins).tolist(), (ends[keep] - begins).tolist()
        if self.refolded:  # segments whose folded text is not character for character
            for k, row in enumerate(rows):
                origins = self.folded[row][1]
                if origins is not None:
                    starts[k], ends[k] = origins[starts[k]], origins[ends[k] - 1] + 1
        return rows, starts, ends

    def crossing_pairs(self, pattern, query: str) -> list[list[int]] | None:
        """Where a plain query may run from one segment into the next: (row, next row, article).

        A query without white space matches as many folded characters as it has
        (L): a hit across a boundary lies in the last L - 1 folded characters of
        the first text, what stands between, and the first L - 1 of the next. Only
        the boundaries where that short text holds a match can hold a hit (one
        scan of them all, joined by NUL). None for a query with white space (a
        match of any length): every boundary may.
        """
        text = normalise(query.strip())[0].strip()
        if WHITE.search(text):
            return None
        width, sep = len(text) - 1, " " if self.lang == "en" else ""
        if width < 1 or not len(self.pairs):
            return []
        folded = self.folded
        windows = [
            folded[a][0][-width:] + sep + folded[b][0][:width]
            for a, b in zip(self.pairs[:, 0].tolist(), self.pairs[:, 1].tolist(), strict=True)
        ]
        lengths = numpy.fromiter(map(len, windows), numpy.int64, count=len(windows)) + 1
        pieces = grouped(pattern).split("\x00".join(windows))
        at = numpy.cumsum(numpy.fromiter(map(len, pieces), numpy.int64, count=len(pieces)))
        which = numpy.searchsorted(numpy.cumsum(lengths) - lengths, at[:-1:2], side="right") - 1
        return self.pairs[numpy.unique(which)].tolist()


def objects(values: list) -> numpy.ndarray:
    """The values as a one-dimensional numpy array of objects (tuples and lists kept whole).

    Example:
        >>> objects(["a", (1, 2)]).shape
        (2,)
    """
    return numpy.fromiter(values, dtype=object, count=len(values))


def grouped(pattern):
    """The pattern in one group (the same matches), for ``split`` to keep what it matched.

    Example:
        >>> import regex
        >>> grouped(regex.compile("b")).split("abc")
        ['a', 'b', 'c']
    """
    return _grouped(pattern.pattern, pattern.flags)


@lru_cache(maxsize=64)
def _grouped(source: str, flags: int):
    return regex.compile(f"({source})", flags)


def rows_by_article(table: pd.DataFrame) -> list[tuple]:
    """(article_id, its row numbers) in the order the articles first appear; no missing ids.

    The same groups as ``table.groupby("article_id", sort=False)``.

    Example:
        >>> rows_by_article(pd.DataFrame({"article_id": ["b", "a", "b", None]}))
        [('b', [0, 2]), ('a', [1])]
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


#: Characters that may fold (see :func:`helpers.analysis.search.normalise`): all but ASCII and the
#: CJK Unified Ideographs (neither has an NFKC decomposition), and the traditional forms.
_MAY_FOLD = re.compile(f"[^\x00-\x7f\u4e00-\u9fff]|[{TRADITIONAL}]")

#: Each character looked at: what it folds into.
_FOLDS: dict[str, str] = {}


def fold_all(texts: list[str]) -> list[tuple[str, list[int] | None]]:
    """``normalise`` of every text: (folded text, origins), origins None when the identity.

    :func:`~helpers.analysis.search.normalise` folds character by character, so the
    texts are folded together: each distinct character that may fold is
    folded once, then replaced everywhere. A text with a character that
    folds into several (like ㈠) goes through ``normalise`` itself, for its
    origins; so does every text if one holds a NUL (the separator here).

    Example:
        >>> fold_all(["互助組", "㈠"])
        [('互助组', None), ('(一)', [0, 0, 0])]
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [with_origins(text, *normalise(text)) for text in texts]
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
        with_origins(text, *normalise(text)) if longer and not longer.isdisjoint(text) else
        (folded, None)
        for text, folded in zip(texts, joined.split("\x00"), strict=True)
    ]  # fmt: skip


def with_origins(text: str, folded: str, origins: list[int]) -> tuple[str, list[int] | None]:
    """(folded, origins), origins None when they are the identity.

    Example:
        >>> with_origins("ab", "ab", [0, 1]), with_origins("㈠", "(一)", [0, 0, 0])
        (('ab', None), ('(一)', [0, 0, 0]))
    """
    return folded, (None if origins == list(range(len(text))) else origins)
