"""What the coding tests in model/ and views/ share: a coder's saved file, backups in a folder."""

import json
from pathlib import Path

from helpers.model.coding_store import coding_path


def saved(coder):
    """The coder's save file as it is on disk, as data."""
    return json.loads(coding_path(coder).read_text(encoding="utf-8"))


def backups(folder, marker):
    """The files of ``folder`` whose name holds ``marker`` (``.broken-``, ``.v1-backup`` ...)."""
    return sorted(path for path in Path(folder).iterdir() if marker in path.name)
