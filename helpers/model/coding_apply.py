"""A coding applied to an article: its segments table with the coding's moves, steps and actors.

:func:`apply_coding` takes what :func:`helpers.model.coding_file.read_coding`
reads (a coding file, a :class:`~helpers.model.coding.Coding`, a dict) and
returns the table the reader, the argument views and the comparison take. The
coding's tags become the moves; a tag outside the moves (a coder's own) is
shown by name, not drawn in the argument map.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.model.coding_file import CodingFileError, read_coding
from helpers.model.source import article_id_of, as_table
from helpers.model.tagset import TagSet
from helpers.model.text import squeeze


def apply_coding(source, coding) -> pd.DataFrame:
    """An article's segments table with a coding in it: moves, steps, actors and notes.

    ``source`` is what the tools take (a file path, an Article, a segments
    table, None for the seed); ``coding`` what
    :func:`~helpers.model.coding_file.read_coding` reads. The coding replaces
    the table's coding: a segment it leaves out is not coded. What is worth
    knowing (segments the article does not have, tags of the coder's own,
    segments left uncoded) is listed in ``table.attrs["coding_warnings"]``.
    Raises :class:`~helpers.model.coding_file.CodingFileError` when the coding
    is of another article or codes none of its segments.

    Example:
        >>> table = apply_coding(None, {"P1.1": "lead", "P2.9": "deviation-2"})
        >>> table.set_index("seg_id").loc[["P1.1", "P1.2", "P2.9"], "move"].tolist()
        ['lead', '', 'deviation-2']
        >>> table.attrs["coding_warnings"]
        ['17 of 19 segments are not coded.']
    """
    table = as_table(source).copy()
    coded = read_coding(coding)
    name = Path(coding).name if isinstance(coding, (str, Path)) else "The coding"
    _check_article(coded, table, name)
    known = set(table["seg_id"])
    matched = coded[coded["seg_id"].isin(known)].set_index("seg_id")
    if matched.empty:
        raise CodingFileError(
            f"{name} codes none of this article's segments (its seg_ids are like "
            f"{', '.join(coded['seg_id'].head(3)) or 'nothing'}; the article's like "
            f"{', '.join(table['seg_id'].head(3))}). Is it the coding of this article?"
        )
    seg_ids = table["seg_id"]
    table["move"] = [matched["move"].get(seg, "") for seg in seg_ids]
    table["step"] = pd.array([matched["step"].get(seg, pd.NA) for seg in seg_ids], dtype="Int64")
    table["actors"] = [list(matched["actors"].get(seg, [])) for seg in seg_ids]
    table["note"] = [matched["note"].get(seg, "") for seg in seg_ids]
    table["answers"] = [list(matched["answers"].get(seg, [])) for seg in seg_ids]
    table.attrs["coding_warnings"] = _warnings(coded, table, known)
    return table


def _check_article(coded: pd.DataFrame, table: pd.DataFrame, name: str) -> None:
    """Refuse a coding of another article: by its article id, or by its Chinese."""
    theirs, ours = coded.attrs.get("article", ""), article_id_of(table)
    if theirs and ours and theirs != ours:
        raise CodingFileError(
            f"{name} is a coding of the article {theirs!r}, not of {ours!r}. "
            "Give the coding of this article."
        )
    if "zh" in coded.columns:
        texts = dict(zip(table["seg_id"], table["zh"].map(squeeze), strict=True))
        for seg_id, zh in zip(coded["seg_id"], coded["zh"], strict=True):
            if zh and seg_id in texts and squeeze(zh) != texts[seg_id]:
                raise CodingFileError(
                    f"{name}: the Chinese of {seg_id} is not this article's. It is probably "
                    "the coding of another article (or of another alignment of this one)."
                )


def _warnings(coded: pd.DataFrame, table: pd.DataFrame, known: set) -> list[str]:
    warnings = []
    extra = [seg for seg in coded["seg_id"] if seg not in known]
    if extra:
        listed = ", ".join(extra)
        warnings.append(f"Codes for segments this article does not have were left out: {listed}.")
    own = TagSet.moves().outside(table["move"])
    if own:
        warnings.append(
            "Tags of the coder's own (shown by name, not drawn in the argument map): "
            + ", ".join(own)
            + "."
        )
    answers = {answer for cell in table["answers"] for answer in cell}
    unknown = TagSet.moves().outside(answers)
    if unknown:
        warnings.append(f"Answers that are not moves (no arrow drawn): {', '.join(unknown)}.")
    uncoded = int((table["move"] == "").sum())
    if uncoded:
        warnings.append(f"{uncoded} of {len(table)} segments are not coded.")
    return warnings
