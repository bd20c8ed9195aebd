"""No emoji anywhere a student reads: the voice markers and every label are words (issue 14).

A machine without an emoji font shows emoji as empty boxes, so the collection
uses none: not in a notebook, a template, a data file, the helpers' strings,
nor in a page they render (the widgets' static forms, the handout). The
three voice markers of old (the page, books and thought-bubble emoji) are
named in the test so that their return fails it, and so is any code point
shown as an emoji by default, and the variation selector (U+FE0F) that turns
a text symbol into one.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The old voice markers: what the article says, what historians know, interpretation.
VOICE_EMOJI = "\U0001f4c4\U0001f4da\U0001f4ad"

# Code points whose default presentation is emoji (Unicode's Emoji_Presentation=Yes, in the
# Basic Multilingual Plane), every pictograph beyond it, regional indicators (flags), and the
# emoji variation selector. Text symbols such as the arrows and the check mark the widgets use
# (U+25B6, U+2713) are drawn by ordinary text fonts and are not listed.
EMOJI = re.compile(
    "["
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f"
    "\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5"
    "\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797"
    "\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55"
    "\U0001f000-\U0001faff\U0001f1e6-\U0001f1ff"
    "\ufe0f"
    "]"
)

#: The shipped text a student or instructor reads, by folder and file kind.
SHIPPED = ("notebooks", "instructor", "helpers", "seeds")
TEXT_SUFFIXES = {".ipynb", ".py", ".html", ".css", ".csv", ".json", ".md", ".txt", ".js"}


def shipped_files() -> list[Path]:
    """The project's tracked text files that reach a reader (and README.md)."""
    listed = subprocess.run(
        ["git", "ls-files", *SHIPPED, "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if Path(name).suffix in TEXT_SUFFIXES]


def emoji_in(text: str) -> list[str]:
    """The emoji code points in ``text``, in order, written as U+XXXX."""
    return [f"U+{ord(found):04X}" for found in EMOJI.findall(text)]


def test_the_pattern_finds_the_old_voice_markers_and_not_the_widgets_symbols():
    assert emoji_in(VOICE_EMOJI) == ["U+1F4C4", "U+1F4DA", "U+1F4AD"]
    assert emoji_in("\u26a0\ufe0f \u270f\ufe0f \u2705") == ["U+FE0F", "U+FE0F", "U+2705"]
    assert emoji_in("Next \u25b6 \u25c0 Previous \u2713 \u26a0 wrong \u00b7 \u2014") == []


def test_there_are_files_to_check():
    names = {path.name for path in shipped_files()}
    assert {"02_first_reading.ipynb", "style.css", "glossary.csv", "article.html"} <= names


@pytest.mark.parametrize("path", shipped_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_shipped_file_uses_an_emoji(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    found = emoji_in(text)
    assert not found, f"{path.relative_to(ROOT)}: emoji {sorted(set(found))}; use words"


def rendered_pages() -> dict[str, str]:
    """The HTML the helpers render for pages without a kernel, by name."""
    import helpers
    from helpers.render.handout import handout_html

    return {
        "reader (static form)": helpers.reader().static_html(),
        "reader without moves": helpers.reader(moves=False).static_html(),
        "compare (static form)": helpers.compare().static_html(),
        "concordance (static form)": helpers.concordance("偏向").static_html(),
        "question (static form)": helpers.question("q03_deviation_two").static_html(),
        "handout": handout_html(),
    }


def test_no_rendered_page_uses_an_emoji():
    pages = rendered_pages()
    assert all(len(html) > 200 for html in pages.values()), {k: len(v) for k, v in pages.items()}
    found = {name: sorted(set(emoji_in(html))) for name, html in pages.items() if emoji_in(html)}
    assert not found, f"emoji in rendered pages: {found}"
