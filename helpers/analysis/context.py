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
    if since:
        table = table[table["date"] >= pd.Timestamp(since)]
    if until:
        table = table[table["date"] <= pd.Timestamp(until)]
    return table.sort_values("date").reset_index(drop=True)


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
