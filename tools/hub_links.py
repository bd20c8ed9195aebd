"""Print the nbgitpuller links that hand this collection out on a JupyterHub.

    python tools/hub_links.py https://hub.example.edu                 # repository: git's origin
    python tools/hub_links.py https://hub.example.edu https://github.com/OWNER/REPO
    python tools/hub_links.py https://hub.example.edu URL --branch main

A student who opens a link logs in to the hub (if not yet), gets their own
clone of the repository in their home folder (named after the repository),
and lands on the start notebook in JupyterLab (or the reader app in Voila).
Opening the link again later brings the instructor's updates and keeps the
student's work and edits. The hub's single-user environment needs
``nbgitpuller`` (it is in requirements.txt).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parents[1]
START = "notebooks/00_start_here.ipynb"
APP = "notebooks/apps/reader_and_search.ipynb"


def clonable_url(remote: str) -> str:
    """A repository URL a hub can clone without a key: an ssh GitHub remote as https.

    Example:
        >>> clonable_url("git@github.com:someone/liaoyang.git")
        'https://github.com/someone/liaoyang'
        >>> clonable_url("https://gitlab.example.edu/seminar/liaoyang.git/")
        'https://gitlab.example.edu/seminar/liaoyang.git'
    """
    remote = remote.strip().rstrip("/")
    match = re.fullmatch(r"git@([^:]+):(.+?)(?:\.git)?", remote)
    if match:
        return f"https://{match.group(1)}/{match.group(2)}"
    return remote


def clone_folder(repository: str) -> str:
    """The folder nbgitpuller makes in the student's home: the repository's last name part.

    Example:
        >>> clone_folder("https://github.com/someone/liaoyang.git")
        'liaoyang'
    """
    name = repository.rstrip("/").split("/")[-1]
    return name[: -len(".git")] if name.endswith(".git") else name


def hub_link(hub: str, repository: str, branch: str = "main", notebook: str = START) -> str:
    """The nbgitpuller link that opens ``notebook`` of ``repository`` in JupyterLab on ``hub``.

    Example:
        >>> hub_link("https://hub.example.edu/", "https://github.com/someone/liaoyang")
        'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsomeone%2Fliaoyang&branch=main&urlpath=lab%2Ftree%2Fliaoyang%2Fnotebooks%2F00_start_here.ipynb'
    """
    return _link(hub, repository, branch, f"lab/tree/{clone_folder(repository)}/{notebook}")


def voila_link(hub: str, repository: str, branch: str = "main", notebook: str = APP) -> str:
    """The nbgitpuller link that opens the reader-and-search app in Voila on ``hub``.

    Example:
        >>> "voila%2Frender%2Fliaoyang%2Fnotebooks" in voila_link("https://h", "https://g/o/liaoyang")
        True
    """
    return _link(hub, repository, branch, f"voila/render/{clone_folder(repository)}/{notebook}")


def _link(hub: str, repository: str, branch: str, urlpath: str) -> str:
    query = urlencode({"repo": clonable_url(repository), "branch": branch, "urlpath": urlpath})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def origin_url() -> str | None:
    """This clone's ``origin`` remote, or None."""
    completed = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=PROJECT, capture_output=True, text=True
    )
    return completed.stdout.strip() or None


def main(arguments: list[str]) -> None:
    """Print the two links, or say what to do when the repository is unknown."""
    parser = argparse.ArgumentParser(description="Print this collection's nbgitpuller links.")
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repository", nargs="?", help="the repository's URL (default: origin)")
    parser.add_argument("--branch", default="main", help="the branch to hand out (default: main)")
    options = parser.parse_args(arguments)
    repository = options.repository or origin_url()
    if not repository:
        sys.exit("This clone has no origin remote: give the repository's URL after the hub's.")
    print("JupyterLab, start notebook:", hub_link(options.hub, repository, options.branch))
    print("Voila, reader app:         ", voila_link(options.hub, repository, options.branch))


if __name__ == "__main__":
    main(sys.argv[1:])
