"""Where a student's work lives when LIAOYANG_WORK_DIR is not set (issue 17).

On a JupyterHub the package may be installed once for the whole class (TLJH's
shared environment, an image), so ``work/`` beside the installed package would
be shared by every student, or unwritable. The work must go to the student's
own clone of the collection (made by an nbgitpuller link) or their home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.model import paths
from helpers.model.paths import SEED_NAME, collection_copy, default_work_dir, work_dir

PROJECT = Path(__file__).resolve().parents[2]


def make_clone(folder: Path) -> Path:
    """A copy of the collection's shape: seeds/<seed> and notebooks/."""
    (folder / "seeds").mkdir(parents=True)
    shutil.copy(PROJECT / "seeds" / SEED_NAME, folder / "seeds" / SEED_NAME)
    (folder / "notebooks").mkdir()
    return folder


@pytest.fixture
def shared_install(tmp_path, monkeypatch):
    """The package as a shared environment has it: in site-packages, no seeds beside it."""
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.setattr(paths, "PROJECT_DIR", site)
    monkeypatch.delenv("LIAOYANG_WORK_DIR", raising=False)
    return site


def as_student(monkeypatch, home: Path, user: str | None = "student") -> None:
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    if user:
        monkeypatch.setenv("JUPYTERHUB_USER", user)
    else:
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


def test_on_a_hub_each_student_saves_in_their_own_clone(tmp_path, shared_install, monkeypatch):
    folders = {}
    for name in ("ann", "bo", "cy"):
        home = tmp_path / "homes" / name
        as_student(monkeypatch, home, name)
        clone = make_clone(home / "liaoyang")
        monkeypatch.chdir(clone / "notebooks")
        folders[name] = work_dir()
        assert folders[name] == (clone / "work").resolve()
    assert len(set(folders.values())) == 3
    assert not (shared_install / "work").exists()


def test_on_a_hub_outside_a_clone_the_work_goes_to_the_home(tmp_path, shared_install, monkeypatch):
    home = tmp_path / "homes" / "ann"
    as_student(monkeypatch, home, "ann")
    monkeypatch.chdir(home)
    assert work_dir() == home.resolve() / "liaoyang-1954-work"
    assert not (shared_install / "work").exists()


def test_on_a_hub_a_clone_shared_by_the_class_is_not_used(tmp_path, monkeypatch):
    shared = make_clone(tmp_path / "srv" / "liaoyang")  # an instructor's checkout for all
    monkeypatch.setattr(paths, "PROJECT_DIR", shared)
    monkeypatch.delenv("LIAOYANG_WORK_DIR", raising=False)
    home = tmp_path / "homes" / "bo"
    as_student(monkeypatch, home, "bo")
    monkeypatch.chdir(shared / "notebooks")  # opened straight from the shared folder
    assert default_work_dir() == home.resolve() / "liaoyang-1954-work"


def test_on_a_laptop_the_checkout_keeps_its_work_folder(tmp_path, monkeypatch):
    checkout = make_clone(tmp_path / "checkout")
    monkeypatch.setattr(paths, "PROJECT_DIR", checkout)
    monkeypatch.delenv("LIAOYANG_WORK_DIR", raising=False)
    as_student(monkeypatch, tmp_path / "home", user=None)
    monkeypatch.chdir(tmp_path)  # anywhere: the package's own checkout is used
    assert work_dir() == (checkout / "work").resolve()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_clone_sends_the_work_home(tmp_path, shared_install, monkeypatch):
    clone = make_clone(tmp_path / "readonly")
    as_student(monkeypatch, tmp_path / "home", user=None)
    monkeypatch.chdir(clone / "notebooks")
    clone.chmod(0o555)
    try:
        assert default_work_dir() == (tmp_path / "home").resolve() / "liaoyang-1954-work"
    finally:
        clone.chmod(0o755)


def test_the_variable_wins(tmp_path, shared_install, monkeypatch):
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(tmp_path / "chosen"))
    assert work_dir() == tmp_path / "chosen"


def test_the_work_folder_is_ignored_by_git_so_a_pull_never_tracks_it():
    if shutil.which("git") is None or not (PROJECT / ".git").exists():
        pytest.skip("needs git and a checkout")
    probe = "work/work-Someone-000_de9b3e9f03d8f077.json"
    ignored = subprocess.run(["git", "check-ignore", "-q", probe], cwd=PROJECT, check=False)
    assert ignored.returncode == 0, "work/ must stay in .gitignore"
    assert collection_copy(PROJECT / "notebooks") == PROJECT
