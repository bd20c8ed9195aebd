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
import gc
import itertools
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.model.align import ALIGNED_COLUMNS, AlignmentTooLarge, aligned_columns
from helpers.model.align_cache import AlignmentCache, cache_path, content_hash
from helpers.model.article import Article, ArticleFormatError, load_article, parse_article
from helpers.model.article_text import article_text
from helpers.model.corpus_report import MAX_PROBLEM_CHARS, SUB_FOLDER, CorpusReport
from helpers.model.data_files import seed_segments
from helpers.model.files import read_regular
from helpers.model.source import find_path
from helpers.model.text import shorten, squeeze

#: The columns of the corpus table: the article's metadata, then one aligned segment.
CORPUS_COLUMNS = ["article_id", "date", "title_en", "title_zh", "author", *ALIGNED_COLUMNS]

HAND_CHECKED = "hand-checked"
AUTOMATIC = "automatic"


def load_corpus(folder: str | Path) -> tuple[pd.DataFrame, CorpusReport]:
    """Read every article file (``*.txt``) in a folder: one row per aligned segment.

    Returns the table (columns :data:`CORPUS_COLUMNS`, in file-name order)
    and a :class:`CorpusReport` of what was loaded and skipped. The seed
    article keeps its hand-checked alignment and coding (``confidence`` 1.0);
    every other article is aligned automatically, all in one pass, and
    remembered by its content in the work folder
    (:mod:`helpers.model.align_cache`): a file read before is not aligned
    again. Hidden files (names starting with a dot) are left out; sub-folders
    are not read, and the report lists them; a named pipe or another special
    file is refused unopened, and listed. An article's id is its file name
    without the extension, or with it where two files share a stem
    (``same.txt`` and ``same.TXT``). A relative folder is also looked for
    above the notebook's folder (``"seeds"`` works from ``notebooks/``). A
    folder that does not exist raises
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
    with without_cyclic_collection():
        return _load(folder)


def _load(folder: Path) -> tuple[pd.DataFrame, CorpusReport]:
    """:func:`load_corpus` of a folder that exists."""
    report = CorpusReport(folder=folder)
    cache = AlignmentCache(cache_path(folder))
    paths, skipped = _article_files(folder)
    found, fresh = [], []
    for path, article_id in zip(paths, distinct_ids(paths), strict=True):
        key, data = _file_key(path)
        entry = cache.get(key) if key else None
        if entry is None:
            try:
                entry = (
                    load_article(path)
                    if data is None
                    else parse_article(article_text(data, path), path)
                )
            except (ArticleFormatError, OSError, ValueError) as error:
                problem = shorten(_without_path(str(error), path), MAX_PROBLEM_CHARS)
                skipped.append({"file": path.name, "problem": problem})
                continue
            fresh.append(len(found))
        found.append((path, key, entry, article_id))
    found = _aligned(found, fresh, cache, skipped)
    cache.save()
    loaded = [
        {"article_id": article_id, "file": path.name, "segments": len(entry["seg_id"]),
         "aligned_by": entry["aligned_by"]}
        for path, _, entry, article_id in found
    ]  # fmt: skip
    skipped.sort(key=lambda row: row["file"])
    if loaded:
        report.loaded = pd.DataFrame(loaded, columns=report.loaded.columns)
    if skipped:
        report.skipped = pd.DataFrame(skipped, columns=report.skipped.columns)
    return _table(found), report


@contextmanager
def without_cyclic_collection():
    """Python's cyclic garbage collector paused for the duration (restored after).

    A corpus load makes millions of small objects, none of them in a cycle;
    the collector would walk them all again and again as they pile up (a
    quarter of a 10,000-article load). Memory is freed as usual, by
    reference counting; the collector resumes after, as it was.

    Example:
        >>> import gc
        >>> with without_cyclic_collection():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _file_key(path: Path) -> tuple[str, bytes | None]:
    """The content hash of a regular file of at most 5 MB, and its bytes ('' and None otherwise).

    The bytes are read once, here: an article not in the cache is parsed from them.
    """
    try:
        data = read_regular(path)
    except OSError:
        return "", None  # read again by load_article, which says what is wrong
    return content_hash(data), data


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
        path, key, _, article_id = found[number]
        found[number] = (path, key, entry, article_id)
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


def _article_files(folder: Path) -> tuple[list[Path], list[dict]]:
    """The .txt entries of the folder by name, and its sub-folders as skipped (hidden: neither).

    An entry is only looked at here (its type), never opened: a named pipe
    called ``x.txt`` is listed and refused when it is read.
    """
    files, skipped = [], []
    for path in sorted(folder.iterdir(), key=lambda entry: entry.name):
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


def _table(found: list) -> pd.DataFrame:
    """One table from the entries, each row with its article's metadata in front.

    Built column by column from lists, once for the whole corpus (not a
    DataFrame per article): loading 10,000 articles makes one table.
    """
    entries = [entry for _, _, entry, _ in found]
    sizes = [len(entry["seg_id"]) for entry in entries]
    data = {
        "article_id": _repeated([article_id for *_, article_id in found], sizes),
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
