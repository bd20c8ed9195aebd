"""The class overview as a notebook shows it: styled tables, the agreement report, the CSV export.

:func:`class_overview_of` reads a folder of hand-ins
(:func:`helpers.analysis.class_folder.read_class_folder`), makes the tables
(:mod:`helpers.analysis.class_work`) and measures the codings' agreement
(:func:`helpers.render.agreement.agreement`); the :class:`ClassOverview` it
returns shows itself as HTML (``templates/class_overview.html``) and writes
its tables as CSV with :meth:`ClassOverview.export_csv`.

Example:
    >>> import tempfile
    >>> from helpers.analysis.class_folder import make_example_hand_ins
    >>> overview = class_overview_of(make_example_hand_ins(tempfile.mkdtemp()))
    >>> print(overview)  # doctest: +ELLIPSIS
    Class overview of 000_de9b3e9f03d8f077: 3 students handed in (4 files read, 1 not used)...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.analysis.agreement import AgreementError
from helpers.analysis.class_folder import ClassFolder, read_class_folder, read_class_list, roster
from helpers.analysis.class_work import (
    csv_bytes,
    csv_file_name,
    export_csv,
    open_answers,
    question_table,
    wrong_answers,
)
from helpers.model.coding import default_article
from helpers.model.handin import REASONS
from helpers.render.agreement import AgreementReport, agreement
from helpers.render.escaping import escape
from helpers.render.html import STYLE, Notice, download_button_html, message_html, table_html
from helpers.render.templates import render, safe

QUESTIONS_NOTE = (
    "<p>The share right counts the students who answered a marked question; open questions "
    "are not marked (their answers are under the open answers).</p>"
)


@dataclass
class ClassOverview:
    """What :func:`class_overview_of` finds; shows itself as HTML, exports its tables as CSV."""

    found: ClassFolder
    roster: pd.DataFrame
    questions: pd.DataFrame
    wrong: pd.DataFrame
    open: pd.DataFrame
    agreement: AgreementReport | None = None
    agreement_note: str = ""
    prompts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> pd.DataFrame:
        """Every file looked at: used or not, and the reason."""
        return self.found.files

    @property
    def not_used(self) -> pd.DataFrame:
        """The files not used, with their reasons."""
        return self.found.not_used

    def tables(self) -> dict[str, pd.DataFrame]:
        """The overview's tables by name (as :meth:`export_csv` writes them)."""
        return {
            "students": self.roster,
            "questions": self.questions,
            "wrong-answers": self.wrong,
            "open-answers": self.open,
            "files": self.files,
            "agreement": self.agreement_table(),
        }

    def agreement_table(self) -> pd.DataFrame:
        """Cohen's kappa for every pair of coders (empty when agreement could not be measured)."""
        if self.agreement is None:
            return pd.DataFrame({"note": [self.agreement_note]})
        return self.agreement.cohen

    def export_csv(self, folder=None) -> list[Path]:
        """Write every table as ``class-overview-<article>-<table>.csv`` in the work folder.

        Example:
            >>> import tempfile
            >>> from helpers.analysis.class_folder import make_example_hand_ins
            >>> overview = class_overview_of(make_example_hand_ins(tempfile.mkdtemp()))
            >>> [path.name for path in overview.export_csv(tempfile.mkdtemp())][1]
            'class-overview-000_de9b3e9f03d8f077-questions.csv'
        """
        return export_csv(self.tables(), f"class-overview-{self.found.article}", folder)

    def csv_files(self) -> dict[str, bytes]:
        """Every table as the CSV bytes a download offers, by file name (as :meth:`export_csv`).

        Example:
            >>> import tempfile
            >>> from helpers.analysis.class_folder import make_example_hand_ins
            >>> overview = class_overview_of(make_example_hand_ins(tempfile.mkdtemp()))
            >>> name, data = next(iter(overview.csv_files().items()))
            >>> name, data[:3] == b"\\xef\\xbb\\xbf"
            ('class-overview-000_de9b3e9f03d8f077-students.csv', True)
        """
        name = f"class-overview-{self.found.article}"
        return {csv_file_name(name, key): csv_bytes(t) for key, t in self.tables().items()}

    def downloads_html(self) -> str:
        """A download button for each table's CSV, made in the browser: works on Binder too.

        Example:
            >>> import tempfile
            >>> from helpers.analysis.class_folder import make_example_hand_ins
            >>> overview = class_overview_of(make_example_hand_ins(tempfile.mkdtemp()))
            >>> overview.downloads_html().count(' download="class-overview-')
            6
        """
        buttons = [
            download_button_html(data, name, f"Download {key} (.csv)", "text/csv")
            for key, (name, data) in zip(self.tables(), self.csv_files().items(), strict=True)
        ]
        return f'<div class="ly-downloads">{"".join(buttons)}</div>'

    def downloads(self) -> Notice:
        """The tables as CSV download buttons, to show in a cell (nothing is written on the server).

        Each file is UTF-8 with a byte-order mark, lines ending in CR LF, and a
        cell a spreadsheet would run as a formula starts with ``'``.

        Example:
            >>> import tempfile
            >>> from helpers.analysis.class_folder import make_example_hand_ins
            >>> class_overview_of(make_example_hand_ins(tempfile.mkdtemp())).downloads()
            Download the tables as CSV: see the HTML in a notebook.
        """
        return Part("Download the tables as CSV", self.downloads_html())

    def summary(self) -> str:
        """One sentence: how many students handed in, files read and not used, who is missing."""
        read, unused = len(self.files), len(self.not_used)
        text = (
            f"{len(self.found.hand_ins)} student{'s' * (len(self.found.hand_ins) != 1)} "
            f"handed in ({read} file{'s' * (read != 1)} read, {unused} not used)"
        )
        missing = self.roster[self.roster["on the list"].eq(True) & ~self.roster["handed in"]]
        stray = self.roster[self.roster["on the list"].eq(False)]
        if len(missing):
            text += f"; missing from the class list: {', '.join(missing['student'])}"
        if len(stray):
            text += f"; not on the class list: {', '.join(stray['student'])}"
        return text + "."

    def __repr__(self) -> str:
        return f"Class overview of {self.found.article}: {self.summary()}"

    def parts(self) -> dict[str, tuple[str, str]]:
        """The overview's parts by name: (title, HTML); :meth:`show` shows one.

        Example:
            >>> import tempfile
            >>> from helpers.analysis.class_folder import make_example_hand_ins
            >>> list(class_overview_of(make_example_hand_ins(tempfile.mkdtemp())).parts())
            ['students', 'files', 'questions', 'wrong answers', 'open answers', 'agreement']
        """
        not_used = self.not_used[["file", "student", "reason", "detail"]]
        return {
            "students": ("Who handed in", table_html(shown(self._roster_shown()))),
            "files": (f"Files not used ({len(not_used)})", _or_none(not_used)),
            "questions": ("Per question", QUESTIONS_NOTE
                          + _or_none(shown(self._questions_shown()), "No answers were handed in.")),
            "wrong answers": ("The wrong answers and the hint each got",
                              _or_none(self.wrong, "No wrong answers.")),
            "open answers": ("Open answers and notes, side by side",
                             render("class_open_answers.html", blocks=self._open_blocks())),
            "agreement": ("The codings' agreement", self._agreement_html()),
        }  # fmt: skip

    def show(self, part: str) -> Notice:
        """One part of the overview, to show in a cell of its own (see :meth:`parts`).

        Example:
            >>> import tempfile
            >>> from helpers.analysis.class_folder import make_example_hand_ins
            >>> overview = class_overview_of(make_example_hand_ins(tempfile.mkdtemp()))
            >>> overview.show("files")
            Files not used (1): see the HTML in a notebook.
            >>> overview.show("nothing")  # doctest: +ELLIPSIS
            There is no part 'nothing'; the parts are: students, files, questions, ...
        """
        if part not in self.parts():
            return Notice(f"There is no part {part!r}; the parts are: {', '.join(self.parts())}.")
        title, html = self.parts()[part]
        return Part(title, html)

    def _questions_shown(self) -> pd.DataFrame:
        """The question table with each question's prompt, shortened, beside its id."""
        table = self.questions.copy()
        prompts = [short(self.prompts.get(question, "")) for question in table["question"]]
        table.insert(1, "prompt", prompts)
        return table

    def _roster_shown(self) -> pd.DataFrame:
        if self.roster["on the list"].isna().all():  # no class list given
            return self.roster.drop(columns="on the list")
        return self.roster

    def _agreement_html(self) -> str:
        if self.agreement is None:
            return message_html(self.agreement_note)
        return self.agreement.summary_html()

    def html(self) -> str:
        """The overview as HTML: every table escaped, text left-aligned."""
        return STYLE + render(
            "class_overview.html",
            article=self.found.article,
            summary=self.summary(),
            notes=[safe(message_html(note)) for note in self.notes],
            parts=[{"title": t, "html": safe(h)} for t, h in self.parts().values()],
        )

    def _open_blocks(self) -> list[dict]:
        blocks = []
        for (question, kind), group in self.open.groupby(["question", "kind"], sort=False):
            title = f"{question} ({kind}, {len(group)} answer{'s' * (len(group) != 1)})"
            table = safe(table_html(group[["student", "answer"]]))
            blocks.append(
                {"title": title, "prompt": self.prompts.get(question, ""), "table": table}
            )
        return blocks

    def _repr_html_(self) -> str:
        return self.html()


