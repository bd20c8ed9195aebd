"""Coding the article: each student tags every segment with a move (or a tag of their own).

The coding is saved after every change, atomically, in one file per coder:
``work_dir()/coding-<safe name>.json``.

Save-file format, version 2 (JSON, UTF-8, written with ``atomic_write_text``)::

    {
      "format": "liaoyang-coding",
      "version": 2,
      "coder": "Zhang San",                  # the display name, as typed
      "article": "000_de9b3e9f03d8f077",      # the article's source file stem
      "tagset": ["lead", ..., "my own tag"],  # the moves, then the coder's own tags
      "updated": "2025-03-01T10:42:07.123456+08:00",
      "codes": {
        "P2.3": {"tag": "deviation-1", "confidence": "high",
                 "note": "why", "updated": "2025-03-01T10:41:55.000001+08:00"}
      }
    }

Version 1, the older simpler format, is ``{"coder": "...", "codes": {"P2.3": "deviation-1"}}``
(no "format" key, no article, a bare tag per segment). It is read and migrated
to version 2 on load (confidence "medium", an empty note); before the first
save overwrites it, the version 1 file is copied to ``coding-<name>.v1-backup.json``.

Safety rules:

- A damaged file (not JSON, cut short, wrong shape) is copied aside as
  ``coding-<name>.broken-<time>.json`` and never overwritten before that copy exists.
- A file of another article (or of a newer format) is refused, never overwritten.
- Unknown segment ids and tags are kept, and listed in the coding's ``"warnings"``.
- Every save re-reads the file and merges it with the coding in memory: for each
  segment the code with the later ``updated`` time wins. Two annotators open on
  the same coder (two browser tabs) so never lose each other's work; a lock
  file (:func:`helpers.model.storage.file_lock`) makes their saves take turns.
- A file saved under another coder's name (copied over, say) is copied to
  ``coding-<name>.other-coder.json`` before the first save overwrites it.
- A work folder that cannot be written (read-only, missing and impossible to
  make) never costs work: the annotator says so after every change and offers
  the coding in memory as a download.
- A note can have at most 10,000 characters; a longer one is not saved (and
  stays in the box) until it is shortened.
- A restore from an uploaded file first copies the current file to
  ``coding-<name>.before-restore-<time>.json``.

The coding in memory is the file's dictionary plus two lists that are never
saved: ``"warnings"`` (problems found on load) and ``"messages"`` (what
happened: a migration, a backup).

CSV export is written as ``utf-8-sig`` (UTF-8 with a byte-order mark), so
Excel on Windows opens the Chinese text correctly; pandas and other tools
read it too.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.model.paths import PROJECT_DIR, SEED_NAME, work_dir
from helpers.model.source import article_id_of, as_table
from helpers.model.storage import (
    SaveError,
    SaveFileError,
    atomic_write_text,
    backup_broken_file,
    file_lock,
    safe_file_name,
)
from helpers.model.tables import moves, segments
from helpers.render.html import (
    escape,
    message_html,
    move_badge_html,
    move_label,
    table_html,
    zh_html,
)
from helpers.views.tool import StaticFormBox, error_box, html_pane, set_html

FORMAT = "liaoyang-coding"
VERSION = 2
CONFIDENCES = ("low", "medium", "high")
#: The keys a save file holds (the coding in memory has "warnings" and "messages" too).
FILE_KEYS = ("format", "version", "coder", "article", "tagset", "updated", "codes")
TABLE_COLUMNS = ["seg_id", "zh", "en", "tag", "confidence", "note", "coder"]
MAX_TAG_LENGTH = 80
MAX_NAME_LENGTH = 80
MAX_NOTE_LENGTH = 10_000


class ForeignCodingError(SaveFileError):
    """A readable save file that must not be used here: another article, or a newer format."""


# ---------------------------------------------------------------- the coding as data


def default_article() -> str:
    """The article id of the seed article: its source file's stem.

    Example:
        >>> default_article()
        '000_de9b3e9f03d8f077'
    """
    return Path(SEED_NAME).stem


def now_iso() -> str:
    """The time now, local, with time zone and microseconds, as ISO text.

    Example:
        >>> datetime.fromisoformat(now_iso()).tzinfo is not None
        True
    """
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def clean_name(coder) -> str:
    """The coder's display name: white space trimmed, at most 80 characters.

    Example:
        >>> clean_name("  Zhang San ")
        'Zhang San'
    """
    return " ".join(str(coder or "").split())[:MAX_NAME_LENGTH]


def coding_path(coder: str) -> Path:
    """Where a coder's coding is saved: ``work_dir()/coding-<safe name>.json``.

    Example:
        >>> coding_path("../Zhang San").name
        'coding-Zhang_San.json'
        >>> coding_path("张三").name
        'coding-张三.json'
    """
    return work_dir() / f"coding-{safe_file_name(clean_name(coder))}.json"


def move_tags() -> list[str]:
    """The moves, as tags, in the article's order.

    Example:
        >>> move_tags()[:2]
        ['lead', 'situation']
    """
    return list(moves()["move"])


def new_coding(coder: str, article: str | None = None) -> dict:
    """An empty coding for a coder: no codes yet, the moves as the tag set.

    Example:
        >>> coding = new_coding("Zhang San")
        >>> coding["coder"], coding["codes"], coding["tagset"][0]
        ('Zhang San', {}, 'lead')
    """
    name = clean_name(coder)
    if not name:
        raise ValueError("A coder name is needed: type your name, e.g. annotator('Zhang San').")
    return {
        "format": FORMAT,
        "version": VERSION,
        "coder": name,
        "article": article or default_article(),
        "tagset": move_tags(),
        "updated": now_iso(),
        "codes": {},
        "warnings": [],
        "messages": [],
    }


def file_content(coding: dict) -> dict:
    """The part of a coding that is saved (no warnings, no messages).

    Example:
        >>> sorted(file_content(new_coding("A"))) == sorted(FILE_KEYS)
        True
    """
    return {key: coding[key] for key in FILE_KEYS}


def clean_tag(tag) -> str:
    """A tag as stored: white space trimmed; empty or too long raises ValueError.

    Example:
        >>> clean_tag("  land reform ")
        'land reform'
    """
    text = str(tag or "").strip()
    if not text:
        raise ValueError("Choose a tag (or type one) first.")
    if len(text) > MAX_TAG_LENGTH:
        raise ValueError(f"A tag can have at most {MAX_TAG_LENGTH} characters.")
    return text


def add_tag(coding: dict, tag: str) -> str:
    """Add a tag of the coder's own to the tag set; return the tag as stored.

    A tag that is a move's name or label (in any case) is that move.

    Example:
        >>> coding = new_coding("A")
        >>> add_tag(coding, "Land"), add_tag(coding, "LEAD"), coding["tagset"][-1]
        ('Land', 'lead', 'Land')
    """
    text = clean_tag(tag)
    for move, label in zip(moves()["move"], moves()["label"], strict=True):
        if text.casefold() in (move.casefold(), label.casefold()):
            return move
    if text not in coding["tagset"]:
        coding["tagset"].append(text)
    return text


def set_code(
    coding: dict, seg_id: str, tag: str, confidence: str = "medium", note: str = ""
) -> dict:
    """Code one segment (in memory; :func:`save_coding` saves). Returns the coding.

    A new tag joins the coder's tag set.

    Example:
        >>> coding = set_code(new_coding("A"), "P2.3", "deviation-1", "high", "rushing")
        >>> coding["codes"]["P2.3"]["tag"], coding["codes"]["P2.3"]["confidence"]
        ('deviation-1', 'high')
    """
    if confidence not in CONFIDENCES:
        raise ValueError(f"Confidence must be one of {', '.join(CONFIDENCES)}.")
    note = str(note or "")
    if len(note) > MAX_NOTE_LENGTH:
        raise ValueError(
            f"A note can have at most {MAX_NOTE_LENGTH:,} characters; yours has {len(note):,}. "
            "Shorten it (your text is still in the box) and the segment is saved."
        )
    tag = add_tag(coding, tag)
    coding["codes"][str(seg_id)] = {
        "tag": tag,
        "confidence": confidence,
        "note": note,
        "updated": now_iso(),
    }
    return coding


def progress(coding: dict, table: pd.DataFrame | None = None) -> tuple[int, int]:
    """How many of the table's segments are coded: (done, total).

    Example:
        >>> progress(set_code(new_coding("A"), "P1.1", "lead"))
        (1, 19)
    """
    table = segments() if table is None else table
    seg_ids = list(table["seg_id"])
    return sum(seg in coding["codes"] for seg in seg_ids), len(seg_ids)


# ---------------------------------------------------------------- reading and checking


def parse_coding(
    data, source: str = "the file", table: pd.DataFrame | None = None, article: str | None = None
) -> dict:
    """Check a save file's content (version 1 or 2) and return it as a version-2 coding.

    Raises :class:`SaveFileError` for a wrong shape and :class:`ForeignCodingError`
    for another article or a newer format. Unknown segments and tags are kept
    and listed in ``"warnings"``.

    Example:
        >>> coding = parse_coding({"coder": "A", "codes": {"P1.1": "lead"}})
        >>> coding["version"], coding["codes"]["P1.1"]["tag"], coding["messages"][0][:8]
        (2, 'lead', 'Migrated')
    """
    article = article or default_article()
    if not isinstance(data, dict):
        raise SaveFileError(f"{source} is not a coding save file (no JSON object in it).")
    if data.get("format", FORMAT) != FORMAT:
        raise SaveFileError(f"{source} is not a coding save file (format {data['format']!r}).")
    version = data.get("version", 1 if "format" not in data else None)
    if version == 1 or (version is None and "format" not in data):
        coding, messages = (
            _from_version_1(data, source, article),
            [f"Migrated {source} from the old format (version 1) to version 2."],
        )
    elif version == VERSION:
        coding, messages = _from_version_2(data, source), []
    elif isinstance(version, int) and version > VERSION:
        raise ForeignCodingError(
            f"{source} was saved by a newer version of the collection (format version "
            f"{version}). Update the notebooks to open it; nothing was changed."
        )
    else:
        raise SaveFileError(f"{source} has an unknown format version {version!r}.")
    if coding["article"] != article:
        raise ForeignCodingError(
            f"{source} is a coding of the article {coding['article']!r}, not of {article!r}. "
            "Open it with that article, or use another coder name; nothing was changed."
        )
    coding["messages"] = messages
    coding["warnings"] = _warnings(coding, segments() if table is None else table)
    return coding


def _from_version_1(data: dict, source: str, article: str) -> dict:
    codes = data.get("codes", {})
    if not isinstance(codes, dict) or not all(
        isinstance(tag, str) and tag.strip() for tag in codes.values()
    ):
        raise SaveFileError(f"{source}: its codes are not a list of segment ids and tags.")
    coding = new_coding(_coder_of(data, source), article)
    stamp = coding["updated"]
    for seg_id, tag in codes.items():
        coding["codes"][str(seg_id)] = {
            "tag": tag.strip(),
            "confidence": "medium",
            "note": "",
            "updated": stamp,
        }
    return coding


def _from_version_2(data: dict, source: str) -> dict:
    codes, tagset = data.get("codes"), data.get("tagset", [])
    if not isinstance(codes, dict) or not isinstance(tagset, list):
        raise SaveFileError(f"{source}: 'codes' must be an object and 'tagset' a list.")
    if not isinstance(data.get("article"), str) or not data["article"]:
        raise SaveFileError(f"{source}: the article id is missing.")
    coding = new_coding(_coder_of(data, source), data["article"])
    coding["tagset"] = _union(move_tags(), [str(tag) for tag in tagset])
    coding["updated"] = str(data.get("updated") or coding["updated"])
    for seg_id, code in codes.items():
        if not (isinstance(code, dict) and isinstance(code.get("tag"), str) and code["tag"]):
            raise SaveFileError(f"{source}: the code of {seg_id!r} has no tag.")
        confidence = code.get("confidence", "medium")
        coding["codes"][str(seg_id)] = {
            "tag": code["tag"],
            "confidence": confidence if confidence in CONFIDENCES else "medium",
            "note": str(code.get("note") or ""),
            "updated": str(code.get("updated") or ""),
        }
    return coding


def _coder_of(data: dict, source: str) -> str:
    name = clean_name(data.get("coder"))
    if not name:
        raise SaveFileError(f"{source}: the coder's name is missing.")
    return name


def _warnings(coding: dict, table: pd.DataFrame) -> list[str]:
    known_segments = set(table["seg_id"])
    known_tags = set(coding["tagset"])
    unknown_segments = [seg for seg in coding["codes"] if seg not in known_segments]
    unknown_tags = sorted(
        {code["tag"] for code in coding["codes"].values()} - known_tags, key=str.casefold
    )
    warnings = []
    if unknown_segments:
        warnings.append(
            "Codes for segments this article does not have were kept: "
            + ", ".join(unknown_segments)
        )
    if unknown_tags:
        warnings.append("Tags outside the tag set were kept: " + ", ".join(unknown_tags))
    return warnings


def _union(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def read_coding_file(
    path: str | Path,
    table: pd.DataFrame | None = None,
    article: str | None = None,
    backup: bool = True,
) -> dict:
    """Read and check a coding file; a damaged one is copied aside first (if ``backup``).

    The error of a damaged file names the copy (``error.backup``); the file itself
    is left as it is.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "coding-A.json"
        >>> _ = path.write_text('{"coder": "A", "codes": {}}', encoding="utf-8")
        >>> read_coding_file(path)["coder"]
        'A'
    """
    path = Path(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
        return parse_coding(data, path.name, table, article)
    except ForeignCodingError:
        raise
    except (UnicodeDecodeError, json.JSONDecodeError, SaveFileError) as error:
        reason = str(error) if isinstance(error, SaveFileError) else _damage(error)
        if not backup:
            raise SaveFileError(reason) from None
        copy = backup_broken_file(path)
        failure = SaveFileError(
            f"{reason} A copy was kept as {shown_path(copy)}; nothing was overwritten. "
            "Restore your work from a downloaded copy, or start again."
        )
        failure.backup = copy
        raise failure from None


def _damage(error: Exception) -> str:
    return f"The save file cannot be read ({type(error).__name__}: it is damaged or cut short)."


def load_coding(
    path_or_coder: str | Path, table: pd.DataFrame | None = None, article: str | None = None
) -> dict:
    """Load a coding: from a file (a ``Path``) or a coder's own file (a name, as ``str``).

    A coder with no file yet gets a new, empty coding. A damaged file raises
    :class:`SaveFileError` after a copy was kept (never overwritten); a file of
    another article raises :class:`ForeignCodingError`.

    Example:
        >>> load_coding("Nobody Yet")["codes"]
        {}
    """
    if isinstance(path_or_coder, Path):
        return read_coding_file(path_or_coder, table, article)
    coder = clean_name(path_or_coder)
    path = coding_path(coder)
    if not path.exists():
        return new_coding(coder, article)
    coding = read_coding_file(path, table, article)
    if coding["coder"] != coder:
        coding["messages"].append(
            f"The file was saved under the name {coding['coder']!r}; continuing as {coder!r}."
        )
        coding["coder"] = coder
    return coding


# ---------------------------------------------------------------- saving


def _time_of(stamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return moment if moment.tzinfo else moment.astimezone()


def merge_codes(ours: dict, theirs: dict) -> dict:
    """Merge two codes dictionaries: for each segment, the code updated last wins (ties: ours).

    Example:
        >>> old = {"P1.1": {"tag": "lead", "updated": "2025-01-01T10:00:00+00:00"}}
        >>> new = {"P1.1": {"tag": "situation", "updated": "2025-01-02T10:00:00+00:00"}}
        >>> merge_codes(old, new)["P1.1"]["tag"], merge_codes(new, old)["P1.1"]["tag"]
        ('situation', 'situation')
    """
    merged = dict(theirs)
    for seg_id, code in ours.items():
        other = theirs.get(seg_id)
        if other is None or _time_of(code["updated"]) >= _time_of(other["updated"]):
            merged[seg_id] = code
    return merged


def save_coding(coding: dict, table: pd.DataFrame | None = None) -> Path:
    """Save a coding to the coder's file, merged with what the file holds now.

    The coding in memory is updated with the merge (codes saved meanwhile by
    another annotator appear in it). A version-1 file is copied to
    ``.v1-backup.json`` first; a damaged file is copied aside first.
    Returns the path.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> coding = set_code(new_coding("Doctest Saver"), "P1.1", "lead")
        >>> save_coding(coding).name
        'coding-Doctest_Saver.json'
    """
    try:
        path = coding_path(coding["coder"])
    except OSError as error:  # the work folder cannot be made
        raise SaveError(
            f"Your work folder cannot be made ({error.strerror or error}: {error.filename}). "
            "Nothing was saved: download your coding now, then ask for a folder you can "
            "write to (set the environment variable LIAOYANG_WORK_DIR to it)."
        ) from None
    with file_lock(path):
        if path.exists():
            _merge_from_disk(coding, path, table)
        coding["updated"] = now_iso()
        text = json.dumps(file_content(coding), ensure_ascii=False, indent=1)
        atomic_write_text(path, text + "\n")
    return path


def _merge_from_disk(coding: dict, path: Path, table: pd.DataFrame | None) -> None:
    raw = path.read_bytes()
    try:
        on_disk = parse_coding(
            json.loads(raw.decode("utf-8-sig")), path.name, table, coding["article"]
        )
    except ForeignCodingError:
        raise
    except (UnicodeDecodeError, json.JSONDecodeError, SaveFileError):
        kept = coding.get("broken_backup")
        if not (kept and Path(kept).exists() and Path(kept).read_bytes() == raw):
            kept = backup_broken_file(path)
        coding["broken_backup"] = None
        coding["messages"].append(f"The damaged file was kept as {shown_path(Path(kept))}.")
        return
    if "format" not in json.loads(raw.decode("utf-8-sig")):
        copy = _free_name(path.with_name(f"{path.stem}.v1-backup.json"))
        copy.write_bytes(raw)
        coding["messages"].append(f"The old (version 1) file was kept as {shown_path(copy)}.")
    elif on_disk["coder"] != coding["coder"]:
        copy = _free_name(path.with_name(f"{path.stem}.other-coder.json"))
        copy.write_bytes(raw)
        coding["messages"].append(
            f"The file was saved under the name {on_disk['coder']!r}; "
            f"it was kept as {shown_path(copy)} before saving as {coding['coder']!r}."
        )
    coding["codes"] = merge_codes(coding["codes"], on_disk["codes"])
    coding["tagset"] = _union(coding["tagset"], on_disk["tagset"])


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return path.with_name(f"{path.stem}-{stamp}{path.suffix}")


# ---------------------------------------------------------------- tables, export, restore


def coding_table(coding: dict, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The coding as a table: every segment with its text and code (empty if not coded).

    Codes of segments the table does not have come last, with empty text.

    Example:
        >>> rows = coding_table(set_code(new_coding("A"), "P1.1", "lead"))
        >>> rows.loc[0, ["seg_id", "tag", "coder"]].tolist(), len(rows)
        (['P1.1', 'lead', 'A'], 19)
    """
    table = segments() if table is None else table
    extra = [seg for seg in coding["codes"] if seg not in set(table["seg_id"])]
    texts = list(zip(table["seg_id"], table["zh"], table["en"], strict=True))
    texts += [(seg, "", "") for seg in extra]
    rows = []
    for seg_id, zh, en in texts:
        code = coding["codes"].get(seg_id, {})
        rows.append(
            {
                "seg_id": seg_id,
                "zh": zh,
                "en": en,
                "tag": code.get("tag", ""),
                "confidence": code.get("confidence", ""),
                "note": code.get("note", ""),
                "coder": coding["coder"],
            }
        )
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def export_csv(
    coding: dict, path: str | Path | None = None, table: pd.DataFrame | None = None
) -> Path:
    """Write the coding table as CSV (utf-8-sig, for Excel); default ``coding-<name>.csv``.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> path = export_csv(set_code(new_coding("Doctest Csv"), "P1.1", "lead"))
        >>> path.name, path.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
        ('coding-Doctest_Csv.csv', True)
    """
    path = Path(path) if path is not None else coding_path(coding["coder"]).with_suffix(".csv")
    text = coding_table(coding, table).to_csv(index=False, lineterminator="\n")
    atomic_write_text(path, "\ufeff" + text)
    return path


