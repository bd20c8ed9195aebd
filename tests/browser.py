"""A real-browser harness: JupyterLab in its own process, driven by headless Chromium.

The fixtures start one JupyterLab server per test session on a free local port
with a random token, serving a temporary COPY of ``notebooks/`` (so running
never saves outputs into the repository), with students' saves going to a
temporary folder (``LIAOYANG_WORK_DIR``, inherited by the kernels). The
browser is Debian's ``/usr/bin/chromium`` driven by Python Playwright.

Use it from a test module with::

    # the fixtures are registered for every test by the root conftest.py
    from tests.browser import run_notebook_in_lab, click_button, ...

Where Chromium or Playwright is missing the browser tests are skipped with a
message saying how to enable them, unless ``LIAOYANG_REQUIRE_BROWSER=1`` is set
(CI), in which case they fail.

Screenshots go to ``artefacts/screenshots/`` in the project, or to
``$LIAOYANG_ARTEFACTS/screenshots/`` when that variable is set.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
NOTEBOOKS = PROJECT / "notebooks"
CHROMIUM = Path(os.environ.get("LIAOYANG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
HOW_TO_ENABLE = (
    "apt-get install chromium fonts-wqy-microhei; then python tasks.py test "
    "(it installs Playwright from requirements-dev.txt)"
)
SERVER_START_TIMEOUT = 60.0
RUN_TIMEOUT = 120.0
# The notebook on show (other tabs stay in the page, hidden).
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
WIDGET_VIEWS = ".jupyter-widgets"

# JupyterLab settings for the test server: every cell attached to the page
# (so all prompts and outputs can be read), and no news or update pop-ups.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": (
        '{"fetchNews": "false", "checkForUpdates": false}'
    ),
    # Never save the temporary copies: a saved execution count would look like a finished run.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": '{"autosave": false}',
}


# --------------------------------------------------------------------------- availability


def browser_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can.

    Example:
        >>> reason = browser_missing_reason()
        >>> reason is None or "requirements-dev.txt" in reason or "tasks.py" in reason
        True
    """
    problems = []
    if not CHROMIUM.is_file():
        problems.append(f"no Chromium at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package 'playwright' is not installed")
    if not problems:
        return None
    return f"Browser tests need a real browser ({'; '.join(problems)}). To enable: {HOW_TO_ENABLE}"


def require_browser() -> None:
    """Skip the calling test when no browser is available, or fail when CI requires one.

    CI sets ``LIAOYANG_REQUIRE_BROWSER=1`` so that a missing browser is an
    error rather than a silently skipped test.

    Example:
        >>> require_browser() if browser_missing_reason() is None else None
    """
    reason = browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("LIAOYANG_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (LIAOYANG_REQUIRE_BROWSER=1 is set)", pytrace=False)
    pytest.skip(reason)


def artefacts_dir() -> Path:
    """The folder for test artefacts: ``$LIAOYANG_ARTEFACTS`` or ``artefacts/`` in the project.

    Example:
        >>> artefacts_dir().name in {"artefacts", Path(os.environ.get("LIAOYANG_ARTEFACTS",
        ...     "artefacts")).name}
        True
    """
    return Path(os.environ.get("LIAOYANG_ARTEFACTS") or PROJECT / "artefacts")


