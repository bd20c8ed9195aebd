"""One class per question kind: the registry, control specs, a new kind in one class, Attempts."""

from __future__ import annotations

import json

import pytest

from helpers.exercises.answers import labelled
from helpers.exercises.attempts import SESSION, Attempts, has_attempted, reset_attempts
from helpers.exercises.bank import bank, load_questions
from helpers.exercises.feedback import Feedback
from helpers.exercises.kind import REGISTRY, Control, Question, QuestionBankError
from helpers.exercises.kinds import KINDS, kind_class
from helpers.exercises.kinds_choice import ChoiceQuestion
from helpers.exercises.questions import check, show_solution
from helpers.model.paths import data_path
from tests.exercises.question_cases import ITEMS, by_kind


@pytest.fixture(autouse=True)
def fresh_attempts():
    reset_attempts()
    yield
    reset_attempts()


@pytest.fixture
def yes_no_kind():
    """A made-up kind, one class and no other edit anywhere; forgotten after the test."""

    class YesNoQuestion(Question, kind="yesno", label="yes or no"):
        def validate(self) -> None:
            if self.item.get("answer") not in ("yes", "no"):
                raise QuestionBankError("the answer must be yes or no.")

        def check(self, answer) -> Feedback:
            if answer == self.answer:
                return Feedback(True, "Right.", status="correct")
            return Feedback(False, "Not so.", self.hint("generic"))

        def how(self) -> str:
            return "Answer yes or no."

        def control(self) -> Control:
            return Control("radio", options=tuple(labelled(["yes", "no"])))

        def answer_text(self) -> str:
            return self.answer

    yield YesNoQuestion
    REGISTRY.pop("yesno")


@pytest.fixture
def yes_no_bank(tmp_path, yes_no_kind):
    """A bank file holding one question of the made-up kind."""
    item = {
        "id": "q02_yes_no",
        "notebook": "02_first_reading",
        "kind": "yesno",
        "voice": "article",
        "prompt": "Does the county committee correct the deviations?",
        "answer": "yes",
        "hints": {"generic": "Read P3.1 again."},
        "explanation": "P3.1: the county committee takes the steps.",
    }
    path = tmp_path / "questions.json"
    path.write_text(json.dumps({"questions": [item]}), encoding="utf-8")
    return path


def test_every_kind_has_its_class_and_label():
    assert dict(KINDS) == {
        "choice": "single choice",
        "multi": "choose every correct option",
        "order": "put in order",
        "match": "match each item",
        "text": "short answer",
        "number": "a number",
    }
    for name in ("choice", "multi", "order", "match", "text", "number"):
        assert kind_class(name).kind == name
        assert issubclass(kind_class(name), Question)


def test_every_question_of_the_bank_is_an_object_of_its_kind():
    for qid, question in bank().items():
        assert type(question) is kind_class(ITEMS[qid]["kind"])
        assert question.how().strip()
        assert question.answer_text().strip()
        assert question.control().shape in {"radio", "checkboxes", "menus", "text"}


def test_a_subclass_without_kind_does_not_take_over_a_kind():
    class Stricter(ChoiceQuestion):
        pass

    assert REGISTRY["choice"] is ChoiceQuestion
    assert Stricter.kind == "choice"


def test_a_new_kind_is_one_class_and_the_bank_accepts_it(yes_no_bank):
    assert KINDS["yesno"] == "yes or no" and kind_class("yesno").__name__ == "YesNoQuestion"
    bank_table = load_questions(yes_no_bank)
    assert list(bank_table.kind) == ["yesno"]
    question = kind_class("yesno")(bank_table.iloc[0].to_dict())
    assert question.check("yes").correct is True
    assert question.check("no").hint == "Read P3.1 again."
    assert "### q02_yes_no" in question.key_entry()
    assert "*yes or no · What the article says*" in question.key_entry()
    assert "Does the county committee" in question.static_html()


def test_a_new_kind_is_validated_by_its_own_class(yes_no_bank):
    data = json.loads(yes_no_bank.read_text(encoding="utf-8"))
    data["questions"][0]["answer"] = "maybe"
    yes_no_bank.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="q02_yes_no.*yes or no"):
        load_questions(yes_no_bank)


def test_an_unknown_kind_names_the_registered_kinds(tmp_path):
    data = json.loads(data_path("questions.json").read_text(encoding="utf-8"))
    data["questions"][0]["kind"] = "essay"
    path = tmp_path / "questions.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="unknown kind 'essay'; use one of .*'choice'"):
        load_questions(path)


@pytest.mark.parametrize("qid", by_kind("choice") + by_kind("multi"))
def test_choosing_kinds_describe_their_options_with_letters(qid):
    control = bank()[qid].control()
    assert control.shape == ("radio" if ITEMS[qid]["kind"] == "choice" else "checkboxes")
    assert control.options == tuple(labelled(ITEMS[qid]["options"]))


@pytest.mark.parametrize("qid", by_kind("order"))
def test_an_order_question_has_a_numbered_menu_per_position(qid):
    control = bank()[qid].control()
    assert control.shape == "menus" and not control.keys and not control.several
    assert [slot.description for slot in control.slots] == [
        f"{n}." for n in range(1, len(ITEMS[qid]["items"]) + 1)
    ]


@pytest.mark.parametrize("qid", by_kind("match"))
def test_a_match_question_has_a_menu_per_left_item_read_by_it(qid):
    item, control = ITEMS[qid], bank()[qid].control()
    assert control.shape == "menus"
    assert control.keys == tuple(item["left"])
    assert [slot.label for slot in control.slots] == item["left"]
    assert [value for _, value in control.options] == item["right"]
    assert control.several == any(len(values) > 1 for values in item["answer"].values())


def test_typed_kinds_describe_their_fields():
    text = bank()[by_kind("text")[0]].control()
    number = bank()[by_kind("number")[0]].control()
    assert (text.shape, text.lines, text.wide) == ("text", 3, True)
    assert (number.shape, number.lines, number.wide) == ("text", 1, False)
    assert number.placeholder == "A number"


def test_attempts_are_an_object_a_check_can_be_given():
    mine = Attempts()
    check("q01_province", "b", attempts=mine)
    assert mine.has_attempted("q01_province") and len(mine) == 1
    assert mine.answers("q01_province") == ["'b'"]
    assert not has_attempted("q01_province"), "the session's attempts are untouched"
    assert show_solution("q01_province").status == "invalid"
    assert show_solution("q01_province", mine).status == "solution"
    assert has_attempted(" Q01_PROVINCE ", mine)
    mine.reset()
    assert not mine.has_attempted("q01_province")


def test_unread_answers_are_not_attempts_and_the_session_is_the_default():
    check("q01_province", None)
    assert len(SESSION) == 0
    check("q01_province", "a")
    assert SESSION.has_attempted("q01_province")
    assert "1 questions tried" in repr(SESSION)
