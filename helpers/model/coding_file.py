"""A coding for another article: turn a coding file into moves, steps and actors.

The reader colours segments by move, and the argument views draw the
problems and the corrective steps; for the seed article the coding is
hand-made (``helpers/data/``). For any other article, a coding file gives it:

* the annotator's save file (``work/coding-<name>.json``) or its CSV export
  (``coding-<name>.csv``): each segment's tag becomes its move, the note its note;
* a coding CSV written by hand or in a spreadsheet (UTF-8; start from
  :func:`write_coding_template`), one row per segment::

      seg_id,move,step,actors,note,answers
      P1.1,lead,,,The dispatch's opening.,
      P2.3,deviation-1,,cadres; peasants,Cadres praise cooperatives only.,
      P3.2,correction,1,county committee,The first step.,deviation-1; deviation-2

  ``seg_id`` and ``move`` are needed; the others may be left out or empty.
  ``move`` is one of the six moves (lead, situation, deviation-1,
  deviation-2, middle-peasants, correction) or a tag of your own (shown by
  name, not drawn in the argument map); empty means not coded. ``step`` is
  the corrective step's number (1, 2, ...) on a ``correction`` segment;
  ``actors`` lists who acts, separated by ``;``; ``answers`` (on a step's
  row) lists the problems the step answers, separated by ``;``: the arrows
  of the argument map. Extra columns (``zh``, ``en``) are allowed; where
  ``zh`` is given it must be the article's own Chinese, which catches a
  coding of another article.

:func:`helpers.model.coding_apply.apply_coding` returns the article's segments
table with the coding in it; give that table to ``reader``, ``argument_table``,
``argument_map`` and ``compare``. :func:`read_coding` reads any coding (a save
file through :func:`helpers.model.coding.read_coding_data`, the one reader of
the save format). :func:`steps_for` is the steps table the argument views use: the
seed's hand-made one, a steps file in the format of ``helpers/data/steps.csv``
(:func:`read_steps`), or one made from the coding's ``step`` column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.model.coding import Coding, read_coding_data
from helpers.model.coding_store import NotJSONError, coding_data, decode_json
from helpers.model.files import FileReadError, file_problem, read_regular
from helpers.model.paths import find_path, work_dir
from helpers.model.source import article_id_of, as_table, is_seed_table
from helpers.model.spreadsheet import SpreadsheetError, read_spreadsheet_csv
from helpers.model.storage import (
    MAX_SAVE_BYTES,
    SaveError,
    SaveFileError,
    atomic_write_text,
    could_not_write,
    file_in,
    safe_file_name,
)
from helpers.model.tables import steps
from helpers.model.tagset import TagSet
from helpers.model.text import shorten, split_list

#: The columns of a coding CSV, in order (``seg_id`` and ``move`` are needed).
CODING_COLUMNS = ["seg_id", "move", "step", "actors", "note", "answers"]

#: The columns of a steps table (as :func:`helpers.steps`).
STEPS_COLUMNS = ["step", "seg_id", "summary", "answers", "reading"]

_WHOLE_NUMBER = re.compile(r"^(\d+)(?:[.,]0+)?$")  # 2, 2.0, or 2,0 from a European spreadsheet

#: The column names a coding CSV may have, read in any case (Seg_ID, MOVE ...).
_KNOWN_COLUMNS = {*CODING_COLUMNS, "zh", "en", "tag"}


class CodingFileError(ValueError):
    """A coding that cannot be used: the message names the file and says what to do."""


# ---------------------------------------------------------------- reading a coding


def read_coding(coding) -> pd.DataFrame:
    """A coding as a table with the columns of :data:`CODING_COLUMNS` (plus ``zh`` if given).

    ``coding`` is the path of an annotator save file (.json), of its CSV
    export or of a coding CSV, a :class:`~helpers.model.coding.Coding`, a save
    file's content (a dict with ``codes``), a dict ``{seg_id: move}``, or a
    DataFrame. Raises
    :class:`CodingFileError` with a message saying what to do.

    Example:
        >>> read_coding({"P1.1": "lead"})[["seg_id", "move"]].values.tolist()
        [['P1.1', 'lead']]
    """
    if isinstance(coding, (str, Path)):
        return _read_file(find_path(coding))
    if isinstance(coding, Coding):
        return _from_coding(coding, "the coding given")
    if isinstance(coding, dict):
        return _from_dict(coding, "the coding given")
    if isinstance(coding, pd.DataFrame):
        return _from_frame(_as_cells(coding), "the coding table")
    raise CodingFileError(
        f"Cannot read a {type(coding).__name__} as a coding: give the path of a coding file "
        "(.json from the annotator, or .csv), or a dict {seg_id: move}."
    )


def _read_file(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        problem = file_problem(path, "coding file")
        if problem is None:
            raise CodingFileError(
                f"{path.name}: a coding file ends in .json (the annotator's save file) or .csv "
                "(its export, or a coding written in a spreadsheet)."
            )
    try:
        raw = read_regular(path, MAX_SAVE_BYTES, "coding file")
    except FileReadError as error:
        words = error.words
        if error.kind == "missing":
            words = (
                "no such coding file. Check the name and the folder (the annotator saves in "
                "the work folder, in work-<name>-<article>.json)."
            )
        raise CodingFileError(f"{path}: {words}") from None
    if suffix == ".json":
        try:
            data = decode_json(raw)
        except NotJSONError:
            raise CodingFileError(
                f"{path.name} is not readable JSON (damaged or cut short). Use the annotator's "
                "save file, or its CSV export."
            ) from None
        if not isinstance(data, dict):
            raise CodingFileError(f"{path.name} is not a coding file (no JSON object in it).")
        return _from_dict(data, path.name)
    try:
        return _from_frame(read_spreadsheet_csv(raw, _KNOWN_COLUMNS), path.name)
    except SpreadsheetError as error:
        raise CodingFileError(f"{path.name} {error}") from None


def _from_dict(data: dict, name: str) -> pd.DataFrame:
    """A save file's content (any version), a work file's coding, or a {seg_id: move} mapping."""
    if isinstance(data.get("coding"), dict):  # a work file: its coding section
        data = coding_data(data)
    if "codes" not in data:
        if not all(isinstance(tag, str) for tag in data.values()):
            raise CodingFileError(
                f"{name} is not a coding: give the annotator's save file, or {{seg_id: move}}."
            )
        rows = [{"seg_id": str(seg), "move": tag} for seg, tag in data.items()]
        return _from_frame(pd.DataFrame(rows, columns=["seg_id", "move"]), name)
    try:
        coding = read_coding_data(data, name, article="")  # a version-1 file: any article
    except SaveFileError as error:
        raise CodingFileError(str(error)) from None
    return _from_coding(coding, name)


def _from_coding(coding: Coding, name: str) -> pd.DataFrame:
    rows = [[seg_id, code.tag, code.note] for seg_id, code in coding.codes.items()]
    frame = _from_frame(pd.DataFrame(rows, columns=["seg_id", "move", "note"]), name)
    frame.attrs["article"] = coding.article
    return frame


def _from_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a coding's columns and cells; return them in the coding's columns."""
    frame = frame.rename(columns={column: str(column).strip() for column in frame.columns})
    if "move" not in frame.columns and "tag" in frame.columns:  # the annotator's export
        frame = frame.rename(columns={"tag": "move"})
    missing = [column for column in ("seg_id", "move") if column not in frame.columns]
    if missing:
        raise CodingFileError(
            f"{name} has no column {' or '.join(repr(c) for c in missing)}. A coding CSV has "
            f"the columns {','.join(CODING_COLUMNS)} (seg_id and move needed); "
            "helpers.write_coding_template(article) writes one to fill in."
        )
    frame = frame.astype(str).apply(lambda column: column.str.strip())
    frame = frame[frame["seg_id"] != ""]
    repeated = frame.loc[frame["seg_id"].duplicated(), "seg_id"].tolist()
    if repeated:
        raise CodingFileError(f"{name} codes {repeated[0]!r} twice: keep one row per segment.")
    moves = TagSet.moves()
    coded = pd.DataFrame(
        {
            "seg_id": frame["seg_id"],
            "move": [moves.canonical(move) for move in frame["move"]],  # "Lead" is lead
            "step": [_step(cell, seg, name) for cell, seg in _cells(frame, "step")],
            "actors": [split_list(cell) for cell, _ in _cells(frame, "actors")],
            "note": [cell for cell, _ in _cells(frame, "note")],
            "answers": [
                [moves.canonical(answer) for answer in split_list(cell)]
                for cell, _ in _cells(frame, "answers")
            ],
        }
    ).reset_index(drop=True)
    coded["step"] = coded["step"].astype("Int64")
    if "zh" in frame.columns:
        coded["zh"] = frame["zh"].tolist()
    return coded


