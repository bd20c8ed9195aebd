"""The question bank, its checks, its widget and the generated answer key."""

from __future__ import annotations

import html
import json
import re

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.exercises.questions import (
    ANSWER_KEY_PATH,
    KINDS,
    NOTEBOOKS,
    Feedback,
    QuestionBankError,
    answer_key,
    check,
    has_attempted,
    load_questions,
    question,
    question_ids,
    reset_attempts,
    show_solution,
    solution,
    write_answer_key,
)
from helpers.model.paths import data_path
from helpers.model.tables import moves, segments, steps

BANK = load_questions()
ITEMS = {row["id"]: row for row in BANK.to_dict("records")}
IDS = list(ITEMS)
CLOSED = [qid for qid, item in ITEMS.items() if not item["open"]]
OPEN = [qid for qid, item in ITEMS.items() if item["open"]]
SEG_ID = re.compile(r"\bP\d+\.\d+\b")
SLOPPY = [
    None,
    99,  # an option number that does not exist (3 may be the right option's number)
    -1,
    3.5,
    float("nan"),
    True,
    {},
    [],
    "",
    "   ",
    [None],
    {"a": None},
    {None: "x"},
    [[1, 2]],
    "x" * 100_000,
    "<script>alert(1)</script>",
    ["<script>", "<b>"],
    {"<script>": "<script>"},
    object(),
    b"bytes",
]


@pytest.fixture(autouse=True)
def fresh_attempts():
    reset_attempts()
    yield
    reset_attempts()


def by_kind(kind: str) -> list[str]:
    return [qid for qid, item in ITEMS.items() if item["kind"] == kind]


def wrong_answer(item: dict):
    """A plausible wrong answer built from the bank (never the right one)."""
    kind, answer = item["kind"], item["answer"]
    if kind == "choice":
        return next(option for option in item["options"] if option != answer)
    if kind == "multi":
        wrong = [option for option in item["options"] if option not in answer]
        return wrong[:1] if wrong else answer[:-1]
    if kind == "order":
        return list(reversed(answer))
    if kind == "match":
        return {
            left: [right for right in item["right"] if right not in answer[left]][:1]
            for left in item["left"]
        }
    if kind == "number":
        return answer + 1000
    return "I am not sure."


# --------------------------------------------------------------------------- the bank


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


# --------------------------------------------------------------------------- checking


@pytest.mark.parametrize("qid", CLOSED)
def test_the_bank_answer_checks_correct_and_shows_the_explanation(qid):
    feedback = check(qid, ITEMS[qid]["answer"])
    assert feedback.correct is True, feedback.text()
    assert feedback.word == "Correct"
    assert feedback.explanation == ITEMS[qid]["explanation"]


@pytest.mark.parametrize("qid", CLOSED)
def test_a_wrong_answer_gets_a_hint_that_is_not_the_explanation(qid):
    item = ITEMS[qid]
    feedback = check(qid, wrong_answer(item))
    assert feedback.correct is False, feedback.text()
    assert feedback.word in ("Not yet", "Partly")
    assert feedback.hint.strip()
    assert feedback.hint != item["explanation"]
    assert feedback.explanation == ""


@pytest.mark.parametrize("qid", OPEN)
def test_open_questions_are_never_marked_and_suggest_points(qid):
    bare = check(qid, "I am not sure.")
    assert bare.correct is None and bare.status == "open"
    assert bare.hint.strip() and bare.hint != ITEMS[qid]["explanation"]
    assert "no single right answer" in bare.message
    full = check(qid, ITEMS[qid]["answer"])
    assert full.correct is None
    assert full.explanation == ITEMS[qid]["explanation"]


@pytest.mark.parametrize("qid", by_kind("choice"))
def test_options_can_be_given_by_letter_or_sloppy_text(qid):
    item = ITEMS[qid]
    letter = "abcdefgh"[item["options"].index(item["answer"])]
    for answer in (letter, letter.upper(), f" ({letter}) ", f"{letter})", [letter]):
        assert check(qid, answer).correct is True, answer
    sloppy = "  " + item["answer"].upper().replace(" ", "   ") + ". "
    assert check(qid, sloppy).correct is True


@pytest.mark.parametrize("qid", by_kind("multi"))
def test_a_partial_multi_answer_is_never_correct_and_counts_what_is_missing(qid):
    answer = ITEMS[qid]["answer"]
    partial = check(qid, answer[:-1] or answer)
    if len(answer) > 1:
        assert partial.correct is False and partial.word == "Partly"
        assert "1 correct option still missing" in partial.message
    wrong = next(o for o in ITEMS[qid]["options"] if o not in answer)
    extra = check(qid, answer + [wrong])
    assert extra.correct is False and "1 is not" in extra.message
    assert "0 correct options still missing" in extra.message


