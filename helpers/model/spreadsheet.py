"""A CSV file from any spreadsheet, in any locale, as a table of text cells.

Excel writes CSV with commas where the decimal mark is a point, with
semicolons where it is a comma (most of Europe), and "Unicode text" as UTF-16
separated by tabs. :func:`read_spreadsheet_csv` reads all of them: the
separator is the one that splits the first line into the columns expected;
column names are read in any case; invisible characters are taken out.

Example:
    >>> read_spreadsheet_csv(b"Seg_ID;Move\\nP1.1;Lead\\n", {"seg_id", "move"}).columns.tolist()
    ['seg_id', 'move']
"""

from __future__ import annotations

import codecs
import csv
import io

import pandas as pd

from helpers.model.text import shorten, without_invisible

#: The separators tried, in order of preference.
SEPARATORS = ",;\t"


class SpreadsheetError(ValueError):
    """A CSV file that cannot be read; the message, after the file's name, says what to do.

    Example:
        >>> str(SpreadsheetError("is not UTF-8 text."))
        'is not UTF-8 text.'
    """


def read_spreadsheet_csv(raw: bytes, columns=("seg_id",)) -> pd.DataFrame:
    """A CSV file's bytes as a table of text cells (empty cells as ""), whatever the locale.

    ``columns`` are the column names expected: the separator is the one that
    finds one of them on the first line (else the one used most there), and
    they are matched in any case and with spaces around them.

    Example:
        >>> read_spreadsheet_csv(b"seg_id;move\\nP1.1;Lead\\n").values.tolist()
        [['P1.1', 'Lead']]
    """
    text = without_invisible(_decoded(raw))
    expected = {str(column).lower() for column in columns}
    first = text.lstrip("\n\r").split("\n", 1)[0]
    named = [sep for sep in SEPARATORS if expected & set(_header(first, sep))]
    separator = named[0] if named else max(SEPARATORS, key=first.count)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise SpreadsheetError(f"cannot be read as CSV ({shorten(str(error), 120)}).") from None
    rename = {
        c: str(c).strip().lower() for c in frame.columns if str(c).strip().lower() in expected
    }
    return frame.rename(columns=rename)


def _decoded(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise SpreadsheetError(
        "is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8 (comma delimited)'."
    )


def _header(line: str, separator: str) -> list[str]:
    return [cell.strip().lower() for cell in next(csv.reader([line], delimiter=separator), [])]
