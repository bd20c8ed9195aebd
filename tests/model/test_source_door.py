"""One door for sources: every function of the model core and its tables takes them all."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.model import data_files
from helpers.model.paths import seed_path
from helpers.model.source import SourceError, article_segments, as_table
from tests.synthetic import UNEVEN_EN, UNEVEN_ZH, make_article, write_article_file

MODEL = Path(helpers.__file__).resolve().parent / "model"


@pytest.fixture
def synthetic_path(tmp_path):
    return write_article_file(tmp_path, "synthetic.txt", UNEVEN_EN, UNEVEN_ZH)


def sources(path):
    return [path, str(path), helpers.load_article(path), as_table(path)]


def test_segments_takes_a_path_as_text_or_path():
    expected = helpers.segments()
    for source in (seed_path(), str(seed_path())):
        table = helpers.segments(source)
        pd.testing.assert_frame_equal(table, expected)
        assert table.attrs["article_id"] == seed_path().stem


def test_segments_of_every_kind_of_source_agree(synthetic_path):
    tables = [helpers.segments(source) for source in sources(synthetic_path)]
    for table in tables[1:]:
        pd.testing.assert_frame_equal(table, tables[0])
    assert (tables[0]["move"] == "").all()


@pytest.mark.parametrize("count", [helpers.text_per_move, helpers.actors_by_move])
def test_counting_takes_a_path_an_article_and_a_table(count):
    expected = count()
    for source in (*sources(seed_path()), str(seed_path())):
        pd.testing.assert_frame_equal(count(source), expected)


def test_text_per_move_of_an_uncoded_article_counts_it_as_one_uncoded_move(synthetic_path):
    table = helpers.text_per_move(synthetic_path)
    assert list(table.index) == [""]
    assert table.loc["", "segments"] == len(helpers.segments(synthetic_path))


@pytest.mark.parametrize(
    "call",
    [helpers.segments, helpers.text_per_move, helpers.actors_by_move, helpers.as_table],
)
def test_what_is_not_a_source_gets_a_message_not_an_attribute_error(call):
    with pytest.raises(SourceError, match="Cannot read a int as an article"):
        call(42)


def test_a_missing_file_gets_a_message():
    with pytest.raises(helpers.ArticleFormatError, match="no such file"):
        helpers.segments("seeds/no_such_article.txt")


def test_article_segments_keeps_the_seed_coding_and_aligns_the_rest():
    seed = article_segments(helpers.load_article())
    pd.testing.assert_frame_equal(seed, data_files.seed_segments().assign(confidence=1.0))
    other = article_segments(make_article(UNEVEN_ZH, UNEVEN_EN))
    assert (other["move"] == "").all() and not other.attrs


def test_the_data_files_are_public_and_copied():
    first = data_files.seed_segments()
    first.loc[0, "zh"] = "changed"
    assert data_files.seed_segments().loc[0, "zh"] != "changed"
    assert data_files.read_table("moves.csv") is data_files.read_table("moves.csv")


def model_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers.model."):
            names.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            names |= {
                a.name.rsplit(".", 1)[1] for a in node.names if a.name.startswith("helpers.model.")
            }
    return names


def test_the_model_modules_depend_one_way():
    graph = {path.stem: model_imports(path) for path in MODEL.glob("[!_]*.py")}
    done, visiting = set(), []

    def visit(name):
        assert name not in visiting, f"import cycle: {' -> '.join([*visiting, name])}"
        if name in done or name not in graph:
            return
        visiting.append(name)
        for other in graph[name]:
            visit(other)
        visiting.pop()
        done.add(name)

    for name in graph:
        visit(name)
    assert "align" not in graph["data_files"] and "tables" not in graph["align"]
    assert "source" not in graph["align"] and "tables" not in graph["source"]
