"""The agreement report as a notebook shows it: the summary in HTML and the confusion heat map.

:func:`agreement` is what a notebook calls (``helpers.agreement``): it measures
(:func:`helpers.analysis.agreement.measure_agreement`) and returns an
:class:`AgreementReport`, which shows itself as the summary
(``templates/agreement_report.html``) and draws :meth:`AgreementReport.confusion_plot`.
"""

from __future__ import annotations

import textwrap
from dataclasses import fields

import pandas as pd
from matplotlib.patches import Rectangle

from helpers.analysis.agreement import (
    Agreement,
    AgreementError,
    demo_codings,  # noqa: F401 (the examples below use it)
    measure_agreement,
)
from helpers.model.coding_store import coding_path
from helpers.model.storage import SaveFileError
from helpers.model.tagset import TagSet
from helpers.render.html import Notice, message_html, table_html
from helpers.render.plots import new_figure, say
from helpers.render.templates import render, safe


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
        say(self.confusion_reading(coder_a, coder_b))
        return figure

    def summary_html(self) -> str:
        """The report as HTML: the numbers with what they mean, then the tables (escaped)."""
        notes = [*self.warnings]
        if len(self.skipped):
            notes.append(
                "Skipped: "
                + "; ".join(f"{row.file} ({row.reason})" for row in self.skipped.itertuples())
            )
        return render(
            "agreement_report.html",
            count=len(self.coders),
            coders=", ".join(self.coders),
            percent=number_text(self.percent, "%"),
            kappa=number_text(self.fleiss.kappa),
            pairwise=number_text(self.fleiss.percent, "%"),
            fleiss=self.fleiss,
            notes=[safe(message_html(note)) for note in notes],
            cohen=safe(table_html(shown_numbers(self.cohen))),
            per_tag=safe(table_html(shown_numbers(self.per_tag))),
            disputed_count=len(self.disputed),
            disputed=safe(table_html(self.disputed) if len(self.disputed) else "<p>None.</p>"),
        )

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
    figure, axes = new_figure(max(5.5, 1.3 * size + 3), max(4.5, 1.1 * size + 2.5))
    axes.imshow(counts, cmap="Blues", vmin=0, vmax=max(counts.max(), 1))
    for row in range(size):
        for column in range(size):
            count = counts[row, column]
            colour = "white" if count > counts.max() / 2 else "black"
            axes.text(column, row, str(count), ha="center", va="center", fontsize=12, color=colour)
        axes.add_patch(
            Rectangle((row - 0.42, row - 0.42), 0.84, 0.84, fill=False, edgecolor="#009E73", lw=2.5)
        )
    labels = [plain(textwrap.fill(tagset.label(tag), 16)) for tag in matrix.index]
    axes.set_xticks(range(size), labels, rotation=30, ha="right", fontsize=9)
    axes.set_yticks(range(size), labels, fontsize=9)
    axes.set_xlabel(f"{plain(coder_b)}'s tag")
    axes.set_ylabel(f"{plain(coder_a)}'s tag")
    axes.set_title(f"{plain(coder_a)} against {plain(coder_b)}: agreement on the outlined diagonal")
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
    """A table with its kappa and percent columns as :func:`number_text` shows them.

    Example:
        >>> shown_numbers(pd.DataFrame({"kappa": [0.5], "percent": [50.0]})).values.tolist()
        [['0.50', '50%']]
    """
    shown = frame.copy()
    for column in shown.columns:
        if column in ("kappa", "percent", "specific agreement %"):
            unit = "" if column == "kappa" else "%"
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
    """
    path = coding_path(coder)
    if not path.exists():
        return Notice(
            f"No coding saved for {coder!r} yet (looked for {path.name}). Code some segments "
            "in the annotator above, then run this cell again."
        )
    try:
        return agreement([path], reference="seed", table=table, tagset=tagset)
    except (AgreementError, SaveFileError) as error:
        return Notice(str(error), "error")
