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

Everything that goes wrong raises :class:`ArticleFormatError`, whose message
names the file, says what is wrong and what to do about it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.model.paths import find_path, seed_path
from helpers.model.text import SPACE

#: Files larger than this are refused before they are read (bytes).
MAX_FILE_BYTES = 5_000_000

METADATA_KEYS = ("Title", "Author", "Date", "Page")
_METADATA_LINE = re.compile(r"^(Title|Author|Date|Page):[ \t]*(.*)$")
_RULE_LINE = re.compile(r"^\s*<hr\s*/?>\s*$", re.IGNORECASE)
_ORIGINAL_LINE = re.compile(r"^\s*Original:\s*$")
_PAGE_LINE = re.compile(r"^第\s*(\d+)\s*版")
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ArticleFormatError(ValueError):
    """An article file that cannot be read as an article.

    The message names the file, says what is missing or wrong, and what to do.

    Example:
        >>> try:
        ...     parse_article("Title: A test", source="demo.txt")
        ... except ArticleFormatError as error:
        ...     print(error)  # doctest: +ELLIPSIS
        demo.txt: no 'Original:' line, so there is no Chinese part...
    """


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
    text = read_article_text(path)
    return parse_article(text, source=path)


def read_article_text(path: Path) -> str:
    """Read a file as UTF-8 text, with clear errors for what is not.

    A byte-order mark is dropped (UTF-8, or UTF-16 as Windows Notepad saves
    "Unicode" text) and Windows or old Mac line endings are read. A file over
    :data:`MAX_FILE_BYTES` is refused from its size, before its content is read.

    Example:
        >>> read_article_text(seed_path())[:6]
        'Title:'
    """
    path = Path(path)
    data = _read_bounded(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleFormatError(
                f"{path}: the file starts like UTF-16 text but is damaged. "
                "Open it in a text editor and save it again as UTF-8."
            ) from None
        return _unify_line_ends(text)
    kind = _binary_kind(data)
    if kind:
        raise ArticleFormatError(
            f"{path}: this looks like a binary file ({kind}), not a plain-text article. "
            "Save the article as plain text (UTF-8) and load that file."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(
            f"{path}: the file is not UTF-8 text (byte {error.start} cannot be read)."
            f"{_encoding_hint(data)} Open it in a text editor and save it again as UTF-8."
        ) from None
    return _unify_line_ends(text)


def _read_bounded(path: Path) -> bytes:
    """The bytes of a file, after checking that it is a file of a sensible size."""
    try:
        if not path.exists():
            raise ArticleFormatError(f"{path}: no such file. Check the name and the folder.")
        if path.is_dir():
            raise ArticleFormatError(f"{path}: this is a folder, not an article file.")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleFormatError(
                f"{path}: the file is {size / 1e6:.1f} MB; an article file is a few kB "
                f"(at most {MAX_FILE_BYTES / 1e6:.0f} MB is read). Is it the right file?"
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # never more, whatever the size said
    except (OSError, ValueError) as error:
        if isinstance(error, ArticleFormatError):
            raise
        reason = getattr(error, "strerror", None) or str(error)
        raise ArticleFormatError(
            f"{path}: the file cannot be read ({reason}). Check the name, the folder "
            "and that you may open it."
        ) from None
    if not data:
        raise ArticleFormatError(f"{path}: the file is empty. Is it the right file?")
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFormatError(
            f"{path}: the file is over {MAX_FILE_BYTES / 1e6:.0f} MB; an article file is a "
            "few kB. Is it the right file?"
        )
    return data


#: The first bytes of file types that students load by mistake, and what to call them.
_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a Word (.docx), Excel or zip file"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel file"),
    (b"{\\rtf", "a rich-text (.rtf) file"),
)


def _binary_kind(data: bytes) -> str:
    """What a binary file looks like ('a PDF file', ...), or '' for text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:4096]:
        return "a PDF, an image, a Word file?"
    return ""


def _encoding_hint(data: bytes) -> str:
    """A hint naming GB18030 when the bytes read as Chinese in that encoding."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    chinese = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    if chinese < max(1, len(text) // 50):
        return ""
    return " It reads as GB18030 (a Chinese Windows encoding, also called GBK):"


def _unify_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_article(text: str, source: str | Path = "<text>") -> Article:
    """Parse the text of an article file (see the module docstring for the format).

    Example:
        >>> article = parse_article(read_article_text(seed_path()), source="seed.txt")
        >>> article.paragraphs_zh[0][:12]
        '【新华社沈阳二十六日电】'
    """
    source = Path(source)
    lines = text.split("\n")
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
    """Split the lines at the '<hr />' rule and the 'Original:' line."""
    original_at = next((i for i, line in enumerate(lines) if _ORIGINAL_LINE.match(line)), None)
    if original_at is None:
        raise ArticleFormatError(
            f"{source}: no 'Original:' line, so there is no Chinese part. The file must have "
            "the English, then a '<hr />' line, then 'Original:' and the Chinese text."
        )
    english = lines[:original_at]
    while english and (not english[-1].strip() or _RULE_LINE.match(english[-1])):
        english.pop()
    return english, lines[original_at + 1 :]


def _read_metadata(lines: list[str], source: Path) -> tuple[dict[str, str], list[str]]:
    """Read the metadata lines at the top (in any order); return them and the rest."""
    metadata: dict[str, str] = {}
    at = 0
    while at < len(lines):
        line = lines[at]
        match = _METADATA_LINE.match(line.strip())
        if match:
            key, value = match.groups()
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
    headline = _headline_lines(body_lines, title_zh)
    paragraphs = body_lines[len(headline) :]
    if not paragraphs:
        raise ArticleFormatError(
            f"{source}: the Chinese body is empty: after the title and headline there are "
            "no paragraphs. Put each Chinese paragraph on its own line."
        )
    return title_zh, headline, column, paragraphs, page


def _headline_lines(body_lines: list[str], title_zh: str) -> list[str]:
    """The leading lines that together spell the Chinese title (the headline)."""
    title = SPACE.sub("", title_zh)
    spelled, headline = "", []
    for line in body_lines:
        candidate = spelled + SPACE.sub("", line)
        if not title.startswith(candidate) or candidate == "":
            break
        spelled = candidate
        headline.append(line)
    return headline
