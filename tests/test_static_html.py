"""The static pages (tools/static_html.py, tasks.py html): nothing fetched, Chinese embedded.

A small notebook with a Chinese output is exported without running it (no
kernel, so the test is quick); the slow Binder test exports every notebook the
same way and checks each page with :func:`fetched_urls` too.
"""

from __future__ import annotations

import base64
import io
import re
import sys
from pathlib import Path

import nbformat

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tools"))

import static_html  # noqa: E402

# What a page asks the browser to fetch: a script's or image's src, a style sheet's or icon's
# <link href>, a CSS url(...) or @import, a JavaScript import(...). Links a reader clicks
# (<a href>) and XML namespaces are not fetches.
FETCHES = [
    r"""\bsrc\s*=\s*["']?([^"'\s>]+)""",
    r"""<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)""",
    r"""url\(\s*["']?([^"')\s]+)""",
    r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""",
    r"""\bimport\s*\(\s*["']([^"']+)""",
    r"""\bfrom\s+["'](https?://[^"']+)""",
]


def fetched_urls(page: str) -> list[str]:
    """Every http(s) or protocol-relative URL the page would fetch."""
    found = []
    for pattern in FETCHES:
        for url in re.findall(pattern, page, flags=re.I):
            if re.match(r"(https?:)?//", url, flags=re.I):
                found.append(url)
    return found


def test_the_fetch_finder_sees_what_nbconvert_s_default_page_fetches():
    default = (
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">'
        '</script><link rel="stylesheet" href="https://cdn.jsdelivr.net/x.css">'
        "<style>@import url(//fonts.example/a.css); .a {background: url('https://x/y.png')}"
        '</style><script type="module">const m = (await import("https://cdn/m.mjs"));</script>'
        '<a href="https://example.org/">a link</a><svg xmlns="http://www.w3.org/2000/svg"></svg>'
        '<img src="data:image/png;base64,AAAA">'
    )
    assert fetched_urls(default) == [
        "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js",
        "https://cdn.jsdelivr.net/x.css",
        "//fonts.example/a.css",
        "https://x/y.png",
        "//fonts.example/a.css",
        "https://cdn/m.mjs",
    ]


def chinese_notebook(path: Path) -> Path:
    book = nbformat.v4.new_notebook()
    book.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    book.cells = [
        nbformat.v4.new_markdown_cell("# 辽阳县\n\nMath-looking text: $x$ stays text."),
        nbformat.v4.new_code_cell(
            "print('互助合作')",
            outputs=[nbformat.v4.new_output("stream", name="stdout", text="互助合作\n")],
        ),
    ]
    nbformat.write(book, path)
    return path


def test_a_static_page_fetches_nothing_and_embeds_the_chinese_it_shows(tmp_path):
    from fontTools.ttLib import TTFont

    notebook = chinese_notebook(tmp_path / "chinese.ipynb")
    page = static_html.export(notebook, tmp_path / "html", execute=False).read_text("utf-8")

    assert "互助合作" in page and "辽阳县" in page
    assert fetched_urls(page) == [], fetched_urls(page)
    assert "cdnjs" not in page and "require.min.js" not in page and "MathJax" not in page
    embedded = re.search(r"url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", page)
    assert embedded, "no embedded font"
    font = TTFont(io.BytesIO(base64.b64decode(embedded.group(1))))
    characters = {chr(code) for code in font.getBestCmap()}
    assert set("辽阳县互助合作") <= characters
    assert "农" not in characters, "the whole font was embedded, not the page's characters"
    assert 'font-family: "Liaoyang Noto Sans CJK SC Subset"' in page
