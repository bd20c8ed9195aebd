"""A hand-in: one file of one student's whole work on one article, and its one reader.

A hand-in holds the student's work file (answers and notes,
:mod:`helpers.model.work`) and their coding (:mod:`helpers.model.coding`), as
they were saved::

    {"format": "liaoyang-1954-handin", "version": 1, "student": "Zhang San",
     "article": "000_de9b3e9f03d8f077", "made": "2026-12-01T20:30:00+00:00",
     "work": {... the work file ...}, "coding": {... the coding file ...} or null}

:func:`read_hand_in` reads any file a student may hand in: a hand-in, a bare
work file or a bare coding file, under whatever name the download got
(``Tom_Berg_week7.json``, ``handin-Nina_Roy (1).json``). A file it cannot use
raises :class:`HandInError`, whose ``reason`` is one of :data:`REASONS` and whose
message says what to do.

Example:
    >>> import tempfile, os
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> from helpers.model.work import StudentWork
    >>> _ = StudentWork("Zhang San").save_answer("q01_slogan", "steady progress", correct=True)
    >>> hand_in = read_hand_in(hand_in_bytes("Zhang San"), "mine.json")
    >>> hand_in.student, hand_in.answers["q01_slogan"]["value"], hand_in.coding is None
    ('Zhang San', 'steady progress', True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from helpers.model.coding import (
    FORMAT as CODING_FORMAT,
)
from helpers.model.coding import (
    Coding,
    clean_name,
    default_article,
    now_iso,
    read_coding_data,
)
from helpers.model.coding_store import NotJSONError, coding_data, decode_json, saved_coding_data
from helpers.model.files import FileReadError, read_regular
from helpers.model.names import coder_key
from helpers.model.storage import MAX_SAVE_BYTES, SaveFileError, safe_file_name
from helpers.model.work import FORMAT_NAME as WORK_FORMAT
from helpers.model.work import FORMAT_VERSION as WORK_VERSION
from helpers.model.work import StudentWork

#: What a hand-in file says it is.
FORMAT_NAME = "liaoyang-1954-handin"
#: The version of the hand-in format.
FORMAT_VERSION = 1
#: Why a file cannot be used, in words an instructor reads.
REASONS = {
    "damaged": "damaged (not readable JSON, or cut short)",
    "foreign": "not a hand-in, work or coding file of this collection",
    "newer": "saved by a newer version of the collection",
    "empty": "empty (no answers, notes or codes in it)",
    "other article": "work on another article",
    "duplicate": "an older copy of a hand-in that is used",
    "other student": "the work of another student",
}


class HandInError(SaveFileError):
    """A file that cannot be used as a hand-in; ``reason`` is a key of :data:`REASONS`."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass
class HandIn:
    """One student's work on one article, as read from a file.

    ``work`` is the work file's content (answers and notes), ``coding`` the
    coding (or None), ``source`` the file's name, ``kind`` what the file was
    ("hand-in", "work" or "coding").
    """

    student: str
    article: str
    work: dict = field(default_factory=dict)
    coding: Coding | None = None
    source: str = ""
    kind: str = "hand-in"
    made: str = ""

    @property
    def answers(self) -> dict[str, dict]:
        """The answers, by question id (value, correct, feedback, saved, revision)."""
        return self.work.get("answers", {})

    @property
    def notes(self) -> dict[str, dict]:
        """The notes, by id (text, saved, revision)."""
        return self.work.get("notes", {})

    @property
    def revision(self) -> int:
        """How many saves the work file had seen (a bare coding: its download's count)."""
        return _number(self.work.get("revision")) or (self.coding.revision if self.coding else 0)

    def is_empty(self) -> bool:
        """True when the file holds no answer, no note and no code."""
        return not (self.answers or self.notes or (self.coding and self.coding.codes))


