"""The historical setting, from the checked facts sheet only: a dated timeline, the ladder.

Every row of ``helpers/data/timeline.csv`` is a dated fact from the project's
facts sheet (``shared/context/facts.md``), with its confidence and source. The
timeline figure (:func:`helpers.render.context_plots.timeline_plot`) draws
those rows and nothing else.

Example:
    >>> timeline().loc[0, "precision"] in {"day", "approximate"}
    True
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from helpers.model.data_files import read_table


def timeline(since: str | None = None, until: str | None = None) -> pd.DataFrame:
    """The dated facts of the facts sheet, in date order, optionally between two dates.

    Columns: date (a Timestamp), precision ('day' or 'approximate'), event,
    kind, confidence and source.

    Example:
        >>> table = timeline(since="1953-12-01", until="1954-01-31")
        >>> list(table.date.dt.strftime("%Y-%m-%d"))
        ['1953-12-01', '1953-12-16', '1954-01-08']
    """
    table = read_table("timeline.csv").copy()
    table["date"] = pd.to_datetime(table["date"])
    if since is not None and since != "":
        table = table[table["date"] >= as_date(since, "since")]
    if until is not None and until != "":
        table = table[table["date"] <= as_date(until, "until")]
    return table.sort_values("date").reset_index(drop=True)


#: A date as text: a year, a year and month, or a day, with dashes, slashes or dots between ...
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
#: ... or none (19540227).
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})?(\d{2})?$")


def as_date(value, name: str = "since") -> pd.Timestamp:
    """A date given as ``"1954-01-01"``, ``"1954-01"``, ``"1954"``, ``19540101`` or a date.

    Anything else raises ValueError with one sentence saying how to write it.

    Example:
        >>> as_date("1954-02"), as_date(19540227)
        (Timestamp('1954-02-01 00:00:00'), Timestamp('1954-02-27 00:00:00'))
    """
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value)
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    match = None if isinstance(value, bool) else _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            return pd.Timestamp(dt.date(year, month, day))
        except ValueError:
            pass
    raise ValueError(
        f"{name}={value!r} is not a date: write it as text in the form 'YYYY-MM-DD', for "
        f"example timeline({name}='1953-12-01')."
    )


def ladder() -> pd.DataFrame:
    """The ladder of cooperation, rung by rung: who owns the land and how members are paid.

    From the facts sheet (§4); cells the sheet does not cover say so.

    Example:
        >>> list(ladder()["form"])[:2]
        ['individual farming', 'mutual-aid team']
    """
    table = read_table("ladder.csv").copy()
    table["rung"] = table["rung"].astype(int)
    return table.set_index("rung")
