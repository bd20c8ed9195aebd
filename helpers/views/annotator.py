"""The annotator: each student tags every segment with a move (or a tag of their own).

The coding is :class:`helpers.model.coding.Coding`; it is saved after every
change in the student's work file (:mod:`helpers.model.coding_store`: the
changed code only, as the newest entry, atomically, locked, backed up) and
drawn by :mod:`helpers.render.coding`. This module is the widget only.

A work folder that cannot be written (read-only, missing and impossible to
make) never costs work: the annotator says so after every change and offers
the coding in memory as a download. A note can have at most 10,000
characters; a longer one is not saved (and stays in the box) until it is shortened.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.model.coding import CONFIDENCES, Coding, ForeignCodingError, clean_name
from helpers.model.coding_store import (
    coding_path,
    load_coding,
    restore_from_upload,
    save_coding,
    saved_bytes,
    shown_path,
)
from helpers.model.files import FileReadError
from helpers.model.names import NO_NAME_YET
from helpers.model.source import article_id_of, as_table
from helpers.model.storage import SaveFileError
from helpers.model.tagset import TagSet
from helpers.render.coding import (
    coder_header_html,
    coding_segment_html,
    coding_summary_html,
    downloads_html,
    position_html,
)
from helpers.render.html import message_html
from helpers.views.tool import Tool, html_pane, open_tool, set_html

#: The tag chooser's first entry: no tag chosen yet.
NO_TAG = ("(choose a tag)", "")


def annotator(
    coder: str, table=None, article: str | None = None, tagset: TagSet | None = None
) -> Tool:
    """Code the article one segment at a time; every change is saved to the coder's file.

    ``table`` is any article: a file's path, an Article or a segments table
    (the seed by default); ``tagset`` the tags to choose from (the moves by
    default, see :class:`helpers.model.tagset.TagSet`).

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> box = annotator("Doctest Coder")
        >>> box.panes.position.value.count("Segment 1 of 19")
        1
    """
    return open_tool(Annotator, coder, table, article, tagset)


def _file_of(coder: str, article: str | None = None) -> Path | None:
    """The coder's work file, or None when the work folder cannot be made."""
    try:
        return coding_path(coder, article)
    except OSError:
        return None


def _controls() -> SimpleNamespace:
    return SimpleNamespace(
        tag=widgets.Dropdown(description="Tag:", layout=widgets.Layout(width="24em")),
        confidence=widgets.ToggleButtons(
            options=list(CONFIDENCES), value="medium", description="Confidence:"
        ),
        new_tag=widgets.Text(placeholder="a tag of your own", description="New tag:"),
        add_tag=widgets.Button(description="Add tag", tooltip="Add your own tag"),
        note=widgets.Textarea(
            placeholder="Why this tag? (optional)",
            description="Note:",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
        ),
        previous=widgets.Button(description="Previous", icon="arrow-left"),
        next=widgets.Button(description="Next", icon="arrow-right"),
        save_next=widgets.Button(description="Save & next", button_style="primary", icon="check"),
        upload=widgets.FileUpload(
            accept=".json",
            multiple=False,
            description="Restore from a file",
            # its whole label, never "Restore from a..."
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        ),
    )


def _panes(coder: str, article: str | None) -> SimpleNamespace:
    path = _file_of(coder, article)
    where = shown_path(path) if path is not None else "(no work folder: not saved)"
    return SimpleNamespace(
        header=html_pane(coder_header_html(coder, where)),
        position=html_pane(),
        segment=html_pane(),
        message=html_pane(),
        status=html_pane(message_html("Nothing saved in this session yet.")),
        download=html_pane(),
    )


