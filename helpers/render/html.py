"""HTML building blocks shared by the widgets, their static forms and the handout.

Every piece of text that reaches HTML goes through :func:`escape`: article
text, glossary notes, students' notes, search queries. Nothing typed or loaded
can inject markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from helpers.model.tables import glossary, moves
from helpers.model.tagset import move_colour, move_label
from helpers.render.escaping import escape
from helpers.render.table import TABLE_STYLE
from helpers.render.table import table_html as styled_table_html
from helpers.render.templates import render, style_tag

#: Styles for everything rendered (``css/style.css``); included once per widget or page.
STYLE = style_tag("style.css") + TABLE_STYLE

_HANZI = re.compile(r"[\u3400-\u9fff]")


def message_html(text: str, kind: str = "info") -> str:
    """A one-line message box: kind is 'info', 'error' or 'good'.

    Example:
        >>> "ly-error" in message_html("Bad pattern", "error")
        True
    """
    return render("message.html", text=text, kind=kind)


def move_badge_html(move: str) -> str:
    """The move written as text in a box of its colour (never colour alone).

    Example:
        >>> "Lead" in move_badge_html("lead")
        True
    """
    return (
        f'<span class="ly-move" style="--ly-move: {move_colour(move)}">'
        f"{escape(move_label(move))}</span>"
    )


def legend_html() -> str:
    """A legend of the moves: a colour swatch and the label for each.

    Example:
        >>> legend_html().count("ly-swatch")
        6
    """
    items = "".join(
        f'<span><span class="ly-swatch" style="background:{row.colour}"></span>'
        f"{escape(row.label)}</span>"
        for row in moves().itertuples()
    )
    return f'<div class="ly-legend" aria-label="legend of moves">{items}</div>'


@lru_cache(maxsize=1)
def _terms_longest_first() -> tuple[str, ...]:
    return tuple(sorted(glossary()["term_zh"], key=len, reverse=True))


def term_spans(text: str, terms: tuple[str, ...] | None = None) -> list[tuple[int, int, str]]:
    """Where glossary terms stand in a Chinese text: (start, end, term), longest first, no overlaps.

    Example:
        >>> term_spans("抬高牛犋价的作法")
        [(0, 5, '抬高牛犋价')]
    """
    terms = _terms_longest_first() if terms is None else terms
    taken = [False] * len(text)
    spans = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end, term))
                taken[start:end] = [True] * (end - start)
            start = text.find(term, start + 1)
    return sorted(spans)


@lru_cache(maxsize=1)
def _glossary_by_term() -> pd.DataFrame:
    return glossary().set_index("term_zh")


def zh_html(text: str, pinyin: bool = False, terms: bool = True) -> str:
    """Chinese text as HTML: glossary terms marked, optionally pinyin over each character.

    Example:
        >>> zh_html("牛犋", pinyin=True)  # doctest: +ELLIPSIS
        '<span class="ly-term" title="niú jù: a draught team...'
    """
    if pinyin:
        from helpers.render.pinyin import syllables  # pypinyin's dictionaries load only when asked

        readings = syllables(text)
    else:
        readings = [""] * len(text)
    gloss = _glossary_by_term()
    spans = term_spans(text) if terms else []
    pieces, at = [], 0
    for start, end, term in spans + [(len(text), len(text), None)]:
        pieces.append(_characters_html(text[at:start], readings[at:start]))
        if term is not None:
            title = f"{gloss.loc[term, 'pinyin']}: {gloss.loc[term, 'gloss_en']}"
            inner = _characters_html(text[start:end], readings[start:end])
            pieces.append(
                f'<span class="ly-term" title="{escape(title)}" data-term="{escape(term)}">'
                f"{inner}</span>"
            )
        at = end
    return "".join(pieces)


def _characters_html(text: str, readings: list[str]) -> str:
    """Characters, each with its reading as ruby where it has one."""
    return "".join(
        f"<ruby>{escape(char)}<rt>{escape(reading)}</rt></ruby>" if reading else escape(char)
        for char, reading in zip(text, readings, strict=True)
    )


def segment_html(row, pinyin: bool = False, terms: bool = True) -> str:
    """One aligned segment: id and move in the margin, Chinese and English side by side.

    ``row`` is a row of :func:`helpers.segments` (a Series or a namedtuple).

    Example:
        >>> from helpers import segments
        >>> "P2.9" in segment_html(segments().iloc[11])
        True
    """
    seg_id, move, zh, en = (getattr(row, name) for name in ("seg_id", "move", "zh", "en"))
    return (
        f'<div class="ly-seg" style="--ly-move: {move_colour(move)}" '
        f'data-seg="{escape(seg_id)}">'
        f'<div class="ly-margin"><b>{escape(seg_id)}</b><br>{move_badge_html(move)}</div>'
        f'<div class="ly-zh" lang="zh-Hans">{zh_html(zh, pinyin=pinyin, terms=terms)}</div>'
        f'<div class="ly-en" lang="en">{escape(en)}</div></div>'
    )


def segments_html(table: pd.DataFrame, pinyin: bool = False, terms: bool = True) -> str:
    """Several segments, in the order of the table.

    Example:
        >>> from helpers import segments
        >>> segments_html(segments()).count('class="ly-seg"')
        19
    """
    return "".join(segment_html(row, pinyin, terms) for row in table.itertuples(index=False))


def table_html(table: pd.DataFrame, raw_columns: tuple[str, ...] = ()) -> str:
    """A DataFrame as the collection's one styled table (:func:`helpers.render.table.table_html`).

    Every cell is escaped except the named ``raw_columns``, which must hold
    HTML built from escaped text (a highlighted match, say).

    Example:
        >>> import pandas as pd
        >>> "&lt;b&gt;</td>" in table_html(pd.DataFrame({"a": ["<b>"]}))
        True
    """
    return styled_table_html(table, raw_columns)


def glossary_card_html(term: str) -> str:
    """A card for one glossary term: pinyin, gloss, the seed's rendering, a better one, the note.

    Example:
        >>> "strong-with-strong" in glossary_card_html("硬卡硬")
        True
    """
    table = glossary().set_index("term_zh")
    if term not in table.index:
        return message_html(f"{term!r} is not in the glossary.", "error")
    row = table.loc[term]
    return (
        f'<div class="ly-card"><b lang="zh-Hans">{escape(term)}</b> '
        f"<i>{escape(row.pinyin)}</i>: {escape(row.gloss_en)}<br>"
        f"<b>In the seed's English:</b> {escape(row.seed_rendering)}<br>"
        f"<b>Better:</b> {escape(row.suggested_rendering)}<br>"
        f"<b>Note:</b> {escape(row.note)}<br>"
        f"<small>Confidence: {escape(row.confidence)} (source: {escape(row.source)}); "
        f"occurs in {escape(', '.join(row.seg_ids))}</small></div>"
    )


class Notice:
    """A message shown in place of a result (in a notebook: a one-line box, never a traceback).

    Example:
        >>> Notice("You have not coded any segment yet.")
        You have not coded any segment yet.
    """

    def __init__(self, text: str, kind: str = "info"):
        self.text, self.kind = str(text), kind

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return STYLE + message_html(self.text, self.kind)


def data_url(content: bytes, mime: str) -> str:
    """Bytes as a ``data:`` URL (base64), for a link or an image that needs no file.

    Example:
        >>> data_url(b"hi", "text/plain")
        'data:text/plain;base64,aGk='
    """
    import base64  # (here, so that this addition stays at the end of the shared module)

    return f"data:{mime};base64,{base64.b64encode(bytes(content)).decode('ascii')}"


def download_link_html(
    content: bytes, file_name: str, text: str, mime: str = "application/json"
) -> str:
    """A link that downloads ``content`` as ``file_name`` (a data: URL; fine where files get lost).

    Example:
        >>> download_link_html(b"{}", "coding-A.json", "Download")
        '<a download="coding-A.json" href="data:application/json;base64,e30=">Download</a>'
    """
    return (
        f'<a download="{escape(file_name)}" href="{escape(data_url(content, mime))}">'
        f"{escape(text)}</a>"
    )


def download_button_html(
    content: bytes, file_name: str, text: str, mime: str = "application/json"
) -> str:
    """A download link that looks like the widgets' buttons (and is one Tab stop, Enter to use).

    An ipywidgets Button cannot start a download in the browser by itself; a
    link with ``download`` and a ``data:`` URL can, in JupyterLab, Voila and on
    Binder alike, with no file served. It carries the buttons' own classes
    (``jupyter-button widget-button mod-primary``), and ``ly-download`` for
    pages without the widgets' styles (``css/style.css``).

    Example:
        >>> download_button_html(b"{}", "a.json", "Download a.json")  # doctest: +ELLIPSIS
        '<a class="ly-download jupyter-button widget-button mod-primary" download="a.json" ...'
    """
    return (
        '<a class="ly-download jupyter-button widget-button mod-primary" '
        f'download="{escape(file_name)}" href="{escape(data_url(content, mime))}">'
        f"{escape(text)}</a>"
    )
