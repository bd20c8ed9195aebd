"""Checked answers kept in the student's work file, and their feedback given back.

Every answer that could be judged is saved as given (the value, whether it
was right, the feedback's text and parts) by :func:`save_checked`;
:func:`saved_feedback` rebuilds the feedback a reopened question shows, word
for word as the student saw it (not graded again, so a later change to the
grading never rewrites what a student was told).

Example:
    >>> import tempfile, os
    >>> from helpers.model.work import StudentWork
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> work = StudentWork("Zhang San")
    >>> entry = save_checked(work, "q00_segment_count", "19", Feedback(False, "1 is not it."))
    >>> print(saved_feedback(work.answer("q00_segment_count")))
    Not yet: 1 is not it.
"""

from __future__ import annotations

from helpers.exercises.feedback import JUDGED, Feedback
from helpers.model.work import StudentWork


def save_checked(work: StudentWork, question_id: str, value, feedback: Feedback) -> dict | None:
    """Save a checked answer and its feedback; None (nothing saved) if it could not be judged.

    Example:
        >>> import tempfile, os
        >>> from helpers.exercises.feedback import invalid
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> save_checked(StudentWork("Li Si"), "q00_seg_id", "", invalid("Type one.")) is None
        True
    """
    if feedback.status not in JUDGED:
        return None
    details = {
        "status": feedback.status,
        "message": feedback.message,
        "hint": feedback.hint,
        "explanation": feedback.explanation,
    }
    return work.save_answer(
        question_id, value, correct=feedback.correct, feedback=feedback.text(), details=details
    )


def saved_feedback(entry: dict) -> Feedback:
    """The feedback a saved answer got, as it was shown.

    Example:
        >>> saved_feedback({"correct": True, "feedback": "Correct: yes."}).status
        'correct'
    """
    if "message" in entry:
        return Feedback(
            entry.get("correct"),
            str(entry["message"]),
            hint=str(entry.get("hint") or ""),
            explanation=str(entry.get("explanation") or ""),
            status=str(entry.get("status") or "wrong"),
        )
    status = {True: "correct", False: "wrong"}.get(entry.get("correct"), "open")
    text = str(entry.get("feedback") or "")
    return Feedback(entry.get("correct"), text.split(": ", 1)[-1], status=status)
