"""The report of a corpus load in words: what was read, what was skipped and why.

:class:`CorpusReport` is what :func:`helpers.model.corpus.load_corpus` returns
beside its table. Many broken files make a short summary by reason (a few
names and a count each), never one paragraph per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.model.text import shorten

#: Up to this many files skipped, each is named with its reason; more are counted by reason.
FEW = 5

#: The longest problem kept for one file (characters).
MAX_PROBLEM_CHARS = 300

#: Why a sub-folder is not read.
SUB_FOLDER = (
    "a sub-folder: files in sub-folders are not read. Load that folder on its own, or move "
    "its files up."
)


@dataclass
class CorpusReport:
    """What :func:`load_corpus` read and what it skipped, and why.

    ``loaded`` has one row per article (article_id, file, segments,
    aligned_by: 'hand-checked' or 'automatic'); ``skipped`` one row per file
    that could not be read (file, problem). :meth:`summary` says it in words.

    Example:
        >>> CorpusReport(folder=Path("articles")).summary()
        'No .txt files in articles. Put article files (plain text, UTF-8) there.'
    """

    folder: Path
    loaded: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=["article_id", "file", "segments", "aligned_by"]
        )
    )
    skipped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["file", "problem"]))

    def summary(self) -> str:
        """The report in one paragraph of plain text.

        Example:
            >>> report = CorpusReport(folder=Path("articles"))
            >>> report.skipped.loc[0] = ["bad.txt", "the file is empty."]
            >>> report.summary()
            'Loaded 0 articles (0 segments); skipped 1 file: bad.txt: the file is empty.'
        """
        if self.loaded.empty and self.skipped.empty:
            return f"No .txt files in {self.folder}. Put article files (plain text, UTF-8) there."
        articles = len(self.loaded)
        segment_count = int(self.loaded["segments"].sum()) if articles else 0
        text = (
            f"Loaded {articles:,} {plural(articles, 'article')} "
            f"({segment_count:,} {plural(segment_count, 'segment')})"
        )
        if self.skipped.empty:
            return text + "; no file skipped."
        files = len(self.skipped)
        return (
            f"{text}; skipped {files:,} {plural(files, 'file')}: {skipped_in_words(self.skipped)}"
        )

    def __str__(self) -> str:
        return self.summary()


def skipped_in_words(skipped: pd.DataFrame, names: int = 3) -> str:
    """The files skipped and why: each file's reason when few, else a count per kind of reason.

    Example:
        >>> rows = [[f"{n}.txt", "the file is empty. Is it the right file?"] for n in range(9)]
        >>> skipped_in_words(pd.DataFrame(rows, columns=["file", "problem"]))
        'the file is empty (0.txt, 1.txt, 2.txt and 6 more). The table report.skipped lists each file and its reason.'
    """  # noqa: E501
    if len(skipped) <= FEW:
        return "; ".join(
            f"{n}: {p}" for n, p in zip(skipped["file"], skipped["problem"], strict=True)
        )
    groups: dict[str, list[str]] = {}
    for name, problem in zip(skipped["file"], skipped["problem"], strict=True):
        groups.setdefault(kind_of_problem(problem), []).append(str(name))
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    parts = []
    for reason, files in ordered[:FEW]:
        more = f" and {len(files) - names:,} more" if len(files) > names else ""
        count = f"{len(files):,} {plural(len(files), 'file')}: " if len(ordered) > 1 else ""
        parts.append(f"{count}{reason} ({', '.join(files[:names])}{more})")
    if len(ordered) > FEW:
        rest = sum(len(files) for _, files in ordered[FEW:])
        parts.append(f"{rest:,} for {len(ordered) - FEW} other reasons")
    return "; ".join(parts) + ". The table report.skipped lists each file and its reason."


def kind_of_problem(problem: str) -> str:
    """A problem's kind, the same for every file that has it: its first clause, no details.

    Example:
        >>> kind_of_problem("the file is not UTF-8 text (line 3, byte 40 cannot be read).")
        'the file is not UTF-8 text'
        >>> kind_of_problem("the date '1954-13-01' is not a real date in the form YYYY-MM-DD.")
        'the date … is not a real date in the form YYYY-MM-DD'
    """
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "…", str(problem))
    text = re.sub(r"\b(line|byte) \d[\d,]*,?\s*", "", text)
    text = re.split(r"[.;:!?](?:\s|$)|\s\(|, (?=[a-z])", text, maxsplit=1)[0]
    return shorten(text.strip(), 80) or "unreadable"


def plural(count: int, word: str) -> str:
    """The word, with an s unless the count is one.

    Example:
        >>> plural(1, "file"), plural(3, "file")
        ('file', 'files')
    """
    return word if count == 1 else word + "s"
