"""Saving files safely: atomic writes, safe file names, backups of broken files.

A save either happens completely or not at all: the text is written to a
temporary file next to the target, flushed to disk, then renamed over it. A
laptop closed mid-save leaves the previous save intact.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)


class SaveFileError(ValueError):
    """A save file that cannot be read; the message says what to do."""


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write text to ``path`` as UTF-8, all at once: never a half-written file.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> atomic_write_text(folder / "a.txt", "你好").read_text(encoding="utf-8")
        '你好'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def safe_file_name(name: str, default: str = "anonymous", max_length: int = 60) -> str:
    """Turn any name (a student's, say) into a safe file name, keeping letters of any script.

    Path separators, dots at the start, HTML and spaces become underscores.

    Example:
        >>> safe_file_name("../Zhang San <b>")
        'Zhang_San_b'
        >>> safe_file_name("张三")
        '张三'
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    cleaned = _UNSAFE.sub("_", name).strip("_.")[:max_length].strip("_")
    return cleaned or default


def backup_broken_file(path: str | Path) -> Path:
    """Copy an unreadable file aside (never delete it) and return the copy's path.

    Example:
        >>> import tempfile, pathlib
        >>> broken = pathlib.Path(tempfile.mkdtemp()) / "x.json"
        >>> _ = broken.write_text("{not json", encoding="utf-8")
        >>> backup_broken_file(broken).read_text(encoding="utf-8")
        '{not json'
    """
    path = Path(path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
    backup.write_bytes(path.read_bytes())
    return backup


def read_json_file(path: str | Path) -> dict:
    """Read a JSON object from a UTF-8 file, with a clear error if it is broken.

    A broken file is copied aside first, and the error names the copy.

    Example:
        >>> import tempfile, pathlib
        >>> good = pathlib.Path(tempfile.mkdtemp()) / "good.json"
        >>> _ = atomic_write_text(good, '{"a": 1}')
        >>> read_json_file(good)
        {'a': 1}
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        backup = backup_broken_file(path)
        raise SaveFileError(
            f"{path.name} cannot be read ({type(error).__name__}: the file is damaged or "
            f"not a save file). A copy was kept as {backup.name}; nothing was overwritten. "
            "Restore your work from a downloaded copy, or start again."
        ) from None
    if not isinstance(data, dict):
        backup = backup_broken_file(path)
        raise SaveFileError(
            f"{path.name} is not a save file of this collection. A copy was kept as "
            f"{backup.name}; nothing was overwritten."
        )
    return data
