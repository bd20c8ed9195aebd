"""An open-text box saved as it is typed: :func:`note` (a plan, a rendering, a comment).

Every change the browser sends is saved at once to the student's work
(:meth:`helpers.model.work.StudentWork.save_note`), so a closed tab, a
reload or a restarted kernel loses nothing; building the box again shows the
text saved. Before a name is given the note is kept under a placeholder and
moved to the name when it is given (see :func:`helpers.model.work.current_work`).

Example:
    >>> import os, tempfile
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> box = note("07_plan", "Plan your answer")
    >>> box.controls.text.value = "Claim: rushing is the worse deviation."
    >>> note("07_plan").controls.text.value
    'Claim: rushing is the worse deviation.'
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.model.work import StudentWork, current_work
from helpers.render.escaping import escape
from helpers.views.tool import Tool, error_box, html_pane

#: A note's key: letters, digits, _ - . (like "07_plan"), at most 60.
KEY = re.compile(r"^[A-Za-z0-9_.-]{1,60}$")


class NoteTool(Tool):
    """A prompt, a text area saved on every change, and a line saying it is saved.

    ``controls``: ``text``; ``panes``: ``prompt``, ``message``.
    """

    def __init__(
        self, key: str, prompt: str = "", lines: int = 8, work=None, placeholder: str = ""
    ):
        self.key, self.work = key, work
        text = widgets.Textarea(
            value=self.student_work().note(key),
            rows=lines,
            placeholder=placeholder,
            continuous_update=True,
            layout=widgets.Layout(width="100%"),
        )
        panes = SimpleNamespace(
            prompt=html_pane(f"<p>{escape(prompt)}</p>" if prompt else ""), message=html_pane()
        )
        super().__init__(
            SimpleNamespace(text=text),
            panes,
            [panes.prompt, text, panes.message],
            static_html=lambda: f"<p>{escape(prompt)}</p>",
        )
        self.on(text, self.save)

    def student_work(self) -> StudentWork:
        """The work the note is saved to: the one given, or the current student's."""
        return self.work if self.work is not None else current_work()

    def save(self, _change=None) -> None:
        """Save the text as it is now; say so (or say why not)."""
        try:
            self.student_work().save_note(self.key, self.controls.text.value)
        except (ValueError, OSError) as error:
            self.say(f"Your note could not be saved: {error}")
            return
        self.say("Saved as you type.", "good")

    def state(self) -> dict:
        """The note's key and the text in the box."""
        return {"key": self.key, "text": self.controls.text.value}


def note(key, prompt: str = "", lines: int = 8, placeholder: str = "") -> Tool:
    """An open-text box saved as it is typed, shown again when the cell is run again.

    ``key`` names the note in the work file (e.g. "07_plan"); a bad key gets a
    sentence saying what to do. ``placeholder`` is shown in the empty box (a
    template of the answer, say).

    Example:
        >>> "letters" in note("../x").static_html()
        True
    """
    if not KEY.match(str(key)):
        return error_box(
            f"{str(key)[:60]!r} cannot name a note: use letters, digits and _ (like '07_plan')."
        )
    try:
        return NoteTool(str(key), prompt, lines, placeholder=placeholder)
    except (ValueError, OSError) as error:
        return error_box(f"The note cannot open: {error}")
