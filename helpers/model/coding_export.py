"""A coding as a table, and its CSV export for a spreadsheet (Excel-safe, formula-safe).

The CSV export (:func:`export_csv`) is written as ``utf-8-sig`` (UTF-8 with a
byte-order mark, lines ending in CR LF), so Excel on Windows opens the
Chinese text correctly; pandas and other tools read it too. A cell that a
spreadsheet would run as a formula (it begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return: a note ``=HYPERLINK(...)``, say) is
written with a ``'`` before it, as OWASP advises against CSV injection, so
it shows as the text it is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.model.coding import Code, Coding
from helpers.model.names import coder_key
from helpers.model.paths import work_dir
from helpers.model.source import as_table
from helpers.model.storage import atomic_write_text

#: The columns of :func:`coding_table` (and of the CSV export).
TABLE_COLUMNS = ["seg_id", "zh", "en", "tag", "confidence", "note", "coder"]
#: How a cell a spreadsheet would read as a formula begins.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def coding_table(coding: Coding, table=None) -> pd.DataFrame:
    """The coding as a table: every segment (of any source) with its text and code.

    Segments not coded have empty codes; codes of segments the table does not
    have come last, with empty text.

    Example:
        >>> rows = coding_table(Coding.new("A").set_code("P1.1", "lead"))
        >>> rows.loc[0, ["seg_id", "tag", "coder"]].tolist(), len(rows)
        (['P1.1', 'lead', 'A'], 19)
    """
    table = as_table(table)
    extra = [seg for seg in coding.codes if seg not in set(table["seg_id"])]
    texts = list(zip(table["seg_id"], table["zh"], table["en"], strict=True))
    texts += [(seg, "", "") for seg in extra]
    rows = []
    for seg_id, zh, en in texts:
        code = coding.codes.get(seg_id) or Code("", "", "")
        rows.append([seg_id, zh, en, code.tag, code.confidence, code.note, coding.coder])
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def spreadsheet_safe(value):
    """A cell as a spreadsheet shows it as text: a formula's start gets a ``'`` before it.

    Example:
        >>> spreadsheet_safe('=HYPERLINK("x")'), spreadsheet_safe("-1"), spreadsheet_safe(3)
        ('\\'=HYPERLINK("x")', "'-1", 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(coding: Coding, path: str | Path | None = None, table=None) -> Path:
    """Write the coding table as CSV (utf-8-sig, formula-safe); default ``coding-<name>.csv``.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> path = export_csv(Coding.new("Doctest Csv").set_code("P1.1", "lead"))
        >>> path.name, path.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
        ('coding-Doctest_Csv.csv', True)
    """
    path = Path(path) if path is not None else work_dir() / f"coding-{coder_key(coding.coder)}.csv"
    rows = coding_table(coding, table).map(spreadsheet_safe)
    text = rows.to_csv(index=False, lineterminator="\r\n")  # RFC 4180: a CR in a cell is quoted
    atomic_write_text(path, "\ufeff" + text)
    return path
