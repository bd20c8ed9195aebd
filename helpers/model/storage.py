"""Saving files safely: atomic writes, safe file names, backups of broken files.

A save either happens completely or not at all: the text is written to a
temporary file next to the target, flushed to disk, then renamed over it. A
laptop closed mid-save leaves the previous save intact (and at worst a hidden
``.<name>.<random>.tmp`` file, which nothing reads). A folder that cannot be
written to (read-only, full, or missing and impossible to make) raises
:class:`SaveError`, an ``OSError`` whose message says what to do.

:func:`file_lock` lets two widgets (two browser tabs) that save the same file
take turns, so that the read-merge-write of one never interleaves with the other's.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
from datetime import datetime
from pathlib import Path

from helpers.model.files import read_regular

_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)

#: Names Windows keeps for devices: no file may be called so.
_WINDOWS_DEVICES = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]", re.IGNORECASE)

#: A save file (a coding, a student's work, a hand-in) larger than this is not read (bytes).
MAX_SAVE_BYTES = 5_000_000

#: How long a save waits for another save of the same file, in seconds.
LOCK_WAIT = 5.0

#: A lock older than this (seconds), or whose process has ended, was left by a crash.
STALE_LOCK = 30.0


class SaveFileError(ValueError):
    """A save file that cannot be read; the message says what to do.

    Example:
        >>> isinstance(SaveFileError("codes.json is not JSON: start again"), ValueError)
        True
    """


class SaveError(OSError):
    """A file that cannot be written (read-only or full folder); the message says what to do.

    Example:
        >>> isinstance(SaveError("the work folder is read-only"), OSError)
        True
    """


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write text to ``path`` as UTF-8, all at once: never a half-written file.

    If the folder cannot be written to, :class:`SaveError` says so, and the
    file as it was is left untouched.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> atomic_write_text(folder / "a.txt", "你好").read_text(encoding="utf-8")
        '你好'
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise _save_error(path, error) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, SaveError):
            raise _save_error(path, error) from None
        raise
    return path


_REASONS = {
    errno.EACCES: "the folder is read-only (permission denied)",
    errno.EPERM: "the folder is read-only (permission denied)",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "the folder is missing and cannot be made",
    errno.ENOTDIR: "part of the folder's path is a file, not a folder",
    errno.EEXIST: "part of the folder's path is a file, not a folder",
}


def _save_error(path: Path, error: OSError) -> SaveError:
    """A SaveError saying in words why ``path`` could not be written, and what to do."""
    reason = _REASONS.get(error.errno, error.strerror or str(error) or type(error).__name__)
    failure = SaveError(
        f"{path.name} could not be saved in {path.parent}: {reason}. Nothing in that folder "
        "was changed. Your work is still in this session: download it now, then ask for a "
        "folder you can write to (set the environment variable LIAOYANG_WORK_DIR to it)."
    )
    failure.cause = error  # (setting errno would change how the message prints)
    failure.reason = reason
    return failure


def file_in(path: str | Path, default_name: str) -> Path:
    """Where to write a file asked for at ``path``: inside it if it is a folder, else itself.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> file_in(folder, "handout.html") == folder / "handout.html"
        True
        >>> file_in(folder / "mine.html", "handout.html").name
        'mine.html'
    """
    path = Path(path).expanduser()
    return path / default_name if path.is_dir() else path


def could_not_write(what: str, path: Path, error: SaveError) -> str:
    """One sentence for a file that could not be written, saying what to do.

    Example:
        >>> could_not_write("The handout", Path("/x/h.html"), SaveError("..."))
        'The handout could not be written to /x/h.html (the folder cannot be written to): give a path in a folder you may write to, for example in your work folder.'
    """  # noqa: E501
    reason = getattr(error, "reason", "") or "the folder cannot be written to"
    return (
        f"{what} could not be written to {path} ({reason}): give a path in a folder you may "
        "write to, for example in your work folder."
    )


@contextlib.contextmanager
def file_lock(path: str | Path, wait: float | None = None):
    """Hold a lock on ``path`` (a ``.<name>.lock`` file beside it) while the block runs.

    Another holder is waited for, up to ``wait`` seconds (default
    :data:`LOCK_WAIT`), then overruled; a lock left by a crash (its process
    has ended, or it is older than :data:`STALE_LOCK` seconds) is taken over
    at once. A folder that cannot be written raises :class:`SaveError`.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.json"
        >>> with file_lock(target):
        ...     _ = atomic_write_text(target, "{}")
        >>> sorted(path.name for path in target.parent.iterdir())
        ['a.json']
    """
    path = Path(path)
    lock = path.with_name(f".{path.name}.lock")
    give_up = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if _is_stale(lock) or time.monotonic() > give_up:
                lock.unlink(missing_ok=True)  # a crash left it, or its holder hangs
                continue
            time.sleep(0.005)
        except OSError as error:
            raise _save_error(path, error) from None
    try:
        os.write(handle, str(os.getpid()).encode("ascii"))
        os.close(handle)
        yield lock
    finally:
        lock.unlink(missing_ok=True)


def _is_stale(lock: Path) -> bool:
    """Was the lock left by a crash: is it old, or is its process (on POSIX) gone?"""
    try:
        if time.time() - lock.stat().st_mtime > STALE_LOCK:
            return True
        holder = int(lock.read_text(encoding="ascii").strip() or "0")
    except (OSError, ValueError):
        return False  # just released, or being written: wait a moment
    if os.name != "posix" or holder <= 0 or holder == os.getpid():
        return False  # (on Windows os.kill would end the process, not probe it)
    try:
        os.kill(holder, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def safe_file_name(name: str, default: str = "anonymous", max_length: int = 60) -> str:
    """Turn any name (a student's, say) into a safe file name, keeping letters of any script.

    Path separators, dots at the start, HTML and spaces become underscores.
    Two names never share a file because one was cut short: a name that had
    to be cut, or had nothing usable in it, ends in a fingerprint of the
    whole name. Names Windows reserves for devices (CON, NUL, COM1 ...) get a "_".

    Example:
        >>> safe_file_name("../Zhang San <b>")
        'Zhang_San_b'
        >>> safe_file_name("张三")
        '张三'
        >>> safe_file_name("<>"), safe_file_name("con")
        ('anonymous-d3270f85', 'con_')
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    cleaned = _UNSAFE.sub("_", name).strip("_.")
    if not cleaned:
        return f"{default}-{_fingerprint(name)}" if name.strip() else default
    if len(cleaned) > max_length:
        cleaned = cleaned[: max_length - 9].strip("_") + "-" + _fingerprint(name)
    if _WINDOWS_DEVICES.fullmatch(cleaned):
        cleaned += "_"
    return cleaned


def _fingerprint(name: str) -> str:
    """Eight hex digits that differ, in practice, for any two different names."""
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def backup_broken_file(path: str | Path) -> Path:
    """Copy an unreadable file aside (never delete it, never over an earlier copy).

    Returns the copy's path.

    Example:
        >>> import tempfile, pathlib
        >>> broken = pathlib.Path(tempfile.mkdtemp()) / "x.json"
        >>> _ = broken.write_text("{not json", encoding="utf-8")
        >>> backup_broken_file(broken).read_text(encoding="utf-8")
        '{not json'
    """
    path = Path(path)
    content = path.read_bytes()
    while True:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
        try:
            with backup.open("xb") as stream:
                stream.write(content)
        except FileExistsError:
            continue
        return backup


def read_json_file(path: str | Path) -> dict:
    """Read a JSON object from a UTF-8 file, with a clear error if it is broken.

    A broken file is copied aside first, and the error names the copy (its full path).

    Example:
        >>> import tempfile, pathlib
        >>> good = pathlib.Path(tempfile.mkdtemp()) / "good.json"
        >>> _ = atomic_write_text(good, '{"a": 1}')
        >>> read_json_file(good)
        {'a': 1}
    """
    path = Path(path)
    try:
        data = json.loads(read_regular(path, MAX_SAVE_BYTES, "save file").decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        backup = backup_broken_file(path)
        failure = SaveFileError(
            f"{path.name} cannot be read ({type(error).__name__}: the file is damaged or "
            f"not a save file). A copy was kept as {backup}; nothing was overwritten. "
            "Restore your work from a downloaded copy, or start again."
        )
        failure.backup = backup  # the copy, for a save that must not copy it twice
        raise failure from None
    if not isinstance(data, dict):
        backup = backup_broken_file(path)
        failure = SaveFileError(
            f"{path.name} is not a save file of this collection. A copy was kept as "
            f"{backup}; nothing was overwritten."
        )
        failure.backup = backup
        raise failure
    return data
