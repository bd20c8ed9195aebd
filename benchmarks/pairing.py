"""How well the automatic alignment pairs the seed, and the seed rearranged.

    python benchmarks/pairing.py            # the table (Markdown) on stdout

The truth is the seed's 19 hand-checked pairs (``helpers.segments()``). Each
case rebuilds the article from those pairs with its paragraphs divided
differently in one language or both (split, merged, swapped, divided at
other places), so the hand pairs stay the truth. A pair is its (Chinese,
English) text, white space left out. Three aligners, with the same length
model (``SEED_MODEL``) and bead priors:

* ``new``: :func:`helpers.model.align.align_article` as it is now (paragraphs
  paired by length, always);
* ``old``: what the collection did before issue 16: paragraphs paired one to
  one whenever both languages have as many, otherwise by a paragraph-level
  programme, then the sentences inside each paragraph pair;
* ``nltk``: NLTK's ``align_blocks`` (``nltk.translate.gale_church``), first on
  the paragraphs' lengths and then on the sentences of each paragraph pair,
  with the same sentence splitters (needs ``pip install nltk``; otherwise its
  columns say so).

Columns: pair precision and recall; for ``new`` also how many of its wrong
pairs land in "Check first" (confidence below ``LOW_CONFIDENCE``) and how
many right ones do. Nothing here is timed.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from helpers.model import align  # noqa: E402
from helpers.model.article import Article  # noqa: E402
from helpers.model.length_model import (  # noqa: E402
    PARAGRAPH_PRIORS,
    SEED_MODEL,
    SENTENCE_PRIORS,
    text_length,
)
from helpers.model.sentences import split_sentences_en, split_sentences_zh  # noqa: E402
from helpers.model.source import LOW_CONFIDENCE  # noqa: E402
from helpers.model.tables import segments  # noqa: E402
from helpers.model.text import squeeze  # noqa: E402


def hand_pairs() -> list[tuple[str, str, int]]:
    """The seed's hand-checked pairs: (Chinese, English, paragraph)."""
    table = segments()
    return list(zip(table["zh"], table["en"], table["para"], strict=True))


def cases() -> dict[str, tuple[list[list[int]], list[list[int]]]]:
    """Each case: the Chinese and the English paragraphs, as lists of hand-pair numbers."""
    pairs = hand_pairs()
    seed = [[k for k, (_, _, para) in enumerate(pairs) if para == p] for p in (1, 2, 3)]
    one, two, three = seed
    flat = one + two + three
    return {
        "seed as it is": (seed, seed),
        "Chinese paragraph 2 split in two": ([one, two[:4], two[4:], three], seed),
        "English paragraph 3 split in two": (seed, [one, two, three[:3], three[3:]]),
        "English paragraphs 2 and 3 merged": (seed, [one, two + three]),
        "English paragraphs 2 and 3 swapped": (seed, [one, three, two]),
        "English 2/3 divided 2 pairs later": (seed, [one, two + three[:2], three[2:]]),
        "English 2/3 divided 2 pairs earlier": (seed, [one, two[:-2], two[-2:] + three]),
        "both divided at other places": (
            [flat[:4], flat[4:9], flat[9:]],
            [flat[:2], flat[2:12], flat[12:]],
        ),
        "every pair its own paragraph in Chinese": ([[k] for k in flat], seed),
    }


def make_article(zh_paragraphs: list[str], en_paragraphs: list[str]) -> Article:
    """An Article built from paragraphs (the metadata is a placeholder)."""
    return Article(
        title_en="The seed rearranged (benchmark)",
        title_zh="重排",
        date=dt.date(1954, 2, 27),
        page=1,
        source=Path("rearranged.txt"),
        paragraphs_en=en_paragraphs,
        paragraphs_zh=zh_paragraphs,
    )


def texts(case) -> tuple[list[str], list[str]]:
    """The case's Chinese and English paragraphs as text."""
    pairs = hand_pairs()
    zh, en = case
    return (
        ["".join(pairs[k][0] for k in paragraph) for paragraph in zh],
        [" ".join(pairs[k][1] for k in paragraph) for paragraph in en],
    )


def new_pairs(article: Article) -> list[tuple[str, str, float]]:
    """The collection's alignment: (Chinese, English, confidence) per pair."""
    table = align.align_article(article)
    return list(zip(table["zh"], table["en"], table["confidence"], strict=True))


