"""A folder of a class's hand-ins, read whatever the files are called: who handed in, and what not.

:func:`read_class_folder` reads every ``*.json`` file in a folder and one
level down with the one reader :func:`helpers.model.handin.read_hand_in`,
under any name (``Tom_Berg_week7.json``, ``handin-Nina_Roy (1).json``). It
keeps one hand-in per student (the latest copy, by the one rule
:func:`helpers.model.handin.latest_copy`) and lists every file it does not use
with its reason (duplicate, other article, damaged, empty, foreign, newer).
A folder, a pipe or an unreadable file among them is listed too; nothing
stops the reading.

:func:`read_class_list` reads a class list (a text file, one name a line, or
a CSV file with a name column) and :func:`roster` sets it against the hand-ins.

Example:
    >>> import tempfile
    >>> folder = make_example_hand_ins(tempfile.mkdtemp())
    >>> found = read_class_folder(folder)
    >>> [hand_in.student for hand_in in found.hand_ins]
    ['Example coder A', 'Example coder B', 'Example coder C']
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.analysis.agreement import coding_files, example_codings
from helpers.model.coding import clean_name, default_article
from helpers.model.coding_store import decode_json
from helpers.model.files import FileReadError, read_regular
from helpers.model.handin import (
    FORMAT_NAME,
    FORMAT_VERSION,
    REASONS,
    HandIn,
    HandInError,
    hand_in_file_bytes,
    latest_copy,
)
from helpers.model.handin import read_hand_in as read_one
from helpers.model.paths import find_path
from helpers.model.storage import MAX_SAVE_BYTES, atomic_write_text, safe_file_name
from helpers.model.work import FORMAT_NAME as WORK_FORMAT

#: The columns of the files table: one row per file looked at.
FILE_COLUMNS = ["file", "student", "used", "reason", "detail"]


@dataclass
class ClassFolder:
    """What :func:`read_class_folder` found: one hand-in per student, and every file's fate."""

    hand_ins: list[HandIn]
    files: pd.DataFrame
    article: str
    folder: str = ""
    students: list[str] = field(default_factory=list)

    @property
    def not_used(self) -> pd.DataFrame:
        """The files that were not used, each with its reason and a sentence on what to do."""
        return self.files[~self.files["used"]].reset_index(drop=True)


def name_key(name) -> str:
    """A name as names are matched: case and spaces do not count.

    Example:
        >>> name_key("  nina   ROY ") == name_key("Nina Roy")
        True
    """
    return " ".join(str(name or "").split()).casefold()


