"""A self-check question as a widget: :func:`question` gives a :class:`QuestionTool`.

Why the kind of question describes its input and this module builds it: each
kind (in :mod:`helpers.exercises.kinds`) returns a
:class:`~helpers.exercises.kind.Control`, plain data naming a *shape*
(radio buttons, checkboxes, menus, a text field) and its options, and this
module has one builder per shape. The exercises layer so stays free of
ipywidgets (it can be checked, tested and used to write the answer key
without a widget library), and a new kind of question that reuses a shape
needs no edit here; only a new shape of input needs a new builder in
:data:`BUILDERS`.

Example:
    >>> from helpers.exercises.kind import Control
    >>> widget, inputs, read = build_control(Control("radio", options=(("a) yes", "yes"),)))
    >>> widget.value = "yes"
    >>> read()
    'yes'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.exercises.answers import shown
from helpers.exercises.attempts import SESSION, Attempts
from helpers.exercises.bank import find_question
from helpers.exercises.feedback import invalid
from helpers.exercises.kind import Control, Question
from helpers.exercises.questions import check, show_solution, unknown_question
from helpers.exercises.saved import save_checked, saved_feedback
from helpers.model.work import PLACEHOLDER, StudentWork, current_work
from helpers.render.escaping import escape
from helpers.render.html import message_html
from helpers.render.question_html import SEVERAL_NOTE, SOLUTION_NOTE, label_html, note_html
from helpers.views.tool import Tool, error_box, html_pane, set_html

#: A change of the answer that reaches the kernel this soon after a Check is the
#: rest of the answer the student saw when clicking (see :class:`QuestionTool`).
LATE_SYNC_SECONDS = 1.0

#: Said under the feedback when the answer was saved before a name was given.
NO_NAME_NOTE = (
    "Saved on this computer without a name for now: give your name with helpers.student() "
    "(notebook 00) and this answer moves to it."
)

#: What a builder returns: the control, its input widgets, and a function reading the answer.
Built = tuple[widgets.Widget, list[widgets.Widget], Callable[[], object]]

#: A menu's first entry, choosing nothing yet.
BLANK = ("— choose —", "")


def radio_control(spec: Control, layout: widgets.Layout) -> Built:
    """Radio buttons, none chosen; reads the chosen value (None before a choice).

    Example:
        >>> _, _, read = radio_control(Control("radio", options=(("a) x", "x"),)), widgets.Layout())
        >>> read() is None
        True
    """
    radio = widgets.RadioButtons(options=list(spec.options), value=None, layout=layout)
    return radio, [radio], lambda: radio.value


def checkbox_control(spec: Control, layout: widgets.Layout) -> Built:
    """A checkbox per option; reads the values ticked, in the options' order.

    Example:
        >>> spec = Control("checkboxes", options=(("a) x", "x"), ("b) y", "y")))
        >>> _, boxes, read = checkbox_control(spec, widgets.Layout())
        >>> boxes[1].value = True
        >>> read()
        ['y']
    """
    boxes = [
        widgets.Checkbox(value=False, description=label, indent=False, layout=layout)
        for label, _ in spec.options
    ]
    values = [value for _, value in spec.options]
    return (
        widgets.VBox(boxes),
        boxes,
        lambda: [value for value, box in zip(values, boxes, strict=True) if box.value],
    )


def menu_control(spec: Control, layout: widgets.Layout) -> Built:
    """A menu per slot (its label above it); reads a list, or a dict by ``spec.keys``.

    Example:
        >>> from helpers.exercises.kind import Slot
        >>> spec = Control("menus", options=(("x", "x"),), slots=(Slot(label="A"),), keys=("A",))
        >>> _, menus, read = menu_control(spec, widgets.Layout())
        >>> menus[0].value = "x"
        >>> read()
        {'A': 'x'}
    """
    menus = [_menu(spec, slot, layout) for slot in spec.slots]
    rows = [
        widgets.VBox([widgets.HTML(label_html(slot.label)), menu]) if slot.label else menu
        for slot, menu in zip(spec.slots, menus, strict=True)
    ]
    if spec.several:
        rows.insert(0, widgets.HTML(escape(SEVERAL_NOTE)))

    def read():
        values = [list(menu.value) if spec.several else menu.value for menu in menus]
        return dict(zip(spec.keys, values, strict=True)) if spec.keys else values

    return widgets.VBox(rows), menus, read


def _menu(spec: Control, slot, layout: widgets.Layout) -> widgets.Widget:
    # A menu named only by the bold label above it gets that label as its description too,
    # visually hidden (style.css .ly-hidden-label), so a screen reader names the menu.
    description = slot.description or slot.label or "Your answer"
    if spec.several:
        menu = widgets.SelectMultiple(
            options=list(spec.options),
            rows=len(spec.options),
            layout=layout,
            description=description,
        )
    else:
        menu = widgets.Dropdown(
            options=[BLANK, *spec.options], value="", description=description, layout=layout
        )
    if not slot.description:
        menu.add_class("ly-hidden-label")
    return menu  # fmt: skip


def text_control(spec: Control, layout: widgets.Layout) -> Built:
    """A text area of ``spec.lines`` rows, or a one-line field; reads the text.

    Example:
        >>> field, _, read = text_control(Control("text", placeholder="A number"), widgets.Layout())
        >>> field.value = "12"
        >>> type(field).__name__, read()
        ('Text', '12')
    """
    size = {"layout": layout} if spec.wide else {}
    # The value reaches the kernel when the field is left (the Check click leaves
    # it), in one message, never as a stream of keystrokes: see QuestionTool.
    size["continuous_update"] = False
    if spec.lines > 1:
        field = widgets.Textarea(placeholder=spec.placeholder, rows=spec.lines, **size)
    else:
        field = widgets.Text(placeholder=spec.placeholder, **size)
    return field, [field], lambda: field.value


#: One builder for each shape of input a kind of question can ask for.
BUILDERS: dict[str, Callable[[Control, widgets.Layout], Built]] = {
    "radio": radio_control,
    "checkboxes": checkbox_control,
    "menus": menu_control,
    "text": text_control,
}


def write_control(spec: Control, inputs: list[widgets.Widget], value) -> None:
    """Put a saved answer back into the inputs a builder made (what cannot fit is left blank).

    Example:
        >>> spec = Control("checkboxes", options=(("a) x", "x"), ("b) y", "y")))
        >>> _, boxes, read = build_control(spec)
        >>> write_control(spec, boxes, ["y"])
        >>> read()
        ['y']
    """
    if spec.shape == "checkboxes":
        chosen = set(value) if isinstance(value, list) else set()
        for box, (_, option) in zip(inputs, spec.options, strict=True):
            box.value = option in chosen
    elif spec.shape == "menus":
        values = [value.get(key) for key in spec.keys] if isinstance(value, dict) else value
        for menu, item in zip(inputs, values if isinstance(values, list) else [], strict=False):
            allowed = {option for _, option in spec.options}
            if spec.several:
                menu.value = tuple(v for v in (item or []) if v in allowed)
            elif item in allowed:
                menu.value = item
    elif spec.shape == "radio":
        if value in {option for _, option in spec.options}:
            inputs[0].value = value
    else:
        inputs[0].value = "" if value is None else str(value)


def build_control(spec: Control) -> Built:
    """The widget for a control spec, full width, by the builder of its shape.

    Example:
        >>> field, inputs, read = build_control(Control("text", placeholder="A number"))
        >>> inputs == [field], read()
        (True, '')
    """
    return BUILDERS[spec.shape](spec, widgets.Layout(width="100%"))


class QuestionTool(Tool):
    """One question: the prompt, its input, Check, Show solution (after one attempt), feedback.

    ``controls``: ``input`` (the control), ``inputs`` (its parts), ``read``
    (the answer they give), ``check``, ``show_solution``, ``feedback``.
    Answers are recorded in ``attempts`` (this session's by default) and every
    judged answer is saved as given, with its feedback, in the student's work
    (``work``; by default the work of the name given in the work folder, read
    at each save, or of a placeholder until a name is given, moved to the name
    then: nothing is lost and nobody is stopped). Built again (a re-run cell,
    a reload, a restarted kernel), the tool shows the last answer saved and
    the feedback it got.

    Why a click could grade an older value, and what is done about it:
    ipywidgets sends a control's changes to the kernel one at a time, holding
    back the next change until the kernel has finished with the last
    (``_pending_msgs``, ``_msg_buffer`` in the widget model), but sends a
    button's click at once. When the kernel was busy, a click overtook the
    last change: the box showed 19 and the kernel graded the 1 it had. Two
    fixes: a text field sends its value once, when it is left
    (``continuous_update=False``; the click leaves it, so the value goes
    first); and a change that arrives within :data:`LATE_SYNC_SECONDS` of a
    Check click is checked again, so the feedback always ends on what was shown.

    Example:
        >>> import os, tempfile
        >>> from helpers.exercises.attempts import Attempts
        >>> from helpers.exercises.bank import find_question
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> tool = QuestionTool(find_question("q06_term_count"), attempts=Attempts())
        >>> tool.controls.input.value = "3"
        >>> tool.controls.check.click()
        >>> tool.state()["attempted"], tool.controls.show_solution.disabled
        (True, False)
    """

    def __init__(
        self,
        question: Question,
        attempts: Attempts | None = None,
        work: StudentWork | None = None,
    ):
        self.question = question
        self.attempts = SESSION if attempts is None else attempts
        self.work = work
        self.spec = question.control()
        self.checked_at: float | None = None
        control, inputs, read = build_control(self.spec)
        check_button = widgets.Button(
            description="Check", button_style="primary", tooltip="Check your answer"
        )
        show_button = widgets.Button(
            description="Show solution",
            disabled=not self.attempts.has_attempted(question.id),
            tooltip="Reveals the answer and the explanation (after one attempt)",
        )
        feedback = html_pane()
        controls = SimpleNamespace(
            input=control,
            inputs=inputs,
            read=read,
            check=check_button,
            show_solution=show_button,
            feedback=feedback,
        )
        panes = SimpleNamespace(
            prompt=html_pane(question.prompt_html()),
            note=widgets.HTML(note_html(SOLUTION_NOTE)),
            feedback=feedback,
            message=feedback,
        )
        layout = [panes.prompt, control, widgets.HBox([check_button, show_button]), panes.note]
        super().__init__(controls, panes, [*layout, feedback], static_html=question.static_html)
        self.on_click(check_button, self.check_answer)
        self.on_click(show_button, self.show_solution)
        self.drafts = self.spec.shape == "text" and bool(question.item.get("open"))
        if self.drafts:  # an open answer is saved as it is typed, like a note
            control.continuous_update = True
            self.on(control, self.save_draft)
        self.restore()
        for part in inputs:
            self.on(part, self.late_change)

    @property
    def draft_key(self) -> str:
        """The note under which an open answer's text is kept as it is typed."""
        return f"draft-{self.question.id}"

    def save_draft(self, _change=None) -> None:
        """Keep the text of an open answer as typed (a closed tab loses nothing)."""
        try:
            self.student_work().save_note(self.draft_key, self.controls.read())
        except (ValueError, OSError):
            return  # the Check will say that saving failed

    def student_work(self) -> StudentWork:
        """The work answers are saved to: the one given, or the current student's."""
        return self.work if self.work is not None else current_work()

    def restore(self) -> None:
        """Show the last answer saved (or an open answer's newer draft) and its feedback."""
        try:
            work = self.student_work()
            entry, draft = work.answer(self.question.id), work.notes().get(self.draft_key)
        except (ValueError, OSError):
            return  # a damaged or foreign work file: the question opens blank
        newer = bool(self.drafts and draft and draft["revision"] > (entry or {}).get("revision", 0))
        if newer or entry:
            with self.refreshing():
                value = draft["text"] if newer else entry.get("value")
                write_control(self.spec, self.controls.inputs, value)
        if entry:
            self.attempts.record(self.question.id, shown(entry.get("value"), 200))
            set_html(self.panes.feedback, saved_feedback(entry).html())
            self.controls.show_solution.disabled = False

    def check_answer(self, _button=None, late: bool = False) -> None:
        """Check what the controls say; show and save the feedback; unlock the solution."""
        value = self.controls.read()
        try:
            result = check(self.question.id, value, attempts=self.attempts)
        except Exception as error:  # never a traceback in the widget
            result = invalid(f"Something went wrong ({type(error).__name__}); try again.")
        set_html(self.panes.feedback, result.html() + self.save(value, result))
        if not late:
            self.checked_at = time.monotonic()
        self.controls.show_solution.disabled = not self.attempts.has_attempted(self.question.id)

    def save(self, value, result) -> str:
        """Save a judged answer; returns a note to show under the feedback ("" if none)."""
        try:
            work = self.student_work()
            saved = save_checked(work, self.question.id, value, result)
        except (ValueError, OSError) as error:
            return message_html(f"Your answer could not be saved: {error}", "error")
        return message_html(NO_NAME_NOTE) if saved and work.student == PLACEHOLDER else ""

    def late_change(self, _change=None) -> None:
        """A change arriving just after a Check is the answer that was shown: check it again."""
        clicked = self.checked_at  # the click's time: a late check does not extend the window
        if clicked is not None and time.monotonic() - clicked < LATE_SYNC_SECONDS:
            self.check_answer(late=True)

    def show_solution(self, _button=None) -> None:
        """Show the answer and the explanation (only after one attempt)."""
        set_html(self.panes.feedback, show_solution(self.question.id, self.attempts).html())

    def state(self) -> dict:
        """The question, the answer the controls give now, and whether it was attempted."""
        return {
            "question": self.question.id,
            "answer": self.controls.read(),
            "attempted": self.attempts.has_attempted(self.question.id),
        }


def question(question_id, work: StudentWork | None = None) -> Tool:
    """A question as a widget: the prompt, an input, Check, feedback and Show solution.

    Every answer checked is saved, with its feedback, in the student's work
    (``work``, by default the current student's, see :class:`QuestionTool`);
    built again, the question shows the last answer and its feedback.
    "Show solution" stays disabled until one answer has been checked. Where
    no kernel runs, the static form shows the prompt and the options, never
    the answer. The controls are in ``box.controls``.

    Example:
        >>> import os, tempfile
        >>> from helpers.exercises.attempts import reset_attempts
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> reset_attempts()
        >>> box = question("q02_who_corrects")
        >>> box.controls.show_solution.disabled
        True
        >>> box.controls.input.value = "The Liaoyang County Committee of the CPC"
        >>> box.controls.check.click()
        >>> "Correct" in box.controls.feedback.value, box.controls.show_solution.disabled
        (True, False)
    """
    found = find_question(question_id)
    if found is None:
        return error_box(unknown_question(question_id).message)
    return QuestionTool(found, work=work)
