"""The agreement widget: compare the coding files in a folder, then any two coders' confusion.

The numbers are measured in :mod:`helpers.analysis.agreement` and shown by
:class:`helpers.render.agreement.AgreementReport`; this module is the widget only.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.analysis.agreement import AgreementError
from helpers.model.paths import work_dir
from helpers.model.tagset import TagSet
from helpers.render.agreement import AgreementReport, agreement
from helpers.render.html import message_html
from helpers.views.tool import Tool, html_pane, open_tool, set_html


def agreement_widget(
    folder: str | Path | None = None,
    table=None,
    tagset: TagSet | None = None,
    reference: bool | None = None,
) -> Tool:
    """Compare the coders' files in a folder; pick two coders to see their confusion table.

    The folder's files are read whatever their names (hand-ins, coding files);
    the report shows the students among themselves and against the reference,
    the same figures as ``helpers.agreement(folder, reference="seed")``.
    ``table`` is the article coded (the seed by default, or an article file's
    path, an Article, a segments table); ``tagset`` orders and labels the tags;
    ``reference`` ticks "Include the hand-coded reference" (by default on for
    the seed article, off for another).

    Example:
        >>> box = agreement_widget()
        >>> box.controls.compare.description
        'Compare'
    """
    return open_tool(AgreementTool, folder, table, tagset, reference)


class AgreementTool(Tool):
    """A folder to read, a Compare button, the report, and two coders to confront."""

    def __init__(self, folder=None, table=None, tagset: TagSet | None = None, reference=None):
        reference = table is None if reference is None else bool(reference)
        controls = SimpleNamespace(
            folder=widgets.Text(
                value=str(folder or work_dir()),
                description="Folder:",
                layout=widgets.Layout(width="40em"),
            ),
            reference=widgets.Checkbox(
                value=reference, description="Include the hand-coded reference"
            ),
            compare=widgets.Button(description="Compare", button_style="primary"),
            coder_a=widgets.Dropdown(description="Rows:", options=[]),
            coder_b=widgets.Dropdown(description="Columns:", options=[]),
        )
        panes = SimpleNamespace(
            result=html_pane(message_html("Press Compare to read the coding files in the folder.")),
            confusion=html_pane(),
            message=html_pane(),
        )
        children = [
            widgets.HBox([controls.folder, controls.compare]),
            controls.reference,
            panes.result,
            widgets.HBox([controls.coder_a, controls.coder_b]),
            panes.confusion,
            panes.message,
        ]
        super().__init__(controls, panes, children, self.static_form)
        self.table, self.tagset = table, tagset
        self.report: AgreementReport | None = None
        self.on_click(controls.compare, self.compare)
        self.on(controls.coder_a, self.show_confusion)
        self.on(controls.coder_b, self.show_confusion)

    def compare(self, _button=None) -> None:
        """Read the folder's codings and show the report (or, in one line, why not)."""
        c = self.controls
        try:
            report = agreement(
                c.folder.value.strip(), c.reference.value, self.table, tagset=self.tagset
            )
        except (AgreementError, OSError) as error:
            self.report = None
            set_html(self.panes.result, message_html(str(error), "error"))
            set_html(self.panes.confusion, "")
            return
        self.report = report
        with self.refreshing():
            c.coder_a.options = c.coder_b.options = report.coders
            c.coder_a.value, c.coder_b.value = report.coders[0], report.coders[1]
        set_html(self.panes.result, report.summary_html(style=False))
        self.show_confusion()

    def show_confusion(self, _change=None) -> None:
        """Show the two chosen coders' confusion table."""
        if self.report is None:
            return
        try:
            html = self.report.confusion_html(
                self.controls.coder_a.value, self.controls.coder_b.value
            )
        except AgreementError as error:
            html = message_html(str(error), "error")
        set_html(self.panes.confusion, html)

    def static_form(self) -> str:
        """The report and the confusion shown, for pages without a kernel."""
        if self.report is None:
            return message_html("Run the notebook and press Compare to see the agreement.")
        return self.report.summary_html(style=False) + self.panes.confusion.value

    def state(self) -> dict:
        """The coders compared and the two confronted (none before Compare).

        Example:
            >>> agreement_widget().state()
            {'coders': [], 'rows': None, 'columns': None}
        """
        coders = self.report.coders if self.report is not None else []
        return {
            "coders": coders,
            "rows": self.controls.coder_a.value if coders else None,
            "columns": self.controls.coder_b.value if coders else None,
        }