def hand_in_name(student: str, article_id: str | None = None) -> str:
    """The file name a hand-in is downloaded under.

    Example:
        >>> hand_in_name("Zhang San")
        'handin-Zhang_San-000_de9b3e9f03d8f077.json'
    """
    article = safe_file_name(article_id or default_article(), default="article")
    return f"handin-{coder_key(student)}-{article}.json"


def hand_in_content(student: str, article_id: str | None = None) -> dict:
    """One student's whole work on one article (work file and coding) as hand-in data.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> content = hand_in_content("Li Si")
        >>> content["format"], content["work"]["answers"], content["coding"]
        ('liaoyang-1954-handin', {}, None)
    """
    work = StudentWork(student, article_id)
    coding = saved_coding_data(work.student, work.article_id)  # an old coding file folded in
    content = work.content()
    content.pop("coding", None)  # the coding goes beside, as a coding file's content
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "student": work.student,
        "article": work.article_id,
        "made": now_iso(),
        "work": content,
        "coding": coding if coding and coding["codes"] else None,
    }


def hand_in_bytes(student: str, article_id: str | None = None) -> bytes:
    """The hand-in file's bytes (UTF-8 JSON), ready to download.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> hand_in_bytes("Li Si").startswith(b"{")
        True
    """
    text = json.dumps(hand_in_content(student, article_id), ensure_ascii=False, indent=1)
    return text.encode("utf-8")


def read_hand_in(raw: bytes, source: str = "the file", article_id: str | None = None) -> HandIn:
    """Read a file a student handed in: a hand-in, a bare work file or a bare coding file.

    ``article_id``, if given, is the article the hand-in must be of (else
    :class:`HandInError` with reason "other article"). An empty file raises
    reason "empty", bytes that are not JSON "damaged", anything else "foreign".

    Example:
        >>> try:
        ...     read_hand_in(b"{cut sho", "x.json")
        ... except HandInError as error:
        ...     error.reason, str(error)[:28]
        ('damaged', 'x.json is damaged (not reada')
    """
    try:
        data = decode_json(raw)
    except NotJSONError:
        raise _error("damaged", source, "ask the student to download it again") from None
    if not isinstance(data, dict):
        raise _error("foreign", source, "leave it out, or ask which file was meant")
    hand_in = _from_data(data, source)
    if article_id is not None and hand_in.article != article_id:
        raise _error("other article", source, f"it is of {hand_in.article!r}; read it there")
    if hand_in.is_empty():
        raise _error("empty", source, "the student saved nothing yet")
    return hand_in


def _from_data(data: dict, source: str) -> HandIn:
    kind = data.get("format")
    if kind == FORMAT_NAME:
        if int(data.get("version", 0) or 0) > FORMAT_VERSION:
            raise _error("newer", source, "update the collection to read it")
        work = data.get("work") or {}
        _check_work(work, source)
        coding = _coding(data.get("coding") or _section_of(work), source)
        student = clean_name(data.get("student") or work.get("student"))
        article = str(data.get("article") or work.get("article") or default_article())
        return HandIn(student, article, work, coding, source, "hand-in", str(data.get("made", "")))
    if kind == WORK_FORMAT:
        _check_work(data, source)
        article = str(data.get("article") or default_article())
        coding = _coding(_section_of(data), source)
        return HandIn(clean_name(data.get("student")), article, data, coding, source, "work")
    if kind == CODING_FORMAT or ("coder" in data and "codes" in data):
        coding = _coding(data, source)
        coding.revision = _number(data.get("revision"))
        return HandIn(coding.coder, coding.article, {}, coding, source, "coding", coding.updated)
    raise _error("foreign", source, "leave it out, or ask which file was meant")


def _section_of(work) -> dict | None:
    """The coding of a work file's content, if it holds codes."""
    content = coding_data(work) if isinstance(work, dict) else None
    return content if content and content["codes"] else None


