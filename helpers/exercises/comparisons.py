"""The comparisons shown after a question is answered, from ``helpers/data/comparisons.md``.

A notebook compares the student's answer with the article (the chain of
deviation 1 after ``q03_chain_order``). Kept in a data file, the comparison
is in neither a cell's output nor its source before the student has tried;
:func:`helpers.views.reveal.after_answering` shows it after.

Example:
    >>> "What peasants concluded" in comparison("q03_chain_order")
    True
    >>> comparison("q00_seg_id")
    ''
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.model.paths import data_path

#: The heading of one comparison: "## <question id>".
HEADING = re.compile(r"^## (q\d\d_\w+)\s*$", re.M)


@lru_cache(maxsize=1)
def comparisons() -> dict[str, str]:
    """Every comparison by question id (Markdown), read once.

    Example:
        >>> "q03_chain_order" in comparisons()
        True
    """
    text = data_path("comparisons.md").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    parts = HEADING.split(text)
    return {qid: body.strip() for qid, body in zip(parts[1::2], parts[2::2], strict=True)}


def comparison(question_id: str) -> str:
    """The comparison kept for a question ("" if none).

    Example:
        >>> comparison("q03_chain_order").startswith("1. ")
        True
    """
    return comparisons().get(str(question_id), "")
