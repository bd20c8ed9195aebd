"""Every tool that needs no hand-made coding works on any article file in the seed format.

Two synthetic articles (made up, and saying so; see tests/synthetic.py) are
written into a folder beside a copy of the seed: one with two Chinese
paragraphs against three English ones, a one-to-two sentence pair and no
author; one with one-to-one and two-to-one pairs and an author. Each tool is
called once on the file's path, as an instructor would, and checked against
what the file says, computed here independently of the tools.
"""

import re
import shutil
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from synthetic import (
    ONE_TO_ONE_EN,
    ONE_TO_ONE_ZH,
    ONE_TO_TWO_EN,
    ONE_TO_TWO_ZH,
    TWO_TO_ONE_EN,
    TWO_TO_ONE_ZH,
    UNEVEN_EN,
    UNEVEN_ZH,
    write_article_file,
)

import helpers
from helpers import load_article, segments
from helpers.analysis.agreement import AgreementError
from helpers.analysis.argument import (
    CHINESE_LABELS,
    NO_STEPS,
    PROBLEMS,
    STEPS_COLUMN,
    argument_table,
)
from helpers.analysis.compare import (
    UNCHECKED,
    deviations_side_by_side,
    renderings,
    segment_comparison,
)
from helpers.analysis.corpus_search import corpus_counts, corpus_kwic
from helpers.analysis.search import SearchError
from helpers.model.coding_apply import apply_coding
from helpers.model.coding_file import CodingFileError, read_steps, steps_for, write_coding_template
from helpers.model.coding_store import coding_path, export_csv, load_coding, saved_coding_data
from helpers.model.corpus import load_corpus
from helpers.model.paths import seed_path
from helpers.model.source import SourceError, article_id_of, as_article, as_table, is_seed_table
from helpers.render.agreement import agreement
from helpers.render.argument_map import argument_map
from helpers.render.html import escape, move_badge_html
from helpers.views.annotator import annotator
from helpers.views.argument_map import argument_map_widget
from helpers.views.compare import compare
from helpers.views.concordance import concordance
from helpers.views.corpus_concordance import corpus_concordance
from helpers.views.reader import reader

SEG_ATTR = re.compile(r'data-seg="([^"]+)"')
SPACE = re.compile(r"\s+")
SEED_ID = seed_path().stem

#: The two synthetic articles: paragraphs (Chinese, English) and metadata.
ARTICLES = {
    "synthetic_uneven": {
        "zh": UNEVEN_ZH + ONE_TO_TWO_ZH,
        "en": UNEVEN_EN + ONE_TO_TWO_EN,
        "metadata": {"author": ""},
    },
    "synthetic_even": {
        "zh": ONE_TO_ONE_ZH + TWO_TO_ONE_ZH,
        "en": ONE_TO_ONE_EN + TWO_TO_ONE_EN,
        "metadata": {
            "author": "A. Test Author",
            "title_en": "A Second Synthetic Test Article",
            "title_zh": "第二篇虚构的测试文章",
            "date": "2000-02-02",
        },
    },
}


def squeeze(text):
    return SPACE.sub("", str(text))


@pytest.fixture
def folder(tmp_path):
    """A folder with a copy of the seed and the two synthetic articles."""
    shutil.copy(seed_path(), tmp_path / f"{SEED_ID}.txt")
    for name, article in ARTICLES.items():
        write_article_file(
            tmp_path, f"{name}.txt", article["en"], article["zh"], **article["metadata"]
        )
    return tmp_path


@pytest.fixture(params=list(ARTICLES))
def article_path(request, folder):
    return folder / f"{request.param}.txt"


def walk(box):
    """Click Next until it is disabled; the seg_ids shown at each step."""
    seen = [SEG_ATTR.findall(box.panes.text.value)]
    for _ in range(100):
        if box.controls.next.disabled:
            break
        box.controls.next.click()
        seen.append(SEG_ATTR.findall(box.panes.text.value))
    return seen


# ---------------------------------------------------------------- loading, splitting, aligning


