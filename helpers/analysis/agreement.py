"""Agreement between coders: how far the class's codings of the article agree, and where not.

:func:`measure_agreement` reads the coders' files (a folder of hand-ins,
coding files and work files under any name, a list of files, save-file
contents or :class:`~helpers.model.coding.Coding` objects; see
:mod:`helpers.analysis.class_codings`) and returns an :class:`Agreement`, the
tables of the report. Two figures, kept apart:

- **the students among themselves** (the reference never counts here):
  Krippendorff's alpha (nominal; every code given, from the ``krippendorff``
  package) as the class figure, with Fleiss' kappa (on each segment, the
  students who coded it) and the mean of the students' pairwise Cohen's kappa
  beside it;
- **the students against the reference** (with ``reference="seed"``): each
  student's Cohen's kappa with the reference coding, and their mean.

A student who coded fewer segments is named with how much they coded
(:attr:`Agreement.coverage`) and every code they gave counts: nobody shrinks
the class's figures or the per-tag table to the segments everyone coded. With
fewer than two students (one student and the reference), the class figures
are those of the two coders compared. The tables: Cohen's kappa for every pair
of coders, per tag Fleiss' per-category kappa, its alpha and the specific
(positive) agreement, a confusion matrix for any two coders, and the disputed
segments, most split first, with every coder's tag and note and both texts.

Another helper may pass a list of :class:`~helpers.model.coding.Coding`
objects (from hand-ins read with :func:`helpers.model.handin.read_hand_in`)::

    measure_agreement([hand_in.coding for hand_in in hand_ins], reference="seed")

The formulas are in :mod:`helpers.analysis.kappa`; the report shown in a
notebook (HTML, the heat map) is :class:`helpers.render.agreement.AgreementReport`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.analysis.class_codings import (  # noqa: F401 (read from here too)
    AgreementError,
    coding_files,
    example_codings,
    read_codings,
    usable_codings,
)
from helpers.analysis.kappa import (
    cohen_table,
    disputed_segments,
    fleiss_kappa,
    krippendorff_alpha,
    observed_agreement,
    pairable,
    per_tag_table,
    rating_counts,
)
from helpers.model.coding import default_article
from helpers.model.source import article_id_of, as_table
from helpers.model.tagset import TagSet

REFERENCE = "reference"


def demo_codings() -> list[dict]:
    """Two small codings (save-file content, version 1), for examples.

    Example:
        >>> [coding["coder"] for coding in demo_codings()]
        ['A', 'B']
    """
    a = {"coder": "A", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "lead"}}
    b = {"coder": "B", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "situation"}}
    return [a, b]


# ---------------------------------------------------------------- the report's tables


@dataclass(frozen=True)
class FleissResult:
    """Fleiss' kappa for the class, the raw pairwise percent beside it, what it was based on.

    ``segments`` are those coded by two coders or more (on each, the coders
    who coded it), ``left_out`` the others, ``coders`` how many were compared.
    """

    kappa: float
    percent: float
    segments: int
    left_out: int
    coders: int


@dataclass
class Agreement:
    """What :func:`measure_agreement` finds: the coders' tags and notes and the report's tables.

    ``reference`` is the name of the reference coder among :attr:`coders`
    (None without one); ``alpha``, ``fleiss``, ``percent``, ``mean_cohen`` and
    ``per_tag`` are the students' among themselves (:attr:`group`);
    ``against_reference`` has each student's Cohen's kappa with the reference;
    ``coverage`` how many of the article's segments each coder coded.
    """

    codings: pd.DataFrame
    notes: pd.DataFrame
    percent: float
    cohen: pd.DataFrame
    fleiss: FleissResult
    per_tag: pd.DataFrame
    disputed: pd.DataFrame
    skipped: pd.DataFrame
    article: str
    warnings: list[str] = field(default_factory=list)
    table: pd.DataFrame = field(default=None, repr=False)
    tagset: TagSet = field(default_factory=TagSet.moves, repr=False)
    reference: str | None = None
    alpha: float = float("nan")
    mean_cohen: float = float("nan")
    against_reference: pd.DataFrame = field(default=None, repr=False)
    coverage: pd.DataFrame = field(default=None, repr=False)

    @property
    def coders(self) -> list[str]:
        """The coders compared, in order (the reference last, if there is one)."""
        return list(self.codings.columns)

    @property
    def students(self) -> list[str]:
        """The coders compared except the reference.

        Example:
            >>> measure_agreement(demo_codings(), reference="seed").students
            ['A', 'B']
        """
        return [coder for coder in self.coders if coder != self.reference]

    @property
    def group(self) -> str:
        """Whose figures the class figures are: "students", or "coders" with fewer than two.

        Example:
            >>> measure_agreement(demo_codings()[:1], reference="seed").group
            'coders'
        """
        return "students" if len(self.students) >= 2 else "coders"

    @property
    def incomplete(self) -> pd.DataFrame:
        """Who coded fewer than all the article's segments, least first: coder, coded, of.

        Example:
            >>> measure_agreement(demo_codings()).incomplete.values.tolist()[0]
            ['A', 3, 19]
        """
        short = self.coverage[self.coverage["coded"] < self.coverage["of"]]
        return short.sort_values("coded", kind="stable").reset_index(drop=True)

    def figures(self) -> dict:
        """The two figures, kept apart: the students among themselves, and against the reference.

        The same numbers the report, the widget and the class overview show.

        Example:
            >>> figures = measure_agreement(demo_codings(), reference="seed").figures()
            >>> sorted(figures), figures["students against the reference"]["students"]
            (['students against the reference', 'students among themselves'], 2)
        """
        students, nan = self.group == "students", float("nan")
        among = {
            "coders": len(self.students),
            "alpha": self.alpha if students else nan,
            "fleiss_kappa": self.fleiss.kappa if students else nan,
            "pairwise_percent": self.fleiss.percent if students else nan,
            "mean_cohen_kappa": self.mean_cohen if students else nan,
            "segments": self.fleiss.segments if students else 0,
        }
        figures = {"students among themselves": among}
        if self.reference is not None:
            against = self.against_reference
            figures["students against the reference"] = {
                "students": len(against),
                "mean_cohen_kappa": float(against["kappa"].mean()),
                "mean_percent": float(against["percent"].mean()),
            }
        return figures

    def _check_pair(self, coder_a: str, coder_b: str) -> pd.DataFrame:
        for coder in (coder_a, coder_b):
            if coder not in self.coders:
                raise AgreementError(
                    f"No coder {coder!r} here; the coders are: {', '.join(self.coders)}."
                )
        if coder_a == coder_b:
            raise AgreementError("Choose two different coders.")
        return self.codings[[coder_a, coder_b]].dropna()

    def confusion(self, coder_a: str, coder_b: str) -> pd.DataFrame:
        """How often coder A's tag (rows) met coder B's tag (columns), on segments both coded.

        Example:
            >>> result = measure_agreement(demo_codings())
            >>> int(result.confusion("A", "B").loc["lead", "situation"])
            1
        """
        both = self._check_pair(coder_a, coder_b)
        tags = self.tagset.ordered(pd.concat([both[coder_a], both[coder_b]]).dropna())
        matrix = pd.crosstab(both[coder_a], both[coder_b]).reindex(
            index=tags, columns=tags, fill_value=0
        )
        return matrix.rename_axis(index=coder_a, columns=coder_b)

    def confusion_reading(self, coder_a: str, coder_b: str) -> str:
        """The confusion of two coders in a sentence: how often they agree, where they differ most.

        Example:
            >>> measure_agreement(demo_codings()).confusion_reading("A", "B")[:40]
            'A and B chose the same tag for 2 of 3 se'
        """
        matrix = self.confusion(coder_a, coder_b)
        total = int(matrix.to_numpy().sum())
        same = int(np.trace(matrix.to_numpy()))
        reading = (
            f"{coder_a} and {coder_b} chose the same tag for {same} of {total} segments "
            f"they both coded ({100 * same / max(total, 1):.0f}%)"
        )
        off = matrix.stack()
        off = off[[row != column for row, column in off.index]]
        if off.empty or off.max() == 0:
            return reading + "; they never disagree."
        (row, column), count = off.idxmax(), int(off.max())
        label_a, label_b = self.tagset.label(row), self.tagset.label(column)
        return (
            reading + f"; the most frequent disagreement: {coder_a} chose {label_a!r} "
            f"where {coder_b} chose {label_b!r} ({count} time{'s' * (count != 1)})."
        )


# ---------------------------------------------------------------- agreement


def measure_agreement(
    files_or_folder, reference=None, table=None, tagset: TagSet | None = None
) -> Agreement:
    """Compare coders' codings: a folder of their files, a list of files, or codings.

    ``files_or_folder``: a folder (every ``.json`` file in it: hand-ins, coding
    and work files, whatever their names), a file, or a list of files,
    save-file contents (dicts) or :class:`~helpers.model.coding.Coding` objects.
    Of a coder's several codings the latest is used; files not used (another
    article, a duplicate, damaged, empty, no coding) are listed in ``skipped``.
    ``table`` is the article coded: the seed by default, or any source (an
    article file's path, an Article, a segments table). ``reference="seed"``
    (or True) adds the table's own moves as the coder "reference": the
    hand-coded ones of the seed, or another article's coding applied with
    :func:`helpers.apply_coding`; it is compared with each student, never
    counted among them. ``tagset`` orders and labels the tags (the moves by
    default). Raises :class:`AgreementError` with a message when there are
    fewer than two coders, or no coding of the table's article.

    Example:
        >>> result = measure_agreement(demo_codings())
        >>> round(result.percent, 1), float(result.cohen.loc[0, "kappa"])
        (66.7, 0.0)
    """
    own_table, tagset = table is not None, tagset if tagset is not None else TagSet.moves()
    try:
        table = as_table(table)
    except (ValueError, OSError) as error:
        raise AgreementError(str(error)) from None
    codings, article, skipped = _read_class(files_or_folder, table, own_table, tagset)
    tags = {c.coder: {seg: code.tag for seg, code in c.codes.items()} for c in codings}
    notes = {c.coder: {seg: code.note for seg, code in c.codes.items()} for c in codings}
    name = None
    if not tags:  # the reference alone is no comparison
        raise AgreementError(_too_few(tags, skipped))
    if reference is True or reference == "seed":
        if article != default_article() and not own_table:
            raise AgreementError("The reference coding belongs to the seed article only.")
        name = _add_reference(tags, notes, table)
    if len(tags) < 2:
        raise AgreementError(_too_few(tags, skipped))
    codings_frame, notes_frame = _frames(tags, notes, table)
    *tables, alpha = _class_tables(codings_frame, name, tagset)
    result = Agreement(
        codings_frame,
        notes_frame,
        *tables,
        alpha=alpha,
        disputed=disputed_segments(codings_frame, notes_frame, table),
        skipped=skipped,
        article=article,
        warnings=[f"{c.coder}: {w}" for c in codings for w in c.warnings],
        table=table,
        tagset=tagset,
        reference=name,
        coverage=_coverage(codings_frame, table),
    )
    _add_pair_figures(result)
    return result


def _read_class(files_or_folder, table: pd.DataFrame, own_table: bool, tagset: TagSet):
    """The codings used (one per coder, of one article), the article, every file not used."""
    codings, skipped = read_codings(files_or_folder, table, tagset)
    codings, article, left_out = usable_codings(codings, article_id_of(table) if own_table else "")
    skipped = pd.concat([frame for frame in (skipped, left_out) if len(frame)] or [skipped])
    return codings, article, skipped.reset_index(drop=True)


def _class_tables(codings: pd.DataFrame, reference: str | None, tagset: TagSet) -> tuple:
    """percent, cohen, fleiss, per_tag, alpha of the students (or all, with fewer than two)."""
    students = [coder for coder in codings.columns if coder != reference]
    group = codings[students] if len(students) >= 2 else codings
    counts = rating_counts(group)
    coded = pairable(counts)
    fleiss = FleissResult(
        kappa=fleiss_kappa(counts),
        percent=100 * observed_agreement(counts),
        segments=len(coded),
        left_out=len(codings) - len(coded),
        coders=group.shape[1],
    )
    tables = (cohen_table(codings), fleiss, per_tag_table(counts, tagset))
    return _unanimous_percent(group), *tables, krippendorff_alpha(counts)


def _add_pair_figures(result: Agreement) -> None:
    """The students' mean Cohen's kappa, and each student against the reference."""
    group = result.students if result.group == "students" else result.coders
    pairs = result.cohen
    among = pairs[pairs["coder_a"].isin(group) & pairs["coder_b"].isin(group)]
    result.mean_cohen = float(among["kappa"].mean()) if len(among) else float("nan")
    rows = []
    for row in pairs.itertuples():
        if result.reference in (row.coder_a, row.coder_b):
            student = row.coder_b if row.coder_a == result.reference else row.coder_a
            rows.append([student, row.segments, row.percent, row.kappa])
    result.against_reference = pd.DataFrame(rows, columns=["coder", "segments", "percent", "kappa"])


def _coverage(codings: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """How many of the table's segments each coder coded."""
    known = codings.loc[[seg for seg in table["seg_id"] if seg in codings.index]]
    return pd.DataFrame(
        {
            "coder": list(codings.columns),
            "coded": [int(known[coder].notna().sum()) for coder in codings.columns],
            "of": len(table),
        }
    )


def _frames(tags: dict, notes: dict, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Segments x coders of the tags and of the notes: the table's segments, then any others."""
    order = [*table["seg_id"], *(seg for coder in tags.values() for seg in coder)]
    index = list(dict.fromkeys(order))
    return tuple(
        pd.DataFrame(cells, index=index, dtype=object).rename_axis("seg_id")
        for cells in (tags, notes)
    )


def _add_reference(tags: dict, notes: dict, table: pd.DataFrame) -> str:
    """Add the table's own coding (its moves) as one more coder, "reference"; its name."""
    name = REFERENCE if REFERENCE not in tags else f"{REFERENCE} (hand-coded)"
    coded = table[table["move"].astype(str) != ""]
    if coded.empty:
        raise AgreementError(
            "The article has no coding to serve as the reference. Code it, then pass "
            "table=helpers.apply_coding(article, coding_file)."
        )
    tags[name] = dict(zip(coded["seg_id"], coded["move"], strict=True))
    notes[name] = dict(zip(coded["seg_id"], coded["note"], strict=True))
    return name


def _too_few(tags: dict, skipped: pd.DataFrame) -> str:
    if tags:
        text = (
            f"Only one coding was found ({', '.join(tags)}): agreement needs at least two "
            "coders. Add another coder's file, or compare with the hand-coded reference "
            "(reference='seed')."
        )
    else:
        text = "No coding was found. Put the coders' files (hand-ins, coding files) in one folder."
    if len(skipped):
        text += " Not used: " + " ".join(skipped["reason"])
    return text


def _unanimous_percent(codings: pd.DataFrame) -> float:
    """The share of segments coded by two or more on which all who coded it gave one tag."""
    given = codings.notna().sum(axis=1)
    coded = codings[given >= 2]
    if coded.empty:
        return float("nan")
    return 100 * float((coded.nunique(axis=1) == 1).mean())
