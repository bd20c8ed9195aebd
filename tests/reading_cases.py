"""A one-segment article table, for the reader's tests in analysis/ and views/."""

import pandas as pd

from helpers.model.tables import SEGMENT_COLUMNS


def small_table(**changes):
    """A segments table of one segment (P1.1); ``changes`` set its cells."""
    row = {
        "seg_id": "P1.1",
        "para": 1,
        "zh": "中农",
        "en": "middle peasants",
        "move": "lead",
        "step": pd.NA,
        "actors": ["cadres"],
        "note": "",
    }
    row.update(changes)
    table = pd.DataFrame([row], columns=SEGMENT_COLUMNS)
    table["step"] = table["step"].astype("Int64")
    return table
