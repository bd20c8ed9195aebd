"""Shared fixtures: the seed's text, a writer for made-up article files, a work folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.model.paths import seed_path

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's text, read as UTF-8."""
    return seed_path().read_text(encoding="utf-8")


@pytest.fixture
def write_article(tmp_path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write
