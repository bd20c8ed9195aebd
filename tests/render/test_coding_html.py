"""The HTML of a coding and of the agreement: badges of any tag set, links, the report."""

import base64
import re

import pandas as pd

from helpers.analysis.agreement import measure_agreement
from helpers.model.coding import new_coding, set_code
from helpers.model.tables import segments
from helpers.model.tagset import TagSet
from helpers.render.agreement import AgreementReport, agreement, number_text, shown_numbers
from helpers.render.coding import (
    coding_segment_html,
    coding_summary_html,
    saved_link_html,
    tag_badge_html,
    unsaved_link_html,
)
from helpers.render.html import data_url, download_link_html, move_badge_html

FRAMES = TagSet(["blame"], labels={"blame": "Blame <the> cadres"}, colours={"blame": "#D55E00"})


def linked_bytes(html: str) -> bytes:
    return base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1))


def test_one_download_link_for_any_bytes():
    content = "编码 <b>".encode()
    link = download_link_html(content, 'coding-"x".json', "Download <it>", "text/csv")
    assert linked_bytes(link) == content
    assert 'download="coding-&quot;x&quot;.json"' in link and ">Download &lt;it&gt;</a>" in link
    assert 'href="data:text/csv;base64,' in link
    assert data_url(b"", "text/plain") == "data:text/plain;base64,"


def test_saved_and_unsaved_links_give_the_save_file():
    coding = set_code(new_coding("Li Si"), "P1.1", "lead")
    assert linked_bytes(unsaved_link_html(coding)) == coding.text().encode("utf-8")
    link = saved_link_html(b"{}", "Li Si")
    assert 'download="coding-Li_Si.json"' in link and linked_bytes(link) == b"{}"
    assert "Download your coding (coding-Li_Si.json)" in link


def test_badges_follow_the_tag_set():
    for move in TagSet.moves():
        assert tag_badge_html(move) == move_badge_html(move)
    assert tag_badge_html("blame", FRAMES) == (
        '<span class="ly-move" style="--ly-move: #D55E00">Blame &lt;the&gt; cadres</span>'
    )
    assert tag_badge_html("lead", FRAMES) == '<span class="ly-move">lead</span>'  # an own tag
    assert tag_badge_html("<x>") == '<span class="ly-move">&lt;x&gt;</span>'


def test_the_segment_card_shows_the_coders_tag_never_the_reference():
    row = segments().iloc[3]  # P2.1, a 'situation' segment in the reference
    html = coding_segment_html(row, "blame", FRAMES)
    assert 'data-seg="P2.1"' in html and "Blame &lt;the&gt; cadres" in html
    assert "Situation" not in html


def test_the_static_summary_lists_every_segment():
    html = coding_summary_html(set_code(new_coding("<b>A</b>"), "P1.1", "lead", note="<i>"), None)
    assert "1 of 19 coded" in html and html.count("<tr>") == 20
    assert "<b>A</b>" not in html and "&lt;i&gt;" in html


def test_the_report_is_the_measured_agreement_shown():
    codings = [
        {"coder": "A", "codes": {"P1.1": "blame", "P1.2": "blame"}},
        {"coder": "B", "codes": {"P1.1": "blame", "P1.2": "praise"}},
    ]
    measured = measure_agreement(codings, tagset=FRAMES)
    report = AgreementReport.of(measured)
    assert report.coders == measured.coders and report.percent == measured.percent
    assert report.summary_html() == agreement(codings, tagset=FRAMES)._repr_html_()
    assert report.per_tag["label"].tolist() == ["Blame <the> cadres", "praise"]
    assert "Blame &lt;the&gt; cadres" in report.summary_html()
    assert "chose 'Blame <the> cadres' where B chose 'praise'" in report.confusion_reading("A", "B")
    assert "Rows: A&#x27;s" not in report.confusion_html("A", "B")


def test_numbers_as_shown():
    assert number_text(float("nan"), "%") == "undefined"
    frame = shown_numbers(pd.DataFrame({"kappa": [1.0], "segments": [3]}))
    assert frame.values.tolist() == [["1.00", 3]]