class Annotator(Tool):
    """The annotator's controls and panes; the coding and its saving are in the model.

    A table that cannot be read, or no name, raises ValueError (:func:`annotator`
    shows it in one line).
    """

    def __init__(self, coder: str, table=None, article: str | None = None, tagset=None):
        source, table = table, as_table(table).reset_index(drop=True)
        coder = clean_name(coder)
        if not coder:
            raise ValueError(NO_NAME_YET)
        article = article or article_id_of(source) or None
        c, panes = _controls(), _panes(coder, article)
        super().__init__(c, panes, [panes.header, panes.message], self.static_form)
        self.coder, self.table, self.position = coder, table, 0
        self.unsaved = False  # True while the coding in memory has changes not on disk
        self.opening = self._open(article, tagset)  # the first message, as HTML
        set_html(panes.message, self.opening)
        if self.coding is None:
            return
        self.children = [
            panes.header,
            panes.position,
            panes.segment,
            widgets.HBox([c.tag, c.confidence]),
            widgets.HBox([c.new_tag, c.add_tag]),
            c.note,
            widgets.HBox([c.previous, c.next, c.save_next]),
            panes.message,
            panes.status,
            panes.download,
            c.upload,
        ]
        self._wire()
        self.position = self.coding.first_uncoded(table["seg_id"])
        self._show()

    def _open(self, article: str | None, tagset) -> str:
        """Load the coder's coding (or start one); the opening message, as HTML."""
        self.coding = None
        try:
            self.coding = load_coding(self.coder, self.table, article, tagset)
        except ForeignCodingError as error:
            return message_html(str(error), "error")
        except SaveFileError as error:
            self.coding = Coding.new(self.coder, article, tagset)
            self.coding.broken_backup = str(getattr(error, "backup", "") or "")
            return message_html(
                f"{error} A fresh coding starts here; your first change saves it.", "error"
            )
        except FileReadError as error:  # a folder, a pipe, a file too large in its place
            shown = shown_path(_file_of(self.coder, article) or error.path)
            return message_html(
                f"Your save file {shown} cannot be "
                f"opened: {error.words} Nothing was changed: move it aside (or ask your "
                "instructor), then run this cell again.",
                "error",
            )
        except OSError as error:
            if (
                _file_of(self.coder, article) is not None
            ):  # the folder is there, the file cannot be read
                return message_html(
                    f"Your coding cannot be opened: {error}. Nothing was changed; check the "
                    "file's permissions or ask your instructor.",
                    "error",
                )
            self.coding, self.unsaved = Coding.new(self.coder, article, tagset), True
            return message_html(
                f"Your work folder cannot be used ({error}). You can code, but nothing is "
                "saved on this computer: download your coding with the button at the bottom "
                "before you close the notebook, and ask for a folder you can write to.",
                "error",
            )
        notes = self.coding.messages + self.coding.warnings
        opening = " ".join(notes) or f"Coding as {self.coder}. Every change is saved."
        return message_html(opening, "info" if notes else "good")

    def _wire(self) -> None:
        c = self.controls
        with self.refreshing():
            c.tag.options = [NO_TAG, *self.coding.tag_choices()]
            c.tag.value = ""
        for control in (c.tag, c.confidence, c.note):
            self.on(control, self._changed)
        self.on_click(c.add_tag, self._add_tag)
        self.on_click(c.previous, lambda _: self.go(self.position - 1))
        self.on_click(c.next, lambda _: self.go(self.position + 1))
        self.on_click(c.save_next, self._save_next)
        self.on(c.upload, self._restore)

    # --- showing

    def _row(self):
        return self.table.iloc[self.position]

    def _show(self) -> None:
        """Show the current segment; a coded one shows its code, an uncoded keeps the choice."""
        code = self.coding.codes.get(self._row().seg_id)
        c = self.controls
        with self.refreshing():
            self._set_options()
            if code:
                c.tag.value, c.confidence.value, c.note.value = code.tag, code.confidence, code.note
            else:
                c.note.value = ""
        self._refresh()

    def _refresh(self) -> None:
        row = self._row()
        code = self.coding.codes.get(row.seg_id)
        done, total = self.coding.progress(self.table)
        set_html(self.panes.position, position_html(self.position, row.seg_id, done, total))
        tag = code.tag if code else ""
        set_html(self.panes.segment, coding_segment_html(row, tag, self.coding.tagset))
        saved = None if self.unsaved else saved_bytes(self.coder, self.coding.article)
        set_html(self.panes.download, downloads_html(self.coding, saved, self.unsaved, self.table))

    def _set_options(self) -> None:
        """Give the tag chooser the current tags, keeping its choice (no save)."""
        chosen, options = self.controls.tag.value, [NO_TAG, *self.coding.tag_choices()]
        self.controls.tag.options = options
        self.controls.tag.value = chosen if chosen in [value for _, value in options] else ""

    # --- acting

    def save_current(self) -> bool:
        """Code the segment and save; False if the code was refused (then nothing changed).

        A code that could not be written to disk is kept in memory (True), and the
        status says so and offers it as a download.
        """
        seg_id, c = self._row().seg_id, self.controls
        try:
            self.coding.set_code(seg_id, c.tag.value, c.confidence.value, c.note.value)
            path = save_coding(self.coding, self.table)
        except ValueError as error:
            self.say(f"Not saved: {error}", "error")
            return False
        except OSError as error:  # a read-only or missing work folder: keep the work anyway
            self.unsaved = True
            set_html(self.panes.status, message_html(f"Not saved: {error}", "error"))
            self.say(f"Not saved: {error}", "error")
            self._refresh()
            return True
        self.unsaved = False
        stamp = datetime.now().strftime("%H:%M:%S")
        saved = f"Saved {seg_id} to {shown_path(path)} at {stamp}"
        set_html(self.panes.status, message_html(saved, "good"))
        self.say(" ".join(self.coding.messages), "info")
        self.coding.messages = []
        self._refresh()
        return True

    def _changed(self, _change) -> None:
        if not self.controls.tag.value:
            self.say("Choose a tag to save this segment.", "info")
            return
        self.save_current()

    def go(self, position: int) -> None:
        """Show the segment at ``position`` (0 is the first); the tag chosen is kept, not saved."""
        if not 0 <= position < len(self.table):
            self.say("There is no segment further that way.", "info")
            return
        self.position = position
        self._show()
        row, tag = self._row(), self.controls.tag.value
        if row.seg_id not in self.coding.codes and tag:
            label = self.coding.tagset.label(tag)
            self.say(
                f"{row.seg_id} is not coded yet. The tag {label!r} is kept from the last "
                "segment: press Save & next to use it, or choose another.",
                "info",
            )

    def _save_next(self, _button=None) -> None:
        if not self.controls.tag.value:
            self.say("Choose a tag first, then press Save & next.", "error")
            return
        if not self.save_current():
            return
        if self.position + 1 < len(self.table):
            self.go(self.position + 1)
        else:
            done, total = self.coding.progress(self.table)
            self.say(f"That was the last segment: {done} of {total} coded. Saved.", "good")

    def _add_tag(self, _button=None) -> None:
        try:
            tag = self.coding.add_tag(self.controls.new_tag.value)
        except ValueError as error:
            self.say(str(error), "error")
            return
        with self.refreshing():
            self._set_options()
            self.controls.tag.value = tag
            self.controls.new_tag.value = ""
        if self.save_current() and not self.unsaved:
            self.say(f"Added the tag {tag!r} and saved {self._row().seg_id} with it.", "good")

    def _restore(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            coding, message = restore_from_upload(
                bytes(upload["content"]),
                self.coder,
                self.table,
                self.coding.article,
                self.coding.tagset,
            )
        except (SaveFileError, OSError) as error:
            self.say(f"Nothing was restored: {error}", "error")
            return
        self.coding = coding
        self.coding.messages = []
        self.position = coding.first_uncoded(self.table["seg_id"])
        self._show()
        self.say(f"{message} (from {upload.get('name', 'the upload')})", "good")

    def static_form(self) -> str:
        """The coder's codes as a table, for pages without a kernel."""
        if self.coding is None:
            return self.opening
        return coding_summary_html(self.coding, self.table)

    def state(self) -> dict:
        """The coder, the segment shown, the tag chosen and the progress.

        Example:
            >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
            >>> annotator("Doctest State").state()["seg_id"]
            'P1.1'
        """
        if self.coding is None:
            return {"coder": self.coder, "open": False}
        done, total = self.coding.progress(self.table)
        return {
            "coder": self.coder,
            "open": True,
            "seg_id": self._row().seg_id,
            "tag": self.controls.tag.value,
            "done": done,
            "total": total,
            "unsaved": self.unsaved,
        }
