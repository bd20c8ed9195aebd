"""Loading a folder of articles: good files aligned, bad files reported, never a crash."""

import dataclasses
import shutil

import pandas as pd
import pytest

import helpers.model.align
import helpers.model.corpus
import helpers.model.source
from helpers import load_article, segments
from helpers.model.align import ALIGNED_COLUMNS
from helpers.model.article import ArticleFormatError
from helpers.model.corpus import (
    AUTOMATIC,
    CORPUS_COLUMNS,
    HAND_CHECKED,
    CorpusReport,
    load_corpus,
)
from helpers.model.paths import seed_path
from helpers.model.text import squeeze
from tests.synthetic import (
    ONE_TO_ONE_EN,
    ONE_TO_ONE_ZH,
    ONE_TO_TWO_EN,
    ONE_TO_TWO_ZH,
    UNEVEN_EN,
    UNEVEN_ZH,
    article_text,
    make_article,
    write_article_file,
)


@pytest.fixture
def folder(tmp_path):
    """A folder with a copy of the seed, two good synthetic articles and two bad files."""
    shutil.copy(seed_path(), tmp_path / "seed_copy.txt")
    write_article_file(tmp_path, "synthetic_a.txt", ONE_TO_ONE_EN, ONE_TO_ONE_ZH)
    write_article_file(
        tmp_path, "synthetic_b.txt", ONE_TO_TWO_EN, ONE_TO_TWO_ZH, author="A. Test Author"
    )
    (tmp_path / "bad_no_original.txt").write_text(
        "Title: A synthetic test article with no Chinese part\nDate: 2000-01-01\n\nText.\n",
        encoding="utf-8",
    )
    (tmp_path / "bad_encoding.txt").write_bytes("这是一篇虚构的测试文章。".encode("gb18030"))
    (tmp_path / "notes.md").write_text("Not an article, and not a .txt file.", encoding="utf-8")
    return tmp_path


def test_good_articles_are_loaded_in_file_name_order(folder):
    table, report = load_corpus(folder)
    assert list(table.columns) == CORPUS_COLUMNS
    assert list(table["article_id"].unique()) == ["seed_copy", "synthetic_a", "synthetic_b"]
    assert report.loaded["article_id"].tolist() == ["seed_copy", "synthetic_a", "synthetic_b"]
    assert report.loaded["segments"].sum() == len(table)


def test_the_seed_keeps_its_hand_checked_coding(folder):
    table, report = load_corpus(folder)
    seed_rows = table[table["article_id"] == "seed_copy"].reset_index(drop=True)
    coded = segments()
    assert seed_rows["seg_id"].tolist() == coded["seg_id"].tolist()
    assert seed_rows["move"].tolist() == coded["move"].tolist()
    assert seed_rows["step"].equals(coded["step"])
    assert (seed_rows["confidence"] == 1.0).all()
    assert (seed_rows["date"].astype(str) == "1954-02-27").all()
    by_article = report.loaded.set_index("article_id")["aligned_by"]
    assert by_article.to_dict() == {
        "seed_copy": "hand-checked",
        "synthetic_a": "automatic",
        "synthetic_b": "automatic",
    }


def test_synthetic_articles_are_aligned_automatically_and_cover_their_text(folder):
    table, _ = load_corpus(folder)
    for article_id in ("synthetic_a", "synthetic_b"):
        article = load_article(folder / f"{article_id}.txt")
        rows = table[table["article_id"] == article_id]
        assert squeeze("".join(rows["zh"])) == squeeze("".join(article.paragraphs_zh))
        assert squeeze("".join(rows["en"])) == squeeze("".join(article.paragraphs_en))
        assert rows["confidence"].between(0, 1).all()
        assert (rows["move"] == "").all()
    one_to_two = table[table["article_id"] == "synthetic_b"]
    assert one_to_two["seg_id"].tolist() == ["P1.1", "P1.2", "P1.3"]
    assert one_to_two.iloc[1]["en"].count(". ") == 1  # two English sentences in one segment


def test_a_missing_author_is_an_empty_cell(folder):
    table, _ = load_corpus(folder)
    authors = table.groupby("article_id")["author"].first().to_dict()
    assert authors == {"seed_copy": "", "synthetic_a": "", "synthetic_b": "A. Test Author"}


def test_bad_files_are_reported_with_their_reasons_not_raised(folder):
    _, report = load_corpus(folder)
    problems = report.skipped.set_index("file")["problem"].to_dict()
    assert sorted(problems) == ["bad_encoding.txt", "bad_no_original.txt"]
    assert "no 'Original:' line" in problems["bad_no_original.txt"]
    assert "not UTF-8" in problems["bad_encoding.txt"]
    assert not any(str(folder) in problem for problem in problems.values())


def test_the_summary_says_what_was_loaded_and_skipped(folder):
    table, report = load_corpus(folder)
    summary = report.summary()
    assert summary.startswith(f"Loaded 3 articles ({len(table)} segments); skipped 2 files: ")
    assert "bad_no_original.txt: no 'Original:' line" in summary
    assert "bad_encoding.txt: the file is not UTF-8" in summary
    assert str(report) == summary


