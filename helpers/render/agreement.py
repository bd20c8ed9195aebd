"""The agreement report as a notebook shows it: the summary in HTML and the confusion heat map.

:func:`agreement` is what a notebook calls (``helpers.agreement``): it measures
(:func:`helpers.analysis.agreement.measure_agreement`) and returns an
:class:`AgreementReport`, which shows itself as the summary
(``templates/agreement_report.html``: the students among themselves and
against the reference as two figures, who coded how much, the files not used,
the tables, the disputed segments as one card each from
``templates/agreement_disputed.html``) and draws
:meth:`AgreementReport.confusion_plot`.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, fields

import pandas as pd
from matplotlib.patches import Rectangle

from helpers.analysis.agreement import (
    Agreement,
    AgreementError,
    demo_codings,  # noqa: F401 (the examples below use it)
    measure_agreement,
)
from helpers.model.coding_store import coding_path, saved_coding_data
from helpers.model.names import NO_NAME_YET, clean_name
from helpers.model.storage import SaveFileError
from helpers.model.tagset import TagSet
from helpers.model.text import one_line, shorten
from helpers.render.html import STYLE, Notice, message_html, table_html
from helpers.render.plots import new_figure, say, wrapped
from helpers.render.table import shown
from helpers.render.templates import render, safe

#: How much of a disputed segment's texts and notes a card shows (characters).
ZH_LENGTH, EN_LENGTH, NOTE_LENGTH = 48, 140, 160


class AgreementReport(Agreement):
    """What :func:`agreement` finds; show it in a notebook for a summary, or draw a confusion.

    Example:
        >>> report = agreement(demo_codings())
        >>> "Fleiss' kappa" in report.summary_html()
        True
    """

    @classmethod
    def of(cls, result: Agreement) -> AgreementReport:
        """The report of an :class:`~helpers.analysis.agreement.Agreement`.

        Example:
            >>> type(AgreementReport.of(measure_agreement(demo_codings()))).__name__
            'AgreementReport'
        """
        return cls(**{item.name: getattr(result, item.name) for item in fields(result)})

    def confusion_plot(self, coder_a: str, coder_b: str):
        """A heat map of :meth:`confusion`, counts written in every cell; prints a reading.

        Example:
            >>> import matplotlib.pyplot as plt
            >>> figure = agreement(demo_codings()).confusion_plot("A", "B")  # doctest: +ELLIPSIS
            Reading: A and B chose the same tag for 2 of 3 segments...
            >>> plt.close(figure)
        """
        matrix = self.confusion(coder_a, coder_b)
        if matrix.to_numpy().sum() == 0:
            raise AgreementError(f"{coder_a} and {coder_b} have no segment coded by both.")
        figure = confusion_figure(matrix, coder_a, coder_b, self.tagset)
        say(self.confusion_reading(coder_a, coder_b), figure)
        return figure

    def summary_html(self, style: bool = True) -> str:
        """The report as HTML: the two figures with what they mean, then the tables (escaped).

        ``style`` puts the style sheet first (a widget that has it already passes False).
        """
        return (STYLE if style else "") + render("agreement_report.html", **self.summary_values())

    def summary_values(self) -> dict:
        """The values :meth:`summary_html` shows, the numbers as text."""
        among, against = self.figures(), self.against_reference
        pairs = len(self.students) * (len(self.students) - 1) // 2
        shown = self.skipped[["file", "reason"]]
        return {
            "count": len(self.coders),
            "coders": ", ".join(self.coders),
            "students": len(self.students),
            "alpha": number_text(among["students among themselves"]["alpha"]),
            "kappa": number_text(self.fleiss.kappa),
            "pairwise": number_text(self.fleiss.percent, "%"),
            "mean_cohen": number_text(self.mean_cohen),
            "pairs": pairs,
            "percent": number_text(self.percent, "%"),
            "fleiss": self.fleiss,
            "group": self.group,
            "reference": self.reference,
            "against_count": len(against),
            "against_name": ", ".join(against["coder"]),
            "reference_kappa": number_text(against["kappa"].mean()),
            "reference_low": number_text(against["kappa"].min()),
            "reference_high": number_text(against["kappa"].max()),
            "reference_percent": number_text(against["percent"].mean(), "%"),
            "of": len(self.table),
            "incomplete": "; ".join(
                f"{row.coder} coded {row.coded} of {row.of}" for row in self.incomplete.itertuples()
            ),
            "notes": [safe(message_html(note)) for note in self.warnings],
            "skipped_count": len(self.skipped),
            "skipped": safe(table_html(shown)),
            "against": safe(table_html(shown_numbers(against))),
            "cohen": safe(self.pairs_html()),
            "per_tag": safe(table_html(shown_numbers(self.per_tag))),
            "disputed_count": len(self.disputed),
            "disputed": safe(self.disputed_html()),
        }

    def pairs_html(self, most: int = 28) -> str:
        """The pairwise table; for more than ``most`` pairs, one sentence on their spread.

        Example:
            >>> "<table" in agreement(demo_codings()).pairs_html()
            True
        """
        if len(self.cohen) <= most:
            return table_html(shown_numbers(self.cohen))
        kappas = self.cohen["kappa"]
        return message_html(
            f"{len(self.cohen)} pairs: kappa from {number_text(kappas.min())} to "
            f"{number_text(kappas.max())}, median {number_text(kappas.median())}. Every pair "
            "is in report.cohen; confront two coders with report.confusion_plot(a, b)."
        )

    def discussion(self) -> pd.DataFrame:
        """The disputed segments, one compact row each: seg_id, short texts, tags, notes.

        Example:
            >>> agreement(demo_codings()).discussion().columns.tolist()
            ['seg_id', 'zh', 'en', 'tags', 'notes']
        """
        cards = self.disputed_cards()
        rows = [{**card, "notes": " | ".join(card["notes"])} for card in cards]
        return shown(pd.DataFrame(rows, columns=["seg_id", "zh", "en", "tags", "notes"]))

    def disputed_cards(self) -> list[dict]:
        """One card per disputed segment: seg_id, short Chinese and English, tags, notes.

        The tags are counted over the students; the reference's tag is named apart.

        Example:
            >>> agreement(demo_codings()).disputed_cards()[0]["tags"]
            'Lead ×1 · Situation ×1'
        """
        return [
            disputed_card(row, self.students, self.reference, self.tagset)
            for row in self.disputed.to_dict("records")
        ]

    def disputed_html(self) -> str:
        """The disputed segments as cards, readable on a projector and on paper."""
        return render("agreement_disputed.html", cards=self.disputed_cards())

    def discussion_cards(self) -> Cards:
        """The disputed segments as cards, shown in a notebook (for the class discussion).

        Example:
            >>> "ly-dispute" in agreement(demo_codings()).discussion_cards()._repr_html_()
            True
        """
        return Cards(self.disputed_html())

    def confusion_html(self, coder_a: str, coder_b: str) -> str:
        """Two coders' confusion table as HTML, saying which coder is rows and which columns.

        Example:
            >>> "Rows: A's tags" in agreement(demo_codings()).confusion_html("A", "B")
            True
        """
        matrix = self.confusion(coder_a, coder_b)
        shown = matrix.reset_index().rename(columns={matrix.index.name: f"{matrix.index.name} ↓"})
        return render(
            "confusion.html", coder_a=coder_a, coder_b=coder_b, table=safe(table_html(shown))
        )

    def _repr_html_(self) -> str:
        return self.summary_html()

    def __repr__(self) -> str:
        """The report in one sentence where HTML does not show (never the raw tables)."""
        return (
            f"Agreement of {len(self.coders)} codings ({', '.join(self.coders)}) on "
            f"{len(self.table)} segments: Fleiss' kappa {number_text(self.fleiss.kappa)}; "
            f"{len(self.disputed)} segments disputed. Show the report in a notebook for the rest."
        )


@dataclass(frozen=True)
class Cards:
    """HTML that shows itself in a notebook, with the style sheet."""

    html: str

    def _repr_html_(self) -> str:
        return STYLE + self.html


def disputed_card(row: dict, students: list, reference: str | None, tagset: TagSet) -> dict:
    """One disputed segment (a row of ``Agreement.disputed``) as a compact card.

    Example:
        >>> row = {"seg_id": "P1.1", "zh": "一", "en": "One", "tag: A": "lead", "note: A": "why",
        ...        "tag: B": "situation", "note: B": ""}
        >>> disputed_card(row, ["A", "B"], None, TagSet.moves())["notes"]
        ['A (Lead): why']
    """
    tags = {coder: row.get(f"tag: {coder}", "") for coder in [*students, reference] if coder}
    tally = Counter(tags[coder] for coder in students if tags[coder]).most_common()
    shown = [f"{tagset.label(tag)} ×{count}" for tag, count in tally]
    if reference and tags.get(reference):
        shown.append(f"reference: {tagset.label(tags[reference])}")
    notes = [
        f"{coder} ({tagset.label(tags[coder])}): {shorten(row.get(f'note: {coder}'), NOTE_LENGTH)}"
        for coder in tags
        if one_line(row.get(f"note: {coder}")) and coder != reference
    ]
    return {
        "seg_id": row["seg_id"],
        "zh": shorten(row.get("zh", ""), ZH_LENGTH),
        "en": shorten(row.get("en", ""), EN_LENGTH),
        "tags": " · ".join(shown),
        "notes": notes,
    }


def confusion_figure(matrix: pd.DataFrame, coder_a: str, coder_b: str, tagset: TagSet):
    """The heat map of a confusion matrix: counts in the cells, the diagonal outlined.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> matrix = pd.DataFrame([[2, 1], [0, 0]], index=["lead", "x"], columns=["lead", "x"])
        >>> figure = confusion_figure(matrix, "A", "B", TagSet.moves())
        >>> [text.get_text() for text in figure.axes[0].texts]
        ['2', '1', '0', '0']
        >>> plt.close(figure)
    """
    size, counts = len(matrix), matrix.to_numpy()
    figure, axes = new_figure(5.5, 5.5)  # the width a plot shows unshrunk at 1024 px
    axes.imshow(counts, cmap="Blues", vmin=0, vmax=max(counts.max(), 1))
    for row in range(size):
        for column in range(size):
            count = counts[row, column]
            colour = "white" if count > counts.max() / 2 else "black"
            axes.text(column, row, str(count), ha="center", va="center", fontsize=11, color=colour)
        axes.add_patch(
            Rectangle((row - 0.42, row - 0.42), 0.84, 0.84, fill=False, edgecolor="#009E73", lw=2.5)
        )
    labels = [plain(tagset.label(tag)) for tag in matrix.index]
    across = max(6, 60 // max(size, 1))  # the characters a column's label has on one line
    axes.set_xticks(range(size), [textwrap.fill(label, across) for label in labels], fontsize=9)
    axes.set_yticks(range(size), [textwrap.fill(label, 14) for label in labels], fontsize=9)
    axes.set_xlabel(f"{plain(coder_b)}'s tag")
    axes.set_ylabel(f"{plain(coder_a)}'s tag")
    title = f"{plain(coder_a)} against {plain(coder_b)}: agreement on the outlined diagonal"
    axes.set_title(wrapped(title, 56), fontsize=11)
    return figure


def plain(text: str) -> str:
    """Text for matplotlib, with dollar signs kept literal (no mathtext).

    Example:
        >>> plain("price $5")
        'price \\\\$5'
    """
    return str(text).replace("$", r"\$")


def number_text(value: float, unit: str = "") -> str:
    """A kappa (two decimals) or a percent (none) as shown; NaN as "undefined".

    Example:
        >>> number_text(0.4567), number_text(66.67, "%"), number_text(float("nan"))
        ('0.46', '67%', 'undefined')
    """
    if pd.isna(value):
        return "undefined"
    return f"{value:.0f}%" if unit == "%" else f"{value:.2f}"


def shown_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with its kappa, alpha and percent columns as :func:`number_text` shows them.

    Example:
        >>> shown_numbers(pd.DataFrame({"kappa": [0.5], "percent": [50.0]})).values.tolist()
        [['0.50', '50%']]
    """
    shown = frame.copy()
    for column in shown.columns:
        if column in ("kappa", "alpha", "percent", "specific agreement %"):
            unit = "" if column in ("kappa", "alpha") else "%"
            shown[column] = [number_text(value, unit) for value in shown[column]]
    return shown


