"""The collection's data files: the seed's hand-checked segments, the moves, steps and glossary.

The hand-checked alignment and coding of the seed article live in
``helpers/data/`` as CSV files an instructor can open in a spreadsheet; this
module reads them. It knows nothing of other articles: the one door for any
article is :mod:`helpers.model.source`, and :func:`helpers.model.tables.segments`
goes through it.

Example:
    >>> list(read_table("moves.csv").columns)[:2]
    ['move', 'label']
"""

from __future__ import annotations

from functools import cache, lru_cache

import pandas as pd

from helpers.model.paths import data_path
from helpers.model.text import split_list

#: The columns of :func:`helpers.model.tables.segments`, in order.
SEGMENT_COLUMNS = ["seg_id", "para", "zh", "en", "move", "step", "actors", "note"]


@cache
def read_table(name: str) -> pd.DataFrame:
    """A CSV file of ``helpers/data/`` read as UTF-8 text, empty cells as empty strings.

    The table is shared between callers: copy it before changing it.

    Example:
        >>> read_table("ladder.csv").loc[0, "form"]
        'individual farming'
    """
    return pd.read_csv(data_path(name), encoding="utf-8", dtype=str, keep_default_na=False)


def seed_segments() -> pd.DataFrame:
    """The seed article's hand-checked segments and coding (the columns of ``SEGMENT_COLUMNS``).

    This is the file as checked by hand, without looking at the article
    file; :func:`helpers.model.tables.segments` gives it only when the article
    file still holds the same text.

    Example:
        >>> table = seed_segments()
        >>> len(table), table.loc[0, "seg_id"], table.loc[0, "actors"]
        (19, 'P1.1', ['Xinhua'])
    """
    return _seed_segments().copy()


@lru_cache(maxsize=1)
def _seed_segments() -> pd.DataFrame:
    table = read_table("seed_segments.csv").copy()
    table["para"] = table["para"].astype(int)
    table["step"] = pd.to_numeric(table["step"].replace("", None)).astype("Int64")
    table["actors"] = table["actors"].map(split_list)
    return table[SEGMENT_COLUMNS]


def moves() -> pd.DataFrame:
    """The argument moves, in the article's order, with label, colour and guiding question.

    The colours are the Okabe-Ito palette, which stays distinct for
    colour-blind readers; every view also writes the move as text.

    Example:
        >>> list(moves().move)
        ['lead', 'situation', 'deviation-1', 'deviation-2', 'middle-peasants', 'correction']
    """
    return read_table("moves.csv").copy()


def steps() -> pd.DataFrame:
    """The county's corrective steps: number, segment, summary, the problems each answers.

    ``answers`` is a list of moves; ``reading`` says why (an interpretation,
    not a statement of the article).

    Example:
        >>> steps().set_index("step").loc[3, "answers"]
        ['middle-peasants']
    """
    table = read_table("steps.csv").copy()
    table["step"] = table["step"].astype("Int64")
    table["answers"] = table["answers"].map(split_list)
    return table


def glossary() -> pd.DataFrame:
    """The key terms: Chinese, pinyin, gloss, the seed's rendering, a better one, notes.

    ``seg_ids`` lists the segments whose Chinese contains the term, and
    ``confidence`` is confirmed, plausible or open, as on the facts sheet
    named in ``source``.

    Example:
        >>> terms = glossary().set_index("term_zh")
        >>> terms.loc["牛犋", "pinyin"], terms.loc["牛犋", "seg_ids"]
        ('niú jù', ['P3.4'])
    """
    return _glossary().copy()


@lru_cache(maxsize=1)
def _glossary() -> pd.DataFrame:
    table = read_table("glossary.csv").copy()
    coded = _seed_segments()
    table["seg_ids"] = [
        [seg for seg, zh in zip(coded["seg_id"], coded["zh"], strict=True) if term in zh]
        for term in table["term_zh"]
    ]
    return table


def discussion_prompts() -> pd.DataFrame:
    """The seminar's discussion prompts, one set for the notebooks, the guide and the handout.

    Columns: ``notebook`` (where the prompt is asked), ``prompt`` and
    ``touches`` (what good answers touch, for the instructor).

    Example:
        >>> prompts = discussion_prompts()
        >>> list(prompts.columns), prompts["notebook"].iloc[0]
        (['notebook', 'prompt', 'touches'], '00_start_here')
    """
    return read_table("discussion_prompts.csv")