def test_multi_answers_as_letters_in_one_string():
    item = ITEMS["q02_peasant_classes"]
    letters = ["abcdefgh"[item["options"].index(option)] for option in item["answer"]]
    assert check("q02_peasant_classes", ", ".join(letters)).correct is True
    assert check("q02_peasant_classes", " ".join(reversed(letters))).correct is True
    assert check("q02_peasant_classes", "Middle peasants (中农), Poor peasants (贫农)").correct


@pytest.mark.parametrize("qid", by_kind("match"))
def test_a_partial_match_is_never_correct_and_says_how_much_is_missing(qid):
    item = ITEMS[qid]
    first = item["left"][0]
    partial = check(qid, {first: item["answer"][first]})
    assert partial.correct is False and partial.word == "Partly"
    assert "All" not in partial.message
    missing = sum(len(item["answer"][left]) for left in item["left"][1:])
    assert f"{missing} correct link" in partial.message
    assert f"{len(item['left']) - 1} item" in partial.message


def test_a_match_with_one_link_short_in_two_rows_names_both_missing_links():
    item = ITEMS["q04_match_steps"]
    answer = {left: rights[:1] for left, rights in item["answer"].items()}
    feedback = check("q04_match_steps", answer)
    assert feedback.correct is False
    assert "3 of 5 items are fully right; 2 correct links still missing" in feedback.message
    assert feedback.hint == item["hints"][item["left"][1]]


def test_match_keys_and_values_can_be_numbers_letters_or_beginnings():
    item = ITEMS["q04_match_steps"]
    sloppy = {
        1: "deviation 1",
        "b": ["a", "b"],
        "step 3": "c",
        "Step 4": "Deviation 1: rushing, Deviation 2: holding back",
        5: ["DEVIATION 1: RUSHING"],
    }
    assert check("q04_match_steps", sloppy).correct is True, check("q04_match_steps", sloppy)
    assert check("q04_match_steps", list(item["answer"].items())).correct is True
    unknown = check("q04_match_steps", {"Step 9": "a"})
    assert unknown.correct is None and "'Step 9' is not one of the items" in unknown.message


def test_order_problems_are_named():
    answer = ITEMS["q03_chain_order"]["answer"]
    unknown = check("q03_chain_order", answer[:-1] + ["P9.9"])
    assert "'P9.9' is not one of the items" in unknown.message
    short = check("q03_chain_order", answer[:3])
    assert "You placed 3 item(s); there are 6" in short.message
    twice = check("q03_chain_order", [answer[0]] * 6)
    assert "placed twice" in twice.message
    gap = check("q03_chain_order", answer[:2] + [""] + answer[3:])
    assert "Position 3 is empty" in gap.message
    assert not any(f.correct for f in (unknown, short, twice, gap))


def test_order_partly_right_counts_places_and_hints_at_the_first_misplaced_item():
    item = ITEMS["q03_chain_order"]
    swapped = [item["answer"][2], *item["answer"][:2], *item["answer"][3:]]
    feedback = check("q03_chain_order", swapped)
    assert feedback.correct is False and feedback.word == "Partly"
    assert "3 of 6 items are in the right place" in feedback.message
    assert feedback.hint == item["hints"][item["answer"][2]]


def test_order_by_letters():
    item = ITEMS["q02_structure_order"]
    letters = ", ".join("abcd"[item["items"].index(x)] for x in item["answer"])
    assert check("q02_structure_order", letters).correct is True


def test_text_feedback_names_what_is_missing():
    feedback = check("q05_qushang", "It drops the subject of the sentence.")
    assert feedback.correct is False
    assert "doesn't say who did the judging" in feedback.hint
    assert check("q05_qushang", "The district authorities who judge it").correct is True
    half = check("q01_slogan", "Active leadership")
    assert half.word == "Partly" and "稳步前进" in half.hint
    assert "积极领导" not in half.hint


def test_numbers_accept_sloppy_forms_and_hint_at_likely_mistakes():
    assert check("q07_agreement", " 79 % ").correct is True
    assert check("q07_agreement", 78.9).correct is True
    assert "percentage" in check("q07_agreement", "0.79").hint
    assert "segments they agree on" in check("q07_agreement", 15).hint
    assert check("q07_agreement", "seventy-nine").correct is None