def agreement(
    files_or_folder, reference=None, table=None, tagset: TagSet | None = None
) -> AgreementReport:
    """Compare coders' codings (a folder of save files, a list of files, or codings): the report.

    The arguments are those of
    :func:`~helpers.analysis.agreement.measure_agreement` (the article coded as
    ``table``, any source; ``reference="seed"`` for the hand-coded moves;
    ``tagset``); the report shows the summary in a notebook and draws
    :meth:`AgreementReport.confusion_plot`. Raises
    :class:`~helpers.analysis.agreement.AgreementError` with a message.

    Example:
        >>> report = agreement(demo_codings())
        >>> round(report.percent, 1), float(report.cohen.loc[0, "kappa"])
        (66.7, 0.0)
    """
    return AgreementReport.of(measure_agreement(files_or_folder, reference, table, tagset))


def compare_with_reference(coder: str, table=None, tagset: TagSet | None = None):
    """One coder's saved coding against the reference coding, or a notice saying what to do.

    Example:
        >>> compare_with_reference("Nobody yet")  # doctest: +ELLIPSIS
        No coding saved for 'Nobody yet' yet...
        >>> compare_with_reference("")  # doctest: +ELLIPSIS
        Give your name first...
    """
    if not clean_name(coder):
        return Notice(NO_NAME_YET)
    saved = saved_coding_data(coder)
    if not saved or not saved["codes"]:
        return Notice(
            f"No coding saved for {coder!r} yet (looked in {coding_path(coder).name}). Code "
            "some segments in the annotator above, then run this cell again."
        )
    try:
        return agreement([saved], reference="seed", table=table, tagset=tagset)
    except (AgreementError, SaveFileError) as error:
        return Notice(str(error), "error")
