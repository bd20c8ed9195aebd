"""The Binder path and the static views, proven from a fresh environment.

repo2docker builds a Binder image from ``runtime.txt`` and ``requirements.txt``
alone. This test does the same in a new virtual environment (from a copy of
the repository's files, nothing from the development environment), then
executes every notebook there and exports it to HTML the way
``python tasks.py html`` does: widgets in their static form. The exported
pages must show the article and no error.

It takes a few minutes (installing the requirements), so it is marked slow;
``python tasks.py test`` and CI run it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from helpers import segments
from tests.test_static_html import fetched_urls

PROJECT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb")) + sorted(
    (PROJECT / "notebooks" / "apps").glob("*.ipynb")
)

pytestmark = pytest.mark.slow


def _project_files() -> list[str]:
    """The repository's files as a clone would have them (tracked and new, not ignored)."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in listing.stdout.splitlines() if (PROJECT / name).is_file()]


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """A copy of the repository and a fresh venv built from the Binder files only."""
    runtime = (PROJECT / "runtime.txt").read_text(encoding="utf-8").strip()
    wanted = runtime.removeprefix("python-")
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert runtime.startswith("python-") and wanted == running, (
        f"runtime.txt asks for {runtime}; run this test with Python {wanted}"
    )
    root = tmp_path_factory.mktemp("binder")
    repo = root / "repo"
    for name in _project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / name, target)
    environment = root / "env"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-r",
            "requirements.txt",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    output = root / "html"
    env = {**os.environ, "LIAOYANG_WORK_DIR": str(root / "work"), "MPLBACKEND": "Agg"}
    notebooks = [str(path.relative_to(PROJECT)) for path in NOTEBOOKS]
    export = subprocess.run(
        [str(python), "tools/static_html.py", "--output-dir", str(output), *notebooks],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    assert export.returncode == 0, export.stderr[-3000:]
    return {"python": python, "repo": repo, "html": output, "env": env}


def test_helpers_import_from_the_binder_environment(binder):
    check = subprocess.run(
        [str(binder["python"]), "-c", "import helpers, sys; print(helpers.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        env=binder["env"],
    )
    assert check.returncode == 0, check.stderr
    assert str(binder["repo"]) in check.stdout


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_exported_page_shows_the_article_and_no_error(binder, notebook):
    page = (binder["html"] / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert "Traceback" not in page and "jp-OutputArea-error" not in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page
    assert "Error displaying widget:" not in page
    assert not re.search(r"(StaticFormBox|VBox|Tab)\(children=", page), "a widget showed as text"
    words = re.sub(r"<[^>]+>", "", page)  # a quoted segment has its glossary terms marked up
    shown = [text for text in segments()["zh"] if text[:12] in words]
    assert shown, f"{notebook.name}: no sentence of the article is shown"
    assert fetched_urls(page) == [], f"{notebook.name} fetches {fetched_urls(page)}"
    assert "url(data:font/ttf;base64," in page, "the Chinese font is not embedded"


@pytest.mark.parametrize(
    "notebook, marker",
    [
        ("02_first_reading", 'data-seg="P3.6"'),  # the reader's static form: the whole article
        ("03_two_deviations", "ly-table"),  # the comparison's tables
        ("04_corrective_steps", "data:image/png;base64"),  # the argument map figure
        ("06_patterns", "ly-hit"),  # the concordance's highlighted hits
        ("07_coding_and_discussion", "Example coder B"),  # the agreement report
        ("reader_and_search", 'data-seg="P1.1"'),  # the app's static form
    ],
)
def test_widgets_leave_their_static_form_in_the_page(binder, notebook, marker):
    page = (binder["html"] / f"{notebook}.html").read_text(encoding="utf-8")
    assert marker in page


def test_post_build_makes_the_collection_s_template_voila_s_default_on_binder(binder, tmp_path):
    """Binder runs postBuild after requirements.txt: then Voila, both ways, uses the template."""
    env = {
        **binder["env"],
        "PATH": f"{binder['python'].parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "JUPYTER_CONFIG_DIR": str(tmp_path / "user-config"),  # the user's own config kept out
        "JUPYTER_DATA_DIR": str(tmp_path / "user-data"),
    }
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    built = subprocess.run(
        ["bash", "postBuild"], cwd=binder["repo"], capture_output=True, text=True, env=env
    )
    assert built.returncode == 0, built.stdout + built.stderr
    check = subprocess.run(
        [str(binder["python"]), "tools/voila_setup.py", "--check"],
        cwd=binder["repo"], capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    probe = (
        "from voila.app import Voila; from voila.server_extension import load_config_file;"
        "app = Voila(); app.initialize([]); print(app.voila_configuration.template);"
        "print(load_config_file().VoilaConfiguration.template)"
    )
    chosen = subprocess.run(
        [str(binder["python"]), "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert chosen.returncode == 0, chosen.stderr[-3000:]
    assert chosen.stdout.split()[-2:] == ["liaoyang", "liaoyang"], chosen.stdout
