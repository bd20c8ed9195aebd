"""What the coding tests in model/ and views/ share: a coder's saved file, backups in a folder."""

from pathlib import Path

from helpers.model.coding_store import coding_path, saved_coding_data


def saved(coder, article=None):
    """The coder's saved coding, as its download holds it (the work file's coding section)."""
    assert coding_path(coder, article).exists(), "no work file was saved"
    return saved_coding_data(coder, article)


def backups(folder, marker):
    """The files of ``folder`` whose name holds ``marker`` (``.broken-``, ``.v1-backup`` ...)."""
    return sorted(path for path in Path(folder).iterdir() if marker in path.name)
