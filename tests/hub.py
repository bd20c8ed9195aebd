"""A real JupyterHub on 127.0.0.1 for the hub test and the load benchmark (issue 17).

JupyterHub (PyPI) with configurable-http-proxy (npm), the dummy authenticator
(any name logs in) and ``SimpleLocalProcessSpawner``, which gives each student
a home folder of their own under the run's temporary folder. The collection's
package is installed once for the whole class, as TLJH's shared environment or
an image does: a copy of ``helpers/`` in a ``site`` folder on the single-user
servers' ``PYTHONPATH`` (so ``work/`` beside the package would be shared by
everyone: the test checks nothing goes there). Students get the collection
with nbgitpuller from a local git repository the harness makes
(:func:`make_collection_repository`).

The hub runs in its own process group; :func:`hub_running` always ends it,
the proxy, every user server and every kernel, also on failure.

Without JupyterHub, nbgitpuller or the proxy the hub tests are skipped with a
message saying how to enable them, unless ``LIAOYANG_REQUIRE_HUB=1`` or
``LIAOYANG_REQUIRE_BROWSER=1`` is set (CI), in which case they fail.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import (
    LAB_SETTINGS,
    descendant_pids,
    free_port,
    start_in_own_group,
    stop_server_and_kernels,
)

PROJECT = Path(__file__).resolve().parents[1]
#: Where .ci/run installs the proxy: ``npm install --prefix .hub-proxy configurable-http-proxy``.
LOCAL_PROXY = PROJECT / ".hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
HOW_TO_ENABLE = (
    "pip install -r requirements-dev.txt (JupyterHub, nbgitpuller) and "
    "npm install --prefix .hub-proxy configurable-http-proxy@5.3.0"
)
#: The folder name of the collection's repository, and so of each student's clone.
COLLECTION = "liaoyang-1954"
BRANCH = "main"
GIT = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]


def proxy_command() -> str | None:
    """The configurable-http-proxy to use: ``$LIAOYANG_CHP``, the project's ``.hub-proxy``, PATH."""
    chosen = os.environ.get("LIAOYANG_CHP")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    if LOCAL_PROXY.is_file():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


def hub_missing_reason() -> str | None:
    """Why the hub tests cannot run here, or None when they can."""
    problems = []
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            problems.append(f"the Python package {module!r} is not installed")
    if proxy_command() is None:
        problems.append("configurable-http-proxy (npm) is not installed")
    if shutil.which("git") is None:
        problems.append("git is not installed")
    if not problems:
        return None
    return f"Hub tests need a hub ({'; '.join(problems)}). To enable: {HOW_TO_ENABLE}"


def hub_required() -> bool:
    """Whether a missing hub is a failure (CI) rather than a skip."""
    flags = ("LIAOYANG_REQUIRE_HUB", "LIAOYANG_REQUIRE_BROWSER")
    return any(os.environ.get(flag) == "1" for flag in flags)


# --------------------------------------------------------------------------- the collection


def make_collection_repository(base: Path) -> Path:
    """A git repository of the collection (its tracked files as they are now), on ``main``."""
    repo = base / COLLECTION
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        source = PROJECT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    subprocess.run(["git", "init", "-q", "-b", BRANCH], cwd=repo, check=True)
    commit_all(repo, "The collection")
    return repo


def commit_all(repo: Path, message: str) -> None:
    """Commit every change in ``repo`` (the instructor updating the collection)."""
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", message], cwd=repo, check=True)


def install_package_for_everyone(base: Path) -> Path:
    """The package as a shared environment holds it: ``site/helpers``, no seeds beside it."""
    site = base / "site"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PROJECT / "helpers", site / "helpers", ignore=skip)
    return site


# --------------------------------------------------------------------------- the hub


