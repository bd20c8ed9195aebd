"""The HTML of a self-check question: its head, its static form, the feedback, small labels.

The larger pieces are templates (``templates/question_*.html``); every text
goes through the one escape, so a prompt, an option or a typed answer can
never inject markup.

Example:
    >>> prompt_html("q01_x", "What the article says", "Who <wrote> it?")
    '<p><small><b>q01_x</b> · What the article says</small></p><p>Who &lt;wrote&gt; it?</p>'
"""

from __future__ import annotations

from helpers.render.escaping import escape
from helpers.render.html import message_html
from helpers.render.templates import render, safe

#: Under a question's static form: how to answer it for real.
STATIC_NOTE = "Run this notebook to answer and get feedback."

#: Under a question's buttons: when "Show solution" works.
SOLUTION_NOTE = "“Show solution” reveals the answer; it unlocks after your first check."

#: Above menus where several items can be chosen.
SEVERAL_NOTE = "Hold Ctrl (Cmd on a Mac) or Shift to choose several."


def prompt_html(question_id: str, voice: str, prompt: str, how: str = "") -> str:
    """The head of a question: id and voice, the prompt, and how to answer (if given).

    Example:
        >>> prompt_html("q01_x", "Voice", "Order them.", "First to last.")[-28:]
        '<p><i>First to last.</i></p>'
    """
    return render("question_prompt.html", id=question_id, voice=voice, prompt=prompt, how=how)


def static_form_html(prompt: str, choices=(), left=None, right=None) -> str:
    """A question for a page without a kernel: the head (HTML), the choices, and a note.

    ``choices`` are shown as a list without bullets; ``left`` and ``right``
    (for matching) as two lists instead.

    Example:
        >>> page = static_form_html("<p>Q?</p>", ["a) yes", "b) no"])
        >>> page.startswith('<p>Q?</p><ul style="list-style: none"><li>a) yes</li>')
        True
        >>> "<p>Left:</p><ul><li>x</li></ul>" in static_form_html("", left=["x"], right=["y"])
        True
    """
    return render(
        "question_static.html",
        prompt=safe(prompt),
        choices=list(choices),
        left=left,
        right=right,
        closing=safe(message_html(STATIC_NOTE)),
    )


def feedback_html(
    verdict: str,
    kind: str = "info",
    hint: str = "",
    explanation: str = "",
    *,
    notes=(),
    readings=(),
    readings_label: str = "Readings",
) -> str:
    """Feedback as HTML: the verdict in a message box of ``kind``, notes, readings, hint, the why.

    ``notes`` are paragraphs under the verdict; ``readings`` a list under
    ``readings_label``.

    Example:
        >>> feedback_html("No.", "error", hint="Read <P3.1>.")  # doctest: +ELLIPSIS
        '<div class="ly-message ly-error" ...>No.</div><p><b>Hint:</b> Read &lt;P3.1&gt;.</p>'
    """
    return render(
        "question_feedback.html",
        verdict=safe(message_html(verdict, kind)),
        hint=hint,
        explanation=explanation,
        notes=list(notes),
        readings=list(readings),
        readings_label=readings_label,
    )


def note_html(text: str) -> str:
    """A small note (under a question's buttons).

    Example:
        >>> note_html("a < b")
        '<small>a &lt; b</small>'
    """
    return f"<small>{escape(text)}</small>"


def label_html(text: str) -> str:
    """A bold label (a left item above its menu).

    Example:
        >>> label_html("Step 1 <P3.1>")
        '<b>Step 1 &lt;P3.1&gt;</b>'
    """
    return f"<b>{escape(text)}</b>"
