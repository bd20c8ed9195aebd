"""The reader's pinyin for the whole seed matches a hand-checked syllable list."""

import re
from pathlib import Path

import pytest

from helpers import segments
from helpers.render.pinyin import pinyin_text, syllables

CHECKED = Path(__file__).resolve().parents[1] / "data" / "seed_pinyin.txt"
HANZI = re.compile(r"[\u3400-\u9fff]")


def _checked():
    rows = {}
    for line in CHECKED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            seg_id, chars, reading = line.split("\t")
            rows[seg_id] = (chars, reading.split())
    return rows


def test_the_checked_list_covers_every_segment_one_syllable_per_hanzi():
    rows = _checked()
    table = segments()
    assert list(rows) == list(table["seg_id"])
    for seg_id, zh in zip(table["seg_id"], table["zh"], strict=True):
        chars, reading = rows[seg_id]
        assert chars == "".join(HANZI.findall(zh)), seg_id
        assert len(reading) == len(chars), seg_id
    assert sum(len(reading) for _, reading in rows.values()) == 815


@pytest.mark.parametrize("seg_id", list(_checked()))
def test_every_segment_reads_as_checked(seg_id):
    zh = segments().set_index("seg_id").loc[seg_id, "zh"]
    chars, reading = _checked()[seg_id]
    got = [syllable for syllable in syllables(zh) if syllable]
    wrong = [(c, g, r) for c, g, r in zip(chars, got, reading, strict=True) if g != r]
    assert not wrong, f"{seg_id}: (hanzi, read, checked) {wrong}"


@pytest.mark.parametrize(
    ("text", "position", "reading"),
    [
        ("错误地认为", 2, "de"),
        ("很好地对农民进行说服教育", 2, "de"),
        ("积极地进行引导", 2, "de"),
        ("消极地加以限制", 2, "de"),
        ("使其自觉地转变", 4, "de"),
        ("认真地学习", 2, "de"),
        ("没有宣传不应急于办社", 5, "yīng"),
        ("各地党的组织", 1, "dì"),
        ("通过当地的具体事例", 3, "dì"),
        ("不具备条件的地方", 6, "dì"),
        ("土地入股", 1, "dì"),
        ("应急措施", 0, "yìng"),
    ],
)
def test_the_rules_in_any_text(text, position, reading):
    """The rules live in the path every article uses, not in a table for the seed."""
    assert syllables(text)[position] == reading


def test_the_rules_reach_the_line_of_pinyin():
    assert pinyin_text("自觉地转变") == "zì jué de zhuǎn biàn"
