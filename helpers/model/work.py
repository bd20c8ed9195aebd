"""A student's work: the name they gave once, and their answers and notes, saved as given.

Two kinds of file live in the work folder (:func:`helpers.model.paths.work_dir`):

- ``student.json`` holds the name a student gave (notebook 00 asks once), so
  later notebooks, a reload and a restarted kernel know who is working;
- ``work-<name>-<article>.json`` holds one student's work on one article:
  every answer (the value given, whether it was right, the feedback shown),
  every note, each under its id, and the coding (``"coding"``: the tag set and
  one entry per segment coded, :mod:`helpers.model.coding_store`).

Every save changes one entry (or the codes given) and nothing else, under the file's lock: it reads
the file as it is on disk, puts the one entry in, and writes the whole file
atomically. Two tabs or two kernels saving the same student's work take turns
and neither undoes the other; a crash mid-save leaves the previous save whole.
Which save is newer is decided by the order of saving (a counter in the file,
``revision``), never by a clock, so a computer whose clock is wrong loses
nothing.

Example:
    >>> import tempfile, os
    >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
    >>> work = StudentWork("Zhang San")
    >>> work.save_answer("q01_slogan", "steady progress", correct=True, feedback="Right.")["value"]
    'steady progress'
    >>> StudentWork("Zhang San").answer("q01_slogan")["correct"]
    True
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers.model.coding import now_iso
from helpers.model.names import clean_name, coder_key, old_key
from helpers.model.paths import SEED_NAME, work_dir
from helpers.model.storage import (
    SaveFileError,
    atomic_write_text,
    backup_broken_file,
    file_lock,
    read_json_file,
    safe_file_name,
)

#: The version of the work file's format; a newer file is refused with a message.
FORMAT_VERSION = 1
#: What a work file says it is (a file without it is not a work file).
FORMAT_NAME = "liaoyang-1954-work"
#: The file, in the work folder, that remembers the student's name.
STUDENT_FILE = "student.json"
#: Whose work it is before a name is given (moved to the name when one is given).
PLACEHOLDER = "no-name-yet"


class WorkFileError(ValueError):
    """A work file that cannot be used (damaged, newer, another student's); says what to do."""


def student_name() -> str | None:
    """The name the student gave, or None if no name was given yet in this work folder.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> student_name() is None
        True
    """
    path = work_dir() / STUDENT_FILE
    if not path.exists():
        return None
    try:
        name = clean_name(read_json_file(path).get("name"))
    except SaveFileError:
        return None  # a damaged name file was copied aside: the student is asked again
    return name or None


def set_student_name(name) -> str:
    """Remember the student's name in the work folder; returns the name as kept.

    A name with nothing in it raises ValueError with a sentence saying what to do.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> set_student_name("  Li  Si ")
        'Li Si'
        >>> student_name()
        'Li Si'
    """
    cleaned = clean_name(name)
    if not cleaned or cleaned == PLACEHOLDER:
        raise ValueError("Type your name (or a nickname your instructor will know), then save.")
    path = work_dir() / STUDENT_FILE
    with file_lock(path):
        atomic_write_text(path, json.dumps({"name": cleaned, "saved": now_iso()}, indent=1))
    move_placeholder_work(cleaned)
    return cleaned


def work_path(student: str, article_id: str | None = None) -> Path:
    """Where one student's work on one article is saved.

    Example:
        >>> work_path("Zhang San").name
        'work-Zhang_San-000_de9b3e9f03d8f077.json'
    """
    return work_dir() / work_file_name(coder_key(student), article_id)


def work_file_name(key: str, article_id: str | None = None) -> str:
    """The work file's name for a file key (:func:`helpers.model.names.coder_key`).

    Example:
        >>> work_file_name("Li_Si", "a1")
        'work-Li_Si-a1.json'
    """
    article = safe_file_name(article_id or Path(SEED_NAME).stem, default="article")
    return f"work-{key}-{article}.json"


def plain(value):
    """A value as JSON can hold it: tuples and sets as lists, numpy numbers as Python numbers.

    Example:
        >>> plain(("a", 2)), plain({"x": {1, 2}})
        (['a', 2], {'x': [1, 2]})
    """
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(plain(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if hasattr(value, "item") and callable(value.item):  # numpy and pandas scalars
        return value.item()
    return value


class StudentWork:
    """One student's work on one article, read from and saved to its work file.

    Every read goes to the file, so two tabs or kernels always see each
    other's saves; :meth:`save_answer` and :meth:`save_note` save at once.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> work = StudentWork("Wang Wu")
        >>> _ = work.save_note("07_plan", "Start from P3.4.")
        >>> work.note("07_plan")
        'Start from P3.4.'
    """

    def __init__(self, student: str, article_id: str | None = None):
        self.student = clean_name(student)
        if not self.student:
            raise ValueError("Give your name first (notebook 00 asks for it), then try again.")
        self.article_id = article_id or Path(SEED_NAME).stem
        self.path = work_path(self.student, self.article_id)
        self._adopt_old_file()

    def _adopt_old_file(self) -> None:
        """Take over this student's file saved under an older key (never another's file)."""
        old = self.path.with_name(work_file_name(old_key(self.student), self.article_id))
        if old == self.path or self.path.exists() or not old.exists():
            return
        with file_lock(old):
            try:
                owner = clean_name(json.loads(old.read_text(encoding="utf-8-sig"))["student"])
            except (OSError, ValueError, KeyError, TypeError):
                return  # unreadable: left where it is
            if owner in (self.student, self.student[:80].rstrip()) and not self.path.exists():
                old.replace(self.path)

    def __repr__(self) -> str:
        return f"StudentWork({self.student!r}, {self.article_id!r})"

    # ------------------------------------------------------------ reading

    def content(self) -> dict:
        """The whole work file as data (an empty work if nothing was saved yet)."""
        if not self.path.exists():
            return self._empty()
        data = read_json_file(self.path)
        self._check(data)
        data.setdefault("answers", {})
        data.setdefault("notes", {})
        return data

    def answers(self) -> dict[str, dict]:
        """Every saved answer, by question id: value, correct, feedback, saved, revision."""
        return self.content()["answers"]

    def answer(self, question_id: str) -> dict | None:
        """The last answer saved for one question, or None."""
        return self.answers().get(question_id)

    def notes(self) -> dict[str, dict]:
        """Every saved note, by its id: text, saved, revision."""
        return self.content()["notes"]

    def note(self, key: str) -> str:
        """The text of one note ("" if none was saved)."""
        entry = self.notes().get(key)
        return entry["text"] if entry else ""

    # ------------------------------------------------------------ saving

    def save_answer(
        self,
        question_id: str,
        value,
        *,
        correct: bool | None = None,
        feedback: str = "",
        details: dict | None = None,
    ) -> dict:
        """Save one answer as given (and the feedback it got); returns the saved entry.

        ``details`` (plain data, e.g. the feedback's parts) is kept in the entry too.
        """
        entry = {**plain(details or {}), "value": plain(value), "correct": correct}
        entry["feedback"] = str(feedback)
        return self._save("answers", str(question_id), entry)

    def save_note(self, key: str, text: str) -> dict:
        """Save one note (open text: a plan, a rendering, a comment); returns the saved entry."""
        return self._save("notes", str(key), {"text": str(text)})

    def restore_entry(self, section: str, key: str, entry: dict) -> dict:
        """Save one entry taken from other work (``section`` is "answers" or "notes")."""
        kept = {name: value for name, value in entry.items() if name not in ("saved", "revision")}
        return self._save(section, str(key), kept)

    def save_codes(self, codes: dict, tags=(), *, replace=False, keep_saved=False, known=None):
        """Save codes (segment -> entry) in the coding section, one revision each; the file's data.

        ``tags`` join the section's tag set; ``replace`` drops the codes saved
        before; ``keep_saved`` keeps a code already saved (for old files folded
        in); ``known`` is a copy already kept of a damaged file (not copied again).
        """
        with file_lock(self.path):
            data = self._readable_or_fresh(known)
            put_codes(data, codes, tags, replace=replace, keep_saved=keep_saved)
            atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))
        return data

    def _save(self, section: str, key: str, entry: dict) -> dict:
        with file_lock(self.path):
            data = self._readable_or_fresh()
            data["revision"] = int(data.get("revision", 0)) + 1
            entry = {**entry, "saved": now_iso(), "revision": data["revision"]}
            data[section][key] = entry
            atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))
        return entry

    def _readable_or_fresh(self, known: str | None = None) -> dict:
        """The file's data; a damaged file is copied aside (once) and a fresh work started."""
        try:
            if known and Path(known).read_bytes() == self.path.read_bytes():
                return self._empty()  # the damaged file was copied aside when it was read
        except OSError:
            pass
        try:
            return self.content()
        except SaveFileError:
            return self._empty()  # read_json_file kept a copy of the damaged file

    # ------------------------------------------------------------ the format

    def _empty(self) -> dict:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "student": self.student,
            "article": self.article_id,
            "revision": 0,
            "answers": {},
            "notes": {},
        }

    def _check(self, data: dict) -> None:
        if data.get("format") != FORMAT_NAME:
            backup = backup_broken_file(self.path)
            failure = SaveFileError(
                f"{self.path.name} is not a work file of this collection; a copy was kept as "
                f"{backup.name}. Nothing was overwritten."
            )
            failure.backup = backup
            raise failure
        if int(data.get("version", 0)) > FORMAT_VERSION:
            raise WorkFileError(
                f"{self.path.name} was saved by a newer version of the collection. "
                "Update the collection (or open it where it was saved)."
            )
        if data.get("article") not in (None, self.article_id):
            raise WorkFileError(
                f"{self.path.name} holds work on another article ({data.get('article')})."
            )


