"""Grading you can trust (issue 12): the value graded named, negations seen, readings open,
the period's terms accepted, and no answer before an attempt."""

from __future__ import annotations

import html
import json
import re

import pytest

from helpers.exercises.attempts import Attempts, reset_attempts
from helpers.exercises.bank import QuestionBankError, bank, load_questions
from helpers.exercises.feedback import READINGS_LABEL
from helpers.exercises.negation import find
from helpers.exercises.questions import TRY_FIRST, check, show_solution, solution
from helpers.model.paths import data_path
from helpers.render.question_html import STATIC_NOTE
from tests.exercises.question_cases import CLOSED, IDS, ITEMS, wrong_answer

P210 = "P2.10 (the 'hard-bound' groups of middle peasants)"
STEP2 = "Step 2 (P3.3): each district sums up one or two good teams; teams lead to cooperatives"
STEP3 = "Step 3 (P3.4): explain unity and mutual help to the strong-with-strong teams"
STEP4 = "Step 4 (P3.5): study the resolution; 'active leadership, steady progress'"
D1, D2 = "Deviation 1: rushing", "Deviation 2: holding back"
OWN = "Middle peasants' strong-with-strong teams"


@pytest.fixture(autouse=True)
def fresh_attempts():
    reset_attempts()
    yield
    reset_attempts()


# ---------------------------------------------------------------- the value graded, named


@pytest.mark.parametrize("qid", IDS)
def test_every_kind_names_the_value_it_graded(qid):
    item = ITEMS[qid]
    for answer in (wrong_answer(item), item["answer"]):
        feedback = check(qid, answer, attempts=Attempts())
        assert feedback.answered, feedback.text()
        assert feedback.answered in feedback.message
        openings = ("You chose", "You answered", "Your order", "You matched")
        assert feedback.message.startswith(openings)


def test_a_number_is_quoted_as_read_so_a_stale_value_shows():
    assert check("q00_segment_count", "19").message.startswith("You answered 19: that is right")
    wrong = check("q00_segment_count", 1)
    assert wrong.message == "You answered 1: that is not the answer."
    sloppy = check("q07_agreement", " 79 % ")
    assert "“79 %”, read as 79" in sloppy.message


def test_a_choice_is_named_with_its_letter_and_text():
    feedback = check("q02_who_corrects", "a")
    assert feedback.message.startswith("You chose a) Xinhua News Agency.")
    multi = check("q02_peasant_classes", "a, b")
    assert "You chose a) Middle peasants (中农); b) Rich peasants (富农)." in multi.message


def test_an_order_and_a_match_are_named_by_letters_and_short_labels():
    item = ITEMS["q02_structure_order"]
    letters = ", ".join("abcd"[item["items"].index(x)] for x in item["answer"])
    assert check("q02_structure_order", letters).message.startswith(f"Your order: {letters}.")
    matched = check("q04_match_steps", {1: "a"}).message
    assert matched.startswith("You matched 1. Step 1 → Deviation 1: rushing; 2. Step 2 → nothing;")


def test_a_typed_answer_is_quoted_safely_and_shortened():
    typed = "<script>alert(1)</script>\u202e " + "district " * 40 + "\n\x00end"
    feedback = check("q05_qushang", typed)
    assert feedback.answered.startswith("“<script>") and feedback.answered.endswith("…”")
    assert len(feedback.answered) <= 62
    assert "\u202e" not in feedback.text() and "\x00" not in feedback.text()
    assert "<script" not in feedback._repr_html_()
    assert "&lt;script&gt;" in feedback._repr_html_()


# ---------------------------------------------------------------- negations