def _as_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A DataFrame's cells as text: lists joined with '; ', missing values empty."""
    frame = frame.astype(object)
    for column in frame.columns:
        frame[column] = [
            "; ".join(map(str, cell))
            if isinstance(cell, (list, tuple))
            else ("" if pd.isna(cell) else str(cell))
            for cell in frame[column]
        ]
    return frame


def _cells(frame: pd.DataFrame, column: str):
    """(cell, seg_id) for a column, empty cells where the column is missing."""
    cells = frame[column] if column in frame.columns else [""] * len(frame)
    return list(zip(cells, frame["seg_id"], strict=True))


def _step(cell: str, seg_id: str, name: str):
    if cell in ("", "nan", "<NA>"):
        return pd.NA
    whole = _WHOLE_NUMBER.match(cell)
    if not whole or int(whole.group(1)) < 1:
        raise CodingFileError(
            f"{name}: the step of {seg_id} is {cell!r}; a step is a whole number (1, 2, ...)."
        )
    return int(whole.group(1))


# ---------------------------------------------------------------- steps


def read_steps(steps_file, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """A steps table (columns :data:`STEPS_COLUMNS`) from a CSV file or a DataFrame.

    The format is that of ``helpers/data/steps.csv``: ``step`` and ``seg_id``
    needed; ``summary``, ``answers`` (moves separated by ``;``) and ``reading``
    may be empty. With ``table``, every seg_id must be one of its segments.

    Example:
        >>> frame = pd.DataFrame({"step": ["1"], "seg_id": ["P3.2"], "answers": ["deviation-1"]})
        >>> row = read_steps(frame).iloc[0]
        >>> int(row.step), row.answers
        (1, ['deviation-1'])
    """
    name = "the steps table"
    if isinstance(steps_file, (str, Path)):
        path, name = find_path(steps_file), Path(steps_file).name
        try:
            raw = read_regular(path, MAX_SAVE_BYTES, "steps file")
            steps_file = read_spreadsheet_csv(raw, STEPS_COLUMNS)
        except FileReadError as error:
            words = "no such steps file." if error.kind == "missing" else error.words
            raise CodingFileError(f"{path}: {words} Check the name and the folder.") from None
        except SpreadsheetError as error:
            raise CodingFileError(f"{name} {error}") from None
    if not isinstance(steps_file, pd.DataFrame):
        raise CodingFileError("Give the steps as a CSV file's path or a DataFrame.")
    frame = steps_file.copy()
    missing = [column for column in ("step", "seg_id") if column not in frame.columns]
    if missing:
        raise CodingFileError(
            f"{name} has no column {' or '.join(missing)}: a steps table has the columns "
            f"{','.join(STEPS_COLUMNS)} (step and seg_id needed)."
        )
    for column in ("summary", "reading"):
        frame[column] = frame[column].astype(str) if column in frame.columns else ""
    if "answers" not in frame.columns:
        frame["answers"] = [[] for _ in range(len(frame))]
    frame["answers"] = [a if isinstance(a, list) else split_list(a) for a in frame["answers"]]
    frame["seg_id"] = frame["seg_id"].astype(str).str.strip()
    numbers = [
        _step(str(cell).strip(), seg, name)
        for cell, seg in zip(frame["step"], frame["seg_id"], strict=True)
    ]
    if any(pd.isna(number) for number in numbers):
        raise CodingFileError(f"{name}: every row needs a step number.")
    frame["step"] = pd.array(numbers, dtype="Int64")
    if table is not None:
        unknown = sorted(set(frame["seg_id"]) - set(table["seg_id"]))
        if unknown:
            raise CodingFileError(
                f"{name} names segments this article does not have: {', '.join(unknown)}."
            )
    return frame[STEPS_COLUMNS].sort_values("step").reset_index(drop=True)


def steps_for(table: pd.DataFrame, steps_table=None) -> pd.DataFrame:
    """The corrective steps the argument views draw for an article's table.

    A steps file or table given is read (:func:`read_steps`); otherwise the
    seed's hand-made steps (for the seed), or steps made from the coding's
    ``step`` column: the segment's English as the summary, the coding's
    ``answers`` and note. No step coded gives an empty table.

    Example:
        >>> from helpers.model.coding_apply import apply_coding
        >>> len(steps_for(apply_coding(None, {"P1.1": "lead"})))
        5
        >>> import helpers.model.source as sources
        >>> other = sources.as_table().assign(zh="别的", step=pd.NA)
        >>> steps_for(other).empty
        True
    """
    if steps_table is not None:
        return read_steps(steps_table, table)
    if is_seed_table(table):
        return steps()
    rows = []
    stepped = table[table["step"].notna()] if "step" in table.columns else table.iloc[0:0]
    for number, group in stepped.groupby("step", sort=True):
        answers = [a for cell in group.get("answers", []) for a in (cell or [])]
        notes = [str(note) for note in group.get("note", []) if str(note).strip()]
        rows.append(
            {
                "step": int(number),
                "seg_id": group["seg_id"].iloc[0],
                "summary": shorten(" ".join(str(en) for en in group["en"]), 220),
                "answers": list(dict.fromkeys(answers)),
                "reading": " ".join(notes),
            }
        )
    frame = pd.DataFrame(rows, columns=STEPS_COLUMNS)
    frame["step"] = frame["step"].astype("Int64")
    return frame


# ---------------------------------------------------------------- a template


def write_coding_template(source, path: str | Path | None = None) -> Path | None:
    """Write a coding CSV to fill in (in a spreadsheet): every segment, its texts, empty codes.

    Columns :data:`CODING_COLUMNS`, then ``zh`` and ``en`` for reference.
    Saved as UTF-8 with a byte-order mark (Excel reads the Chinese) in the
    work folder as ``coding-template-<article>.csv``, unless ``path`` says
    otherwise (a folder: the file goes in it). Read it back with
    :func:`helpers.apply_coding`. A path that cannot be written to prints one
    sentence saying so and returns None.

    Example:
        >>> import os, tempfile; os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> path = write_coding_template(None)
        >>> path.name, bool(read_coding(path)["move"].eq("").all())
        ('coding-template-000_de9b3e9f03d8f077.csv', True)
    """
    table = as_table(source)
    name = f"coding-template-{safe_file_name(article_id_of(table) or 'article')}.csv"
    path = file_in(path, name) if path is not None else work_dir() / name
    frame = pd.DataFrame(
        {
            "seg_id": table["seg_id"],
            "move": "",
            "step": "",
            "actors": "",
            "note": "",
            "answers": "",
            "zh": table["zh"],
            "en": table["en"],
        }
    )
    try:
        atomic_write_text(path, "\ufeff" + frame.to_csv(index=False, lineterminator="\n"))
    except SaveError as error:
        print(could_not_write("The coding template", path, error))
        return None
    return path
