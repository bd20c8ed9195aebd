"""The answer key generated from the bank, and the committed copy kept up to date."""

from __future__ import annotations

from helpers.exercises.answer_key import ANSWER_KEY_PATH, answer_key, write_answer_key
from helpers.exercises.bank import NOTEBOOKS
from tests.exercises.question_cases import ITEMS


def test_the_answer_key_has_every_question_with_its_answer_and_hints():
    key = answer_key()
    for qid, item in ITEMS.items():
        assert f"### {qid}\n" in key
        assert item["explanation"].replace("&", "&amp;").replace("<", "&lt;") in key
    for notebook in NOTEBOOKS:
        assert f"## {notebook}\n" in key
    only = answer_key("05")
    assert "### q05_niuju\n" in only and "### q04_match_steps" not in only
    niuju = ITEMS["q05_niuju"]
    letter = "abcdefgh"[niuju["options"].index("Raising the prices of cattle")]
    assert f"choosing {letter}) Raising the prices of cattle" in only


def test_the_committed_answer_key_is_up_to_date():
    committed = ANSWER_KEY_PATH.read_text(encoding="utf-8") if ANSWER_KEY_PATH.exists() else ""
    assert committed == answer_key(), (
        "instructor/answer_key.md is out of date with helpers/data/questions.json: "
        "run `python tools/make_answer_key.py` to regenerate it."
    )


def test_write_answer_key_writes_utf8(tmp_path):
    target = write_answer_key(tmp_path / "key.md")
    assert target.read_text(encoding="utf-8") == answer_key()
    assert "硬卡硬" in target.read_text(encoding="utf-8")
