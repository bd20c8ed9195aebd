"""The readable copy of a hand-in: answers with prompts and feedback, escaped, Chinese embedded."""

import base64
import io
import re

from fontTools.ttLib import TTFont

from helpers.exercises.bank import bank
from helpers.exercises.handin_copy import hand_in_copy_html, question_prompts
from helpers.model.coding import Coding
from helpers.model.coding_store import save_coding
from helpers.model.handin import hand_in_bytes
from helpers.model.work import StudentWork
from helpers.render.escaping import escape

NAME = "Zhang <San>"


def make_copy() -> str:
    work = StudentWork(NAME)
    work.save_answer("q03_chain_order", ["P1.1", "P2.3"], correct=False, feedback="Look at P2.3.")
    work.save_answer(
        "q01_slogan", "稳步前进 <script>alert(1)</script>", correct=True, feedback="Yes."
    )
    work.save_note("07_plan", "First P3.4,\nthen P3.5 & 互助组.")
    save_coding(Coding.new(NAME).set_code("P1.1", "lead", "high", "the <dateline>"))
    return hand_in_copy_html(hand_in_bytes(NAME), "handin.json")


def test_the_copy_shows_every_answer_with_its_prompt_feedback_and_mark():
    page = make_copy()
    for qid in ("q01_slogan", "q03_chain_order"):
        assert escape(bank()[qid].item["prompt"]) in page
    assert "Look at P2.3." in page and "not yet right" in page
    assert "P1.1, P2.3" in page
    # In the bank's order: q01 before q03.
    assert page.index("q01_slogan") < page.index("q03_chain_order")
    assert "Hand-in of Zhang &lt;San&gt;" in page
    assert "2 answers (1 right), 1 note, 1 code." in page


def test_the_copy_escapes_everything_typed_and_runs_nothing():
    page = make_copy()
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "the &lt;dateline&gt;" in page
    assert "P3.5 &amp; 互助组" in page


def test_the_copy_shows_no_solution_it_was_not_given():
    page = make_copy()
    for qid in ("q01_slogan", "q03_chain_order"):
        assert bank()[qid].explanation not in page


def test_the_coding_is_a_table_with_the_segments_chinese():
    page = make_copy()
    table = page[page.index("3. Coding") :]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    assert "<table" in table and "P1.1" in cells and "lead" in cells and "high" in cells


def test_the_embedded_font_has_every_chinese_character_of_the_page():
    page = make_copy()
    data = re.search(r"url\(data:font/ttf;base64,([^)]*)\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap = font.getBestCmap()
    chinese = {char for char in page if "\u3400" <= char <= "\u9fff"}
    assert {"稳", "互", "助"} <= chinese
    assert not [char for char in chinese if ord(char) not in cmap]
    assert len(page) < 400_000  # the font is cut to the page's characters


def test_every_question_of_the_bank_has_a_prompt_for_the_copy():
    prompts = question_prompts()
    assert set(prompts) == set(bank())
    assert all(prompt and notebook for prompt, notebook in prompts.values())
