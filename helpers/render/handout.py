"""A printable seminar handout: the article side by side, the glossary, the steps, questions.

:func:`handout` writes one self-contained HTML file (no scripts, no links to
fetch) and, where Chromium or Chrome is installed, a PDF next to it
(:mod:`helpers.render.pdf`). Without a browser on the machine it says how to
print the HTML from any browser. The page is built from the templates
``render/templates/handout_*.html`` and styled by ``render/css/handout.css``.

The HTML embeds the collection's Chinese font subset
(``helpers/fonts/LiaoyangNotoSansSC-Subset.ttf``, SIL Open Font License) as a
base64 ``data:`` URL, so the Chinese prints as characters, not boxes, even on
a computer with no Chinese font. That makes the file about 1.7 MB: large for a
web page, fine for a handout.

Three voices are kept apart in the handout: the article's own words (cited by
``seg_id``), the glossary's judgements (each with its confidence), and
readings or questions (the step-to-problem matching, the discussion questions),
which are labelled as such. The handout prints any article (any source, see
:func:`helpers.model.source.as_table`); the seed's steps, dispatch line and
default questions appear only with the seed.

Example:
    >>> "<title>Handout: 中共中央东北局" in handout_html([])
    True
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd

from helpers.model.data_files import discussion_prompts, glossary, steps
from helpers.model.paths import work_dir
from helpers.model.storage import SaveError, atomic_write_text, could_not_write, file_in
from helpers.render.fonts import font_path
from helpers.render.handout_title import CITATION, article_heading, title_block_html
from helpers.render.html import STYLE, escape, legend_html, move_label, segments_html, table_html
from helpers.render.pdf import PDF_TIMEOUT, try_pdf
from helpers.render.templates import css, render, safe

#: The seminar's discussion prompts (``helpers/data/discussion_prompts.csv``): the same set
#: as the notebooks' Discussion cells and the instructor's guide. Pass your own to :func:`handout`.
DISCUSSION_QUESTIONS = tuple(discussion_prompts()["prompt"])

#: The licence line of the footer.
LICENCE = (
    "Teaching text: CC BY 4.0. Code: MIT. Chinese font: a subset of Noto Sans CJK SC, "
    "SIL Open Font License 1.1 (helpers/fonts/OFL.txt). "
    "Made with the Liaoyang 1954 notebooks."
)

#: The family name under which the shipped font is embedded (the first in ``handout.css``).
FONT_FAMILY = "Liaoyang Noto Sans CJK SC Subset"

HOW_TO_PRINT = (
    "open the HTML in a browser and print it (Ctrl+P, or Cmd+P on a Mac), "
    "choosing 'Save as PDF' or a printer"
)

#: The print styles of the handout (``render/css/handout.css``); its first font family
#: is :data:`FONT_FAMILY`, the embedded subset.
PRINT_CSS = css("handout.css")


@dataclass(frozen=True)
class HandoutResult:
    """What :func:`handout` wrote: the HTML path, the PDF path (or None) and a message.

    Example:
        >>> print(HandoutResult(Path("h.html"), None, "Wrote the handout to h.html."))
        Wrote the handout to h.html.
    """

    html: Path | None  # None when it could not be written (the message says why)
    pdf: Path | None
    message: str

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- the HTML


def handout_html(questions=None, table=None) -> str:
    """The whole handout as one self-contained HTML page (a string).

    ``questions`` is a list of discussion questions (default
    :data:`DISCUSSION_QUESTIONS` for the seed, none for another article; an
    empty list leaves the section out); ``table`` the article to print: any
    source (default the seed; a path, an Article or a segments table). The
    page is titled from that article. All text is escaped.

    Example:
        >>> page = handout_html(["Who speaks in P1.1?"])
        >>> "P2.10" in page, "Who speaks in P1.1?" in page, "<script" in page
        (True, True, False)
    """
    heading = article_heading(table)
    table = heading.table
    if questions is None and not heading.seed:
        questions = []
    sections = [
        partial(article_section_html, table),
        partial(glossary_section_html, None if heading.seed else table),
        partial(steps_section_html) if heading.seed else None,
        partial(questions_section_html, questions),
    ]
    parts = [title_block_html(heading)]
    for make in filter(None, sections):  # numbered 1, 2, ... leaving out sections with nothing
        parts.append(make(number=sum(1 for part in parts if part)))
    parts.append(footer_html(heading.citation))
    return render(
        "handout_page.html",
        title=heading.page_title,
        style=safe(STYLE),
        font_face=safe(_font_face_css()),
        print_css=safe(PRINT_CSS),
        parts=[safe(part) for part in parts if part],
    )


def article_section_html(table=None, number: int = 1) -> str:
    """The article side by side, paragraph by paragraph, each segment with its move in words.

    ``table`` is any source (default the seed).

    Example:
        >>> article_section_html().count('class="ly-seg"')
        19
    """
    table = article_heading(table).table
    paragraphs = [
        (para, safe(segments_html(rows))) for para, rows in table.groupby("para", sort=False)
    ]
    return render(
        "handout_article.html", number=number, legend=safe(legend_html()), paragraphs=paragraphs
    )


def glossary_section_html(table=None, number: int = 2) -> str:
    """The glossary as a table: term, pinyin, gloss, the seed's rendering, a better one.

    With a ``table`` (any source), only the terms its Chinese holds; none: no section.

    Example:
        >>> "硬卡硬" in glossary_section_html(), glossary_section_html(article_heading().table[:1])
        (True, '')
    """
    terms = glossary()
    if table is not None:
        text = "".join(article_heading(table).table["zh"].astype(str))
        terms = terms[[term in text for term in terms.term_zh]]
        if terms.empty:
            return ""
    shown = {
        "term": [f'<span lang="zh-Hans">{escape(term)}</span>' for term in terms.term_zh],
        "pinyin": terms.pinyin,
        "gloss": terms.gloss_en,
        "the seed's rendering": terms.seed_rendering,
        "a better rendering": terms.suggested_rendering,
        "confidence": terms.confidence,
    }
    shown = table_html(pd.DataFrame(shown), raw_columns=("term",))
    return render("handout_glossary.html", number=number, table=safe(shown))


def steps_section_html(number: int = 3) -> str:
    """The county's corrective steps, with the problem each answers marked as a reading.

    Example:
        >>> "a reading" in steps_section_html()
        True
    """
    table = steps()
    answers = ["; ".join(move_label(move) for move in row) for row in table.answers]
    shown = table_html(
        pd.DataFrame(
            {
                "step": table.step.astype(str),
                "seg_id": table.seg_id,
                "summary": table.summary,
                "answers (a reading)": answers,
            }
        )
    )
    return render("handout_steps.html", number=number, table=safe(shown))


def questions_section_html(questions, number: int = 4) -> str:
    """The discussion questions as a numbered list with room to write (empty: no section).

    Example:
        >>> questions_section_html(["Why <now>?"])  # doctest: +ELLIPSIS
        '<section class="ho-questions"><h2>4. Questions for discussion</h2>...Why &lt;now&gt;?...'
    """
    questions = _as_question_list(questions)
    if not questions:
        return ""
    return render("handout_questions.html", number=number, questions=questions)


def footer_html(citation: str = CITATION) -> str:
    """The footer: licences and where the handout comes from.

    Example:
        >>> "CC BY 4.0" in footer_html()
        True
    """
    return f"<footer><p>{escape(LICENCE)} Source: {escape(citation)}</p></footer>"


def _as_question_list(questions) -> list[str]:
    """None: the default questions; a single string: one question; else each item as text."""
    if questions is None:
        return list(DISCUSSION_QUESTIONS)
    if isinstance(questions, str):
        questions = [questions]
    return [str(question).strip() for question in questions if str(question).strip()]


@lru_cache(maxsize=1)
def _font_face_css() -> str:
    """The shipped font as an @font-face rule with a base64 data URL ('' if the file is gone)."""
    try:
        data = base64.b64encode(font_path().read_bytes()).decode("ascii")
    except OSError:
        return ""
    return (
        f'@font-face {{font-family: "{FONT_FAMILY}"; font-display: block; '
        f'src: url(data:font/ttf;base64,{data}) format("truetype");}}\n'
    )


# --------------------------------------------------------------------------- files


def handout(
    path=None, questions=None, *, pdf: bool = True, timeout: float = PDF_TIMEOUT, table=None
):
    """Write the handout as HTML (and as PDF where Chromium or Chrome is installed).

    ``path`` is where the HTML goes (default ``handout.html`` in the work
    folder); the PDF goes next to it with the suffix ``.pdf``. ``questions``
    replaces the default discussion questions; ``table`` is the article to
    print (any source, default the seed). With ``pdf=False``, or with
    no browser, only the HTML is written and the message says how to print
    it. Prints a one-line message and returns a :class:`HandoutResult`.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> result = handout(folder / "handout.html", pdf=False)  # doctest: +ELLIPSIS
        Wrote the handout to .../handout.html...
        >>> result.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
    """
    html_path = file_in(path, "handout.html") if path is not None else work_dir() / "handout.html"
    try:
        atomic_write_text(html_path, handout_html(questions, table))
    except SaveError as error:
        message = could_not_write("The handout", html_path, error)
        print(message)
        return HandoutResult(html=None, pdf=None, message=message)
    pdf_path, pdf_note = None, "no PDF was asked for"
    if pdf:
        pdf_path, pdf_note = try_pdf(html_path, timeout)
    if pdf_path is not None:
        message = f"Wrote the handout to {html_path} and a PDF to {pdf_path}."
    else:
        message = f"Wrote the handout to {html_path} ({pdf_note}); to print it, {HOW_TO_PRINT}."
    print(message)
    return HandoutResult(html=html_path, pdf=pdf_path, message=message)
