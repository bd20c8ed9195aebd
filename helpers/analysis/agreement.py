"""Agreement between coders: how far the class's codings of the article agree, and where not.

:func:`agreement` reads the coders' save files (see :mod:`helpers.annotate`)
and returns an :class:`AgreementReport`:

- raw agreement (percent), Cohen's kappa for every pair of coders and Fleiss'
  kappa for the whole class, each beside its raw percent;
- per tag: Fleiss' per-category kappa (Fleiss 1971: how much better than chance
  the coders agree on using this tag or not) and the specific (positive)
  agreement: when one coder uses the tag on a segment, the share of the other
  coders' tags on that segment that are the same tag;
- a confusion matrix for any two coders, as a table and as a heat map;
- the disputed segments, most split first, with every coder's tag and note
  and both texts, ready for a class discussion.

The kappas are computed here in a few lines of pandas (no extra package):
kappa = (observed - expected) / (1 - expected), where "expected" is the
agreement two coders would reach by chance with the same tag frequencies.
It is 1 for full agreement and 0 for agreement no better than chance. When
chance alone gives full agreement (everyone used one single tag), kappa is
undefined and shown as NaN ("undefined"); the raw percent still says 100.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from helpers.model.paths import data_path, work_dir
from helpers.model.source import article_id_of, as_table
from helpers.model.storage import SaveFileError
from helpers.model.tables import moves
from helpers.render.html import Notice, escape, message_html, move_label, table_html
from helpers.render.plots import new_figure, say
from helpers.views.annotator import coding_path, default_article, parse_coding
from helpers.views.tool import StaticFormBox, html_pane, set_html

#: A coder's own save file (backups have a dot in their stem and are left out).
CODING_FILE = re.compile(r"coding-[\w\-]+\.json")
REFERENCE = "reference"


class AgreementError(ValueError):
    """Agreement cannot be computed (one coder only, mixed articles...); the message says why."""


# ---------------------------------------------------------------- the formulas


def chance_corrected(observed: float, expected: float) -> float:
    """Kappa from observed and chance agreement: (observed - expected) / (1 - expected).

    NaN when chance alone gives full agreement (expected = 1).

    Example:
        >>> chance_corrected(0.7, 0.5)
        0.4
    """
    if abs(expected - 1.0) <= 1e-8 + 1e-5:  # np.isclose(expected, 1.0), without its overhead
        return float("nan")
    return round(float((observed - expected) / (1 - expected)), 12)


def cohen_kappa(tags_a, tags_b) -> float:
    """Cohen's kappa of two coders' tags for the same segments (two equal-length lists).

    Example:
        >>> cohen_kappa(["x", "x", "y", "y"], ["x", "x", "y", "x"])
        0.5
    """
    pairs = pd.DataFrame({"a": list(tags_a), "b": list(tags_b)})
    if pairs.empty:
        return float("nan")
    observed = (pairs["a"] == pairs["b"]).mean()
    share_a = pairs["a"].value_counts(normalize=True)
    share_b = pairs["b"].value_counts(normalize=True)
    expected = (share_a * share_b).sum()  # tags only one coder used give NaN, skipped
    return chance_corrected(observed, expected)


def rating_counts(codings: pd.DataFrame) -> pd.DataFrame:
    """How many coders gave each tag to each segment: segments x tags, from segments x coders.

    Example:
        >>> codings = pd.DataFrame({"A": ["x", "y"], "B": ["x", "x"]}, index=["s1", "s2"])
        >>> rating_counts(codings).to_dict("index")
        {'s1': {'x': 2, 'y': 0}, 's2': {'x': 1, 'y': 1}}
    """
    long = codings.rename_axis("seg_id").reset_index().melt("seg_id", value_name="tag").dropna()
    counts = pd.crosstab(long["seg_id"], long["tag"])
    counts = counts.reindex([seg for seg in codings.index if seg in counts.index])
    return counts.rename_axis(index=None, columns=None)


def observed_agreement(counts: pd.DataFrame) -> float:
    """Fleiss' observed agreement: the mean share of agreeing coder pairs per segment.

    Example:
        >>> observed_agreement(pd.DataFrame({"x": [2, 1], "y": [0, 1]}))
        0.5
    """
    raters = counts.sum(axis=1)
    agreeing_pairs = (counts * (counts - 1)).sum(axis=1)
    return float((agreeing_pairs / (raters * (raters - 1))).mean())


def fleiss_kappa(counts: pd.DataFrame) -> float:
    """Fleiss' kappa from a segments x tags count table (every segment with as many coders).

    Example:
        >>> fleiss_kappa(pd.DataFrame({"x": [3, 0], "y": [0, 3]}))
        1.0
    """
    if counts.empty:
        return float("nan")
    shares = counts.sum() / counts.to_numpy().sum()
    expected = (shares**2).sum()
    return chance_corrected(observed_agreement(counts), expected)


def per_tag_kappa(counts: pd.DataFrame) -> pd.Series:
    """Fleiss' per-category kappa: agreement on using each tag or not, beyond chance.

    kappa_j = 1 - sum_i n_ij (n - n_ij) / (N n (n - 1) p_j (1 - p_j)).

    Example:
        >>> per_tag_kappa(pd.DataFrame({"x": [2, 0], "y": [0, 2]})).tolist()
        [1.0, 1.0]
    """
    raters = counts.sum(axis=1).iloc[0]
    items = len(counts)
    shares = counts.sum() / (items * raters)
    disagreeing = (counts * (raters - counts)).sum()
    spread = items * raters * (raters - 1) * shares * (1 - shares)
    kappas = 1 - disagreeing / spread
    return kappas.where(~np.isclose(spread, 0)).round(12)


def specific_agreement(counts: pd.DataFrame) -> pd.Series:
    """Specific (positive) agreement per tag: sum n_ij (n_ij - 1) / sum n_ij (n - 1).

    For two coders it is 2a / (2a + b + c), the classic positive agreement.

    Example:
        >>> specific_agreement(pd.DataFrame({"x": [2, 1], "y": [0, 1]})).tolist()
        [0.6666666666666666, 0.0]
    """
    raters = counts.sum(axis=1)
    same = (counts * (counts - 1)).sum()
    possible = counts.mul(raters - 1, axis=0).sum()
    return same / possible


# ---------------------------------------------------------------- reading the codings


def coding_files(folder: str | Path) -> list[Path]:
    """The coders' save files in a folder (backups and broken copies left out).

    Example:
        >>> coding_files(work_dir()) == sorted(coding_files(work_dir()))
        True
    """
    return sorted(path for path in Path(folder).iterdir() if CODING_FILE.fullmatch(path.name))


def _sources(files_or_folder) -> list:
    if isinstance(files_or_folder, (str, Path)):
        path = Path(files_or_folder)
        if path.is_dir():
            return coding_files(path)
        if not path.exists():
            raise AgreementError(f"{path} does not exist. Give a folder or a list of files.")
        return [path]
    if isinstance(files_or_folder, dict):
        return [files_or_folder]
    return list(files_or_folder)


def _read(source, table: pd.DataFrame) -> dict:
    if isinstance(source, dict):
        data, name = source, f"the coding of {source.get('coder', '?')}"
    else:
        name = Path(source).name
        data = json.loads(Path(source).read_bytes().decode("utf-8-sig"))
    article = data.get("article") if isinstance(data, dict) else None
    coding = parse_coding(data, name, table, article if isinstance(article, str) else None)
    coding["source"] = name
    return coding


def read_codings(files_or_folder, table=None) -> tuple[list, pd.DataFrame]:
    """Read every coding it can; return (codings, skipped files with the reason).

    Unreadable files are skipped and reported, never the end of the reading.

    Example:
        >>> codings, skipped = read_codings([{"coder": "A", "codes": {"P1.1": "lead"}}])
        >>> codings[0]["coder"], len(skipped)
        ('A', 0)
    """
    table = as_table(table)
    codings, skipped = [], []
    for source in _sources(files_or_folder):
        try:
            codings.append(_read(source, table))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, SaveFileError) as error:
            name = source.get("coder", "?") if isinstance(source, dict) else Path(source).name
            reason = str(error) if isinstance(error, SaveFileError) else type(error).__name__
            if isinstance(error, (UnicodeDecodeError, json.JSONDecodeError)):
                reason = "not readable JSON (damaged or cut short)"
            skipped.append({"file": name, "reason": reason})
    return codings, pd.DataFrame(skipped, columns=["file", "reason"])


def _unique_names(codings: list[dict]) -> list[str]:
    names, seen = [], {}
    for coding in codings:
        name = coding["coder"]
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class FleissResult:
    """Fleiss' kappa for the class, with the raw percent beside it and what it was based on."""

    kappa: float
    percent: float
    segments: int
    left_out: int
    coders: int


