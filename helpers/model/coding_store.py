"""Where codings are saved, and how: one file per coder, merged, locked, never lost.

The coding is saved after every change, atomically, in one file per coder:
``work_dir()/coding-<safe name>.json`` (the format is in :mod:`helpers.model.coding`).

Safety rules:

- A damaged file (not JSON, cut short, wrong shape) is copied aside as
  ``coding-<name>.broken-<time>.json`` and never overwritten before that copy exists.
- A file of another article (or of a newer format) is refused, never overwritten.
- Every save re-reads the file and merges it with the coding in memory: for each
  segment the code with the later ``updated`` time wins. Two annotators open on
  the same coder (two browser tabs) so never lose each other's work; a lock
  file (:func:`helpers.model.storage.file_lock`) makes their saves take turns.
- Before the first save overwrites a version 1 file, it is copied to
  ``coding-<name>.v1-backup.json``; a file saved under another coder's name
  (copied over, say) to ``coding-<name>.other-coder.json``.
- A restore from an uploaded file first copies the current file to
  ``coding-<name>.before-restore-<time>.json``.

The CSV export (:func:`export_csv`) is written as ``utf-8-sig`` (UTF-8 with a
byte-order mark), so Excel on Windows opens the Chinese text correctly; pandas
and other tools read it too.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd

from helpers.model.coding import (
    Code,
    Coding,
    ForeignCodingError,
    clean_name,
    now_iso,
    parse_coding,
)
from helpers.model.files import FileReadError, read_regular
from helpers.model.paths import PROJECT_DIR, work_dir
from helpers.model.source import as_table
from helpers.model.storage import (
    MAX_SAVE_BYTES,
    SaveError,
    SaveFileError,
    atomic_write_text,
    backup_broken_file,
    file_lock,
    safe_file_name,
)
from helpers.model.tagset import TagSet


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


def coding_path(coder: str) -> Path:
    """Where a coder's coding is saved: ``work_dir()/coding-<safe name>.json``.

    Example:
        >>> coding_path("../Zhang San").name
        'coding-Zhang_San.json'
        >>> coding_path("张三").name
        'coding-张三.json'
    """
    return work_dir() / coding_file_name(coder)


def coding_file_name(coder: str, suffix: str = ".json") -> str:
    """The name of a coder's file, without looking for the work folder.

    Example:
        >>> coding_file_name("<b>Bold</b>"), coding_file_name("张三", ".csv")
        ('coding-b_Bold_b.json', 'coding-张三.csv')
    """
    return f"coding-{safe_file_name(clean_name(coder))}{suffix}"


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


def saved_bytes(coder: str) -> bytes | None:
    """The coder's save file as it is on disk; None if there is none (or no work folder).

    Example:
        >>> saved_bytes("Nobody Saved") is None
        True
    """
    try:
        path = coding_path(coder)
        return read_regular(path, MAX_SAVE_BYTES, "save file") if path.exists() else None
    except OSError:  # (a folder, a pipe or a file too large is no download either)
        return None


# ---------------------------------------------------------------- loading


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
        raw = read_regular(path, MAX_SAVE_BYTES, "save file")  # FileReadError: never blocks
        return parse_coding(decode_json(raw), path.name, table, article, tagset)
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


def load_coding(
    path_or_coder: str | Path,
    table=None,
    article: str | None = None,
    tagset: TagSet | None = None,
) -> Coding:
    """Load a coding: from a file (a ``Path``) or a coder's own file (a name, as ``str``).

    A coder with no file yet gets a new, empty coding. A damaged file raises
    :class:`SaveFileError` after a copy was kept (never overwritten); a file of
    another article raises :class:`~helpers.model.coding.ForeignCodingError`.

    Example:
        >>> load_coding("Nobody Yet").codes
        {}
    """
    if isinstance(path_or_coder, Path):
        return read_coding_file(path_or_coder, table, article, tagset=tagset)
    coder = clean_name(path_or_coder)
    path = coding_path(coder)
    if not path.exists():
        return Coding.new(coder, article, tagset)
    coding = read_coding_file(path, table, article, tagset=tagset)
    if coding.coder != coder:
        coding.messages.append(
            f"The file was saved under the name {coding.coder!r}; continuing as {coder!r}."
        )
        coding.coder = coder
    return coding


# ---------------------------------------------------------------- saving


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


def save_coding(coding: Coding, table=None) -> Path:
    """Save a coding to the coder's file, merged with what the file holds now.

    The coding in memory is updated with the merge (codes saved meanwhile by
    another annotator appear in it). A version-1 file is copied to
    ``.v1-backup.json`` first; a damaged file is copied aside first.
    Returns the path.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> coding = Coding.new("Doctest Saver").set_code("P1.1", "lead")
        >>> save_coding(coding).name
        'coding-Doctest_Saver.json'
    """
    try:
        path = coding_path(coding.coder)
    except OSError as error:  # the work folder cannot be made
        raise SaveError(
            f"Your work folder cannot be made ({error.strerror or error}: {error.filename}). "
            "Nothing was saved: download your coding now, then ask for a folder you can "
            "write to (set the environment variable LIAOYANG_WORK_DIR to it)."
        ) from None
    with file_lock(path):
        if path.exists():
            _merge_from_disk(coding, path, table)
        coding.updated = now_iso()
        atomic_write_text(path, coding.text())
    return path


def _merge_from_disk(coding: Coding, path: Path, table) -> None:
    try:
        raw = read_regular(path, MAX_SAVE_BYTES, "save file")
    except FileReadError as error:
        raise SaveError(
            f"{shown_path(path)} cannot be saved over: {error.words} Nothing was saved: "
            "download your coding now, and move that file aside."
        ) from None
    try:
        data = decode_json(raw)
        on_disk = parse_coding(data, path.name, table, coding.article, coding.tagset)
    except ForeignCodingError:
        raise
    except SaveFileError:
        kept = coding.broken_backup
        if not (kept and Path(kept).exists() and Path(kept).read_bytes() == raw):
            kept = backup_broken_file(path)
        coding.broken_backup = None
        coding.messages.append(f"The damaged file was kept as {shown_path(Path(kept))}.")
        return
    if "format" not in data:
        copy = _keep_copy(path, raw, ".v1-backup")
        coding.messages.append(f"The old (version 1) file was kept as {shown_path(copy)}.")
    elif on_disk.coder != coding.coder:
        copy = _keep_copy(path, raw, ".other-coder")
        coding.messages.append(
            f"The file was saved under the name {on_disk.coder!r}; "
            f"it was kept as {shown_path(copy)} before saving as {coding.coder!r}."
        )
    coding.codes = merge_codes(coding.codes, on_disk.codes)
    coding.tagset = coding.tagset.with_own(on_disk.tagset)


def _keep_copy(path: Path, raw: bytes, marker: str) -> Path:
    """Copy a file's bytes beside it as ``<stem><marker>.json`` (a time added if taken)."""
    copy = path.with_name(f"{path.stem}{marker}.json")
    if copy.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        copy = path.with_name(f"{path.stem}{marker}-{stamp}.json")
    copy.write_bytes(raw)
    return copy


