"""Print the Binder launch badges for the GitHub repository this clone came from.

    python tools/binder_links.py            # uses `git remote get-url origin`
    python tools/binder_links.py OWNER/REPO # or name the repository

The links open the start notebook in JupyterLab, and the reader-and-search
app in Voila. Paste them into the README of your copy.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
START = "notebooks/00_start_here.ipynb"
APP = "notebooks/apps/reader_and_search.ipynb"
BADGE = "https://mybinder.org/badge_logo.svg"


def github_repository(remote: str) -> str | None:
    """'OWNER/REPO' from a GitHub remote URL (https or ssh), or None.

    Example:
        >>> github_repository("git@github.com:someone/liaoyang.git")
        'someone/liaoyang'
    """
    match = re.search(r"github\.com[:/]([^/]+/[^/]+?)(?:\.git)?/?$", remote.strip())
    return match.group(1) if match else None


def launch_links(repository: str) -> dict[str, str]:
    """The two Binder launch URLs for a repository 'OWNER/REPO'.

    Example:
        >>> launch_links("someone/liaoyang")["lab"].endswith("notebooks/00_start_here.ipynb")
        True
    """
    base = f"https://mybinder.org/v2/gh/{repository}/HEAD?urlpath="
    return {"lab": base + f"lab/tree/{START}", "voila": base + f"voila/render/{APP}"}


def main(arguments: list[str]) -> None:
    """Print the badges, or say what to do when the repository is unknown."""
    if arguments:
        repository = arguments[0]
    else:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=PROJECT, capture_output=True, text=True
        ).stdout
        repository = github_repository(remote)
    if not repository:
        sys.exit("This clone has no GitHub remote: run `python tools/binder_links.py OWNER/REPO`.")
    links = launch_links(repository)
    print(f"[![Launch JupyterLab on Binder]({BADGE})]({links['lab']})")
    print(f"[![Launch the reader app (Voila) on Binder]({BADGE})]({links['voila']})")


if __name__ == "__main__":
    main(sys.argv[1:])
