"""Synthetic inputs for the benchmarks: article files and coders' save files.

Everything here is made up by the benchmark and says so in its own words: an
imaginary county, invented sentences, invented coders. None of it is history,
and none of it is ever committed: the benchmark writes it to a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

#: Invented sentence pairs (Chinese, English) about an imaginary county.
SENTENCES = [
    ("这是一篇为测速而编写的虚构文章。", "This is an invented article written to measure speed."),
    ("测试县是一个想象出来的县。", "The test county is an imaginary county."),
    (
        "测试县的第{n}个互助组在想象中的田地里种了虚构的庄稼。",
        "Mutual aid team number {n} of the test county grew invented crops in imaginary fields.",
    ),
    (
        "虚构的干部召开了第{n}次会议，讨论互助组怎样扩大。",
        "The invented cadres held meeting number {n} to discuss how mutual aid teams might grow.",
    ),
    (
        "有些虚构的农民认为办合作社比搞互助组省事。",
        "Some invented peasants thought a cooperative was less trouble than a mutual aid team.",
    ),
    (
        "这些句子全是编的，只用于检查程序跑得多快。",
        "These sentences are all made up and only serve to check how fast the program runs.",
    ),
    (
        "想象中的合作社有{n}户虚构的社员。",
        "The imaginary cooperative has {n} invented member households.",
    ),
    (
        "测试县委要求各区及时纠正想象中的偏向。",
        "The test county committee asked every district to correct the imaginary deviation.",
    ),
    (
        "读者不必相信其中任何一句话，因为它们都是虚构的。",
        "The reader need not believe any of these sentences, for they are all invented.",
    ),
    (
        "第{n}个虚构的村子也办起了一个想象中的互助组。",
        "Invented village number {n} also set up an imaginary mutual aid team.",
    ),
]

TITLE_EN = "Synthetic benchmark article {i}: an imaginary county (invented text, not history)"
TITLE_ZH = "虚构的测速文章第{i}篇"


def article_text(index: int, rng: random.Random, paragraphs: int = 3) -> str:
    """The text of one invented article in the seed format (see helpers.article)."""
    english, chinese = [], []
    for _ in range(paragraphs):
        pairs = [rng.choice(SENTENCES) for _ in range(rng.randint(4, 8))]
        numbers = [rng.randint(1, 999) for _ in pairs]
        chinese.append("".join(zh.format(n=n) for (zh, _), n in zip(pairs, numbers, strict=True)))
        english.append(" ".join(en.format(n=n) for (_, en), n in zip(pairs, numbers, strict=True)))
    date = (dt.date(2000, 1, 1) + dt.timedelta(days=index % 3650)).isoformat()
    title_zh = TITLE_ZH.format(i=index)
    body_zh = "\n".join(f"    {paragraph}" for paragraph in chinese)
    return (
        f"Title: {TITLE_EN.format(i=index)}\nAuthor: \nDate: {date}\nPage: 1\n"
        + "\n\n".join(english)
        + f"\n\n<hr />\n\nOriginal:\n\n### {title_zh}\n\n{date}\n第1版()\n专栏：\n\n"
        + f"    {title_zh}\n{body_zh}\n"
    )


def write_corpus(folder: Path, count: int, seed: int = 1954) -> Path:
    """Write ``count`` invented article files into ``folder`` and return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for index in range(count):
        path = folder / f"synthetic_{index:05d}.txt"
        path.write_text(article_text(index, rng), encoding="utf-8")
    return folder


def coding_files(
    folder: Path, seg_ids: list[str], tags: list[str], article: str, coders: int = 30, seed=7
) -> list[Path]:
    """Write one invented coder's save file per coder, in the annotator's version-2 format.

    The format is the one described in helpers/annotate.py's module docstring:
    {"format": "liaoyang-coding", "version": 2, "coder", "article", "tagset",
    "updated", "codes": {seg_id: {"tag", "confidence", "note", "updated"}}}.
    Each invented coder agrees with a shared answer most of the time, so the
    kappas are neither 0 nor 1.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    answer = {seg: rng.choice(tags) for seg in seg_ids}
    stamp = "2000-01-01T10:00:00.000000+00:00"
    paths = []
    for number in range(coders):
        codes = {}
        for seg in seg_ids:
            tag = answer[seg] if rng.random() < 0.75 else rng.choice(tags)
            codes[seg] = {
                "tag": tag,
                "confidence": rng.choice(["low", "medium", "high"]),
                "note": f"invented note {number}-{seg}",
                "updated": stamp,
            }
        content = {
            "format": "liaoyang-coding",
            "version": 2,
            "coder": f"Invented Coder {number:02d}",
            "article": article,
            "tagset": list(tags),
            "updated": stamp,
            "codes": codes,
        }
        path = folder / f"coding-Invented_Coder_{number:02d}.json"
        path.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
