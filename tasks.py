"""Set up and run the collection with one command, the same in bash and PowerShell.

    python tasks.py lab     # install (first time) and open JupyterLab on the start notebook
    python tasks.py test    # install the test tools (first time) and run the tests
    python tasks.py html    # run every notebook and save it as a static web page in build/html/
    python tasks.py app     # open the reader-and-search app in Voila (nothing asked of a CDN)

Both create a virtual environment in ``.venv/`` the first time, so nothing is
installed into your system Python. Extra words after ``test`` go to pytest,
for example ``python tasks.py test -k glossary``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
VENV = PROJECT / ".venv"
START_NOTEBOOK = Path("notebooks") / "00_start_here.ipynb"
MINIMUM_PYTHON = (3, 11)


def venv_python() -> Path:
    """The Python interpreter inside ``.venv``."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(*command: str | Path) -> None:
    """Run a command from the project folder; stop with its exit code if it fails."""
    print(">", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=PROJECT)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def install(*requirement_files: str) -> None:
    """Create ``.venv`` if needed and install the requirement files (skipped if unchanged)."""
    if sys.version_info < MINIMUM_PYTHON:
        sys.exit(
            f"This collection needs Python {MINIMUM_PYTHON[0]}.{MINIMUM_PYTHON[1]} or newer; "
            f"this is {sys.version.split()[0]}. Install a newer Python from python.org."
        )
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256()
    for name in requirement_files + ("pyproject.toml",):
        digest.update((PROJECT / name).read_bytes())
    stamp = VENV / f".installed-{'-'.join(Path(n).stem for n in requirement_files)}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest.hexdigest():
        return
    arguments = []
    for name in requirement_files:
        arguments += ["-r", name]
    run(venv_python(), "-m", "pip", "install", "--disable-pip-version-check", *arguments)
    stamp.write_text(digest.hexdigest(), encoding="utf-8")


def voila_setup() -> None:
    """Make the collection's Voila template the default in ``.venv`` (tools/voila_setup.py)."""
    run(venv_python(), "tools/voila_setup.py")


def lab() -> None:
    """Install the run-time requirements and open JupyterLab on the start notebook."""
    install("requirements.txt")
    voila_setup()  # so the app opened from JupyterLab (voila/render/...) asks no CDN either
    extra = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    run(venv_python(), "-m", "jupyter", "lab", "--ServerApp.root_dir=.", START_NOTEBOOK, *extra)


def test(pytest_arguments: list[str]) -> None:
    """Install everything and run the test suite (pytest), passing on extra arguments."""
    install("requirements.txt", "requirements-dev.txt")
    run(venv_python(), "-m", "pytest", *pytest_arguments)


def html() -> None:
    """Run every notebook and save it as a static HTML page in ``build/html/``.

    Widgets are saved in their static form (text and tables, no JavaScript),
    so the pages read the same offline, on a course website or on paper.
    """
    install("requirements.txt")
    notebooks = sorted(Path("notebooks").glob("*.ipynb")) + sorted(
        Path("notebooks").glob("apps/*.ipynb")
    )
    # tools/static_html.py: nbconvert's page with nothing fetched from a CDN and the Chinese
    # font embedded.
    run(venv_python(), "tools/static_html.py", "--output-dir", "build/html", *notebooks)


def app() -> None:
    """Install the run-time requirements and open the reader-and-search app in Voila."""
    install("requirements.txt")
    voila_setup()
    run(venv_python(), "-m", "voila", Path("notebooks") / "apps" / "reader_and_search.ipynb")


def main(arguments: list[str]) -> None:
    """Read the command line: ``lab``, ``app``, ``html`` or ``test [pytest arguments]``."""
    if not arguments or arguments[0] not in ("lab", "app", "test", "html"):
        sys.exit(__doc__)
    if arguments[0] == "lab":
        lab()
    elif arguments[0] == "app":
        app()
    elif arguments[0] == "html":
        html()
    else:
        test(arguments[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
