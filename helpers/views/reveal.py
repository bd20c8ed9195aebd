"""Something shown only once a question has been answered: :func:`after_answering`.

Why: a notebook often compares the student's answer with the collection's
(the chain of deviation 1 in notebook 03, the moves in 02). Printed just
under the question, that comparison is the answer, visible before the
student has tried. Wrapped in :func:`after_answering` it stays hidden until
an answer to the question has been checked (this session, or saved in the
student's work before a reload or a restart); then the button shows it.
Where no kernel runs, the static form says where the content is, never the
content.

Example:
    >>> import os, tempfile
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> box = after_answering("q00_segment_count", "Article: there are 19.")
    >>> box.controls.show.click()
    >>> box.state()["shown"], "Check your answer" in box.panes.message.value
    (False, True)
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets
from IPython.display import Markdown

from helpers.exercises.attempts import SESSION
from helpers.exercises.bank import find_question
from helpers.exercises.comparisons import comparison
from helpers.exercises.questions import unknown_question
from helpers.model.work import current_work
from helpers.render.escaping import escape
from helpers.views.tool import Tool, error_box, html_pane


class RevealTool(Tool):
    """A button that shows ``content`` once ``question_id`` has an answer; a message before.

    ``content`` is Markdown text or anything a notebook can display (a table).
    ``controls``: ``show``; ``panes``: ``content`` (an Output), ``message``.
    """

    def __init__(self, question_id: str, content, label: str = "Show the comparison"):
        self.question_id, self.content = question_id, content
        show = widgets.Button(description=label, tooltip="After you have checked your answer")
        panes = SimpleNamespace(content=widgets.Output(), message=html_pane())
        super().__init__(
            SimpleNamespace(show=show),
            panes,
            [show, panes.message, panes.content],
            static_html=lambda: (
                f"<p><i>Shown in the notebook once {escape(question_id)} is answered.</i></p>"
            ),
        )
        self.shown = False
        self.on_click(show, self.show)
        if self.answered():
            self.show()

    def answered(self) -> bool:
        """Has the question an answer, checked this session or saved in the student's work?"""
        if SESSION.has_attempted(self.question_id):
            return True
        try:
            return current_work().answer(self.question_id) is not None
        except (ValueError, OSError):
            return False

    def show(self, _button=None) -> None:
        """Show the content if the question was answered; else say what to do first."""
        if not self.answered():
            self.say(f"Check your answer to {self.question_id} above first, then click again.")
            return
        if not self.shown:
            shown = Markdown(self.content) if isinstance(self.content, str) else self.content
            self.panes.content.append_display_data(shown)
            self.shown = True
        self.say("")
        self.controls.show.layout.display = "none"

    def state(self) -> dict:
        """The question and whether the content is shown."""
        return {"question": self.question_id, "shown": self.shown}


def after_answering(question_id, content=None, label: str = "Show the comparison") -> Tool:
    """Show ``content`` (Markdown text or a table) only after ``question_id`` has been answered.

    Without ``content``, the comparison kept for the question in
    ``helpers/data/comparisons.md`` (so the cell's source does not show it).

    Example:
        >>> after_answering("q03_chain_order").state()
        {'question': 'q03_chain_order', 'shown': False}
        >>> "There is no question" in after_answering("q99_none", "x").static_html()
        True
    """
    found = find_question(question_id)
    if found is None:
        return error_box(unknown_question(question_id).message)
    if content is None:
        content = comparison(found.id)
        if not content:
            return error_box(f"No comparison is kept for {found.id}: give the content to show.")
    return RevealTool(found.id, content, label)