@pytest.mark.parametrize(
    "answer",
    [
        "no active leadership and no steady progress",
        "No active leadership, no steady progress.",
        "neither active leadership nor steady progress",
        "not active leadership, not steady progress",
        "without active leadership or steady progress",
        "inactive leadership, unsteady progress",
        "leadership that isn't active and progress that isn't steady",
        "leadership that isnt active, progress that isnt steady",
        "never active leadership, never steady progress",
        "instead of active leadership and rather than steady progress, they rushed",
        "没有积极领导，没有稳步前进",
        "不积极领导、不稳步前进",
        "非积极领导，无稳步前进",
    ],
)
def test_a_negated_translation_of_the_slogan_fails(answer):
    feedback = check("q01_slogan", answer)
    assert feedback.correct is False, feedback.text()
    assert any(note.startswith("Your answer says “") for note in feedback.notes)
    assert "denies the point" in " ".join(feedback.notes)


@pytest.mark.parametrize(
    "answer",
    [
        "active leadership, steady progress",
        "Active leadership and steady progress",
        "not passive but active leadership; not rushed but steady progress",
        "not only active leadership but also steady progress",
        "not inactive leadership, and not unsteady progress",
        "positive leadership, advancing step by step",
        "积极领导、稳步前进",
        "领导要积极，不是冒进而是稳步前进",
        "非常积极的领导，稳步前进",
    ],
)
def test_a_plain_or_doubly_worded_translation_passes(answer):
    feedback = check("q01_slogan", answer)
    assert feedback.correct is True, feedback.text()
    assert not any("denies the point" in note for note in feedback.notes)


def test_a_half_negated_slogan_is_partly_right_and_names_the_negated_half():
    feedback = check("q01_slogan", "active leadership, but no steady progress")
    assert feedback.word == "Partly"
    assert "Your answer says “no steady”: that denies the point" in feedback.notes[0]
    assert "稳步前进" in feedback.hint


@pytest.mark.parametrize(
    "answer",
    [
        "They were forced, not voluntarily",
        "They were forced to change, not consciously, and nothing was explained",
        "The county did not explain anything and they did not change consciously",
        "没有说明好处，不是自觉地转变",
        "不说明好处，非自觉地转变",
    ],
)
def test_a_negated_answer_on_the_middle_peasants_fails(answer):
    feedback = check("q04_own_accord", answer)
    assert feedback.correct is False, feedback.text()


def test_the_feedback_of_a_negated_answer_says_what_it_negates():
    feedback = check("q04_own_accord", "They were forced, not voluntarily")
    notes = " ".join(feedback.notes)
    assert "Your answer says “not voluntarily”" in notes
    assert "Your answer says “forced”: P3.4 names no force" in notes


@pytest.mark.parametrize(
    "answer",
    [
        "By explaining the benefits of unity, so that they change consciously (自觉地).",
        "not by force but by explaining the benefits, so that they change consciously",
        "They were not forced: the county explained the benefits and they changed consciously",
        "说明团结互助的好处后，使其自觉地转变",
    ],
)
def test_a_plain_or_doubly_worded_answer_on_the_middle_peasants_passes(answer):
    assert check("q04_own_accord", answer).correct is True, check("q04_own_accord", answer)


@pytest.mark.parametrize(
    "text, keyword, negated",
    [
        ("not by force but voluntarily", "voluntar", False),
        ("They were forced, not voluntarily", "voluntar", True),
        ("not without active leadership", "active", False),
        ("not only active", "active", False),
        ("no doubt active", "active", False),
        ("didn't explain", "explain", True),
        ("dont explain", "explain", True),
        ("cannot explain", "explain", True),
        ("lacking steady progress", "steady", True),
        ("neither active nor steady", "steady", True),
        ("not very steady", "steady", True),
        ("steady, not hasty", "steady", False),
        ("not hasty: steady", "steady", False),
        ("没有宣传不应急于办社", "急", False),
        ("不少农民急于办社", "急", False),
        ("不是强迫，而是自觉", "自觉", False),
        ("不是强迫而是自觉", "自觉", False),
        ("并非自觉", "自觉", True),
        ("缺乏积极领导", "积极", True),
        ("not 自觉", "自觉", True),
    ],
)
def test_the_negation_rule(text, keyword, negated):
    hits = find(text, keyword)
    assert hits and hits[0].negated is negated, hits


