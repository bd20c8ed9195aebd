"""The hits that run from one segment into the next, for :func:`helpers.analysis.search.kwic`.

The article is cut into segments (sentences), and a phrase can span the cut:
发展。辽阳县 runs from the end of P1.3 into P2.1. Each pair of neighbouring
segments is searched as one text (in English with one space between them,
as the article prints them); a match that starts in the first segment and
ends in the second is a hit, listed under the first segment, unless it
overlaps a hit found inside either segment.

Example:
    >>> from helpers.analysis.search import kwic
    >>> kwic("发展。辽阳县", window=2)[["seg_id", "left", "match", "right"]].values.tolist()
    [['P1.3', '健康', '发展。辽阳县', '农民']]
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.search import KWIC_COLUMNS, Context, as_text, normalise, text_spans, texts_of
from helpers.analysis.word_search import word_mode


def kwic_table(rows, pattern, table, how, inside, search) -> pd.DataFrame:
    """:func:`helpers.analysis.search.kwic`'s table: its ``rows``, the hits across boundaries added.

    ``how`` is (lang, window, words mode), ``inside`` the spans found inside
    each segment, ``search`` (deadline, query, is_regex); the word mode is
    :func:`helpers.analysis.word_search.word_mode`.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> kwic("经验，要求", words="marked")[["seg_id", "words"]].values.tolist()
        [['P1.2', 'whole words (across a segment boundary)']]
    """
    lang, window, words = how
    limit, query, is_regex = search
    if len(table) > 1:
        limits, literal = (limit, query), not is_regex
        rows = rows + crossing_rows(pattern, table, lang, window, inside, limits, literal)
        rows.sort(key=lambda hit: hit["position"])
    hits = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    hits.attrs.update(query=str(query).strip(), lang=lang)
    return word_mode(hits, table, lang, words)


def separator(lang: str) -> str:
    """What stands between two segments when they are read as one text: a space in English.

    Example:
        >>> separator("en"), separator("zh")
        (' ', '')
    """
    return " " if lang == "en" else ""


def crossing_rows(pattern, table, lang: str, window: int, inside, limits, literal=False) -> list:
    """The KWIC rows (dicts) of the hits across each boundary between neighbouring segments.

    ``inside`` holds each segment's own hits as (start, end) spans (what
    :func:`helpers.analysis.search.text_spans` found), ``limits`` the
    search's (deadline, query); ``literal``: the pattern is a plain query's
    (then only the boundaries whose two characters are in the query are searched).

    Example:
        >>> from helpers.analysis.search import as_table, compile_query, deadline
        >>> table = as_table().iloc[2:4]
        >>> limits = (deadline(), "。辽阳")
        >>> rows = crossing_rows(compile_query("。辽阳"), table, "zh", 1, [[], []], limits)
        >>> [(row["seg_id"], row["match"], row["position"]) for row in rows]
        [('P1.3', '。辽阳', 30)]
    """
    texts, others = texts_of(table, lang)
    records = list(zip(table["seg_id"], table["para"], table["move"], strict=True))
    ends = junctions(texts, pattern, literal)
    return crossing_hits(pattern, texts, others, records, (lang, window), inside, limits, ends)


def crossing_hits(pattern, texts, others, records, how, inside, limits, ends) -> list[dict]:
    """:func:`crossing_rows` on lists: the texts, the other language's, (seg_id, para, move).

    ``how`` is (lang, window); ``ends`` what :func:`junctions` gives.
    """
    if ends is not None and not (ends[0] and ends[1]):
        return []
    lang, window = how
    sep, other_sep = separator(lang), separator("zh" if lang == "en" else "en")
    rows, offset = [], 0
    for number in range(len(texts) - 1):
        first, second = texts[number], texts[number + 1]
        joined, cut = first + sep + second, len(first) + len(sep)
        if (
            not first
            or not second
            or (ends is not None and (first[-1] not in ends[0] or second[0] not in ends[1]))
        ):
            offset += len(first)
            continue
        taken = list(inside[number]) + [(s + cut, e + cut) for s, e in inside[number + 1]]
        for start, end in text_spans(pattern, *normalise(joined), *limits):
            if start >= len(first) or end <= cut or overlaps((start, end), taken):
                continue
            seg_id, para, move = records[number]
            rows.append(
                {
                    "seg_id": seg_id,
                    "para": para,
                    "left": Context(first, window, lang).around(start, len(first))[0],
                    "match": joined[start:end],
                    "right": Context(second, window, lang).around(0, end - cut)[1],
                    "other": as_text(others[number]) + other_sep + as_text(others[number + 1]),
                    "position": offset + start,
                    "move": move,
                }
            )
        offset += len(first)
    return rows


def junctions(texts, pattern, literal: bool):
    """For a plain query: the (last, first) characters of texts that a hit across can hold.

    A plain query's match across a boundary holds the last character of the
    first text and the first of the second, folded (NFKC, simplified, case):
    a boundary whose characters are not in the query is not searched. None
    for a regular expression, which may match anything.

    Example:
        >>> from helpers.analysis.search import compile_query
        >>> junctions(["发展。", "辽阳县"], compile_query("展。辽"), True)
        ({'。'}, {'辽'})
        >>> junctions(["发展。", "辽阳县"], compile_query("互助组"), True)
        (set(), set())
    """
    if not literal:
        return None
    wanted = set(pattern.pattern.casefold())

    def fitting(chars):
        return {char for char in chars if set(normalise(char)[0].casefold()) <= wanted}

    texts = [text for text in texts if text]
    return fitting({text[-1] for text in texts}), fitting({text[0] for text in texts})


def overlaps(span: tuple[int, int], spans) -> bool:
    """Whether a (start, end) span shares a character with any of ``spans``.

    Example:
        >>> overlaps((2, 5), [(0, 3)]), overlaps((3, 5), [(0, 3)])
        (True, False)
    """
    start, end = span
    return any(other_start < end and start < other_end for other_start, other_end in spans)
