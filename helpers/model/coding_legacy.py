"""Coding files read as they are: any file's JSON, and the old ``coding-<name>.json`` folded in.

Before codings were saved in the student's work file (:mod:`helpers.model.coding_store`),
each coder's coding had a file of its own, ``work_dir()/coding-<name>.json``.
:func:`fold_old_coding` moves such a file, on the first load or save, into
the work file of its article: each of its codes goes in unless the work file
has a code of that segment already (that one was saved later). The old file
is kept beside as ``coding-<name>.json.moved``; a damaged one is copied aside
first (``.broken-<time>``) and its error says where; one saved by a newer
version is refused and left as it is.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from helpers.model.coding import Coding, ForeignCodingError, parse_coding, read_coding_data
from helpers.model.files import read_regular
from helpers.model.names import clean_name, old_key
from helpers.model.paths import PROJECT_DIR, work_dir
from helpers.model.storage import MAX_SAVE_BYTES, SaveFileError, backup_broken_file, file_lock
from helpers.model.tagset import TagSet
from helpers.model.work import StudentWork


class NotJSONError(SaveFileError):
    """Bytes that are not JSON text (damaged or cut short); ``kind`` names the decoding error."""

    def __init__(self, kind: str):
        super().__init__("not readable JSON (damaged or cut short)")
        self.kind = kind


def decode_json(raw: bytes):
    """The JSON value in a file's bytes (UTF-8, a byte-order mark allowed).

    Raises :class:`NotJSONError` for bytes that are not JSON text.

    Example:
        >>> decode_json(b'\\xef\\xbb\\xbf{"coder": "A"}')
        {'coder': 'A'}
    """
    try:
        return json.loads(bytes(raw).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotJSONError(type(error).__name__) from None


def old_coding_path(coder: str) -> Path:
    """Where older versions saved a coder's coding: ``work_dir()/coding-<name>.json``.

    Example:
        >>> old_coding_path("../Zhang San").name
        'coding-Zhang_San.json'
    """
    return work_dir() / f"coding-{old_key(coder)}.json"


def shown_path(path: Path) -> str:
    """A path as shown to a student: relative to the project folder where it is inside it.

    Example:
        >>> shown_path(PROJECT_DIR / "work" / "coding-A.json")
        'work/coding-A.json'
    """
    try:
        return Path(path).resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- reading any coding file


def read_coding_file(
    path: str | Path,
    table=None,
    article: str | None = None,
    backup: bool = True,
    tagset: TagSet | None = None,
) -> Coding:
    """Read and check a coding file; a damaged one is copied aside first (if ``backup``).

    The error of a damaged file names the copy (``error.backup``); the file itself
    is left as it is.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "coding-A.json"
        >>> _ = path.write_text('{"coder": "A", "codes": {}}', encoding="utf-8")
        >>> read_coding_file(path).coder
        'A'
    """
    path = Path(path)
    try:
        return parse_coding(
            decode_json(read_regular(path, MAX_SAVE_BYTES, "save file")),
            path.name,
            table,
            article,
            tagset,
        )
    except ForeignCodingError:
        raise
    except SaveFileError as error:
        reason = str(error)
        if isinstance(error, NotJSONError):
            reason = f"The save file cannot be read ({error.kind}: it is damaged or cut short)."
        if not backup:
            raise SaveFileError(reason) from None
        copy = backup_broken_file(path)
        failure = SaveFileError(
            f"{reason} A copy was kept as {shown_path(copy)}; nothing was overwritten. "
            "Restore your work from a downloaded copy, or start again."
        )
        failure.backup = copy
        raise failure from None


# ---------------------------------------------------------------- the old file


def fold_old_coding(coder: str) -> list[str]:
    """Fold the coder's old coding file into their work file; what happened, as sentences.

    Raises :class:`SaveFileError` (``error.backup`` the copy) for a damaged old
    file, which is copied aside and moved away, and
    :class:`~helpers.model.coding.ForeignCodingError` for a newer one (left as it is).

    Example:
        >>> import json, os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> old = {"coder": "Old", "codes": {"P1.1": "lead"}}
        >>> _ = old_coding_path("Old").write_text(json.dumps(old), encoding="utf-8")
        >>> fold_old_coding("Old")[0][:40]
        'Your coding saved in coding-Old.json (as'
        >>> StudentWork("Old").content()["coding"]["codes"]["P1.1"]["tag"]
        'lead'
    """
    try:
        path = old_coding_path(coder)
        if not path.exists():
            return []
    except OSError:
        return []  # no work folder: nothing to fold
    with file_lock(path):
        if not path.exists():
            return []  # another tab folded it meanwhile
        coding = _old_coding(path)
        work = StudentWork(clean_name(coder), coding.article)
        entries = {seg_id: code.as_dict() for seg_id, code in coding.codes.items()}
        work.save_codes(entries, list(coding.tagset), keep_saved=True)
        moved = _free_name(path.with_name(path.name + ".moved"))
        path.replace(moved)
    said = [
        f"Your coding saved in {path.name} (as older versions saved it) was moved into "
        f"{work.path.name}; the old file was kept as {moved.name}."
    ]
    if clean_name(coding.coder).casefold() != clean_name(coder).casefold():
        said.append(f"That file was saved under the name {coding.coder!r}.")
    return said + coding.messages + coding.warnings


def _old_coding(path: Path) -> Coding:
    """The old file's coding; a damaged file is copied aside and moved out of the way."""
    try:
        return read_coding_data(
            decode_json(read_regular(path, MAX_SAVE_BYTES, "save file")), path.name, None
        )
    except ForeignCodingError:
        raise
    except SaveFileError as error:
        copy = backup_broken_file(path)
        path.unlink()  # its bytes are all in the copy
        reason = str(error)
        if isinstance(error, NotJSONError):
            reason = f"{path.name} cannot be read ({error.kind}: it is damaged or cut short)."
        failure = SaveFileError(
            f"{reason} A copy was kept as {shown_path(copy)}. "
            "Restore your work from a downloaded copy, or start again."
        )
        failure.backup = copy
        raise failure from None


def _free_name(path: Path) -> Path:
    """``path``, or the same name with a time added if that is taken."""
    if not path.exists():
        return path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return path.with_name(f"{path.name}-{stamp}")
