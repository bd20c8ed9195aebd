"""The readable copy of a hand-in: one HTML page to read on screen or on paper.

:func:`hand_in_html` shows the student's name, the article, every answer with
its question's prompt, how it was marked and the feedback it got, the notes,
and the coding as a table. Everything typed is escaped. The question prompts
come from the exercises layer, which passes them in (this layer does not read
the question bank): ``prompts`` maps a question id to its prompt (and,
optionally, its notebook as ``(prompt, notebook)``).

The Chinese renders on any computer: the page embeds the collection's font
(``helpers/fonts/``, SIL Open Font License), cut down with fontTools (which
matplotlib installs) to the characters the page uses, so the copy stays small;
without fontTools the whole font is embedded, as in the handout.

Example:
    >>> from helpers.model.handin import HandIn
    >>> copy = HandIn("Zhang <San>", "000_de9b3e9f03d8f077",
    ...     {"answers": {"q01_slogan": {"value": "稳步前进", "correct": True,
    ...      "feedback": "Right.", "saved": "2026-12-01T10:00:00+00:00"}}})
    >>> page = hand_in_html(copy, {"q01_slogan": "Which slogan?"})
    >>> "Zhang &lt;San&gt;" in page, "Which slogan?" in page, "<script" in page
    (True, True, False)
"""

from __future__ import annotations

import base64
import io
from datetime import datetime
from functools import lru_cache

from helpers.model.coding import default_article
from helpers.model.coding_store import coding_table
from helpers.model.handin import HandIn
from helpers.render.fonts import font_path
from helpers.render.handout_title import article_heading
from helpers.render.html import STYLE, table_html
from helpers.render.templates import css, render, safe

#: The family name the embedded font is given (the first family of ``handout.css``).
FONT_FAMILY = "Liaoyang Noto Sans CJK SC Subset"

#: How an answer was marked, in words.
MARKS = {True: "right", False: "not yet right", None: "not marked (an open question)"}


def hand_in_html(hand_in: HandIn, prompts: dict | None = None, json_name: str = "") -> str:
    """The hand-in as one self-contained HTML page (no scripts, nothing to fetch).

    ``prompts`` maps question ids to prompts, or to ``(prompt, notebook)``;
    answers come in the order of ``prompts``, then any others by id.
    ``json_name`` is the hand-in file's name, which the page names.
    """
    prompts = prompts or {}
    heading = _heading(hand_in.article)
    values = {
        "student": hand_in.student,
        "article_id": hand_in.article,
        "article_title": heading[1] or heading[0] or hand_in.article,
        "article_zh": heading[0],
        "article_en": heading[1],
        "made": shown_time(hand_in.made) if hand_in.made else shown_time(datetime.now()),
        "summary": summary_text(hand_in),
        "json_name": json_name or "the .json file downloaded beside this copy",
        "answers": answer_items(hand_in.answers, prompts),
        "notes": [
            {"id": key, "text": str(entry.get("text", "")), "saved": shown_time(entry.get("saved"))}
            for key, entry in sorted(hand_in.notes.items())
            if isinstance(entry, dict)
        ],
        "coding": safe(coding_html(hand_in)),
    }
    body = render("handin_copy.html", style=safe(STYLE), font_face="", print_css="", **values)
    return render(
        "handin_copy.html",
        style=safe(STYLE),
        font_face=safe(font_face_css(body)),
        print_css=safe(css("handout.css") + css("handin.css")),
        **values,
    )


def _heading(article_id: str) -> tuple[str, str]:
    """The article's titles (Chinese, English) when it is the seed; else none."""
    if article_id != default_article():
        return "", ""
    heading = article_heading()
    return heading.title_zh, heading.title_en


