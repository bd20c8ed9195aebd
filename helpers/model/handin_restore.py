"""Restore a hand-in on another computer: merge it with the work saved here, never losing any.

:func:`restore_hand_in` takes the bytes of a hand-in (or of a bare work or
coding file, :func:`helpers.model.handin.read_hand_in`) and merges it into the
student's work file and coding file here.

Which entry wins, answer by answer and note by note (the rule):

1. an entry the file has and this computer has not is added;
2. an entry with the same content on both sides is left as it is;
3. otherwise the one saved later (its ``saved`` time) wins, with one
   exception: a ``saved`` time more than :data:`CLOCK_SLACK` in this
   computer's future (the other computer's clock was ahead) never wins over an
   entry saved here; the entry here is kept. An unreadable time counts as the
   oldest.

Codes of the coding follow the same rule (a code's ``updated`` time); the
codes taken go into the work file's coding section, each as the newest
entry (:func:`helpers.model.work.put_codes`), so a change made here
afterwards wins over them whatever their times.

A file that cannot be used (damaged, foreign, newer format, empty, another
article, or another student's) raises :class:`~helpers.model.handin.HandInError`
with a sentence saying what to do, and nothing is changed. The codes, answers
and notes are merged under the work file's lock and written in one atomic
write (the file copied to ``.before-restore-<time>.json`` first when codes
change): a crash (even ``kill -9``) leaves the file as it was, and restoring
the same file again finishes the job (a restore adds nothing twice).

Example:
    >>> import tempfile, os
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> from helpers.model.handin import hand_in_bytes
    >>> from helpers.model.work import StudentWork
    >>> _ = StudentWork("Zhang San").save_answer("q01_slogan", "steady progress", correct=True)
    >>> raw = hand_in_bytes("Zhang San")
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()  # another computer
    >>> print(restore_hand_in(raw, "handin.json", "Zhang San"))
    Restored handin.json: added 1 answer.
    >>> StudentWork("Zhang San").answer("q01_slogan")["value"]
    'steady progress'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from helpers.model.coding import Coding, clean_name, default_article
from helpers.model.coding_store import (
    code_entry,
    coding_of_work,
    fold_old_coding,
    keep_before_restore,
    merge_codes,
)
from helpers.model.handin import REASONS, HandIn, HandInError, read_hand_in
from helpers.model.names import same_person
from helpers.model.storage import SaveFileError, atomic_write_text, file_lock
from helpers.model.work import FORMAT_NAME as WORK_FORMAT
from helpers.model.work import FORMAT_VERSION as WORK_VERSION
from helpers.model.work import StudentWork, put_codes, set_student_name, student_name

#: How far in the future a saved time may be before it counts as a clock that was ahead.
CLOCK_SLACK = timedelta(minutes=5)

#: What is compared to tell two entries apart (the saved time and revision are not).
_CONTENT_KEYS = ("value", "correct", "feedback", "text")


@dataclass
class RestoreResult:
    """What a restore did: counts per kind, and one sentence (``str(result)``).

    Example:
        >>> print(RestoreResult("f.json", added={"answers": 5}, kept=2, codes=19))
        Restored f.json: added 5 answers, kept 2 newer ones here, 19 codes merged.
    """

    source: str
    added: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    kept: int = 0
    future: int = 0
    codes: int = 0
    codes_kept: int = 0

    @property
    def changed(self) -> bool:
        """True when the restore changed anything here."""
        return bool(sum(self.added.values()) + sum(self.updated.values()) + self.codes)

    def __str__(self) -> str:
        parts = [_counted("added", self.added), _counted("updated", self.updated)]
        if self.kept:
            parts.append(f"kept {self.kept} newer one{'s' if self.kept != 1 else ''} here")
        if self.future:
            parts.append(
                f"kept {self.future} here whose copy in the file has a time in the future "
                "(its computer's clock was ahead)"
            )
        if self.codes:
            parts.append(f"{self.codes} code{'s' if self.codes != 1 else ''} merged")
        if self.codes_kept:
            parts.append(f"{self.codes_kept} newer code(s) kept here")
        parts = [part for part in parts if part]
        if not self.changed:
            parts.insert(0, "nothing new (everything in it is here already)")
        return f"Restored {self.source}: {', '.join(parts)}."


#: What a student is told to do with a file that cannot be restored, by reason.
WHAT_TO_DO = {
    "damaged": "download your hand-in again where you worked, and upload that file",
    "foreign": "upload the .json file the hand-in button gave you (its name begins with handin-)",
    "newer": "update the collection here, or restore it where it was saved",
    "empty": "upload the hand-in you downloaded after you worked",
    "other article": "restore it in the notebooks of that article",
}


def refusal(reason: str, source: str) -> str:
    """The one sentence a student reads when a file is refused: what it is, and what to do.

    Example:
        >>> refusal("damaged", "x.json")  # doctest: +ELLIPSIS
        'Nothing was restored: x.json is damaged (not readable JSON, or cut short); download...'
    """
    what = REASONS.get(reason, "not usable here")
    todo = WHAT_TO_DO.get(reason, "upload your own hand-in file")
    return f"Nothing was restored: {source} is {what}; {todo}."


def _counted(verb: str, counts: dict) -> str:
    words = {"answers": "answer", "notes": "note"}
    items = [
        f"{count} {words[kind]}{'s' if count != 1 else ''}"
        for kind, count in counts.items()
        if count
    ]
    return f"{verb} {' and '.join(items)}" if items else ""


def moment(stamp, now: datetime | None = None) -> datetime:
    """A saved time as an aware datetime; unreadable text counts as the oldest time.

    Example:
        >>> moment("2026-01-02T10:00:00+00:00").year, moment("soon").year
        (2026, 1)
    """
    zone = (now or datetime.now().astimezone()).tzinfo
    try:
        value = datetime.fromisoformat(str(stamp))
    except ValueError:
        return datetime.min.replace(tzinfo=zone)
    return value if value.tzinfo else value.replace(tzinfo=zone)


def theirs_wins(here: dict, theirs: dict, now: datetime) -> str:
    """Which of two saves of one entry to keep: "same", "theirs", "here" or "future".

    "future" means the file's entry looks newer only because its time is in the
    future (its computer's clock was ahead): the entry here is kept.

    Example:
        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
        >>> old = {"value": "a", "saved": "2026-12-01T10:00:00+00:00"}
        >>> new = {"value": "b", "saved": "2026-12-01T11:00:00+00:00"}
        >>> ahead = {"value": "c", "saved": "2027-03-01T10:00:00+00:00"}
        >>> theirs_wins(old, new, now), theirs_wins(new, old, now), theirs_wins(old, ahead, now)
        ('theirs', 'here', 'future')
    """
    if all(here.get(key) == theirs.get(key) for key in _CONTENT_KEYS):
        return "same"
    when = moment(theirs.get("saved"), now)
    if when > now + CLOCK_SLACK:
        return "future"
    return "theirs" if when > moment(here.get("saved"), now) else "here"


def merge_work(here: dict, theirs: dict, result: RestoreResult, now: datetime) -> dict:
    """The work file ``here`` with the entries of ``theirs`` merged in by the rule above.

    Counts go into ``result``; entries taken get new revisions (after the ones here).
    """
    merged = {
        **here,
        "answers": dict(here.get("answers", {})),
        "notes": dict(here.get("notes", {})),
    }
    revision = int(merged.get("revision", 0) or 0)
    for section in ("answers", "notes"):
        entries = theirs.get(section) or {}
        if not isinstance(entries, dict):
            continue  # a section of the wrong shape brings nothing
        for key, entry in sorted(entries.items(), key=lambda item: _revision_of(item[1])):
            if not isinstance(entry, dict):
                continue
            ours = merged[section].get(key)
            verdict = "theirs" if ours is None else theirs_wins(ours, entry, now)
            if verdict == "theirs":
                revision += 1
                merged[section][key] = {**entry, "revision": revision}
                bucket = result.added if ours is None else result.updated
                bucket[section] = bucket.get(section, 0) + 1
            elif verdict == "here":
                result.kept += 1
            elif verdict == "future":
                result.future += 1
    merged["revision"] = revision
    return merged


def _revision_of(entry) -> int:
    try:
        return int(entry.get("revision", 0) or 0)
    except (AttributeError, TypeError, ValueError):
        return 0


def _fresh_work(student: str, article: str) -> dict:
    """An empty work file's content (for a computer with no work yet, or a damaged file)."""
    return {
        "format": WORK_FORMAT,
        "version": WORK_VERSION,
        "student": student,
        "article": article,
        "revision": 0,
        "answers": {},
        "notes": {},
    }


def _student_of(hand_in: HandIn, student: str | None, source: str) -> str:
    """The student the restore is for; a file of someone else is refused."""
    name = clean_name(student) or student_name() or hand_in.student
    if not clean_name(name):
        raise HandInError(
            "foreign", f"Nothing was restored: {source} names no student; give your name first."
        )
    if hand_in.student and not same_person(hand_in.student, name):
        raise HandInError(
            "other student",
            f"Nothing was restored: {source} is the work of {hand_in.student!r}, not of "
            f"{name!r}; upload your own hand-in (or, if it is yours, give that name first).",
        )
    return clean_name(name)


def restore_hand_in(
    raw: bytes,
    source: str = "the file",
    student: str | None = None,
    article_id: str | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Merge an uploaded hand-in (or work or coding file) into the work saved here.

    ``student`` defaults to the name given here (:func:`helpers.model.work.student_name`),
    or, on a computer where no name was given yet, the file's student (then
    remembered here). ``now`` is this computer's time (for tests). Returns a
    :class:`RestoreResult`; raises :class:`~helpers.model.handin.HandInError`
    (nothing changed) for a file that cannot be used. See the module for the rule.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> try:
        ...     restore_hand_in(b"", "empty.json", "Li Si")
        ... except HandInError as error:
        ...     error.reason
        'damaged'
    """
    article = article_id or default_article()
    try:
        hand_in = read_hand_in(raw, source, article)
    except HandInError as error:
        raise HandInError(error.reason, refusal(error.reason, source)) from None
    name = _student_of(hand_in, student, source)
    now = now or datetime.now().astimezone()
    fold_old_coding(name)  # an old coding file here joins the work file first
    work, result = StudentWork(name, article), RestoreResult(source)
    with file_lock(work.path):  # codes, answers and notes: one atomic write
        try:
            here = work.content()
        except SaveFileError:
            here = _fresh_work(name, article)  # the damaged file was copied aside
        merged = merge_work(here, hand_in.work, result, now)
        if hand_in.coding:
            taken = _merge_coding(hand_in.coding, _local_coding(here, name, article), result, now)
            put_codes(merged, taken, list(hand_in.coding.tagset) if taken else [])
        if merged != here:
            if result.codes:
                keep_before_restore(work.path)
            atomic_write_text(work.path, json.dumps(merged, ensure_ascii=False, indent=1))
    if student_name() is None:
        set_student_name(name)
    return result


def _local_coding(here: dict, name: str, article: str) -> Coding:
    """The coding saved here (empty if none, or if it cannot be read)."""
    try:
        return coding_of_work(here, name, article=article)
    except SaveFileError:
        return Coding.new(name, article)


def _merge_coding(theirs: Coding, here: Coding, result: RestoreResult, now: datetime) -> dict:
    """The file's codes to take by the rule (segment -> entry); counts go into ``result``."""
    taken = {}
    for seg_id, code in theirs.codes.items():
        ours = here.codes.get(seg_id)
        if ours is None:
            taken[seg_id] = code
        elif (ours.tag, ours.confidence, ours.note) == (code.tag, code.confidence, code.note):
            continue
        elif moment(code.updated, now) > now + CLOCK_SLACK:
            result.future += 1
        elif merge_codes({seg_id: ours}, {seg_id: code})[seg_id] is code:
            taken[seg_id] = code
        else:
            result.codes_kept += 1
    result.codes += len(taken)
    return {seg_id: code_entry(code) for seg_id, code in taken.items()}
