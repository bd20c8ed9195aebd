"""An article file's bytes as clean text: its encoding found, its invisible characters gone.

:func:`read_article_text` reads a file through
:func:`helpers.model.files.read_regular` (an ordinary file, at most
:data:`MAX_FILE_BYTES`), and decodes it: UTF-8 (a byte-order mark allowed),
UTF-16 as Windows Notepad saves it, with or without a byte-order mark.
What cannot be decoded is refused with the line it is on. A NUL byte, anywhere,
means a damaged or binary file. Invisible characters (zero-width spaces and
joiners, soft hyphens, direction marks) are taken out, so that a word with one
inside is found by a search. Every problem is an :class:`ArticleFormatError`
whose message names the file and says what to do.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from helpers.model.files import FileReadError, read_regular
from helpers.model.text import without_invisible

#: Files larger than this are refused before they are read (bytes).
MAX_FILE_BYTES = 5_000_000


class ArticleFormatError(ValueError):
    """An article file that cannot be read as an article.

    The message names the file, says what is missing or wrong, and what to do.

    Example:
        >>> str(ArticleFormatError("demo.txt: the file is empty. Is it the right file?"))
        'demo.txt: the file is empty. Is it the right file?'
    """


def read_article_text(path: str | Path, limit: int | None = None) -> str:
    """Read a file as text, with clear errors for what is not text.

    A byte-order mark is dropped (UTF-8, or UTF-16 as Windows Notepad saves
    "Unicode" text), UTF-16 without one is recognised, Windows or old Mac line
    endings are read, invisible characters are taken out. A file over
    :data:`MAX_FILE_BYTES` is refused from its size, before its content is read.

    Example:
        >>> from helpers.model.paths import seed_path
        >>> read_article_text(seed_path())[:6]
        'Title:'
    """
    path = Path(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES if limit is None else limit, "article file")
    except FileReadError as error:
        raise ArticleFormatError(f"{path}: {error.words}") from None
    return article_text(data, path)


def article_text(data: bytes, path: Path | str = "<text>") -> str:
    """The clean text of an article file's bytes: what :func:`read_article_text` gives.

    For bytes already read (the corpus reads each file once, to hash it).

    Example:
        >>> article_text("\\ufeffTitle: 互助组\\r\\n".encode("utf-8"))
        'Title: 互助组\\n'
    """
    if not data:
        raise ArticleFormatError(f"{path}: the file is empty. Is it the right file?")
    return _unify_line_ends(without_invisible(decode_article(data, path)))


def decode_article(data: bytes, path: Path | str = "<text>") -> str:
    """The text of an article file's bytes: UTF-8 or UTF-16 (with or without a mark).

    Example:
        >>> decode_article("Title: 互助组".encode("utf-16-le"))
        'Title: 互助组'
    """
    utf16 = _utf16_of(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise ArticleFormatError(
                f"{path}: the file starts like UTF-16 text but is damaged. "
                "Open it in a text editor and save it again as UTF-8."
            ) from None
    kind = _binary_kind(data)
    if kind:
        raise ArticleFormatError(
            f"{path}: this looks like a binary file ({kind}), not a plain-text article. "
            "Save the article as plain text (UTF-8) and load that file."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ArticleFormatError(
            f"{path}: the file is not UTF-8 text (line {line}, byte {error.start} cannot be "
            f"read).{_encoding_hint(data)} Open it in a text editor and save it again as UTF-8."
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ArticleFormatError(
            f"{path}: line {line} holds a NUL character, which no text file has: the file is "
            "damaged or not plain text. Open it in a text editor, delete what is odd on that "
            "line, and save it again as UTF-8."
        )
    return text


def _utf16_of(data: bytes) -> str:
    """'utf-16' (a byte-order mark), 'utf-16-le' or '-be' (none, but the zeros say so), or ''.

    Text in UTF-16 without a mark has a zero byte in most pairs at the same side:
    after each ASCII letter (little-endian), or before it (big-endian).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4 or any(data.startswith(signature) for signature, _ in _SIGNATURES):
        return ""
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= pairs * 0.3 and others <= zeros * 0.1 and len(data) % 2 == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return ""
            return encoding if _mostly_text(text) else ""
    return ""


def _mostly_text(text: str) -> bool:
    shown = sum(1 for char in text if char.isprintable() or char in "\n\r\t")
    return shown >= len(text) * 0.98


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
