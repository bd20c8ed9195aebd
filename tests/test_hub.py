"""A class on a real JupyterHub: each student's work in their own home, and kept by an update.

The hub (``tests/hub.py``: JupyterHub, configurable-http-proxy, the dummy
authenticator, ``SimpleLocalProcessSpawner`` with a home per student, all on
127.0.0.1, in its own process group) serves three students. Ann is driven in
headless Chromium through the proxy: she logs in, opens the collection with the
nbgitpuller link ``tools/hub_links.py`` prints (from a local git repository of
the collection), gives her name in 00, answers a question, codes a segment in
07. Bo and Cy log in too, get the collection by the same link and save work of
their own (through their kernels). Then the instructor commits a changed
notebook; Ann, who has edited a notebook herself, opens the link again:
nbgitpuller merges, and her saved work and her edit are still there beside the
new content.

The package is installed once for the class (``site/`` on every server's
PYTHONPATH, as in TLJH's shared environment), so nothing may be saved beside
it: every student's work must be in their own clone's ``work/`` folder.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser import (
    NOTEBOOK,
    artefacts_dir,
    browser_missing_reason,
    button_in,
    full_screenshot,
    run_all_cells,
    wait_all_cells_run,
    wait_for_text,
    wait_idle,
    wait_until,
)
from tests.hub import (
    COLLECTION,
    commit_all,
    hub_missing_reason,
    hub_required,
    hub_running,
    make_collection_repository,
)

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tools"))

import hub_links  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.hub]

ANN, OTHERS = "ann", ("bo", "cy")
NAME = "Ann Hub"
QUESTION = "q00_segment_count"
WORK_FILES = ("student.json", "work-*.json", "coding-*.json")
UPSTREAM_LINE = "Updated by the instructor for week 2."
OWN_LINE = "My own note on the dateline, kept through the update."


def require_hub() -> None:
    reason = hub_missing_reason() or browser_missing_reason()
    if reason is None:
        return
    if hub_required():
        pytest.fail(reason + " (LIAOYANG_REQUIRE_HUB or LIAOYANG_REQUIRE_BROWSER is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    require_hub()
    base = tmp_path_factory.mktemp("hub")
    repo = make_collection_repository(base / "upstream")
    with hub_running(base / "run", [ANN, *OTHERS]) as running:
        running.repo = repo
        yield running


@pytest.fixture(scope="module")
def page(hub, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def saved_files(folder: Path) -> list[Path]:
    """Every student work file under ``folder`` (not the collection's own example codings)."""
    found = (path for pattern in WORK_FILES for path in folder.rglob(pattern))
    return sorted(path for path in found if "example_codings" not in path.parts)


def open_link(page, hub, notebook: str) -> None:
    """Open the nbgitpuller link for ``notebook`` and wait for it in JupyterLab, kernel idle."""
    # "?reset": JupyterLab opens the notebook alone (no tabs restored from the last visit).
    goto_settled(page, hub_links.hub_link(hub.url, str(hub.repo), notebook=notebook + "?reset"))
    page.wait_for_url(re.compile(r"/user/ann/lab/"), timeout=120_000)
    page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=120_000)
    wait_idle(page, timeout=120)


def goto_settled(page, url: str, tries: int = 3) -> None:
    """Go to ``url``, again if the page left behind redirects itself meanwhile.

    The hub's spawn-pending page sends the browser to the student's JupyterLab
    once the server is up; if that happens while we go elsewhere, Playwright
    reports the navigation as interrupted. Going again, after that redirect
    has loaded, reaches the page asked for.
    """
    from playwright.sync_api import Error as PlaywrightError  # only where a browser runs

    for attempt in range(1, tries + 1):
        try:
            page.goto(url)
            return
        except PlaywrightError as error:
            if "interrupted by another navigation" not in str(error) or attempt == tries:
                raise
            page.wait_for_load_state("load")


def run_everything(page) -> None:
    run_all_cells(page)
    wait_all_cells_run(page, timeout=240)


def cell_with(page, text: str):
    return page.locator(f"{NOTEBOOK} .jp-CodeCell").filter(has_text=text).first


def log_in(page, hub, user: str) -> None:
    page.goto(hub.url + "hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", "any password")
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{user}/|/hub/spawn-pending/"), timeout=120_000)


