"""Cut any article's paragraphs into sentences, losing no character.

The first step of the automatic alignment (:mod:`helpers.model.align`):
:func:`split_sentences_zh` and :func:`split_sentences_en` cut a paragraph
into sentences; each can be called on its own.

Example:
    >>> split_sentences_zh("今天晴。明天见")
    ['今天晴。', '明天见']
"""

from __future__ import annotations

import re

_ZH_DATELINE = re.compile(r"\s*【[^【】]*】\s*")
_ZH_END = re.compile(r"[。！？；!?]+[”’」』）)]*\s*")

_EN_END = re.compile(r"([.!?]+)([\"'”’)\]]*)(\s+)(?=[\"“‘'(\[]*[A-Z])")
_EN_SEMICOLON = re.compile(r"(;)()(\s+)(?=\S)")
_EN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt no nos vol vols fig figs pp p cf vs gen col lt capt sgt
    gov sen rep rev jr sr co corp inc ltd jan feb mar apr jun jul aug sep sept oct nov dec
    approx est dept univ""".split()
)
_DOTTED_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]$")  # e.g, i.e, U.S
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
_LETTERS_AND_DOTS = re.compile(r"[A-Za-z.]*")


def split_sentences_zh(paragraph: str) -> list[str]:
    """Cut a Chinese paragraph into sentences, losing no character.

    A sentence ends after 。！？ or ；, with any closing quotation marks that
    follow (``！”``), and a dateline in 【】 at the start is a sentence of its
    own. White space after a sentence stays with it, so joining the sentences
    gives back the paragraph exactly.

    Example:
        >>> split_sentences_zh("【新华社北京一日电】今天晴。他说：“好！”我们走吧；明天见")
        ['【新华社北京一日电】', '今天晴。', '他说：“好！”', '我们走吧；', '明天见']
    """
    if not paragraph:
        return []
    cuts = []
    dateline = _ZH_DATELINE.match(paragraph)
    if dateline and dateline.group().strip():
        cuts.append(dateline.end())
    cuts += [match.end() for match in _ZH_END.finditer(paragraph)]
    return _cut(paragraph, cuts)


def split_sentences_en(paragraph: str, semicolons: bool = True) -> list[str]:
    """Cut an English paragraph into sentences, each stripped of outer white space.

    A sentence ends after . ! or ? (with any closing quotes or brackets) when
    white space and a capital letter (perhaps behind an opening quote) follow,
    but not after an abbreviation (Mr., Dr., No., e.g., U.S., ...) or an
    initial (J. Smith). With ``semicolons`` (the default) it also ends after
    ``;``, because Chinese sentences end at ； and translators mostly keep
    the semicolon in place. Joined with single spaces, the sentences give back
    the paragraph, white space aside.

    Example:
        >>> split_sentences_en('Mr. J. Smith came. He said: "Go!" We went; it rained.')
        ['Mr. J. Smith came.', 'He said: "Go!"', 'We went;', 'it rained.']
        >>> split_sentences_en("We went; it rained.", semicolons=False)
        ['We went; it rained.']
    """
    cuts, backwards = [], paragraph[::-1]
    for match in _EN_END.finditer(paragraph):
        if match.group(1) == "." and _is_abbreviation(_last_word(backwards, match.start(1))):
            continue
        cuts.append(match.end(2))
    if semicolons:
        cuts += [match.end(1) for match in _EN_SEMICOLON.finditer(paragraph)]
    return [piece.strip() for piece in _cut(paragraph, cuts) if piece.strip()]


def _last_word(backwards: str, end: int) -> str:
    """The letters and dots just before ``end`` in a text, given the text reversed.

    What ``_LAST_WORD`` finds in ``text[:end]``, read from the reversed text
    in one regular-expression match (no loop over characters).

    Example:
        >>> text = "See Dr. Smith"
        >>> _last_word(text[::-1], text.index(". "))
        'Dr'
    """
    match = _LETTERS_AND_DOTS.match(backwards, len(backwards) - end)
    return match.group()[::-1]


def _is_abbreviation(before_dot: str) -> bool:
    """Is the word just before a full stop an abbreviation or an initial?"""
    match = _LAST_WORD.search(before_dot)
    if not match:
        return False
    word = match.group(1).lstrip(".")
    if len(word) == 1 and word.isupper():
        return True  # an initial, as in "J. Smith"
    return word.lower() in _EN_ABBREVIATIONS or bool(_DOTTED_ABBREVIATION.fullmatch(word))


def _cut(text: str, cuts: list[int]) -> list[str]:
    """Cut text at the given offsets into non-empty pieces that join back to it."""
    pieces, start = [], 0
    for cut in sorted(set(cuts)):
        if start < cut < len(text):
            pieces.append(text[start:cut])
            start = cut
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]