# --------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab: its base url, token and root folder (unpacks as those three)."""

    url: str
    token: str
    root: Path
    work_dir: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False, compare=False)

    def __iter__(self):
        return iter((self.url, self.token, self.root))

    def page_url(self, path: str) -> str:
        """The full url of a path under the server, with the token.

        Example:
            >>> LabServer("http://h:1/", "t", Path("."), Path("."), Path("x"), None).page_url(
            ...     "lab/tree/a b.ipynb")
            'http://h:1/lab/tree/a%20b.ipynb?token=t'
        """
        quoted = urllib.request.quote(path.lstrip("/"))
        return f"{self.url}{quoted}?token={self.token}"

    def lab_url(self, notebook_name: str) -> str:
        """The url that opens a notebook alone in JupyterLab (``reset``: no restored tabs).

        Example:
            >>> LabServer("http://h:1/", "t", Path("."), Path("."), Path("x"), None).lab_url(
            ...     "a.ipynb")
            'http://h:1/lab/tree/a.ipynb?token=t&reset'
        """
        return self.page_url(f"lab/tree/{notebook_name}") + "&reset"

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's log, for failure messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now.

    Example:
        >>> 1024 < free_port() < 65536
        True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_notebooks(destination: Path, source: Path = NOTEBOOKS) -> Path:
    """Copy the project's notebooks folder to ``destination`` (without checkpoints)."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return destination


def _write_lab_settings(settings_dir: Path) -> None:
    for relative, text in LAB_SETTINGS.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _server_answers(url: str, token: str) -> bool:
    request = urllib.request.Request(
        f"{url}api/status", headers={"Authorization": f"token {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def stop_process_group(process: subprocess.Popen, grace: float = 10.0) -> None:
    """End a process started with ``start_new_session=True`` and everything it started.

    Sends SIGTERM to the group (JupyterLab then shuts its kernels down), waits
    up to ``grace`` seconds, then SIGKILLs the group, kernels included.
    """
    if process is None:
        return
    group = process.pid  # the leader of its own session, so its pid is the group id
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def serving_folders(base: Path, source: Path = NOTEBOOKS) -> tuple[Path, Path]:
    """Make ``base/notebooks`` (a copy of ``source``) and an empty ``base/work``; return both."""
    root = copy_notebooks(base / "notebooks", source)
    work_dir = base / "work"
    work_dir.mkdir()
    return root, work_dir


@contextlib.contextmanager
def serving(command, cwd: Path, env: dict, log_path: Path, make_server, answers, failure: str,
            timeout: float, stop=stop_process_group):  # fmt: skip
    """Start ``command`` in its own process group, wait until ``answers()``, yield the server.

    ``make_server(process)`` builds the server object (it needs ``process`` and
    ``log_tail``); ``stop(process)`` always ends the group on leaving the block
    (also on errors and Ctrl-C).
    """
    process = None
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            process = start_in_own_group(command, cwd, env, log)
            server = make_server(process)
            name = type(server).__name__.removesuffix("Server")
            wait_until_serving(server, answers, name, failure, timeout)
            yield server
        finally:
            stop(process)


@contextlib.contextmanager
def lab_server_running(
    base: Path, timeout: float = SERVER_START_TIMEOUT, source: Path = NOTEBOOKS
) -> Iterator[LabServer]:
    """Run JupyterLab on a copy of ``source`` (the notebooks) under ``base`` for the block.

    The server runs in its own process group, which is always ended on leaving
    the block (also on errors and Ctrl-C). Saves go to ``base / "work"``.
    """
    root, work_dir = serving_folders(base, source)
    settings_dir = base / "lab-settings"
    _write_lab_settings(settings_dir)
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log_path = base / "jupyter-lab.log"
    with serving(
        command, root, server_environment(base, work_dir), log_path,
        lambda process: LabServer(url, token, root, work_dir, log_path, process),
        lambda: _server_answers(url, token), f"did not answer {url}api/status", timeout,
    ) as server:  # fmt: skip
        yield server


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory) -> Iterator[LabServer]:
    """A JupyterLab server for the whole session; unpacks as ``(url, token, root)``."""
    require_browser()
    with lab_server_running(tmp_path_factory.mktemp("lab")) as server:
        yield server


# --------------------------------------------------------------------------- Voila

VOILA_APP = "apps/reader_and_search.ipynb"
VOILA_START_TIMEOUT = 60.0
VOILA_PAGE_TIMEOUT = 90.0
VOILA_TEMPLATES = PROJECT / "share" / "jupyter"


@dataclass(frozen=True)
class VoilaServer:
    """A running Voila: the url of the app, its notebooks folder, work folder and log."""

    url: str
    root: Path
    work_dir: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False, compare=False)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's log, for failure messages."""
        return LabServer.log_tail(self, lines)