class Part(Notice):
    """One part of the overview: its HTML in a notebook, its title as text."""

    def __init__(self, title: str, html: str):
        super().__init__(f"{title}: see the HTML in a notebook.")
        self.title, self.html = title, html

    def _repr_html_(self) -> str:
        return STYLE + f"<h4>{escape(self.title)}</h4>" + self.html


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """A table for reading: yes and no for True and False, empty cells for missing values.

    Example:
        >>> shown(pd.DataFrame({"a": [True, None], "b": [1.0, None]})).values.tolist()
        [['yes', '1'], ['', '']]
    """

    def cell(value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            return f"{value:g}"
        return value

    return table.apply(lambda column: column.map(cell)) if len(table) else table


def short(text: str, length: int = 90) -> str:
    """A text cut at a word to about ``length`` characters, with an ellipsis if cut.

    Example:
        >>> short("one two three", 8), short("short")
        ('one two…', 'short')
    """
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def _or_none(table: pd.DataFrame, text: str = "None.") -> str:
    return table_html(table) if len(table) else f"<p>{text}</p>"


def class_agreement(found: ClassFolder, table=None) -> tuple[AgreementReport | None, str]:
    """The codings' agreement report (with the reference on the seed), or why there is none.

    Example:
        >>> import tempfile
        >>> from helpers.analysis.class_folder import make_example_hand_ins
        >>> found = read_class_folder(make_example_hand_ins(tempfile.mkdtemp()))
        >>> report, note = class_agreement(found)
        >>> "reference" in report.coders, note
        (True, '')
    """
    codings = [h.coding for h in found.hand_ins if h.coding is not None and h.coding.codes]
    seed = found.article == default_article() and table is None
    if not codings:
        return None, "No codings were handed in, so there is no agreement to measure."
    try:
        return agreement(codings, reference="seed" if seed else None, table=table), ""
    except AgreementError as error:
        return None, str(error)


def class_overview_of(
    folder, class_list=None, questions: pd.DataFrame | None = None, article_id=None, table=None
) -> ClassOverview:
    """Read a folder of hand-ins and make the overview (see :func:`helpers.class_overview`).

    ``questions`` (the bank's table: ``id``, ``open``, ``prompt``) orders the
    questions and marks the open ones; ``table`` is the article coded, for
    another article than the seed.
    """
    leave_out = [class_list] if isinstance(class_list, (str, Path)) else []
    names = read_class_list(class_list) if class_list is not None else None
    found = read_class_folder(folder, article_id, leave_out=leave_out)
    report, note = class_agreement(found, table)
    prompts = {}
    if questions is not None and "prompt" in questions:
        prompts = dict(zip(questions["id"], questions["prompt"], strict=True))
    reasons = sorted(set(found.not_used["reason"]))
    notes = (
        [
            "Files not used, by reason: "
            + "; ".join(f"{reason}: {REASONS[reason]}" for reason in reasons)
            + ". Each is listed under Files not used."
        ]
        if reasons
        else []
    )
    return ClassOverview(
        found=found,
        roster=roster(found, names),
        questions=question_table(found.hand_ins, questions),
        wrong=wrong_answers(found.hand_ins, questions),
        open=open_answers(found.hand_ins, questions),
        agreement=report,
        agreement_note=note,
        prompts=prompts,
        notes=notes,
    )
