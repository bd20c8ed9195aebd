"""Keyword in context: find a word in either language and see it in its sentence.

:func:`kwic` lists every hit with the words to its left and right and the
aligned sentence in the other language; :func:`dispersion_plot` shows where
the hits fall along the article; :func:`concordance` is the widget that does
both.

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
* Case is ignored (it matters only for English).
* A plain search takes the text as typed; spaces inside it match any run of
  white space, and spaces at either end are dropped. With ``regex=True`` the
  query is a pattern of the ``regex`` module, also NFKC-normalised: a
  full-width "（" in a pattern is therefore a bracket, so write "\\（" (or
  untick regex) to find the character itself.
* Hits never cross segment boundaries; empty (zero-width) matches are skipped,
  so a pattern like ``^`` or ``a*`` finds only real text, and no search can
  return more hits than the article has characters.
* A regex search stops after :data:`TIME_LIMIT` seconds in all, so a pattern
  that backtracks without end, like ``(a|aa)+$``, gives a clear
  :class:`SearchError` instead of hanging the notebook.
* A query longer than :data:`MAX_QUERY_CHARS` characters (a pasted document)
  is refused with a :class:`SearchError`; an empty or blank one too.

The widget's static form (for pages without a kernel) shows its latest
search, which is the initial query until someone searches again; with no
query, a note on the tool and an example search for 互助组.
"""

from __future__ import annotations

import bisect
import time
import unicodedata
from functools import cache, lru_cache
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd
import regex

from helpers.model.source import as_table
from helpers.model.tables import moves
from helpers.render.html import escape, message_html, move_colour, move_label, table_html
from helpers.render.plots import new_figure, say
from helpers.views.tool import StaticFormBox, error_box, html_pane, set_html

#: The columns of :func:`kwic`, in order.
KWIC_COLUMNS = ["seg_id", "para", "left", "match", "right", "other", "position", "move"]

#: The languages, as the widget names them.
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}

#: How long, in seconds, one search may run before it is stopped.
TIME_LIMIT = 0.5

#: The most rows the widget shows in its table (the count and the plot cover all hits).
ROWS_SHOWN = 200

#: The word searched for in the static form's example when no query was given.
EXAMPLE_QUERY = "互助组"

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
_HANZI = regex.compile(r"\p{Han}")

_WORD = regex.compile(r"\S+")
_SPACES = regex.compile(r"\s+")


class SearchError(ValueError):
    """A query that cannot be searched for; the message says what to do."""


# --------------------------------------------------------------------------- searching