def port_open(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:``port``.

    Example:
        >>> port_open(free_port())
        False
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def voila_running(base: Path, notebook: str = VOILA_APP, template: str = "liaoyang",
                  source: Path = NOTEBOOKS, templates: Path = VOILA_TEMPLATES,
                  ) -> Iterator[VoilaServer]:  # fmt: skip
    """Serve ``notebook`` (relative to a copy of ``source`` under ``base``) with Voila.

    The server runs in its own process group, ended (kernels too) on leaving
    the block, also on errors; students' saves go to ``base / "work"``.
    Readiness is the port accepting connections: requesting the app itself
    would start a kernel. ``template`` names one of the project's templates
    (``templates/voila/templates/<template>``; by default ``liaoyang``, the one
    ``tools/voila_setup.py`` makes Voila's default, as Binder and ``tasks.py``
    run it); "" gives Voila's own.
    """
    root, work_dir = serving_folders(base, source)
    port = free_port()
    command = [sys.executable, "-m", "voila", notebook, "--no-browser", f"--port={port}"]
    command += ["--Voila.port_retries=0", "--Voila.ip=127.0.0.1"]
    env = server_environment(base, work_dir)
    if template:
        command.append(f"--template={template}")
        env["JUPYTER_PATH"] = str(templates)
    log_path = base / "voila.log"
    url = f"http://127.0.0.1:{port}/"
    with serving(
        command, root, env, log_path,
        lambda process: VoilaServer(url, root, work_dir, log_path, process),
        lambda: port_open(port), f"did not listen on port {port}", VOILA_START_TIMEOUT,
        stop=stop_server_and_kernels,
    ) as server:  # fmt: skip
        yield server


def open_voila_app(page, server: VoilaServer, ready: str = "Segment 1 of") -> None:
    """Open the app Voila serves in ``page`` and wait for ``ready`` and its widgets.

    Prints the Voila log when the app does not come up.
    """
    try:
        page.goto(server.url, wait_until="domcontentloaded", timeout=VOILA_PAGE_TIMEOUT * 1000)
        body = page.locator("body")
        wait_for_text(body, ready, timeout=VOILA_PAGE_TIMEOUT)
        wait_until(
            lambda: "Loading widget" not in body.inner_text(),
            message="the widgets to finish loading",
        )
    except BaseException:
        print(f"Voila log:\n{server.log_tail()}")
        raise


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright's sync driver for the session (to launch extra browsers, e.g. with other env)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright, env: dict | None = None):
    """Launch headless Debian Chromium with the quiet flags; ``env`` replaces its environment."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, env=env
    )


LATIN_FONTS = Path("/usr/share/fonts/truetype/dejavu")


@contextlib.contextmanager
def latin_only_chromium(playwright, folder: Path):
    """Chromium that knows only the Latin DejaVu fonts (no Chinese), for the block.

    A fontconfig file in ``folder`` lists only :data:`LATIN_FONTS`; the test
    is skipped where those fonts are missing. Closed on leaving the block.
    """
    if not LATIN_FONTS.is_dir():
        pytest.skip("needs DejaVu fonts (fonts-dejavu-core) to hide the Chinese fonts from")
    config = folder / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{LATIN_FONTS}</dir>'
        f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    browser = launch_chromium(playwright, env={**os.environ, "FONTCONFIG_FILE": str(config)})
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def chromium_browser(playwright_driver):
    """Headless Chromium (Debian's) driven by Playwright, shared by the session."""
    browser = launch_chromium(playwright_driver)
    try:
        yield browser
    finally:
        browser.close()


@contextlib.contextmanager
def new_page(browser, viewport: dict = VIEWPORT, **options):
    """A page in a fresh context (``viewport``, en-GB, 30 s timeouts) for the block; closed after.

    ``options`` go to ``browser.new_context`` (e.g. ``accept_downloads=True``).
    """
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def browser_page(chromium_browser):
    """A fresh page (own context, 1400x1000 viewport) for one test; closed afterwards."""
    with new_page(chromium_browser) as page:
        yield page


# --------------------------------------------------------------------------- waiting


def kernel_status(page) -> str:
    """The kernel status JupyterLab's status bar shows, lower case ('idle', 'busy', ...).

    Reads the status bar item "Python 3 (ipykernel) | Idle". While the notebook
    has no kernel yet it reads "No Kernel | Initializing", returned as
    'no kernel'. (The toolbar's execution indicator is not used: it says idle
    before the kernel is even connected.) Voila has no status bar: '' there.
    """
    return page.evaluate(
        """() => {
            for (const item of document.querySelectorAll('.jp-StatusBar-TextItem')) {
                const match = /^\\s*(.+?)\\s*\\|\\s*(\\w[\\w ]*?)\\s*$/.exec(item.textContent);
                if (!match) continue;
                return match[1] === 'No Kernel' ? 'no kernel' : match[2];
            }
            return '';
        }"""
    ).lower()


def wait_idle(page, timeout: float = 60.0, settle: float = 0.5) -> None:
    """Wait until the kernel reads Idle and stays Idle for ``settle`` seconds.

    The settle time catches a kernel that is about to turn busy after a click
    (the comm message is still in flight). Fails with the last status seen.
    """
    deadline = time.monotonic() + timeout
    idle_since = None
    status = ""
    while time.monotonic() < deadline:
        status = kernel_status(page)
        if status == "idle":
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= settle:
                return
        else:
            idle_since = None
        page.wait_for_timeout(100)
    pytest.fail(f"The kernel was not idle within {timeout:.0f} s (last status: {status!r}).")


_CELL_STATES = """() => Array.from(document.querySelectorAll('NOTEBOOK .jp-Cell')).map(
    (cell, index) => {
        const prompt = cell.querySelector('.jp-InputPrompt');
        const editor = cell.querySelector('.cm-content');
        return {
            index: index,
            code: cell.classList.contains('jp-CodeCell'),
            prompt: prompt ? prompt.textContent.trim() : '',
            source: editor ? editor.innerText.trim() : '',
        };
    })""".replace("NOTEBOOK", NOTEBOOK)


def _unfinished(cells: list[dict]) -> list[dict]:
    return [
        cell
        for cell in cells
        if cell["code"] and cell["source"] and not re.fullmatch(r"\[\d+\]:?", cell["prompt"])
    ]


def wait_all_cells_run(page, timeout: float = RUN_TIMEOUT) -> list[dict]:
    """Wait until every non-empty code cell shows an execution count and the kernel is idle.

    Returns the cells' states; fails naming the cells still queued or running.
    """
    deadline = time.monotonic() + timeout
    while True:
        cells = page.evaluate(_CELL_STATES)
        waiting = _unfinished(cells)
        if not waiting and kernel_status(page) == "idle":
            wait_idle(page, timeout=max(1.0, deadline - time.monotonic()))
            return page.evaluate(_CELL_STATES)
        if time.monotonic() > deadline:
            names = "; ".join(
                f"cell {cell['index']} {cell['prompt'] or '[?]'} "
                f"{cell['source'].splitlines()[0][:60] if cell['source'] else ''}"
                for cell in waiting
            )
            pytest.fail(
                f"Not all cells finished within {timeout:.0f} s "
                f"(kernel: {kernel_status(page)!r}). Still waiting: {names or 'none'}"
            )
        page.wait_for_timeout(200)


# --------------------------------------------------------------------------- running a notebook


@dataclass
class NotebookRun:
    """What the browser showed after running a notebook."""

    name: str
    cells: int
    code_cells: int
    errors: list[str]
    stderr: list[str]
    widget_errors: int
    widgets: int
    images: int
    screenshot: Path
    text: str
    seconds: float


def open_notebook(page, server: LabServer, notebook_name: str, timeout: float = 60.0) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle."""
    page.goto(server.lab_url(notebook_name), wait_until="domcontentloaded")
    page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=timeout * 1000)
    # A notebook without kernel metadata asks which kernel to use: take the default.
    with contextlib.suppress(Exception):
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()
    wait_idle(page, timeout=timeout)


_PROMPTS = f"""() => Array.from(document.querySelectorAll('{NOTEBOOK} .jp-InputPrompt'))
    .map(p => p.textContent)"""


def run_all_cells(page, attempts: int = 3) -> None:
    """Run every cell with the menu Run → Run All Cells, as a user would.

    Checks that the click took (some prompt changes, e.g. to ``[*]``) and
    clicks again if not, up to ``attempts`` times.
    """
    before = page.evaluate(_PROMPTS)
    has_code = page.locator(f"{NOTEBOOK} .jp-CodeCell").count() > 0
    for _ in range(attempts):
        page.keyboard.press("Escape")  # close any open menu
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        if not has_code:
            return
        try:
            page.wait_for_function(
                f"(before) => ({_PROMPTS})().join() !== before.join()", arg=before, timeout=10_000
            )
            return
        except Exception:  # Playwright's TimeoutError: try the menu again
            continue
    pytest.fail(f"Run → Run All Cells did not start the cells after {attempts} tries.")


def shutdown_kernels(server: LabServer) -> None:
    """End every kernel session on the server, so the next notebook opens with a fresh kernel."""
    headers = {"Authorization": f"token {server.token}"}
    request = urllib.request.Request(f"{server.url}api/sessions", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        delete = urllib.request.Request(
            f"{server.url}api/sessions/{session['id']}", headers=headers, method="DELETE"
        )
        with urllib.request.urlopen(delete, timeout=30):
            pass


_OUTPUT_REPORT = """() => {
    const notebook = document.querySelector('NOTEBOOK');
    const outputs = Array.from(notebook.querySelectorAll('.jp-OutputArea-output'));
    const stderr = outputs.filter(
        o => o.dataset.mimeType === 'application/vnd.jupyter.stderr').map(o => o.innerText);
    const widgetViews = Array.from(notebook.querySelectorAll('.jupyter-widgets'))
        .filter(v => !v.parentElement.closest('.jupyter-widgets'));
    return {
        stderr: stderr,
        texts: outputs.map(o => o.innerText),
        widgets: widgetViews.length,
        images: notebook.querySelectorAll('.jp-RenderedImage img').length,
    };
}""".replace("NOTEBOOK", NOTEBOOK)


def _looks_like_error(text: str) -> bool:
    return "Traceback" in text or bool(re.search(r"^\w+(Error|Exception): ", text, re.M))


def full_screenshot(page, path: Path, max_height: int = 16_000) -> Path:
    """Screenshot the whole notebook, not only the visible part, to ``path``.

    JupyterLab scrolls inside its own panel, so a "full page" screenshot only
    shows the viewport: the viewport is made tall enough for the notebook,
    the picture taken, and the viewport restored.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    needed = page.evaluate(
        """() => {
            const panel = document.querySelector(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
            if (!panel) return document.documentElement.scrollHeight;
            const top = panel.getBoundingClientRect().top;
            const below = window.innerHeight - panel.getBoundingClientRect().bottom;
            return Math.ceil(top + panel.scrollHeight + below);
        }"""
    )
    height = max(original["height"], min(int(needed), max_height))
    try:
        page.set_viewport_size({"width": original["width"], "height": height})
        page.evaluate(
            """() => document.querySelectorAll('.jp-WindowedPanel-outer')
                .forEach(panel => { panel.scrollTop = 0; })"""
        )
        page.wait_for_timeout(300)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(original)
    return path


def run_notebook_in_lab(
    page, server: LabServer, notebook_name: str, timeout: float = RUN_TIMEOUT
) -> NotebookRun:
    """Open a notebook in JupyterLab, run all its cells and report what the page shows.

    Shuts down the server's kernels first, so the notebook gets a fresh one.
    Waits until every code cell has an execution count and the kernel is idle,
    then collects error outputs, stderr, "Error displaying widget" messages in
    outputs (not in the notebook's own text), widget views and images, and
    saves a screenshot of the whole notebook to
    ``<artefacts>/screenshots/<notebook>.png``.
    """
    started = time.monotonic()
    shutdown_kernels(server)
    open_notebook(page, server, notebook_name)
    run_all_cells(page)
    cells = wait_all_cells_run(page, timeout=timeout)
    # Let widget views finish rendering (they may show "Loading widget..." briefly).
    with contextlib.suppress(Exception):
        page.wait_for_function(
            f"() => !document.querySelector('{NOTEBOOK}').innerText.includes('Loading widget')",
            timeout=10_000,
        )
    report = page.evaluate(_OUTPUT_REPORT)
    texts = report["texts"]
    errors = [text for text in texts if _looks_like_error(text)]
    page_text = page.locator(NOTEBOOK).first.inner_text()
    widget_errors = sum(text.count("Error displaying widget") for text in texts)
    screenshot = full_screenshot(
        page, artefacts_dir() / "screenshots" / f"{Path(notebook_name).stem}.png"
    )
    return NotebookRun(
        name=notebook_name,
        cells=len(cells),
        code_cells=sum(cell["code"] for cell in cells),
        errors=errors,
        stderr=report["stderr"],
        widget_errors=widget_errors,
        widgets=report["widgets"],
        images=report["images"],
        screenshot=screenshot,
        text=page_text,
        seconds=time.monotonic() - started,
    )


# --------------------------------------------------------------------------- Chinese text

_GLYPH_CHECK = """([selector, text]) => {
    // Draw each character with the font the page really uses for the element, and
    // compare the bitmaps: a character the fonts lack is drawn as the same empty
    // box ("tofu") as an unassigned code point, U+0378.
    const element = Array.from(document.querySelectorAll(selector))
        .find(e => e.innerText.includes(text));
    if (!element) return {found: false};
    const style = getComputedStyle(element);
    const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
    const canvas = document.createElement('canvas');
    canvas.width = 48; canvas.height = 48;
    const context = canvas.getContext('2d', {willReadFrequently: true});
    const draw = (character) => {
        context.clearRect(0, 0, 48, 48);
        context.font = font;
        context.fillStyle = '#000';
        context.textBaseline = 'top';
        context.fillText(character, 4, 4);
        const pixels = context.getImageData(0, 0, 48, 48).data;
        let key = '', ink = 0;
        for (let i = 3; i < pixels.length; i += 4) { key += pixels[i] > 127 ? '1' : '0';
                                                     ink += pixels[i] > 127; }
        return {key, ink};
    };
    const tofu = draw('\\u0378');
    const glyphs = Array.from(text).map(draw);
    return {
        found: true,
        font: font,
        distinct: new Set(glyphs.map(g => g.key)).size,
        tofu: glyphs.filter(g => g.key === tofu.key || g.ink === 0).length,
        characters: glyphs.length,
    };
}"""


def chinese_renders(page, text: str = "辽阳县", selector: str = ".jp-RenderedHTMLCommon, pre, p"):
    """Whether ``text`` (Chinese) is drawn with real glyphs in the element that shows it.

    Returns a dict: ``found`` (an element with the text exists), ``tofu``
    (characters drawn as the missing-glyph box), ``distinct`` (different
    bitmaps among the characters; tofu boxes are all alike), ``characters``
    and the CSS ``font`` used.
    """
    return page.evaluate(_GLYPH_CHECK, [selector, text])


# --------------------------------------------------------------------------- driving widgets


def _exact(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def click_button(page, text: str, wait: bool = True) -> None:
    """Click the ipywidgets Button (or ToggleButton) showing ``text``, then wait for idle."""
    button = page.locator(f"{WIDGET_VIEWS} button, button{WIDGET_VIEWS}").filter(
        has_text=_exact(text)
    )
    if not button.count():
        button = page.get_by_role("button", name=text, exact=True)
    button.first.click()
    if wait:
        wait_idle(page)


def _labelled_control(page, label: str, controls: str):
    """The control (input/textarea/select) of the widget whose description is ``label``."""
    by_label = page.get_by_label(label, exact=True)
    if by_label.count():
        return by_label.first
    box = page.locator(".widget-inline-hbox, .widget-inline-vbox").filter(
        has=page.locator(".widget-label", has_text=_exact(label))
    )
    return box.locator(controls).first


def fill_text(page, placeholder_or_label: str, text: str, wait: bool = True) -> None:
    """Type ``text`` into the Text/Textarea widget with that placeholder or description.

    The field is then blurred so widgets with ``continuous_update=False`` send
    the value too, and the kernel waited for.
    """
    field = page.get_by_placeholder(placeholder_or_label, exact=True)
    field = (
        field.first
        if field.count()
        else _labelled_control(page, placeholder_or_label, "input, textarea")
    )
    field.fill(text)
    field.evaluate("element => element.blur()")
    if wait:
        wait_idle(page)


def select_option(page, label: str, option: str, wait: bool = True) -> None:
    """Choose ``option`` in the Dropdown, Select, RadioButtons or ToggleButtons named ``label``."""
    select = _labelled_control(page, label, "select")
    if select.count():
        select.select_option(label=option)
    else:
        box = page.locator(".widget-radio, .widget-toggle-buttons").filter(
            has=page.locator(".widget-label", has_text=_exact(label))
        )
        choice = box.locator("label, button").filter(has_text=_exact(option)).first
        choice.click()
    if wait:
        wait_idle(page)


def widget_text(page, selector: str = WIDGET_VIEWS) -> str:
    """The visible text of every top-level widget view on the page, one view per line.

    Works in JupyterLab and Voila alike (both render views with ``.jupyter-widgets``).
    """
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
            .filter(v => !v.parentElement.closest('.jupyter-widgets'))
            .map(v => v.innerText).join('\\n')""",
        selector,
    )


# --------------------------------------------------------------------------- driving one output
# Helpers for tests that drive one widget among several on a page (a notebook
# with two readers, say): each takes a ``scope`` (a Playwright Locator) and
# acts only inside it.


def write_code_notebook(path: Path, *sources: str) -> Path:
    """Write a minimal notebook with one code cell per source (python3 kernel) to ``path``.

    Example:
        >>> import tempfile
        >>> path = write_code_notebook(Path(tempfile.mkdtemp()) / "t.ipynb", "1 + 1")
        >>> json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]
        '1 + 1'
    """
    cells = [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": s}
        for s in sources
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4}
    notebook["nbformat_minor"] = 5
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


@contextlib.contextmanager
def code_notebooks(server: LabServer, page):
    """For the block: ``run(name, *sources)`` runs a notebook of those code cells in ``page``.

    Each notebook is written into the server's root (removed on leaving the
    block) and run with :func:`run_notebook_in_lab`; ``run`` fails when the
    page shows an error output or "Error displaying widget", and returns the run.
    """
    written = []

    def run(name: str, *sources: str) -> NotebookRun:
        path = write_code_notebook(server.root / f"{name}.ipynb", *sources)
        written.append(path)
        result = run_notebook_in_lab(page, server, path.name)
        assert result.errors == [], f"{name}: error output in the page:\n" + "\n---\n".join(
            result.errors
        )
        assert result.widget_errors == 0, f"{name}: 'Error displaying widget' in the page"
        return result

    try:
        yield run
    finally:
        for path in written:
            path.unlink(missing_ok=True)


@pytest.fixture
def temporary_notebook(lab_server, browser_page):
    """``run(name, *sources)``: a notebook of code cells run in ``browser_page``; removed after."""
    with code_notebooks(lab_server, browser_page) as run:
        yield run


def question_item(question_id: str) -> dict:
    """The entry of ``helpers/data/questions.json`` with that id (prompt, options, answer ...).

    Example:
        >>> question_item("q03_deviation_two")["id"]
        'q03_deviation_two'
    """
    path = PROJECT / "helpers" / "data" / "questions.json"
    bank = json.loads(path.read_text(encoding="utf-8"))
    items = bank if isinstance(bank, list) else bank.get("questions", [])
    return next(entry for entry in items if entry["id"] == question_id)


def code_cell(page, source: str):
    """The code cell of the notebook on show whose source is exactly ``source`` (a Locator).

    Fails when no such cell is on the page.
    """
    index = page.evaluate(
        """(source) => Array.from(document.querySelectorAll('NOTEBOOK .jp-Cell')).findIndex(
            cell => cell.classList.contains('jp-CodeCell')
                && (cell.querySelector('.cm-content')?.innerText ?? '').trim() === source.trim())
        """.replace("NOTEBOOK", NOTEBOOK),
        source,
    )
    if index < 0:
        pytest.fail(f"No code cell with the source {source!r} is on the page.")
    return page.locator(f"{NOTEBOOK} .jp-Cell").nth(index)


def wait_for_text(scope, expected: str | re.Pattern, timeout: float = 30.0) -> str:
    """Wait until the visible text of ``scope`` contains ``expected`` (text or pattern).

    Returns the text; fails with the last text seen. Works in JupyterLab and
    Voila alike (it does not need a kernel status bar).
    """
    deadline = time.monotonic() + timeout
    text = ""
    while True:
        with contextlib.suppress(Exception):  # the element may be re-rendering
            text = scope.inner_text(timeout=2_000)
            found = expected.search(text) if isinstance(expected, re.Pattern) else expected in text
            if found:
                return text
        if time.monotonic() > deadline:
            shown = expected.pattern if isinstance(expected, re.Pattern) else expected
            pytest.fail(f"{shown!r} did not appear within {timeout:.0f} s. Text:\n{text[:3000]}")
        time.sleep(0.1)


def wait_until(condition, timeout: float = 30.0, message: str = "condition") -> object:
    """Call ``condition()`` until it returns something true; return that, or fail naming it."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            value = condition()
            if value:
                return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout:.0f} s waiting for {message}.")
        time.sleep(0.1)