def restore_from_upload(
    content: bytes, coder: str, table: pd.DataFrame | None = None, article: str | None = None
) -> tuple[dict, str]:
    """Replace a coder's file with an uploaded one (checked first); return (coding, message).

    The current file is copied to ``.before-restore-<time>.json`` first. The
    upload must be a coding of the same coder and article (version 1 or 2).

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> upload = json.dumps({"coder": "Doctest Up", "codes": {"P1.1": "lead"}}).encode()
        >>> coding, message = restore_from_upload(upload, "Doctest Up")
        >>> coding["codes"]["P1.1"]["tag"], message.startswith("Restored 1 code")
        ('lead', True)
    """
    name = clean_name(coder)
    try:
        data = json.loads(bytes(content).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SaveFileError(
            "The uploaded file is not a coding save file (not readable JSON text). "
            "Upload the .json file you downloaded from the annotator."
        ) from None
    coding = parse_coding(data, "The uploaded file", table, article)
    if safe_file_name(coding["coder"]).casefold() != safe_file_name(name).casefold():
        raise SaveFileError(
            f"The uploaded file is the coding of {coding['coder']!r}, not of {name!r}. "
            f"Open the annotator as {coding['coder']!r} to restore it."
        )
    coding["coder"] = name
    path = coding_path(name)
    message = f"Restored {len(coding['codes'])} code(s) into {path.name}."
    if path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        copy = path.with_name(f"{path.stem}.before-restore-{stamp}.json")
        copy.write_bytes(path.read_bytes())
        message += f" Your previous file was kept as {shown_path(copy)}."
    text = json.dumps(file_content(coding), ensure_ascii=False, indent=1)
    atomic_write_text(path, text + "\n")
    coding["messages"].append(message)
    return coding, message


def download_link_html(coding: dict) -> str:
    """A link that downloads the coder's saved file (a data: URL; fine where files get lost).

    Example:
        >>> download_link_html(new_coding("Nobody Saved"))
        '<span>Nothing saved yet.</span>'
    """
    try:
        path = coding_path(coding["coder"])
        content = path.read_bytes() if path.exists() else None
    except OSError:
        content = None
    if content is None:
        return "<span>Nothing saved yet.</span>"
    encoded = base64.b64encode(content).decode("ascii")
    return (
        f'<a download="{escape(path.name)}" href="data:application/json;base64,{encoded}">'
        f"Download your coding ({escape(path.name)})</a>"
    )


def unsaved_download_html(coding: dict) -> str:
    """A link that downloads the coding as it is in memory: for when it cannot be saved.

    The file it gives is a save file (version 2) that "Restore from a file" reads back.

    Example:
        >>> "Download your coding as it is now" in unsaved_download_html(new_coding("A"))
        True
    """
    text = json.dumps(file_content(coding), ensure_ascii=False, indent=1) + "\n"
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    name = f"coding-{safe_file_name(coding['coder'])}.json"
    return (
        f'<a download="{escape(name)}" href="data:application/json;base64,{encoded}">'
        f"Download your coding as it is now ({escape(name)}, not saved on this computer)</a>"
    )


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


# ---------------------------------------------------------------- the widget


def tag_badge_html(tag: str) -> str:
    """The coder's tag as a badge: a move in its colour and label, an own tag as text.

    Example:
        >>> "not coded yet" in tag_badge_html("")
        True
    """
    if not tag:
        return '<span class="ly-move">not coded yet</span>'
    if tag in set(moves()["move"]):
        return move_badge_html(tag)
    return f'<span class="ly-move">{escape(tag)}</span>'


def coding_segment_html(row, tag: str = "") -> str:
    """A segment for coding: id, the coder's own tag, Chinese and English; no reference move.

    Example:
        >>> html = coding_segment_html(segments().iloc[0])
        >>> "P1.1" in html and "Lead" not in html
        True
    """
    return (
        f'<div class="ly-seg" data-seg="{escape(row.seg_id)}">'
        f'<div class="ly-margin"><b>{escape(row.seg_id)}</b><br>{tag_badge_html(tag)}</div>'
        f'<div class="ly-zh" lang="zh-Hans">{zh_html(row.zh)}</div>'
        f'<div class="ly-en" lang="en">{escape(row.en)}</div></div>'
    )


def progress_html(done: int, total: int) -> str:
    """A progress bar with its text, e.g. "7 of 19 coded".

    Example:
        >>> "7 of 19 coded" in progress_html(7, 19)
        True
    """
    return (
        f'<progress value="{done}" max="{max(total, 1)}" aria-label="coding progress">'
        f"</progress> {done} of {total} coded"
    )


def _tag_options(coding: dict) -> list[tuple[str, str]]:
    own = [tag for tag in coding["tagset"] if tag not in set(moves()["move"])]
    used = [code["tag"] for code in coding["codes"].values()]
    extra = [tag for tag in _union(own, used) if tag not in set(moves()["move"])]
    return (
        [("(choose a tag)", "")]
        + [(label, move) for move, label in zip(moves()["move"], moves()["label"], strict=True)]
        + [(f"{tag} (own tag)", tag) for tag in extra]
    )


def _file_of(coder: str) -> Path | None:
    """The coder's file, or None when the work folder cannot be made."""
    try:
        return coding_path(coder)
    except OSError:
        return None


def _first_uncoded(coding: dict, table: pd.DataFrame) -> int:
    for position, seg_id in enumerate(table["seg_id"]):
        if seg_id not in coding["codes"]:
            return position
    return 0


def annotator(
    coder: str, table: pd.DataFrame | None = None, article: str | None = None
) -> StaticFormBox:
    """Code the article one segment at a time; every change is saved to the coder's file.

    ``table`` is any article: a file's path, an Article or a segments table
    (the seed by default).

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> box = annotator("Doctest Coder")
        >>> box.controls.position_pane.value.count("Segment 1 of 19")
        1
    """
    try:
        source, table = table, as_table(table).reset_index(drop=True)
    except ValueError as error:  # a notebook shows a message, never a traceback
        return error_box(str(error))
    article = article or article_id_of(source) or None
    name = clean_name(coder)
    if not name:
        text = "Type your name first, for example: annotator('Zhang San')."
        box = StaticFormBox([html_pane(message_html(text, "error"))], lambda: message_html(text))
        box.controls = SimpleNamespace()
        return box
    return _Annotator(name, table, article).box


class _Annotator:
    """The annotator's state and controls; the logic is in the module's functions."""

    def __init__(self, coder: str, table: pd.DataFrame, article: str | None):
        self.table, self.loading, self.position = table, False, 0
        self.unsaved = False  # True while the coding in memory has changes not on disk
        opening = self._open(coder, article)
        self._build()
        self.position = _first_uncoded(self.coding, table) if self.coding else 0
        children = [self.c.header, self.c.message]
        if self.coding is not None:
            children = [
                self.c.header,
                self.c.position_pane,
                self.c.segment_pane,
                widgets.HBox([self.c.tag, self.c.confidence]),
                widgets.HBox([self.c.new_tag, self.c.add_tag]),
                self.c.note,
                widgets.HBox([self.c.previous, self.c.next, self.c.save_next]),
                self.c.message,
                self.c.status,
                widgets.HBox([self.c.export, self.c.upload]),
                self.c.export_pane,
                self.c.download_pane,
            ]
            self._show()
        set_html(self.c.message, opening)
        self.box = StaticFormBox(children, static_html=self.static_html)
        self.box.controls = self.c

    def _open(self, coder: str, article: str | None) -> str:
        self.coder, self.coding = coder, None
        try:
            self.coding = load_coding(coder, self.table, article)
        except ForeignCodingError as error:
            return message_html(str(error), "error")
        except SaveFileError as error:
            self.coding = new_coding(coder, article)
            self.coding["broken_backup"] = str(getattr(error, "backup", "") or "")
            return message_html(
                f"{error} A fresh coding starts here; your first change saves it.", "error"
            )
        except OSError as error:
            if _file_of(coder) is not None:  # the folder is there, the file cannot be read
                return message_html(
                    f"Your coding cannot be opened: {error}. Nothing was changed; check the "
                    "file's permissions or ask your instructor.",
                    "error",
                )
            self.coding, self.unsaved = new_coding(coder, article), True
            return message_html(
                f"Your work folder cannot be used ({error}). You can code, but nothing is "
                "saved on this computer: download your coding with the link at the bottom "
                "before you close the notebook, and ask for a folder you can write to.",
                "error",
            )
        notes = self.coding["messages"] + self.coding["warnings"]
        kind = "info" if notes else "good"
        opening = " ".join(notes) or f"Coding as {coder}. Every change is saved."
        return message_html(opening, kind)

    def _build(self) -> None:
        path = _file_of(self.coder)
        where = shown_path(path) if path is not None else "(no work folder: not saved)"
        header = f"<b>Coder:</b> {escape(self.coder)} &nbsp; <b>File:</b> {escape(where)}"
        self.c = SimpleNamespace(
            header=html_pane(header),
            position_pane=html_pane(),
            segment_pane=html_pane(),
            tag=widgets.Dropdown(description="Tag:", layout=widgets.Layout(width="24em")),
            confidence=widgets.ToggleButtons(
                options=list(CONFIDENCES), value="medium", description="Confidence:"
            ),
            new_tag=widgets.Text(placeholder="a tag of your own", description="New tag:"),
            add_tag=widgets.Button(description="Add tag", tooltip="Add your own tag"),
            note=widgets.Textarea(
                placeholder="Why this tag? (optional)",
                description="Note:",
                continuous_update=False,
                layout=widgets.Layout(width="95%"),
            ),
            previous=widgets.Button(description="Previous", icon="arrow-left"),
            next=widgets.Button(description="Next", icon="arrow-right"),
            save_next=widgets.Button(
                description="Save & next", button_style="primary", icon="check"
            ),
            message=html_pane(),
            status=html_pane(message_html("Nothing saved in this session yet.")),
            export=widgets.Button(description="Export CSV", icon="table"),
            upload=widgets.FileUpload(
                accept=".json", multiple=False, description="Restore from a file"
            ),
            export_pane=html_pane(),
            download_pane=html_pane(),
        )
        if self.coding is None:
            return
        self.c.tag.options = _tag_options(self.coding)
        self.c.tag.value = ""
        for control in (self.c.tag, self.c.confidence, self.c.note):
            control.observe(self._changed, "value")
        self.c.add_tag.on_click(self._add_tag)
        self.c.previous.on_click(lambda _: self._go(self.position - 1))
        self.c.next.on_click(lambda _: self._go(self.position + 1))
        self.c.save_next.on_click(self._save_next)
        self.c.export.on_click(self._export)
        self.c.upload.observe(self._restore, "value")

    # --- showing

    def _row(self):
        return self.table.iloc[self.position]

    def _show(self) -> None:
        """Show the current segment; a coded one shows its code, an uncoded keeps the choice."""
        row = self._row()
        code = self.coding["codes"].get(row.seg_id)
        self.loading = True
        try:
            self._set_options()
            if code:
                self.c.tag.value = code["tag"]
                self.c.confidence.value = code["confidence"]
                self.c.note.value = code["note"]
            else:
                self.c.note.value = ""
        finally:
            self.loading = False
        self._refresh()

    def _refresh(self) -> None:
        row = self._row()
        code = self.coding["codes"].get(row.seg_id)
        done, total = progress(self.coding, self.table)
        set_html(
            self.c.position_pane,
            f"Segment {self.position + 1} of {total}: <b>{escape(row.seg_id)}</b> &nbsp; "
            + progress_html(done, total),
        )
        set_html(self.c.segment_pane, coding_segment_html(row, code["tag"] if code else ""))
        if self.unsaved:
            set_html(self.c.download_pane, unsaved_download_html(self.coding))
        else:
            set_html(self.c.download_pane, download_link_html(self.coding))

    def _say(self, text: str, kind: str = "info") -> None:
        set_html(self.c.message, message_html(text, kind) if text else "")

    # --- acting

    def _save_current(self) -> bool:
        """Code the segment and save; False if the code was refused (then nothing changed).

        A code that could not be written to disk is kept in memory (True), and the
        status says so and offers it as a download.
        """
        seg_id = self._row().seg_id
        try:
            set_code(
                self.coding, seg_id, self.c.tag.value, self.c.confidence.value, self.c.note.value
            )
            path = save_coding(self.coding, self.table)
        except ValueError as error:
            self._say(f"Not saved: {error}", "error")
            return False
        except OSError as error:  # a read-only or missing work folder: keep the work anyway
            self.unsaved = True
            set_html(self.c.status, message_html(f"Not saved: {error}", "error"))
            self._say(f"Not saved: {error}", "error")
            self._refresh()
            return True
        self.unsaved = False
        stamp = datetime.now().strftime("%H:%M:%S")
        set_html(
            self.c.status, message_html(f"Saved {seg_id} to {shown_path(path)} at {stamp}", "good")
        )
        self._say(" ".join(self.coding["messages"]) or "", "info")
        self.coding["messages"] = []
        self._refresh()
        return True

    def _changed(self, change) -> None:
        if self.loading:
            return
        if not self.c.tag.value:
            self._say("Choose a tag to save this segment.", "info")
            return
        self._save_current()

    def _go(self, position: int) -> None:
        if not 0 <= position < len(self.table):
            self._say("There is no segment further that way.", "info")
            return
        self.position = position
        self._show()
        row = self._row()
        if row.seg_id not in self.coding["codes"] and self.c.tag.value:
            label = move_label(self.c.tag.value)
            self._say(
                f"{row.seg_id} is not coded yet. The tag {label!r} is kept from the last "
                "segment: press Save & next to use it, or choose another.",
                "info",
            )

    def _save_next(self, _button=None) -> None:
        if not self.c.tag.value:
            self._say("Choose a tag first, then press Save & next.", "error")
            return
        if not self._save_current():
            return
        if self.position + 1 < len(self.table):
            self._go(self.position + 1)
        else:
            done, total = progress(self.coding, self.table)
            self._say(f"That was the last segment: {done} of {total} coded. Saved.", "good")

    def _add_tag(self, _button=None) -> None:
        try:
            tag = add_tag(self.coding, self.c.new_tag.value)
        except ValueError as error:
            self._say(str(error), "error")
            return
        self.loading = True
        try:
            self._set_options()
            self.c.tag.value = tag
            self.c.new_tag.value = ""
        finally:
            self.loading = False
        if self._save_current() and not self.unsaved:
            self._say(f"Added the tag {tag!r} and saved {self._row().seg_id} with it.", "good")

    def _set_options(self) -> None:
        """Give the tag chooser the current tags, keeping its choice (no save)."""
        chosen, options = self.c.tag.value, _tag_options(self.coding)
        self.c.tag.options = options
        self.c.tag.value = chosen if chosen in [value for _, value in options] else ""

    def _export(self, _button=None) -> None:
        try:
            path = export_csv(self.coding, table=self.table)
        except OSError as error:
            set_html(self.c.export_pane, message_html(f"Export failed: {error}", "error"))
            return
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        link = (
            f'<a download="{escape(path.name)}" href="data:text/csv;base64,{encoded}">'
            f"Download {escape(path.name)}</a>"
        )
        set_html(
            self.c.export_pane,
            message_html(f"Exported to {shown_path(path)} (opens in Excel).", "good") + link,
        )

    def _restore(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            coding, message = restore_from_upload(
                bytes(upload["content"]), self.coder, self.table, self.coding["article"]
            )
        except (SaveFileError, OSError) as error:
            self._say(f"Nothing was restored: {error}", "error")
            return
        self.coding = coding
        self.coding["messages"] = []
        self.position = _first_uncoded(coding, self.table)
        self._show()
        self._say(f"{message} (from {upload.get('name', 'the upload')})", "good")

    def static_html(self) -> str:
        """The coder's codes as a table, for pages without a kernel."""
        if self.coding is None:
            return self.c.message.value
        done, total = progress(self.coding, self.table)
        rows = coding_table(self.coding, self.table).drop(columns=["coder"])
        return (
            f"<p><b>Coding of {escape(self.coder)}:</b> {progress_html(done, total)}</p>"
            + table_html(rows)
        )