def kwic(
    query: str,
    lang: str = "zh",
    regex: bool = False,
    window: int = 10,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every hit of ``query`` in one language, with its context: keyword in context.

    ``window`` is the context size on each side: in characters for Chinese
    (``lang="zh"``), in words for English (``lang="en"``; English context
    breaks only at spaces). Columns: ``seg_id``, ``para``, ``left``,
    ``match``, ``right`` (the hit in the article's own characters), ``other``
    (the aligned sentence in the other language), ``position`` (characters
    before the hit, counting the segments' texts end to end, for
    :func:`dispersion_plot`) and ``move``.

    Matching ignores case and full-width/half-width differences (see the
    module's notes). Bad input raises :class:`SearchError`.

    Example:
        >>> hits = kwic("互助组", window=3)
        >>> hits.iloc[0][["seg_id", "left", "match", "right"]].tolist()
        ['P2.2', '进行，', '互助组', '也有很']
        >>> kwic("Mutual Aid", lang="en", window=2).iloc[0]["left"]
        'arising in '
    """
    pattern = compile_query(query, is_regex=regex)
    table = as_table(table)
    texts, others = _texts(table, lang)
    deadline = time.monotonic() + TIME_LIMIT
    spans = [_spans(pattern, text, deadline, query) for text in texts]
    rows, offset = [], 0
    for row, text, other, found in zip(
        table.itertuples(index=False), texts, others, spans, strict=True
    ):
        context = _Context(text, window, lang)
        for start, end in found:
            left, right = context.around(start, end)
            rows.append(
                {
                    "seg_id": row.seg_id,
                    "para": row.para,
                    "left": left,
                    "match": text[start:end],
                    "right": right,
                    "other": other,
                    "position": offset + start,
                    "move": row.move,
                }
            )
        offset += len(text)
    hits = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    hits.attrs.update(query=str(query).strip(), lang=lang)
    return hits


def compile_query(query: str, is_regex: bool = False):
    """The compiled pattern for a query (NFKC-normalised, ignoring case), or SearchError.

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
    text = normalise(query.strip())[0]
    if is_regex:
        source = text
    else:
        source = r"\s+".join(regex.escape(word) for word in _SPACES.split(text))
    try:
        return regex.compile(source, regex.IGNORECASE)
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
    """One character in NFKC and simplified form."""
    return unicodedata.normalize("NFKC", char).translate(_TO_SIMPLIFIED)


def simplified(text: str) -> str:
    """Text with the traditional characters of :data:`TRADITIONAL` in their simplified forms.

    Example:
        >>> simplified("遼陽縣的互助組")
        '辽阳县的互助组'
    """
    return str(text).translate(_TO_SIMPLIFIED)


def _texts(table: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """The texts searched and the aligned texts of the other language, as strings."""
    if lang not in LANGUAGE_NAMES:
        raise SearchError(f"Choose the language 'zh' or 'en', not {lang!r}.")
    other = "en" if lang == "zh" else "zh"
    as_text = [_as_text(value) for value in table[lang]]
    return as_text, [_as_text(value) for value in table[other]]


def _as_text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _spans(pattern, text: str, deadline: float, query: str) -> list[tuple[int, int]]:
    """The non-empty matches in a text as (start, end) in the original characters."""
    folded, origins = normalise(text)
    origins.append(len(text))
    spans = []
    try:
        for found in pattern.finditer(folded, timeout=_time_left(deadline, query)):
            if found.end() > found.start():
                spans.append((origins[found.start()], origins[found.end() - 1] + 1))
            _time_left(deadline, query)
    except TimeoutError:
        raise _too_slow(query) from None
    return spans


def _time_left(deadline: float, query: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_slow(query)
    return left


def _too_slow(query: str) -> SearchError:
    return SearchError(
        f"The pattern {str(query).strip()!r} took too long to search (over {TIME_LIMIT} s); "
        "it probably repeats a repetition, like (a+)+. Simplify it or untick 'regex'."
    )


class _Context:
    """The context around hits in one text: ``window`` characters (zh) or words (en)."""

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


def compare_terms(
    queries, lang: str = "zh", table: pd.DataFrame | None = None, window: int = 10
) -> pd.DataFrame:
    """The hits of several queries in one table, with a ``query`` column saying which.

    Example:
        >>> hits = compare_terms(["互助组", "合作社"])
        >>> hits.groupby("query", sort=False).size().to_dict()
        {'互助组': 13, '合作社': 13}
    """
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


# --------------------------------------------------------------------------- where hits fall


def hits_by_paragraph(hits: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many hits fall in each paragraph (columns P1, P2, ...), one row per query.

    The table alternative to :func:`dispersion_plot`.

    Example:
        >>> counts = hits_by_paragraph(kwic("互助组"))
        >>> list(counts.columns), counts.loc["互助组"].tolist()
        (['P1', 'P2', 'P3', 'total'], [0, 3, 10, 13])
    """
    table = as_table(table)
    paragraphs = sorted(int(para) for para in table["para"].unique())
    counts = pd.DataFrame(
        0, index=pd.Index(_queries(hits), name="query"), columns=[f"P{p}" for p in paragraphs]
    )
    for query, group in _groups(hits):
        for para, number in group["para"].astype(int).value_counts().items():
            counts.loc[query, f"P{para}"] = int(number)
    counts["total"] = counts.sum(axis=1)
    return counts


def dispersion_plot(hits: pd.DataFrame, lang: str | None = None, table=None):
    """Where the hits fall along the article: one row per query, paragraphs marked.

    Each hit is a tick at its position (characters into the article of that
    language), coloured by the move of its segment, with a legend; the
    paragraph boundaries are labelled P1, P2, ...; the title and the printed
    reading give the counts in words. Takes :func:`kwic` or
    :func:`compare_terms` results.

    Example:
        >>> figure = dispersion_plot(kwic("互助组"))
        Reading: 13 hits for 互助组: 0 in P1, 3 in P2, 10 in P3.
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    figure, reading = _draw_dispersion(hits, lang, table)
    say(reading)
    return figure


def _draw_dispersion(hits: pd.DataFrame, lang: str | None, table):
    """The dispersion figure and its one-line reading (not printed)."""
    table = as_table(table)
    lang = lang or hits.attrs.get("lang", "zh")
    texts, _ = _texts(table, lang)
    queries = _queries(hits)
    counts = hits_by_paragraph(hits, table)
    figure, axes = new_figure(9, 1.6 + 0.6 * len(queries))
    total_length = max(sum(len(text) for text in texts), 1)
    _mark_paragraphs(axes, table, texts, total_length)
    drawn = set()
    for row, (_, group) in enumerate(_groups(hits)):
        y = len(queries) - 1 - row
        for move, part in group.groupby("move", sort=False):
            label = None if move in drawn else move_label(move)
            drawn.add(move)
            axes.vlines(
                part["position"], y - 0.35, y + 0.35, colors=move_colour(move), label=label, lw=2
            )
    axes.set_yticks(
        range(len(queries)),
        [f"{query} ({counts.loc[query, 'total']})" for query in reversed(queries)],
    )
    axes.set_ylim(-0.6, len(queries) - 0.4)
    axes.set_xlim(0, total_length)
    unit = "characters" if lang == "zh" else "characters (letters and spaces)"
    axes.set_xlabel(f"{unit} into the {LANGUAGE_NAMES[lang]} article")
    axes.set_title(
        "; ".join(f"{query}: {counts.loc[query, 'total']} hits" for query in queries)
        + f" ({LANGUAGE_NAMES[lang]})",
        pad=22,
    )
    if drawn:
        _move_legend(axes)
    reading = " ".join(_reading_for(query, counts) for query in queries)
    return figure, reading


def _move_legend(axes) -> None:
    """A legend of the moves drawn, in the article's order of moves."""
    order = {move_label(move): number for number, move in enumerate(moves()["move"])}
    handles, labels = axes.get_legend_handles_labels()
    pairs = sorted(zip(labels, handles, strict=True), key=lambda pair: order.get(pair[0], 99))
    axes.legend(
        [handle for _, handle in pairs], [label for label, _ in pairs],
        loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9, title="move",
    )  # fmt: skip


def _mark_paragraphs(axes, table, texts, total_length) -> None:
    """Dashed lines where paragraphs start, and P1, P2, ... above each paragraph."""
    starts, offset = {}, 0
    for para, text in zip(table["para"].astype(int), texts, strict=True):
        starts.setdefault(para, offset)
        offset += len(text)
    bounds = sorted(starts.items(), key=lambda item: item[1]) + [(None, total_length)]
    for (para, start), (_, end) in zip(bounds, bounds[1:], strict=False):
        if start > 0:
            axes.axvline(start, color="#555555", linestyle="--", linewidth=1)
        axes.text(
            (start + end) / 2, 1.01, f"P{para}", transform=axes.get_xaxis_transform(),
            ha="center", va="bottom", fontsize=10,
        )  # fmt: skip


def _reading_for(query: str, counts: pd.DataFrame) -> str:
    row = counts.loc[query]
    spread = ", ".join(f"{int(row[column])} in {column}" for column in counts.columns[:-1])
    noun = "hit" if row["total"] == 1 else "hits"
    return f"{int(row['total'])} {noun} for {query}: {spread}."


def dispersion_svg(hits: pd.DataFrame, lang: str | None = None, table=None) -> str:
    """Where the hits fall, as a small SVG strip for the search widget (no matplotlib: instant).

    One tick per hit at its position, coloured by the move of its segment
    (hover a tick for its segment id), paragraph starts dashed and labelled
    P1, P2, ...; the reading in words is the strip's text alternative.

    Example:
        >>> svg = dispersion_svg(kwic("互助组"))
        >>> svg.count('<line class="hit"'), "13 hits for 互助组" in svg
        (13, True)
    """
    table = as_table(table)
    lang = lang or hits.attrs.get("lang", "zh")
    texts, _ = _texts(table, lang)
    counts = hits_by_paragraph(hits, table)
    reading = " ".join(_reading_for(query, counts) for query in _queries(hits))
    width, left, height = 720, 10, 60
    total = max(sum(len(text) for text in texts), 1)

    def x(position) -> float:
        return round(left + (width - 2 * left) * float(position) / total, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" role="img" aria-label="{escape(reading)}">',
        f"<title>{escape(reading)}</title>",
        f'<rect x="{left}" y="16" width="{width - 2 * left}" height="26" fill="#f4f4f4" '
        'stroke="#999"/>',
    ]
    starts, offset = {}, 0
    for para, text in zip(table["para"].astype(int), texts, strict=True):
        starts.setdefault(para, offset)
        offset += len(text)
    bounds = sorted(starts.items(), key=lambda item: item[1]) + [(None, total)]
    for (para, start), (_, end) in zip(bounds, bounds[1:], strict=False):
        if start > 0:
            parts.append(
                f'<line x1="{x(start)}" x2="{x(start)}" y1="12" y2="46" stroke="#555" '
                'stroke-dasharray="3,2"/>'
            )
        parts.append(
            f'<text x="{x((start + end) / 2)}" y="11" font-size="11" text-anchor="middle" '
            f'fill="#222">P{para}</text>'
        )
    for row in hits.itertuples(index=False):
        parts.append(
            f'<line class="hit" x1="{x(row.position)}" x2="{x(row.position)}" y1="18" y2="40" '
            f'stroke="{move_colour(row.move)}" stroke-width="2">'
            f"<title>{escape(row.seg_id)}: {escape(move_label(row.move))}</title></line>"
        )
    parts.append(
        f'<text x="{left}" y="{height - 1}" font-size="10" fill="#333">'
        f"{escape(reading)} Colours: the move of each hit's segment (hover a tick).</text></svg>"
    )
    return "".join(parts)


def _queries(hits: pd.DataFrame) -> list[str]:
    """The queries of a hits table: its ``query`` column, or the one query it was made for."""
    if "query" in hits.columns:
        listed = hits.attrs.get("queries") or []
        return list(dict.fromkeys([*listed, *hits["query"].astype(str)]))
    return [hits.attrs.get("query") or "hits"]


def _groups(hits: pd.DataFrame):
    """(query, hits of that query) for each query, in order, empty ones included."""
    for query in _queries(hits):
        if "query" in hits.columns:
            yield query, hits[hits["query"].astype(str) == query]
        else:
            yield query, hits


# --------------------------------------------------------------------------- the widget


def count_line(hits: pd.DataFrame, query: str, lang: str) -> str:
    """The count of hits in words.

    Example:
        >>> count_line(kwic("互助组"), "互助组", "zh")
        "13 hits for '互助组' in the Chinese."
    """
    number = len(hits)
    noun = "hit" if number == 1 else "hits"
    return f"{number} {noun} for {query.strip()!r} in the {LANGUAGE_NAMES[lang]}."


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
    if absent:
        advice += (
            " The article is printed in simplified characters, and it has none of "
            f"{absent}: if you typed traditional characters, type the simplified ones "
            f"(互助组, not 互助組)."
        )
    return advice + (
        f" Try a shorter word or part of one, check the spelling, or search the {other}."
    )


def _absent_hanzi(query: str, table: pd.DataFrame | None) -> str:
    """The Chinese characters of a query that the Chinese text does not have, in order."""
    table = as_table(table)
    present = set(normalise("".join(_texts(table, "zh")[0]))[0])
    wanted = normalise(str(query))[0]
    return "".join(dict.fromkeys(c for c in wanted if _HANZI.match(c) and c not in present))


def hits_table_html(hits: pd.DataFrame, lang: str, limit: int = ROWS_SHOWN) -> str:
    """The hits as an HTML table: segment, context with the match highlighted, other language.

    Example:
        >>> '<span class="ly-hit">互助组</span>' in hits_table_html(kwic("互助组"), "zh")
        True
    """
    other_name = f"aligned {LANGUAGE_NAMES['en' if lang == 'zh' else 'zh']}"
    shown = hits.head(limit)
    view = pd.DataFrame(
        {
            "seg_id": shown["seg_id"].tolist(),
            "context": [
                _context_html(row.left, row.match, row.right, lang)
                for row in shown.itertuples(index=False)
            ],
            other_name: shown["other"].tolist(),
        }
    )
    note = ""
    if len(hits) > limit:
        note = message_html(f"Showing the first {limit} of {len(hits)} hits.")
    return table_html(view, raw_columns=("context",)) + note


def _context_html(left: str, match: str, right: str, lang: str) -> str:
    """One context cell, built from escaped text, the match highlighted."""
    language = "zh-Hans" if lang == "zh" else "en"
    return (
        f'<span lang="{language}">{escape(left)}<span class="ly-hit">{escape(match)}</span>'
        f"{escape(right)}</span>"
    )


def search_html(query: str, lang: str = "zh", is_regex: bool = False, window: int = 10, table=None):
    """The widget's result as HTML: a count line and the table, or a one-line message.

    Returns ``(html, hits)``; ``hits`` is None when the query could not be searched.

    Example:
        >>> html, hits = search_html("(", is_regex=True)
        >>> "ly-error" in html, hits is None
        (True, True)
    """
    try:
        hits = kwic(query, lang=lang, regex=is_regex, window=window, table=table)
    except SearchError as problem:
        return message_html(str(problem), "error"), None
    if hits.empty:
        return message_html(no_hits_advice(query, lang, table)), hits
    counts = hits_by_paragraph(hits, table)
    spread = ", ".join(f"{int(counts.iloc[0][c])} in {c}" for c in counts.columns[:-1])
    folded = simplified(query.strip())
    both = ""
    if folded != query.strip():
        both = (
            f" Traditional characters match their simplified forms: {query.strip()!r} "
            f"was searched as {folded!r}."
        )
    line = message_html(f"{count_line(hits, query, lang)} By paragraph: {spread}.{both}", "good")
    return line + hits_table_html(hits, lang), hits


def _introduction_html(table) -> str:
    """The static form with no query: what the tool does, and an example."""
    example, _ = search_html(EXAMPLE_QUERY, "zh", table=table)
    return (
        "<p><b>Concordance (keyword in context).</b> Type a word in Chinese or English and "
        "press Search: every place it occurs is listed with the words around it and the "
        "aligned sentence in the other language, and a plot shows where the hits fall in "
        f"the article. Example: the hits for {escape(EXAMPLE_QUERY)} "
        "(mutual-aid teams).</p>" + example
    )


def search_controls(query: str = "", lang: str = "zh") -> SimpleNamespace:
    """The controls of a search box: query, language, regex switch, context size, Search button.

    Example:
        >>> search_controls("互助组").query.value
        '互助组'
    """
    return SimpleNamespace(
        query=widgets.Text(
            value=query, description="Search", placeholder="互助组 or mutual aid",
            continuous_update=False,
        ),
        lang=widgets.ToggleButtons(
            options=[("Chinese", "zh"), ("English", "en")],
            value=lang if lang in LANGUAGE_NAMES else "zh", description="Language",
        ),
        regex=widgets.Checkbox(value=False, description="regular expression", indent=False),
        window=widgets.IntSlider(
            value=10, min=0, max=40, description="context size", continuous_update=False,
        ),
        search=widgets.Button(description="Search", button_style="primary", icon="search"),
    )  # fmt: skip


def concordance(query: str = "", lang: str = "zh", table: pd.DataFrame | None = None):
    """A search box for the article: hits in context, both languages, and where they fall.

    Controls (also on ``box.controls``): ``query`` (Text), ``lang``
    (ToggleButtons), ``regex`` (Checkbox), ``window`` (IntSlider, characters
    for Chinese, words for English) and ``search`` (Button). Bad input shows
    a one-line message, never a traceback.

    Example:
        >>> box = concordance("互助组")
        >>> "13 hits for" in box.results.value
        True
        >>> box.controls.query.value = "mutual aid"
        >>> box.controls.lang.value = "en"
        >>> box.controls.search.click()
        >>> "17 hits for &#x27;mutual aid&#x27; in the English" in box.results.value
        True
    """
    try:
        table = as_table(table)
    except ValueError as error:  # a notebook shows a message, never a traceback
        return error_box(str(error))
    controls = search_controls(query, lang)
    results = html_pane()
    picture = html_pane()
    reading = widgets.HTML()
    state = SimpleNamespace(html="", hits=None, svg="")

    def run(*_ignored) -> None:
        state.svg = ""
        state.html, state.hits = search_html(
            controls.query.value, controls.lang.value, controls.regex.value,
            controls.window.value, table,
        )  # fmt: skip
        set_html(results, state.html)
        if state.hits is None or state.hits.empty:
            picture.value, picture.layout.display = "", "none"
            reading.value = ""
            return
        state.svg = dispersion_svg(state.hits, controls.lang.value, table)
        set_html(picture, state.svg)
        picture.layout.display = None
        words = " ".join(
            _reading_for(q, hits_by_paragraph(state.hits, table)) for q in _queries(state.hits)
        )
        reading.value = f"<p><b>Reading of the plot:</b> {escape(words)}</p>"

    def run_if_typed(change) -> None:
        if controls.query.value.strip():
            run()

    controls.search.on_click(run)
    controls.query.observe(run, names="value")
    for control in (controls.lang, controls.regex, controls.window):
        control.observe(run_if_typed, names="value")

    if query.strip():
        run()
    else:
        set_html(results, message_html("Type a word (Chinese or English) and press Search."))
        picture.layout.display = "none"

    def static_html() -> str:
        return (state.html + state.svg) if state.html else _introduction_html(table)

    box = StaticFormBox(
        [
            widgets.HBox([controls.query, controls.search]),
            controls.lang,
            widgets.HBox([controls.regex, controls.window]),
            results,
            picture,
            reading,
        ],
        static_html=static_html,
    )
    box.controls, box.results, box.picture, box.reading = controls, results, picture, reading
    return box
