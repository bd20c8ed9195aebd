"""HTML templates and style sheets, kept as files beside this module.

Templates live in ``render/templates/`` (Jinja2, autoescaped: text put into
them is escaped, so nothing typed or loaded can inject markup); style sheets
in ``render/css/``. Jinja2 comes with JupyterLab, so it costs no install.

Example:
    >>> "<style>" in style_tag("style.css")
    True
    >>> render("message.html", text="<b>", kind="info")
    '<div class="ly-message" role="status">&lt;b&gt;</div>'
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from helpers.render.escaping import escape

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
CSS_DIR = HERE / "css"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
        finalize=_escaped,
    )


def _escaped(value):
    """Every value a template prints goes through the package's one :func:`escape`."""
    return value if isinstance(value, Markup) else Markup(escape(value))


def render(name: str, **values) -> str:
    """Fill the template ``name`` (in ``render/templates/``) with ``values``; text is escaped.

    Pass HTML that is already built and escaped through :func:`safe`.

    Example:
        >>> render("message.html", text="Saved P1.1", kind="good")
        '<div class="ly-message ly-good" role="status">Saved P1.1</div>'
    """
    return _environment().get_template(name).render(**values).strip()


def safe(html: str) -> Markup:
    """Mark HTML built (and escaped) elsewhere as safe to put into a template as it is.

    Example:
        >>> render("message.html", text=safe("<b>x</b>"), kind="info")
        '<div class="ly-message" role="status"><b>x</b></div>'
    """
    return Markup(html)


@cache
def css(name: str) -> str:
    """The text of the style sheet ``name`` in ``render/css/``.

    Example:
        >>> ".ly-table" in css("style.css")
        True
    """
    return (CSS_DIR / name).read_text(encoding="utf-8")


@cache
def style_tag(name: str) -> str:
    """The style sheet ``name`` as a ``<style>`` element, to include once per widget or page.

    Example:
        >>> style_tag("style.css").startswith("\\n<style>")
        True
    """
    return f"\n<style>\n{css(name)}</style>\n"
