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
    """The folder where students' work is saved (created if missing).

    It is ``work/`` in the project folder, or the folder named by the
    environment variable ``LIAOYANG_WORK_DIR``. It is never inside ``seeds/``.

    Example:
        >>> work_dir().is_dir()
        True
    """
    folder = Path(os.environ.get("LIAOYANG_WORK_DIR") or PROJECT_DIR / "work")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