def summary_text(hand_in: HandIn) -> str:
    """One sentence: how many answers (how many right), notes and codes the hand-in holds.

    Example:
        >>> summary_text(HandIn("A", "x", {"answers": {"q": {"correct": True}}}))
        '1 answer (1 right), 0 notes, 0 codes.'
    """
    answers = [entry for entry in hand_in.answers.values() if isinstance(entry, dict)]
    right = sum(1 for entry in answers if entry.get("correct") is True)
    codes = len(hand_in.coding.codes) if hand_in.coding else 0
    return (
        f"{_count(len(answers), 'answer')} ({right} right), "
        f"{_count(len(hand_in.notes), 'note')}, {_count(codes, 'code')}."
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def answer_items(answers: dict, prompts: dict) -> list[dict]:
    """The answers as the page lists them: id, notebook, prompt, value, marked, feedback, saved.

    Example:
        >>> answer_items({"q2": {"value": ["a", "b"]}, "q1": {"value": 3, "correct": False}},
        ...     {"q1": ("How many?", "01_x")})[0]["value"]
        '3'
    """
    order = {qid: index for index, qid in enumerate(prompts)}
    items = []
    for qid in sorted(answers, key=lambda qid: (order.get(qid, len(order)), qid)):
        entry = answers[qid]
        if not isinstance(entry, dict):
            continue
        prompt = prompts.get(qid, "")
        prompt, notebook = prompt if isinstance(prompt, tuple) else (prompt, "")
        items.append(
            {
                "id": qid,
                "notebook": notebook,
                "prompt": prompt or "(a question this collection no longer asks)",
                "value": value_text(entry.get("value")),
                "marked": MARKS.get(entry.get("correct"), "not marked"),
                "feedback": str(entry.get("feedback") or ""),
                "saved": shown_time(entry.get("saved")),
            }
        )
    return items


def value_text(value) -> str:
    """An answer's value as a reader reads it: lists joined, pairs as "a: b".

    Example:
        >>> value_text(["P1.1", "P2.3"]), value_text({"1": "b", "2": "a"}), value_text(None)
        ('P1.1, P2.3', '1: b; 2: a', '(no answer)')
    """
    if value is None or value == "":
        return "(no answer)"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {value_text(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(item) for item in value)
    return str(value)


def shown_time(stamp) -> str:
    """A saved time as a reader reads it (to the minute, with its offset from UTC).

    Example:
        >>> shown_time("2026-12-01T20:30:12.5+01:00"), shown_time("later")
        ('2026-12-01 20:30 (UTC+01:00)', 'at an unknown time')
    """
    try:
        moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))
    except ValueError:
        return "at an unknown time"
    zone = moment.strftime("%z")
    zone = f" (UTC{zone[:3]}:{zone[3:]})" if zone else ""
    return moment.strftime("%Y-%m-%d %H:%M") + zone


def coding_html(hand_in: HandIn) -> str:
    """The coding as a table: segment, its Chinese text, tag, confidence, note (coded ones only)."""
    if not hand_in.coding or not hand_in.coding.codes:
        return "<p>No coding saved.</p>"
    table = coding_table(hand_in.coding)
    table = table[table["tag"] != ""][["seg_id", "zh", "tag", "confidence", "note"]]
    table = table.rename(columns={"seg_id": "segment", "zh": "text"})
    return table_html(table)


def font_face_css(text: str) -> str:
    """The collection's font as an @font-face rule, cut down to the characters of ``text``.

    Example:
        >>> rule = font_face_css("稳步前进")
        >>> rule.startswith("@font-face"), len(rule) < 200_000
        (True, True)
    """
    wanted = "".join(sorted({char for char in text if ord(char) > 0x2000}))
    data = _font_bytes(wanted)
    if not data:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'@font-face {{font-family: "{FONT_FAMILY}"; font-display: block; '
        f'src: url(data:font/ttf;base64,{encoded}) format("truetype");}}\n'
    )


@lru_cache(maxsize=8)
def _font_bytes(characters: str) -> bytes:
    """The font's bytes: a subset holding ``characters`` (the whole font without fontTools)."""
    try:
        whole = font_path().read_bytes()
    except OSError:
        return b""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        return whole
    try:
        font = TTFont(io.BytesIO(whole))
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters or "中")
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    except Exception:  # a font fontTools cannot cut: embed it whole, as the handout does
        return whole
