"""Where codings are saved, and how: in the student's work file, one entry per code, never lost.

A coder's coding of an article is saved in their work file for that article
(:mod:`helpers.model.work`: ``work_dir()/work-<name>-<article>.json``, beside
their answers and notes), in its ``"coding"`` section: the tag set, and one
entry per segment (tag, confidence, note, when it was given, when saved, and
the file's ``revision`` at that save). It is saved under the work file's lock
and revision counter, as answers and notes are.

Safety rules:

- A save writes only the codes changed here since the coding was read or
  saved (a code that differs from :attr:`Coding.base`), each as one entry
  with the next revision, and then reads back every code the file holds.
  So a change made here is the newest, whatever the clocks say (a restored
  code stamped in the future never wins over a later change), and a tab
  never undoes what another tab (or a restore there) saved meanwhile.
- A damaged work file is copied aside first and never overwritten before
  that copy exists; a work file of a newer format or another article is refused.
- An old coding file (``coding-<name>.json``, as older versions saved it) is
  folded into the work file of its article on the first load or save, each
  of its codes unless the work file has one already; it is kept beside as
  ``coding-<name>.json.moved``. A damaged one is copied aside first.
- A restore from an uploaded file first copies the work file to
  ``work-<name>-<article>.before-restore-<time>.json``.

A coding still downloads as a coding file of its own (:func:`saved_bytes`,
``coding-<name>.json``), which a student may hand in alone.
"""

from __future__ import annotations

import json
from datetime import datetime

from helpers.model.coding import (
    FORMAT,
    VERSION,
    Code,
    Coding,
    ForeignCodingError,
    default_article,
    parse_coding,
)
from helpers.model.coding_export import TABLE_COLUMNS, coding_table, export_csv  # noqa: F401
from helpers.model.coding_legacy import (  # noqa: F401 (read from here too)
    NotJSONError,
    decode_json,
    fold_old_coding,
    old_coding_path,
    read_coding_file,
    shown_path,
)
from helpers.model.files import read_regular
from helpers.model.names import clean_name, coder_key, same_person
from helpers.model.storage import MAX_SAVE_BYTES, SaveError, SaveFileError
from helpers.model.tagset import TagSet
from helpers.model.work import StudentWork, WorkFileError, work_path


def coding_path(coder: str, article: str | None = None):
    """Where a coder's coding is saved: their work file for the article (the seed by default).

    Example:
        >>> coding_path("Zhang San").name
        'work-Zhang_San-000_de9b3e9f03d8f077.json'
    """
    return work_path(coder, article or default_article())


def coding_file_name(coder: str, suffix: str = ".json") -> str:
    """The name a coder's coding downloads (or exports) under, without looking for the folder.

    Example:
        >>> coding_file_name("Li Si"), coding_file_name("张三", ".csv")
        ('coding-Li_Si.json', 'coding-张三.csv')
    """
    return f"coding-{coder_key(coder)}{suffix}"


def code_entry(code: Code) -> dict:
    """A code as the work file's coding section holds it (before its save time and revision).

    Example:
        >>> code_entry(Code("lead", "high"))["confidence"]
        'high'
    """
    return code.as_dict()


def coding_data(work: dict) -> dict | None:
    """The coding of a work file's content as a coding file's content; None if it has none.

    Example:
        >>> coding_data({"student": "A", "article": "x", "answers": {}}) is None
        True
    """
    section = work.get("coding")
    if not isinstance(section, dict):
        return None
    entries = section.get("codes") if isinstance(section.get("codes"), dict) else {}
    codes = {
        seg_id: {key: entry.get(key) for key in ("tag", "confidence", "note", "updated")}
        if isinstance(entry, dict) else entry
        for seg_id, entry in entries.items()
    }  # fmt: skip
    return {
        "format": FORMAT,
        "version": VERSION,
        "coder": work.get("student"),
        "article": work.get("article") or default_article(),
        "tagset": list(section.get("tagset") or []),
        "updated": str(section.get("saved") or ""),
        "codes": codes,
    }