def test_an_english_keyword_counts_only_at_the_start_of_a_word():
    assert find("confirm", "firm") == []
    assert find("proactive", "active") == []
    assert [hit.negated for hit in find("inactive", "active")] == [True]
    assert check("q01_slogan", "proactive leadership, confirmed progress").correct is False


def test_a_question_about_an_absence_counts_its_keywords_even_negated():
    assert check("q05_qushang", "The English does not name the district").correct is True
    assert ITEMS["q05_qushang"]["negation"] is False


# ---------------------------------------------------------------- the period's terms


@pytest.mark.parametrize(
    "answer",
    [
        "冒进 and 保守",
        "The first was 冒进 (rash advance), the second 保守 (conservatism).",
        "maojin versus baoshou",
        "màojìn versus bǎoshǒu",
        "mao jin, then bao shou",
        "mao4jin4 and bao3shou3",
        "rash advance on one side, conservatism on the other",
        "一个是冒进，一个是保守",
    ],
)
def test_the_periods_own_terms_answer_q03_opposite(answer):
    feedback = check("q03_opposite", answer)
    assert feedback.correct is True, feedback.text()
    notes = " ".join(feedback.notes)
    assert "冒进 (màojìn) 'rash advance'" in notes and "保守 (bǎoshǒu) 'conservatism'" in notes
    assert "facts sheet §6" in notes, "the historians' voice is named as such"


def test_a_negated_term_does_not_count():
    feedback = check("q03_opposite", "不是冒进而是保守")
    assert feedback.word == "Partly"
    assert "Your answer says “不是冒进”: that denies the point" in feedback.notes[0]


# ---------------------------------------------------------------- readings, not facts


def full(qid: str, **changes) -> dict:
    answer = {left: list(rights) for left, rights in ITEMS[qid]["answer"].items()}
    answer.update(changes)
    return answer


@pytest.mark.parametrize("reading", [[OWN], [D2]])
def test_p2_10_may_be_read_as_its_own_problem_or_as_part_of_the_second(reading):
    feedback = check("q02_segment_moves", full("q02_segment_moves", **{P210: reading}))
    assert feedback.correct is True, feedback.text()
    (note,) = feedback.readings
    assert note.startswith("5. P2.10: you read it as")
    assert "Also defensible" in note
    for evidence in ("再是", "上述两种偏向", "P3.1", "P3.4"):
        assert evidence in note
    assert READINGS_LABEL in feedback.text()
    assert READINGS_LABEL in html.unescape(feedback._repr_html_())


def test_p2_10_as_rushing_is_still_wrong_and_gives_no_reading_away():
    feedback = check("q02_segment_moves", full("q02_segment_moves", **{P210: [D1]}))
    assert feedback.correct is False
    assert feedback.readings == ()
    assert "再是" in feedback.hint and OWN not in feedback.hint


@pytest.mark.parametrize("step2", [[D1, D2], [D1]])
@pytest.mark.parametrize("step4", [[D1, D2], [D1]])
def test_steps_2_and_4_are_accepted_with_or_without_deviation_2(step2, step4):
    feedback = check("q04_match_steps", full("q04_match_steps", **{STEP2: step2, STEP4: step4}))
    assert feedback.correct is True, feedback.text()
    assert [note[:9] for note in feedback.readings] == ["2. Step 2", "3. Step 3", "4. Step 4"]
    assert all("Also defensible" in note for note in feedback.readings)
    assert "facts sheet §6" in feedback.readings[2], "historians named as historians"


def test_step_3_may_also_answer_the_second_deviation_for_who_reads_p2_10_so():
    feedback = check("q04_match_steps", full("q04_match_steps", **{STEP3: [OWN, D2]}))
    assert feedback.correct is True, feedback.text()
    assert "上述两种偏向" in feedback.readings[1]
    alone = check("q04_match_steps", full("q04_match_steps", **{STEP3: [D2]}))
    assert alone.correct is False


