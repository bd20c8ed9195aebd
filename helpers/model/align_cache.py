"""Aligned tables remembered by each file's content, so a corpus is aligned once.

:func:`helpers.model.corpus.load_corpus` keeps, for each folder it reads, one
cache file in the work folder (``alignment-cache/`` in
:func:`helpers.model.paths.work_dir`): for every article file, keyed by the
SHA-256 of its bytes, the article's metadata and its aligned segments. A file
whose bytes are unchanged is not read as an article or aligned again; a
changed or new file is, and the cache is rewritten with the files the folder
holds now. The cache also records a fingerprint of the code that made it
(the reading and aligning modules): new code ignores an old cache.

The cache is never trusted: a file whose checksum does not match, that is
not valid JSON, or an entry that is not exactly of the expected shape is
ignored (and rebuilt at the next load); a cache that cannot be written is
simply not written.

Example:
    >>> import tempfile, pathlib
    >>> cache = AlignmentCache(pathlib.Path(tempfile.mkdtemp()) / "c.json")
    >>> cache.get("0" * 64) is None, cache.changed
    (True, False)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

from helpers.model.paths import PACKAGE_DIR, work_dir
from helpers.model.storage import atomic_write_text

FORMAT = "liaoyang-alignment-cache"
VERSION = 1
#: The modules whose code decides what an entry holds: a change to any of them is a new cache.
CODE_FILES = ("article.py", "align.py", "align_dp.py", "length_model.py", "sentences.py")
#: The metadata every entry holds, and the segment columns (with their cell types).
META_KEYS = ("title_en", "title_zh", "date", "author", "aligned_by")
TEXT_COLUMNS = ("seg_id", "zh", "en", "move", "note")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A short hash of the code that reads and aligns articles.

    Example:
        >>> len(code_fingerprint())
        16
    """
    digest = hashlib.sha256()
    for name in CODE_FILES:
        digest.update((PACKAGE_DIR / "model" / name).read_bytes())
    return digest.hexdigest()[:16]


def cache_path(folder: Path) -> Path:
    """The cache file of a folder of articles, in the work folder.

    Example:
        >>> cache_path(Path("/tmp/articles")).parent.name
        'alignment-cache'
    """
    key = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:20]
    return work_dir() / "alignment-cache" / f"corpus-{key}.json"


def content_hash(data: bytes) -> str:
    """The key of a file in the cache: the SHA-256 of its bytes.

    Example:
        >>> content_hash(b"")[:12]
        'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


class AlignmentCache:
    """The entries of one cache file: content hash -> metadata and segment columns.

    :meth:`get` gives a valid entry or None; :meth:`put` adds one; :meth:`save`
    writes the entries used or added since opening (only if something changed).

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.json"
        >>> cache = AlignmentCache(path)
        >>> entry = {"title_en": "T", "title_zh": "题", "date": "2000-01-01", "author": "",
        ...          "aligned_by": "automatic", "seg_id": ["P1.1"], "para": [1], "zh": ["甲"],
        ...          "en": ["A"], "move": [""], "step": [None], "actors": [[]], "note": [""],
        ...          "confidence": [0.5]}
        >>> cache.put("ab" * 32, entry); cache.save()
        >>> AlignmentCache(path).get("ab" * 32)["seg_id"]
        ['P1.1']
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.stored = _read(self.path)
        self.kept: dict[str, dict] = {}
        self.changed = False

    def get(self, key: str) -> dict | None:
        """The entry of a content hash, if the cache holds a valid one."""
        entry = self.stored.get(key)
        if entry is None or not valid_entry(entry):
            return None
        self.kept[key] = entry
        return entry

    def put(self, key: str, entry: dict) -> None:
        """Remember an entry (written at :meth:`save`)."""
        self.kept[key] = entry
        self.changed = True

    def save(self) -> None:
        """Write the entries used or added, if any changed (a write that fails is skipped)."""
        if not self.changed and set(self.kept) == set(self.stored):
            return
        payload = json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "code": code_fingerprint(),
                "entries": self.kept,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        checksum = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, f"{checksum}\n{payload}")
        except (OSError, ValueError):
            pass  # a cache is a convenience: the table is right without it


def _read(path: Path) -> dict[str, dict]:
    """The entries of a cache file; {} if it is missing, damaged or from other code."""
    try:
        text = path.read_text(encoding="utf-8")
        checksum, payload = text.split("\n", 1)
        if hashlib.sha256(payload.encode("utf-8")).hexdigest() != checksum:
            return {}
        data = json.loads(payload)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or (data.get("format"), data.get("version")) != (
        FORMAT,
        VERSION,
    ):
        return {}
    entries = data.get("entries")
    if data.get("code") != code_fingerprint() or not isinstance(entries, dict):
        return {}
    return entries


def valid_entry(entry) -> bool:
    """Is this exactly the shape of an entry (every column a list of the right cells)?

    Example:
        >>> valid_entry({"title_en": "T"})
        False
    """
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in META_KEYS):
        return False
    try:
        dt.date.fromisoformat(entry["date"])
    except ValueError:
        return False
    columns = (*TEXT_COLUMNS, "para", "step", "actors", "confidence")
    if not all(isinstance(entry.get(name), list) for name in columns):
        return False
    rows = len(entry["seg_id"])
    if any(len(entry[name]) != rows for name in columns):
        return False
    return (
        all(isinstance(cell, str) for name in TEXT_COLUMNS for cell in entry[name])
        and all(type(cell) is int for cell in entry["para"])
        and all(cell is None or type(cell) is int for cell in entry["step"])
        and all(
            isinstance(cell, list) and all(isinstance(a, str) for a in cell)
            for cell in entry["actors"]
        )
        and all(
            type(cell) in (int, float) and math.isfinite(cell) and 0 <= cell <= 1
            for cell in entry["confidence"]
        )
    )
