"""Print an HTML page to PDF with headless Chromium or Chrome, where one is installed.

:func:`find_browser` looks for the program, :func:`print_pdf` runs it in a
process group of its own (stopped whole after a time limit) with a throw-away
profile, and :func:`try_pdf` does both and never raises: without a browser it
says so, and the handout tells how to print from any browser instead.

Example:
    >>> BROWSER_NAMES[0], PDF_TIMEOUT
    ('chromium', 120.0)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

#: Programs tried, in order, to print the PDF (after $LIAOYANG_CHROMIUM and /usr/bin/chromium).
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Seconds the browser may take to print the PDF before it is stopped.
PDF_TIMEOUT = 120.0


def find_browser() -> Path | None:
    """A Chromium or Chrome program to print PDFs with, or None if there is none.

    Looks at ``$LIAOYANG_CHROMIUM``, ``/usr/bin/chromium``, the usual program
    names on the PATH, and Chrome's place on a Mac.

    Example:
        >>> browser = find_browser()
        >>> browser is None or browser.exists()
        True
    """
    candidates = [os.environ.get("LIAOYANG_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in BROWSER_NAMES]
    candidates.append("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def print_pdf(html_path, pdf_path, browser, timeout: float = PDF_TIMEOUT) -> Path:
    """Print an HTML file to PDF with headless Chromium; raise RuntimeError if that fails.

    The PDF is written to a temporary name and renamed when complete; the
    browser gets its own throw-away profile and is stopped after ``timeout``
    seconds.

    Example:
        >>> print_pdf("a.html", "a.pdf", "/no/such/browser")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        RuntimeError: could not start the browser /no/such/browser...
    """
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    partial = pdf_path.with_name(f".{pdf_path.name}.partial")
    with tempfile.TemporaryDirectory(prefix="liaoyang-pdf-") as profile:
        command = [
            str(browser),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={partial}",
            html_path.as_uri(),
        ]
        try:
            returncode, errors = _run_bounded(command, timeout)
            if returncode != 0 or not _looks_like_pdf(partial):
                last_line = (errors.strip().splitlines() or ["no message"])[-1]
                raise RuntimeError(
                    f"the browser did not print a PDF (exit {returncode}): {last_line[:200]}"
                )
            os.replace(partial, pdf_path)
        finally:
            partial.unlink(missing_ok=True)
    return pdf_path


def try_pdf(html_path: Path, timeout: float = PDF_TIMEOUT) -> tuple[Path | None, str]:
    """Print the PDF next to the HTML if a browser is there; never raise.

    Returns the PDF's path (or None) and a note saying why there is no PDF.

    Example:
        >>> import helpers.render.pdf as pdf
        >>> real, pdf.find_browser = pdf.find_browser, lambda: None  # as on a computer without
        >>> try_pdf(Path("handout.html"))
        (None, 'no PDF: no Chromium or Chrome was found on this computer')
        >>> pdf.find_browser = real
    """
    browser = find_browser()
    if browser is None:
        return None, "no PDF: no Chromium or Chrome was found on this computer"
    try:
        return print_pdf(html_path, html_path.with_suffix(".pdf"), browser, timeout), ""
    except (RuntimeError, OSError) as error:
        return None, f"no PDF: {error}"


def _run_bounded(command: list[str], timeout: float) -> tuple[int, str]:
    """Run a program in its own process group; stop the whole group after ``timeout`` s."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        raise RuntimeError(f"could not start the browser {command[0]} ({error})") from None
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop_group(process)
        process.communicate()
        raise RuntimeError(f"the browser took longer than {timeout:g} s and was stopped") from None
    return process.returncode, errors.decode("utf-8", errors="replace")


def _stop_group(process: subprocess.Popen) -> None:
    """Kill the process group we started for ``process`` (just the process on Windows)."""
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
            return
        except ProcessLookupError:
            return
    process.kill()


def _looks_like_pdf(path: Path) -> bool:
    """Is there a file at ``path`` that starts like a PDF?"""
    try:
        with open(path, "rb") as stream:
            return stream.read(5) == b"%PDF-"
    except OSError:
        return False
