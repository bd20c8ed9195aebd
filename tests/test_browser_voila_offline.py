"""The app in Voila fetches nothing from outside the machine, however Voila is started.

Headless Chromium records every request the page makes (Playwright's
``page.on("request")``) while the reader-and-search app renders, and the test
fails on any that leaves 127.0.0.1 (``data:`` and ``blob:`` addresses stay in
the page). Three ways the collection starts Voila, each after
``tools/voila_setup.py`` (here into a temporary prefix) as Binder's
``postBuild`` and ``tasks.py`` run it:

- the ``voila`` command with no ``--template`` (``python tasks.py app``);
- JupyterLab's ``voila/render/...`` URL (Binder's launch link);
- the server of tests/test_browser_voila.py.

A control shows the check would see a CDN request: Voila's own page, without
the setup, asks cdn.jsdelivr.net for Font Awesome.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser import (
    PROJECT,
    copy_notebooks,
    free_port,
    require_browser,
    server_environment,
    start_in_own_group,
    stop_server_and_kernels,
    wait_for_text,
)

pytestmark = pytest.mark.browser

APP = "apps/reader_and_search.ipynb"
LOCAL = ("http://127.0.0.1:", "data:", "blob:", "about:")


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def served(base: Path, how: str, setup: bool = True):
    """Start Voila ``how`` ("voila" command or "lab" server) on a copy of the notebooks.

    With ``setup``, tools/voila_setup.py first installs the template into a
    prefix that the server's Jupyter paths include. Yields the app's URL.
    """
    prefix = base / "prefix"
    if setup:
        subprocess.run(
            [sys.executable, str(PROJECT / "tools" / "voila_setup.py"), "--prefix", str(prefix)],
            check=True,
            capture_output=True,
        )
    root = copy_notebooks(base / "notebooks")
    work = base / "work"
    work.mkdir()
    env = server_environment(base, work)
    env.update(
        JUPYTER_PATH=str(prefix / "share" / "jupyter"),
        JUPYTER_CONFIG_PATH=str(prefix / "etc" / "jupyter"),
    )
    port = free_port()
    if how == "lab":
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root"]
        command += [f"--port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0"]
        command += ["--IdentityProvider.token=", f"--ServerApp.root_dir={root}"]
        url = f"http://127.0.0.1:{port}/voila/render/{APP}"
    else:
        command = [sys.executable, "-m", "voila", APP, "--no-browser", f"--port={port}"]
        command += ["--Voila.ip=127.0.0.1", "--Voila.port_retries=0"]
        url = f"http://127.0.0.1:{port}/"
    process = None
    with open(base / "server.log", "w", encoding="utf-8") as log:
        try:
            process = start_in_own_group(command, root, env, log)
            for _ in range(240):
                if _listening(port) or process.poll() is not None:
                    break
                time.sleep(0.25)
            assert _listening(port), (base / "server.log").read_text()[-3000:]
            yield url
        finally:
            stop_server_and_kernels(process)


def requests_while_rendering(browser, url: str) -> list[str]:
    """Every address the page asks for while the app renders (and a little after)."""
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="en-GB")
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=90_000)
        wait_for_text(page.locator("body"), "Segment 1 of", timeout=90)
        page.locator(".lm-TabBar-tab").filter(has_text="Search (KWIC)").first.click()
        wait_for_text(page.locator("body"), "互助组", timeout=30)
        page.wait_for_timeout(2_000)  # late style sheets, fonts, typesetters
    finally:
        context.close()
    assert any(address.startswith(url.split("/voila/")[0]) for address in asked), asked[:5]
    return asked


def outside(asked: list[str]) -> list[str]:
    return [address for address in asked if not address.startswith(LOCAL)]


@pytest.mark.parametrize("how", ["voila", "lab"])
def test_no_request_leaves_the_machine_after_the_setup(chromium_browser, tmp_path, how):
    require_browser()
    with served(tmp_path, how) as url:
        asked = requests_while_rendering(chromium_browser, url)
    assert len(asked) > 20  # the page, its scripts, the widgets' bundles ...
    assert outside(asked) == [], outside(asked)


def test_the_voila_test_server_asks_nothing_outside_either(chromium_browser, tmp_path):
    from tests.test_browser_voila import voila_running

    require_browser()
    with voila_running(tmp_path) as server:
        asked = requests_while_rendering(chromium_browser, server.url)
    assert outside(asked) == [], outside(asked)


def test_without_the_setup_voila_s_own_page_asks_a_cdn(chromium_browser, tmp_path):
    """The control: the same check sees Voila's Font Awesome links when the template is not set."""
    require_browser()
    with served(tmp_path, "voila", setup=False) as url:
        asked = requests_while_rendering(chromium_browser, url)
    assert any("cdn.jsdelivr.net" in address for address in outside(asked)), outside(asked)