def log_in_over_http(hub, user: str) -> int:
    """Log in as a browser would, with the login form; the status of the answer."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(hub.url + "hub/login", timeout=30) as response:
        form = response.read().decode()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": user, "password": "x", "_xsrf": xsrf}).encode()
    with opener.open(hub.url + "hub/login?next=", data=data, timeout=60) as response:
        return response.status


@pytest.fixture(scope="module")
def class_worked(hub, page):
    """Ann works in the browser; Bo and Cy log in, pull and save work through their kernels."""
    log_in(page, hub, ANN)
    hub.start_server(ANN)
    open_link(page, hub, "notebooks/00_start_here.ipynb")
    run_everything(page)
    names = cell_with(page, "helpers.student()")
    names.locator("input").first.fill(NAME)
    button_in(names, "Save my name").click()
    wait_for_text(names, f"saved as {NAME}")
    question = cell_with(page, f'helpers.question("{QUESTION}")')
    box = question.locator("input").first
    box.click()
    box.press_sequentially("7")
    button_in(question, "Check").click()
    wait_for_text(question, "You answered 7")
    full_screenshot(page, artefacts_dir() / "screenshots" / "hub_00_ann.png")

    open_link(page, hub, "notebooks/07_coding_and_discussion.ipynb")
    run_everything(page)
    annotator = cell_with(page, "helpers.annotator")
    wait_for_text(annotator, "Segment 1 of")
    tag = annotator.get_by_label("Tag:", exact=True)
    tag.select_option(index=1)
    wait_idle(page)
    work_file = hub.home(ANN) / COLLECTION / "work" / "work-Ann_Hub-000_de9b3e9f03d8f077.json"
    wait_until(
        lambda: work_file.exists() and json.loads(work_file.read_text()).get("coding"),
        timeout=60,
        message=f"the coding saved in {work_file.name} in Ann's clone",
    )
    full_screenshot(page, artefacts_dir() / "screenshots" / "hub_07_ann.png")

    for user in OTHERS:
        assert log_in_over_http(hub, user) == 200
        hub.start_server(user)
        hub.pull(user, hub.repo)
        kernel = hub.start_kernel(user, f"{COLLECTION}/notebooks")
        code = (
            "import helpers\n"
            "from helpers.model.work import StudentWork, set_student_name\n"
            f"set_student_name({user.title()!r})\n"
            f"StudentWork({user.title()!r}).save_answer({QUESTION!r}, '19')\n"
            "print(helpers.work_dir())"
        )
        printed = hub.run_code(user, kernel, code).strip()
        assert printed == str(hub.home(user).resolve() / COLLECTION / "work"), printed
    return {path: path.read_bytes() for path in saved_files(hub.home(ANN))}


def test_each_students_work_is_in_their_own_home_only(hub, class_worked):
    ann_work = hub.home(ANN) / COLLECTION / "work"
    assert sorted(path.parent for path in class_worked) == [ann_work] * 2, class_worked
    assert json.loads((ann_work / "student.json").read_text())["name"] == NAME
    (work_file,) = ann_work.glob("work-*.json")  # answers, notes and the coding in one file
    work = json.loads(work_file.read_text())
    assert work["answers"][QUESTION]["value"] == "7"
    assert len(work["coding"]["codes"]) == 1
    assert not list(ann_work.glob("coding-*.json"))

    everywhere = saved_files(hub.base)
    assert not [path for path in everywhere if hub.site in path.parents], "saved beside the package"
    for user in OTHERS:
        theirs = [path for path in everywhere if hub.home(user) in path.parents]
        assert {path.name for path in theirs} == {
            "student.json",
            f"work-{user.title()}-000_de9b3e9f03d8f077.json",
        }, theirs
        assert all(NAME not in path.read_text() for path in theirs)
        status, listing = hub.request("GET", f"user/{user}/api/contents/{COLLECTION}/work")
        assert status == 200 and "Ann" not in json.dumps(listing)
        assert hub.request("GET", f"user/{user}/api/contents/../{ANN}")[0] in (403, 404)
    assert set(everywhere) == set(class_worked) | {
        path for user in OTHERS for path in everywhere if hub.home(user) in path.parents
    }


def test_the_instructor_reads_the_class_from_the_work_folders_copied(hub, class_worked, tmp_path):
    import helpers

    hand_ins = tmp_path / "hand-ins"  # as the guide's copy command makes it: one folder each
    for home in sorted(hub.homes.iterdir()):
        shutil.copytree(home / COLLECTION / "work", hand_ins / home.name)
    overview = helpers.class_overview(hand_ins, class_list=[NAME, "Bo", "Cy", "Di"])
    summary = overview.summary()
    assert summary.startswith("3 students handed in"), summary
    assert "missing from the class list: Di" in summary and "not on the class list" not in summary


def edit_notebook(path: Path, text: str, at_start: bool) -> None:
    """Add a markdown cell (first or last) to a notebook, saved as JupyterLab saves it."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = {"cell_type": "markdown", "id": f"edit-{len(text)}", "metadata": {}, "source": text}
    notebook["cells"].insert(0 if at_start else len(notebook["cells"]), cell)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_an_update_pulled_again_keeps_the_students_work_and_edits(hub, class_worked, page):
    clone = hub.home(ANN) / COLLECTION
    edit_notebook(clone / "notebooks" / "00_start_here.ipynb", OWN_LINE, at_start=False)
    edit_notebook(hub.repo / "notebooks" / "00_start_here.ipynb", UPSTREAM_LINE, at_start=True)
    edit_notebook(hub.repo / "notebooks" / "01_context.ipynb", UPSTREAM_LINE, at_start=True)
    commit_all(hub.repo, "Week 2: a changed notebook")

    open_link(page, hub, "notebooks/00_start_here.ipynb")
    wait_for_text(page.locator(NOTEBOOK).first, UPSTREAM_LINE, timeout=60)
    mine = (clone / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
    assert UPSTREAM_LINE in mine and OWN_LINE in mine
    assert UPSTREAM_LINE in (clone / "notebooks" / "01_context.ipynb").read_text(encoding="utf-8")
    assert {path: path.read_bytes() for path in saved_files(hub.home(ANN))} == class_worked
    upstream = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hub.repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    merged = subprocess.run(
        ["git", "merge-base", "--is-ancestor", upstream, "HEAD"], cwd=clone, check=False
    )
    assert merged.returncode == 0, "the student's clone does not hold the new commit"
    tracked = subprocess.run(
        ["git", "ls-files", "work"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == "", f"work files were committed into the clone: {tracked}"
    full_screenshot(page, artefacts_dir() / "screenshots" / "hub_00_after_update.png")
