"""The student's name, given once: :func:`student` (notebook 00 shows it).

The name is kept in the work folder (``student.json``, see
:mod:`helpers.model.work`), so later notebooks, a page reload and a restarted
kernel know whose work it is. Answers given before a name was saved are kept
under a placeholder and moved to the name when it is saved.

Example:
    >>> import os, tempfile
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> box = student()
    >>> box.controls.name.value = "Zhang San"
    >>> box.controls.save.click()
    >>> box.state()
    {'name': 'Zhang San', 'saved': 'Zhang San'}
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets

from helpers.model.work import set_student_name, student_name
from helpers.render.escaping import escape
from helpers.views.tool import Tool, html_pane

#: What the box says before a name was saved.
NO_NAME = "No name saved yet: type your name (or a nickname your instructor knows) and save."


class StudentTool(Tool):
    """A name field showing the name saved, and a Save button that keeps it (or a new one).

    ``controls``: ``name``, ``save``; ``panes``: ``message``.
    """

    def __init__(self):
        saved = student_name() or ""
        name = widgets.Text(
            value=saved,
            description="Your name",
            placeholder="e.g. Zhang San",
            continuous_update=False,
        )
        save = widgets.Button(description="Save my name", button_style="primary")
        controls = SimpleNamespace(name=name, save=save)
        panes = SimpleNamespace(message=html_pane())
        super().__init__(
            controls,
            panes,
            [widgets.HBox([name, save]), panes.message],
            static_html=lambda: f"<p>{escape(self.sentence())}</p>",
        )
        self.on_click(save, self.save)
        self.say(self.sentence(), "good" if saved else "info")

    def sentence(self) -> str:
        """Whose work is saved, in words."""
        name = student_name()
        if not name:
            return NO_NAME
        return f"Your work is saved as {name}. To change the name, type it and save again."

    def save(self, _button=None) -> None:
        """Keep the name typed (a blank one gets a sentence saying what to do)."""
        try:
            set_student_name(self.controls.name.value)
        except ValueError as error:
            self.say(str(error))
            return
        self.say(self.sentence(), "good")

    def state(self) -> dict:
        """The name in the field and the name saved."""
        return {"name": self.controls.name.value, "saved": student_name()}


def student() -> Tool:
    """The box where a student gives (or changes) their name, once for every notebook.

    Example:
        >>> import os, tempfile
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> "No name saved yet" in student().panes.message.value
        True
    """
    return StudentTool()
