"""One coder identity: a name as kept, and the one file key computed from it, everywhere.

A student's (or coder's, or group's) name is kept whole (:func:`clean_name`:
white space trimmed and folded, Unicode composed), never cut, so two names
that share a beginning stay two names. The key of every file saved for a
name (the work file, the coding download, the hand-in) is :func:`coder_key`,
computed here only. Two different names never share a key: a name the file
system cannot hold as it is (symbols, a path, an underscore of its own, more
than 60 characters) ends in a fingerprint of the whole name.

Example:
    >>> coder_key("Zhang San"), coder_key("Zhang_San") != coder_key("Zhang San")
    ('Zhang_San', True)
"""

from __future__ import annotations

import hashlib
import unicodedata

from helpers.model.storage import safe_file_name

#: What a tool that needs a name says when it has none.
NO_NAME_YET = (
    "Give your name first: notebook 00 asks for it once, or type it between the quotes in "
    'this cell (my_name = "Zhang San"); then run this cell again.'
)

#: How long the names of old save files were cut (before names were kept whole).
OLD_NAME_LENGTH = 80


def clean_name(coder) -> str:
    """The name as kept: white space trimmed and folded, composed; never cut, idempotent.

    Example:
        >>> clean_name("  Zhang   San "), clean_name(None)
        ('Zhang San', '')
        >>> clean_name(clean_name(" a " * 50)) == clean_name(" a " * 50)
        True
    """
    return unicodedata.normalize("NFC", " ".join(str(coder or "").split()))


def fingerprint(name: str) -> str:
    """Eight hex digits of a name (its SHA-1), different for any two names in practice.

    Example:
        >>> fingerprint("Zhang San")
        '686935d6'
    """
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def coder_key(name) -> str:
    """The key of every file of a name: the same wherever computed, different for two names.

    A name of letters, digits, hyphens and single spaces is kept (spaces as
    "_"); any other name gets ``-`` and the :func:`fingerprint` of the whole name.

    Example:
        >>> long = "a" * 61
        >>> coder_key("张三"), coder_key("../x"), coder_key(long).endswith(fingerprint(long))
        ('张三', 'x-72e4d01d', True)
    """
    name = clean_name(name)
    key = safe_file_name(name)
    if "_" in name or key != name.replace(" ", "_"):
        if not key.endswith(fingerprint(name)):
            key = f"{key[:50].rstrip('_')}-{fingerprint(name)}"
    return key


def old_key(name) -> str:
    """The key old versions gave a name (cut to 80 characters first): to find their files.

    Example:
        >>> old_key("../Zhang San")
        'Zhang_San'
    """
    return safe_file_name(clean_name(name)[:OLD_NAME_LENGTH])


def same_person(first, second) -> bool:
    """Are two names one person's (case and spaces do not count)?

    Example:
        >>> same_person(" nina  ROY", "Nina Roy"), same_person("Nina Roy", "Nina_Roy")
        (True, False)
    """
    return clean_name(first).casefold() == clean_name(second).casefold()
