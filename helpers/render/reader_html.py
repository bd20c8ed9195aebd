"""The parallel reader's HTML: the segments in view, the move in focus, term cards, the article.

The reader (:func:`helpers.reader`) shows these in its panes; the whole
article (:func:`article_html`) is its form on a page without a kernel.

Example:
    >>> from helpers.model.tables import segments
    >>> shown_html(segments().iloc[:2]).count('class="ly-seg"')
    2
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.reading import ALL_MOVES, is_focused
from helpers.model.source import LOW_CONFIDENCE, as_table, confidence_note, source_title
from helpers.model.tables import moves, segments  # noqa: F401 (examples)
from helpers.render.escaping import escape
from helpers.render.html import (
    glossary_card_html,
    legend_html,
    message_html,
    segments_html,
    zh_html,
)
from helpers.render.templates import render, safe


def title_html(table: pd.DataFrame) -> str:
    """The article's title, date and author in bold ('' when the table does not say).

    Example:
        >>> title_html(segments())
        ''
        >>> from helpers.model.paths import seed_path
        >>> title_html(as_table(seed_path())).startswith("<b>")
        True
    """
    title = source_title(table)
    return f"<b>{escape(title)}</b>" if title else ""


def focus_intro_html(focus: str = ALL_MOVES) -> str:
    """The guiding question and description of the move in focus ('' for all moves).

    Example:
        >>> "Question to guide your reading" in focus_intro_html("deviation-2")
        True
        >>> focus_intro_html("all")
        ''
    """
    if not is_focused(focus):
        return ""
    table = moves().set_index("move")
    if focus not in table.index:
        return message_html(f"{focus!r} is not one of the article's moves.", "error")
    row = table.loc[focus]
    return render(
        "focus_intro.html",
        label=row.label,
        question=row.guiding_question,
        description=row.description,
    )


def term_card_html(term: str) -> str:
    """The glossary card of a term, or a hint when none is chosen.

    Example:
        >>> "niú jù" in term_card_html("牛犋")
        True
    """
    if not term:
        return message_html(
            "Click an underlined term in the text (or choose one in “Terms in view”) "
            "to open its glossary card."
        )
    return glossary_card_html(term)


def unlabelled_segments_html(rows: pd.DataFrame, pinyin: bool = False) -> str:
    """Segments with their ids only: no move named or coloured (before the structure question).

    Example:
        >>> html = unlabelled_segments_html(segments().iloc[11:12])
        >>> "P2.9" in html, "Deviation" in html, "ly-move" in html
        (True, False, False)
    """
    return "".join(
        f'<div class="ly-seg" data-seg="{escape(row.seg_id)}">'
        f'<div class="ly-margin"><b>{escape(row.seg_id)}</b></div>'
        f'<div class="ly-zh" lang="zh-Hans">{zh_html(row.zh, pinyin=pinyin)}</div>'
        f'<div class="ly-en" lang="en">{escape(row.en)}</div></div>'
        for row in rows.itertuples(index=False)
    )


def shown_html(rows: pd.DataFrame, pinyin: bool = False, moves: bool = True) -> str:
    """The segments in view, Chinese and English side by side (``moves=False``: ids only).

    Example:
        >>> shown_html(segments().iloc[:0])  # doctest: +ELLIPSIS
        '<div class="ly-message" role="status">Nothing to show here: ...</div>'
    """
    if rows.empty:
        return message_html("Nothing to show here: choose another move or view.")
    if not moves:
        return unlabelled_segments_html(rows, pinyin=pinyin)
    return segments_html(rows, pinyin=pinyin)


def alignment_text(rows: pd.DataFrame) -> str:
    """How sure the automatic pairing of the rows in view is, in words ('' when hand-checked).

    One segment: its confidence in words. Several: the range, and the pairs
    below :data:`helpers.model.source.LOW_CONFIDENCE` to check first.

    Example:
        >>> alignment_text(segments())
        ''
        >>> rows = pd.DataFrame({"seg_id": ["P1.1", "P1.2"], "confidence": [0.95, 0.41]})
        >>> alignment_text(rows).endswith("Check first: P1.2 (0.41) (do both sides say the same?).")
        True
    """
    if "confidence" not in rows.columns or rows.empty:
        return ""
    confidence = pd.to_numeric(rows["confidence"], errors="coerce")
    if not (confidence < 1.0).any():
        return ""
    if len(rows) == 1:
        return confidence_note(rows["seg_id"].iloc[0], confidence.iloc[0])
    text = (
        f"Paired automatically: confidence {confidence.min():.2f} to {confidence.max():.2f} "
        "for the segments in view."
    )
    low = rows[confidence < LOW_CONFIDENCE]
    if len(low):
        listed = ", ".join(
            f"{seg_id} ({value:.2f})"
            for seg_id, value in zip(low["seg_id"], confidence[low.index], strict=True)
        )
        text += f" Check first: {listed} (do both sides say the same?)."
    return text


def alignment_html(rows: pd.DataFrame) -> str:
    """:func:`alignment_text` in a message box ('' when there is nothing to say).

    Example:
        >>> alignment_html(segments())
        ''
        >>> rows = pd.DataFrame({"seg_id": ["P1.1", "P1.2"], "confidence": [0.95, 0.41]})
        >>> "Check first: P1.2 (0.41)" in alignment_html(rows)
        True
    """
    text = alignment_text(rows)
    return message_html(text) if text else ""


def article_html(table=None, moves: bool = True) -> str:
    """The whole article with the legend of moves: the reader's static form.

    ``table`` is any source (the seed by default, a path, an Article, a table);
    ``moves=False`` leaves out the legend and every segment's move.

    Example:
        >>> article_html().count('class="ly-seg"')
        19
    """
    table = as_table(table)
    return render(
        "article.html",
        title=source_title(table),
        legend=safe(legend_html() if moves else ""),
        alignment=safe(alignment_html(table)),
        segments=safe(segments_html(table) if moves else unlabelled_segments_html(table)),
        moves=moves,
    )
