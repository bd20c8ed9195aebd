"""A class's codings as the agreement reads them: every file of a folder, whatever its name.

An instructor's folder holds what students handed in: coding files, hand-ins
(:mod:`helpers.model.handin`: the work file and the coding in one file), bare
work files, renamed downloads (``Tom_Berg_week7.json``, ``coding-Nina_Roy (1).json``),
second copies, a file of another article, a damaged one. :func:`read_codings`
reads every ``.json`` file of the folder through the one reader of hand-ins
(:func:`helpers.model.handin.read_hand_in`); :func:`usable_codings` keeps one
coding per coder (the latest) of one article. Every file not used is listed
with its reason (a sentence that says what to do) and its category (a key of
:data:`helpers.model.handin.REASONS`, or "no coding"): one bad file never stops the report.

The copies the collection keeps itself (``.v1-backup``, ``.broken-``,
``.before-restore-``), hidden files (``.x.json.lock``, ``.x.json.tmp``) and the
student's name file (``student.json``) are not the class's work and are passed by.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from helpers.model.coding import Coding, default_article
from helpers.model.handin import HandInError, hand_in_file_bytes, latest_copy, read_hand_in
from helpers.model.paths import data_path, find_path
from helpers.model.source import as_table
from helpers.model.storage import SaveFileError
from helpers.model.tagset import TagSet
from helpers.model.work import STUDENT_FILE

#: The marks of the copies the collection keeps of a file (never a coder's own work).
COPY_MARKERS = (".v1-backup", ".broken-", ".before-restore-")
#: The columns of the table of files not used: the file, the sentence that says why and
#: what to do, and its category (a key of REASONS, or "no coding").
SKIPPED_COLUMNS = ["file", "reason", "category"]


class AgreementError(ValueError):
    """Agreement cannot be computed (one coder only, no coding of the article...); says why."""


def coding_files(folder: str | Path) -> list[Path]:
    """The files of a class's folder: every ``*.json`` entry in it and one level down, sorted.

    Whatever its name (``Tom_Berg_week7.json``, ``handin-Nina_Roy (1).json``,
    one folder per student as some platforms unzip). Hidden entries, the
    collection's own copies (backups) and ``student.json`` are left out. An
    entry that only looks like a file (a folder or a pipe named ``x.json``)
    is kept, so the reader can list it with its reason.

    Example:
        >>> [path.name for path in coding_files(example_codings())][0]
        'coding-Example_coder_A.json'
    """
    found = []
    for entry in sorted(Path(folder).iterdir()):
        if entry.is_dir() and entry.suffix.lower() != ".json" and not entry.name.startswith("."):
            found += [inner for inner in sorted(entry.iterdir()) if _is_work(inner)]
        elif _is_work(entry):
            found.append(entry)
    return found


def _is_work(path: Path) -> bool:
    """Is this entry a file of a student's work (not hidden, not the collection's own copy)?"""
    return (
        path.suffix.lower() == ".json"
        and not path.name.startswith(".")
        and path.name != STUDENT_FILE
        and not any(marker in path.stem for marker in COPY_MARKERS)
    )


def example_codings() -> Path:
    """The folder of three example coders' files that ships with the collection.

    They were made by the collection's authors to demonstrate agreement: each
    follows the reference coding except on a few ambiguous segments, with a note.

    Example:
        >>> len(coding_files(example_codings()))
        3
    """
    return data_path("example_codings")


def sources_of(files_or_folder) -> list:
    """The sources to read: a folder's files, one file, a coding, or the list given.

    Example:
        >>> len(sources_of(example_codings()))
        3
    """
    if isinstance(files_or_folder, (str, Path)):
        path = find_path(files_or_folder)  # "work/codings" is found from notebooks/ too
        if path.is_dir():
            return coding_files(path)
        if not path.exists():
            raise AgreementError(f"{path} does not exist. Give a folder or a list of files.")
        return [path]
    if isinstance(files_or_folder, (dict, Coding)):
        return [files_or_folder]
    return list(files_or_folder)


def source_name(source) -> str:
    """How a source is named in messages: a file's name, or "the coding of <coder>".

    Example:
        >>> source_name({"coder": "A"}), source_name(Path("work/coding-A.json"))
        ('the coding of A', 'coding-A.json')
    """
    if isinstance(source, Coding):
        return f"the coding of {source.coder}"
    if isinstance(source, dict):
        return f"the coding of {source.get('coder', '?')}"
    return Path(source).name


def read_one(source, table: pd.DataFrame, tagset: TagSet) -> Coding:
    """One source's coding (a file of any kind, save-file content, a Coding), or HandInError.

    Example:
        >>> read_one({"coder": "A", "codes": {"P1.1": "lead"}}, as_table(), TagSet.moves()).coder
        'A'
    """
    name = source_name(source)
    if isinstance(source, (dict, Coding)):
        data = source.file_content() if isinstance(source, Coding) else source
        raw = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    else:
        raw = hand_in_file_bytes(source, name)
    hand_in = read_hand_in(raw, name)
    if hand_in.coding is None:
        raise HandInError(
            "no coding", f"{name} has no coding in it (answers and notes only): nothing to compare."
        )
    coding, migrated = hand_in.coding, _is_migrated(hand_in.coding)
    coding.revision = hand_in.revision  # which copy is later: the one rule, latest_copy
    coding.tagset = tagset if migrated else tagset.with_own(list(coding.tagset))
    coding.warnings, coding.source = coding.warnings + coding.problems(table), name
    if migrated and isinstance(source, (str, Path)):  # an old file says not when it was saved
        coding.updated = _file_time(Path(source))
    return coding


def _is_migrated(coding: Coding) -> bool:
    return any(message.startswith("Migrated") for message in coding.messages)


def _file_time(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()


def read_codings(files_or_folder, table=None, tagset: TagSet | None = None):
    """Read every coding it can; return (codings, files not used with the reason).

    A file that is damaged, foreign, newer, empty or without a coding is listed,
    never the end of the reading.

    Example:
        >>> codings, skipped = read_codings([{"coder": "A", "codes": {"P1.1": "lead"}}])
        >>> codings[0].coder, len(skipped)
        ('A', 0)
    """
    table, tagset = as_table(table), tagset if tagset is not None else TagSet.moves()
    codings, skipped = [], []
    for source in sources_of(files_or_folder):
        name = source_name(source)
        try:
            codings.append(read_one(source, table, tagset))
        except HandInError as error:
            skipped.append({"file": name, "reason": str(error), "category": error.reason})
        except SaveFileError as error:
            skipped.append({"file": name, "reason": str(error), "category": "foreign"})
        except OSError as error:
            message = f"{name} could not be read ({type(error).__name__}): check it is a file."
            skipped.append({"file": name, "reason": message, "category": "damaged"})
    return codings, pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)


def the_article(codings: list[Coding], expected: str = "") -> str:
    """The article compared: ``expected`` (the table's), else the one most codings are of.

    A tie goes to the seed article. Raises :class:`AgreementError` when a
    table is given and no coding is of its article.

    Example:
        >>> the_article([Coding.new("A", "x"), Coding.new("B", "x"), Coding.new("C", "y")])
        'x'
    """
    counts = Counter(coding.article for coding in codings)
    if expected:
        if counts and expected not in counts:
            raise AgreementError(
                f"These codings are of the article {sorted(counts)[0]!r}, but the table given "
                f"is of {expected!r}. Pass the coded article as table=."
            )
        return expected
    if not counts:
        return default_article()
    most = max(counts.values())
    top = [article for article, count in counts.items() if count == most]
    return default_article() if default_article() in top else top[0]


def usable_codings(codings: list[Coding], expected: str = "") -> tuple[list, str, pd.DataFrame]:
    """One coding per coder, of one article: (codings kept, the article, files left out).

    A coding of another article is left out ("other article"); of a coder's
    several codings the latest (:func:`helpers.model.handin.latest_copy`, the
    rule the class overview follows too) is kept and the others are left out
    ("duplicate").

    Example:
        >>> old = Coding.new("A").set_code("P1.1", "lead")
        >>> new = Coding.new("a").set_code("P1.1", "situation")
        >>> kept, article, left = usable_codings([old, new])
        >>> kept[0].codes["P1.1"].tag, left["category"].tolist()
        ('situation', ['duplicate'])
    """
    article = the_article(codings, expected)
    skipped, by_coder = [], {}
    for coding in codings:
        if coding.article != article:
            message = (
                f"{coding.source} is work on another article ({coding.article!r}; this report "
                f"is of {article!r}): compare it with the codings of its own article."
            )
            skipped.append({"file": coding.source, "reason": message, "category": "other article"})
            continue
        by_coder.setdefault(coding.coder.casefold(), []).append(coding)
    kept = []
    for group in by_coder.values():
        latest, others = latest_copy(group)
        kept.append(latest)
        for other in others:
            message = (
                f"{other.source} is an older copy of {latest.coder}'s coding: "
                f"{latest.source} (the later copy) is used."
            )
            skipped.append({"file": other.source, "reason": message, "category": "duplicate"})
    kept.sort(key=codings.index)
    return kept, article, pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)
