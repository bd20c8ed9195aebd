"""The collection's one table style: every table a notebook or a widget shows.

:func:`table_html` turns a DataFrame into the styled table of
``templates/table.html`` and ``css/table.css``: text left-aligned, numbers
right-aligned, lists joined as text, dates and short cells never wrapped,
Chinese never squeezed below a readable width, and the index shown only when
it means something (a named or non-numeric index, like ``seg_id``).

:class:`ShownTable` is a DataFrame that shows itself so in a notebook (and as
readable text where there is no HTML); :func:`shows_tables` makes a function
that returns a DataFrame or a Series return one. ``import helpers`` gives the
tables of the package this way, so ``helpers.glossary().loc["偏向"]`` or
``helpers.renderings()["verdict"].value_counts()`` never show a raw repr.

Example:
    >>> import pandas as pd
    >>> html = table_html(pd.DataFrame({"step": [1], "seg_ids": [["P2.1", "P2.2"]]}))
    >>> "P2.1, P2.2" in html and "[" not in html
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import PurePath

import pandas as pd

from helpers.render.escaping import escape
from helpers.render.table_fit import NO_WRAP, ZH_SHARE, stack_class, table_widths, zh_share
from helpers.render.templates import render, safe, style_tag

#: The table style sheet, to include once per page (with the collection's ``style.css``).
TABLE_STYLE = style_tag("table.css")

#: The most rows a table shows in a notebook (the table itself keeps them all).
MOST_ROWS = 200

#: What an empty list shows.
EMPTY_LIST = "none"


_HANZI = re.compile(r"[\u3400-\u9fff]")
_DATE = re.compile(r"^\d{4}(-\d{2}){1,2}$")


def cell_text(value) -> str:
    """A cell as text a student reads: lists joined, no ``nan``, paths and dates as text.

    Example:
        >>> cell_text(["P2.1", "P2.2"]), cell_text([]), cell_text(float("nan")), cell_text(0.8125)
        ('P2.1, P2.2', 'none', '', '0.81')
        >>> cell_text(True), cell_text(pd.Timestamp("1954-02-27")), cell_text(3.0)
        ('yes', '1954-02-27', '3')
    """
    if isinstance(value, (list, tuple, set, frozenset, pd.Index, pd.Series)):
        items = [cell_text(item) for item in value]
        return ", ".join(items) if items else EMPTY_LIST
    if hasattr(value, "tolist") and not isinstance(value, str) and getattr(value, "ndim", 0):
        return cell_text(value.tolist())
    if isinstance(value, dict):
        return "; ".join(f"{cell_text(key)}: {cell_text(item)}" for key, item in value.items())
    if value is None or (not isinstance(value, str) and _is_missing(value)):
        return ""
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        number = float(value)
        return str(int(number)) if number.is_integer() else f"{number:.2f}".rstrip("0")
    if isinstance(value, PurePath):
        return str(value)
    return str(value)


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def column_class(name, values: list) -> str:
    """The style class of a column from its name and values: ly-num, ly-date, ly-zh-col ...

    Example:
        >>> column_class("date", ["1953-02-15"]), column_class("n", [1, 2])
        ('ly-date', 'ly-num')
        >>> column_class("zh", ["辽阳县农民经过总路线教育和爱国售粮运动之后"])
        'ly-zh-col'
        >>> column_class("en", ["Some peasants came to believe (认为) that the district "
        ...                     "thinks more of a cooperative"])
        'ly-long'
        >>> column_class("x", ["P2.1"])
        'ly-short'
    """
    present = [value for value in values if not _is_missing_cell(value)]
    texts = [cell_text(value) for value in present]
    if present and all(_is_number(value) for value in present):
        return "ly-num"
    if "date" in str(name).lower() or (texts and all(_DATE.match(text) for text in texts)):
        return "ly-date"
    longest = max((len(text) for text in texts), default=0)
    if longest <= 16:
        return "ly-short"
    if zh_share(texts) >= ZH_SHARE:
        return "ly-zh-col"
    return "ly-long" if longest > 60 else ""


def _is_missing_cell(value) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple)) and _is_missing(value))


def _is_number(value) -> bool:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return False
    return isinstance(value, (int, float)) or type(value).__name__.startswith(("int", "float"))


def shows_index(table: pd.DataFrame) -> bool:
    """Whether the index means something: a name, or labels that are not row numbers.

    An unnamed index of whole numbers is row numbers, whether 0, 1, 2 ... or
    what is left of them after a selection (3, 33, 41): not shown.

    Example:
        >>> shows_index(pd.DataFrame({"a": [1]})), shows_index(pd.DataFrame({"a": [1]}, ["P1.1"]))
        (False, True)
        >>> shows_index(pd.DataFrame({"a": [1, 2]}, index=[3, 33]))
        False
    """
    index = table.index
    if any(name is not None for name in index.names):
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


def table_html(
    table: pd.DataFrame,
    raw_columns: tuple[str, ...] = (),
    index: bool | None = None,
    caption: str = "",
    limit: int | None = None,
) -> str:
    """A DataFrame as the collection's styled table; every cell escaped but ``raw_columns``.

    Raw columns must hold HTML built from escaped text (a highlighted match,
    say). ``index`` None shows the index only when it means something
    (:func:`shows_index`); ``limit`` caps the rows shown, with a last row saying so.

    Example:
        >>> page = table_html(pd.DataFrame({"a": ["<b>"]}))
        >>> page.startswith('<div class="ly-table-scroll"')
        True
        >>> '<th scope="col" class="ly-short">a</th>' in page
        True
        >>> "&lt;b&gt;</td>" in page
        True
    """
    index = shows_index(table) if index is None else index
    shown = table if limit is None else table.head(limit)
    names = list(shown.columns)
    heads, classes = [], []
    if index:
        heads.append({"text": " / ".join(str(n) for n in shown.index.names if n is not None)})
        classes.append(column_class("", list(shown.index)))
    for name in names:
        classes.append(column_class(name, shown[name].tolist()))
        heads.append({"text": _heading(name)})
    for head, css in zip(heads, classes, strict=True):  # a long heading over short cells wraps
        head["css"] = _head_class(css, head["text"])
    rows = [
        _row(label, values, names, raw_columns, classes, index)
        for label, values in zip(shown.index, shown.itertuples(index=False), strict=True)
    ]
    stack = stack_class(table_widths(heads, rows, classes))
    if stack:  # each cell carries its heading, shown before it when the row is a card
        for row in rows:
            for head, cell in zip(heads, row, strict=True):
                cell["head"] = head["text"]
    if limit is not None and len(table) > limit:
        more = f"… and {len(table) - limit} more rows (the table holds them all)"
        rows.append([{"html": safe(escape(more)), "css": "", "lang": "", "row_head": False}])
    return render("table.html", heads=heads, rows=rows, caption=caption, stack=stack)


def _head_class(css: str, text: str) -> str:
    """A number column's heading wraps (at spaces and hyphens); a long one over short cells too."""
    if css == "ly-num":
        return "ly-num-head"
    return "" if css in NO_WRAP and len(text) > 16 else css


