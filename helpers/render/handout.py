"""A printable seminar handout: the article side by side, the glossary, the steps, questions.

:func:`handout` writes one self-contained HTML file (no scripts, no links to
fetch) and, where Chromium or Chrome is installed, a PDF next to it. Without
a browser on the machine it says how to print the HTML from any browser.

The HTML embeds the collection's Chinese font subset
(``helpers/fonts/LiaoyangNotoSansSC-Subset.ttf``, SIL Open Font License) as a
base64 ``data:`` URL, so the Chinese prints as characters, not boxes, even on
a computer with no Chinese font. That makes the file about 1.7 MB: large for a
web page, fine for a handout.

Three voices are kept apart in the handout: the article's own words (cited by
``seg_id``), the glossary's judgements (each with its confidence), and
readings or questions (the step-to-problem matching, the discussion questions),
which are labelled as such.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.model.article import load_article
from helpers.model.paths import work_dir
from helpers.model.storage import atomic_write_text
from helpers.model.tables import glossary, segments, steps
from helpers.render.fonts import font_path
from helpers.render.html import STYLE, escape, legend_html, move_label, segments_html, table_html

#: Open questions for the seminar, grounded in the article; pass your own to :func:`handout`.
DISCUSSION_QUESTIONS = (
    "Which deviation does the article treat as more serious: rushing into cooperatives "
    "(P2.3 to P2.8) or holding peasants back (P2.9)? Compare how many sentences each gets "
    "and how many of the county's steps answer each. Is space the same as seriousness?",
    "The county committee speaks of 'the above two deviations' (P3.1), yet P2.10 adds the "
    "middle peasants' strong-with-strong (硬卡硬) teams. Is that a third problem, part of "
    "one of the two, or something the article ranks differently? What does your answer "
    "change about how you read step 3 (P3.4)?",
    "Step 3 (P3.4) asks that the middle peasants be brought to change 'consciously' "
    "(自觉地转变), after the benefits of unity have been explained to them. What does this "
    "tell you about the method the county prefers (an order, an example, or persuasion), "
    "and about what it wants to avoid?",
    "What does the article leave out? Look for names of people and villages, numbers, and "
    "what happened after the steps were taken. Whose words does it give (P2.7, P2.9), and "
    "whose thoughts does it only report (P2.5)?",
    "The article is a circular that the Northeast Bureau passes on to 'all localities' "
    "(P1.2, P1.3). What did it want cadres elsewhere to learn from one county, and why "
    "tell it as a story of problems found and corrected?",
    "Pick two terms from the glossary where the seed's English and the better rendering "
    "differ (for example 辽东省, 区上高看, 硬卡硬 or 抬高牛犋价). How does each rendering "
    "shape an English reader's understanding, and what would the better one change?",
)

#: How to cite the source, as printed on the handout.
CITATION = (
    "Renmin Ribao (People's Daily), 27 February 1954, page 1; "
    "English translation as given in the seed file."
)

#: The licence line of the footer.
LICENCE = (
    "Teaching text: CC BY 4.0. Code: MIT. Chinese font: a subset of Noto Sans CJK SC, "
    "SIL Open Font License 1.1 (helpers/fonts/OFL.txt). "
    "Made with the Liaoyang 1954 notebooks."
)

#: The family name under which the shipped font is embedded.
FONT_FAMILY = "Liaoyang Noto Sans CJK SC Subset"

#: Fonts to fall back on, after the embedded one.
FALLBACK_FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
    '"Microsoft YaHei", "PingFang SC", sans-serif'
)

#: Programs tried, in order, to print the PDF (after $LIAOYANG_CHROMIUM and /usr/bin/chromium).
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Seconds the browser may take to print the PDF before it is stopped.
PDF_TIMEOUT = 120.0

HOW_TO_PRINT = (
    "open the HTML in a browser and print it (Ctrl+P, or Cmd+P on a Mac), "
    "choosing 'Save as PDF' or a printer"
)

PRINT_CSS = """
@page {size: A4; margin: 16mm 14mm 18mm 14mm;}
html, body {background: #fff; color: #000;}
body {font-family: "%(family)s", %(fallbacks)s;
  font-size: 10.5pt; line-height: 1.45; max-width: 62em; margin: 1.5em auto; padding: 0 1em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;}
h1 {font-size: 1.6em; margin: 0 0 0.2em;}
h2 {font-size: 1.25em; margin: 1.4em 0 0.4em; border-bottom: 1px solid #000;}
h3 {font-size: 1em; margin: 1em 0 0.2em;}
h1, h2, h3 {page-break-after: avoid; break-after: avoid; color: #000;}
p, li {orphans: 3; widows: 3;}
.ho-title-en {font-size: 1.1em; font-style: italic; margin: 0 0 0.6em;}
.ho-meta, .ho-note, .ho-cite {margin: 0.3em 0;}
.ho-note {font-size: 0.92em; border-left: 3px solid #000; padding-left: 0.6em;}
.ho-head {display: grid; grid-template-columns: 7.5em minmax(0, 1fr) minmax(0, 1fr);
  gap: 0.8em; padding: 0 4px 0 10px; font-weight: bold; font-size: 0.9em;
  border-bottom: 1px solid #000;}
.ly-seg {grid-template-columns: 7.5em minmax(0, 1fr) minmax(0, 1fr);
  page-break-inside: avoid; break-inside: avoid; color: #000;}
.ly-zh {line-height: 1.9;}
.ly-en {overflow-wrap: anywhere;}
.ly-margin, .ly-zh ruby rt {color: #000;}
.ly-margin .ly-move {font-family: "%(family)s", %(fallbacks)s; font-size: 0.8em; line-height: 1.3;}
.ly-term {background: none; border-bottom: 1px dotted #000;}
.ly-table {font-size: 0.9em;}
.ly-table thead {display: table-header-group;}
.ly-table tr, .ly-table td, .ly-table th {page-break-inside: avoid; break-inside: avoid;}
.ly-table th {border-bottom: 1.5px solid #000;}
.ho-questions li {margin-bottom: 0.9em; page-break-inside: avoid; break-inside: avoid;}
footer {break-inside: avoid; margin-top: 1.2em; padding-top: 0.4em;
  border-top: 1px solid #000; font-size: 0.85em;}
@media print {
  body {max-width: none; margin: 0; padding: 0; font-size: 10pt;}
  section.ho-break {page-break-before: always; break-before: page;}
}
"""
PRINT_CSS_FILLED = PRINT_CSS % {"family": FONT_FAMILY, "fallbacks": FALLBACK_FONTS}


@dataclass(frozen=True)
class HandoutResult:
    """What :func:`handout` wrote: the HTML path, the PDF path (or None) and a message."""

    html: Path
    pdf: Path | None
    message: str

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- the HTML


def handout_html(questions=None, table: pd.DataFrame | None = None) -> str:
    """The whole handout as one self-contained HTML page (a string).

    ``questions`` is a list of discussion questions (default
    :data:`DISCUSSION_QUESTIONS`; an empty list leaves the section out);
    ``table`` the segments to print (default :func:`helpers.segments`).
    All text is escaped.

    Example:
        >>> page = handout_html(["Who speaks in P1.1?"])
        >>> "P2.10" in page, "Who speaks in P1.1?" in page, "<script" in page
        (True, True, False)
    """
    table = segments() if table is None else table
    article = load_article()
    title = f"{article.title_zh} / {article.title_en}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Handout: {escape(title)}</title>",
        STYLE,
        f"<style>{_font_face_css()}{PRINT_CSS_FILLED}</style>",
        "</head><body>",
        title_block_html(article),
        article_section_html(table),
        glossary_section_html(),
        steps_section_html(),
        questions_section_html(_as_question_list(questions)),
        footer_html(),
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part)


def title_block_html(article=None) -> str:
    """The title block: both titles, date, page, the dispatch line, the citation.

    Example:
        >>> "Xinhua News Agency dispatch, Shenyang" in title_block_html()
        True
    """
    article = article if article is not None else load_article()
    date = f"{article.date.day} {article.date:%B %Y}"
    page = f", page {article.page}" if article.page is not None else ""
    dispatch = (
        "Xinhua News Agency dispatch, Shenyang, of the 26th, as the article opens "
        "(P1.1: 【新华社沈阳二十六日电】)."
    )
    return (
        '<header class="ho-title">'
        f'<h1 lang="zh-Hans">{escape(article.title_zh)}</h1>'
        f'<p class="ho-title-en">{escape(article.title_en)}</p>'
        f'<p class="ho-meta"><b>Renmin Ribao (People\'s Daily)</b>, {escape(date)}{escape(page)}. '
        f"{escape(dispatch)}</p>"
        f'<p class="ho-cite"><b>Cite as:</b> {escape(CITATION)}</p>'
        '<p class="ho-note">Three voices are kept apart here: <b>the article</b> (its own words, '
        "cited by segment id such as P2.3: paragraph 2, segment 3); <b>the glossary</b> "
        "(translation judgements, each with its confidence); and <b>readings and questions</b> "
        "(marked as such), which are ours to argue about, not the article's.</p>"
        "</header>"
    )


def article_section_html(table: pd.DataFrame | None = None) -> str:
    """The article side by side, paragraph by paragraph, each segment with its move in words.

    Example:
        >>> article_section_html().count('class="ly-seg"')
        19
    """
    table = segments() if table is None else table
    head = (
        '<div class="ho-head" aria-hidden="true"><span>segment, move</span>'
        "<span>Chinese original</span><span>English (the seed's translation)</span></div>"
    )
    paragraphs = "".join(
        f"<h3>Paragraph {escape(para)}</h3>{head}{segments_html(rows)}"
        for para, rows in table.groupby("para", sort=False)
    )
    return (
        '<section class="ho-article"><h2>1. The article, sentence by sentence</h2>'
        '<p class="ho-note">Each segment is marked with its place in the argument: the move is '
        "written in the margin and shown by the coloured bar on the left (the words are enough "
        "in black and white). Glossary terms are underlined with dots. The coding of moves "
        "is the collection's reading of the article.</p>"
        f"{legend_html()}{paragraphs}</section>"
    )


def glossary_section_html() -> str:
    """The glossary as a table: term, pinyin, gloss, the seed's rendering, a better one.

    Example:
        >>> "硬卡硬" in glossary_section_html()
        True
    """
    terms = glossary()
    shown = pd.DataFrame(
        {
            "term": [f'<span lang="zh-Hans">{escape(term)}</span>' for term in terms.term_zh],
            "pinyin": terms.pinyin,
            "gloss": terms.gloss_en,
            "the seed's rendering": terms.seed_rendering,
            "a better rendering": terms.suggested_rendering,
            "confidence": terms.confidence,
        }
    )
    return (
        '<section class="ho-glossary ho-break"><h2>2. Key terms</h2>'
        '<p class="ho-note">Confidence: <i>confirmed</i> (read in a named source), '
        "<i>plausible</i> (a single weak source or inferred from context: read it as "
        "'probably'), <i>open</i> (not verified). Each term's source and a note on it are "
        "in the collection's glossary (helpers/data/glossary.csv).</p>"
        f"{table_html(shown, raw_columns=('term',))}</section>"
    )


def steps_section_html() -> str:
    """The county's corrective steps, with the problem each answers marked as a reading.

    Example:
        >>> "a reading" in steps_section_html()
        True
    """
    table = steps()
    shown = pd.DataFrame(
        {
            "step": table.step.astype(str),
            "seg_id": table.seg_id,
            "summary": table.summary,
            "answers (a reading)": [
                "; ".join(move_label(move) for move in answers) for answers in table.answers
            ],
        }
    )
    return (
        '<section class="ho-steps"><h2>3. The county\'s corrective steps</h2>'
        '<p class="ho-note">The article numbers the first two steps itself (第一、第二, P3.2, '
        "P3.3); the others are counted in its order. Which problem each step answers is "
        "<b>a reading</b>, not something the article states: check it against the segments "
        "and argue with it.</p>"
        f"{table_html(shown)}</section>"
    )


def questions_section_html(questions) -> str:
    """The discussion questions as a numbered list with room to write (empty: no section).

    Example:
        >>> questions_section_html(["Why <now>?"])  # doctest: +ELLIPSIS
        '<section class="ho-questions"><h2>4. Questions for discussion</h2>...Why &lt;now&gt;?...'
    """
    questions = _as_question_list(questions)
    if not questions:
        return ""
    items = "".join(f"<li>{escape(question)}</li>" for question in questions)
    return (
        '<section class="ho-questions"><h2>4. Questions for discussion</h2>'
        '<p class="ho-note">Open questions: answer from the article, citing segment ids, and '
        "say where you are interpreting.</p>"
        f"<ol>{items}</ol></section>"
    )


def footer_html() -> str:
    """The footer: licences and where the handout comes from.

    Example:
        >>> "CC BY 4.0" in footer_html()
        True
    """
    return f"<footer><p>{escape(LICENCE)} Source: {escape(CITATION)}</p></footer>"


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


def handout(path=None, questions=None, *, pdf: bool = True, timeout: float = PDF_TIMEOUT):
    """Write the handout as HTML (and as PDF where Chromium or Chrome is installed).

    ``path`` is where the HTML goes (default ``handout.html`` in the work
    folder); the PDF goes next to it with the suffix ``.pdf``. ``questions``
    replaces the default discussion questions. With ``pdf=False``, or with
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
    html_path = Path(path) if path is not None else work_dir() / "handout.html"
    atomic_write_text(html_path, handout_html(questions))
    pdf_path, pdf_note = None, "no PDF was asked for"
    if pdf:
        pdf_path, pdf_note = _try_pdf(html_path, timeout)
    if pdf_path is not None:
        message = f"Wrote the handout to {html_path} and a PDF to {pdf_path}."
    else:
        message = f"Wrote the handout to {html_path} ({pdf_note}); to print it, {HOW_TO_PRINT}."
    print(message)
    return HandoutResult(html=html_path, pdf=pdf_path, message=message)


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


def _try_pdf(html_path: Path, timeout: float) -> tuple[Path | None, str]:
    """Print the PDF if a browser is there; never raise. Returns (path or None, a note)."""
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
