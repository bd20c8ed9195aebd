"""Agreement between coders: how far the class's codings of the article agree, and where not.

:func:`measure_agreement` reads the coders' save files (one reader for every
version: :func:`helpers.model.coding.read_coding_data`) and returns an
:class:`Agreement`, the tables of the report:

- raw agreement (percent), Cohen's kappa for every pair of coders and Fleiss'
  kappa for the whole class, each beside its raw percent;
- per tag: Fleiss' per-category kappa (Fleiss 1971: how much better than chance
  the coders agree on using this tag or not) and the specific (positive)
  agreement: when one coder uses the tag on a segment, the share of the other
  coders' tags on that segment that are the same tag;
- a confusion matrix for any two coders;
- the disputed segments, most split first, with every coder's tag and note
  and both texts, ready for a class discussion.

The formulas are in :mod:`helpers.analysis.kappa`; the report shown in a
notebook (HTML, the heat map) is :class:`helpers.render.agreement.AgreementReport`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.analysis.kappa import (
    cohen_table,
    disputed_segments,
    fleiss_kappa,
    observed_agreement,
    per_tag_table,
    rating_counts,
)
from helpers.model.coding import Coding, default_article, read_coding_data
from helpers.model.coding_store import decode_json
from helpers.model.paths import data_path
from helpers.model.source import article_id_of, as_table
from helpers.model.storage import SaveFileError
from helpers.model.tagset import TagSet

#: A coder's own save file (backups have a dot in their stem and are left out).
CODING_FILE = re.compile(r"coding-[\w\-]+\.json")
REFERENCE = "reference"


class AgreementError(ValueError):
    """Agreement cannot be computed (one coder only, mixed articles...); the message says why."""


# ---------------------------------------------------------------- reading the codings


def coding_files(folder: str | Path) -> list[Path]:
    """The coders' save files in a folder (backups and broken copies left out).

    Example:
        >>> [path.name for path in coding_files(example_codings())][0]
        'coding-Example_coder_A.json'
    """
    return sorted(path for path in Path(folder).iterdir() if CODING_FILE.fullmatch(path.name))


def example_codings() -> Path:
    """The folder of three example coders' files that ships with the collection.

    They were made by the collection's authors to demonstrate agreement: each
    follows the reference coding except on a few ambiguous segments, with a note.

    Example:
        >>> len(coding_files(example_codings()))
        3
    """
    return data_path("example_codings")


def demo_codings() -> list[dict]:
    """Two small codings (save-file content, version 1), for examples.

    Example:
        >>> [coding["coder"] for coding in demo_codings()]
        ['A', 'B']
    """
    a = {"coder": "A", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "lead"}}
    b = {"coder": "B", "codes": {"P1.1": "lead", "P1.2": "lead", "P1.3": "situation"}}
    return [a, b]


def _sources(files_or_folder) -> list:
    if isinstance(files_or_folder, (str, Path)):
        path = Path(files_or_folder)
        if path.is_dir():
            return coding_files(path)
        if not path.exists():
            raise AgreementError(f"{path} does not exist. Give a folder or a list of files.")
        return [path]
    if isinstance(files_or_folder, (dict, Coding)):
        return [files_or_folder]
    return list(files_or_folder)


def _name_of(source) -> str:
    if isinstance(source, Coding):
        return f"the coding of {source.coder}"
    if isinstance(source, dict):
        return f"the coding of {source.get('coder', '?')}"
    return Path(source).name


def _read(source, table: pd.DataFrame, tagset: TagSet) -> Coding:
    name = _name_of(source)
    if isinstance(source, Coding):
        data = source.file_content()
    elif isinstance(source, dict):
        data = source
    else:
        data = decode_json(Path(source).read_bytes())
    coding = read_coding_data(data, name, default_article(), tagset)
    coding.warnings, coding.source = coding.problems(table), name
    return coding


def read_codings(files_or_folder, table=None, tagset: TagSet | None = None):
    """Read every coding it can; return (codings, skipped files with the reason).

    Unreadable files are skipped and reported, never the end of the reading.

    Example:
        >>> codings, skipped = read_codings([{"coder": "A", "codes": {"P1.1": "lead"}}])
        >>> codings[0].coder, len(skipped)
        ('A', 0)
    """
    table, tagset = as_table(table), tagset if tagset is not None else TagSet.moves()
    codings, skipped = [], []
    for source in _sources(files_or_folder):
        try:
            codings.append(_read(source, table, tagset))
        except (OSError, SaveFileError) as error:
            reason = str(error) if isinstance(error, SaveFileError) else type(error).__name__
            name = source.get("coder", "?") if isinstance(source, dict) else _name_of(source)
            skipped.append({"file": name, "reason": reason})
    return codings, pd.DataFrame(skipped, columns=["file", "reason"])


def _unique_names(codings: list[Coding]) -> list[str]:
    names, seen = [], {}
    for coding in codings:
        name = coding.coder
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


# ---------------------------------------------------------------- the report's tables


@dataclass(frozen=True)
class FleissResult:
    """Fleiss' kappa for the class, with the raw percent beside it and what it was based on."""

    kappa: float
    percent: float
    segments: int
    left_out: int
    coders: int


