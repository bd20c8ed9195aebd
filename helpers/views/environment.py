"""The environment check of the start notebook: is everything a student needs here?

Each check says OK or FAIL and, on a failure, what to do.
"""

from __future__ import annotations

import importlib.metadata
import warnings

import pandas as pd

#: What to do when a check fails, in words a student can follow.
REMEDIES = {
    "article": "The article file was not found or cannot be read. Open the notebook from inside "
    "the project folder (or restart Binder); do not move files out of 'seeds/'.",
    "packages": "A package is missing. In a terminal in the project folder run "
    "'python tasks.py lab' again; on Binder, restart the session.",
    "chinese_plot": "Plots cannot draw Chinese. Make sure 'helpers/fonts/' is present "
    "(download the project again if it is missing), then restart the kernel.",
    "work_folder": "Your work cannot be saved: the work folder is not writable. Set the "
    "environment variable LIAOYANG_WORK_DIR to a folder you can write to, or run the "
    "notebooks from a copy of the project in your home folder.",
    "widgets": "The widget library is missing in this kernel. Run 'python tasks.py lab' "
    "again (it installs ipywidgets), then restart JupyterLab.",
}

REQUIRED_PACKAGES = ("jupyterlab", "ipywidgets", "pandas", "matplotlib", "pypinyin", "regex")


def _check_article() -> str:
    from helpers.model.tables import segments

    return f"the article loads: {len(segments())} segments"


def _check_packages() -> str:
    versions = [f"{name} {importlib.metadata.version(name)}" for name in REQUIRED_PACKAGES]
    return ", ".join(versions)


def _check_chinese_plot() -> str:
    import matplotlib.pyplot as plt

    from helpers.render.plots import new_figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure, axes = new_figure(2, 1)
        axes.set_title("辽阳县 牛犋")
        figure.canvas.draw()
    plt.close(figure)
    if "inline" in plt.get_backend() and not plt.isinteractive():
        raise RuntimeError("figures would not be shown in the notebook (interactive mode is off)")
    return "a figure titled 辽阳县 牛犋 drew every glyph"


def _check_work_folder() -> str:
    from helpers.model.paths import work_dir
    from helpers.model.storage import atomic_write_text

    probe = atomic_write_text(work_dir() / ".write-test", "ok")
    probe.unlink()
    return f"work is saved in {work_dir()}"


def _check_widgets() -> str:
    import ipywidgets

    return f"ipywidgets {ipywidgets.__version__} is installed in the kernel"


CHECKS = {
    "article": _check_article,
    "packages": _check_packages,
    "chinese_plot": _check_chinese_plot,
    "work_folder": _check_work_folder,
    "widgets": _check_widgets,
}


def check_environment() -> pd.DataFrame:
    """Run every check; one row each with OK or FAIL, what was found, and what to do.

    Example:
        >>> table = check_environment()
        >>> list(table["status"].unique())
        ['OK']
    """
    rows = []
    for name, check in CHECKS.items():
        try:
            found, status, remedy = check(), "OK", ""
        except Exception as error:  # a check must report, never crash the notebook
            found, status, remedy = f"{type(error).__name__}: {error}", "FAIL", REMEDIES[name]
        rows.append({"check": name, "status": status, "found": found, "what to do": remedy})
    return pd.DataFrame(rows)