def saved_coding_data(coder: str, article: str | None = None) -> dict | None:
    """The coder's saved coding as a coding file's content; None if nothing (or no folder).

    Example:
        >>> saved_coding_data("Nobody Saved") is None
        True
    """
    try:
        fold_old_coding(coder)
        work = StudentWork(coder, article or default_article())
        data = (
            decode_json(read_regular(work.path, MAX_SAVE_BYTES, "save file"))
            if work.path.exists()
            else {}
        )
    except (OSError, SaveFileError, ValueError):  # no name, or a damaged file (copied when opened)
        return None
    return coding_data(data) if isinstance(data, dict) else None


def saved_bytes(coder: str, article: str | None = None) -> bytes | None:
    """The coder's saved coding as a coding file to download (with the work file's revision).

    None if nothing is saved (or there is no work folder).

    Example:
        >>> saved_bytes("Nobody Saved") is None
        True
    """
    data = saved_coding_data(coder, article)
    if data is None:
        return None
    try:
        data["revision"] = int(
            decode_json(read_regular(coding_path(coder, article), MAX_SAVE_BYTES, "save file"))[
                "revision"
            ]
        )
    except (OSError, SaveFileError, KeyError, TypeError, ValueError):
        pass  # a download without its count: read as an old one
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---------------------------------------------------------------- loading


def coding_of_work(data: dict, coder: str, table=None, article=None, tagset=None) -> Coding:
    """The coding of a work file's content (an empty one if it has none), its ``base`` set.

    Example:
        >>> coding_of_work({"student": "A", "article": "000_de9b3e9f03d8f077"}, "A").codes
        {}
    """
    article = article or default_article()
    content = coding_data(data)
    if content is None:
        coding = Coding.new(coder, article, tagset)
    else:
        coding = parse_coding(content, f"the coding in {data.get('student')}'s work", table,
                              article, tagset)  # fmt: skip
    coding.coder, coding.revision = clean_name(coder), int(data.get("revision", 0) or 0)
    coding.base = dict(coding.codes)
    return coding


def _work(coder: str, article: str | None) -> StudentWork:
    """The coder's work for the article; a work folder that cannot be made raises SaveError."""
    try:
        return StudentWork(coder, article or default_article())
    except OSError as error:  # the work folder cannot be made
        raise SaveError(
            f"Your work folder cannot be made ({error.strerror or error}: {error.filename}). "
            "Nothing was saved: download your coding now, then ask for a folder you can "
            "write to (set the environment variable LIAOYANG_WORK_DIR to it)."
        ) from None


def load_coding(
    path_or_coder, table=None, article: str | None = None, tagset: TagSet | None = None
) -> Coding:
    """Load a coding: from a file (a ``Path``) or a coder's work file (a name, as ``str``).

    A coder with nothing saved yet gets a new, empty coding; an old coding
    file is folded in first. A damaged file raises :class:`SaveFileError`
    (``error.backup`` the copy kept, the file left as it is); a work file of
    a newer format raises :class:`~helpers.model.coding.ForeignCodingError`.

    Example:
        >>> load_coding("Nobody Yet").codes
        {}
    """
    if not isinstance(path_or_coder, str):
        return read_coding_file(path_or_coder, table, article, tagset=tagset)
    coder = clean_name(path_or_coder)
    said = fold_old_coding(coder)
    work = StudentWork(coder, article or default_article())
    try:
        data = work.content()
    except WorkFileError as error:
        raise ForeignCodingError(f"{error} Nothing was changed.") from None
    coding = coding_of_work(data, coder, table, article, tagset)
    coding.messages = said + coding.messages
    return coding


# ---------------------------------------------------------------- saving


