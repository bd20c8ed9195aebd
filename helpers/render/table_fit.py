"""How wide a table must be to read well, and below which width it shows its rows as cards.

:func:`helpers.render.table.table_html` estimates the least width (in em) of each column from
its texts (a Chinese character 1 em, any other 0.5) and the least widths ``css/table.css``
gives its classes; a table needing more than about 30 em gets the class ``ly-stack-N``, N the
least of :data:`STACK_BELOW` that holds it. Where the table's box is narrower than N em, the
style sheet shows each row as a card of ``heading: value`` lines (a container query) instead
of a table that scrolls sideways.

Example:
    >>> form = column_em("form", ["elementary agricultural producers' cooperative"], "", True)
    >>> stack_class([form, *[column_em("x", ["a long text that wraps"], "ly-long", True)] * 6])
    'ly-stack-70'
"""

from __future__ import annotations

import re

#: The column classes whose cells never wrap.
NO_WRAP = ("ly-short", "ly-date", "ly-num")

#: The widths (in em of the page's text) below which a wide table shows each row as a card of
#: ``heading: value`` lines instead of scrolling (``css/table.css`` has one rule per width).
STACK_BELOW = (*range(30, 60, 2), *range(60, 100, 5), 100, 110, 120)

#: The table's font size, in em of the page's text (``css/table.css``).
TABLE_FONT = 0.95

#: The headings' font size, in em of the table's (``css/table.css``).
HEAD_FONT = 0.92

#: The least share of Chinese characters that makes a column a Chinese one (kept readable).
ZH_SHARE = 0.3

_HANZI = re.compile(r"[\u3400-\u9fff]")
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]"
)


def zh_share(texts: list[str]) -> float:
    """The share of Chinese characters in some texts (spaces not counted).

    Example:
        >>> zh_share(["互助组"]), zh_share(["teams (互助组)"]), zh_share([])
        (1.0, 0.3, 0.0)
    """
    letters = sum(len(text.replace(" ", "")) for text in texts)
    return sum(len(_HANZI.findall(text)) for text in texts) / letters if letters else 0.0


def text_em(text: str, bold: bool = False) -> float:
    """About how wide a text is, in em: a Chinese (full-width) character 1, any other 0.5.

    Example:
        >>> text_em("互助组"), text_em("team"), text_em("team", bold=True)
        (3.0, 2.0, 2.2)
    """
    wide = len(_WIDE.findall(text))
    return round((wide + 0.5 * (len(text) - wide)) * (1.1 if bold else 1.0), 2)


def _longest_word_em(text: str, bold: bool = False) -> float:
    words = re.split(r"[\s\u3000]+|(?<=-)", text) if not _WIDE.search(text) else [text[:1]]
    return max((text_em(word, bold) for word in words), default=0.0)


#: The least width (em) a column takes, by class (as ``css/table.css`` sets, or about).
_LEAST_EM = {"ly-zh-col": 10.0, "ly-long": 9.0}
#: The cell padding (left and right) in em.
_PADDING_EM = 1.2
_NUM_PADDING_EM = 0.75


def column_em(
    heading: str, texts: list[str], css: str, head_wraps: bool, bold: bool = False
) -> float:
    """About the least width (em) a column of the table needs to read well: cells and heading.

    ``bold``: the cells are row headings. Cells of a never-wrapping class need their longest
    text; others their longest word and some room (5 em), or their class's least width.

    Example:
        >>> column_em("n", ["12", "3"], "ly-num", False)
        1.75
        >>> column_em("what happens", ["A household farms its own land with its own animals."],
        ...     "", True)
        6.2
    """
    if css in NO_WRAP:
        cells = max((text_em(text, bold) for text in texts), default=0.0)
    else:
        longest = max((text_em(text, bold) for text in texts), default=0.0)
        words = max((_longest_word_em(text, bold) for text in texts), default=0.0)
        cells = max(words, min(longest, 5.0), _LEAST_EM.get(css, 0.0))
    head = _longest_word_em(heading, bold=True) if head_wraps else text_em(heading, bold=True)
    head *= HEAD_FONT
    padding = _NUM_PADDING_EM if css == "ly-num" else _PADDING_EM  # css/table.css
    return round(max(cells, head) + padding, 2)


def stack_class(widths: list[float]) -> str:
    """The class that shows a table as cards below the width it needs (``''``: it always fits).

    Example:
        >>> stack_class([10.0, 12.0]), stack_class([30.0, 25.0]), stack_class([200.0])
        ('', 'ly-stack-56', 'ly-stack-120')
    """
    needed = sum(widths) * TABLE_FONT * 1.04  # in em of the page's text; a little to spare
    if needed <= STACK_BELOW[0]:
        return ""
    fitting = [below for below in STACK_BELOW if below >= needed]
    return f"ly-stack-{fitting[0] if fitting else STACK_BELOW[-1]}"


def table_widths(heads: list[dict], rows: list[list[dict]], classes: list[str]) -> list[float]:
    """The least widths (em) of a table's columns, from the heads and rows :func:`table_html` makes.

    Example:
        >>> heads = [{"text": "n", "css": "ly-num-head"}]
        >>> table_widths(heads, [[{"text": "12", "row_head": False}]], ["ly-num"])
        [1.75]
    """
    cells = zip(*rows, strict=True) if rows else [()] * len(heads)
    columns = zip(heads, classes, cells, strict=True)
    return [
        column_em(
            head["text"],
            [cell["text"] for cell in cells],
            css,
            head["css"] not in NO_WRAP,
            bold=bool(cells) and cells[0]["row_head"],
        )
        for head, css, cells in columns
    ]
