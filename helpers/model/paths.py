"""Where things are: the seed article, the data files, the students' work folder.

Every path is found from this file's place in the project, so the notebooks
work whatever folder they run from.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The file name of the article this collection teaches.
SEED_NAME = "000_de9b3e9f03d8f077.txt"

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"


def seed_path() -> Path:
    """The path of the seed article in the project's ``seeds/`` folder.

    Example:
        >>> seed_path().name
        '000_de9b3e9f03d8f077.txt'
    """
    candidates = [PROJECT_DIR / "seeds" / SEED_NAME]
    here = Path.cwd().resolve()
    candidates += [folder / "seeds" / SEED_NAME for folder in (here, *here.parents)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"The seed article {SEED_NAME} was not found in a 'seeds' folder. "
        "Run the notebooks from inside the project folder, or pass the article's path."
    )


def data_path(name: str) -> Path:
    """The path of one of the project's data files in ``helpers/data/``.

    Example:
        >>> data_path("glossary.csv").name
        'glossary.csv'
    """
    return DATA_DIR / name


def work_dir() -> Path:
    """The folder where the student's work is saved (created if missing).

    The first of these that applies:

    1. the folder named by the environment variable ``LIAOYANG_WORK_DIR``;
    2. ``work/`` in the copy of the collection the notebook runs in (the
       current folder or one above it that holds ``seeds/`` and
       ``notebooks/``), if it can be written: a laptop's checkout, or a
       student's own clone on a hub (an nbgitpuller link makes one);
    3. ``work/`` in the project folder the package was installed from, if it
       is a checkout that can be written and this is not a JupyterHub;
    4. ``liaoyang-1954-work/`` in the home folder.

    On a JupyterHub (``JUPYTERHUB_USER`` is set) only a folder inside the
    student's home counts, so a package or a collection installed once for the
    whole class never holds, or mixes, anyone's work. ``work/`` is in the
    collection's ``.gitignore``: no file in it is tracked, so an nbgitpuller
    update never touches it. It is never inside ``seeds/``.

    Example:
        >>> work_dir().is_dir()
        True
    """
    chosen = os.environ.get("LIAOYANG_WORK_DIR")
    folder = Path(chosen) if chosen else default_work_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def collection_copy(start: Path) -> Path | None:
    """The copy of the collection ``start`` is in: it or a folder above with seeds and notebooks.

    Example:
        >>> collection_copy(PROJECT_DIR / "notebooks") == PROJECT_DIR
        True
        >>> collection_copy(Path("/")) is None
        True
    """
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "seeds" / SEED_NAME).is_file() and (folder / "notebooks").is_dir():
            return folder
    return None


def default_work_dir() -> Path:
    """The work folder when ``LIAOYANG_WORK_DIR`` is not set (rules 2 to 4 of :func:`work_dir`).

    Example:
        >>> default_work_dir().name in {"work", "liaoyang-1954-work"}
        True
    """
    home = Path.home().resolve()
    on_hub = bool(os.environ.get("JUPYTERHUB_USER"))
    candidates = [collection_copy(Path.cwd())]
    if not on_hub:
        candidates.append(collection_copy(PROJECT_DIR))
    for folder in candidates:
        if folder is None or (on_hub and not folder.is_relative_to(home)):
            continue
        work = folder / "work"
        if os.access(work if work.is_dir() else folder, os.W_OK):
            return work
    return home / "liaoyang-1954-work"


def find_path(path: str | Path) -> Path:
    """A path as given if it exists, else found from the folders above (a notebook's folder).

    A notebook runs in ``notebooks/``, so ``"seeds/my_article.txt"`` is looked
    for there, then in each folder above it and in the project folder. A path
    found nowhere is returned as given (the error then names it).

    Example:
        >>> find_path("seeds/000_de9b3e9f03d8f077.txt").is_file()
        True
    """
    path = Path(path).expanduser()
    if path.exists() or path.is_absolute():
        return path
    for folder in (*Path.cwd().resolve().parents, PROJECT_DIR):
        if (folder / path).exists():
            return folder / path
    return path
