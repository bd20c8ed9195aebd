"""Settings for every test and doctest: students' work goes to a fresh temporary folder."""

import pytest

# The real-browser fixtures (JupyterLab server, Chromium page), shared by every browser test.
pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def isolated_work_dir(tmp_path_factory, monkeypatch):
    """Every test and doctest saves students' work in a fresh temporary folder, never in work/."""
    folder = tmp_path_factory.mktemp("work")
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(folder))
    return folder