def test_loading_keeps_the_metadata_and_a_missing_author(folder):
    uneven = load_article(folder / "synthetic_uneven.txt")
    even = load_article(folder / "synthetic_even.txt")
    assert uneven.author is None and even.author == "A. Test Author"
    assert (len(uneven.paragraphs_zh), len(uneven.paragraphs_en)) == (3, 4)
    assert (len(even.paragraphs_zh), len(even.paragraphs_en)) == (3, 3)
    table = as_table(folder / "synthetic_uneven.txt")
    assert table.attrs["article_id"] == "synthetic_uneven"
    assert table.attrs["author"] == "" and table.attrs["date"] == "2000-01-01"
    assert as_article(str(folder / "synthetic_even.txt")).title_en == even.title_en


def test_sentences_are_split_and_paired_covering_both_texts(article_path):
    table = as_table(article_path)
    article = load_article(article_path)
    assert squeeze("".join(table["zh"])) == squeeze("".join(article.paragraphs_zh))
    assert squeeze("".join(table["en"])) == squeeze("".join(article.paragraphs_en))
    assert table["seg_id"].is_unique and (table["move"] == "").all()
    assert table["confidence"].between(0, 1).all() and (table["confidence"] < 1).any()
    chinese_sentences = sum(len(re.findall("[。！？；]", p)) for p in article.paragraphs_zh)
    assert len(table) <= chinese_sentences  # a pair holds one or more sentences


def test_a_one_to_two_pair_and_uneven_paragraphs_are_aligned(folder):
    table = as_table(folder / "synthetic_uneven.txt").set_index("seg_id")
    long_sentence = ONE_TO_TWO_ZH[0].split("。")[1] + "。"
    row = table[table["zh"] == long_sentence]
    assert len(row) == 1  # one Chinese sentence ...
    assert row["en"].iloc[0].count(". ") == 1  # ... paired with two English ones
    paragraph_two_en = " ".join(UNEVEN_EN[1:])  # two English paragraphs for one Chinese
    assert squeeze("".join(table[table["para"] == 2]["en"])) == squeeze(paragraph_two_en)


def test_the_seed_file_keeps_its_hand_checked_coding(folder):
    table = as_table(folder / f"{SEED_ID}.txt")
    assert table["move"].tolist() == segments()["move"].tolist()
    assert is_seed_table(table) and not is_seed_table(as_table(folder / "synthetic_even.txt"))


def test_the_corpus_loader_reads_the_three_articles(folder):
    table, report = load_corpus(folder)
    assert sorted(table["article_id"].unique()) == sorted([SEED_ID, *ARTICLES])
    for name in ARTICLES:
        rows = table[table["article_id"] == name]
        assert rows["seg_id"].tolist() == as_table(folder / f"{name}.txt")["seg_id"].tolist()
    assert report.skipped.empty


def test_a_wrong_source_says_what_to_pass(folder):
    for source, words in [
        ("P3.4", "looks like a segment id"),
        (folder, "is a folder"),
        (load_corpus(folder)[0], "holds 3 articles"),
        (42, "Cannot read a int"),
    ]:
        with pytest.raises(SourceError, match=words):
            as_table(source)
        box = reader(source)
        assert box.controls is None and words in box.static_html()


# ---------------------------------------------------------------- the reader


def test_reader_steps_through_every_segment_of_the_file(article_path):
    box = reader(str(article_path))
    expected = as_table(article_path)["seg_id"].tolist()
    assert walk(box) == [[seg_id] for seg_id in expected]
    assert box.panes.position.value == f"Segment {len(expected)} of {len(expected)}"
    assert escape(load_article(article_path).title_en) in box.panes.title.value
    assert SEG_ATTR.findall(box.static_html()) == expected


def test_reader_says_how_sure_each_automatic_pair_is(article_path):
    table = as_table(article_path)
    box = reader(article_path)
    first = table.iloc[0]
    assert f"confidence {first.confidence:.2f}" in box.panes.alignment.value
    box.controls.view.value = "article"
    assert f"{table.confidence.min():.2f} to {table.confidence.max():.2f}" in (
        box.panes.alignment.value
    )
    assert "not coded" in box.panes.text.value


