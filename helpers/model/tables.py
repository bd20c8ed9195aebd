"""The article as tables: segments, moves, corrective steps and the glossary.

Every widget and plot in the collection takes these DataFrames; none reads
the article text again. :func:`segments` takes any source (see
:mod:`helpers.model.source`); :func:`moves`, :func:`steps` and :func:`glossary`
are the collection's data files (:mod:`helpers.model.data_files`), named here
so that one import gives the article as tables.

Example:
    >>> len(segments()), list(moves().move)[0], len(steps())
    (19, 'lead', 5)
"""

from __future__ import annotations

import pandas as pd

from helpers.model.data_files import SEGMENT_COLUMNS, glossary, moves, steps
from helpers.model.source import as_table

__all__ = ["SEGMENT_COLUMNS", "glossary", "moves", "segments", "steps"]


def segments(source=None) -> pd.DataFrame:
    """One row per aligned sentence pair of the article, in reading order.

    Columns: ``seg_id`` (like ``P2.3``: paragraph 2, segment 3), ``para``,
    ``zh``, ``en``, ``move`` (its place in the argument, see :func:`moves`),
    ``step`` (the corrective step's number, or <NA>), ``actors`` (a list of
    who acts in it), ``note`` (why it was coded so) and ``confidence``.

    ``source`` is what every tool takes (:func:`helpers.model.source.as_table`):
    None for the seed, the path of an article file, an Article or a segments
    table. For the seed article this is the hand-checked alignment and coding
    (``confidence`` 1.0). For another article the sentences are split and
    paired automatically (see :mod:`helpers.model.align`), ``confidence`` says
    how sure the pairing is, and ``move`` is empty until someone codes it.

    Example:
        >>> table = segments()
        >>> table.loc[table.seg_id == "P2.9", "move"].item()
        'deviation-2'
        >>> from helpers.model.paths import seed_path
        >>> segments(str(seed_path())).loc[11, "move"]
        'deviation-2'
    """
    return as_table(source)
