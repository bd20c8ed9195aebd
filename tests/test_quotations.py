"""Quotations are exact: Chinese ones occur in the seed, English ones in the segment they cite.

A Chinese quotation is any run of hanzi (with the Chinese punctuation inside it) in a
notebook's text cells; a run of two hanzi or more must occur in the seed's Chinese, or in the
facts sheet (the historians' voice: 过渡时期总路线, 国务院 ...). Ellipses (…… or …) split a
quotation into parts, each of which must occur.

An English quotation of the translation is a double-quoted string that the text attributes to
the English ("the English says ...", "in the English ...", or a quotation followed by "(the
English ...") or that follows a quoted Chinese sentence (“……” "..."), the collection's way of
citing both languages. It must occur in the English of a segment cited in the same paragraph
(or in the same cell, when the paragraph cites none).
"""

import re
from pathlib import Path

import nbformat
import pytest

from helpers import segments

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
SEED = (ROOT / "seeds" / "000_de9b3e9f03d8f077.txt").read_text(encoding="utf-8")
FACTS = (ROOT / "helpers" / "data" / "facts.md").read_text(encoding="utf-8")
# Chinese in the collection's own voice that quotes nothing: the paper's name, a sample name.
NAMES = {"人民日报", "李华"}
CHINESE = SEED.split("Original:", 1)[1]

HANZI = "\u3400-\u9fff"
CJK_PUNCT = "，。！？；：、“”‘’（）《》—"
RUN = re.compile(rf'[{HANZI}](?:[{HANZI}{CJK_PUNCT}…]|"(?=[{HANZI}]))*')
SEG_ID = re.compile(r"\bP\d+\.\d+\b")
DOUBLE = re.compile(r'"([^"\n]+)"')
SINGLE = re.compile(r"'((?:[^'\n]|'(?=[a-z]))+)'")


def _markdown(path):
    return [
        (index, cell.source)
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells)
        if cell.cell_type == "markdown"
    ]


def _parts(quotation):
    return [part for part in re.split(r"…+|\.\.\.", quotation) if part.strip()]


def chinese_quotations(text):
    """The runs of hanzi in a text, as parts split at ellipses and stripped of edge punctuation.

    Example:
        >>> chinese_quotations('还省"麻烦": and 由于……因而使 (P2.5)')
        ['还省"麻烦', '由于', '因而使']
    """
    found = []
    for run in RUN.findall(text):
        for part in _parts(run):
            part = part.strip(CJK_PUNCT)
            if len(re.findall(rf"[{HANZI}]", part)) >= 2:
                found.append(part)
    return found


def english_quotations(paragraph):
    """The quotations a paragraph attributes to the English translation.

    Example:
        >>> english_quotations('the English says "bias" and "biases"; “干吧！” "Let them!"')
        ['bias', 'Let them!']
        >>> english_quotations('the English drops 缺点 ("shortcoming")')
        []
    """
    found, previous_end = [], 0
    for match in DOUBLE.finditer(paragraph):
        before = paragraph[previous_end : match.start()]
        after = paragraph[match.end() : match.end() + 14]
        attributed = (
            "English" in before[-45:]
            or re.search(r"”\s*\(?$", before)
            or re.match(r"\s*\(the English", after)
        )
        gloss = re.search(rf"[{HANZI}]\*?\*?\s*\($", before)  # 缺点 ("shortcoming"): a gloss
        if attributed and not gloss:
            found.append(match.group(1))
        previous_end = match.end()
    for match in SINGLE.finditer(paragraph):
        if re.search(r"”\s*\($", paragraph[: match.start()]):
            found.append(match.group(1))
    return found


def _chinese_cases():
    for path in NOTEBOOKS:
        for index, source in _markdown(path):
            for quotation in chinese_quotations(source):
                yield pytest.param(quotation, id=f"{path.stem}-{index}-{quotation[:12]}")


def _english_cases():
    english = segments().set_index("seg_id")["en"]
    for path in NOTEBOOKS:
        for index, source in _markdown(path):
            cell_ids = SEG_ID.findall(source)
            for paragraph in re.split(r"\n\s*\n|\n(?=[-*] |\d+\. )", source):
                cited = SEG_ID.findall(paragraph) or cell_ids or list(english.index)
                texts = [english[seg_id] for seg_id in cited if seg_id in english.index]
                for quotation in english_quotations(paragraph):
                    yield pytest.param(quotation, texts, id=f"{path.stem}-{index}-{quotation[:20]}")


@pytest.mark.parametrize("quotation", list(_chinese_cases()))
def test_every_chinese_quotation_occurs_in_the_seed_or_the_facts_sheet(quotation):
    if quotation in NAMES:
        return
    # A list of the article's words (第一、第二) may join words that stand apart in the seed.
    for part in [quotation] if quotation in CHINESE else quotation.split("、"):
        assert part in CHINESE or part in FACTS, f"not in the seed: {quotation}"


@pytest.mark.parametrize(("quotation", "texts"), list(_english_cases()))
def test_every_english_quotation_occurs_in_the_segment_it_cites(quotation, texts):
    for part in _parts(quotation.replace("**", "")):
        part = part.strip(" ,.;:()")
        assert any(part in text for text in texts), f"not in the cited English: {part!r}"


def test_the_quotations_are_found():
    assert len(list(_chinese_cases())) > 100
    assert len(list(_english_cases())) > 15
