"""The shortcuts that make a corpus load quick give exactly what the plain ways gave.

Each shortcut (a table of length log-probabilities, a log-sum-exp, a radix
sort, the supports in one pass, a reversed-text word match, a white-space
count, the collector paused, each file read once, the cache's C-loop checks)
is compared here with the slow, obvious computation it replaced.
"""

import gc
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.model.corpus
import helpers.model.files
from helpers.model import align, align_dp, align_numeric, sentences
from helpers.model.align_cache import valid_entry
from helpers.model.corpus import load_corpus, without_cyclic_collection
from helpers.model.length_model import SEED_MODEL, LengthModel, text_length
from tests.synthetic import write_two_articles


def test_the_length_table_gives_what_the_model_computes():
    rng = np.random.default_rng(7)
    prefix_zh = np.cumsum(rng.integers(0, 90, 400))
    prefix_en = np.cumsum(rng.integers(0, 400, 400))
    lookup = align_numeric.LengthTable(SEED_MODEL, prefix_zh, prefix_en)
    assert lookup.table is not None
    zh = rng.integers(0, align_numeric.longest_bead(prefix_zh) + 1, 5000)
    en = rng.integers(0, align_numeric.longest_bead(prefix_en) + 1, 5000)
    np.testing.assert_allclose(lookup(zh, en), SEED_MODEL.log_probabilities(zh, en), rtol=1e-12)


def test_very_long_sentences_are_computed_without_a_table():
    model = LengthModel(ratio=4.1, variance=18.4)
    lookup = align_numeric.LengthTable(model, np.array([0, 40_000]), np.array([0, 160_000]))
    assert lookup.table is None
    zh, en = np.array([40_000, 3]), np.array([160_000, 12])
    np.testing.assert_array_equal(lookup(zh, en), model.log_probabilities(zh, en))


def test_the_longest_bead_is_the_longest_one_or_two_units_of_any_problem():
    prefix = align_dp._prefix_sums([[5, 7, 1], [30], [2, 2]])
    assert align_numeric.longest_bead(prefix) == 30
    assert align_numeric.longest_bead(align_dp._prefix_sums([[5, 7, 1]])) == 12


@given(st.lists(st.lists(st.sampled_from([-np.inf, -1e3, -50.0, -1.5, 0.0, 2.0]),
                         min_size=6, max_size=6), min_size=1, max_size=30))  # fmt: skip
def test_the_log_sum_exp_is_numpys_logaddexp_reduce(columns):
    values = np.array(columns).T
    expected = np.logaddexp.reduce(values, axis=0)
    np.testing.assert_allclose(align_numeric.log_sum_exp(values), expected, rtol=1e-12, atol=1e-12)


@given(st.lists(st.integers(0, 40_000), max_size=200))
def test_the_small_integer_sort_keeps_the_stable_order(values):
    values = np.array(values, dtype=np.int64)
    np.testing.assert_array_equal(
        np.argsort(align_numeric.small_ints(values), kind="stable"),
        np.argsort(values, kind="stable"),
    )


def _supports_one_by_one(aligned, lengths, judges):
    return [
        [
            align.length_support(judge, sum(zh[k] for k in bead.zh), sum(en[k] for k in bead.en))
            for bead in beads
        ]
        for beads, (zh, en), judge in zip(aligned, lengths, judges, strict=True)
    ]


def test_the_supports_in_one_pass_are_the_supports_bead_by_bead():
    lengths = [([10, 20, 5, 80], [41, 40, 42, 20, 300]), ([], []), ([7], [30, 2])]
    judges = [SEED_MODEL, SEED_MODEL, LengthModel(ratio=5.0, variance=18.4)]
    aligned = align_dp.align_lengths_many(lengths, SEED_MODEL, align.SENTENCE_PRIORS)
    fast = align._bead_supports(aligned, lengths, judges)
    slow = _supports_one_by_one(aligned, lengths, judges)
    assert [len(part) for part in fast] == [len(part) for part in slow]
    for got, want in zip(fast, slow, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def _last_word_by_characters(text, end):
    start = end
    while start > 0 and (
        text[start - 1] == "." or text[start - 1].isascii() and text[start - 1].isalpha()
    ):
        start -= 1
    return text[start:end]


@given(st.text(alphabet="aZ. é互\n,", max_size=40), st.data())
def test_the_last_word_read_backwards_is_the_last_word(text, data):
    end = data.draw(st.integers(0, len(text)))
    assert sentences._last_word(text[::-1], end) == _last_word_by_characters(text, end)


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_the_length_leaves_out_exactly_what_the_white_space_pattern_matches(text):
    assert text_length(text) == len(re.sub(r"\s+", "", text))


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_during_a_load_and_left_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(RuntimeError), without_cyclic_collection():
            assert not gc.isenabled()
            raise RuntimeError("a load that fails")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_cold_load_reads_each_file_once(tmp_path, monkeypatch):
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(tmp_path / "work"))
    folder = write_two_articles(tmp_path / "articles")
    reads = []
    original = helpers.model.files.read_regular

    def counted(path, *args, **kwargs):
        reads.append(path.name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(helpers.model.corpus, "read_regular", counted)
    monkeypatch.setattr("helpers.model.article_text.read_regular", counted)
    table, report = load_corpus(folder)
    assert sorted(reads) == ["a.txt", "b.txt"]
    assert len(report.loaded) == 2 and set(table["article_id"]) == {"a", "b"}


ENTRY = {
    "title_en": "T", "title_zh": "题", "date": "2000-01-01", "author": "",
    "aligned_by": "automatic", "seg_id": ["P1.1", "P1.2"], "para": [1, 1], "zh": ["甲", "乙"],
    "en": ["A", "B"], "move": ["", ""], "step": [None, 2], "actors": [[], ["cadres"]],
    "note": ["", ""], "confidence": [0.5, 1],
}  # fmt: skip


@pytest.mark.parametrize(
    "column, cells",
    [
        ("para", [1, True]),
        ("para", [1, 1.0]),
        ("step", [None, "2"]),
        ("zh", ["甲", None]),
        ("actors", [[], "cadres"]),
        ("actors", [[], [3]]),
        ("confidence", [0.5, math.nan]),
        ("confidence", [0.5, math.inf]),
        ("confidence", [0.5, 1.01]),
        ("confidence", [-0.1, 0.5]),
        ("confidence", [0.5, "1"]),
    ],
)
def test_the_cache_refuses_an_entry_with_one_wrong_cell(column, cells):
    assert valid_entry(ENTRY)
    assert not valid_entry(ENTRY | {column: cells})