def test_reader_paragraph_view_follows_the_aligned_paragraphs(folder):
    box = reader(folder / "synthetic_uneven.txt")
    box.controls.view.value = "paragraph"
    table = as_table(folder / "synthetic_uneven.txt")
    expected = [list(group["seg_id"]) for _, group in table.groupby("para", sort=True)]
    assert walk(box) == expected


# ---------------------------------------------------------------- English against Chinese


def test_compare_shows_every_segment_in_both_languages(article_path):
    box = compare(article_path)
    table = as_table(article_path)
    assert list(box.controls.segment.options) == table["seg_id"].tolist()
    for row in table.itertuples():
        box.controls.segment.value = row.seg_id
        page = box.panes.segment.value
        assert f'data-seg="{row.seg_id}"' in page and escape(row.en) in page
        assert f"confidence {row.confidence:.2f}" in page
        assert 'class="ly-message ly-error"' not in page
        found = segment_comparison(row.seg_id, article_path)
        has_term = "互助组" in row.zh
        assert ("互助组" in set(found["terms"]["term_zh"])) == has_term


def test_the_seeds_hand_checked_notes_stay_with_the_seed(article_path):
    found = renderings(article_path)
    expected = {
        (term, row.seg_id)
        for row in as_table(article_path).itertuples()
        for term in ["互助组"]
        if term in row.zh
    }
    assert expected <= set(zip(found["term_zh"], found["seg_id"], strict=True))
    assert (found["verdict"] == UNCHECKED).all() and not found["flag"].any()
    side = deviations_side_by_side(article_path).set_index("aspect")
    summaries = side.iloc[:3].to_numpy().ravel()
    assert all(cell == "(not summarised for this text)" for cell in summaries)
    assert (side.loc["Evidence (seg_ids)"] == "(no segment coded so)").all()
    assert "not coded yet" in compare(article_path).panes.deviations.value


# ---------------------------------------------------------------- the corpus


def count_in(folder, text, lang):
    """Hits of a plain word per article, counted from the files themselves."""
    counts = {}
    for path in sorted(folder.glob("*.txt")):
        article = load_article(path)
        paragraphs = article.paragraphs_zh if lang == "zh" else article.paragraphs_en
        counts[path.stem] = sum(
            len(re.findall(re.escape(text), p, re.IGNORECASE)) for p in paragraphs
        )
    return counts


@pytest.mark.parametrize(("query", "lang"), [("互助组", "zh"), ("虚构", "zh"), ("IMAGINARY", "en")])
def test_corpus_kwic_finds_the_hits_in_the_right_articles(folder, query, lang):
    hits = corpus_kwic(query, folder, lang=lang)
    expected = count_in(folder, query, lang)
    found = hits.groupby("article_id").size().to_dict()
    assert found == {name: count for name, count in expected.items() if count}
    assert (hits["match"].str.lower() == query.lower()).all()
    for row in hits.itertuples():
        table = as_table(folder / f"{row.article_id}.txt").set_index("seg_id")
        assert row.left + row.match + row.right in table.loc[row.seg_id, lang]
    counts = corpus_counts(hits, load_corpus(folder)[0]).set_index("article_id")["hits"]
    assert counts.to_dict() == expected


def test_corpus_kwic_takes_a_loaded_corpus_and_checks_the_query(folder):
    table, _ = load_corpus(folder)
    assert corpus_kwic("虚构", table).equals(corpus_kwic("虚构", folder))
    with pytest.raises(SearchError, match="not a valid regular expression"):
        corpus_kwic("(", folder, regex=True)
    hits = corpus_kwic(r"互助组|虚构", folder, regex=True)
    assert set(hits["match"]) == {"互助组", "虚构"}


