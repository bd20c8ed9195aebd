"""The two files a student hands in: the hand-in (JSON) and its readable copy (HTML).

The hand-in is :mod:`helpers.model.handin`'s format (work file and coding in
one file); the readable copy is :func:`helpers.render.handin_html.hand_in_html`
filled with the question bank's prompts (this layer reads the bank, the
render layer does not). :func:`write_hand_in_files` writes both into the work
folder, each atomically.

Example:
    >>> import tempfile, os
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> from helpers.model.work import StudentWork
    >>> _ = StudentWork("Zhang San").save_answer("q01_slogan", "x", correct=False, feedback="No.")
    >>> files = write_hand_in_files("Zhang San")
    >>> files.json_path.name, files.html_path.name
    ('handin-Zhang_San-000_de9b3e9f03d8f077.json', 'handin-Zhang_San-000_de9b3e9f03d8f077.html')
    >>> files.summary
    '1 answer (0 right), 0 notes, 0 codes.'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.exercises.bank import bank
from helpers.model.coding_store import decode_json
from helpers.model.handin import HandIn, HandInError, hand_in_bytes, hand_in_name, read_hand_in
from helpers.model.paths import work_dir
from helpers.model.storage import atomic_write_text
from helpers.render.handin_html import hand_in_html, summary_text


@dataclass(frozen=True)
class HandInFiles:
    """The hand-in's bytes and readable copy, and where both were written."""

    json_bytes: bytes
    html_text: str
    json_path: Path
    html_path: Path
    summary: str


def question_prompts() -> dict[str, tuple[str, str]]:
    """Every question's prompt and notebook, by id, in the bank's order.

    Example:
        >>> question_prompts()["q03_chain_order"][1]
        '03_two_deviations'
    """
    return {
        qid: (str(question.item.get("prompt", "")), str(question.item.get("notebook", "")))
        for qid, question in bank().items()
    }


def hand_in_copy_html(raw: bytes, json_name: str = "") -> str:
    """The readable copy (HTML) of a hand-in's bytes, with the questions' prompts.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> from helpers.model.work import StudentWork
        >>> _ = StudentWork("Li Si").save_note("07_plan", "<b>P3.4</b> first")
        >>> page = hand_in_copy_html(hand_in_bytes("Li Si"))
        >>> "&lt;b&gt;P3.4&lt;/b&gt; first" in page
        True
    """
    hand_in = _read_own(raw, json_name)
    return hand_in_html(hand_in, question_prompts(), json_name)


def _read_own(raw: bytes, json_name: str):
    """The hand-in just made; an empty one is still shown (as having nothing in it)."""
    try:
        return read_hand_in(raw, json_name or "the hand-in")
    except HandInError as error:
        if error.reason != "empty":
            raise
    data = decode_json(raw)
    return HandIn(
        data["student"], data["article"], data["work"], None, json_name, made=data["made"]
    )


def write_hand_in_files(student: str, article_id: str | None = None) -> HandInFiles:
    """Write the hand-in (JSON) and its readable copy (HTML) into the work folder.

    Returns both, with their paths and a one-line summary of what they hold.
    """
    raw = hand_in_bytes(student, article_id)
    name = hand_in_name(student, article_id)
    html = hand_in_copy_html(raw, name)
    folder = work_dir()
    json_path = atomic_write_text(folder / name, raw.decode("utf-8"))
    html_path = atomic_write_text(folder / Path(name).with_suffix(".html").name, html)
    return HandInFiles(raw, html, json_path, html_path, summary_text(_read_own(raw, name)))