def test_an_empty_folder_gives_an_empty_table_and_says_so(tmp_path):
    table, report = load_corpus(tmp_path)
    assert table.empty
    assert list(table.columns) == CORPUS_COLUMNS
    assert report.summary() == (
        f"No .txt files in {tmp_path}. Put article files (plain text, UTF-8) there."
    )


def test_a_folder_of_only_bad_files_loads_nothing_and_lists_them(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    table, report = load_corpus(tmp_path)
    assert table.empty
    assert report.summary() == (
        "Loaded 0 articles (0 segments); skipped 1 file: "
        "empty.txt: the file is empty. Is it the right file?"
    )


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        load_corpus(tmp_path / "not_there")


def test_a_file_in_place_of_a_folder_is_a_clear_error(tmp_path):
    path = write_article_file(tmp_path, "one.txt", ONE_TO_ONE_EN, ONE_TO_ONE_ZH)
    with pytest.raises(NotADirectoryError, match="not a folder"):
        load_corpus(path)


def test_uneven_paragraph_counts_are_aligned_or_reported(tmp_path):
    # While the article loader refuses different paragraph counts, the file is
    # reported; once it accepts them, the aligner must pair the paragraphs.
    (tmp_path / "uneven.txt").write_text(article_text(UNEVEN_EN, UNEVEN_ZH), encoding="utf-8")
    table, report = load_corpus(tmp_path)
    if report.skipped.empty:
        assert table["seg_id"].tolist() == ["P1.1", "P2.1", "P2.2", "P2.3"]
        assert squeeze("".join(table["en"])) == squeeze("".join(UNEVEN_EN))
    else:
        assert "paragraphs" in report.skipped.loc[0, "problem"]
        assert table.empty


def test_an_article_with_uneven_paragraphs_is_aligned_once_the_loader_reads_it(
    tmp_path, monkeypatch
):
    # Stands in for the relaxed article loader: it returns the paragraphs as they are.
    path = write_article_file(tmp_path, "uneven.txt", ONE_TO_ONE_EN, ONE_TO_ONE_ZH)
    uneven = dataclasses.replace(make_article(UNEVEN_ZH, UNEVEN_EN), source=path)
    monkeypatch.setattr("helpers.model.corpus.parse_article", lambda *_: uneven)
    table, report = load_corpus(tmp_path)
    assert report.skipped.empty
    assert report.loaded.loc[0, "aligned_by"] == "automatic"
    assert table["seg_id"].tolist() == ["P1.1", "P2.1", "P2.2", "P2.3"]
    assert table["article_id"].unique().tolist() == ["uneven"]


def test_report_tables_have_their_columns_even_when_empty(tmp_path):
    report = CorpusReport(folder=tmp_path)
    assert list(report.loaded.columns) == ["article_id", "file", "segments", "aligned_by"]
    assert list(report.skipped.columns) == ["file", "problem"]
    assert isinstance(report.skipped, pd.DataFrame)


# ---------------------------------------------------------------- one alignment, one table


def per_article_corpus(folder):
    """The corpus table built as it first was: a copy with the metadata per article, concat."""
    parts = []
    for path in sorted(folder.glob("*.txt")):
        try:
            article = load_article(path)
            table = helpers.model.source.article_segments(article)[ALIGNED_COLUMNS]
        except (ArticleFormatError, OSError, ValueError):
            continue
        table = table.copy()
        table.insert(0, "article_id", article.article_id)
        table.insert(1, "date", article.date)
        table.insert(2, "title_en", article.title_en)
        table.insert(3, "title_zh", article.title_zh)
        table.insert(4, "author", article.author or "")
        parts.append(table[CORPUS_COLUMNS])
    table = pd.concat(parts, ignore_index=True)
    table["para"] = table["para"].astype(int)
    table["step"] = table["step"].astype("Int64")
    table["confidence"] = table["confidence"].astype(float)
    return table


def test_the_corpus_table_equals_the_per_article_construction(folder):
    write_article_file(
        folder, "synthetic_c.txt", UNEVEN_EN, UNEVEN_ZH, title_zh="第三篇", date="1999-12-31"
    )
    table, _ = load_corpus(folder)
    pd.testing.assert_frame_equal(table, per_article_corpus(folder), check_exact=True)


def test_each_article_is_aligned_once(folder, monkeypatch):
    calls = []
    counted = helpers.model.corpus.aligned_columns

    def align_and_count(articles, *args, **kwargs):
        calls.append(sorted(article.article_id for article in articles))
        return counted(articles, *args, **kwargs)

    monkeypatch.setattr(helpers.model.corpus, "aligned_columns", align_and_count)
    _, report = load_corpus(folder)
    assert calls == [["synthetic_a", "synthetic_b"]]  # all in one pass, the seed not at all
    assert report.loaded.set_index("article_id")["aligned_by"].to_dict() == {
        "seed_copy": HAND_CHECKED,
        "synthetic_a": AUTOMATIC,
        "synthetic_b": AUTOMATIC,
    }
    load_corpus(folder)
    assert calls == [["synthetic_a", "synthetic_b"], []]  # the second load reads the cache
