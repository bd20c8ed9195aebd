"""The headline block above a Chinese article's body: which leading lines are headline.

A *People's Daily* article prints, above its body, a headline of one to three
lines: sometimes a kicker (引题) above the main title, the main title, sometimes
a subtitle (副题, often starting with a dash). The file's ``###`` line repeats
them, joined by spaces, by a colon, by nothing, or only some of them, or none.

:func:`headline_lines` takes as headline every leading line that is part of
the ``###`` title (punctuation and spaces aside), and every leading line shaped
like a headline: short, not the opening of a dispatch (``【新华社...电】``), and
not ending as a sentence does. The last line is left for the body unless it is part of the title.
"""

from __future__ import annotations

import re

#: The longest line (characters) that is taken as headline from its shape alone.
HEADLINE_CHARS = 40

#: What is not compared when a line is matched against the title: spaces, punctuation.
_NOT_COMPARED = re.compile(r"[\W_]+", re.UNICODE)

#: A full stop anywhere, or a comma or semicolon at the end: a sentence, not a headline.
_SENTENCE = re.compile(r"[。．]|[，,、；;：:]$")

#: How a dispatch or report opens: 【新华社沈阳二十六日电】, 〔本报讯〕, 本报讯 ...
_DISPATCH = re.compile(r"^\s*([【〔［\[]|本报讯|新华社)")

#: How a subtitle opens: a dash.
_SUBTITLE = re.compile(r"^\s*[—–-]")

#: At most this many lines of a headline are not in the title (a kicker above, a subtitle below).
_EXTRA = 2


def headline_lines(lines: list[str], title_zh: str) -> list[str]:
    """The leading lines of the Chinese part that are its headline.

    Found in three ways: lines that spell the ``###`` title (or its start); a
    kicker line above them that the title leaves out, and a subtitle below
    (a line starting with a dash, or any headline-shaped line before a
    dispatch's opening ``【...】``); or, when the title repeats none of them,
    the headline-shaped lines before a dispatch's opening.

    Example:
        >>> lines = ["辽阳县的经验", "——纠正偏向", "正文第一句。"]
        >>> headline_lines(lines, "辽阳县的经验：纠正偏向")
        ['辽阳县的经验', '——纠正偏向']
        >>> headline_lines(["引题一行", "主标题", "副标题", "【新华社电】正文。"], "主标题")
        ['引题一行', '主标题', '副标题']
        >>> headline_lines(["只有一段正文。"], "标题")
        []
    """
    title = _key(title_zh)
    start, end = _spelled(lines, title)
    if end == 0:
        shaped = _shaped_run(lines, 0)
        return lines[:shaped] if 0 < shaped <= 1 + _EXTRA and _dispatch_at(lines, shaped) else []
    after = _shaped_run(lines, end, _EXTRA)
    if not _dispatch_at(lines, end + after):
        after = next((n for n in range(after) if not _SUBTITLE.match(lines[end + n])), after)
    return lines[: end + after]


def _spelled(lines: list[str], title: str) -> tuple[int, int]:
    """(first, end) of the lines that spell the title: from the top, the title's start;
    after up to two kicker lines, the whole title. (0, 0) if none do."""
    for first in range(min(_EXTRA, len(lines)) + 1):
        if first and not looks_like_headline(lines[first - 1]):
            break
        spelled, end = "", first
        for line in lines[first:]:
            candidate = spelled + _key(line)
            if candidate == spelled or not title.startswith(candidate):
                break
            spelled, end = candidate, end + 1
        if spelled and (first == 0 or spelled == title):
            return first, end
    return 0, 0


def _shaped_run(lines: list[str], start: int, most: int = 1 + _EXTRA) -> int:
    """How many lines from ``start`` look like headline lines (at most ``most``)."""
    count = 0
    while count < most and start + count < len(lines) and looks_like_headline(lines[start + count]):
        count += 1
    return count


def _dispatch_at(lines: list[str], at: int) -> bool:
    return at < len(lines) and bool(_DISPATCH.match(lines[at]))


def looks_like_headline(line: str) -> bool:
    """Is a line shaped like a headline: short, not a dispatch's opening, not a sentence?

    Example:
        >>> looks_like_headline("要求各地及时解决互助合作运动中的问题")
        True
        >>> looks_like_headline("【新华社沈阳二十六日电】中共中央东北局农村工作部最近通报。")
        False
    """
    line = line.strip()
    return (
        0 < len(_key(line))
        and len(line) <= HEADLINE_CHARS
        and not _DISPATCH.match(line)
        and not _SENTENCE.search(line)
    )


def _key(text: str) -> str:
    """The text as compared with the title: letters and digits only."""
    return _NOT_COMPARED.sub("", str(text))