def restore_from_upload(
    content: bytes,
    coder: str,
    table=None,
    article: str | None = None,
    tagset: TagSet | None = None,
) -> tuple[Coding, str]:
    """Replace a coder's file with an uploaded one (checked first); return (coding, message).

    The current file is copied to ``.before-restore-<time>.json`` first. The
    upload must be a coding of the same coder and article (version 1 or 2).

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
    coding = parse_coding(data, "The uploaded file", table, article, tagset)
    if safe_file_name(coding.coder).casefold() != safe_file_name(name).casefold():
        raise SaveFileError(
            f"The uploaded file is the coding of {coding.coder!r}, not of {name!r}. "
            f"Open the annotator as {coding.coder!r} to restore it."
        )
    coding.coder = name
    path = coding_path(name)
    message = f"Restored {len(coding.codes)} code(s) into {path.name}."
    if path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        copy = path.with_name(f"{path.stem}.before-restore-{stamp}.json")
        copy.write_bytes(path.read_bytes())
        message += f" Your previous file was kept as {shown_path(copy)}."
    atomic_write_text(path, coding.text())
    coding.messages.append(message)
    return coding, message


# ---------------------------------------------------------------- the coding as a table


#: The columns of :func:`coding_table` (and of the CSV export).
TABLE_COLUMNS = ["seg_id", "zh", "en", "tag", "confidence", "note", "coder"]


def coding_table(coding: Coding, table=None) -> pd.DataFrame:
    """The coding as a table: every segment (of any source) with its text and code.

    Segments not coded have empty codes; codes of segments the table does not
    have come last, with empty text.

    Example:
        >>> rows = coding_table(Coding.new("A").set_code("P1.1", "lead"))
        >>> rows.loc[0, ["seg_id", "tag", "coder"]].tolist(), len(rows)
        (['P1.1', 'lead', 'A'], 19)
    """
    table = as_table(table)
    extra = [seg for seg in coding.codes if seg not in set(table["seg_id"])]
    texts = list(zip(table["seg_id"], table["zh"], table["en"], strict=True))
    texts += [(seg, "", "") for seg in extra]
    rows = []
    for seg_id, zh, en in texts:
        code = coding.codes.get(seg_id) or Code("", "", "")
        rows.append([seg_id, zh, en, code.tag, code.confidence, code.note, coding.coder])
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def export_csv(coding: Coding, path: str | Path | None = None, table=None) -> Path:
    """Write the coding table as CSV (utf-8-sig, for Excel); default ``coding-<name>.csv``.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> path = export_csv(Coding.new("Doctest Csv").set_code("P1.1", "lead"))
        >>> path.name, path.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
        ('coding-Doctest_Csv.csv', True)
    """
    path = Path(path) if path is not None else coding_path(coding.coder).with_suffix(".csv")
    text = coding_table(coding, table).to_csv(index=False, lineterminator="\n")
    atomic_write_text(path, "\ufeff" + text)
    return path
