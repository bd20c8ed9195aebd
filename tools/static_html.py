"""Run notebooks and save each as a static web page that fetches nothing and shows Chinese.

    python tools/static_html.py --output-dir build/html notebooks/*.ipynb

``python tasks.py html`` calls it. Each notebook is executed (widgets leave
their static form: text and tables) and exported with nbconvert's lab page,
through the template ``tools/static_template/liaoyang``: no script or style
is asked from a CDN (nbconvert's default page loads require.js and MathJax
from one; the notebooks use neither), and the collection's Chinese font
subset is embedded as a ``data:`` URL holding only the characters of the page
(:func:`helpers.render.fonts.font_face_css`), so the Chinese reads as
characters on a computer with no Chinese font. Work the notebooks save goes
to a temporary folder unless ``LIAOYANG_WORK_DIR`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TEMPLATES = HERE / "static_template"
TIMEOUT = 300
# The embedded font serves only Chinese characters and punctuation; Latin text keeps the page's.
CJK_RANGES = "U+2E80-2FFF, U+3000-303F, U+3400-9FFF, U+F900-FAFF, U+FF00-FFEF"


def export(notebook: Path, output_dir: Path, execute: bool = True) -> Path:
    """Run ``notebook`` (in its own folder) and write ``<output_dir>/<stem>.html``; its path."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    from helpers.render.fonts import font_face_css
    from helpers.render.templates import css

    book = nbformat.read(notebook, as_version=4)
    if execute:
        runner = ExecutePreprocessor(timeout=TIMEOUT, store_widget_state=False)
        runner.preprocess(book, {"metadata": {"path": str(notebook.parent)}})
    exporter = HTMLExporter(template_name="liaoyang", extra_template_basedirs=[str(TEMPLATES)])
    text = nbformat.writes(book)
    resources = {
        "liaoyang_font_face": font_face_css(text, unicode_range=CJK_RANGES),
        "liaoyang_css": css("static_page.css"),
        "metadata": {"name": notebook.stem},
    }
    body, _ = exporter.from_notebook_node(book, resources=resources)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{notebook.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def main(arguments: list[str] | None = None) -> int:
    """Export every notebook named on the command line; print where each page went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=PROJECT / "build" / "html")
    parser.add_argument("--no-execute", action="store_true", help="export without running")
    parser.add_argument("notebooks", type=Path, nargs="+")
    options = parser.parse_args(arguments)
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("LIAOYANG_WORK_DIR", tempfile.mkdtemp(prefix="liaoyang-work-"))
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for notebook in options.notebooks:
        page = export(notebook.resolve(), options.output_dir, execute=not options.no_execute)
        print(f"Wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
