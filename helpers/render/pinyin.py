"""Pinyin for the Chinese text: pypinyin, with the glossary's readings winning for its terms."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, pinyin

from helpers.model.tables import glossary

_HANZI = re.compile(r"[\u3400-\u9fff]")

# Adverbial 地 (read de, not dì): the adverbs that take it in this kind of prose.
# pypinyin reads 地 as dì after them (错误地认为, 积极地进行, 自觉地转变 ...).
_DE_ADVERBS = (
    "错误 很好 更好 好好 积极 消极 自觉 认真 耐心 正确 适当 坚决 逐步 主动 被动 普遍 "
    "迅速 及时 彻底 热烈 广泛 切实 严肃 稳步 有计划 有步骤 有重点 有组织 自发 盲目 努力 "
    "不断 具体 明确 大胆 细致 充分 深入 深刻 全面 系统 热情 公开 合理 简单 机械 粗暴 "
    "强迫 生硬 片面 单纯 一般 大力 很快 慢慢 渐渐 紧紧 牢牢 自愿 真正 有效 有力 勉强 "
    "草率 轻率 踏实 顺利 胜利 正常"
).split()
# ... unless 地 begins a noun with what follows it (地方, 地区 ...).
_DI_NOUNS = (
    "地方 地区 地主 地位 地点 地带 地图 地下 地上 地里 地面 地委 地租 地亩 地产 地价".split()
)
_DE_PATTERN = re.compile(
    "(?:"
    + "|".join(sorted(map(re.escape, set(_DE_ADVERBS)), key=len, reverse=True))
    + ")(地)(?!"
    + "|".join(noun[1:] for noun in _DI_NOUNS)
    + ")"
)
# Modal 应 (yīng, "should") before 急于 / after 不 before 急: pypinyin takes 应急 (yìngjí).
_YING_PATTERN = re.compile(r"(应)(?=急于)|(?<=不)(应)(?=急)")


def _rule_readings(text: str) -> dict[int, str]:
    """Readings that pypinyin's phrase list gets wrong in this prose: {position: syllable}."""
    found = {match.start(1): "de" for match in _DE_PATTERN.finditer(text)}
    for match in _YING_PATTERN.finditer(text):
        found[match.start(1) if match.group(1) else match.start(2)] = "yīng"
    return found


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
    for position, syllable in _rule_readings(text).items():
        if not fixed[position]:
            readings[position] = syllable
    return tuple(readings)


def syllables(text: str) -> list[str]:
    """The pinyin syllable of each character of ``text`` ('' for what is not a hanzi).

    Glossary terms take the glossary's reading, so 牛犋 reads niú jù. Adverbial
    地 reads de, and the modal 应 of 不应急于 reads yīng.

    Example:
        >>> syllables("抬高牛犋价")
        ['tái', 'gāo', 'niú', 'jù', 'jià']
        >>> syllables("A，中")
        ['', '', 'zhōng']
        >>> syllables("自觉地转变")[2], syllables("不应急于办社")[1], syllables("当地")[1]
        ('de', 'yīng', 'dì')
    """
    return list(_syllables(str(text)))


def pinyin_text(text: str) -> str:
    """The pinyin of a Chinese text as one line, syllables separated by spaces.

    Example:
        >>> pinyin_text("互助组")
        'hù zhù zǔ'
    """
    return " ".join(syllable for syllable in syllables(text) if syllable)
