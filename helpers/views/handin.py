"""Hand in and restore: a download button for the whole work, an upload box to bring it back.

:func:`hand_in` writes the hand-in (work and coding in one JSON file) and its
readable copy (HTML) into the work folder, and shows a download button for
each. The buttons are links with a ``data:`` URL styled as the widgets'
buttons: a kernel-side ipywidgets Button cannot start a download in the
browser, a link can, in JupyterLab, Voila and on Binder alike (nothing is
served from the work folder, which Voila would refuse). They are made again
when the work changes: in a running kernel the tool looks at the work and
coding files every :data:`WATCH_SECONDS` seconds and remakes both files when
either changed (an answer checked in another cell, a code given in the
annotator); "Make the files again" does it at once.

:func:`restore` shows an upload box (ipywidgets ``FileUpload``) that takes a
hand-in, or a bare work or coding file, from another computer and merges it
with the work here (:func:`helpers.model.handin_restore.restore_hand_in`:
nothing newer here is overwritten), saying in one sentence what it did.
"""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.exercises.handin_copy import write_hand_in_files
from helpers.model.coding_store import old_coding_path
from helpers.model.handin import HandInError
from helpers.model.handin_restore import restore_hand_in
from helpers.model.storage import SaveError, SaveFileError
from helpers.model.work import student_name, work_path
from helpers.render.html import download_button_html, message_html
from helpers.views.tool import Tool, html_pane, open_tool, set_html

#: How often (seconds) a hand-in tool in a running kernel looks for changed work.
WATCH_SECONDS = 2.0

#: What a student without a name is told.
NO_NAME = (
    'Give your name first (notebook 00 asks for it), or call helpers.hand_in("Your Name"), '
    "then run this cell again."
)


class HandInTool(Tool):
    """The hand-in: files written to the work folder, a download button for each."""

    advice = "Run the cell again; your work is saved in the work folder either way."

    #: The tool whose watcher runs, per student and article: running the cell again
    #: stops the watcher of the tool it replaces (one watcher, not one per run).
    watching: dict = {}

    def __init__(self, student: str | None = None, article_id: str | None = None):
        student = student or student_name()
        if not student:
            raise ValueError(NO_NAME)
        self.student, self.article_id, self.files = student, article_id, None
        controls = SimpleNamespace(
            again=widgets.Button(
                description="Make the files again",
                tooltip="Make the hand-in again from your work as it is saved now",
                layout=widgets.Layout(width="auto"),
            )
        )
        panes = SimpleNamespace(buttons=html_pane(), message=html_pane())
        children = [panes.buttons, controls.again, panes.message]
        super().__init__(controls, panes, children, static_html=self.static_form)
        self.on_click(controls.again, lambda _button: self.make())
        self.seen, self.stopped = None, False
        self.make()
        if in_a_kernel():
            self.take_over_watching()
            threading.Thread(target=self._watch, name="hand-in watch", daemon=True).start()

    def take_over_watching(self) -> None:
        """Become the one watcher of this student's work: the tool it replaces stops watching."""
        key = (self.student, self.article_id)
        replaced = HandInTool.watching.get(key)
        if replaced is not None and replaced is not self:
            replaced.stopped = True
        HandInTool.watching[key] = self

    def fingerprint(self) -> tuple:
        """What the saved work looks like on disk now (size and time of each file)."""
        marks = []
        for path in (work_path(self.student, self.article_id), old_coding_path(self.student)):
            try:
                info = path.stat()
                marks.append((info.st_size, info.st_mtime_ns))
            except OSError:
                marks.append(None)
        return tuple(marks)

    def remake_if_changed(self) -> bool:
        """Make the files again if the work changed since they were made; True if it did."""
        if self.fingerprint() == self.seen:
            return False
        self.make()
        return True

    def _watch(self) -> None:
        """Remake the files when the work changes, until the widget is closed."""
        while self.comm is not None and not self.stopped:
            time.sleep(WATCH_SECONDS)
            if self.stopped:
                break
            try:
                self.remake_if_changed()
            except Exception as error:  # a watcher must never die loudly in a notebook
                self.say(f"The hand-in could not be made again ({error}); click the button.")

    def make(self) -> None:
        """Write both files from the saved work and show their download buttons."""
        self.seen = self.fingerprint()
        try:
            files = write_hand_in_files(self.student, self.article_id)
        except (SaveError, SaveFileError, HandInError) as error:
            set_html(self.panes.buttons, "")
            self.say(f"The hand-in could not be made: {error}")
            return
        self.files = files
        set_html(self.panes.buttons, buttons_html(files))
        self.say(
            f"Your hand-in holds {files.summary[:-1]}. Hand in the .json file; "
            "both files are also in your work folder.",
            "good",
        )

    def state(self) -> dict:
        """The files made: names, where they are, what they hold."""
        if self.files is None:
            return {"student": self.student, "made": False}
        return {
            "student": self.student,
            "made": True,
            "json": self.files.json_path.name,
            "html": self.files.html_path.name,
            "json_path": str(self.files.json_path),
            "summary": self.files.summary,
        }

    def static_form(self) -> str:
        """Where no kernel runs: what to do to hand in."""
        return message_html("Run this cell in JupyterLab to make and download your hand-in.")