def old_pairs(article: Article) -> list[tuple[str, str, float]]:
    """The alignment as before issue 16: equal paragraph counts paired one to one."""
    if len(article.paragraphs_zh) == len(article.paragraphs_en):
        paragraphs = [([k], [k]) for k in range(len(article.paragraphs_zh))]
    else:
        paragraphs = align.align_paragraphs(article.paragraphs_zh, article.paragraphs_en)
    result = []
    for zh_ids, en_ids in paragraphs:
        zh = "".join(article.paragraphs_zh[k] for k in zh_ids)
        en = " ".join(article.paragraphs_en[k] for k in en_ids)
        sentences_zh, sentences_en = split_sentences_zh(zh), split_sentences_en(en)
        for bead in align.align_sentences(sentences_zh, sentences_en):
            result.append(
                (
                    "".join(sentences_zh[k] for k in bead.zh),
                    " ".join(sentences_en[k] for k in bead.en),
                    bead.confidence,
                )
            )
    return result


class _Parameters:
    """NLTK's parameters with the collection's length model and priors."""

    AVERAGE_CHARACTERS = SEED_MODEL.ratio
    VARIANCE_CHARACTERS = SEED_MODEL.variance
    PRIORS = SENTENCE_PRIORS


class _ParagraphParameters(_Parameters):
    PRIORS = PARAGRAPH_PRIORS


def _beads(links: list[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """NLTK's (i, j) links grouped into beads (links that share a unit)."""
    beads: list[tuple[list[int], list[int]]] = []
    for i, j in links:
        if beads and (i in beads[-1][0] or j in beads[-1][1]):
            if i not in beads[-1][0]:
                beads[-1][0].append(i)
            if j not in beads[-1][1]:
                beads[-1][1].append(j)
        else:
            beads.append(([i], [j]))
    return beads


def nltk_pairs(article: Article) -> list[tuple[str, str, float]]:
    """NLTK's align_blocks on paragraphs, then on each paragraph pair's sentences."""
    from nltk.translate.gale_church import align_blocks

    lengths = [text_length(p) or 1 for p in article.paragraphs_zh]
    lengths_en = [text_length(p) or 1 for p in article.paragraphs_en]
    result = []
    for zh_ids, en_ids in _beads(align_blocks(lengths, lengths_en, _ParagraphParameters)):
        zh = [s for k in zh_ids for s in split_sentences_zh(article.paragraphs_zh[k])]
        en = [s for k in en_ids for s in split_sentences_en(article.paragraphs_en[k])]
        links = align_blocks(
            [text_length(s) or 1 for s in zh], [text_length(s) or 1 for s in en], _Parameters
        )
        for bead_zh, bead_en in _beads(links):
            result.append(("".join(zh[k] for k in bead_zh), " ".join(en[k] for k in bead_en), 1.0))
    return result


def scores(found, truth) -> dict[str, float]:
    """Pair precision and recall, and how the wrong and right pairs are flagged."""
    truth_set = {(squeeze(zh), squeeze(en)) for zh, en, _ in truth}
    right = [(squeeze(zh), squeeze(en)) in truth_set for zh, en, _ in found]
    low = [confidence < LOW_CONFIDENCE for _, _, confidence in found]
    wrong_flagged = sum(1 for ok, flag in zip(right, low, strict=True) if not ok and flag)
    right_flagged = sum(1 for ok, flag in zip(right, low, strict=True) if ok and flag)
    return {
        "precision": sum(right) / len(found) if found else 0.0,
        "recall": sum(right) / len(truth_set),
        "wrong": len(found) - sum(right),
        "wrong_flagged": wrong_flagged,
        "right": sum(right),
        "right_flagged": right_flagged,
    }


def table() -> str:
    """The Markdown table of every case."""
    try:
        import nltk  # noqa: F401

        have_nltk = True
    except ImportError:
        have_nltk = False
    truth = hand_pairs()
    lines = [
        "| case | new P | new R | new: wrong pairs in Check first | new: right pairs in "
        "Check first | old P | old R | old: wrong in Check first | NLTK P | NLTK R |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, case in cases().items():
        article = make_article(*texts(case))
        new, old = scores(new_pairs(article), truth), scores(old_pairs(article), truth)
        if have_nltk:
            theirs = scores(nltk_pairs(article), truth)
            nltk_cells = f"{theirs['precision']:.2f} | {theirs['recall']:.2f}"
        else:
            nltk_cells = "not installed | -"
        lines.append(
            f"| {name} | {new['precision']:.2f} | {new['recall']:.2f} | "
            f"{new['wrong_flagged']} of {new['wrong']} | {new['right_flagged']} of "
            f"{new['right']} | {old['precision']:.2f} | {old['recall']:.2f} | "
            f"{old['wrong_flagged']} of {old['wrong']} | {nltk_cells} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