def _number(value) -> int:
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def _check_work(work, source: str) -> None:
    if not isinstance(work, dict) or not isinstance(work.get("answers", {}), dict):
        raise _error("foreign", source, "leave it out, or ask which file was meant")
    if int(work.get("version", 0) or 0) > WORK_VERSION:
        raise _error("newer", source, "update the collection to read it")


def _coding(data, source: str) -> Coding | None:
    if data is None:
        return None
    try:
        return read_coding_data(data, source)
    except SaveFileError as error:
        reason = "newer" if "newer version" in str(error) else "foreign"
        raise _error(reason, source, "leave it out, or ask which file was meant") from None


def _error(reason: str, source: str, what_to_do: str) -> HandInError:
    return HandInError(reason, f"{source} is {REASONS[reason]}: {what_to_do}.")


#: How each kind of file that cannot be read is counted among the files not used.
_KINDS = {"folder": "foreign", "special": "foreign", "too large": "foreign"}


def _refused(shown: str, error: FileReadError) -> str:
    if error.kind == "folder":
        return f"{shown} is a folder, not a file: leave it out."
    if error.kind == "special":
        return f"{shown} is not an ordinary file: leave it out."
    if error.kind in ("too large", "loop"):
        return f"{shown}: {error.words}"
    return f"{shown} could not be read ({error.words.split('.')[0]}): ask for a new copy."


# ---------------------------------------------------------------- two copies of one work


def copy_age(copy) -> tuple:
    """How late a copy of one student's work is (a :class:`HandIn` or a Coding); larger is later.

    The one rule for duplicate hand-ins, used by the class overview and the
    agreement alike: the copy whose work file had seen more saves (its
    ``revision``, a counter no clock can spoil) is the later; between equal
    counts (old files have none), the one made or saved later; then the one
    with more codes.

    Example:
        >>> new = HandIn("A", "x", {"revision": 3}, made="2020-01-01T00:00:00+00:00")
        >>> ahead = HandIn("A", "x", {"revision": 2}, made="2999-01-01T00:00:00+00:00")
        >>> copy_age(new) > copy_age(ahead)
        True
    """
    if isinstance(copy, Coding):
        revision, stamp, coding = copy.revision, copy.updated, copy
    else:
        revision, stamp, coding = copy.revision, copy.made, copy.coding
    return (_number(revision), _moment(stamp), len(coding.codes) if coding else 0)


def latest_copy(copies: list) -> tuple:
    """The latest of several copies of one student's work by :func:`copy_age`, and the others.

    Of copies equally late, the first given is kept. Returns (latest, the others latest first).

    Example:
        >>> old = Coding.new("A").set_code("P1.1", "lead")
        >>> new = Coding.new("A").set_code("P1.1", "situation")
        >>> new.revision = 2
        >>> latest_copy([new, old])[0] is new, latest_copy([old, new])[0] is new
        (True, True)
    """
    ordered = sorted(copies, key=copy_age, reverse=True)
    return ordered[0], ordered[1:]


def _moment(stamp) -> datetime:
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def hand_in_file_bytes(path: str | Path, shown: str | None = None) -> bytes:
    """A handed-in file's bytes; a folder, a pipe, an unreadable or empty file raises HandInError.

    It never blocks: a named pipe (FIFO) is refused before it is opened.
    ``shown`` is how the file is named in the message (its name by default).

    Example:
        >>> import tempfile, pathlib
        >>> empty = pathlib.Path(tempfile.mkdtemp()) / "x.json"
        >>> _ = empty.write_bytes(b"")
        >>> try:
        ...     hand_in_file_bytes(empty)
        ... except HandInError as error:
        ...     error.reason
        'empty'
    """
    path = Path(path)
    shown = shown or path.name
    try:
        raw = read_regular(path, MAX_SAVE_BYTES, "hand-in file")
    except FileReadError as error:
        raise HandInError(_KINDS.get(error.kind, "damaged"), _refused(shown, error)) from None
    if not raw.strip():
        raise HandInError("empty", f"{shown} is an empty file: ask the student to hand in again.")
    return raw
