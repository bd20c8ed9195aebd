"""Where the hits fall, drawn: a matplotlib figure for notebooks, an SVG strip for the widget.

Both take the hits of :func:`helpers.analysis.search.kwic` (or of
:func:`helpers.analysis.hits.compare_terms`, one row per query), put each hit
at its position along the article, coloured by the move of its segment, and
mark the paragraphs; the counts in words (:func:`helpers.analysis.hits.reading_of`)
go with them, so nothing is said by colour alone.

Example:
    >>> from helpers.analysis.search import kwic
    >>> dispersion_svg(kwic("互助组")).startswith("<svg")
    True
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.hits import (
    groups_of,
    hits_by_paragraph,
    paragraph_spans,
    queries_of,
    reading_of,
)
from helpers.analysis.search import LANGUAGE_NAMES
from helpers.model.source import as_table
from helpers.model.tables import moves
from helpers.render.escaping import escape
from helpers.render.html import move_colour, move_label
from helpers.render.plots import new_figure, say, wrapped
from helpers.render.templates import render, safe


def dispersion_plot(hits: pd.DataFrame, lang: str | None = None, table=None):
    """Where the hits fall along the article: one row per query, paragraphs marked.

    Each hit is a tick at its position (characters into the article of that
    language), coloured by the move of its segment, with a legend; the
    paragraph boundaries are labelled P1, P2, ...; the title and the printed
    reading give the counts in words. Takes :func:`helpers.kwic` or
    :func:`helpers.compare_terms` results.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> figure = dispersion_plot(kwic("互助组"))
        Reading: 13 hits for 互助组: 0 in P1, 3 in P2, 10 in P3.
        >>> import matplotlib.pyplot as plt; plt.close(figure)
    """
    figure, reading = _draw_dispersion(hits, lang, table)
    say(reading, figure)
    return figure


def _draw_dispersion(hits: pd.DataFrame, lang: str | None, table):
    """The dispersion figure and its one-line reading (not printed)."""
    table = as_table(table)
    lang = lang or hits.attrs.get("lang", "zh")
    queries = queries_of(hits)
    counts = hits_by_paragraph(hits, table)
    figure, axes = new_figure(5.5, 2.6 + 0.6 * len(queries))  # fits a notebook 1024 px wide
    paragraphs, total_length = paragraph_spans(table, lang)
    _mark_paragraphs(axes, paragraphs)
    drawn = set()
    for row, (_, group) in enumerate(groups_of(hits)):
        y = len(queries) - 1 - row
        for move, part in group.groupby("move", sort=False):
            label = None if move in drawn else move_label(move)
            drawn.add(move)
            axes.vlines(
                part["position"], y - 0.35, y + 0.35, colors=move_colour(move), label=label, lw=2
            )
    axes.set_yticks(
        range(len(queries)),
        [f"{query} ({counts.loc[query, 'total']})" for query in reversed(queries)],
    )
    axes.set_ylim(-0.6, len(queries) - 0.4)
    axes.set_xlim(0, total_length)
    unit = "characters" if lang == "zh" else "characters (letters and spaces)"
    axes.set_xlabel(f"{unit} into the {LANGUAGE_NAMES[lang]} article", fontsize=10)
    axes.tick_params(labelsize=10)
    title = "; ".join(f"{query}: {counts.loc[query, 'total']} hits" for query in queries)
    axes.set_title(wrapped(f"{title} ({LANGUAGE_NAMES[lang]})", 60), pad=22, fontsize=12)
    if drawn:
        _move_legend(axes)
    return figure, reading_of(hits, counts=counts)


def _move_legend(axes) -> None:
    """A legend of the moves drawn, in the article's order of moves."""
    order = {move_label(move): number for number, move in enumerate(moves()["move"])}
    handles, labels = axes.get_legend_handles_labels()
    pairs = sorted(zip(labels, handles, strict=True), key=lambda pair: order.get(pair[0], 99))
    axes.figure.legend(
        [handle for _, handle in pairs], [label for label, _ in pairs], loc="outside lower center",
        ncols=2, fontsize=10, title="move", title_fontsize=10, frameon=False,
    )  # fmt: skip


def _mark_paragraphs(axes, paragraphs) -> None:
    """Dashed lines where paragraphs start, and P1, P2, ... above each paragraph."""
    for para, start, end in paragraphs:
        if start > 0:
            axes.axvline(start, color="#555555", linestyle="--", linewidth=1)
        axes.text(
            (start + end) / 2, 1.01, f"P{para}", transform=axes.get_xaxis_transform(),
            ha="center", va="bottom", fontsize=10,
        )  # fmt: skip


def dispersion_svg(
    hits: pd.DataFrame, lang: str | None = None, table=None, reading: str | None = None
) -> str:
    """Where the hits fall, as a small SVG strip for the search widget (no matplotlib: instant).

    One tick per hit at its position, coloured by the move of its segment
    (hover a tick for its segment id), paragraph starts dashed and labelled
    P1, P2, ...; the reading in words (``reading``, if already made by
    :func:`helpers.analysis.hits.reading_of`) is the strip's text alternative.

    Example:
        >>> from helpers.analysis.search import kwic
        >>> svg = dispersion_svg(kwic("互助组"))
        >>> svg.count('<line class="hit"'), "13 hits for 互助组" in svg
        (13, True)
    """
    table = as_table(table)
    lang = lang or hits.attrs.get("lang", "zh")
    paragraphs, total = paragraph_spans(table, lang)
    width, left, height = 560, 10, 62  # about as wide as it shows at 1024 px: text unshrunk

    def x(position) -> float:
        return round(left + (width - 2 * left) * float(position) / total, 1)

    return render(
        "dispersion_svg.html",
        width=width,
        left=left,
        height=height,
        reading=reading_of(hits, table) if reading is None else reading,
        paragraphs=[
            {"para": para, "dashed": start > 0, "start": x(start), "middle": x((start + end) / 2)}
            for para, start, end in paragraphs
        ],
        ticks=safe(
            "".join(
                f'<line class="hit" x1="{x(row.position)}" x2="{x(row.position)}" y1="18" '
                f'y2="40" stroke="{move_colour(row.move)}" stroke-width="2">'
                f"<title>{escape(row.seg_id)}: {escape(move_label(row.move))}</title></line>"
                for row in hits.itertuples(index=False)
            )
        ),
    )