@dataclass
class Agreement:
    """What :func:`measure_agreement` finds: the coders' tags and notes and the report's tables."""

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
    """Compare coders' codings: a folder of save files, a list of files, or codings.

    ``table`` is the article coded: the seed by default, or any source (an
    article file's path, an Article, a segments table). ``reference="seed"``
    (or True) adds the table's own moves as the coder "reference": the
    hand-coded ones of the seed, or another article's coding applied with
    :func:`helpers.apply_coding`. ``tagset`` orders and labels the tags (the
    moves by default). Raises :class:`AgreementError` with a message when
    there are fewer than two coders, codings of different articles, or
    codings of another article than the table's.

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
    codings, skipped = read_codings(files_or_folder, table, tagset)
    article = _one_article(codings, article_id_of(table) if own_table else "")
    named = list(zip(_unique_names(codings), codings, strict=True))
    tags = {name: {seg: code.tag for seg, code in c.codes.items()} for name, c in named}
    notes = {name: {seg: code.note for seg, code in c.codes.items()} for name, c in named}
    if reference is True or reference == "seed":
        if article != default_article() and not own_table:
            raise AgreementError("The reference coding belongs to the seed article only.")
        _add_reference(tags, notes, table)
    if len(tags) < 2:
        raise AgreementError(_too_few(tags, skipped))
    codings_frame, notes_frame = _frames(tags, notes, table)
    complete = codings_frame.dropna()
    counts = rating_counts(complete)
    return Agreement(
        codings=codings_frame,
        notes=notes_frame,
        percent=_unanimous_percent(complete),
        cohen=cohen_table(codings_frame),
        fleiss=FleissResult(
            kappa=fleiss_kappa(counts),
            percent=100 * observed_agreement(counts) if len(counts) else float("nan"),
            segments=len(complete),
            left_out=len(codings_frame) - len(complete),
            coders=codings_frame.shape[1],
        ),
        per_tag=per_tag_table(counts, tagset),
        disputed=disputed_segments(codings_frame, notes_frame, table),
        skipped=skipped,
        article=article,
        warnings=[f"{c.coder}: {w}" for c in codings for w in c.warnings],
        table=table,
        tagset=tagset,
    )


def _frames(tags: dict, notes: dict, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Segments x coders of the tags and of the notes: the table's segments, then any others."""
    order = [*table["seg_id"], *(seg for coder in tags.values() for seg in coder)]
    index = list(dict.fromkeys(order))
    return tuple(
        pd.DataFrame(cells, index=index, dtype=object).rename_axis("seg_id")
        for cells in (tags, notes)
    )


def _one_article(codings: list[Coding], expected: str) -> str:
    """The article all the codings are of (and the table's, if ``expected``); else an error."""
    articles = {coding.article for coding in codings}
    if len(articles) > 1:
        listing = "; ".join(f"{c.source}: {c.article}" for c in codings)
        raise AgreementError(
            f"These codings are of different articles ({listing}). "
            "Compare the codings of one article at a time."
        )
    if expected and articles and articles != {expected}:
        raise AgreementError(
            f"These codings are of the article {sorted(articles)[0]!r}, but the table given is "
            f"of {expected!r}. Pass the coded article as table=."
        )
    return articles.pop() if articles else default_article()


def _add_reference(tags: dict, notes: dict, table: pd.DataFrame) -> None:
    """Add the table's own coding (its moves) as one more coder, "reference"."""
    name = REFERENCE if REFERENCE not in tags else f"{REFERENCE} (hand-coded)"
    coded = table[table["move"].astype(str) != ""]
    if coded.empty:
        raise AgreementError(
            "The article has no coding to serve as the reference. Code it, then pass "
            "table=helpers.apply_coding(article, coding_file)."
        )
    tags[name] = dict(zip(coded["seg_id"], coded["move"], strict=True))
    notes[name] = dict(zip(coded["seg_id"], coded["note"], strict=True))


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
