"""HTML of a coding: tag badges, the segment card to code, progress, download links, the table.

The tag set (:class:`~helpers.model.tagset.TagSet`, the moves by default)
gives a tag its label and colour; a coder's own tag is shown by name. The
segment card is the template ``templates/coding_segment.html``; its look is
in ``css/style.css`` (``.ly-seg``, ``.ly-move``).

Example:
    >>> progress_html(7, 19)
    '<progress value="7" max="19" aria-label="coding progress"></progress> 7 of 19 coded'
"""

from __future__ import annotations

from pathlib import Path

from helpers.model.coding import Coding
from helpers.model.coding_store import coding_file_name, coding_table
from helpers.model.tagset import TagSet
from helpers.render.escaping import escape
from helpers.render.html import download_button_html, table_html, zh_html
from helpers.render.templates import render, safe


def tag_badge_html(tag: str, tagset: TagSet | None = None) -> str:
    """The coder's tag as a badge: a tag of the set in its colour and label, an own tag as text.

    Example:
        >>> "not coded yet" in tag_badge_html("")
        True
        >>> tag_badge_html("lead")
        '<span class="ly-move" style="--ly-move: #0072B2">Lead</span>'
    """
    tagset = tagset if tagset is not None else TagSet.moves()
    if not tag:
        return '<span class="ly-move">not coded yet</span>'
    if tagset.is_own(tag):
        return f'<span class="ly-move">{escape(tag)}</span>'
    return (
        f'<span class="ly-move" style="--ly-move: {escape(tagset.colour(tag))}">'
        f"{escape(tagset.label(tag))}</span>"
    )


def coding_segment_html(row, tag: str = "", tagset: TagSet | None = None) -> str:
    """A segment for coding: id, the coder's own tag, Chinese and English; no reference move.

    ``row`` is a row of a segments table (a Series or a namedtuple).

    Example:
        >>> from helpers.model.source import as_table
        >>> html = coding_segment_html(as_table().iloc[0])
        >>> "P1.1" in html and "Lead" not in html
        True
    """
    return render(
        "coding_segment.html",
        seg_id=row.seg_id,
        badge=safe(tag_badge_html(tag, tagset)),
        zh=safe(zh_html(row.zh)),
        en=row.en,
    )


def progress_html(done: int, total: int) -> str:
    """A progress bar with its text, e.g. "7 of 19 coded".

    Example:
        >>> "7 of 19 coded" in progress_html(7, 19)
        True
    """
    return (
        f'<progress value="{int(done)}" max="{max(int(total), 1)}" '
        f'aria-label="coding progress"></progress> {int(done)} of {int(total)} coded'
    )


def position_html(position: int, seg_id: str, done: int, total: int) -> str:
    """Where the coder is: "Segment 3 of 19: P1.3", and the progress.

    Example:
        >>> position_html(2, "P1.3", 2, 19).startswith("Segment 3 of 19: <b>P1.3</b>")
        True
    """
    return f"Segment {position + 1} of {total}: <b>{escape(seg_id)}</b> &nbsp; " + progress_html(
        done, total
    )


def coder_header_html(coder: str, where: str) -> str:
    """The coder's name and where the coding is saved.

    Example:
        >>> coder_header_html("<b>A</b>", "work/coding-b_A_b.json")
        '<b>Coder:</b> &lt;b&gt;A&lt;/b&gt; &nbsp; <b>File:</b> work/coding-b_A_b.json'
    """
    return f"<b>Coder:</b> {escape(coder)} &nbsp; <b>File:</b> {escape(where)}"


def saved_link_html(content: bytes | None, coder: str) -> str:
    """A download button for the coder's saved file (``content``, None if nothing is saved).

    Example:
        >>> saved_link_html(None, "A")
        '<span>Nothing saved yet.</span>'
    """
    if content is None:
        return "<span>Nothing saved yet.</span>"
    name = coding_file_name(coder)
    return download_button_html(content, name, f"Download your coding ({name})")


def unsaved_link_html(coding: Coding) -> str:
    """A download button for the coding as it is in memory: for when it cannot be saved.

    The file it gives is a save file (version 2) that "Restore from a file" reads back.

    Example:
        >>> "Download your coding as it is now" in unsaved_link_html(Coding.new("A"))
        True
    """
    name = coding_file_name(coding.coder)
    text = f"Download your coding as it is now ({name}, not saved on this computer)"
    return download_button_html(coding.text().encode("utf-8"), name, text)


def coding_csv_bytes(coding: Coding, table=None) -> bytes:
    """The coding table as CSV (UTF-8 with a byte-order mark, for Excel), written to no file.

    Example:
        >>> coding_csv_bytes(Coding.new("A").set_code("P1.1", "lead"))[:3] == b"\\xef\\xbb\\xbf"
        True
    """
    text = coding_table(coding, table).to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + text).encode("utf-8")


def csv_button_html(coding: Coding, table=None) -> str:
    """A download button for the coding table as CSV, made in the browser (fine on Binder).

    Example:
        >>> "coding-A.csv" in csv_button_html(Coding.new("A"))
        True
    """
    name = str(Path(coding_file_name(coding.coder)).with_suffix(".csv"))
    data = coding_csv_bytes(coding, table)
    return download_button_html(data, name, f"Download the coding as a table ({name})", "text/csv")


def downloads_html(coding: Coding, saved: bytes | None, unsaved: bool, table=None) -> str:
    """The annotator's download buttons: the save file (as saved, or as in memory) and the CSV.

    Example:
        >>> html = downloads_html(Coding.new("A"), None, unsaved=False)
        >>> html.count(' download="'), "Nothing saved yet" in html
        (1, True)
    """
    save_file = unsaved_link_html(coding) if unsaved else saved_link_html(saved, coding.coder)
    return f'<div class="ly-downloads">{save_file}{csv_button_html(coding, table)}</div>'


def coding_summary_html(coding: Coding, table) -> str:
    """The coder's codes as a table with the progress, for pages without a kernel.

    Example:
        >>> "0 of 19 coded" in coding_summary_html(Coding.new("A"), None)
        True
    """
    done, total = coding.progress(table)
    rows = coding_table(coding, table).drop(columns=["coder"])
    return (
        f"<p><b>Coding of {escape(coding.coder)}:</b> {progress_html(done, total)}</p>"
        + table_html(rows)
    )
