"""The handout's heading, from the article it prints: titles, date, page, citation.

:func:`article_heading` reads them from any source (the seed by default, an
article file's path, an Article or a segments table, whose ``attrs`` remember
its article); :func:`title_block_html` prints them. Only the seed gets the
newspaper's name, the dispatch line and the checked citation: for another
article the handout says what the article's own file says, and no more.

Example:
    >>> article_heading().page_title[:7], article_heading().seed
    ('中共中央东北局', True)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.model.article import Article, load_article
from helpers.model.source import as_article, as_table, is_seed_table, source_title
from helpers.render.templates import render

#: How to cite the seed, as printed on the handout.
CITATION = (
    "Renmin Ribao (People's Daily), 27 February 1954, page 1; "
    "the English translation supplied with the source."
)

#: The seed's dispatch line, as its first segment gives it.
DISPATCH = (
    "Xinhua News Agency dispatch, Shenyang, of the 26th, as the article opens "
    "(P1.1: 【新华社沈阳二十六日电】)."
)


@dataclass(frozen=True)
class Heading:
    """What the handout's title block says about the article it prints, and its table.

    Example:
        >>> heading = article_heading()
        >>> heading.date, heading.page, heading.citation == CITATION
        ('27 February 1954', ', page 1', True)
    """

    table: pd.DataFrame
    seed: bool
    title_zh: str = ""
    title_en: str = ""
    date: str = ""
    page: str = ""
    citation: str = ""

    @property
    def page_title(self) -> str:
        """Both titles, for the page's ``<title>`` ('an article' when none is known).

        Example:
            >>> Heading(table=None, seed=False, title_en="A test").page_title
            'A test'
        """
        return " / ".join(title for title in (self.title_zh, self.title_en) if title) or (
            "an article"
        )


def article_heading(source=None) -> Heading:
    """The heading of a source's article: its table, whether it is the seed, titles, date.

    Example:
        >>> heading = article_heading(as_table().head(2))
        >>> heading.seed, len(heading.table), heading.title_en[:14]
        (True, 2, 'Northeast Bure')
    """
    if isinstance(source, Heading):
        return source
    table = as_table(source)
    seed = is_seed_table(table)
    if seed:
        article = load_article()
    elif isinstance(source, (str, Path, Article)):
        article = as_article(source)
    else:
        return _heading_of_attrs(table)
    page = f", page {article.page}" if article.page is not None else ""
    citation = CITATION if seed else source_title(table) or article.title_en
    return Heading(
        table, seed, article.title_zh, article.title_en, _day(article.date), page, citation
    )


def title_block_html(article=None) -> str:
    """The title block: both titles, date, page, the dispatch line (the seed's), the citation.

    ``article`` is any source or a :class:`Heading` (default the seed).

    Example:
        >>> "Xinhua News Agency dispatch, Shenyang" in title_block_html()
        True
    """
    heading = article_heading(article)
    return render(
        "handout_title.html",
        title_zh=heading.title_zh,
        title_en=heading.title_en,
        seed=heading.seed,
        date=heading.date,
        page=heading.page,
        dispatch=DISPATCH if heading.seed else "",
        citation=heading.citation,
    )


def _heading_of_attrs(table: pd.DataFrame) -> Heading:
    """A table's heading from what it remembers of its article (``table.attrs``)."""
    attrs = table.attrs
    citation = source_title(table) or "an article given as a table, with no title or date"
    return Heading(
        table, False, str(attrs.get("title_zh", "")), str(attrs.get("title_en", "")),
        _day(attrs.get("date", "")), "", citation,
    )  # fmt: skip


def _day(date) -> str:
    """A date as '27 February 1954' (a text that is not an ISO date stays as it is)."""
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            return date
    return f"{date.day} {date:%B %Y}"