def test_a_step_read_against_holding_back_alone_is_not_accepted():
    feedback = check("q04_match_steps", full("q04_match_steps", **{STEP2: [D2]}))
    assert feedback.correct is False and feedback.word == "Partly"
    assert "4 of 5 items are fully right; 1 correct link still missing" in feedback.message
    assert [note[:9] for note in feedback.readings] == ["3. Step 3", "4. Step 4"]


def test_the_solution_and_the_key_set_the_readings_side_by_side():
    attempts = Attempts()
    check("q04_match_steps", {1: "a"}, attempts=attempts)
    shown = show_solution("q04_match_steps", attempts)
    assert len(shown.readings) == 3 and "either both deviations" in shown.readings[0]
    assert "(or, another reading: Deviation 1: rushing)" in shown.message
    entry = bank()["q02_segment_moves"].key_entry()
    assert "**Readings (any of them is accepted; discuss the evidence).**" in entry
    assert "part of the second deviation" in entry


def test_the_readings_of_the_bank_are_checked(tmp_path):
    data = json.loads(data_path("questions.json").read_text(encoding="utf-8"))
    moves = next(q for q in data["questions"] if q["id"] == "q02_segment_moves")
    moves["readings"][P210][1]["evidence"] = "no segment cited"
    broken = tmp_path / "questions.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="q02_segment_moves.*must cite a segment"):
        load_questions(broken)
    moves["readings"][P210] = moves["readings"][P210][1:]
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="at least two"):
        load_questions(broken)


def test_interpretation_in_hints_is_marked_as_such():
    hints = ITEMS["q04_match_steps"]["hints"]
    assert "Each half answers one of the two opposite deviations" not in hints[STEP4]
    assert "against 'do it next year'" not in hints[STEP2]
    assert "not about rushing or holding back" not in ITEMS["q02_segment_moves"]["hints"][P210]
    assert "A reading" in ITEMS["q03_opposite"]["explanation"]


# ---------------------------------------------------------------- nothing before an attempt


def mentions(text: str, answer_text: str) -> bool:
    """Does ``text`` contain the answer as a whole (a number not inside another number)?"""
    return bool(re.search(rf"(?<![\w.]){re.escape(answer_text)}(?![\w.])", text))


@pytest.mark.parametrize("qid", IDS)
def test_no_answer_is_shown_before_an_attempt(qid):
    question = bank()[qid]
    answer_text = question.answer_text()
    attempts = Attempts()
    for blank in (None, "", [], {}):
        refused = check(qid, blank, attempts=attempts)
        shown = html.unescape(refused.html()) + refused.text()
        assert refused.status == "invalid"
        assert not mentions(shown, answer_text), shown
        assert question.explanation not in shown
        assert refused.readings == ()
    assert not attempts.has_attempted(qid)
    before = show_solution(qid, attempts)
    assert before.status == "invalid" and not mentions(before.text(), answer_text)
    assert solution(qid, attempts) == TRY_FIRST
    static = html.unescape(question.static_html())
    assert not mentions(static, answer_text) or ITEMS[qid]["kind"] in ("choice", "multi")
    for rows in (ITEMS[qid].get("readings") or {}).values():
        assert all(row["evidence"] not in static for row in rows)
    check(qid, wrong_answer(ITEMS[qid]), attempts=attempts)
    assert show_solution(qid, attempts).status == "solution"
    assert solution(qid, attempts).startswith("Answer: ")


def test_the_static_form_does_not_point_students_to_the_answer_key():
    assert "answer_key" not in STATIC_NOTE and "answer key" not in STATIC_NOTE.lower()


@pytest.mark.parametrize("qid", CLOSED)
def test_a_wrong_answer_reveals_no_reading_of_a_row_it_got_wrong(qid):
    feedback = check(qid, wrong_answer(ITEMS[qid]))
    assert feedback.readings == ()