def test_corpus_concordance_widget(folder):
    expected = count_in(folder, "虚构", "zh")
    (folder / "broken.txt").write_text("Title: no date and no Chinese\n", encoding="utf-8")
    box = corpus_concordance(folder)
    assert "broken.txt" in box.panes.report.value and "ly-error" in box.panes.report.value
    box.controls.query.value = "虚构"
    page = box.panes.results.value
    total = sum(expected.values())
    assert f"{total} hits for" in page and "in 2 of 3 articles" in page
    assert page.count('<span class="ly-hit">虚构</span>') == total
    for name, count in expected.items():
        cell = re.compile(rf"<td[^>]*>{re.escape(name)}</td>")
        assert cell.search(box.panes.counts.value)
        assert len(cell.findall(page)) == count
    box.controls.lang.value = "en"
    assert "No hits" in box.panes.results.value
    box.controls.query.value = "(imaginary"
    box.controls.regex.value = True
    assert "ly-error" in box.panes.results.value and "<table" not in box.panes.results.value
    assert "ly-error" in box.static_html()


def test_corpus_concordance_reloads_a_folder_with_a_new_article(folder):
    (folder / "synthetic_even.txt").unlink()
    box = corpus_concordance(folder, query="虚构")
    assert "in 1 of 2 articles" in box.panes.results.value
    article = ARTICLES["synthetic_even"]
    write_article_file(folder, "synthetic_even.txt", article["en"], article["zh"])
    box.controls.reload.click()
    assert "in 2 of 3 articles" in box.panes.results.value


def test_a_missing_corpus_folder_is_a_message(tmp_path):
    box = corpus_concordance(tmp_path / "nowhere", query="虚构")
    assert "no such folder" in box.panes.report.value
    assert "No corpus is loaded" in box.panes.results.value


def test_the_one_article_concordance_takes_the_article_table(article_path):
    box = concordance("虚构", table=as_table(article_path))
    expected = sum(p.count("虚构") for p in load_article(article_path).paragraphs_zh)
    assert f"{expected} hits for" in box.panes.results.value


# ---------------------------------------------------------------- coding it


def code_with_annotator(coder, path, tags):
    """Code every segment of an article in the annotator, as a student would."""
    table = as_table(path)
    box = annotator(coder, table=table, article=article_id_of(path))
    for tag in tags:
        if tag not in [value for _, value in box.controls.tag.options]:
            box.controls.new_tag.value = tag
            box.controls.add_tag.click()
        box.controls.tag.value = tag
        box.controls.save_next.click()
    return box


def test_annotator_codes_a_synthetic_article_and_two_coders_agree_or_not(folder):
    path = folder / "synthetic_even.txt"
    count = len(as_table(path))
    tags_a = ["lead"] * 2 + ["situation"] * (count - 2)
    tags_b = ["lead"] * 3 + ["situation"] * (count - 3)
    code_with_annotator("Coder A", path, tags_a)
    box = code_with_annotator("Coder B", path, tags_b)
    assert f"{count} of {count} coded" in box.panes.position.value
    saved = saved_coding_data("Coder A", "synthetic_even")
    assert saved["article"] == "synthetic_even"
    assert [saved["codes"][seg]["tag"] for seg in as_table(path)["seg_id"]] == tags_a
    files = [coding_path("Coder A", "synthetic_even"), coding_path("Coder B", "synthetic_even")]
    report = agreement(files, table=path)
    same = sum(a == b for a, b in zip(tags_a, tags_b, strict=True))
    assert report.percent == pytest.approx(100 * same / count)
    assert report.disputed["seg_id"].tolist() == ["P2.1"]
    assert report.warnings == []
    with pytest.raises(AgreementError, match="the table given is of"):
        agreement(files, table=folder / "synthetic_uneven.txt")