@pytest.mark.parametrize("qid", IDS)
@pytest.mark.parametrize("answer", SLOPPY, ids=[repr(a)[:20] for a in SLOPPY])
def test_sloppy_input_gives_feedback_not_exceptions(qid, answer):
    feedback = check(qid, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.correct is not True
    assert feedback.message.strip()
    assert len(feedback.text()) < 3000
    assert "<script" not in feedback._repr_html_()


def test_unknown_question_ids_get_a_way_to_find_ids():
    feedback = check("q03_chain_ordr", "a")
    assert feedback.correct is None
    assert "question_ids()" in feedback.message and "q03_chain_order" in feedback.message
    assert "question_ids()" in check(42, "a").message
    assert "question_ids()" in solution("nope")
    box = question("nope")
    assert "question_ids()" in html.unescape(box.static_html())


def test_the_solution_is_shown_only_after_an_attempt():
    assert show_solution("q01_province").status == "invalid"
    check("q01_province", None)
    check("q01_province", "z")
    assert not has_attempted("q01_province")
    check("q01_province", "b")
    revealed = show_solution("q01_province")
    assert revealed.status == "solution"
    assert "Liaodong Province" in revealed.message
    assert revealed.explanation == ITEMS["q01_province"]["explanation"]


def test_solution_on_request_gives_answer_and_explanation():
    text = solution("q04_match_steps")
    assert text.startswith("Answer: ")
    assert ITEMS["q04_match_steps"]["explanation"] in text


def test_feedback_displays_as_plain_text_and_escaped_html():
    feedback = Feedback(False, "<b>x</b>", hint="<i>y</i>", explanation="")
    assert str(feedback) == repr(feedback) == "Not yet: <b>x</b>\nHint: <i>y</i>"
    shown = feedback._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt;" in shown and "<b>x</b>" not in shown


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    qid=st.sampled_from(IDS),
    answer=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300),
        lambda children: (
            st.lists(children, max_size=8)
            | st.dictionaries(st.text(max_size=30) | st.integers(), children, max_size=6)
        ),
        max_leaves=20,
    ),
)
def test_check_never_raises(qid, answer):
    feedback = check(qid, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.correct in (True, False, None)
    assert "<script" not in feedback._repr_html_()


# --------------------------------------------------------------------------- the widget


def fill(box, item: dict, answer) -> None:
    """Set the widget's controls to an answer, as a student would."""
    kind, inputs = item["kind"], box.controls.inputs
    if kind == "choice":
        box.controls.input.value = answer
    elif kind == "multi":
        for checkbox, option in zip(inputs, item["options"], strict=True):
            checkbox.value = option in answer
    elif kind == "order":
        for menu, value in zip(inputs, answer, strict=True):
            menu.value = value
    elif kind == "match":
        for menu, left in zip(inputs, item["left"], strict=True):
            chosen = answer.get(left, [])
            if isinstance(menu, widgets.SelectMultiple):
                menu.value = tuple(chosen)
            else:
                menu.value = chosen[0] if chosen else ""
    else:
        box.controls.input.value = str(answer)


@pytest.mark.parametrize("qid", IDS)
def test_the_widget_checks_and_unlocks_the_solution_after_one_attempt(qid):
    item = ITEMS[qid]
    box = question(qid)
    controls = box.controls
    assert controls.show_solution.disabled
    controls.check.click()  # nothing chosen yet: not an attempt
    assert controls.show_solution.disabled
    assert "Not yet" in controls.feedback.value
    fill(box, item, wrong_answer(item))
    controls.check.click()
    assert not controls.show_solution.disabled
    pane = html.unescape(controls.feedback.value)
    if item["open"]:
        assert "Open question" in pane
    else:
        assert ("Not yet" in pane or "Partly" in pane) and item["explanation"] not in pane
        controls.show_solution.click()
        assert item["explanation"] in html.unescape(controls.feedback.value)
        fill(box, item, item["answer"])
        controls.check.click()
        pane = html.unescape(controls.feedback.value)
        assert "Correct" in pane and item["explanation"] in pane


@pytest.mark.parametrize("qid", IDS)
def test_the_static_form_shows_the_prompt_and_choices_but_not_the_answer(qid):
    item = ITEMS[qid]
    static = html.unescape(question(qid).static_html())
    assert item["prompt"] in static
    for choice in item["options"] or item["items"] or item["left"] or []:
        assert choice in static
    assert item["explanation"] not in static
    if item["kind"] == "text":
        assert item["answer"] not in static
    assert "<script" not in static


@pytest.mark.parametrize("qid", by_kind("text") + by_kind("number"))
def test_typed_html_never_reaches_the_widget_unescaped(qid):
    box = question(qid)
    box.controls.input.value = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    box.controls.check.click()
    assert "<script" not in box.controls.feedback.value
    assert "<img" not in box.controls.feedback.value


def test_a_huge_typed_answer_is_handled():
    box = question("q05_qushang")
    box.controls.input.value = "district " * 50_000
    box.controls.check.click()
    assert "Correct" in box.controls.feedback.value


# --------------------------------------------------------------------------- answer key


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
        "notebooks/answer_key.md is out of date with helpers/data/questions.json: "
        "run `python tools/make_answer_key.py` to regenerate it."
    )


def test_write_answer_key_writes_utf8(tmp_path):
    target = write_answer_key(tmp_path / "key.md")
    assert target.read_text(encoding="utf-8") == answer_key()
    assert "硬卡硬" in target.read_text(encoding="utf-8")
