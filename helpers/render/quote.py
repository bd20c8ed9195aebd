"""Quoting the article in a notebook: segments in both languages, a glossary term's card.

A notebook cell that shows a sentence of the article calls
``helpers.quote("P2.1")`` (or several ids, or a table with a ``seg_id``
column) rather than ``print()``: the segments appear as the reader shows
them, Chinese beside English, in proportional type that wraps between words
(``print()`` shows monospace that breaks words, "promote d"). Where there is
no HTML, each quotes as plain lines of text. ``helpers.term_card("偏向")``
shows one glossary term the same way.

Example:
    >>> print(repr(quote("P1.1")))
    P1.1 【新华社沈阳二十六日电】
         Xinhua News Agency, Shenyang, February 26th.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from helpers.model.source import as_table
from helpers.model.tables import glossary
from helpers.render.escaping import escape
from helpers.render.html import STYLE, glossary_card_html, message_html, segments_html


class Quoted:
    """HTML to show in a notebook, with a plain-text form where HTML does not show.

    Example:
        >>> Quoted("<b>x</b>", "x")
        x
    """

    def __init__(self, html: str, text: str):
        self.html, self.text = html, text

    def _repr_html_(self) -> str:
        return STYLE + self.html

    def __repr__(self) -> str:
        return self.text


def quote(*seg_ids, table=None) -> Quoted:
    """The segments named (ids like "P2.1", or a table with a ``seg_id`` column), both languages.

    A table with a ``step`` column (``helpers.steps()``) heads each segment
    with its step. ``table`` is any source (the seed article by default). An
    unknown id shows a one-line message naming it.

    Example:
        >>> "P2.9" in quote("P2.9")._repr_html_()
        True
        >>> repr(quote("P9.9"))
        'There is no segment P9.9 in this article; quote one like P2.3.'
    """
    wanted, headings = _wanted(seg_ids)
    source = as_table(table)
    known = source.set_index("seg_id")
    missing = [seg_id for seg_id in wanted if seg_id not in known.index]
    if missing or not wanted:
        text = (
            f"There is no segment {', '.join(missing)} in this article; quote one like P2.3."
            if missing
            else 'Name a segment to quote, like helpers.quote("P2.3").'
        )
        return Quoted(message_html(text, "error"), text)
    rows = source.set_index("seg_id", drop=False).loc[wanted]
    html = "".join(
        (f"<p><b>{escape(headings[seg_id])}</b></p>" if seg_id in headings else "")
        + segments_html(rows.iloc[[number]])
        for number, seg_id in enumerate(wanted)
    )
    text = "\n\n".join(
        _text_of(seg_id, known.loc[seg_id, "zh"], known.loc[seg_id, "en"], headings.get(seg_id))
        for seg_id in wanted
    )
    return Quoted(html, text)


def _wanted(seg_ids) -> tuple[list[str], dict[str, str]]:
    """The ids asked for, in order, and a heading for each id that has a step."""
    wanted, headings = [], {}
    for item in seg_ids:
        if isinstance(item, pd.DataFrame):
            wanted += [str(seg_id) for seg_id in item["seg_id"]]
            if "step" in item.columns:
                headings.update(
                    {str(row.seg_id): f"Step {row.step}" for row in item.itertuples(index=False)}
                )
        elif isinstance(item, (list, tuple, pd.Series)):
            wanted += [str(seg_id) for seg_id in item]
        else:
            wanted.append(str(item).strip())
    return wanted, headings


def _text_of(seg_id: str, zh: str, en: str, heading: str | None) -> str:
    english = textwrap.fill(str(en), 76, initial_indent=" " * 5, subsequent_indent=" " * 5)
    return (f"{heading}\n" if heading else "") + f"{seg_id} {zh}\n{english}"


def term_card(term: str) -> Quoted:
    """One glossary term as a card: pinyin, gloss, the seed's rendering, a better one, the note.

    Example:
        >>> "Liaodong" in term_card("辽东省")._repr_html_()
        True
        >>> repr(term_card("不存在"))
        "'不存在' is not in the glossary; helpers.glossary() lists every term."
    """
    terms = glossary().set_index("term_zh")
    if term not in terms.index:
        text = f"{term!r} is not in the glossary; helpers.glossary() lists every term."
        return Quoted(message_html(text, "error"), text)
    row = terms.loc[term]
    lines = [
        f"{term} ({row.pinyin}): {row.gloss_en}",
        f"In the seed's English: {row.seed_rendering}",
        f"Better: {row.suggested_rendering}",
        f"Note: {row.note}",
    ]
    text = "\n".join(textwrap.fill(line, 76, subsequent_indent="  ") for line in lines)
    return Quoted(glossary_card_html(term), text)
