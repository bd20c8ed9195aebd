"""Read a folder of article files into one table: bring your own articles.

:func:`load_corpus` reads every ``*.txt`` file in a folder in the seed format
(see :mod:`helpers.model.article`), aligns each automatically with
:func:`helpers.model.align.align_article`, and keeps the seed's hand-checked
alignment and coding where a file holds the seed article. A file that cannot
be read is skipped and listed, with the reason, in the report; one bad file
never stops the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.model.align import ALIGNED_COLUMNS, AlignmentTooLarge, aligned_columns
from helpers.model.align_cache import AlignmentCache, cache_path, content_hash
from helpers.model.article import Article, ArticleFormatError, load_article
from helpers.model.data_files import seed_segments
from helpers.model.source import find_path
from helpers.model.text import squeeze

#: The columns of the corpus table: the article's metadata, then one aligned segment.
CORPUS_COLUMNS = ["article_id", "date", "title_en", "title_zh", "author", *ALIGNED_COLUMNS]

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
            f"Loaded {articles} {_plural(articles, 'article')} "
            f"({segment_count} {_plural(segment_count, 'segment')})"
        )
        if self.skipped.empty:
            return text + "; no file skipped."
        problems = "; ".join(
            f"{name}: {problem}"
            for name, problem in zip(self.skipped["file"], self.skipped["problem"], strict=True)
        )
        files = len(self.skipped)
        return f"{text}; skipped {files} {_plural(files, 'file')}: {problems}"

    def __str__(self) -> str:
        return self.summary()


def load_corpus(folder: str | Path) -> tuple[pd.DataFrame, CorpusReport]:
    """Read every article file (``*.txt``) in a folder: one row per aligned segment.

    Returns the table (columns :data:`CORPUS_COLUMNS`, in file-name order)
    and a :class:`CorpusReport` of what was loaded and skipped. The seed
    article keeps its hand-checked alignment and coding (``confidence`` 1.0);
    every other article is aligned automatically, all in one pass, and
    remembered by its content in the work folder
    (:mod:`helpers.model.align_cache`): a file read before is not aligned
    again. Hidden files (names starting with a dot) are left out. A relative
    folder is also looked for above the notebook's folder (``"seeds"`` works
    from ``notebooks/``). A folder that does not exist raises
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
    cache = AlignmentCache(cache_path(folder))
    found, fresh, skipped = [], [], []
    for path in _article_files(folder):
        key = _file_key(path)
        entry = cache.get(key) if key else None
        if entry is None:
            try:
                entry = load_article(path)
            except (ArticleFormatError, OSError, ValueError) as error:
                skipped.append({"file": path.name, "problem": _without_path(str(error), path)})
                continue
            fresh.append(len(found))
        found.append((path, key, entry))
    found = _aligned(found, fresh, cache, skipped)
    cache.save()
    loaded = [
        {"article_id": path.stem, "file": path.name, "segments": len(entry["seg_id"]),
         "aligned_by": entry["aligned_by"]}
        for path, _, entry in found
    ]  # fmt: skip
    if loaded:
        report.loaded = pd.DataFrame(loaded, columns=report.loaded.columns)
    if skipped:
        report.skipped = pd.DataFrame(skipped, columns=report.skipped.columns)
    return _table(found), report


