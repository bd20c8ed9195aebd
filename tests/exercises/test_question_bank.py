"""The question bank: its coverage, its consistency with the data, its errors, its ids."""

from __future__ import annotations

import json
import re

import pytest

from helpers.exercises.bank import NOTEBOOKS, QuestionBankError, load_questions, question_ids
from helpers.exercises.kinds import KINDS
from helpers.model.paths import data_path
from helpers.model.tables import moves, segments, steps
from tests.exercises.question_cases import BANK, IDS, ITEMS, SEG_ID


def test_the_bank_covers_every_notebook_with_at_least_four_questions():
    assert len(IDS) >= 32
    counts = BANK.groupby("notebook").size()
    for notebook in NOTEBOOKS:
        assert counts.get(notebook, 0) >= 4, notebook
    assert set(BANK.kind) == set(KINDS)
    assert all(re.fullmatch(r"q\d\d_[a-z0-9_]+", qid) for qid in IDS)
    assert BANK.id.is_unique


def test_every_cited_segment_exists_and_every_explanation_cites_one():
    known = set(segments().seg_id)
    raw = data_path("questions.json").read_text(encoding="utf-8")
    assert set(SEG_ID.findall(raw)) <= known
    for qid, item in ITEMS.items():
        assert SEG_ID.search(item["explanation"]), qid


def test_history_explanations_cite_sections_that_exist_on_the_facts_sheet():
    facts = data_path("facts.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\d+)\.", facts, flags=re.MULTILINE))
    for qid, item in ITEMS.items():
        cited = re.findall(r"facts sheet §(\d+)", item["explanation"], flags=re.IGNORECASE)
        if item["voice"] == "historians":
            assert cited, qid
        assert set(cited) <= sections, qid


def test_interpretation_questions_are_exactly_the_open_text_questions():
    for qid, item in ITEMS.items():
        assert (item["voice"] == "interpretation") == bool(item["open"]), qid
        if item["open"]:
            assert item["kind"] == "text", qid


def test_counting_answers_agree_with_the_data():
    table = segments()
    assert ITEMS["q00_segment_count"]["answer"] == len(table)
    assert ITEMS["q06_deviation_segments"]["answer"] == (table.move == "deviation-1").sum()
    assert ITEMS["q06_term_count"]["answer"] == "".join(table.zh).count("互助组")


def test_step_matching_agrees_with_the_steps_table():
    labels = moves().set_index("move")["label"]
    item = ITEMS["q04_match_steps"]
    for left, row in zip(item["left"], steps().itertuples(), strict=True):
        assert left.startswith(f"Step {row.step} ({row.seg_id})")
        assert sorted(item["answer"][left]) == sorted(labels[move] for move in row.answers)


@pytest.mark.parametrize(
    "change, named",
    [
        (lambda qs: qs.append(dict(qs[0])), "used twice"),
        (lambda qs: qs[1].update(kind="essay"), "unknown kind"),
        (lambda qs: qs[0].update(answer="Not an option"), "one of the options"),
        (lambda qs: qs[0].update(explanation=qs[0]["explanation"] + " See P9.9."), "P9.9"),
        (lambda qs: qs[1].update(voice="gossip"), "unknown voice"),
    ],
)
def test_a_malformed_bank_raises_an_error_naming_the_question(tmp_path, change, named):
    data = json.loads(data_path("questions.json").read_text(encoding="utf-8"))
    change(data["questions"])
    broken = tmp_path / "questions.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QuestionBankError) as error:
        load_questions(broken)
    assert named in str(error.value)
    assert re.search(r"question '(q\d\d_\w+)'", str(error.value))


def test_a_file_that_is_not_json_gives_a_clear_error(tmp_path):
    broken = tmp_path / "questions.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(QuestionBankError, match="cannot be read"):
        load_questions(broken)


def test_question_ids_by_notebook_number_or_name():
    assert question_ids("03") == question_ids("03_two_deviations")
    assert all(qid.startswith("q03_") for qid in question_ids("03"))
    with pytest.raises(ValueError, match="Unknown notebook"):
        question_ids("99")
