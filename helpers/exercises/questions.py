"""Self-check questions for the whole series, by id: check an answer, show the solution.

The front door to the question bank. In a notebook::

    import helpers
    helpers.question("q03_chain_order")   # a widget: answer, Check, Show solution
    helpers.check("q02_who_corrects", "a")  # the same check from code

A wrong answer gets a hint aimed at that mistake; the explanation (with the
segments to cite and, for history, the facts-sheet section) comes after a
right answer or when the solution is shown. Open questions (``open: true``)
are never marked right or wrong: the feedback names points a good answer
touches. The pieces: :mod:`~helpers.exercises.bank` (the bank),
:mod:`~helpers.exercises.kinds` (one class per kind of question),
:mod:`~helpers.exercises.attempts`, :mod:`~helpers.exercises.answer_key`;
the widget is :mod:`helpers.views.question`.

Example:
    >>> question_ids("00")[0]
    'q00_source_paper'
"""

from __future__ import annotations

import difflib

from helpers.exercises.answers import clip, shown, tame
from helpers.exercises.attempts import SESSION, Attempts
from helpers.exercises.bank import bank, find_question, question_ids
from helpers.exercises.feedback import JUDGED, Feedback, invalid

__all__ = ["check", "question_ids", "show_solution", "solution", "unknown_question"]

#: What a request for the solution before any attempt gets.
TRY_FIRST = "Try the question first: check one answer, then the solution can be shown."


def check(question_id, answer=None, attempts: Attempts | None = None) -> Feedback:
    """Check an answer and say what to do next; never raises, whatever the answer.

    Options can be given by letter ("b") or by text; case and spaces do not
    matter. Order questions take a list of items, match questions a dict
    from left items to one or more right items. An answer that could be read
    is recorded in ``attempts`` (this session's by default).

    Example:
        >>> check("q02_who_corrects", "the liaoyang county committee of the CPC").correct
        True
        >>> check("q02_who_corrects", "Xinhua News Agency").hint
        'Xinhua reports the story (P1.1); it does not instruct anyone.'
    """
    question = find_question(question_id)
    if question is None:
        return unknown_question(question_id)
    try:
        feedback = question.check(tame(answer))
    except Exception as error:  # a safety net: feedback, never a traceback
        feedback = invalid(
            f"That answer could not be read ({type(error).__name__}). {question.how()}"
        )
    if feedback.status in JUDGED:
        (SESSION if attempts is None else attempts).record(question.id, shown(answer, 200))
    if feedback.status in ("correct", "open"):
        feedback.explanation = question.explanation
    return feedback


def show_solution(question_id, attempts: Attempts | None = None) -> Feedback:
    """The answer and the explanation, but only after one attempt at the question.

    Example:
        >>> from helpers.exercises.attempts import reset_attempts
        >>> reset_attempts()
        >>> show_solution("q00_seg_id").status
        'invalid'
        >>> _ = check("q00_seg_id", "a page number")
        >>> show_solution("q00_seg_id").status
        'solution'
    """
    question = find_question(question_id)
    if question is None:
        return unknown_question(question_id)
    if not (SESSION if attempts is None else attempts).has_attempted(question.id):
        return invalid(TRY_FIRST)
    return Feedback(
        None,
        f"The answer: {question.answer_text()}",
        explanation=question.explanation,
        status="solution",
        readings=question.solution_readings(),
    )


def solution(question_id, attempts: Attempts | None = None, instructor: bool = False) -> str:
    """The answer and its explanation as text, after one attempt (or for an instructor).

    Like "Show solution", it gives nothing away before the question was tried
    in this session (or in ``attempts``); ``instructor=True`` is the explicit
    request of someone preparing a class (the answer key holds the same).

    Example:
        >>> from helpers.exercises.attempts import reset_attempts
        >>> reset_attempts()
        >>> solution("q02_who_corrects")  # doctest: +ELLIPSIS
        'Try the question first: ...'
        >>> print(solution("q02_who_corrects", instructor=True))  # doctest: +ELLIPSIS
        Answer: ...) The Liaoyang County Committee of the CPC
        Why: P3.1: ...
    """
    question = find_question(question_id)
    if question is None:
        return unknown_question(question_id).message
    tried = (SESSION if attempts is None else attempts).has_attempted(question.id)
    if not (instructor or tried):
        return TRY_FIRST
    readings = "".join(f"\nReading: {note}" for note in question.solution_readings())
    return f"Answer: {question.answer_text()}{readings}\nWhy: {question.explanation}"


def unknown_question(question_id) -> Feedback:
    """Feedback for an id that is not in the bank: the closest ids, and how to list them all.

    Example:
        >>> unknown_question("q03_chain_ordr").message  # doctest: +ELLIPSIS
        "There is no question 'q03_chain_ordr'. Did you mean q03_chain_order, ...? List the ids ..."
    """
    name = clip(str(question_id), 60)
    close = difflib.get_close_matches(name.strip().lower(), list(bank()), n=3)
    guess = f" Did you mean {', '.join(close)}?" if close else ""
    return invalid(
        f"There is no question {name!r}.{guess} List the ids with "
        "helpers.exercises.questions.question_ids() or question_ids('03') for one notebook."
    )
