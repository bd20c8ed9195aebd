"""Compare: the two deviations side by side, English against Chinese, how each term is rendered.

Three views of one question: what does the English make of the Chinese? The
data behind them are hand-checked tables in ``helpers/data/``:
``renderings.csv`` (every occurrence of every glossary term and the English
words that render it, with a verdict) and ``deviations.csv`` (short summaries
of what the article says about each problem, citing segments). Which steps
answer which problem comes from :func:`helpers.steps`, and is a reading.

This module builds the tables; :mod:`helpers.render.compare_html` shows them
and :func:`helpers.compare` is the widget.

Example:
    >>> deviations_side_by_side().columns[1]
    'Deviation 1: rushing'
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers.model.coding_file import steps_for
from helpers.model.paths import data_path
from helpers.model.source import as_table, seed_rows
from helpers.model.tables import glossary
from helpers.model.tagset import move_label
from helpers.model.text import split_list

#: What ``rendering_en`` says where the English leaves a term out.
NOT_RENDERED = "(not rendered)"

#: The verdicts a rendering can get; every one but "fine" is flagged.
VERDICTS = ("fine", "inconsistent", "wrong", "opaque", "omitted")

#: The verdict of a term in an article other than the seed: nobody has checked it (not flagged).
UNCHECKED = "unchecked"

UNCHECKED_COMMENT = (
    "Not checked by hand for this article: find the English words that render the term "
    "and compare them with the glossary's."
)

#: The problems the article names, in its order; the third is not one of its "two deviations".
PROBLEMS = ("deviation-1", "deviation-2", "middle-peasants")

#: The rows of the side-by-side table that describe what the article says.
ASPECTS = ("What cadres did", "What peasants believed or did", "What followed")

EVIDENCE_ROW = "Evidence (seg_ids)"
STEPS_ROW = "Corrective steps that answer it (a reading)"

NOT_CODED = (
    "This article is not coded yet, so no segment is evidence for a problem. Code it with "
    "the annotator and pass helpers.apply_coding(article, coding) here."
)

READING_NOTE = (
    "Which corrective step answers which problem is a reading of the article "
    "(helpers/data/steps.csv, column 'reading'), not something the article states."
)


# ---------------------------------------------------------------- term renderings


@lru_cache(maxsize=4)
def _read_data(name: str) -> pd.DataFrame:
    """A CSV file of helpers/data read as UTF-8 text, empty cells as empty strings."""
    return pd.read_csv(data_path(name), encoding="utf-8", dtype=str, keep_default_na=False)


def renderings(table=None) -> pd.DataFrame:
    """Every occurrence of every glossary term, and the English words that render it there.

    One row per term and segment: ``term_zh``, ``pinyin``, ``seg_id``,
    ``rendering_en`` (words copied from that segment's English, or
    "(not rendered)"), ``seed_rendering``, ``suggested_rendering``,
    ``verdict`` (fine, inconsistent, wrong, opaque or omitted), ``flag``
    (True unless fine) and ``comment``. Only segments of ``table`` are kept.

    The hand-checked rows cover the seed article only. In another article
    (``table`` is any source: a path, an Article, a table) every glossary term
    found in a segment's Chinese gets a row with an empty ``rendering_en`` and
    the verdict "unchecked", for the reader to fill in by reading.

    Example:
        >>> table = renderings()
        >>> row = table[(table.term_zh == "牛犋") & (table.seg_id == "P3.4")].iloc[0]
        >>> row.rendering_en, row.verdict, bool(row.flag)
        ('cattle', 'wrong', True)
    """
    table = as_table(table)
    is_seed = seed_rows(table)
    found = _read_data("renderings.csv").copy()
    terms = glossary()[["term_zh", "pinyin", "seed_rendering", "suggested_rendering"]]
    joined = found.merge(terms, on="term_zh", how="left")
    joined = joined[joined["seg_id"].isin(set(table.loc[is_seed, "seg_id"]))]
    joined = pd.concat([joined, _unchecked(table[~is_seed], terms)], ignore_index=True)
    joined["flag"] = ~joined["verdict"].isin(["fine", UNCHECKED])
    columns = ["term_zh", "pinyin", "seg_id", "rendering_en", "seed_rendering"]
    columns += ["suggested_rendering", "verdict", "flag", "comment"]
    return joined[columns]


def _unchecked(rows: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """A row for every glossary term in the Chinese of rows nobody has checked."""
    found = [
        {**term, "seg_id": seg_id, "rendering_en": "", "verdict": UNCHECKED}
        | {"comment": UNCHECKED_COMMENT}
        for seg_id, zh in zip(rows["seg_id"], rows["zh"], strict=True)
        for term in terms.to_dict("records")
        if term["term_zh"] in str(zh)
    ]
    columns = [*terms.columns, "seg_id", "rendering_en", "verdict", "comment"]
    return pd.DataFrame(found, columns=columns)


def verdict_text(verdict: str) -> str:
    """A verdict as text a reader sees without colour: a warning sign on every flagged one.

    Example:
        >>> verdict_text("wrong"), verdict_text("fine"), verdict_text("unchecked")
        ('⚠ wrong', '✓ fine', '? unchecked')
    """
    if verdict == UNCHECKED:
        return f"? {UNCHECKED}"
    return "✓ fine" if verdict == "fine" else f"⚠ {verdict}"


def rendering_view(show: str = "all", term: str = "", table=None) -> pd.DataFrame:
    """The term-rendering table as a reader sees it: flagged rows marked in words.

    ``show`` is "all" or "flagged"; ``term`` keeps one term ("" keeps all).

    Example:
        >>> view = rendering_view("flagged", "牛犋")
        >>> view[["seg_id", "English here", "verdict"]].values.tolist()
        [['P3.4', 'cattle', '⚠ wrong']]
    """
    found = renderings(table)
    if show == "flagged":
        found = found[found["flag"]]
    if term:
        found = found[found["term_zh"] == term]
    return pd.DataFrame(
        {
            "term": found["term_zh"],
            "pinyin": found["pinyin"],
            "seg_id": found["seg_id"],
            "English here": found["rendering_en"],
            "verdict": found["verdict"].map(verdict_text),
            "better": found["suggested_rendering"],
            "why": found["comment"],
        }
    ).reset_index(drop=True)


# ---------------------------------------------------------------- the problems


def table_and_steps(source=None, steps=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A source's segments table and its corrective steps, each read through its one door.

    ``source`` is any source (:func:`helpers.model.source.as_table`), ``steps``
    a steps file or table or None (:func:`helpers.model.coding_file.steps_for`:
    the seed's steps, or those its coding gives). Every view of the problems
    and steps takes the pair this returns.

    Example:
        >>> table, steps_table = table_and_steps()
        >>> len(table), steps_table["step"].tolist()
        (19, [1, 2, 3, 4, 5])
    """
    table = as_table(source)
    return table, steps_for(table, steps)


