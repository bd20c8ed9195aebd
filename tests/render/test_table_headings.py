"""Every table the package renders: each heading stands over the values it names.

The compare tab "English against Chinese" once headed its translation notes by
position, so "better" stood over the verdict (牛犋: "better: ⚠ wrong"). Here
every rendered table is read back from its HTML and every cell is checked
against its heading: glossary columns against the glossary row of the term in
the same row, verdicts, segment ids, numbers, dates, KWIC contexts against the
article. A heading with no check fails the test, so a new table gets one.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import helpers
from helpers.analysis.compare import table_and_steps, verdict_text
from helpers.analysis.corpus_search import corpus_table
from helpers.model.tables import glossary, moves, segments
from helpers.render.argument_html import argument_table_html
from helpers.render.compare_html import compare_static_html, segment_comparison_html
from helpers.render.search import corpus_search_html, search_html

SEG = re.compile(r"^P\d+\.\d+$")
CITATION = re.compile(r"^(none|P\d+\.\d+(–P\d+\.\d+)?(, P\d+\.\d+(–P\d+\.\d+)?)*)?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?%?$")
INTEGER = re.compile(r"^\d+$")
HANZI = re.compile(r"[\u3400-\u9fff]")
VERDICTS = {verdict_text(v) for v in ("fine", "wrong", "opaque", "omitted", "inconsistent")}
VERDICTS |= {"fine", "wrong", "opaque", "omitted", "inconsistent", "", verdict_text("unchecked")}
GLOSSARY = glossary().set_index("term_zh")
MOVES = set(moves()["move"])
RENDERED = helpers.renderings().groupby("term_zh")["rendering_en"].agg(set).to_dict()


class Tables(HTMLParser):
    """Each table of a page as (class, headings, rows of cell texts)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self.cell = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"class": dict(attrs).get("class", ""), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def term_of(row: dict) -> str:
    return row.get("term") or row.get("term_zh") or ""


def from_glossary(column):
    def check(text, row):
        term = term_of(row)
        return term in GLOSSARY.index and text == GLOSSARY.loc[term, column]

    return check


def rendering_here(text, row):
    return text == "" or text in RENDERED.get(term_of(row), set())


def free_text(text, row):
    return text not in VERDICTS - {""} and not re.search(r"\[|\bnan\b|dtype|PosixPath", text)


def is_number(text, row):
    return bool(NUMBER.match(text)) or text in {"", "—", "n/a"}


def is_count(text, row):
    return bool(INTEGER.match(text))


def is_move(text, row):
    return text.removeprefix("→ ").removesuffix(" (highlighted)") in MOVES


def is_note(text, row):
    """A glossary note in a table of terms; a coding note (free text) elsewhere."""
    return from_glossary("note")(text, row) if term_of(row) else free_text(text, row)


def is_segments(text, row):
    return bool(INTEGER.match(text) or CITATION.match(text))


def step_numbers(text, row):
    return bool(re.fullmatch(r"none|\d+(, \d+)*", text))


def is_date(text, row):
    return bool(re.fullmatch(r"\d{4}(-\d{2}){0,2}", text))


CHECKS = {
    "term": lambda text, row: text in GLOSSARY.index,
    "term_zh": lambda text, row: text in GLOSSARY.index,
    "pinyin": from_glossary("pinyin"),
    "gloss_en": from_glossary("gloss_en"),
    "seed's usual rendering": from_glossary("seed_rendering"),
    "seed_rendering": from_glossary("seed_rendering"),
    "better": from_glossary("suggested_rendering"),
    "suggested_rendering": from_glossary("suggested_rendering"),
    "English here": rendering_here,
    "rendering_en": rendering_here,
    "verdict": lambda text, row: text in VERDICTS,
    "note": is_note,
    "seg_id": lambda text, row: bool(SEG.match(text)),
    "seg_ids": lambda text, row: bool(CITATION.match(text)),
    "segment": lambda text, row: bool(SEG.match(text)),
    "segments": is_segments,
    "zh": lambda text, row: bool(HANZI.search(text)),
    "chinese": lambda text, row: bool(HANZI.search(text)),
    "en": lambda text, row: not HANZI.search(text) and free_text(text, row),
    "move": lambda text, row: text in MOVES or text == "",
    "problem": is_move,
    "answered by steps (a reading)": step_numbers,
    "date": is_date,
    "flag": lambda text, row: text in {"yes", "no"},
    "confidence": lambda text, row: bool(re.fullmatch(r"[a-z]+", text)) or is_number(text, row),
    "step": lambda text, row: text == "" or is_count(text, row),
}
for name in ("para", "uses", "hits", "total", "rung", "zh_characters", "en_words"):
    CHECKS[name] = is_count
