"""Opening a file to read it: ordinary files only, never more than a limit, one sentence if not.

Every file the collection reads on a user's say-so (an article, a coding, a
save file, a hand-in) is read through :func:`read_regular`. It opens only an
ordinary file: a named pipe (FIFO), a device or a socket would block the
kernel forever or read without end, so it is refused from its type, before a
byte is read, and so is a folder; a symbolic link that points to itself in a
loop is named as such, not "no such file". At most ``limit`` bytes are read,
whatever the size the file claims. Each refusal is a :class:`FileReadError`
(an ``OSError``) whose ``kind`` says which, and whose message is one sentence
naming the file and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: A file larger than this (bytes) is not read by default: no article or save file is.
DEFAULT_LIMIT = 5_000_000

#: What each kind of file that is not an ordinary one is called.
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileReadError(OSError):
    """A file that cannot be read, and why: ``kind`` is 'missing', 'folder', 'special',
    'loop', 'permission', 'too large' or 'unreadable'; ``words`` says it without the name.

    ``str()`` is one sentence or two: the file's name, what is wrong, what to do.

    Example:
        >>> error = FileReadError("missing", "no such file.", Path("a.txt"))
        >>> error.kind, str(error)
        ('missing', 'a.txt: no such file.')
    """

    def __init__(self, kind: str, words: str, path: str | Path = ""):
        super().__init__(f"{Path(path).name}: {words}" if str(path) else words)
        self.kind, self.words, self.path = kind, words, Path(path)

    def __str__(self) -> str:
        return str(self.args[0])


def file_problem(path: str | Path, what: str = "file") -> FileReadError | None:
    """Why ``path`` is not an ordinary file one can open (a :class:`FileReadError`), or None.

    Nothing is opened: the answer comes from the file's type alone.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> file_problem(folder).kind, file_problem(folder / "none.txt").words
        ('folder', 'no such file. Check the name and the folder.')
        >>> file_problem(__file__) is None
        True
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _stat_problem(path, error, what)
    return _mode_problem(path, mode, what)


#: Why a file could not be looked at, by error number: (kind, words); {what} names the file.
_STAT_PROBLEMS = {
    errno.ELOOP: ("loop", "this is a symbolic link in a loop (followed, it comes back to "
                  "itself), not a file. Give the {what} itself."),
    errno.EACCES: ("permission", "the file cannot be read (Permission denied). Check its "
                   "permissions, or copy it somewhere you may read it."),
    errno.ENOTDIR: ("missing", "part of the path is a file, not a folder. Check the path."),
}  # fmt: skip
_STAT_PROBLEMS[errno.EPERM] = _STAT_PROBLEMS[errno.EACCES]
_BROKEN_LINK = "this is a link to a file that is not there (a broken link). Give the {what}."
_MISSING = "no such file. Check the name and the folder."


def _stat_problem(path: Path, error: OSError, what: str) -> FileReadError:
    missing = ("missing", _BROKEN_LINK if os.path.islink(path) else _MISSING)
    kind, words = _STAT_PROBLEMS.get(error.errno, missing)
    return FileReadError(kind, words.format(what=what), path)


def _mode_problem(path: Path, mode: int, what: str) -> FileReadError | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FileReadError("folder", f"this is a folder, not a {what}.", path)
    name = next((name for is_kind, name in _SPECIAL if is_kind(mode)), "a special file")
    words = f"this is {name}, not an ordinary file, so it is not read. Give a saved {what}."
    return FileReadError("special", words, path)


def read_regular(path: str | Path, limit: int = DEFAULT_LIMIT, what: str = "file") -> bytes:
    """The bytes of an ordinary file, at most ``limit`` of them, or :class:`FileReadError`.

    ``what`` names the file in the message ("article file", "save file").
    A FIFO, a device, a socket or a folder is refused from its type, before
    it is opened for reading (so nothing blocks); a file over ``limit``
    bytes is refused from its size, and never read past ``limit``.

    Example:
        >>> import tempfile, pathlib, os
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_bytes(b"text")
        >>> read_regular(folder / "a.txt")
        b'text'
        >>> os.mkfifo(folder / "pipe.txt")
        >>> read_regular(folder / "pipe.txt")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        helpers.model.files.FileReadError: pipe.txt: this is a named pipe (FIFO), not an ...
    """
    path = Path(path)
    problem = file_problem(path, what)
    if problem:
        raise problem
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_BINARY", 0))  # a FIFO cannot block it
    except OSError as error:
        raise _stat_problem(path, error, what) from None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        problem = _mode_problem(path, status.st_mode, what)  # what was opened, not looked at
        if problem:
            raise problem
        if status.st_size > limit:
            raise too_large(path, status.st_size, limit, what)
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            words = f"the file cannot be read ({reason}). Copy it again and retry."
            raise FileReadError("unreadable", words, path) from None
    if len(data) > limit:
        raise too_large(path, -1, limit, what)  # it grew while read
    return data


def too_large(path: Path, size: int, limit: int, what: str = "file") -> FileReadError:
    """The error for a file over the size limit (``size`` -1: found while reading), in words.

    Example:
        >>> str(too_large(Path("big.json"), 50_000_000, 5_000_000, "save file"))
        'big.json: the file is 50.0 MB, over the 5.0 MB a save file may be: is it the right file?'
    """
    shown = f"the file is {size_in_words(size)}" if size >= 0 else "the file grew while read"
    return FileReadError(
        "too large",
        f"{shown}, over the {size_in_words(limit)} a {what} may be: is it the right file?",
        path,
    )


def size_in_words(size: int) -> str:
    """A number of bytes as people say it: '50.0 MB', '12 kB', '5 MB'.

    Example:
        >>> size_in_words(50_000_000), size_in_words(5_000_000), size_in_words(12_345)
        ('50.0 MB', '5.0 MB', '12 kB')
    """
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{max(1, round(size / 1e3))} kB"