def in_a_kernel() -> bool:
    """True inside a running Jupyter kernel (not in a plain Python or a test run).

    Example:
        >>> in_a_kernel()
        False
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def buttons_html(files) -> str:
    """The two download buttons (hand-in file, readable copy), side by side."""
    return (
        '<div class="ly-downloads">'
        + download_button_html(
            files.json_bytes, files.json_path.name, "Download the hand-in (.json)"
        )
        + download_button_html(
            files.html_text.encode("utf-8"),
            files.html_path.name,
            "Download a readable copy (.html)",
            "text/html",
        )
        + "</div>"
    )


class RestoreTool(Tool):
    """An upload box that merges a hand-in (or work or coding file) into the work here."""

    advice = "Nothing was changed; try the upload again."

    def __init__(self, student: str | None = None, article_id: str | None = None, on_done=None):
        self.student, self.article_id, self.on_done = student, article_id, on_done
        self.last = ""
        controls = SimpleNamespace(
            upload=widgets.FileUpload(
                accept=".json",
                multiple=False,
                description="Restore from a file",
                layout=widgets.Layout(width="auto"),
            )
        )
        intro = (
            "Upload a hand-in (or a work or coding file) saved on another computer. "
            "It is merged with the work here: nothing newer here is overwritten."
        )
        panes = SimpleNamespace(intro=html_pane(message_html(intro)), message=html_pane())
        children = [panes.intro, controls.upload, panes.message]
        super().__init__(controls, panes, children, static_html=lambda: message_html(intro))
        self.on(controls.upload, self._uploaded)

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]  # ipywidgets 8: a tuple of dicts (name, type, size, content, ...)
        self.restore_bytes(bytes(upload["content"]), str(upload.get("name") or "the upload"))
        with self.refreshing():
            self.controls.upload.value = ()  # the same file can be uploaded again

    def restore_bytes(self, raw: bytes, source: str) -> None:
        """Merge one file's bytes into the work here, and say what was done."""
        try:
            result = restore_hand_in(raw, source, self.student, self.article_id)
        except (HandInError, SaveFileError, SaveError) as error:
            self.last = str(error)
            self.say(self.last)
            return
        self.last = str(result)
        if result.changed:
            self.last += " Run the notebooks again (Run > Run All Cells) to see the work restored."
        self.say(self.last, "good")
        if self.on_done is not None:
            self.on_done(result)

    def state(self) -> dict:
        """The last restore's sentence."""
        return {"message": self.last}


def hand_in(student: str | None = None, article_id: str | None = None) -> Tool:
    """Write the hand-in and its readable copy; show a download button for each.

    ``student`` defaults to the name given in notebook 00. Without a name the
    tool says what to do.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> tool = hand_in("Zhang San")
        >>> tool.state()["json"], "Download the hand-in" in tool.panes.buttons.value
        ('handin-Zhang_San-000_de9b3e9f03d8f077.json', True)
    """
    return open_tool(HandInTool, student, article_id)


def restore(student: str | None = None, article_id: str | None = None) -> Tool:
    """An upload box that restores a hand-in from another computer into the work here.

    ``student`` defaults to the name given here (or, where none was given yet,
    the file's own student).

    Example:
        >>> tool = restore("Zhang San")
        >>> tool.controls.upload.description
        'Restore from a file'
    """
    return open_tool(RestoreTool, student, article_id)
