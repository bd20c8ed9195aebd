"""Helpers for the Liaoyang 1954 teaching notebooks.

Import them in a notebook with one line::

    import helpers

Then ``helpers.load_article()``, ``helpers.segments()`` and
``helpers.glossary()`` give the article as data.
"""

from helpers.article import Article, ArticleFormatError, load_article
from helpers.data import glossary, moves, segments, steps

__all__ = [
    "Article",
    "ArticleFormatError",
    "glossary",
    "load_article",
    "moves",
    "segments",
    "steps",
]
