"""Pinyin for the Chinese text: pypinyin, with the glossary's readings winning for its terms."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, pinyin

from helpers.model.tables import glossary

_HANZI = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _glossary_readings() -> tuple[tuple[str, list[str]], ...]:
    """(term, syllables) for each glossary term, longest terms first."""
    pairs = []
    for term, reading in zip(glossary()["term_zh"], glossary()["pinyin"], strict=True):
        pairs.append((term, re.findall(r"[^\s,]+", reading)))
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@lru_cache(maxsize=512)
def _syllables(text: str) -> tuple[str, ...]:
    readings = [""] * len(text)
    for at, char in enumerate(text):
        if _HANZI.match(char):
            readings[at] = pinyin(char, style=Style.TONE, heteronym=False)[0][0]
    # pypinyin reads whole phrases better than single characters: redo by runs.
    for match in re.finditer(r"[\u3400-\u9fff]+", text):
        words = pinyin(match.group(), style=Style.TONE, heteronym=False)
        if len(words) == len(match.group()):
            readings[match.start() : match.end()] = [word[0] for word in words]
    fixed = [False] * len(text)
    for term, reading in _glossary_readings():
        start = text.find(term)
        while start != -1:
            positions = [start + i for i, c in enumerate(term) if _HANZI.match(c)]
            if not any(fixed[p] for p in positions) and len(positions) == len(reading):
                for position, syllable in zip(positions, reading, strict=True):
                    readings[position] = syllable.lower()
                    fixed[position] = True
            start = text.find(term, start + 1)
    return tuple(readings)


def syllables(text: str) -> list[str]:
    """The pinyin syllable of each character of ``text`` ('' for what is not a hanzi).

    Glossary terms take the glossary's reading, so 牛犋 reads niú jù.

    Example:
        >>> syllables("抬高牛犋价")
        ['tái', 'gāo', 'niú', 'jù', 'jià']
        >>> syllables("A，中")
        ['', '', 'zhōng']
    """
    return list(_syllables(str(text)))


def pinyin_text(text: str) -> str:
    """The pinyin of a Chinese text as one line, syllables separated by spaces.

    Example:
        >>> pinyin_text("互助组")
        'hù zhù zǔ'
    """
    return " ".join(syllable for syllable in syllables(text) if syllable)
