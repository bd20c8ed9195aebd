"""Make the collection's Voila template the default, so Voila asks no CDN for anything.

Voila's own page (its "lab" template) links two Font Awesome style sheets from
a public CDN, and no configuration option removes them. The collection's
template, ``share/jupyter/voila/templates/liaoyang``, is that page without
them. This script installs it into a Python environment and makes it the
default for every way Voila starts there:

- ``voila notebooks/apps/reader_and_search.ipynb`` (the command line), and
- JupyterLab's or Binder's ``.../voila/render/...`` URL (the server extension):

both read ``voila.json`` from the Jupyter config path (``etc/jupyter`` of the
environment); the setting is merged into one there, other settings kept.

Binder runs it from ``postBuild``; ``python tasks.py lab`` and ``python
tasks.py app`` run it after installing. Run it by hand in any environment
(a JupyterHub's shared one too)::

    python tools/voila_setup.py              # into this Python's environment (sys.prefix)
    python tools/voila_setup.py --prefix DIR # into DIR/share/jupyter and DIR/etc/jupyter
    python tools/voila_setup.py --check      # say whether it is installed; exit 1 if not
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TEMPLATE = "liaoyang"
SOURCE = PROJECT / "share" / "jupyter" / "voila" / "templates" / TEMPLATE
SETTING = {"VoilaConfiguration": {"template": TEMPLATE}}
#: Voila's own config file, read by the voila command and by its server extension alike.
CONFIG = Path("etc/jupyter/voila.json")


def template_dir(prefix: Path) -> Path:
    """Where the template goes under ``prefix``.

    Example:
        >>> template_dir(Path("/p")).as_posix()
        '/p/share/jupyter/voila/templates/liaoyang'
    """
    return prefix / "share" / "jupyter" / "voila" / "templates" / TEMPLATE


def merged(path: Path) -> dict:
    """The JSON config at ``path`` (or {}), with the template setting added.

    Example:
        >>> merged(Path("/no/such/voila.json"))
        {'VoilaConfiguration': {'template': 'liaoyang'}}
    """
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    if not isinstance(config, dict):
        config = {}
    section = config.get("VoilaConfiguration")
    config["VoilaConfiguration"] = {
        **(section if isinstance(section, dict) else {}),
        **SETTING["VoilaConfiguration"],
    }
    return config


def install(prefix: Path) -> list[Path]:
    """Copy the template under ``prefix`` and make it Voila's default there; the files written."""
    target = template_dir(prefix)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SOURCE, target)
    written = [target]
    path = prefix / CONFIG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged(path), indent=2) + "\n", encoding="utf-8")
    return [*written, path]


def problems(prefix: Path) -> list[str]:
    """What is missing under ``prefix`` for Voila to use the template by default ([] if none).

    Example:
        >>> problems(Path("/no/such/prefix"))[0].startswith("no template at")
        True
    """
    found = []
    for name in ("conf.json", "index.html.j2"):
        installed, shipped = template_dir(prefix) / name, SOURCE / name
        if not installed.is_file():
            found.append(f"no template at {installed.parent}")
            break
        if installed.read_bytes() != shipped.read_bytes():
            found.append(f"{installed} differs from the collection's (run this script again)")
    path = prefix / CONFIG
    if merged(path) != (json.loads(path.read_text("utf-8")) if path.is_file() else None):
        found.append(f"{path} does not make {TEMPLATE!r} Voila's template")
    return found


def main(arguments: list[str] | None = None) -> int:
    """Install (or with --check, check) the template and the settings; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix))
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if missing")
    options = parser.parse_args(arguments)
    if options.check:
        found = problems(options.prefix)
        print("\n".join(found) or f"Voila uses the {TEMPLATE!r} template in {options.prefix}.")
        return 1 if found else 0
    install(options.prefix)
    print(f"Voila now uses the collection's {TEMPLATE!r} template in {options.prefix}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
