"""The printable handout: complete, escaped, self-contained, safely written; a PDF if possible."""

from __future__ import annotations

import base64
import importlib
import os
import re
import shutil
import subprocess
import sys

import pytest

from helpers import glossary, load_article, moves, segments, steps
from helpers.model.data_files import discussion_prompts
from helpers.render.fonts import font_path
from helpers.render.handout import CITATION, DISCUSSION_QUESTIONS, handout, handout_html
from helpers.render.html import escape

handout_module = importlib.import_module("helpers.render.handout")
pdf_module = importlib.import_module("helpers.render.pdf")

TAG = re.compile(r"<[^>]+>")
FONT_FACE = re.compile(
    r"@font-face\s*\{[^}]*src:\s*url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", re.DOTALL
)


@pytest.fixture(scope="module")
def page() -> str:
    return handout_html()


def text_of(html: str) -> str:
    """The page with its tags removed (entities kept), to find text split by markup."""
    return TAG.sub("", html)


# --------------------------------------------------------------------------- content


def test_every_segment_is_there_with_its_id_and_both_texts(page):
    text = text_of(page)
    for row in segments().itertuples():
        assert f'data-seg="{row.seg_id}"' in page, row.seg_id
        assert escape(row.en) in page, f"{row.seg_id}: English missing"
        # glossary terms are wrapped in spans, so look for the Chinese in the text
        assert escape(row.zh) in text, f"{row.seg_id}: Chinese missing"


def test_every_segment_has_its_move_in_words(page):
    for seg_id, label in zip(segments().seg_id, segments().move.map(_label), strict=True):
        block = page[page.index(f'data-seg="{seg_id}"') :][:1500]
        assert escape(label) in block, f"{seg_id}: move {label!r} not written out"


def _label(move: str) -> str:
    return moves().set_index("move").loc[move, "label"]


def test_legend_names_every_move(page):
    assert 'class="ly-legend"' in page
    for label in moves().label:
        assert escape(label) in page


def test_every_glossary_term_is_there_with_pinyin_and_renderings(page):
    for row in glossary().itertuples():
        assert f'<span lang="zh-Hans">{escape(row.term_zh)}</span>' in page, row.term_zh
        for value in (row.pinyin, row.gloss_en, row.seed_rendering, row.suggested_rendering):
            assert escape(value) in page, f"{row.term_zh}: {value!r} missing"


def test_steps_table_and_its_reading_note(page):
    section = page[page.index('class="ho-steps"') :]
    for row in steps().itertuples():
        assert escape(row.summary) in section, f"step {row.step} missing"
        assert re.search(rf"<td[^>]*>{re.escape(row.seg_id)}</td>", section)
    assert "a reading" in section and "not something the article states" in section


def test_title_block_and_citation(page):
    article = load_article()
    head = page[: page.index('class="ho-article"')]
    assert escape(article.title_zh) in head and escape(article.title_en) in head
    assert "27 February 1954" in head and "page 1" in head
    assert "Xinhua News Agency dispatch, Shenyang" in head
    assert escape(CITATION) in head
    assert CITATION.startswith("Renmin Ribao (People's Daily), 27 February 1954, page 1;")


def test_default_questions_are_all_there(page):
    # the guide's and the notebooks' prompts, one set (issue 13); not a handful of its own
    assert list(DISCUSSION_QUESTIONS) == list(discussion_prompts()["prompt"])
    assert len(DISCUSSION_QUESTIONS) >= 6
    for question in DISCUSSION_QUESTIONS:
        assert escape(question) in page


def test_the_callers_questions_replace_the_defaults():
    page = handout_html(["What is 硬卡硬?", "Who speaks in P1.1?"])
    assert "<li>What is 硬卡硬?</li><li>Who speaks in P1.1?</li>" in page
    assert escape(DISCUSSION_QUESTIONS[0]) not in page


def test_no_questions_leaves_the_section_out():
    assert "Questions for discussion" not in handout_html([])
    assert "Questions for discussion" in handout_html()


