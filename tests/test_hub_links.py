"""The nbgitpuller link tool (tools/hub_links.py) builds links to files that exist."""

import doctest
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tools"))

import hub_links  # noqa: E402


def test_the_tools_examples_hold():
    assert doctest.testmod(hub_links).failed == 0


def test_the_links_open_files_of_the_collection_in_the_students_clone():
    for link in (
        hub_links.hub_link("https://hub.example.edu", "git@github.com:someone/liaoyang.git"),
        hub_links.voila_link("https://hub.example.edu/", "https://github.com/someone/liaoyang"),
    ):
        parts = urlsplit(link)
        assert (parts.netloc, parts.path) == ("hub.example.edu", "/hub/user-redirect/git-pull")
        query = parse_qs(parts.query)
        assert query["repo"] == ["https://github.com/someone/liaoyang"]
        assert query["branch"] == ["main"]
        kind, _, path = query["urlpath"][0].partition("/liaoyang/")
        assert kind in {"lab/tree", "voila/render"}
        assert (PROJECT / path).is_file(), path


def test_the_tool_prints_both_links():
    done = subprocess.run(
        [
            sys.executable,
            str(PROJECT / "tools" / "hub_links.py"),
            "https://h.example",
            "https://g.example/o/r",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.count("https://h.example/hub/user-redirect/git-pull?") == 2
