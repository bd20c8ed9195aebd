"""What the coding tests in model/ and views/ share: a coder's saved file, backups in a folder."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from helpers.model.coding_store import coding_path, saved_coding_data


def saved(coder, article=None):
    """The coder's saved coding, as its download holds it (the work file's coding section)."""
    assert coding_path(coder, article).exists(), "no work file was saved"
    return saved_coding_data(coder, article)


def backups(folder, marker):
    """The files of ``folder`` whose name holds ``marker`` (``.broken-``, ``.v1-backup`` ...)."""
    return sorted(path for path in Path(folder).iterdir() if marker in path.name)


def kill_when_replacing(*args: str) -> None:
    """Run ``python -c args...``, and kill -9 it once it prints "replacing" (mid-save).

    The script prints a line starting with "replacing" just before the file is
    replaced; the process is killed there and must have died of the signal.
    """
    process = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("replacing"), line
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
