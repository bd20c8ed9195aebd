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
import itertools
import json
import math
from functools import lru_cache
from pathlib import Path

from helpers.model.paths import PACKAGE_DIR, work_dir
from helpers.model.storage import atomic_write_text

FORMAT = "liaoyang-alignment-cache"
VERSION = 1
#: The files that decide what an entry holds (the reading and aligning code, the corpus's
#: entry builder, the seed's hand-checked segments): a change to any of them is a new cache.
CODE_FILES = (
    "model/article.py",
    "model/article_text.py",
    "model/headline.py",
    "model/text.py",
    "model/align.py",
    "model/align_dp.py",
    "model/align_numeric.py",
    "model/length_model.py",
    "model/sentences.py",
    "model/corpus.py",
    "model/data_files.py",
    "data/seed_segments.csv",
)
#: The metadata every entry holds, and the segment columns (with their cell types).
META_KEYS = ("title_en", "title_zh", "date", "author", "aligned_by")
TEXT_COLUMNS = ("seg_id", "zh", "en", "move", "note")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A short hash of the code and data that read and align articles (:data:`CODE_FILES`).

    Example:
        >>> len(code_fingerprint())
        16
    """
    digest = hashlib.sha256()
    for name in CODE_FILES:
        digest.update((PACKAGE_DIR / name).read_bytes())
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


#: Cells of a column are joined by this character in the file (a cell holding it is not cached).
CELL = "\x1f"
#: The actors of one cell are joined by this one.
ACTOR = "\x1e"
NUMBER_COLUMNS = ("para", "step", "confidence")


class AlignmentCache:
    """The entries of one cache file: content hash -> metadata and segment columns.

    :meth:`get` gives a valid entry or None; :meth:`put` adds one; :meth:`save`
    writes the entries used or added since opening (only if something changed).
    In the file, every column of all entries is one string, its cells joined
    by :data:`CELL`, so that reading 10,000 articles' segments is quick.

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
        if entry is not None:
            self.kept[key] = entry
        return entry

    def put(self, key: str, entry: dict) -> None:
        """Remember an entry (written at :meth:`save`; one that cannot be stored is not)."""
        if valid_entry(entry) and _storable(entry):
            self.kept[key] = entry
            self.changed = True

    def save(self) -> None:
        """Write the entries used or added, if any changed (a write that fails is skipped)."""
        if not self.changed and list(self.kept) == list(self.stored):
            return
        payload = json.dumps(
            {"format": FORMAT, "version": VERSION, "code": code_fingerprint()} | _packed(self.kept),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        checksum = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, f"{checksum}\n{payload}")
        except (OSError, ValueError):
            pass  # a cache is a convenience: the table is right without it


def _storable(entry: dict) -> bool:
    """Can the entry be written with the separators (no cell holds one, no actor is empty)?"""
    texts = "".join(itertools.chain.from_iterable(entry[name] for name in TEXT_COLUMNS))
    actors = list(itertools.chain.from_iterable(entry["actors"]))
    joined = "".join(actors)
    return CELL not in texts and all(actors) and CELL not in joined and ACTOR not in joined


def _packed(entries: dict[str, dict]) -> dict:
    """The entries as the file holds them: their keys, metadata, row counts, joined columns."""
    values = list(entries.values())

    def cells(name: str):
        return itertools.chain.from_iterable(entry[name] for entry in values)

    columns = {name: CELL.join(cells(name)) for name in TEXT_COLUMNS}
    columns["actors"] = CELL.join(map(ACTOR.join, cells("actors")))
    columns["para"] = ",".join(map(str, cells("para")))
    columns["step"] = ",".join("" if c is None else str(c) for c in cells("step"))
    columns["confidence"] = ",".join(map(repr, map(float, cells("confidence"))))
    return {
        "keys": list(entries),
        "meta": [[e[name] for name in META_KEYS] for e in values],
        "rows": [len(e["seg_id"]) for e in values],
        "columns": columns,
    }


def _read(path: Path) -> dict[str, dict]:
    """The entries of a cache file; {} if it is missing, damaged or from other code."""
    try:
        checksum, payload = path.read_bytes().split(b"\n", 1)
        if hashlib.sha256(payload).hexdigest().encode("ascii") != checksum:
            return {}
        data = json.loads(payload)
        if not isinstance(data, dict) or [data.get(k) for k in ("format", "version", "code")] != [
            FORMAT,
            VERSION,
            code_fingerprint(),
        ]:
            return {}
        return _unpacked(data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _unpacked(data: dict) -> dict[str, dict]:
    """The entries of a file's contents, checked cell by cell (ValueError if anything is off)."""
    keys, meta, rows, packed = data["keys"], data["meta"], data["rows"], data["columns"]
    if not (len(keys) == len(meta) == len(rows)) or not all(type(n) is int for n in rows):
        raise ValueError("the cache's parts differ in length")
    total = sum(rows)
    cells = {name: _cells(packed[name], total) for name in (*TEXT_COLUMNS, "actors")}
    actors = [[] for _ in range(total)]
    for number, cell in enumerate(cells["actors"]):
        if cell:
            actors[number] = cell.split(ACTOR)
    cells["actors"] = actors
    cells["para"] = [int(c) for c in _cells(packed["para"], total, ",")]
    cells["step"] = [int(c) if c else None for c in _cells(packed["step"], total, ",")]
    cells["confidence"] = [float(c) for c in _cells(packed["confidence"], total, ",")]
    if not all(0.0 <= c <= 1.0 for c in cells["confidence"]):  # NaN fails too
        raise ValueError("a confidence is out of range")
    entries, start = {}, 0
    for key, values, count in zip(keys, meta, rows, strict=True):
        entry = dict(zip(META_KEYS, values, strict=True))
        if not all(isinstance(value, str) for value in values) or not isinstance(key, str):
            raise ValueError("a metadata value is not text")
        dt.date.fromisoformat(entry["date"])
        for name, column in cells.items():
            entry[name] = column[start : start + count]
        entries[key], start = entry, start + count
    return entries


def _cells(text, total: int, separator: str = CELL) -> list[str]:
    """A joined column split into its cells; ValueError unless there are ``total``."""
    if not isinstance(text, str):
        raise ValueError("a column is not text")
    cells = text.split(separator) if total else []
    if len(cells) != total:
        raise ValueError("a column has the wrong number of cells")
    return cells


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
    confidences = entry["confidence"]
    return (
        _types(itertools.chain.from_iterable(entry[name] for name in TEXT_COLUMNS)) <= {str}
        and _types(entry["para"]) <= {int}
        and _types(entry["step"]) <= {int, type(None)}
        and _types(entry["actors"]) <= {list}
        and _types(itertools.chain.from_iterable(entry["actors"])) <= {str}
        and _types(confidences) <= {int, float}
        and all(map(math.isfinite, confidences))
        and (not confidences or (min(confidences) >= 0 and max(confidences) <= 1))
    )


def _types(cells) -> set[type]:
    """The types of the cells (a set: one C loop, not a Python one per cell)."""
    return set(map(type, cells))
