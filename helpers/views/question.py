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

from collections.abc import Callable
from types import SimpleNamespace

import ipywidgets as widgets

from helpers.exercises.attempts import SESSION, Attempts
from helpers.exercises.bank import find_question
from helpers.exercises.feedback import invalid
from helpers.exercises.kind import Control, Question
from helpers.exercises.questions import check, show_solution, unknown_question
from helpers.render.escaping import escape
from helpers.render.question_html import SEVERAL_NOTE, SOLUTION_NOTE, label_html, note_html
from helpers.views.tool import Tool, error_box, html_pane, set_html

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
    if spec.several:
        return widgets.SelectMultiple(
            options=list(spec.options), rows=len(spec.options), layout=layout
        )
    return widgets.Dropdown(
        options=[BLANK, *spec.options], value="", description=slot.description, layout=layout
    )


def text_control(spec: Control, layout: widgets.Layout) -> Built:
    """A text area of ``spec.lines`` rows, or a one-line field; reads the text.

    Example:
        >>> field, _, read = text_control(Control("text", placeholder="A number"), widgets.Layout())
        >>> field.value = "12"
        >>> type(field).__name__, read()
        ('Text', '12')
    """
    size = {"layout": layout} if spec.wide else {}
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
    Answers are recorded in ``attempts`` (this session's by default).

    Example:
        >>> from helpers.exercises.attempts import Attempts
        >>> from helpers.exercises.bank import find_question
        >>> tool = QuestionTool(find_question("q06_term_count"), attempts=Attempts())
        >>> tool.controls.input.value = "3"
        >>> tool.controls.check.click()
        >>> tool.state()["attempted"], tool.controls.show_solution.disabled
        (True, False)
    """

    def __init__(self, question: Question, attempts: Attempts | None = None):
        self.question = question
        self.attempts = SESSION if attempts is None else attempts
        control, inputs, read = build_control(question.control())
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

    def check_answer(self, _button=None) -> None:
        """Check what the controls say; show the feedback; unlock the solution after an attempt."""
        try:
            result = check(self.question.id, self.controls.read(), attempts=self.attempts)
        except Exception as error:  # never a traceback in the widget
            result = invalid(f"Something went wrong ({type(error).__name__}); try again.")
        set_html(self.panes.feedback, result.html())
        self.controls.show_solution.disabled = not self.attempts.has_attempted(self.question.id)

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


def question(question_id) -> Tool:
    """A question as a widget: the prompt, an input, Check, feedback and Show solution.

    "Show solution" stays disabled until one answer has been checked. Where
    no kernel runs, the static form shows the prompt and the options, never
    the answer. The controls are in ``box.controls``.

    Example:
        >>> from helpers.exercises.attempts import reset_attempts
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
    return QuestionTool(found)