def test_annotator_coding_becomes_moves_for_the_reader(folder):
    path = folder / "synthetic_uneven.txt"
    count = len(as_table(path))
    tags = ["lead", "situation", "deviation-1", "my own tag"] + ["correction"] * (count - 4)
    code_with_annotator("Coder C", path, tags)
    table = apply_coding(path, coding_path("Coder C", "synthetic_uneven"))
    assert table["move"].tolist() == tags
    assert any("my own tag" in warning for warning in table.attrs["coding_warnings"])
    box = reader(table)
    box.controls.next.click()
    assert move_badge_html("situation") in box.panes.text.value
    box.controls.focus.value = "deviation-1"
    assert SEG_ATTR.findall(box.panes.text.value) == [table.seg_id[2]]
    coding = load_coding("Coder C", as_table(path), path.stem)
    exported = export_csv(coding, table=as_table(path))
    assert apply_coding(path, exported)["move"].tolist() == tags
    wrong_texts = export_csv(coding, path=path.with_suffix(".seed.csv"))  # the seed's texts
    with pytest.raises(CodingFileError, match="the Chinese of P1.1 is not this article's"):
        apply_coding(path, wrong_texts)
    assert steps_for(table).empty  # the annotator gives no steps ...
    assert escape(NO_STEPS) in argument_map_widget(table).panes.message.value  # ... and says so


CODING_CSV = """seg_id,move,step,actors,note,answers
P1.1,lead,,test county,The opening line.,
P1.2,situation,,,,
P2.1,deviation-1,,cadres; peasants,<b>rushing</b>,
P2.2,deviation-2,,,,
P3.1,middle-peasants,,,,
P3.2,correction,1,county committee,The first step.,deviation-1; deviation-2
P3.3,correction,2,,,middle-peasants
"""


@pytest.fixture
def coded(folder):
    path = folder / "coding.csv"
    path.write_text(CODING_CSV, encoding="utf-8")
    return apply_coding(folder / "synthetic_even.txt", path)


def test_a_coding_csv_gives_moves_steps_and_actors(coded):
    assert coded["move"].tolist()[:2] == ["lead", "situation"]
    assert coded.set_index("seg_id").loc["P2.1", "actors"] == ["cadres", "peasants"]
    assert coded["step"].dropna().astype(int).tolist() == [1, 2]
    steps_table = steps_for(coded)
    assert steps_table["answers"].tolist() == [["deviation-1", "deviation-2"], ["middle-peasants"]]
    assert steps_table["summary"].tolist() == coded.loc[coded.step.notna(), "en"].tolist()