def save_coding(coding: Coding, table=None):
    """Save the codes changed here (each the newest entry), then read back all the file holds.

    A code that differs from ``coding.base`` (what was read or saved last) was
    changed here: it is saved as one entry with the next revision, so it wins
    over anything saved before, whatever its time. Codes saved meanwhile by
    another annotator (or restored) appear in the coding afterwards. Returns
    the work file's path.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> coding = Coding.new("Doctest Saver").set_code("P1.1", "lead")
        >>> save_coding(coding).name
        'work-Doctest_Saver-000_de9b3e9f03d8f077.json'
    """
    work = _work(coding.coder, coding.article)
    said = fold_old_coding(coding.coder)
    base = coding.base or {}
    changed = {seg: code_entry(code) for seg, code in coding.codes.items() if base.get(seg) != code}
    try:
        data = work.save_codes(changed, list(coding.tagset), known=coding.broken_backup)
    except WorkFileError as error:
        raise ForeignCodingError(f"{error} Nothing was saved.") from None
    if coding.broken_backup:
        coding.messages.append(f"The damaged file was kept as {shown_path(coding.broken_backup)}.")
    saved = coding_of_work(data, coding.coder, table, coding.article, coding.tagset)
    coding.codes, coding.base, coding.revision = saved.codes, saved.base, saved.revision
    coding.tagset = coding.tagset.with_own(saved.tagset)
    coding.updated, coding.broken_backup = saved.updated, None
    coding.messages += said
    return work.path


def _time_of(stamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return moment if moment.tzinfo else moment.astimezone()


def merge_codes(ours: dict[str, Code], theirs: dict[str, Code]) -> dict[str, Code]:
    """Merge two codes dictionaries: for each segment, the code updated last wins (ties: ours).

    Example:
        >>> old = {"P1.1": Code("lead", updated="2025-01-01T10:00:00+00:00")}
        >>> new = {"P1.1": Code("situation", updated="2025-01-02T10:00:00+00:00")}
        >>> merge_codes(old, new)["P1.1"].tag, merge_codes(new, old)["P1.1"].tag
        ('situation', 'situation')
    """
    merged = dict(theirs)
    for seg_id, code in ours.items():
        other = theirs.get(seg_id)
        if other is None or _time_of(code.updated) >= _time_of(other.updated):
            merged[seg_id] = code
    return merged


def keep_before_restore(path):
    """Copy a work file aside before a restore changes it: ``<stem>.before-restore-<time>.json``.

    Returns the copy, or None if there is no file yet.

    Example:
        >>> import pathlib, tempfile
        >>> keep_before_restore(pathlib.Path(tempfile.mkdtemp()) / "work-A-x.json") is None
        True
    """
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = path.with_name(f"{path.stem}.before-restore-{stamp}.json")
    copy.write_bytes(path.read_bytes())
    return copy


def restore_from_upload(
    content: bytes,
    coder: str,
    table=None,
    article: str | None = None,
    tagset: TagSet | None = None,
) -> tuple[Coding, str]:
    """Put an uploaded coding (checked first) in place of the coder's; return (coding, message).

    The work file is copied to ``.before-restore-<time>.json`` first; the
    upload's codes replace the coding there (answers and notes stay), each
    saved as the newest entry. The upload must be a coding of the same coder
    and article (version 1 or 2).

    Example:
        >>> import json, os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> upload = json.dumps({"coder": "Doctest Up", "codes": {"P1.1": "lead"}}).encode()
        >>> coding, message = restore_from_upload(upload, "Doctest Up")
        >>> coding.codes["P1.1"].tag, message.startswith("Restored 1 code")
        ('lead', True)
    """
    name = clean_name(coder)
    try:
        data = decode_json(content)
    except NotJSONError:
        raise SaveFileError(
            "The uploaded file is not a coding save file (not readable JSON text). "
            "Upload the .json file you downloaded from the annotator."
        ) from None
    if isinstance(data, dict) and isinstance(data.get("coding"), dict):
        data = coding_data(data)  # a work file: its coding
    coding = parse_coding(data, "The uploaded file", table, article, tagset)
    if not same_person(coding.coder, name):
        raise SaveFileError(
            f"The uploaded file is the coding of {coding.coder!r}, not of {name!r}. "
            f"Open the annotator as {coding.coder!r} to restore it."
        )
    fold_old_coding(name)
    work = _work(name, coding.article)
    message = f"Restored {len(coding.codes)} code(s) into {work.path.name}."
    copy = keep_before_restore(work.path)
    if copy is not None:
        message += f" Your previous file was kept as {shown_path(copy)}."
    entries = {seg_id: code_entry(code) for seg_id, code in coding.codes.items()}
    saved = work.save_codes(entries, list(coding.tagset), replace=True)
    restored = coding_of_work(saved, name, table, coding.article, coding.tagset)
    restored.warnings, restored.messages = coding.warnings, [message]
    return restored, message
