"""The README's commands and links point at things that exist."""

import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text(encoding="utf-8")
sys.path.insert(0, str(PROJECT / "tools"))

import binder_links  # noqa: E402


def test_the_binder_paths_in_the_readme_exist():
    paths = re.findall(r"urlpath=(?:lab/tree|voila/render)/(\S+?\.ipynb)", README)
    assert len(paths) == 2
    for path in paths:
        assert (PROJECT / path).is_file(), path


def test_the_badge_tool_builds_the_same_paths_as_the_readme():
    links = binder_links.launch_links("OWNER/REPO")
    for link in links.values():
        assert link in README


def test_the_badge_tool_reads_github_remotes():
    assert binder_links.github_repository("https://github.com/a/b.git") == "a/b"
    assert binder_links.github_repository("git@github.com:a/b") == "a/b"
    assert binder_links.github_repository("https://example.org/a/b") is None


def test_the_badge_tool_prints_badges_for_a_named_repository():
    done = subprocess.run(
        [sys.executable, str(PROJECT / "tools" / "binder_links.py"), "someone/liaoyang"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.count("mybinder.org/v2/gh/someone/liaoyang/HEAD") == 2


def test_the_readme_names_the_two_commands_tasks_py_runs():
    for command in ("python tasks.py lab", "python tasks.py test"):
        assert command in README
    assert (PROJECT / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"


def test_every_folder_the_readme_maps_exists():
    for folder in re.findall(r"^\| `([\w./-]+/)` \|", README, flags=re.MULTILINE):
        assert (PROJECT / folder).is_dir(), folder


def test_the_package_map_names_every_module_in_its_layer():
    for layer in ["model", "analysis", "render", "exercises", "views"]:
        row = re.search(rf"^\| `helpers/{layer}/` \|.*$", README, flags=re.MULTILINE)
        assert row, layer
        for path in sorted((PROJECT / "helpers" / layer).glob("[!_]*.py")):
            assert f"`{path.stem}`" in row.group(0), f"{layer}/{path.name} is not in the map"
