"""The class overview for the instructor: one call, ``helpers.class_overview(folder)``.

It reads a folder of the class's hand-ins under any names (duplicates and
strays included), sets them against an optional class list, and shows who
handed in, per question the share right, the common wrong answers and the
hint each got, the open answers side by side and the codings' agreement
(:class:`helpers.render.class_overview.ClassOverview`). Without a folder it
reads a small example folder made from the shipped example codings, and says so.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from helpers.analysis.class_folder import make_example_hand_ins
from helpers.exercises.bank import load_questions
from helpers.render.class_overview import ClassOverview, class_overview_of
from helpers.render.html import Notice

#: Where the example folder is made when no folder is given.
EXAMPLE_FOLDER = "example_hand_ins"


def class_overview(folder=None, class_list=None, article_id=None, table=None):
    """The class's work: who handed in, per question, open answers, agreement; CSV downloads.

    ``folder`` holds the hand-ins (``*.json``, any names, and one level of
    sub-folders); ``class_list`` a text file (one name a line), a CSV file
    with a ``name`` column, or a list of names. Without ``folder``, a small
    example folder is made in a temporary folder (never among the students' work)
    from the example codings.
    Returns a :class:`~helpers.render.class_overview.ClassOverview` (its
    ``.downloads()`` offers the tables as CSV download buttons, which work on
    Binder; ``.export_csv()`` writes them into the work folder), or a notice
    saying what to do.

    Example:
        >>> import tempfile, os
        >>> os.environ["LIAOYANG_WORK_DIR"] = tempfile.mkdtemp()
        >>> overview = class_overview()
        >>> overview.summary()
        '3 students handed in (4 files read, 1 not used).'
        >>> class_overview("no such folder")  # doctest: +ELLIPSIS
        There is no folder no such folder...
    """
    notes = []
    if folder is None:
        folder = make_example_hand_ins(Path(tempfile.mkdtemp(prefix="liaoyang-")) / EXAMPLE_FOLDER)
        notes.append(
            "No folder was given, so this reads an example folder made from the shipped "
            "example codings (in a temporary folder, never among students' work; the answers "
            "are made up). "
            'Give your class\'s folder: helpers.class_overview("hand-ins").'
        )
    try:
        overview: ClassOverview = class_overview_of(
            Path(folder), class_list, load_questions(), article_id, table
        )
    except (FileNotFoundError, NotADirectoryError, PermissionError) as error:
        return Notice(str(error), "error")
    overview.notes[:0] = notes
    return overview