@dataclass
class AgreementReport:
    """What :func:`agreement` finds; show it in a notebook for a summary."""

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

    @property
    def coders(self) -> list[str]:
        """The coders compared, in order."""
        return list(self.codings.columns)

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
            >>> report = agreement(_demo_codings())
            >>> int(report.confusion("A", "B").loc["lead", "situation"])
            1
        """
        both = self._check_pair(coder_a, coder_b)
        tags = _ordered_tags(pd.concat([both[coder_a], both[coder_b]]))
        matrix = pd.crosstab(both[coder_a], both[coder_b]).reindex(
            index=tags, columns=tags, fill_value=0
        )
        return matrix.rename_axis(index=coder_a, columns=coder_b)

    def confusion_plot(self, coder_a: str, coder_b: str):
        """A heat map of :meth:`confusion`, counts written in every cell; prints a reading.

        Example:
            >>> import matplotlib.pyplot as plt
            >>> figure = agreement(_demo_codings()).confusion_plot("A", "B")  # doctest: +ELLIPSIS
            Reading: A and B chose the same tag for 2 of 3 segments...
            >>> plt.close(figure)
        """
        matrix = self.confusion(coder_a, coder_b)
        if matrix.to_numpy().sum() == 0:
            raise AgreementError(f"{coder_a} and {coder_b} have no segment coded by both.")
        size = len(matrix)
        figure, axes = new_figure(max(5.5, 1.3 * size + 3), max(4.5, 1.1 * size + 2.5))
        counts = matrix.to_numpy()
        axes.imshow(counts, cmap="Blues", vmin=0, vmax=max(counts.max(), 1))
        for row in range(size):
            for column in range(size):
                count = counts[row, column]
                dark = count > counts.max() / 2
                axes.text(
                    column,
                    row,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=12,
                    color="white" if dark else "black",
                )
            axes.add_patch(
                Rectangle(
                    (row - 0.42, row - 0.42), 0.84, 0.84, fill=False, edgecolor="#009E73", lw=2.5
                )
            )
        labels = [_plain(textwrap.fill(move_label(tag), 16)) for tag in matrix.index]
        axes.set_xticks(range(size), labels, rotation=30, ha="right", fontsize=9)
        axes.set_yticks(range(size), labels, fontsize=9)
        axes.set_xlabel(f"{_plain(coder_b)}'s tag")
        axes.set_ylabel(f"{_plain(coder_a)}'s tag")
        axes.set_title(
            f"{_plain(coder_a)} against {_plain(coder_b)}: agreement on the outlined diagonal"
        )
        say(_confusion_reading(matrix, coder_a, coder_b))
        return figure

    def summary_html(self) -> str:
        """The report as HTML: the numbers with what they mean, then the tables (escaped)."""
        fleiss = self.fleiss
        lines = [
            f"<p><b>{len(self.coders)} coders</b>: {escape(', '.join(self.coders))}.</p>",
            f"<p><b>All coders agree</b> on {_number(self.percent, '%')} of the "
            f"{fleiss.segments} segments everyone coded.</p>",
            f"<p><b>Fleiss' kappa</b> (the class): {_number(fleiss.kappa)}, beside a raw "
            f"pairwise agreement of {_number(fleiss.percent, '%')}; based on the "
            f"{fleiss.segments} segments coded by all {fleiss.coders} coders "
            f"({fleiss.left_out} left out). Kappa is 1 for full agreement and 0 for "
            "agreement no better than chance.</p>",
        ]
        notes = [*self.warnings]
        if len(self.skipped):
            notes.append(
                "Skipped: "
                + "; ".join(f"{row.file} ({row.reason})" for row in self.skipped.itertuples())
            )
        parts = [*lines, *(message_html(note) for note in notes)]
        parts += ["<h4>Every pair of coders (Cohen's kappa)</h4>", table_html(_shown(self.cohen))]
        parts += ["<h4>Per tag</h4>", table_html(_shown(self.per_tag))]
        parts += [f"<h4>Disputed segments ({len(self.disputed)})</h4>"]
        parts += [table_html(self.disputed) if len(self.disputed) else "<p>None.</p>"]
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.summary_html()


def _plain(text: str) -> str:
    """Text for matplotlib, with dollar signs kept literal (no mathtext)."""
    return str(text).replace("$", r"\$")


def _number(value: float, unit: str = "") -> str:
    if pd.isna(value):
        return "undefined"
    return f"{value:.0f}%" if unit == "%" else f"{value:.2f}"


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    for column in shown.columns:
        if column in ("kappa", "percent", "specific agreement %"):
            unit = "" if column == "kappa" else "%"
            shown[column] = [_number(value, unit) for value in shown[column]]
    return shown


def _ordered_tags(tags) -> list[str]:
    known = list(moves()["move"])
    present = set(pd.Series(tags).dropna())
    own = sorted(present - set(known), key=str.casefold)
    return [tag for tag in known if tag in present] + own


def _confusion_reading(matrix: pd.DataFrame, coder_a: str, coder_b: str) -> str:
    total = int(matrix.to_numpy().sum())
    same = int(np.trace(matrix.to_numpy()))
    reading = (
        f"{coder_a} and {coder_b} chose the same tag for {same} of {total} segments "
        f"they both coded ({100 * same / total:.0f}%)"
    )
    off = matrix.stack()
    off = off[[row != column for row, column in off.index]]
    if off.empty or off.max() == 0:
        return reading + "; they never disagree."
    (row, column), count = off.idxmax(), int(off.max())
    return (
        reading + f"; the most frequent disagreement: {coder_a} chose {move_label(row)!r} "
        f"where {coder_b} chose {move_label(column)!r} ({count} time{'s' * (count != 1)})."
    )


def _demo_codings() -> list[dict]:
    """Two small codings for the examples."""
    a = {"coder": "A", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "lead"}}
    b = {"coder": "B", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "situation"}}
    return [a, b]


# ---------------------------------------------------------------- agreement


def agreement(files_or_folder, reference=None, table=None):
    """Compare coders' codings: a folder of save files, a list of files, or codings (dicts).

    ``table`` is the article coded: the seed by default, or any source (an
    article file's path, an Article, a segments table). ``reference="seed"``
    (or True) adds the table's own moves as the coder "reference": the
    hand-coded ones of the seed, or another article's coding applied with
    :func:`helpers.apply_coding`. Raises :class:`AgreementError` with a
    message when there are fewer than two coders, codings of different
    articles, or codings of another article than the table's.

    Example:
        >>> report = agreement(_demo_codings())
        >>> round(report.percent, 1), float(report.cohen.loc[0, "kappa"])
        (66.7, 0.0)
    """
    own_table = table is not None
    try:
        table = as_table(table)
    except (ValueError, OSError) as error:
        raise AgreementError(str(error)) from None
    codings, skipped = read_codings(files_or_folder, table)
    articles = {coding["article"] for coding in codings}
    if len(articles) > 1:
        listing = "; ".join(f"{c['source']}: {c['article']}" for c in codings)
        raise AgreementError(
            f"These codings are of different articles ({listing}). "
            "Compare the codings of one article at a time."
        )
    expected = article_id_of(table) if own_table else ""
    if expected and articles and articles != {expected}:
        raise AgreementError(
            f"These codings are of the article {sorted(articles)[0]!r}, but the table given is "
            f"of {expected!r}. Pass the coded article as table=."
        )
    article = articles.pop() if articles else default_article()
    names = _unique_names(codings)
    tags = {
        name: {seg: code["tag"] for seg, code in c["codes"].items()}
        for name, c in zip(names, codings, strict=True)
    }
    notes = {
        name: {seg: code["note"] for seg, code in c["codes"].items()}
        for name, c in zip(names, codings, strict=True)
    }
    if reference is True or reference == "seed":
        if article != default_article() and not own_table:
            raise AgreementError("The reference coding belongs to the seed article only.")
        name = REFERENCE if REFERENCE not in tags else f"{REFERENCE} (hand-coded)"
        coded = table[table["move"].astype(str) != ""]
        if coded.empty:
            raise AgreementError(
                "The article has no coding to serve as the reference. Code it, then pass "
                "table=helpers.apply_coding(article, coding_file)."
            )
        tags[name] = dict(zip(coded["seg_id"], coded["move"], strict=True))
        notes[name] = dict(zip(coded["seg_id"], coded["note"], strict=True))
    if len(tags) < 2:
        raise AgreementError(_too_few(tags, skipped))
    order = list(table["seg_id"])
    order += [seg for coder in tags.values() for seg in coder if seg not in set(order)]
    order = list(dict.fromkeys(order))
    codings_frame = pd.DataFrame(tags, index=order, dtype=object).rename_axis("seg_id")
    notes_frame = pd.DataFrame(notes, index=order, dtype=object).rename_axis("seg_id")
    complete = codings_frame.dropna()
    counts = rating_counts(complete)
    warnings = [f"{c['coder']}: {w}" for c in codings for w in c["warnings"]]
    return AgreementReport(
        codings=codings_frame,
        notes=notes_frame,
        percent=_unanimous_percent(complete),
        cohen=_cohen_table(codings_frame),
        fleiss=FleissResult(
            kappa=fleiss_kappa(counts),
            percent=100 * observed_agreement(counts) if len(counts) else float("nan"),
            segments=len(complete),
            left_out=len(codings_frame) - len(complete),
            coders=codings_frame.shape[1],
        ),
        per_tag=_per_tag_table(counts),
        disputed=_disputed(codings_frame, notes_frame, table),
        skipped=skipped,
        article=article,
        warnings=warnings,
        table=table,
    )


def _too_few(tags: dict, skipped: pd.DataFrame) -> str:
    if tags:
        text = (
            f"Only one coding was found ({', '.join(tags)}): agreement needs at least two "
            "coders. Add another coder's file, or compare with the hand-coded reference "
            "(reference='seed')."
        )
    else:
        text = "No coding was found. Put the coders' coding-*.json files in one folder."
    if len(skipped):
        text += " Skipped: " + "; ".join(f"{r.file} ({r.reason})" for r in skipped.itertuples())
    return text


def _unanimous_percent(complete: pd.DataFrame) -> float:
    if complete.empty:
        return float("nan")
    return 100 * float((complete.nunique(axis=1) == 1).mean())


def _cohen_table(codings: pd.DataFrame) -> pd.DataFrame:
    """Cohen's kappa and raw percent for every pair of coders, on the segments both coded.

    Plain Python over each coder's column read once: a class of 30 coders has
    435 pairs, and pandas objects per pair would cost a second.
    """
    columns = {coder: _given(codings[coder].tolist()) for coder in codings.columns}
    rows = []
    for coder_a, coder_b in combinations(codings.columns, 2):
        both = [
            (tag_a, tag_b)
            for tag_a, tag_b in zip(columns[coder_a], columns[coder_b], strict=True)
            if tag_a is not None and tag_b is not None
        ]
        same = sum(tag_a == tag_b for tag_a, tag_b in both)
        rows.append(
            {
                "coder_a": coder_a,
                "coder_b": coder_b,
                "segments": len(both),
                "percent": 100 * (same / len(both)) if both else float("nan"),
                "kappa": _pair_kappa(both, same),
            }
        )
    return pd.DataFrame(rows, columns=["coder_a", "coder_b", "segments", "percent", "kappa"])


def _given(tags: list) -> list:
    """The tags with every missing one (NaN, None) as None."""
    return [None if _missing(tag) else tag for tag in tags]


def _missing(value) -> bool:
    """Is a cell of the codings empty (None, NaN or pd.NA)?"""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _pair_kappa(both: list[tuple], same: int) -> float:
    """Cohen's kappa of (tag_a, tag_b) pairs, ``same`` of them equal: as :func:`cohen_kappa`."""
    if not both:
        return float("nan")
    shares_a = Counter(tag_a for tag_a, _ in both)
    shares_b = Counter(tag_b for _, tag_b in both)
    count = len(both)
    chance = sum(shares_a[tag] * shares_b[tag] for tag in shares_a if tag in shares_b)
    return chance_corrected(same / count, chance / (count * count))


def _per_tag_table(counts: pd.DataFrame) -> pd.DataFrame:
    columns = ["tag", "label", "uses", "kappa", "specific agreement %"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    tags = _ordered_tags(counts.columns)
    counts = counts[tags]
    return pd.DataFrame(
        {
            "tag": tags,
            "label": [move_label(tag) for tag in tags],
            "uses": counts.sum().to_list(),
            "kappa": per_tag_kappa(counts).to_list(),
            "specific agreement %": (100 * specific_agreement(counts)).to_list(),
        },
        columns=columns,
    )


def _disputed(codings: pd.DataFrame, notes: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The segments the coders split on, most split first, with every tag, note and text."""
    texts_zh = dict(zip(table["seg_id"], table["zh"], strict=True))
    texts_en = dict(zip(table["seg_id"], table["en"], strict=True))
    coders = list(codings.columns)
    tag_columns = [_given(codings[coder].tolist()) for coder in coders]
    note_columns = [_given(notes[coder].tolist()) for coder in coders]
    rows = []
    for number, seg_id in enumerate(codings.index):
        tags = [column[number] for column in tag_columns]
        tally = Counter(tag for tag in tags if tag is not None).most_common()
        if len(tally) < 2:  # fewer than two coders, or all of one mind
            continue
        given = sum(count for _, count in tally)
        row = {
            "seg_id": seg_id,
            "zh": texts_zh.get(seg_id, ""),
            "en": texts_en.get(seg_id, ""),
            "split": ", ".join(f"{tag} ×{count}" for tag, count in tally),
            "tags": len(tally),
            "majority %": 100 * tally[0][1] / given,
            "order": number,
        }
        for coder, tag, notes_column in zip(coders, tags, note_columns, strict=True):
            row[f"tag: {coder}"] = "" if tag is None else tag
            note = notes_column[number]
            row[f"note: {coder}"] = "" if note is None else note
        rows.append(row)
    if not rows:
        return pd.DataFrame(columns=["seg_id", "zh", "en", "split", "tags", "majority %"])
    frame = pd.DataFrame(rows)
    frame = frame.sort_values(["tags", "majority %", "order"], ascending=[False, True, True])
    return frame.drop(columns="order").reset_index(drop=True)


# ---------------------------------------------------------------- the widget


def agreement_widget(folder: str | Path | None = None, table=None) -> StaticFormBox:
    """Compare the coding files in a folder; pick two coders to see their confusion table.

    ``table`` is the article coded (the seed by default, or an article file's
    path, an Article, a segments table).

    Example:
        >>> box = agreement_widget()
        >>> box.controls.compare.description
        'Compare'
    """
    controls = SimpleNamespace(
        folder=widgets.Text(
            value=str(folder or work_dir()),
            description="Folder:",
            layout=widgets.Layout(width="40em"),
        ),
        reference=widgets.Checkbox(value=False, description="Include the hand-coded reference"),
        compare=widgets.Button(description="Compare", button_style="primary"),
        coder_a=widgets.Dropdown(description="Rows:", options=[]),
        coder_b=widgets.Dropdown(description="Columns:", options=[]),
        result=html_pane(message_html("Press Compare to read the coding files in the folder.")),
        confusion=html_pane(),
    )
    state = SimpleNamespace(report=None, loading=False)

    def show_confusion(_change=None):
        if state.report is None or state.loading:
            return
        try:
            matrix = state.report.confusion(controls.coder_a.value, controls.coder_b.value)
        except AgreementError as error:
            set_html(controls.confusion, message_html(str(error), "error"))
            return
        shown = matrix.reset_index().rename(columns={matrix.index.name: f"{matrix.index.name} ↓"})
        set_html(
            controls.confusion,
            f"<p>Rows: {escape(controls.coder_a.value)}'s tags; columns: "
            f"{escape(controls.coder_b.value)}'s tags.</p>" + table_html(shown),
        )

    def compare(_button=None):
        try:
            report = agreement(
                controls.folder.value.strip(), reference=controls.reference.value, table=table
            )
        except (AgreementError, OSError) as error:
            state.report = None
            set_html(controls.result, message_html(str(error), "error"))
            set_html(controls.confusion, "")
            return
        state.report, state.loading = report, True
        try:
            controls.coder_a.options = report.coders
            controls.coder_b.options = report.coders
            controls.coder_a.value, controls.coder_b.value = report.coders[0], report.coders[1]
        finally:
            state.loading = False
        set_html(controls.result, report.summary_html())
        show_confusion()

    controls.compare.on_click(compare)
    controls.coder_a.observe(show_confusion, "value")
    controls.coder_b.observe(show_confusion, "value")

    def static_html():
        if state.report is None:
            return message_html("Run the notebook and press Compare to see the agreement.")
        return state.report.summary_html() + controls.confusion.value

    box = StaticFormBox(
        [
            widgets.HBox([controls.folder, controls.compare]),
            controls.reference,
            controls.result,
            widgets.HBox([controls.coder_a, controls.coder_b]),
            controls.confusion,
        ],
        static_html=static_html,
    )
    box.controls = controls
    box.state = state
    return box


def example_codings() -> Path:
    """The folder of three example coders' files that ships with the collection.

    They were made by the collection's authors to demonstrate agreement: each
    follows the reference coding except on a few ambiguous segments, with a note.

    Example:
        >>> sorted(path.name for path in coding_files(example_codings()))[0]
        'coding-Example_coder_A.json'
    """
    return data_path("example_codings")


def compare_with_reference(coder: str, table=None):
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
        return agreement([path], reference="seed", table=table)
    except (AgreementError, SaveFileError) as error:
        return Notice(str(error), "error")