def put_codes(data: dict, codes: dict, tags=(), *, replace=False, keep_saved=False) -> dict:
    """Put codes (segment -> entry) in a work file's content, each with the next revision.

    See :meth:`StudentWork.save_codes` for the options. Returns ``data``.

    Example:
        >>> data = put_codes({"revision": 4}, {"P1.1": {"tag": "lead"}}, ["lead"])
        >>> data["revision"], data["coding"]["codes"]["P1.1"]["revision"]
        (5, 5)
    """
    section = data.setdefault("coding", {"tagset": [], "codes": {}})
    saved = {} if replace else dict(section.get("codes") or {})
    revision = int(data.get("revision", 0) or 0)
    for seg_id, entry in codes.items():
        if keep_saved and seg_id in saved:
            continue
        revision += 1
        saved[str(seg_id)] = {**entry, "saved": now_iso(), "revision": revision}
    tagset = list(section.get("tagset") or [])
    section["tagset"] = tagset + [tag for tag in tags if tag not in tagset]
    section["codes"], section["saved"], data["revision"] = saved, now_iso(), revision
    return data


def current_work(article_id: str | None = None) -> StudentWork:
    """The work of the student named in the work folder, or of :data:`PLACEHOLDER` before a name.

    Why a placeholder and not a refusal: a student who answers before giving a
    name (a notebook opened out of order, a reload) must not lose the answer.
    The work is saved under the placeholder and :func:`set_student_name` moves
    it to the name when one is given.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> current_work().student
        'no-name-yet'
        >>> _ = set_student_name("Zhao Liu")
        >>> current_work().student
        'Zhao Liu'
    """
    return StudentWork(student_name() or PLACEHOLDER, article_id)


