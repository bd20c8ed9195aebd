"""Read a folder of article files into one table: bring your own articles.

:func:`load_corpus` reads every ``*.txt`` file in a folder in the seed format
(see :mod:`helpers.model.article`), aligns each automatically with
:func:`helpers.model.align.align_article`, and keeps the seed's hand-checked
alignment and coding where a file holds the seed article. A file that cannot
be read is skipped and listed, with the reason, in the report; one bad file
never stops the others.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.model.align import ALIGNED_COLUMNS, align_article
from helpers.model.article import Article, ArticleFormatError, load_article
from helpers.model.source import article_segments, find_path
from helpers.model.text import shorten

#: The columns of the corpus table: the article's metadata, then one aligned segment.
CORPUS_COLUMNS = ["article_id", "date", "title_en", "title_zh", "author", *ALIGNED_COLUMNS]

#: Up to this many files skipped, each is named with its reason; more are counted by reason.
FEW = 5

#: The longest problem kept for one file (characters).
MAX_PROBLEM_CHARS = 300

#: Why a sub-folder is not read.
SUB_FOLDER = (
    "a sub-folder: files in sub-folders are not read. Load that folder on its own, or move "
    "its files up."
)

HAND_CHECKED = "hand-checked"
AUTOMATIC = "automatic"


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
            f"Loaded {articles:,} {_plural(articles, 'article')} "
            f"({segment_count:,} {_plural(segment_count, 'segment')})"
        )
        if self.skipped.empty:
            return text + "; no file skipped."
        files = len(self.skipped)
        return (
            f"{text}; skipped {files:,} {_plural(files, 'file')}: {skipped_in_words(self.skipped)}"
        )

    def __str__(self) -> str:
        return self.summary()


def load_corpus(folder: str | Path) -> tuple[pd.DataFrame, CorpusReport]:
    """Read every article file (``*.txt``) in a folder: one row per aligned segment.

    Returns the table (columns :data:`CORPUS_COLUMNS`, in file-name order)
    and a :class:`CorpusReport` of what was loaded and skipped. The seed
    article keeps its hand-checked alignment and coding (``confidence`` 1.0);
    every other article is aligned automatically. Hidden files (names starting
    with a dot) are left out; sub-folders are not read, and the report lists
    them; a named pipe or another special file is refused unopened, and listed.
    An article's id is its file name without the extension, or with it where
    two files share a stem (``same.txt`` and ``same.TXT``). A relative folder
    is also looked for above the notebook's folder (``"seeds"`` works from
    ``notebooks/``). A folder that does not exist raises
    ``FileNotFoundError``; an empty folder gives an empty table and a report
    that says so.

    Example:
        >>> from helpers.model.paths import seed_path
        >>> table, report = load_corpus(seed_path().parent)
        >>> report.summary()
        'Loaded 1 article (19 segments); no file skipped.'
        >>> table.loc[0, ["article_id", "seg_id", "move"]].tolist()
        ['000_de9b3e9f03d8f077', 'P1.1', 'lead']
    """
    folder = _existing_folder(folder)
    report = CorpusReport(folder=folder)
    paths, skipped = _article_files(folder)
    tables, articles, loaded = [], [], []
    for path, article_id in zip(paths, distinct_ids(paths), strict=True):
        try:
            article = load_article(path)
            table, aligned_by = _aligned_segments(article)
        except (ArticleFormatError, OSError, ValueError) as error:
            problem = shorten(_without_path(str(error), path), MAX_PROBLEM_CHARS)
            skipped.append({"file": path.name, "problem": problem})
            continue
        tables.append(table)
        articles.append((article_id, article))
        loaded.append(
            {
                "article_id": article_id,
                "file": path.name,
                "segments": len(table),
                "aligned_by": aligned_by,
            }
        )
    skipped.sort(key=lambda row: row["file"])
    if loaded:
        report.loaded = pd.DataFrame(loaded, columns=report.loaded.columns)
    if skipped:
        report.skipped = pd.DataFrame(skipped, columns=report.skipped.columns)
    return _concatenate(tables, articles), report


def _existing_folder(folder: str | Path) -> Path:
    """The folder as a Path, with a clear error if it is missing or a file."""
    folder = find_path(folder)
    if not folder.exists():
        raise FileNotFoundError(f"{folder}: no such folder. Check the name and where it is.")
    if not folder.is_dir():
        raise NotADirectoryError(
            f"{folder}: this is a file, not a folder. Give the folder that holds the articles."
        )
    return folder


def _article_files(folder: Path) -> tuple[list[Path], list[dict]]:
    """The .txt entries of the folder by name, and its sub-folders as skipped (hidden: neither).

    An entry is only looked at here (its type), never opened: a named pipe
    called ``x.txt`` is listed and refused when it is read.
    """
    files, skipped = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix.lower() == ".txt":
            files.append(path)
        elif path.is_dir():
            skipped.append({"file": path.name + "/", "problem": SUB_FOLDER})
    return files, skipped


def distinct_ids(paths: list[Path]) -> list[str]:
    """Each file's article id: its name without the extension, or with it where two share one.

    Example:
        >>> distinct_ids([Path("a.txt"), Path("same.TXT"), Path("same.txt")])
        ['a', 'same.TXT', 'same.txt']
    """
    stems = Counter(path.stem for path in paths)
    return [path.stem if stems[path.stem] == 1 else path.name for path in paths]


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
        count = f"{len(files):,} {_plural(len(files), 'file')}: " if len(ordered) > 1 else ""
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


def _aligned_segments(article: Article) -> tuple[pd.DataFrame, str]:
    """The seed's hand-checked segments if this is the seed, otherwise automatic ones."""
    try:
        coded = article_segments(article)
    except ArticleFormatError:
        coded = None
    if coded is None:
        return align_article(article), AUTOMATIC
    if (coded["move"] != "").any():
        coded = coded.copy()
        coded["confidence"] = 1.0
        return coded[ALIGNED_COLUMNS], HAND_CHECKED
    return coded[ALIGNED_COLUMNS], AUTOMATIC  # segments() aligned it already: not twice