def evidence_seg_ids(move: str, table=None) -> list[str]:
    """The segments coded with a move, in reading order: the evidence for a problem.

    Example:
        >>> evidence_seg_ids("deviation-2")
        ['P2.9']
    """
    table = as_table(table)
    return list(table.loc[table["move"] == move, "seg_id"])


def answering_steps(move: str, steps_table: pd.DataFrame) -> pd.DataFrame:
    """The corrective steps of a steps table that answer a problem (a reading).

    ``steps_table`` is an article's steps (see
    :func:`helpers.model.coding_file.steps_for`; the seed's are :func:`helpers.steps`).

    Example:
        >>> answering_steps("deviation-2", table_and_steps()[1]).step.tolist()
        [2, 4]
    """
    answers = steps_table["answers"].map(lambda answers: move in answers).astype(bool)
    return steps_table.loc[answers].reset_index(drop=True)


def problem_header(move: str) -> str:
    """The column header for a problem; the middle peasants are labelled as a third problem.

    Example:
        >>> problem_header("middle-peasants")
        "Middle peasants' strong-with-strong teams (a third problem)"
    """
    label = move_label(move)
    return f"{label} (a third problem)" if move == "middle-peasants" else label


def _summaries() -> pd.DataFrame:
    """deviations.csv: move, aspect, summary, seg_ids (a list)."""
    table = _read_data("deviations.csv").copy()
    table["seg_ids"] = table["seg_ids"].map(split_list)
    return table


def _steps_cell(move: str, steps_table: pd.DataFrame) -> str:
    """'Step 1 (P3.2); Step 2 (P3.3)' for the steps that answer a problem."""
    answering = answering_steps(move, steps_table)
    if answering.empty:
        return "none"
    return "; ".join(f"Step {row.step} ({row.seg_id})" for row in answering.itertuples())


