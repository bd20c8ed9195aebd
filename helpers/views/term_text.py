"""The reader's text with clickable glossary terms: a small custom widget (anywidget).

An ipywidgets HTML pane cannot tell the kernel where it was clicked, so the
reader shows its segments in a :class:`TermText`: the same escaped HTML (its
``value``), plus the glossary cards of the terms in view (``cards``) and the
term whose card is open (``term``). In the browser (JupyterLab or Voila, with
no extension to build: anywidget ships its own) a click on an underlined term,
or Enter or Space on it, opens its card right below the segment where it
stands, and sets ``term``; Escape or the card's button closes it. The
browser code is ``render/js/term_text.js``; the look is in ``css/style.css``.
Where no kernel runs, the reader's static form (the whole article) is shown
instead, its terms explained in their ``title``.

Example:
    >>> text = TermText(value="<p>x</p>")
    >>> text.term = "牛犋"
    >>> text.term, text.value
    ('牛犋', '<p>x</p>')
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

#: The browser side of :class:`TermText` (an ES module, read by anywidget).
SCRIPT = Path(__file__).resolve().parents[1] / "render" / "js" / "term_text.js"


class TermText(anywidget.AnyWidget):
    """HTML with clickable glossary terms (``.ly-term[data-term]``), each opening its card in place.

    ``value`` is HTML built from escaped text (as an ipywidgets HTML pane's),
    ``cards`` maps a term to its card's HTML, ``term`` is the open card's term
    ("" for none); clicking a term in the browser sets it, and setting it from
    Python opens that card below the term's first place in view.

    Example:
        >>> TermText(cards={"牛犋": "<div>card</div>"}).cards["牛犋"]
        '<div>card</div>'
    """

    _esm = SCRIPT
    value = traitlets.Unicode("").tag(sync=True)
    cards = traitlets.Dict(default_value={}).tag(sync=True)
    term = traitlets.Unicode("").tag(sync=True)

    def card_html(self) -> str:
        """The HTML of the open card ('' when none is open).

        Example:
            >>> TermText(cards={"a": "<b>A</b>"}, term="a").card_html()
            '<b>A</b>'
        """
        return self.cards.get(self.term, "") if self.term else ""
