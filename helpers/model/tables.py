"""The article as tables: segments, moves, corrective steps and the glossary.

Every widget and plot in the collection takes these DataFrames; none reads
the article text again. The hand-checked alignment and coding of the seed
article live in ``helpers/data/`` as CSV files an instructor can open in a
spreadsheet; this module reads them and checks them against the article.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pandas as pd

from helpers.model.article import Article, load_article
from helpers.model.paths import data_path

#: The columns of :func:`segments`, in order.
SEGMENT_COLUMNS = ["seg_id", "para", "zh", "en", "move", "step", "actors", "note"]

_SPACE = re.compile(r"\s+")


def segments(article: Article | None = None) -> pd.DataFrame:
    """One row per aligned sentence pair of the article, in reading order.

    Columns: ``seg_id`` (like ``P2.3``: paragraph 2, segment 3), ``para``,
    ``zh``, ``en``, ``move`` (its place in the argument, see :func:`moves`),
    ``step`` (the corrective step's number, or <NA>), ``actors`` (a list of
    who acts in it) and ``note`` (why it was coded so).

    For the seed article this is the hand-checked alignment and coding
    (``confidence`` 1.0). For another article the sentences are split and
    paired automatically (see :mod:`helpers.align`), ``confidence`` says how
    sure the pairing is, and ``move`` is empty until someone codes it.

    Example:
        >>> table = segments()
        >>> table.loc[table.seg_id == "P2.9", "move"].item()
        'deviation-2'
    """
    article = article if article is not None else load_article()
    coded = _seed_segments()
    if _same_text(coded["zh"], article.paragraphs_zh) and _same_text(
        coded["en"], article.paragraphs_en
    ):
        return coded.assign(confidence=1.0)
    from helpers.model.align import align_article

    return align_article(article)


def moves() -> pd.DataFrame:
    """The argument moves, in the article's order, with label, colour and guiding question.

    The colours are the Okabe-Ito palette, which stays distinct for
    colour-blind readers; every view also writes the move as text.

    Example:
        >>> list(moves().move)
        ['lead', 'situation', 'deviation-1', 'deviation-2', 'middle-peasants', 'correction']
    """
    return _read_table("moves.csv").copy()


def steps() -> pd.DataFrame:
    """The county's corrective steps: number, segment, summary, the problems each answers.

    ``answers`` is a list of moves; ``reading`` says why (an interpretation,
    not a statement of the article).

    Example:
        >>> steps().set_index("step").loc[3, "answers"]
        ['middle-peasants']
    """
    table = _read_table("steps.csv").copy()
    table["step"] = table["step"].astype("Int64")
    table["answers"] = table["answers"].map(_split_list)
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
    table = _read_table("glossary.csv").copy()
    coded = _seed_segments()
    table["seg_ids"] = [
        [seg for seg, zh in zip(coded["seg_id"], coded["zh"], strict=True) if term in zh]
        for term in table["term_zh"]
    ]
    return table


@lru_cache(maxsize=1)
def _seed_segments() -> pd.DataFrame:
    table = _read_table("seed_segments.csv").copy()
    table["para"] = table["para"].astype(int)
    table["step"] = pd.to_numeric(table["step"].replace("", None)).astype("Int64")
    table["actors"] = table["actors"].map(_split_list)
    return table[SEGMENT_COLUMNS]


@cache
def _read_table(name: str) -> pd.DataFrame:
    """Read a CSV data file as UTF-8 text, empty cells as empty strings."""
    return pd.read_csv(data_path(name), encoding="utf-8", dtype=str, keep_default_na=False)


def _split_list(cell: str) -> list[str]:
    """'cadres; peasants' -> ['cadres', 'peasants']."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def _same_text(pieces, paragraphs: list[str]) -> bool:
    """Do the pieces, joined, give back the paragraphs (white space aside)?"""
    return _SPACE.sub("", "".join(pieces)) == _SPACE.sub("", "".join(paragraphs))
