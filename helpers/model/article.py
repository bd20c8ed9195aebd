"""Read an article file in the seed format into an :class:`Article`.

The format (English first, then the Chinese original)::

    Title: <English title>
    Author: <may be empty>
    Date: 1954-02-27
    Page: 1
    <English paragraphs, one block each, separated by blank lines>
    <hr />
    Original:
    ### <Chinese title>
    1954-02-27
    第1版()
    专栏：
        <Chinese headline lines, indented>
        <Chinese body paragraphs, indented, one per line>

The rule may be written ``<hr>``, ``< hr / >``, ``<hr class="x">``, ``---`` or
``***``; a format line's colon may be full-width (``Original：``). One file holds
one article: a second ``Title:`` or ``Original:`` line is refused. Which
Chinese lines are headline, not body, is :mod:`helpers.model.headline`'s
question; how the bytes become text, :mod:`helpers.model.article_text`'s.

Everything that goes wrong raises :class:`ArticleFormatError`, whose message
names the file, says what is wrong and what to do about it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.model.article_text import (  # noqa: F401 (re-exported: the article's errors)
    MAX_FILE_BYTES,
    ArticleFormatError,
    read_article_text,
)
from helpers.model.headline import headline_lines
from helpers.model.paths import find_path, seed_path
from helpers.model.text import SPACE, without_invisible

METADATA_KEYS = ("Title", "Author", "Date", "Page")
#: A format line: its colon may be full-width (as a Chinese keyboard types it).
_METADATA_LINE = re.compile(r"^(Title|Author|Date|Page)[ \t]*[:：][ \t]*(.*)$", re.IGNORECASE)
#: The rule between the English and the Chinese: <hr />, however written, or ---, ***, ___.
_RULE_LINE = re.compile(r"^\s*(<\s*hr\b[^>]*>|(-\s*){3,}|(\*\s*){3,}|(_\s*){3,})\s*$", re.I)
_ORIGINAL_LINE = re.compile(r"^\s*Original\s*[:：]?\s*$", re.IGNORECASE)
_NEAR_ORIGINAL = re.compile(r"^\W*original\b", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^第\s*(\d+)\s*版")
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Article:
    """One article: its metadata and its body paragraphs in both languages.

    Example:
        >>> article = load_article()
        >>> article.date.isoformat(), article.page, len(article.paragraphs_zh)
        ('1954-02-27', 1, 3)
    """

    title_en: str
    title_zh: str
    date: dt.date
    page: int | None
    source: Path
    paragraphs_en: list[str] = field(repr=False)  # may differ in number from the Chinese:
    paragraphs_zh: list[str] = field(repr=False)  # helpers.align pairs them
    author: str | None = None
    headline_zh: list[str] = field(default_factory=list, repr=False)
    column: str = ""

    @property
    def text_en(self) -> str:
        """The English body as one string, paragraphs separated by blank lines.

        Example:
            >>> load_article().text_en.count("\\n\\n") + 1 == len(load_article().paragraphs_en)
            True
        """
        return "\n\n".join(self.paragraphs_en)

    @property
    def text_zh(self) -> str:
        """The Chinese body as one string, paragraphs separated by blank lines.

        Example:
            >>> load_article().text_zh[:12]
            '【新华社沈阳二十六日电】'
        """
        return "\n\n".join(self.paragraphs_zh)

    @property
    def article_id(self) -> str:
        """A short id for the article: its file name without the extension.

        Example:
            >>> load_article().article_id
            '000_de9b3e9f03d8f077'
        """
        return self.source.stem


def load_article(path: str | Path | None = None) -> Article:
    """Load an article file in the seed format.

    With no ``path``, loads the seed article in ``seeds/``, wherever the
    notebook runs from.

    Example:
        >>> article = load_article()
        >>> article.title_zh[:8]
        '中共中央东北局农'
    """
    path = find_path(path) if path is not None else seed_path()
    text = read_article_text(path, MAX_FILE_BYTES)
    return parse_article(text, source=path)


def parse_article(text: str, source: str | Path = "<text>") -> Article:
    """Parse the text of an article file (see the module docstring for the format).

    Example:
        >>> article = parse_article(read_article_text(seed_path()), source="seed.txt")
        >>> article.paragraphs_zh[0][:12]
        '【新华社沈阳二十六日电】'
    """
    source = Path(source)
    lines = without_invisible(text).replace("\r\n", "\n").split("\n")
    english_part, chinese_part = _split_at_original(lines, source)
    metadata, english_body = _read_metadata(english_part, source)
    title_en = metadata.get("Title", "").strip()
    if not title_en:
        raise ArticleFormatError(f"{source}: the 'Title:' line is empty. Give the English title.")
    date = _read_date(metadata.get("Date"), source)
    page = _read_page(metadata.get("Page"), source)
    paragraphs_en = _blocks(english_body)
    if not paragraphs_en:
        raise ArticleFormatError(
            f"{source}: no English text between the metadata lines and the '<hr />' line."
        )
    title_zh, headline, column, paragraphs_zh, page_zh = _read_chinese(chinese_part, source)
    return Article(
        title_en=title_en,
        title_zh=title_zh,
        date=date,
        page=page if page is not None else page_zh,
        source=source,
        paragraphs_en=paragraphs_en,
        paragraphs_zh=paragraphs_zh,
        author=metadata.get("Author", "").strip() or None,
        headline_zh=headline,
        column=column,
    )


def _split_at_original(lines: list[str], source: Path) -> tuple[list[str], list[str]]:
    """Split the lines at the '<hr />' rule and the 'Original:' line (one of each: one article)."""
    originals = [number for number, line in enumerate(lines) if _ORIGINAL_LINE.match(line)]
    if not originals:
        raise ArticleFormatError(f"{source}: {_no_original(lines)}")
    original_at = originals[0]
    second_title = next(
        (n for n in range(original_at, len(lines)) if _METADATA_LINE.match(lines[n].strip())),
        None,
    )
    if len(originals) > 1 or second_title is not None:
        at = second_title if second_title is not None else originals[1]
        raise ArticleFormatError(
            f"{source}: this file holds more than one article (a second "
            f"{lines[at].strip()[:30]!r} at line {at + 1}). Put each article in a file of its own."
        )
    english = [line for line in lines[:original_at] if not _RULE_LINE.match(line)]
    while english and not english[-1].strip():
        english.pop()
    return english, lines[original_at + 1 :]


def _no_original(lines: list[str]) -> str:
    """Why no line is the 'Original:' line: none like it, or one written otherwise."""
    near = next((n for n, line in enumerate(lines) if _NEAR_ORIGINAL.match(line.strip())), None)
    if near is not None:
        return (
            f"line {near + 1}, {lines[near].strip()[:40]!r}, is not the format line "
            "'Original:', which stands alone on its line (the Chinese starts on the next line)."
        )
    return (
        "no 'Original:' line, so there is no Chinese part. The file must have the English, "
        "then a '<hr />' line, then 'Original:' and the Chinese text."
    )


def _read_metadata(lines: list[str], source: Path) -> tuple[dict[str, str], list[str]]:
    """Read the metadata lines at the top (in any order); return them and the rest."""
    metadata: dict[str, str] = {}
    at = 0
    while at < len(lines):
        line = lines[at]
        match = _METADATA_LINE.match(line.strip())
        if match:
            key, value = match.group(1).capitalize(), match.group(2)
            if key in metadata:
                raise ArticleFormatError(f"{source}: the '{key}:' line appears twice.")
            metadata[key] = value
        elif line.strip():
            break
        at += 1
    for key in ("Title", "Date"):
        if key not in metadata:
            raise ArticleFormatError(
                f"{source}: no '{key}:' line at the top of the file. The file must start "
                "with 'Title:', 'Author:', 'Date:' (YYYY-MM-DD) and 'Page:' lines."
            )
    return metadata, lines[at:]


def _read_date(value: str | None, source: Path) -> dt.date:
    """Read an ISO date such as 1954-02-27."""
    value = (value or "").strip()
    if not value:
        raise ArticleFormatError(f"{source}: the 'Date:' line is empty. Write it as YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArticleFormatError(
            f"{source}: the date {value!r} is not a real date in the form YYYY-MM-DD "
            "(for example 1954-02-27)."
        ) from None


def _read_page(value: str | None, source: Path) -> int | None:
    """Read the page number, if there is one."""
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]+", value):
        raise ArticleFormatError(f"{source}: the page {value!r} is not a whole number.")
    return int(value)


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs separated by blank lines, each joined into one line."""
    paragraphs, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _read_chinese(lines: list[str], source: Path):
    """Read the Chinese part: title, headline lines, column, body paragraphs, page."""
    title_zh, page, column = "", None, ""
    body_lines: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#") and not title_zh:
            title_zh = SPACE.sub(" ", stripped.lstrip("#").strip())
        elif _DATE_LINE.match(stripped) and not body_lines:
            continue
        elif _PAGE_LINE.match(stripped) and not body_lines:
            page = int(_PAGE_LINE.match(stripped).group(1))
        elif stripped.startswith("专栏") and not body_lines:
            column = stripped.partition("：")[2].strip()
        else:
            body_lines.append(stripped)
    if not title_zh:
        raise ArticleFormatError(
            f"{source}: no Chinese title after 'Original:' (a line starting with '### ')."
        )
    headline = headline_lines(body_lines, title_zh)
    paragraphs = body_lines[len(headline) :]
    if not paragraphs:
        raise ArticleFormatError(
            f"{source}: the Chinese body is empty: after the title and headline there are "
            "no paragraphs. Put each Chinese paragraph on its own line."
        )
    return title_zh, headline, column, paragraphs, page