def _file_key(path: Path) -> str:
    """The content hash of a regular file of at most 5 MB ('' otherwise: then it is read)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 5 * 2**20:
            return ""
        return content_hash(path.read_bytes())
    except OSError:
        return ""


def _aligned(found: list, fresh: list[int], cache: AlignmentCache, skipped: list) -> list:
    """The found files with every fresh Article turned into an entry (aligned in one pass)."""
    articles = [found[number][2] for number in fresh]
    try:
        entries = _entries(articles)
    except AlignmentTooLarge:  # one article too long: align them one by one, skip it alone
        entries = []
        for article in articles:
            try:
                entries.append(_entries([article])[0])
            except AlignmentTooLarge as error:
                entries.append(None)
                skipped.append({"file": article.source.name, "problem": str(error)})
    for number, entry in zip(fresh, entries, strict=True):
        path, key, _ = found[number]
        found[number] = (path, key, entry)
        if entry is not None and key:
            cache.put(key, entry)
    return [item for item in found if item[2] is not None]


def _entries(articles: list[Article]) -> list[dict]:
    """Each article's metadata and segment columns: the seed's hand-checked, others aligned."""
    seeds = [_is_seed(article) for article in articles]
    automatic = [article for article, seed in zip(articles, seeds, strict=True) if not seed]
    columns = iter(aligned_columns(automatic))
    entries = []
    for article, seed in zip(articles, seeds, strict=True):
        meta = {
            "title_en": article.title_en,
            "title_zh": article.title_zh,
            "date": article.date.isoformat(),
            "author": article.author or "",
        }
        if seed:
            entries.append(meta | _seed_entry())
            continue
        aligned = next(columns)
        rows = len(aligned["seg_id"])
        entries.append(
            meta
            | aligned
            | {"aligned_by": AUTOMATIC, "move": [""] * rows, "step": [None] * rows}
            | {"actors": [[] for _ in range(rows)], "note": [""] * rows}
        )
    return entries


def _is_seed(article: Article) -> bool:
    """Does the article hold the seed's text (white space aside)?"""
    seed_zh, seed_en = _seed_texts()
    return squeeze("".join(article.paragraphs_zh)) == seed_zh and (
        squeeze("".join(article.paragraphs_en)) == seed_en
    )


@lru_cache(maxsize=1)
def _seed_texts() -> tuple[str, str]:
    """The seed's hand-checked Chinese and English, white space left out."""
    coded = seed_segments()
    return squeeze("".join(coded["zh"])), squeeze("".join(coded["en"]))


def _seed_entry() -> dict:
    """The seed's hand-checked segments as entry columns (confidence 1.0)."""
    coded = seed_segments()
    aligned_by = HAND_CHECKED if (coded["move"] != "").any() else AUTOMATIC
    return {
        "aligned_by": aligned_by,
        "seg_id": [str(v) for v in coded["seg_id"]],
        "para": [int(v) for v in coded["para"]],
        "zh": [str(v) for v in coded["zh"]],
        "en": [str(v) for v in coded["en"]],
        "move": [str(v) for v in coded["move"]],
        "step": [None if pd.isna(v) else int(v) for v in coded["step"]],
        "actors": [[str(a) for a in v] for v in coded["actors"]],
        "note": [str(v) for v in coded["note"]],
        "confidence": [1.0] * len(coded),
    }


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


def _article_files(folder: Path) -> list[Path]:
    """The .txt files in the folder (not in sub-folders), hidden ones left out, by name."""
    return sorted(
        (
            path
            for path in folder.iterdir()
            if path.suffix.lower() == ".txt" and not path.name.startswith(".")
        ),
        key=lambda path: path.name,
    )


def _table(found: list) -> pd.DataFrame:
    """One table from the entries, each row with its article's metadata in front.

    Built column by column from lists, once for the whole corpus (not a
    DataFrame per article): loading 10,000 articles makes one table.
    """
    entries = [entry for _, _, entry in found]
    sizes = [len(entry["seg_id"]) for entry in entries]
    data = {
        "article_id": _repeated([path.stem for path, _, _ in found], sizes),
        "date": _repeated([dt.date.fromisoformat(e["date"]) for e in entries], sizes),
        "title_en": _repeated([e["title_en"] for e in entries], sizes),
        "title_zh": _repeated([e["title_zh"] for e in entries], sizes),
        "author": _repeated([e["author"] for e in entries], sizes),
    }
    for column in ALIGNED_COLUMNS:
        data[column] = list(itertools.chain.from_iterable(entry[column] for entry in entries))
    data["step"] = [pd.NA if cell is None else cell for cell in data["step"]]
    table = pd.DataFrame(data, columns=CORPUS_COLUMNS)
    table["para"] = table["para"].astype(int)
    table["step"] = table["step"].astype("Int64")
    table["confidence"] = table["confidence"].astype(float)
    return table


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