def test_argument_table_and_map_of_a_coded_article(coded, capsys):
    rows = argument_table(coded).set_index("problem")
    assert rows.loc["deviation-1", "seg_ids"] == ["P2.1"]
    assert rows.loc["deviation-2", STEPS_COLUMN] == [1]
    assert rows.loc["middle-peasants", STEPS_COLUMN] == [2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = argument_map(coded, highlight="deviation-1")
        figure.canvas.draw()
    texts = {t.get_gid(): t.get_text() for t in figure.axes[0].texts if t.get_gid()}
    plt.close(figure)
    assert {"box:step:1", "box:step:2"} <= set(texts) and "box:step:3" not in texts
    assert {gid for gid in texts if gid.startswith("answer:")} == {
        "answer:1:deviation-1",
        "answer:1:deviation-2",
        "answer:2:middle-peasants",
    }
    for move in PROBLEMS:  # the seed's Chinese words are not put in another article's mouth
        assert CHINESE_LABELS[move] not in texts[f"box:problem:{move}"]
    assert "P2.1" in texts["box:problem:deviation-1"]
    assert capsys.readouterr().out.startswith("Reading: The lead (P1.1)")


def test_a_steps_file_overrides_the_coding(coded, tmp_path):
    steps_file = tmp_path / "steps.csv"
    steps_file.write_text(
        "step,seg_id,summary,answers,reading\n3,P3.3,A made-up step.,deviation-2,A reading.\n",
        encoding="utf-8",
    )
    rows = argument_table(coded, steps=steps_file).set_index("problem")
    assert rows.loc["deviation-2", STEPS_COLUMN] == [3]
    assert rows.loc["deviation-1", STEPS_COLUMN] == []
    with pytest.raises(CodingFileError, match="does not have: P9.9"):
        read_steps(pd.DataFrame({"step": [1], "seg_id": ["P9.9"]}), coded)


def test_the_coded_article_reads_with_its_colours_and_compares(coded):
    box = reader(coded, start="P2.2")
    assert move_badge_html("deviation-2") in box.panes.text.value
    side = deviations_side_by_side(coded).set_index("aspect")
    assert side.loc["Evidence (seg_ids)"].tolist() == ["P2.1", "P2.2", "P3.1"]
    assert "Step 1 (P3.2)" in side.loc["Corrective steps that answer it (a reading)"].iloc[0]
    page = compare(coded).static_html()
    assert "<b>rushing</b>" not in page and "&lt;b&gt;rushing&lt;/b&gt;" in page


def test_a_template_round_trips(folder):
    path = write_coding_template(folder / "synthetic_even.txt")
    template = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert template["seg_id"].tolist() == as_table(folder / "synthetic_even.txt")["seg_id"].tolist()
    template.loc[0, "move"] = "lead"
    template.to_csv(path, index=False, encoding="utf-8-sig")
    table = apply_coding(folder / "synthetic_even.txt", path)
    assert table["move"].tolist()[:2] == ["lead", ""]


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (None, "missing.json", "no such coding file"),
        ("{not json", "broken.json", "not readable JSON"),
        ("[1, 2]", "list.json", "no JSON object"),
        ("seg_id,colour\nP1.1,red\n", "columns.csv", "no column 'move'"),
        ("seg_id,move,step\nP1.1,correction,two\n", "step.csv", "a step is a whole number"),
        ("seg_id,move\nP1.1,lead\nP1.1,situation\n", "twice.csv", "twice"),
        ("seg_id,move\nQ7,lead\n", "foreign.csv", "codes none of this article's segments"),
        ("seg_id,move,zh\nP1.1,lead,别的文章。\n", "zh.csv", "the Chinese of P1.1 is not"),
        ("some text", "coding.txt", "ends in .json"),
    ],
)
def test_a_missing_or_invalid_coding_file_gives_a_clear_message(folder, content, name, words):
    path = folder / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CodingFileError, match=words) as raised:
        apply_coding(folder / "synthetic_even.txt", path)
    assert name in str(raised.value) or "The coding" in str(raised.value)


def test_a_coding_of_another_article_is_refused(folder):
    code_with_annotator("Coder D", folder / "synthetic_uneven.txt", ["lead"])
    with pytest.raises(CodingFileError, match="coding of the article 'synthetic_uneven'"):
        apply_coding(folder / "synthetic_even.txt", coding_path("Coder D", "synthetic_uneven"))
    seed_coding = {"format": "liaoyang-coding", "version": 2, "coder": "S", "article": SEED_ID}
    seed_coding["codes"] = {"P1.1": {"tag": "lead"}}
    with pytest.raises(CodingFileError, match="not of 'synthetic_even'"):
        apply_coding(folder / "synthetic_even.txt", seed_coding)


# ---------------------------------------------------------------- one call per tool


def test_every_tool_takes_the_article_file_path_itself(article_path, monkeypatch):
    expected = sum(p.count("虚构") for p in load_article(article_path).paragraphs_zh)
    assert len(helpers.kwic("虚构", table=article_path)) == expected
    assert (
        f"{expected} hits for" in concordance("虚构", table=str(article_path)).panes.results.value
    )
    box = annotator("Path Coder", table=article_path)
    box.controls.tag.value = box.controls.tag.options[1][1]
    box.controls.save_next.click()
    saved = helpers.coding_path("Path Coder", article_path.stem).read_text(encoding="utf-8")
    assert f'"article": "{article_path.stem}"' in saved


def test_a_relative_article_path_is_found_from_the_notebooks_folder(monkeypatch):
    from helpers.model.paths import PROJECT_DIR

    monkeypatch.chdir(PROJECT_DIR / "notebooks")
    assert load_article("seeds/000_de9b3e9f03d8f077.txt").date.year == 1954


def test_a_bad_source_gives_a_message_box_not_a_traceback(tmp_path):
    for tool in (concordance, annotator):
        arguments = ("",) if tool is concordance else ("Someone",)
        box = tool(*arguments, table=tmp_path / "missing.txt")
        assert "missing.txt" in box.static_html()