for name in ("kappa", "alpha", "percent", "specific agreement %", "zh_share", "en_share"):
    CHECKS[name] = is_number
for name in ("P1", "P2", "P3", *MOVES):
    CHECKS.setdefault(name, is_count)
for name in (
    "label description guiding_question event kind precision source summary answers reading "
    "aspect title_en form what_happens land animals_and_tools income actors coder coder_a "
    "coder_b tag query check status found what_to_do why comment article_id colour"
).split() + ["what those steps do", "why (a reading)", "what to do"]:
    CHECKS[name] = free_text
for header in helpers.deviations_side_by_side().columns[1:]:
    CHECKS[header] = free_text


def pages() -> dict[str, str]:
    """Every page and notebook table the package renders, by name."""
    shown = {
        "compare": compare_static_html(*table_and_steps()),
        "argument": argument_table_html(*table_and_steps(), "deviation-2"),
        "corpus": "".join(corpus_search_html("互助组", corpus_table()[0])[:2]),
        "agreement": helpers.agreement(helpers.example_codings(), reference="seed")._repr_html_(),
        "hits_by_paragraph": helpers.hits_by_paragraph(helpers.kwic("互助组"))._repr_html_(),
    }
    for name in (
        "argument_table actors_by_move check_environment deviations_side_by_side glossary "
        "ladder moves renderings segments steps text_per_move timeline"
    ).split():
        shown[name] = getattr(helpers, name)()._repr_html_()
    return shown


PAGES = pages()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_heading_stands_over_the_values_it_names(name):
    tables = [t for t in Tables(PAGES[name]).tables if "ly-table" in t["class"]]
    assert tables, f"{name}: no table rendered"
    for table in tables:
        headings, *rows = table["rows"]
        unknown = [heading for heading in headings if heading not in CHECKS]
        assert not unknown, f"{name}: add a check for the heading(s) {unknown}"
        for cells in rows:
            if len(cells) == 1 and cells[0].startswith("…"):
                continue
            assert len(cells) == len(headings), f"{name}: a row of {len(cells)} cells"
            row = dict(zip(headings, (" ".join(cell.split()) for cell in cells), strict=True))
            for heading, text in row.items():
                assert CHECKS[heading](text, row), f"{name}: {heading!r} over {text!r} ({row})"


def test_the_translation_notes_of_p3_4_say_what_the_glossary_says():
    page = segment_comparison_html("P3.4")
    headings, *rows = Tables(page).tables[-1]["rows"]
    row = next(dict(zip(headings, cells, strict=True)) for cells in rows if cells[0] == "牛犋")
    assert row["better"] == "draught team" and row["verdict"] == "⚠ wrong"
    assert row["seed's usual rendering"] == GLOSSARY.loc["牛犋", "seed_rendering"]
    assert row["English here"] == "cattle"


def test_a_heading_check_fails_on_swapped_columns():
    """The checks are not empty: the old positional headings fail them."""
    row = {"term": "牛犋", "better": "⚠ wrong", "seed's usual rendering": "draught team"}
    assert not CHECKS["better"](row["better"], row)
    assert not CHECKS["seed's usual rendering"](row["seed's usual rendering"], row)


@pytest.mark.parametrize(("query", "lang"), [("互助组", "zh"), ("mutual aid", "en"), ("社", "zh")])
def test_every_concordance_line_is_the_article_text_around_its_hit(query, lang):
    html, hits = search_html(query, lang)
    table = next(t for t in Tables(html).tables if "ly-kwic" in t["class"])
    headings, *rows = table["rows"]
    assert headings == ["segment", "left context", "hit", "right context"]
    texts = segments().set_index("seg_id")[lang]
    other = segments().set_index("seg_id")["en" if lang == "zh" else "zh"]
    lines, seen = [r for r in rows if len(r) == 4], 0
    for cells in rows:
        if len(cells) == 4:
            seg_id, left, hit, right = cells
            assert hit.lower() == query.lower() and SEG.match(seg_id)
            assert f"{left}{hit}{right}" in texts[seg_id]
            seen += 1
        else:  # the other language, once per segment, under its hits
            label, sentence = cells[-1].split(": ", 1)
            seg_id = re.search(r"\((P\d+\.\d+)\)$", label).group(1)
            assert sentence == other[seg_id]
    assert seen == len(lines) == len(hits)
    other_rows = len(rows) - len(lines)
    assert other_rows == hits["seg_id"].nunique() < len(hits)