def deviations_side_by_side(table=None, steps=None) -> pd.DataFrame:
    """The two deviations and the middle-peasant problem side by side, one column each.

    Rows: what cadres did, what peasants believed or did, what followed (short
    summaries of the article, citing segments, from deviations.csv), the
    evidence (the segments coded with the move) and the corrective steps that
    answer it (a reading, from steps.csv).

    For another article the summaries are left out (they were written for
    the seed); the evidence and the steps come from its coding (see
    :func:`helpers.apply_coding`) and ``steps``.

    Example:
        >>> side = deviations_side_by_side().set_index("aspect")
        >>> side.loc["Evidence (seg_ids)", "Deviation 2: holding back"]
        'P2.9'
    """
    return deviations_table(*table_and_steps(table, steps))


def deviations_table(table: pd.DataFrame, steps_table: pd.DataFrame) -> pd.DataFrame:
    """:func:`deviations_side_by_side` for a segments table and its steps, both read already.

    Example:
        >>> from helpers.model.tables import segments
        >>> deviations_table(*table_and_steps()).iloc[4, 3]
        'Step 3 (P3.4)'
    """
    known = set(table.loc[seed_rows(table), "seg_id"])
    summaries = _summaries()
    columns = {"aspect": [*ASPECTS, EVIDENCE_ROW, STEPS_ROW]}
    for move in PROBLEMS:
        cells = []
        for aspect in ASPECTS:
            found = summaries[(summaries["move"] == move) & (summaries["aspect"] == aspect)]
            usable = not found.empty and set(found.iloc[0]["seg_ids"]) <= known
            cells.append(found.iloc[0]["summary"] if usable else "(not summarised for this text)")
        cells.append(", ".join(evidence_seg_ids(move, table)) or "(no segment coded so)")
        cells.append(_steps_cell(move, steps_table))
        columns[problem_header(move)] = cells
    return pd.DataFrame(columns)


def is_coded(table: pd.DataFrame) -> bool:
    """Does any segment of the table carry a move?

    Example:
        >>> from helpers.model.tables import segments
        >>> is_coded(segments()), is_coded(segments().assign(move=""))
        (True, False)
    """
    return bool((table["move"].astype(str) != "").any())


# ---------------------------------------------------------------- one segment


def segment_comparison(seg_id: str, table=None) -> dict:
    """One segment, English against Chinese, with its coding note and the terms in it.

    Returns a dict: ``seg_id``, ``move``, ``zh``, ``en``, ``note`` (why it was
    coded so), ``confidence`` (of the pairing; 1.0 when hand-checked) and
    ``terms``, a DataFrame of the glossary terms in its Chinese with how this
    segment renders them, the seed's usual rendering, a better one, the
    verdict and the glossary's note.

    Example:
        >>> found = segment_comparison("P3.4")
        >>> found["terms"].set_index("term_zh").loc["牛犋", "suggested_rendering"]
        'draught team'
    """
    table = as_table(table)
    rows = table[table["seg_id"] == seg_id]
    if rows.empty:
        raise KeyError(f"There is no segment {seg_id!r}; choose one like P2.3.")
    row = rows.iloc[0]
    here = renderings(table)
    here = here[here["seg_id"] == seg_id].set_index("term_zh")
    terms = glossary()
    terms = terms[terms["term_zh"].map(lambda term: term in row["zh"])]
    found = pd.DataFrame(
        {
            "term_zh": terms["term_zh"],
            "pinyin": terms["pinyin"],
            "rendering_here": [_lookup(here, term, "rendering_en") for term in terms["term_zh"]],
            "seed_rendering": terms["seed_rendering"],
            "suggested_rendering": terms["suggested_rendering"],
            "verdict": [_lookup(here, term, "verdict") for term in terms["term_zh"]],
            "note": terms["note"],
        }
    ).reset_index(drop=True)
    return {
        "seg_id": seg_id,
        "move": row["move"],
        "zh": row["zh"],
        "en": row["en"],
        "note": row["note"],
        "confidence": float(row["confidence"]) if "confidence" in row.index else 1.0,
        "terms": found,
    }


def _lookup(table: pd.DataFrame, term: str, column: str) -> str:
    """A cell of a table indexed by term, or an empty string."""
    return str(table.loc[term, column]) if term in table.index else ""