@dataclass
class Hub:
    """A running hub: its public url, an admin token, the students' homes, its process."""

    url: str
    token: str
    base: Path
    homes: Path
    site: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)
    #: Every request's (method, path, status, seconds), for the load benchmark.
    timings: list = field(default_factory=list, repr=False)

    def request(self, method: str, path: str, body=None, timeout: float = 30.0):
        """Call the hub's public url (``hub/api/...`` or ``user/NAME/...``) with the admin token.

        Returns (status, parsed JSON or text); HTTP errors are returned, not raised.
        """
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        self.timings.append((method, path, status, time.perf_counter() - started))
        text = raw.decode("utf-8", errors="replace")
        with contextlib.suppress(ValueError):
            return status, json.loads(text) if text else None
        return status, text

    def home(self, user: str) -> Path:
        """A student's home folder."""
        return self.homes / user

    def log_tail(self, lines: int = 60) -> str:
        """The last lines of the hub's log, for failure messages."""
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return "(no hub log)"

    def start_server(self, user: str, timeout: float = 90.0) -> None:
        """Create the user if needed and start their server; wait until it answers.

        Every wait is bounded by ``timeout`` (a loaded hub may take long to answer the
        spawn request; a browser waits on the hub's progress page the same way).
        """
        self.request("POST", f"hub/api/users/{user}", timeout=timeout)
        status, answer = self.request("POST", f"hub/api/users/{user}/server", timeout=timeout)
        if status not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"Starting {user}'s server: {status} {answer}\n{self.log_tail()}")
        deadline = time.monotonic() + timeout
        while not self.answers(f"user/{user}/api/status"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{user}'s server did not answer.\n{self.log_tail()}")
            time.sleep(0.3)

    def answers(self, path: str) -> bool:
        """Whether ``path`` answers 200 within 10 s (a timeout or a refused connection: no)."""
        with contextlib.suppress(OSError):
            return self.request("GET", path, timeout=10)[0] == 200
        return False

    def pull(self, user: str, repo: Path, timeout: float = 120.0) -> list[str]:
        """Pull the collection into the user's home as an nbgitpuller link does; its messages."""
        query = urllib.parse.urlencode({"repo": str(repo), "branch": BRANCH})
        status, text = self.request("GET", f"user/{user}/git-pull/api?{query}", timeout=timeout)
        events = [
            json.loads(line[len("data:") :])
            for line in str(text).splitlines()
            if line.startswith("data:")
        ]
        if status != 200 or not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller for {user} failed: {status} {events[-3:] or text}")
        return [event.get("output", "") for event in events]

    def start_kernel(self, user: str, folder: str) -> str:
        """Start a kernel on the user's server with ``folder`` (under their home) as its cwd."""
        status, model = self.request(
            "POST", f"user/{user}/api/kernels", {"name": "python3", "path": folder}, timeout=60
        )
        if status != 201:
            raise RuntimeError(f"Starting a kernel for {user}: {status} {model}")
        return model["id"]

    def run_code(self, user: str, kernel: str, code: str, timeout: float = 120.0) -> str:
        """Run ``code`` in the kernel over its websocket; return its output, raise on an error."""
        url = self.url.replace("http", "ws", 1) + f"user/{user}/api/kernels/{kernel}/channels"
        # In a thread of its own: Playwright's sync API keeps an event loop in this one.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, execute(url, self.token, code, timeout)).result()

    def server_pids(self) -> dict[str, int]:
        """Each running user server's pid, by user (read from /proc: JUPYTERHUB_USER)."""
        found = {}
        for pid, command in descendant_pids(self.process.pid).items():
            if "jupyterhub-singleuser" not in command:
                continue
            with contextlib.suppress(OSError):
                environ = (Path("/proc") / str(pid) / "environ").read_bytes().split(b"\0")
                for entry in environ:
                    if entry.startswith(b"JUPYTERHUB_USER="):
                        found[entry.split(b"=", 1)[1].decode()] = pid
        return found


async def execute(url: str, token: str, code: str, timeout: float) -> str:
    """Send one execute_request on a kernel's channels websocket; collect its output."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    request = HTTPRequest(url, headers={"Authorization": f"token {token}"}, request_timeout=30)
    connection = await websocket_connect(request)
    msg_id = uuid.uuid4().hex
    header = {"msg_id": msg_id, "msg_type": "execute_request", "session": uuid.uuid4().hex}
    header.update(username="student", version="5.3", date="")
    content = {"code": code, "silent": False, "store_history": False, "allow_stdin": False}
    content.update(user_expressions={}, stop_on_error=True)
    message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
    await connection.write_message(json.dumps({**message, "channel": "shell", "buffers": []}))
    output, error, replied, idle = [], None, False, False
    deadline = time.monotonic() + timeout
    try:
        while not (replied and idle):
            raw = await asyncio.wait_for(connection.read_message(), deadline - time.monotonic())
            if raw is None:
                raise RuntimeError("The kernel's websocket closed.")
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, body = reply["msg_type"], reply["content"]
            if kind == "stream":
                output.append(body["text"])
            elif kind in ("execute_result", "display_data"):
                output.append(body["data"].get("text/plain", ""))
            elif kind == "error":
                error = f"{body['ename']}: {body['evalue']}"
            replied = replied or kind == "execute_reply"
            idle = idle or (kind == "status" and body["execution_state"] == "idle")
    finally:
        connection.close()
    if error:
        raise RuntimeError(f"The code failed in the kernel: {error}")
    return "".join(output)


def write_config(base: Path, port: int, token: str, site: Path) -> Path:
    """The hub's configuration file (everything on 127.0.0.1, homes under ``base``)."""
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    settings = {"api_port": free_port(), "hub_port": free_port()}
    lines = f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {settings["hub_port"]}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{settings["api_port"]}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.JupyterHub.db_url = "sqlite:///{base / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(base / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(base / "hub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {str(base / "homes" / "{username}")!r}
c.Spawner.cmd = [{str(singleuser)!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.environment = {{"PYTHONPATH": {str(site)!r}, "PYTHONUNBUFFERED": "1"}}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "liaoyang-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "liaoyang-test", "services": ["liaoyang-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users", "list:users"],
}}]
"""
    path = base / "jupyterhub_config.py"
    path.write_text(lines, encoding="utf-8")
    return path


def prepare_homes(homes: Path, users: list[str]) -> None:
    """Each student's home, with JupyterLab's quiet settings (no news, no autosave)."""
    for user in users:
        settings = homes / user / ".jupyter" / "lab" / "user-settings"
        for relative, text in LAB_SETTINGS.items():
            (settings / relative).parent.mkdir(parents=True, exist_ok=True)
            (settings / relative).write_text(text, encoding="utf-8")


def hub_environment(base: Path) -> dict:
    """The hub's environment: no LIAOYANG_WORK_DIR (the students' servers find their own)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("LIAOYANG_")}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        PYTHONPATH="",
    )
    return env


@contextlib.contextmanager
def hub_running(base: Path, users: list[str], timeout: float = 90.0) -> Iterator[Hub]:
    """Run a hub under ``base`` for the ``with`` block; always end it and all it started."""
    homes = base / "homes"
    prepare_homes(homes, users)
    site = install_package_for_everyone(base)
    port, token = free_port(), secrets.token_hex(24)
    config = write_config(base, port, token, site)
    command = [sys.executable, "-m", "jupyterhub", "-f", str(config), "--no-ssl"]
    log_path = base / "hub.log"
    process = None
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            process = start_in_own_group(command, base, hub_environment(base), log)
            hub = Hub(f"http://127.0.0.1:{port}/", token, base, homes, site, log_path, process)
            wait_for_hub(hub, timeout)
            yield hub
        finally:
            stop_server_and_kernels(process, grace=20.0)


def wait_for_hub(hub: Hub, timeout: float) -> None:
    """Wait until the hub answers its API through the proxy; fail with its log."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            if hub.request("GET", "hub/api/", timeout=3)[0] == 200:
                return
        if hub.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"The hub did not start.\nHub log:\n{hub.log_tail()}")
        time.sleep(0.3)