def _heading(name) -> str:
    return " ".join(str(part) for part in name) if isinstance(name, tuple) else str(name)


def _row(label, values, names, raw_columns, classes, index) -> list[dict]:
    cells = []
    if index:
        text = cell_text(list(label) if isinstance(label, tuple) else label)
        cells.append(
            {
                "html": safe(escape(text)),
                "text": text,
                "row_head": True,
                "css": classes[0],
                "lang": "",
            }
        )
    for name, value, css in zip(names, values, classes[int(index) :], strict=True):
        text = cell_text(value) if name not in raw_columns else re.sub(r"<[^>]*>", "", str(value))
        html = value if name in raw_columns else escape(text)
        lang = "zh-Hans" if name not in raw_columns and _HANZI.search(text) else ""
        cells.append(
            {"html": safe(html), "text": text, "css": css, "lang": lang, "row_head": False}
        )
    return cells


def table_text(table: pd.DataFrame, limit: int = 50) -> str:
    """A table as plain text where no HTML shows: one block per row, ``heading: value`` lines.

    Example:
        >>> print(table_text(pd.DataFrame({"step": [2], "seg_ids": [["P3.1", "P3.2"]]})))
        step: 2
        seg_ids: P3.1, P3.2
    """
    index = shows_index(table)
    blocks = []
    head = table.head(limit)
    for label, row in zip(head.index, head.itertuples(index=False), strict=True):
        lines = [f"{cell_text(label)}"] if index else []
        pairs = zip(table.columns, row, strict=True)
        lines += [f"{_heading(name)}: {cell_text(value)}" for name, value in pairs]
        blocks.append("\n".join(lines))
    if len(table) > limit:
        blocks.append(f"… and {len(table) - limit} more rows")
    return "\n\n".join(blocks) if blocks else "(no rows)"