def _concatenate(tables: list[pd.DataFrame], articles: list[tuple[str, Article]]) -> pd.DataFrame:
    """One table from the articles' segments, each row with its article's metadata in front.

    The metadata columns are made once for the whole corpus (not per article):
    loading 10,000 articles makes one table, not 10,000 copies.
    """
    if not tables:
        table = pd.DataFrame(columns=CORPUS_COLUMNS)
    else:
        table = pd.concat(tables, ignore_index=True)
        sizes = [len(part) for part in tables]
        for number, (column, values) in enumerate(_metadata(articles).items()):
            table.insert(number, column, _repeated(values, sizes))
        table = table[CORPUS_COLUMNS]
    table["para"] = table["para"].astype(int)
    table["step"] = table["step"].astype("Int64")
    table["confidence"] = table["confidence"].astype(float)
    return table


def _metadata(articles: list[tuple[str, Article]]) -> dict[str, list]:
    """The articles' id, date, titles and author (empty if unknown), column by column."""
    articles, ids = [article for _, article in articles], [name for name, _ in articles]
    return {
        "article_id": ids,
        "date": [article.date for article in articles],
        "title_en": [article.title_en for article in articles],
        "title_zh": [article.title_zh for article in articles],
        "author": [article.author or "" for article in articles],
    }


def _repeated(values: list, sizes: list[int]) -> list:
    """Each value repeated as many times as its size: one cell per row of its article."""
    return [value for value, size in zip(values, sizes, strict=True) for _ in range(size)]


def _without_path(message: str, path: Path) -> str:
    """An error message without the file's path at its start (the report names the file)."""
    for prefix in (f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
