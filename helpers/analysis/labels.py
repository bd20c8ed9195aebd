"""The moves' names in words, for tables and texts built in the analysis layer.

The render layer has its own badge and colour for a move
(:func:`helpers.render.html.move_label`, :func:`~helpers.render.html.move_colour`);
the analysis layer may not import it, so the words come from here, read
from the same ``moves.csv``.

Example:
    >>> move_label("deviation-1"), move_label(""), move_label("my-tag")
    ('Deviation 1: rushing', 'not coded', 'my-tag')
"""

from __future__ import annotations

from functools import lru_cache

from helpers.model.tables import moves


@lru_cache(maxsize=1)
def move_labels() -> dict[str, str]:
    """Every move of ``moves.csv`` and its label, in the article's order.

    Example:
        >>> list(move_labels().items())[0]
        ('lead', 'Lead')
    """
    table = moves()
    return dict(zip(table["move"], table["label"], strict=True))


def move_label(move: str) -> str:
    """The human label of a move (the move itself if unknown, 'not coded' if empty).

    Example:
        >>> move_label("deviation-2")
        'Deviation 2: holding back'
    """
    if not move:
        return "not coded"
    return move_labels().get(move, str(move))