class ShownTable(pd.DataFrame):
    """A DataFrame that shows itself in the collection's table style (and as readable text).

    Everything made from it (a selection, ``set_index``, ``loc``) shows so too.

    Example:
        >>> shown = ShownTable({"seg_ids": [["P2.1"], []]})
        >>> "P2.1" in shown._repr_html_(), repr(shown)
        (True, 'seg_ids: P2.1\\n\\nseg_ids: none')
    """

    @property
    def _constructor(self):
        return ShownTable

    @property
    def _constructor_sliced(self):
        return ShownSeries

    def _repr_html_(self) -> str:
        return TABLE_STYLE + table_html(self, limit=MOST_ROWS)

    def __repr__(self) -> str:
        return table_text(self)


class ShownSeries(pd.Series):
    """A Series that shows itself as a two-column table (label, value), never "dtype: ...".

    Example:
        >>> counts = ShownSeries(["fine", "fine", "wrong"], name="verdict").value_counts()
        >>> repr(counts)
        'verdict: fine\\ncount: 2\\n\\nverdict: wrong\\ncount: 1'
    """

    @property
    def _constructor(self):
        return ShownSeries

    @property
    def _constructor_expanddim(self):
        return ShownTable

    def as_table(self) -> ShownTable:
        """The Series as a table: its labels (as a named column, or as row headings) and values.

        Example:
            >>> ShownSeries({"pinyin": "piān xiàng"}, name="偏向").as_table().columns.tolist()
            ['偏向']
        """
        value = cell_text(self.name) if self.name is not None else "value"
        if self.index.name is None:
            return ShownTable({value: list(self)}, index=list(self.index))
        return ShownTable({cell_text(self.index.name): list(self.index), value: list(self)})

    def value_counts(self, *args, **kwargs) -> ShownSeries:
        """:meth:`pandas.Series.value_counts`, shown as a table."""
        return ShownSeries(pd.Series(self).value_counts(*args, **kwargs))

    def _repr_html_(self) -> str:
        return self.as_table()._repr_html_()

    def __repr__(self) -> str:
        if self.index.name is None:  # a row of a table: one "label: value" line each
            lines = [f"{cell_text(label)}: {cell_text(value)}" for label, value in self.items()]
            return "\n".join(lines[:MOST_ROWS]) or "(empty)"
        return table_text(self.as_table())


def shown(value):
    """A DataFrame or Series as one that shows itself styled; anything else as it is.

    Example:
        >>> type(shown(pd.DataFrame({"a": [1]}))).__name__, shown(3)
        ('ShownTable', 3)
    """
    if isinstance(value, pd.DataFrame) and not isinstance(value, ShownTable):
        result = ShownTable(value)
        result.attrs.update(value.attrs)
        return result
    if isinstance(value, pd.Series) and not isinstance(value, ShownSeries):
        return ShownSeries(value)
    return value


def shows_tables(function):
    """``function``, returning its DataFrames and Series as ones that show themselves styled.

    Example:
        >>> from helpers.model.tables import steps
        >>> type(shows_tables(steps)()).__name__
        'ShownTable'
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return shown(function(*args, **kwargs))

    return wrapper
