"""Every kind of question, by name: :data:`KINDS` and :func:`kind_class`.

Importing the kinds modules registers their classes (see
:mod:`helpers.exercises.kind`). To add a kind of question, write one
subclass of :class:`~helpers.exercises.kind.Question` declared with ``kind=`` in
one of these modules (or in a new ``kinds_*.py`` module, imported here): the
bank then accepts it, checks it, shows its widget and writes its key entry.

Example:
    >>> list(KINDS)
    ['choice', 'multi', 'order', 'match', 'text', 'number']
    >>> kind_class("order").__name__
    'OrderQuestion'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from helpers.exercises import kinds_choice, kinds_order, kinds_typed
from helpers.exercises.kind import REGISTRY, Question

#: The modules whose classes are the kinds, in the order they are listed.
KIND_MODULES = (kinds_choice, kinds_order, kinds_typed)


class KindLabels(Mapping):
    """Each registered kind's name with its label, read from the registry when asked.

    A kind registered later (a class defined in a notebook, say) shows up too.

    Example:
        >>> KindLabels()["multi"]
        'choose every correct option'
    """

    def __getitem__(self, name: str) -> str:
        return REGISTRY[name].label

    def __iter__(self) -> Iterator[str]:
        return iter(list(REGISTRY))

    def __len__(self) -> int:
        return len(REGISTRY)

    def __repr__(self) -> str:
        return repr(dict(self))


#: The kinds of question, with what they ask for.
KINDS = KindLabels()


def kind_class(name: str) -> type[Question]:
    """The class of the kind ``name``; KeyError for a kind that does not exist.

    Example:
        >>> kind_class("choice").label
        'single choice'
    """
    return REGISTRY[name]
