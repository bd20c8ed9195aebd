"""Compare's HTML: the deviations side by side, one segment against its English, the renderings.

The three views of :func:`helpers.compare`, each also a function for a page
without a kernel (:func:`compare_static_html` shows all three). The tables
come from :mod:`helpers.analysis.compare`.

Example:
    >>> "⚠ wrong" in rendering_view_html("flagged", "牛犋")
    True
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.analysis.compare import (
    NOT_CODED,
    PROBLEMS,
    READING_NOTE,
    answering_steps,
    deviations_table,
    is_coded,
    rendering_view,
    segment_comparison,
    table_and_steps,  # noqa: F401 (examples)
    verdict_text,
)
from helpers.model.source import confidence_note
from helpers.render.html import (
    message_html,
    move_badge_html,
    segment_html,
    segments_html,
    table_html,
)
from helpers.render.templates import render, safe

#: The headings of one segment's translation notes, by the column of its ``terms`` table they
#: head (chosen by name, never by position), in the order shown.
TERM_HEADERS = {
    "term_zh": "term",
    "pinyin": "pinyin",
    "rendering_here": "English here",
    "verdict": "verdict",
    "seed_rendering": "seed's usual rendering",
    "suggested_rendering": "better",
    "note": "note",
}


def deviations_html(table: pd.DataFrame, steps_table: pd.DataFrame, move: str = "") -> str:
    """View (a): the side-by-side table, then evidence and answering steps for one or all problems.

    ``table`` is a segments table and ``steps_table`` its steps
    (:func:`helpers.analysis.compare.table_and_steps` gives both for any source).

    Example:
        >>> "Let them do it" in deviations_html(*table_and_steps(), "deviation-1")
        True
        >>> page = deviations_html(*table_and_steps(), "deviation-2")
        >>> 'data-seg="P2.9"' in page, 'data-seg="P2.7"' in page
        (True, False)
    """
    chosen = [move] if move else list(PROBLEMS)
    return render(
        "compare_deviations.html",
        table=safe(table_html(deviations_table(table, steps_table))),
        note=READING_NOTE,
        not_coded=safe("" if is_coded(table) else message_html(NOT_CODED)),
        problems=safe("".join(evidence_html(problem, table, steps_table) for problem in chosen)),
    )


def evidence_html(move: str, table: pd.DataFrame, steps_table: pd.DataFrame) -> str:
    """The evidence segments of one problem in both languages, then the steps answering it.

    Example:
        >>> page = evidence_html("deviation-2", *table_and_steps())
        >>> page.count("<li><b>Step"), 'data-seg="P3.5"' in page
        (2, True)
    """
    evidence = table[table["move"] == move]
    answering = answering_steps(move, steps_table)
    step_rows = table[table["seg_id"].isin(set(answering["seg_id"]))]
    return render(
        "compare_evidence.html",
        badge=safe(move_badge_html(move)),
        third=move == "middle-peasants",
        evidence=safe(segments_html(evidence) or message_html("No segment is coded so.")),
        steps=list(answering.itertuples()),
        step_segments=safe(segments_html(step_rows)),
    )


def segment_comparison_html(seg_id: str, table=None) -> str:
    """View (b): one segment in both languages, its coding note and its translation notes.

    Example:
        >>> "draught team" in segment_comparison_html("P3.4")
        True
    """
    found = segment_comparison(seg_id, table)
    terms = found["terms"].copy()
    terms["verdict"] = [verdict_text(v) if v else "" for v in terms["verdict"]]
    terms = terms[list(TERM_HEADERS)].rename(columns=TERM_HEADERS)
    row = SimpleNamespace(**{key: found[key] for key in ("seg_id", "move", "zh", "en")})
    notes = table_html(terms) if len(terms) else message_html("No glossary term occurs here.")
    pairing = confidence_note(seg_id, found["confidence"])
    return render(
        "compare_segment.html",
        segment=safe(segment_html(row)),
        pairing=safe(message_html(pairing) if pairing else ""),
        note=found["note"] if str(found["note"] or "").strip() else "(none)",
        terms=safe(notes),
    )


def rendering_view_html(show: str = "all", term: str = "", table=None) -> str:
    """View (c): the term-rendering table with a count of rows and flags.

    Example:
        >>> "⚠ opaque" in rendering_view_html("flagged")
        True
    """
    view = rendering_view(show, term, table)
    flagged = int(view["verdict"].str.startswith("⚠").sum())
    count = f"{len(view)} occurrences shown, {flagged} flagged (marked ⚠)."
    if view.empty:
        return message_html("No occurrence matches; choose 'all' or another term.")
    return message_html(count) + table_html(view)


def compare_static_html(table: pd.DataFrame, steps_table: pd.DataFrame) -> str:
    """All three views, one after another, for a page without a kernel.

    ``table`` is a segments table and ``steps_table`` its steps
    (:func:`helpers.analysis.compare.table_and_steps` gives both for any source).

    Example:
        >>> page = compare_static_html(*table_and_steps())
        >>> page.count("<h3>"), "How terms are rendered" in page and "P3.6" in page
        (3, True)
    """
    comparisons = [
        (seg_id, safe(segment_comparison_html(seg_id, table))) for seg_id in table["seg_id"]
    ]
    return render(
        "compare_page.html",
        deviations=safe(deviations_html(table, steps_table)),
        comparisons=comparisons,
        renderings=safe(rendering_view_html("all", "", table)),
    )
