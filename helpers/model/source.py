"""One way in for every tool: an article file's path, an Article, or a segments table.

The reader, the comparison, the argument views and the agreement take a
*source*, whatever an instructor has at hand::

    helpers.reader()                          # the seed article
    helpers.reader("seeds/my_article.txt")    # any article file in the seed format
    helpers.reader(helpers.load_article("seeds/my_article.txt"))
    helpers.reader(table)                     # a segments table (one article)

:func:`as_table` turns a source into the segments table the tools work on;
:func:`as_article` into an :class:`~helpers.model.article.Article`. A table made
from a file remembers its article in ``table.attrs`` (``article_id``,
``title_en``, ``title_zh``, ``date``, ``author``), so a tool given the table
later still knows which article it is.

The seed article keeps its hand-checked alignment and coding; any other
article is split and paired automatically (:mod:`helpers.model.align`), with a
``confidence`` for every pair and no coding (``move`` is empty until
someone codes it, see :mod:`helpers.model.coding_file`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.model.align import align_article
from helpers.model.article import Article, ArticleFormatError, load_article
from helpers.model.data_files import seed_segments
from helpers.model.files import file_problem
from helpers.model.paths import SEED_NAME, find_path  # noqa: F401 (find_path is re-exported)
from helpers.model.text import shorten, squeeze

#: A seg_id such as P2.3: paragraph 2, segment 3.
SEG_ID = re.compile(r"^P\d+\.\d+$")

#: Below this confidence an automatic pair is worth checking first (see :func:`confidence_note`).
LOW_CONFIDENCE = 0.6

#: The metadata a table made from an article keeps in ``table.attrs``.
ATTRS = ("article_id", "title_en", "title_zh", "date", "author")


class SourceError(ValueError):
    """A source the tools cannot read as one article; the message says what to pass instead.

    Example:
        >>> as_table(42)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        helpers.model.source.SourceError: Cannot read a int as an article: pass the path of ...
    """


def as_table(source=None) -> pd.DataFrame:
    """The segments table of a source: None (the seed), a file path, an Article or a table.

    A table is returned as it is (a corpus table must hold one article only);
    a path or an Article is loaded and aligned (the seed keeps its
    hand-checked coding). Raises :class:`SourceError` or
    :class:`~helpers.model.article.ArticleFormatError` with a message saying what to do.

    Example:
        >>> as_table()["seg_id"].iloc[0], len(as_table())
        ('P1.1', 19)
        >>> from helpers.model.paths import seed_path
        >>> table = as_table(seed_path())
        >>> table.attrs["article_id"], table.loc[11, "move"]
        ('000_de9b3e9f03d8f077', 'deviation-2')
    """
    if source is None:
        return article_segments(load_article())
    if isinstance(source, pd.DataFrame):
        return _one_article(source)
    if isinstance(source, Article):
        return _with_attrs(article_segments(source), source)
    if isinstance(source, (str, Path)):
        path = _article_path(source)
        stat = path.stat()
        return _table_of_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size).copy()
    raise SourceError(
        f"Cannot read a {type(source).__name__} as an article: pass the path of an article "
        "file (like 'seeds/my_article.txt'), an article from helpers.load_article(), or a "
        "segments table."
    )


def article_segments(article: Article) -> pd.DataFrame:
    """The segments of an Article: the seed's hand-checked ones if it is the seed, else automatic.

    The seed's coding is used only while the article's text is the text it
    was checked on (white space aside); any other article is split and paired
    by :func:`helpers.model.align.align_article`. Unlike :func:`as_table`, the
    table does not remember its article in ``table.attrs``.

    Example:
        >>> table = article_segments(load_article())
        >>> table.loc[11, "move"], float(table["confidence"].min())
        ('deviation-2', 1.0)
    """
    coded = seed_segments()
    if _same_text(coded["zh"], article.paragraphs_zh) and _same_text(
        coded["en"], article.paragraphs_en
    ):
        return coded.assign(confidence=1.0)
    return align_article(article)


def as_article(source=None) -> Article:
    """The Article of a source: None (the seed), a file path or an Article.

    Example:
        >>> as_article().date.isoformat()
        '1954-02-27'
    """
    if source is None:
        return load_article()
    if isinstance(source, Article):
        return source
    if isinstance(source, (str, Path)):
        return load_article(_article_path(source))
    raise SourceError(
        f"Cannot read a {type(source).__name__} as an article file: pass the path of an "
        "article file or an article from helpers.load_article()."
    )


def article_id_of(source=None) -> str:
    """The id of a source's article (its file name without the extension).

    A table without a remembered article (one built by hand, say) counts as
    the seed if its segments are the seed's.

    Example:
        >>> article_id_of(), article_id_of("seeds/my_article.txt")
        ('000_de9b3e9f03d8f077', 'my_article')
    """
    if source is None:
        return Path(SEED_NAME).stem
    if isinstance(source, Article):
        return source.article_id
    if isinstance(source, (str, Path)):
        return Path(source).stem
    if isinstance(source, pd.DataFrame):
        if "article_id" in source.columns and source["article_id"].nunique() == 1:
            return str(source["article_id"].iloc[0])
        if source.attrs.get("article_id"):
            return str(source.attrs["article_id"])
        return Path(SEED_NAME).stem if is_seed_table(source) else ""
    raise SourceError(f"Cannot tell which article a {type(source).__name__} is.")


def seed_rows(table: pd.DataFrame) -> pd.Series:
    """For each row, is it a segment of the seed article (same seg_id, same Chinese)?

    Hand-made data about the seed (its renderings, summaries and steps) apply
    only to these rows: another article has a P2.3 too, but not the same one.

    Example:
        >>> bool(seed_rows(as_table()).all())
        True
    """
    coded = seed_segments()
    seed = dict(zip(coded["seg_id"], coded["zh"].map(squeeze), strict=True))
    return pd.Series(
        [
            seed.get(str(seg_id)) == squeeze(zh)
            for seg_id, zh in zip(table["seg_id"], table["zh"], strict=True)
        ],
        index=table.index,
        dtype=bool,
    )


def is_seed_table(table: pd.DataFrame) -> bool:
    """Is every row of a (non-empty) table a segment of the seed article?

    Example:
        >>> is_seed_table(as_table()), is_seed_table(as_table().assign(zh="别的"))
        (True, False)
    """
    return len(table) > 0 and bool(seed_rows(table).all())


def source_title(source=None) -> str:
    """A one-line description of a source's article: title, date, author ('' if unknown).

    Example:
        >>> source_title(as_table())
        ''
        >>> from helpers.model.paths import seed_path
        >>> source_title(seed_path())[-28:]
        '1954-02-27, author not given'
    """
    table_attrs = source.attrs if isinstance(source, pd.DataFrame) else {}
    if isinstance(source, (str, Path, Article)):
        table_attrs = as_table(source).attrs
    if not table_attrs.get("title_en"):
        return ""
    title = shorten(table_attrs["title_en"], 100)
    author = table_attrs.get("author") or "author not given"
    return f"{title} ({table_attrs.get('title_zh', '')}), {table_attrs.get('date', '')}, {author}"


def confidence_note(seg_id: str, confidence) -> str:
    """A segment's alignment confidence in words ('' for a hand-checked pair).

    Example:
        >>> confidence_note("P2.3", 0.42)
        'P2.3: paired automatically, confidence 0.42 (low: check that both sides say the same).'
        >>> confidence_note("P2.3", 1.0)
        ''
    """
    if confidence is None or pd.isna(confidence) or float(confidence) >= 1.0:
        return ""
    low = float(confidence) < LOW_CONFIDENCE
    advice = " (low: check that both sides say the same)" if low else ""
    return f"{seg_id}: paired automatically, confidence {float(confidence):.2f}{advice}."


# ---------------------------------------------------------------- inside


def _article_path(source) -> Path:
    """The path of an article file, with a clear error for what is not one."""
    path = find_path(source)
    problem = file_problem(path, "article file")
    if problem and problem.kind == "missing" and SEG_ID.match(str(source)):
        raise SourceError(
            f"{source!r} looks like a segment id, not an article file. To start the reader "
            f"there, write reader(start={str(source)!r})."
        )
    if problem and problem.kind == "folder":
        raise SourceError(
            f"{path} is a folder. Give one article file in it, or search the whole folder "
            f"with helpers.corpus_concordance({str(path)!r})."
        )
    if problem:
        raise ArticleFormatError(f"{path}: {problem.words}")
    return path


@lru_cache(maxsize=16)
def _table_of_file(path: str, modified: int, size: int) -> pd.DataFrame:
    """The aligned table of a file, remembered until the file changes (time or size)."""
    article = load_article(path)
    return _with_attrs(article_segments(article), article)


def _with_attrs(table: pd.DataFrame, article: Article) -> pd.DataFrame:
    """The table with its article's metadata in ``table.attrs``."""
    table = table.copy()
    table.attrs.update(
        article_id=article.article_id,
        title_en=article.title_en,
        title_zh=article.title_zh,
        date=article.date.isoformat(),
        author=article.author or "",
    )
    return table


def _one_article(table: pd.DataFrame) -> pd.DataFrame:
    """A table as it is, unless it mixes articles (a corpus table)."""
    if "article_id" in table.columns:
        ids = list(dict.fromkeys(table["article_id"].astype(str)))
        if len(ids) > 1:
            shown = ", ".join(ids[:4]) + (" ..." if len(ids) > 4 else "")
            raise SourceError(
                f"This table holds {len(ids)} articles ({shown}). Choose one, for example "
                f"corpus[corpus.article_id == {ids[0]!r}], or search them all with "
                "helpers.corpus_concordance(folder)."
            )
        if ids and not table.attrs.get("article_id"):
            table = table.copy()
            table.attrs["article_id"] = ids[0]
            for key in ("title_en", "title_zh", "date", "author"):
                if key in table.columns and len(table):
                    table.attrs[key] = str(table[key].iloc[0])
    return table


def _same_text(pieces, paragraphs: list[str]) -> bool:
    """Do the pieces, joined, give back the paragraphs (white space aside)?"""
    return squeeze("".join(pieces)) == squeeze("".join(paragraphs))