def test_markup_in_questions_is_escaped():
    page = handout_html(["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()


def test_the_font_is_embedded_whole_as_a_data_url(page):
    match = FONT_FACE.search(page)
    assert match, "no @font-face with a base64 data URL"
    assert base64.b64decode(match.group(1)) == font_path().read_bytes()
    assert f'font-family: "{handout_module.FONT_FAMILY}", "Noto Sans CJK SC"' in page
    for fallback in ("Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei"):
        assert fallback in page


def test_print_css_and_a_self_contained_page(page):
    assert "@page {size: A4;" in page
    assert ".ly-seg {grid-template-columns" in page and "break-inside: avoid" in page
    assert '<meta charset="utf-8">' in page
    # nothing to fetch: no external links, scripts or remote resources
    assert not re.search(r"(src|href)=\"?(https?:)?//", page)
    assert "<script" not in page.lower()


def test_footer_has_the_licences(page):
    footer = page[page.index("<footer>") :]
    assert "CC BY 4.0" in footer and "MIT" in footer
    assert "made with the liaoyang 1954 notebooks" in footer.lower()


def test_another_segments_table_is_printed_instead():
    table = segments().head(2).assign(en=["<b>first</b>", "second"])
    page = handout_html(table=table)
    assert page.count('class="ly-seg"') == 2
    assert "&lt;b&gt;first&lt;/b&gt;" in page


# --------------------------------------------------------------------------- files


def test_writes_utf8_atomically_where_asked(tmp_path, capsys):
    target = tmp_path / "out" / "seminar.html"
    result = handout(target, questions=["为什么？"], pdf=False)

    assert result.html == target and result.pdf is None
    assert target.read_bytes().decode("utf-8") == handout_html(["为什么？"])
    assert [p.name for p in target.parent.iterdir()] == ["seminar.html"]  # no temp file left
    printed = capsys.readouterr().out.strip()
    assert printed == result.message and str(target) in printed and "\n" not in printed


def test_default_path_is_the_work_folder(isolated_work_dir, capsys):
    result = handout(pdf=False)
    assert result.html == isolated_work_dir / "handout.html"
    assert result.html.is_file()


def test_without_a_browser_the_html_is_written_and_the_message_says_how_to_print(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(pdf_module, "find_browser", lambda: None)
    result = handout(tmp_path / "h.html")
    assert result.pdf is None and result.html.is_file()
    assert "no Chromium or Chrome" in result.message and "Ctrl+P" in result.message
    assert not (tmp_path / "h.pdf").exists()


def test_a_failing_browser_gives_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    # Python, handed Chromium's flags, exits with an error at once: a browser that fails
    monkeypatch.setattr(pdf_module, "find_browser", lambda: pdf_module.Path(sys.executable))
    result = handout(tmp_path / "h.html")
    assert result.pdf is None and result.html.is_file()
    assert "no PDF: the browser did not print a PDF" in result.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.html"]  # no partial PDF left


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a stand-in browser")
def test_a_browser_that_hangs_is_stopped(tmp_path, monkeypatch, capsys):
    hanging = tmp_path / "hanging-browser"
    hanging.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    hanging.chmod(0o755)
    monkeypatch.setattr(pdf_module, "find_browser", lambda: hanging)
    result = handout(tmp_path / "h.html", timeout=0.5)
    assert result.pdf is None
    assert "took longer than 0.5 s and was stopped" in result.message


# --------------------------------------------------------------------------- a real PDF


def require_chromium():
    """Skip without Chromium, or fail when LIAOYANG_REQUIRE_BROWSER=1 (as the browser harness)."""
    browser = pdf_module.find_browser()
    if browser is not None:
        return browser
    reason = "no Chromium or Chrome found: apt-get install chromium fonts-wqy-microhei"
    if os.environ.get("LIAOYANG_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (LIAOYANG_REQUIRE_BROWSER=1 is set)", pytrace=False)
    pytest.skip(reason)


@pytest.mark.browser
def test_chromium_prints_a_pdf_with_the_chinese_font_embedded(tmp_path, capsys):
    require_chromium()
    result = handout(tmp_path / "handout.html")

    assert result.pdf == tmp_path / "handout.pdf", result.message
    data = result.pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 100_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.html", "handout.pdf"]
    if shutil.which("pdffonts"):
        fonts = subprocess.run(
            ["pdffonts", str(result.pdf)], capture_output=True, text=True, timeout=60
        ).stdout
        embedded = [line for line in fonts.splitlines() if "LiaoyangNotoSansCJK" in line]
        assert embedded and all(" yes " in line for line in embedded), fonts
    if shutil.which("pdftotext"):
        first_page = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(result.pdf), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        ).stdout
        assert "辽阳县" in first_page and "新华社沈阳二十六日电" in first_page
        assert "Xinhua News Agency dispatch, Shenyang" in first_page