def move_placeholder_work(name: str) -> list[Path]:
    """Move the work saved before a name was given into ``name``'s work; returns the files merged.

    Every answer, note and code of the placeholder's files goes into the named work
    unless the named work already has that entry (it was saved under the
    name, so it is the student's own later word). The placeholder's file is
    kept beside as ``*.moved`` (nothing is deleted).

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> _ = StudentWork(PLACEHOLDER).save_note("07_plan", "Claim: ...")
        >>> _ = set_student_name("Qian Qi")
        >>> StudentWork("Qian Qi").note("07_plan")
        'Claim: ...'
    """
    moved = []
    prefix = f"work-{safe_file_name(PLACEHOLDER)}-"
    for path in sorted(work_dir().glob(f"{prefix}*.json")):
        article = path.stem[len(prefix) :]
        source = StudentWork(PLACEHOLDER, article)
        try:
            old = source.content()
        except (SaveFileError, WorkFileError):
            continue  # a damaged placeholder file was copied aside; nothing to move
        target = StudentWork(name, old.get("article") or article)
        have = target.content()
        for section, save in (("answers", target.restore_entry), ("notes", target.restore_entry)):
            for key, entry in old.get(section, {}).items():
                if key not in have[section]:
                    save(section, key, entry)
        coding = old.get("coding") or {}
        if coding.get("codes"):  # codes saved before the name: the named work's own come first
            kept = {seg: {k: v for k, v in entry.items() if k not in ("saved", "revision")}
                    for seg, entry in coding["codes"].items()}  # fmt: skip
            target.save_codes(kept, coding.get("tagset") or [], keep_saved=True)
        path.replace(path.with_suffix(".json.moved"))
        moved.append(path)
    return moved