def button_in(scope, text: str):
    """The ipywidgets Button showing exactly ``text`` inside ``scope`` (a Locator)."""
    return (
        scope.locator(f"button{WIDGET_VIEWS}, {WIDGET_VIEWS} button")
        .filter(has_text=_exact(text))
        .first
    )


def click_button_in(page, scope, text: str, wait: bool = True) -> None:
    """Click the Button showing ``text`` inside ``scope``; then wait for an idle kernel (Lab)."""
    button_in(scope, text).click()
    if wait:
        wait_idle(page)


def control_in(scope, label: str, controls: str = "input, textarea, select"):
    """The input/textarea/select of the widget described ``label`` inside ``scope``."""
    by_label = scope.get_by_label(label, exact=True)
    if by_label.count():
        return by_label.first
    box = scope.locator(".widget-inline-hbox, .widget-inline-vbox").filter(
        has=scope.page.locator(".widget-label", has_text=_exact(label))
    )
    return box.locator(controls).first


def select_in(page, scope, label: str, option: str, wait: bool = True) -> None:
    """Choose ``option`` (its shown text) in the Dropdown described ``label`` inside ``scope``."""
    control_in(scope, label, "select").select_option(label=option)
    if wait:
        wait_idle(page)


def image_sources(scope) -> list[str]:
    """The ``src`` of every <img> inside ``scope`` (data: URLs for notebook images)."""
    return scope.locator("img").evaluate_all("images => images.map(i => i.getAttribute('src'))")


