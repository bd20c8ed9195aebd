"""The tags a coder chooses from: a :class:`TagSet` (the moves by default) and the coder's own.

The annotator, the agreement and the coding files all take a tag set, so a
new scheme of tags (frames, actors, sources ...) needs no edit to any of them::

    frames = TagSet(["blame", "praise"], labels={"blame": "Blame", "praise": "Praise"})
    helpers.annotator("Zhang San", tagset=frames)
    helpers.agreement("work", tagset=frames)

A tag set has its tags in order, each with a label and a colour; the tags a
coder adds (:meth:`TagSet.with_own`) come after them, shown by name in grey.

Example:
    >>> moves = TagSet.moves()
    >>> moves.label("deviation-2"), moves.colour("lead")
    ('Deviation 2: holding back', '#0072B2')
    >>> list(moves.with_own(["dateline"]))[-2:]
    ['correction', 'dateline']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from helpers.model.tables import moves as moves_table

#: The colour of a tag the set does not know (a coder's own, or none).
GREY = "#999999"


class TagSet:
    """An ordered set of tags with labels and colours, plus the tags a coder added (``own``).

    Example:
        >>> tags = TagSet(["yes", "no"], labels={"yes": "Yes"}, own=["maybe"])
        >>> list(tags), tags.label("yes"), tags.label("maybe"), "maybe" in tags
        (['yes', 'no', 'maybe'], 'Yes', 'maybe', True)
    """

    def __init__(
        self,
        tags: Iterable[str],
        labels: Mapping[str, str] | None = None,
        colours: Mapping[str, str] | None = None,
        own: Iterable[str] = (),
    ):
        self.tags = tuple(dict.fromkeys(str(tag) for tag in tags))
        self.labels = dict(labels or {})
        self.colours = dict(colours or {})
        self.own = tuple(tag for tag in dict.fromkeys(map(str, own)) if tag not in self.tags)

    @classmethod
    def moves(cls) -> TagSet:
        """The argument moves of :func:`helpers.moves`, with their labels and colours.

        Example:
            >>> TagSet.moves().tags[:2]
            ('lead', 'situation')
        """
        return _moves()

    @classmethod
    def from_table(
        cls, table, tag: str = "move", label: str = "label", colour: str = "colour"
    ) -> TagSet:
        """A tag set from a table with a row per tag (columns ``move``, ``label``, ``colour``).

        Example:
            >>> import pandas as pd
            >>> table = pd.DataFrame({"move": ["x"], "label": ["Ex"], "colour": ["#000000"]})
            >>> TagSet.from_table(table).label("x")
            'Ex'
        """
        tags = list(table[tag])
        labels = dict(zip(tags, table[label], strict=True)) if label in table else {}
        colours = dict(zip(tags, table[colour], strict=True)) if colour in table else {}
        return cls(tags, labels, colours)

    def __iter__(self):
        return iter(self.tags + self.own)

    def __len__(self) -> int:
        return len(self.tags) + len(self.own)

    def __contains__(self, tag) -> bool:
        return tag in self.tags or tag in self.own

    def __eq__(self, other) -> bool:
        if not isinstance(other, TagSet):
            return NotImplemented
        return (self.tags, self.labels, self.colours, self.own) == (
            other.tags,
            other.labels,
            other.colours,
            other.own,
        )

    def __hash__(self):
        return hash((self.tags, self.own))

    def __repr__(self) -> str:
        own = f", own={list(self.own)!r}" if self.own else ""
        return f"TagSet({list(self.tags)!r}{own})"

    def is_own(self, tag: str) -> bool:
        """True for a tag that is not one of the set's (a coder's own, or an unknown one).

        Example:
            >>> TagSet.moves().is_own("lead"), TagSet.moves().is_own("rumour")
            (False, True)
        """
        return tag not in self.tags

    def label(self, tag: str) -> str:
        """The tag's label (the tag itself for an own tag, 'not coded' for none).

        Example:
            >>> TagSet.moves().label("lead"), TagSet.moves().label("")
            ('Lead', 'not coded')
        """
        if not tag:
            return "not coded"
        return str(self.labels.get(tag, tag))

    def colour(self, tag: str) -> str:
        """The tag's colour (grey for an own tag or none).

        Example:
            >>> TagSet.moves().colour("rumour")
            '#999999'
        """
        return str(self.colours.get(tag, GREY)) if tag in self.tags else GREY

    def canonical(self, text: str) -> str:
        """The set's tag that ``text`` names (by tag or label, in any case), else the text.

        Example:
            >>> TagSet.moves().canonical("LEAD"), TagSet.moves().canonical("Land")
            ('lead', 'Land')
        """
        folded = str(text).casefold()
        for tag in self.tags:
            if folded in (tag.casefold(), self.label(tag).casefold()):
                return tag
        return text

    def with_own(self, tags: Iterable[str]) -> TagSet:
        """This tag set with more of the coder's own tags (the set's tags are not repeated).

        Example:
            >>> TagSet.moves().with_own(["lead", "rumour"]).own
            ('rumour',)
        """
        return TagSet(self.tags, self.labels, self.colours, [*self.own, *map(str, tags)])

    def outside(self, tags: Iterable[str]) -> list[str]:
        """The tags given that this set does not hold, sorted (empty tags left out).

        Example:
            >>> TagSet.moves().outside(["lead", "b", "A", ""])
            ['A', 'b']
        """
        return sorted({str(tag) for tag in tags if tag} - set(self), key=str.casefold)

    def ordered(self, tags: Iterable[str]) -> list[str]:
        """The tags given, once each: the set's tags in its order, then the others sorted.

        Example:
            >>> TagSet.moves().ordered(["rumour", "situation", "lead", "lead"])
            ['lead', 'situation', 'rumour']
        """
        present = {str(tag) for tag in tags}
        others = sorted(present - set(self.tags), key=str.casefold)
        return [tag for tag in self.tags if tag in present] + others

    def choices(self, extra: Iterable[str] = ()) -> list[tuple[str, str]]:
        """(label, tag) pairs to choose from: the set's tags, then own and ``extra`` tags.

        Example:
            >>> TagSet(["x"], {"x": "Ex"}, own=["y"]).choices(["z", "x"])
            [('Ex', 'x'), ('y (own tag)', 'y'), ('z (own tag)', 'z')]
        """
        own = [tag for tag in dict.fromkeys([*self.own, *extra]) if tag not in self.tags]
        return [(self.label(tag), tag) for tag in self.tags] + [
            (f"{tag} (own tag)", tag) for tag in own
        ]


@lru_cache(maxsize=1)
def _moves() -> TagSet:
    return TagSet.from_table(moves_table())


def move_label(move: str) -> str:
    """The label of an argument move (the move itself if unknown, 'not coded' if empty).

    Example:
        >>> move_label("deviation-2"), move_label(""), move_label("my-tag")
        ('Deviation 2: holding back', 'not coded', 'my-tag')
    """
    return TagSet.moves().label(move)


def move_colour(move: str) -> str:
    """The colour of an argument move (grey for none or an unknown one).

    Example:
        >>> move_colour("deviation-1")
        '#D55E00'
    """
    return TagSet.moves().colour(move)