def _shown(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def _row(shown: str, student: str, reason: str = "", detail: str = "") -> dict:
    return {"file": shown, "student": student, "used": not reason, "reason": reason,
            "detail": detail}  # fmt: skip


def _chosen_article(read: list[HandIn], article_id: str | None) -> str:
    if article_id:
        return article_id
    counts = Counter(hand_in.article for hand_in in read)
    if not counts:
        return default_article()
    best = max(counts.values())
    tied = sorted(article for article, count in counts.items() if count == best)
    return default_article() if default_article() in tied else tied[0]


def one_student(copies: list[HandIn]) -> tuple[HandIn, list[str]]:
    """One student's copies made one: the latest work and the latest coding; the files used.

    The latest copy is chosen by the one rule for duplicates,
    :func:`helpers.model.handin.latest_copy` (the agreement follows it too). A
    bare work file and a bare coding file of one student (copied from a work
    folder) complement each other: both are used.

    Example:
        >>> work = HandIn("A", "x", {"revision": 3, "answers": {"q": {}}}, None, "w.json", "work")
        >>> older = HandIn("A", "x", {"revision": 1, "answers": {"q": {}}}, None, "o.json", "work")
        >>> one_student([older, work])[1]
        ['w.json']
    """
    latest, others = latest_copy(copies)
    ordered = [latest, *others]
    with_work = [
        copy for copy in ordered if copy.answers or copy.notes or copy.work.get("revision")
    ]
    with_coding = [copy for copy in ordered if copy.coding is not None and copy.coding.codes]
    base = with_work[0] if with_work else ordered[0]
    coding_from = base if base in with_coding or not with_coding else with_coding[0]
    if coding_from is base:
        return base, [base.source]
    merged = HandIn(base.student, base.article, base.work, coding_from.coding,
                    f"{base.source} + {coding_from.source}", base.kind, base.made)  # fmt: skip
    return merged, [base.source, coding_from.source]


def read_class_folder(
    folder: str | Path, article_id: str | None = None, leave_out=()
) -> ClassFolder:
    """Read a folder of hand-ins: one per student, and every file with its reason if not used.

    ``article_id`` is the article of the class's work (by default the one most
    hand-ins are of, the seed on a tie); ``leave_out`` names files not to look
    at (the class list, if it sits in the folder).

    Example:
        >>> import tempfile
        >>> found = read_class_folder(make_example_hand_ins(tempfile.mkdtemp()))
        >>> found.files[["file", "reason"]].values.tolist()[0], found.article
        (['Example_coder_A (older copy).json', 'duplicate'], '000_de9b3e9f03d8f077')
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"There is no folder {folder}. Put the class's hand-ins in one folder "
            "and give its name."
        )
    skip = {Path(path).resolve() for path in leave_out}
    read, raws, rows = [], {}, []
    for path in coding_files(folder):
        if path.resolve() in skip:
            continue
        shown = _shown(path, folder)
        try:
            raws[shown] = hand_in_file_bytes(path, shown)
            hand_in = read_one(raws[shown], shown)
            hand_in.student = hand_in.student or f"(no name: {shown})"
            read.append(hand_in)
        except HandInError as error:
            rows.append(_row(shown, "", error.reason, str(error)))
    article = _chosen_article(read, article_id)
    by_student: dict[str, list[HandIn]] = {}
    for hand_in in read:
        if hand_in.article != article:
            try:
                read_one(raws[hand_in.source], hand_in.source, article)
            except HandInError as error:
                rows.append(_row(hand_in.source, hand_in.student, error.reason, str(error)))
            continue
        by_student.setdefault(name_key(hand_in.student), []).append(hand_in)
    used = []
    for copies in by_student.values():
        kept, sources = one_student(copies)
        used.append(kept)
        for copy in copies:
            if copy.source in sources:
                rows.append(_row(copy.source, copy.student))
            else:
                detail = f"{copy.source} is {REASONS['duplicate']} ({kept.source})."
                rows.append(_row(copy.source, copy.student, "duplicate", detail))
    used.sort(key=lambda hand_in: name_key(hand_in.student))
    files = pd.DataFrame(rows, columns=FILE_COLUMNS).sort_values("file", ignore_index=True)
    files["used"] = files["used"].astype(bool)
    return ClassFolder(used, files, article, str(folder), [h.student for h in used])


# ---------------------------------------------------------------- the class list


def _names_from_csv(text: str) -> list[str]:
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        return []
    header = [cell.strip().casefold() for cell in rows[0]]
    for wanted in ("name", "student", "names", "students", "full name"):
        if wanted in header:
            column = header.index(wanted)
            return [row[column] for row in rows[1:] if len(row) > column]
    return [row[0] for row in rows]


def read_class_list(class_list) -> list[str]:
    """The names on a class list: a list of names, a text file (one a line) or a CSV file.

    A CSV file's column headed ``name`` or ``student`` is used, else its first
    column; blank lines and lines starting with ``#`` are left out.

    Example:
        >>> read_class_list(["Nina Roy", " ", "Tom  Berg"])
        ['Nina Roy', 'Tom Berg']
    """
    if isinstance(class_list, (str, Path)):
        path = find_path(class_list)
        try:
            raw = read_regular(path, MAX_SAVE_BYTES, "class list")  # never a pipe, never 50 MB
        except FileReadError as error:
            raise FileNotFoundError(
                f"There is no class list {path} ({error.words.split('.')[0]}). Give a text file "
                "(one name a line) or a CSV file."
            ) from None
        text = raw.decode("utf-8-sig", errors="replace")
        if path.suffix.lower() == ".csv":
            names = _names_from_csv(text)
        else:
            names = text.splitlines()
    else:
        names = list(class_list)
    names = [clean_name(name) for name in names if not str(name).strip().startswith("#")]
    return list(dict.fromkeys(name for name in names if name))


def roster(found: ClassFolder, class_list=None) -> pd.DataFrame:
    """Who handed in: one row per student, on the class list or not (names match whatever the case).

    Columns: student, on the list, handed in, file, answers, notes, codes.

    Example:
        >>> import tempfile
        >>> found = read_class_folder(make_example_hand_ins(tempfile.mkdtemp()))
        >>> table = roster(found, ["example coder a", "Someone Else"])
        >>> table[["student", "on the list", "handed in"]].values.tolist()[-1]
        ['Someone Else', True, False]
    """
    listed = read_class_list(class_list) if class_list is not None else []
    by_key = {name_key(hand_in.student): hand_in for hand_in in found.hand_ins}
    rows = []
    for name in listed:
        hand_in = by_key.pop(name_key(name), None)
        rows.append(_roster_row(hand_in.student if hand_in else name, bool(listed), hand_in))
    for hand_in in by_key.values():
        rows.append(_roster_row(hand_in.student, not listed and None, hand_in))
    columns = ["student", "on the list", "handed in", "file", "answers", "notes", "codes"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["handed in", "student"], ascending=[False, True], ignore_index=True)


def _roster_row(student: str, on_list, hand_in: HandIn | None) -> dict:
    codes = len(hand_in.coding.codes) if hand_in and hand_in.coding else 0
    return {
        "student": student,
        "on the list": on_list,
        "handed in": hand_in is not None,
        "file": hand_in.source if hand_in else "",
        "answers": len(hand_in.answers) if hand_in else 0,
        "notes": len(hand_in.notes) if hand_in else 0,
        "codes": codes,
    }


# ---------------------------------------------------------------- an example folder


def example_answers(index: int) -> dict[str, dict]:
    """A few answers for the example hand-ins (made up for the demonstration, not real students).

    Example:
        >>> sorted(example_answers(0))
        ['q03_chain_order', 'q03_two_or_three', 'q05_niuju']
    """
    chain = ["P2.3", "P2.4", "P2.5", "P2.6", "P2.7", "P2.8"]
    wrong_chain = ["P2.5", "P2.3", "P2.4", "P2.6", "P2.7", "P2.8"]
    niuju = (
        "Raising the prices of cattle"
        if index == 2
        else "Inflating the rate charged for draught teams"
    )
    two_or_three = ["A third problem: new actors.", "Part of deviation 2.", "A third problem."]
    return {
        "q03_chain_order": {"value": chain if index != 1 else wrong_chain,
                            "correct": index != 1,
                            "feedback": "" if index != 1 else "Start from the propaganda (P2.3)."},
        "q05_niuju": {"value": niuju, "correct": index != 2,
                      "feedback": "" if index != 2 else "牛犋 is a draught team, not cattle."},
        "q03_two_or_three": {"value": two_or_three[index % 3], "correct": None,
                             "feedback": "An open question: bring your reading to the seminar."},
    }  # fmt: skip


def make_example_hand_ins(folder: str | Path) -> Path:
    """Write a small folder of example hand-ins, made from the shipped example codings.

    One hand-in per example coder (with a few made-up answers and a note),
    plus one older copy of the first (a duplicate). Returns the folder.

    Example:
        >>> import tempfile
        >>> sorted(p.name for p in make_example_hand_ins(tempfile.mkdtemp()).iterdir())[:2]
        ['Example_coder_A (older copy).json', 'handin-Example_coder_A.json']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(coding_files(example_codings())):
        coding = decode_json(path.read_bytes())
        student = clean_name(coding["coder"])
        work = {
            "format": WORK_FORMAT,
            "version": 1,
            "student": student,
            "article": coding.get("article", default_article()),
            "revision": 5,
            "answers": example_answers(index),
            "notes": {"07_plan": {"text": f"My claim, as {student} would put it."}},
        }
        content = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "student": student,
                   "article": work["article"], "made": coding.get("updated", ""),
                   "work": work, "coding": coding}  # fmt: skip
        name = f"handin-{safe_file_name(student)}.json"
        atomic_write_text(folder / name, json.dumps(content, ensure_ascii=False, indent=1))
        if index == 0:
            older = {**content, "work": {**work, "revision": 2, "notes": {}}}
            atomic_write_text(folder / f"{safe_file_name(student)} (older copy).json",
                              json.dumps(older, ensure_ascii=False))  # fmt: skip
    return folder