def descendant_pids(pid: int) -> dict[int, str]:
    """The processes started by ``pid`` (children, grandchildren ...): {pid: command line}.

    Read from ``/proc`` (Linux); empty elsewhere. Kernels started by a Jupyter
    server run in their own session, so ending the server's process group
    does not reach them: this finds them.

    Example:
        >>> isinstance(descendant_pids(os.getpid()), dict)
        True
    """
    parents, commands = {}, {}
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found[child] = commands[child].decode(errors="replace").strip()
                frontier.append(child)
    return found


def stop_server_and_kernels(process: subprocess.Popen, grace: float = 10.0) -> None:
    """End a server started with ``start_new_session=True``, and any kernel it left running.

    The server's group is ended as :func:`stop_process_group` does (the server
    shuts its kernels down on SIGTERM); kernels it started that are still
    alive afterwards (same pid, same command line) are killed by pid.
    """
    if process is None:
        return
    kernels = descendant_pids(process.pid) if process.poll() is None else {}
    stop_process_group(process, grace=grace)
    for pid, command in kernels.items():
        with contextlib.suppress(OSError):
            alive = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
            if alive.decode(errors="replace").strip() == command:
                os.kill(pid, signal.SIGKILL)


def server_environment(base: Path, work_dir: Path) -> dict:
    """The environment of a test server: its own Jupyter folders, saves in ``work_dir``."""
    env = dict(os.environ)
    env.update(
        LIAOYANG_WORK_DIR=str(work_dir),
        JUPYTER_CONFIG_DIR=str(base / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
    )
    return env


def start_in_own_group(command: list[str], cwd: Path, env: dict, log) -> subprocess.Popen:
    """Start a server in its own process group (so it and its kernels can be ended together)."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_serving(server, answers, name: str, failure: str, timeout: float) -> None:
    """Wait (bounded) until ``answers()``; fail with the server's log if it dies or hangs."""
    deadline = time.monotonic() + timeout
    while not answers():
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{name} exited with code {server.process.returncode} before answering."
                f"\nServer log:\n{server.log_tail()}"
            )
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{name} {failure} within {timeout:.0f} s.\nServer log:\n{server.log_tail()}"
            )
        time.sleep(0.25)
