"""The parallel reader: the article's Chinese and English side by side, segment by segment.

A reader steps through the article one segment, one paragraph, or the whole
article at a time; each segment carries its id and its move in the margin,
coloured by move (and named in words). Pinyin can be shown over the Chinese,
glossary terms are marked, and the terms in view open a card from the
glossary. A focus mode steps only through the segments of one move, with its
guiding question above.

The logic lives in small pure functions (:func:`visible_segments`,
:func:`navigation_state`, :func:`step_position`, :func:`terms_in` ...) that
take the segments table and plain values; :func:`reader` only wires controls
to them.

Example:
    >>> box = reader()
    >>> box.controls.next.click()
    >>> box.panes.position.value
    'Segment 2 of 19'
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from helpers.model.source import LOW_CONFIDENCE, as_table, confidence_note, source_title
from helpers.model.tables import SEGMENT_COLUMNS, glossary, moves, segments  # noqa: F401 (examples)
from helpers.render.html import (
    escape,
    glossary_card_html,
    legend_html,
    message_html,
    move_label,
    segments_html,
)
from helpers.views.tool import StaticFormBox, error_box, html_pane, set_html

#: The three ways of stepping through the article, with the words the reader sees.
VIEWS = {
    "segment": "one segment",
    "paragraph": "one paragraph",
    "article": "whole article",
}

#: The focus value that means "no focus": every move is shown.
ALL_MOVES = "all"

#: The columns the reader needs in a segments table.
NEEDED_COLUMNS = ("seg_id", "para", "zh", "en", "move")

_NO_TERM = ""


# --------------------------------------------------------------------------- the table


def check_segments_table(table: pd.DataFrame) -> None:
    """Raise ValueError, saying what to do, unless ``table`` is a usable segments table.

    Example:
        >>> check_segments_table(segments())
        >>> check_segments_table(pd.DataFrame({"zh": ["中"]}))
        Traceback (most recent call last):
        ...
        ValueError: The segments table lacks the columns seg_id, para, en, move: ...
    """
    if not isinstance(table, pd.DataFrame):
        raise ValueError("The reader needs a segments table (a DataFrame like helpers.segments()).")
    missing = [column for column in NEEDED_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(
            f"The segments table lacks the columns {', '.join(missing)}: "
            f"pass a table with the columns of helpers.segments() ({', '.join(SEGMENT_COLUMNS)})."
        )
    if not table["seg_id"].is_unique:
        raise ValueError("The segments table repeats a seg_id: give every segment its own id.")


def rows_in_focus(table: pd.DataFrame, focus: str = ALL_MOVES) -> pd.DataFrame:
    """The segments a reader steps through: all of them, or those of one move.

    Example:
        >>> list(rows_in_focus(segments(), "deviation-2").seg_id)
        ['P2.9']
    """
    if not focus or focus == ALL_MOVES:
        return table.reset_index(drop=True)
    return table[table["move"] == focus].reset_index(drop=True)


def reading_units(
    table: pd.DataFrame, view: str = "segment", focus: str = ALL_MOVES
) -> list[list[str]]:
    """The steps of a reading: each a list of seg_ids shown together.

    One segment per step, one paragraph per step, or the whole article in one.

    Example:
        >>> [len(unit) for unit in reading_units(segments(), "paragraph")]
        [3, 10, 6]
    """
    rows = rows_in_focus(table, focus)
    ids = list(rows["seg_id"])
    if view == "segment":
        return [[seg_id] for seg_id in ids]
    if view == "paragraph":
        paragraphs = dict.fromkeys(rows["para"])
        return [list(rows.loc[rows["para"] == para, "seg_id"]) for para in paragraphs]
    if view == "article":
        return [ids] if ids else []
    raise ValueError(f"Unknown view {view!r}: choose one of {', '.join(VIEWS)}.")


def step_position(position: int, step: int, count: int) -> int:
    """Move ``step`` places from ``position``, staying between the first and the last.

    Example:
        >>> step_position(0, -1, 19), step_position(17, 1, 19), step_position(18, 1, 19)
        (0, 18, 18)
    """
    if count <= 0:
        return 0
    return max(0, min(count - 1, position + step))


def position_of(table: pd.DataFrame, view: str, seg_id: str, focus: str = ALL_MOVES) -> int | None:
    """The position (0 for the first step) that shows ``seg_id``, or None if none shows it.

    Example:
        >>> position_of(segments(), "segment", "P2.3"), position_of(segments(), "paragraph", "P2.3")
        (5, 1)
        >>> position_of(segments(), "segment", "P1.1", focus="correction") is None
        True
    """
    for position, unit in enumerate(reading_units(table, view, focus)):
        if seg_id in unit:
            return position
    return None


def visible_segments(
    table: pd.DataFrame, view: str = "segment", position: int = 0, focus: str = ALL_MOVES
) -> pd.DataFrame:
    """The rows of the segments table shown at ``position`` of a reading.

    Example:
        >>> list(visible_segments(segments(), "segment", 5).seg_id)
        ['P2.3']
        >>> list(visible_segments(segments(), "paragraph", 0).seg_id)
        ['P1.1', 'P1.2', 'P1.3']
    """
    units = reading_units(table, view, focus)
    if not units:
        return table.iloc[0:0]
    shown = units[step_position(position, 0, len(units))]
    rows = table[table["seg_id"].isin(shown)]
    return rows.reset_index(drop=True)


def position_text(table: pd.DataFrame, view: str, position: int, focus: str = ALL_MOVES) -> str:
    """Where the reader stands, in words: 'Segment 6 of 19', 'Paragraph 2 of 3' ...

    Example:
        >>> position_text(segments(), "segment", 5)
        'Segment 6 of 19'
        >>> position_text(segments(), "segment", 0, "deviation-1")
        'Segment 1 of 6 in Deviation 1: rushing'
    """
    units = reading_units(table, view, focus)
    focused = bool(focus) and focus != ALL_MOVES
    within = f" in {move_label(focus)}" if focused else ""
    if not units:
        return f"No segment is coded {move_label(focus)}." if focused else "No segments to show."
    position = step_position(position, 0, len(units))
    if view == "segment":
        return f"Segment {position + 1} of {len(units)}{within}"
    if view == "paragraph":
        text = f"Paragraph {position + 1} of {len(units)}{within}"
        if focused:
            para = table.loc[table["seg_id"] == units[position][0], "para"].iloc[0]
            text += f" (paragraph {para} of the article)"
        return text
    return f"Whole article: {len(units[0])} segments{within}"


def navigation_state(
    table: pd.DataFrame, view: str = "segment", position: int = 0, focus: str = ALL_MOVES
) -> dict:
    """Everything the controls show at a position: what is visible, where, and where to go.

    Keys: ``view``, ``focus``, ``position`` (kept within range), ``count`` (how
    many steps), ``seg_ids`` (those shown), ``text`` (the position in words),
    ``has_previous`` and ``has_next``.

    Example:
        >>> state = navigation_state(segments(), "paragraph", 2)
        >>> state["text"], state["has_previous"], state["has_next"]
        ('Paragraph 3 of 3', True, False)
    """
    count = len(reading_units(table, view, focus))
    position = step_position(position, 0, count)
    return {
        "view": view,
        "focus": focus,
        "position": position,
        "count": count,
        "seg_ids": list(visible_segments(table, view, position, focus)["seg_id"]),
        "text": position_text(table, view, position, focus),
        "has_previous": position > 0,
        "has_next": position < count - 1,
    }


# --------------------------------------------------------------------------- labels


def segment_label(seg_id: str, move: str) -> str:
    """The label of a segment in the jump list: id and move.

    Example:
        >>> segment_label("P2.3", "deviation-1")
        'P2.3 · Deviation 1: rushing'
    """
    return f"{seg_id} · {move_label(move)}"


def jump_options(table: pd.DataFrame, focus: str = ALL_MOVES) -> list[tuple[str, str]]:
    """(label, seg_id) for every segment one can jump to.

    Example:
        >>> jump_options(segments(), "deviation-2")
        [('P2.9 · Deviation 2: holding back', 'P2.9')]
    """
    rows = rows_in_focus(table, focus)
    return [
        (segment_label(seg_id, move), seg_id)
        for seg_id, move in zip(rows["seg_id"], rows["move"], strict=True)
    ]


def focus_options() -> list[tuple[str, str]]:
    """(label, move) for the focus list: all moves first, then each move.

    Example:
        >>> focus_options()[:2]
        [('All moves', 'all'), ('Lead', 'lead')]
    """
    return [("All moves", ALL_MOVES)] + list(zip(moves()["label"], moves()["move"], strict=True))


def focus_intro_html(focus: str = ALL_MOVES) -> str:
    """The guiding question and description of the move in focus ('' for all moves).

    Example:
        >>> "Question to guide your reading" in focus_intro_html("deviation-2")
        True
        >>> focus_intro_html("all")
        ''
    """
    if not focus or focus == ALL_MOVES:
        return ""
    table = moves().set_index("move")
    if focus not in table.index:
        return message_html(f"{focus!r} is not one of the article's moves.", "error")
    row = table.loc[focus]
    return (
        f'<div class="ly-card"><b>Focus: {escape(row.label)}</b><br>'
        f"<b>Question to guide your reading:</b> {escape(row.guiding_question)}<br>"
        f"<b>What this move covers:</b> {escape(row.description)}</div>"
    )


def terms_in(rows: pd.DataFrame) -> pd.DataFrame:
    """The glossary terms that occur in the Chinese of ``rows``, in order of first occurrence.

    Terms inside longer terms count too (牛犋 inside 抬高牛犋价). Columns:
    ``term_zh``, ``pinyin``, ``gloss_en``.

    Example:
        >>> list(terms_in(segments().query("seg_id == 'P2.5'")).term_zh)
        ['农业生产合作社', '区上高看', '区', '互助组', '麻烦']
    """
    text = "\n".join(str(zh) for zh in rows["zh"])
    terms = glossary()[["term_zh", "pinyin", "gloss_en"]].copy()
    terms["first"] = [text.find(term) for term in terms["term_zh"]]
    terms["length"] = terms["term_zh"].str.len()
    found = terms[terms["first"] >= 0].sort_values(["first", "length"], ascending=[True, False])
    return found[["term_zh", "pinyin", "gloss_en"]].reset_index(drop=True)


def short_gloss(gloss: str, limit: int = 45) -> str:
    """The gloss cut to its head, for a list label.

    Example:
        >>> short_gloss("a draught team: the oxen (usually two) with the plough they pull")
        'draught team'
    """
    head = str(gloss).split(":")[0].strip()
    for article in ("a ", "an "):
        if head.startswith(article):
            head = head[len(article) :]
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def term_options(rows: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, term) for the terms in view, after a first 'choose' entry.

    Example:
        >>> term_options(segments().query("seg_id == 'P3.4'"))[5]
        ('牛犋 niú jù · draught team', '牛犋')
    """
    found = terms_in(rows)
    chosen = [
        (f"{term} {reading} · {short_gloss(gloss)}", term)
        for term, reading, gloss in zip(
            found["term_zh"], found["pinyin"], found["gloss_en"], strict=True
        )
    ]
    first = "(choose a term)" if chosen else "(no glossary term in view)"
    return [(first, _NO_TERM)] + chosen


def term_card_html(term: str) -> str:
    """The glossary card of a term, or a hint when none is chosen.

    Example:
        >>> "niú jù" in term_card_html("牛犋")
        True
    """
    if not term:
        return message_html("Choose a term in “Terms in view” to see its glossary card.")
    return glossary_card_html(term)


def shown_html(rows: pd.DataFrame, pinyin: bool = False) -> str:
    """The segments in view, Chinese and English side by side.

    Example:
        >>> shown_html(segments().iloc[:2]).count('class="ly-seg"')
        2
    """
    if rows.empty:
        return message_html("Nothing to show here: choose another move or view.")
    return segments_html(rows, pinyin=pinyin)


def alignment_html(rows: pd.DataFrame) -> str:
    """How sure the automatic pairing of the rows in view is ('' when hand-checked).

    One segment: its confidence in words. Several: the range, and the pairs
    below :data:`helpers.model.source.LOW_CONFIDENCE` to check first.

    Example:
        >>> alignment_html(segments())
        ''
        >>> rows = pd.DataFrame({"seg_id": ["P1.1", "P1.2"], "confidence": [0.95, 0.41]})
        >>> "Check first: P1.2 (0.41)" in alignment_html(rows)
        True
    """
    if "confidence" not in rows.columns or rows.empty:
        return ""
    confidence = pd.to_numeric(rows["confidence"], errors="coerce")
    if not (confidence < 1.0).any():
        return ""
    if len(rows) == 1:
        return message_html(confidence_note(rows["seg_id"].iloc[0], confidence.iloc[0]))
    text = (
        f"Paired automatically: confidence {confidence.min():.2f} to {confidence.max():.2f} "
        "for the segments in view."
    )
    low = rows[confidence < LOW_CONFIDENCE]
    if len(low):
        listed = ", ".join(
            f"{seg_id} ({value:.2f})"
            for seg_id, value in zip(low["seg_id"], confidence[low.index], strict=True)
        )
        text += f" Check first: {listed} (do both sides say the same?)."
    return message_html(text)


def article_html(table=None) -> str:
    """The whole article with the legend of moves: the reader's static form.

    Example:
        >>> article_html().count('class="ly-seg"')
        19
    """
    table = as_table(table)
    title = source_title(table)
    heading = f"<p><b>{escape(title)}</b></p>" if title else ""
    return (
        heading + "<p>The article, segment by segment: Chinese and English side by side, "
        "each segment's id and move (its place in the argument) in the margin.</p>"
        + legend_html()
        + alignment_html(table)
        + segments_html(table)
    )


# --------------------------------------------------------------------------- the widget


class _ReaderShell:
    """Controls and panes of one reader, wired to the pure functions above."""

    def __init__(self, table: pd.DataFrame, start: str):
        self.table = table
        self.view, self.focus, self.position = "segment", ALL_MOVES, 0
        self.busy = False
        wide = {"description_width": "initial"}
        self.controls = SimpleNamespace(
            view=widgets.ToggleButtons(
                options=[(words, view) for view, words in VIEWS.items()],
                value="segment",
                description="View:",
                style=wide,
            ),
            focus=widgets.Dropdown(
                options=focus_options(), value=ALL_MOVES, description="Focus on a move", style=wide
            ),
            pinyin=widgets.Checkbox(value=False, description="Show pinyin", indent=False),
            previous=widgets.Button(description="◀ Previous", tooltip="Show the previous part"),
            next=widgets.Button(description="Next ▶", tooltip="Show the next part"),
            jump=widgets.Dropdown(options=jump_options(table), description="Go to", style=wide),
            terms=widgets.Dropdown(
                options=[("(choose a term)", _NO_TERM)], description="Terms in view", style=wide
            ),
        )
        title = source_title(table)
        self.panes = SimpleNamespace(
            title=html_pane(f"<b>{escape(title)}</b>" if title else ""),
            alignment=html_pane(),
            position=widgets.Label(),
            message=html_pane(),
            focus_intro=html_pane(),
            legend=html_pane(legend_html()),
            text=html_pane(),
            card=html_pane(),
        )
        self._wire()
        self._start_at(start)

    def layout(self) -> list[widgets.Widget]:
        """The children of the box, top to bottom."""
        c, p = self.controls, self.panes
        return [
            p.title,
            c.view,
            widgets.HBox([c.focus, c.pinyin]),
            p.focus_intro,
            widgets.HBox([c.previous, c.next, c.jump, p.position]),
            p.legend,
            p.alignment,
            p.message,
            p.text,
            c.terms,
            p.card,
        ]

    def _wire(self) -> None:
        c = self.controls
        c.view.observe(self._guarded(self._on_view), names="value")
        c.focus.observe(self._guarded(self._on_focus), names="value")
        c.pinyin.observe(self._guarded(lambda change: self._refresh()), names="value")
        c.jump.observe(self._guarded(self._on_jump), names="value")
        c.terms.observe(self._guarded(self._on_term), names="value")
        c.previous.on_click(self._guarded(lambda button: self._step(-1)))
        c.next.on_click(self._guarded(lambda button: self._step(1)))

    def _guarded(self, handler):
        """Run a handler unless the shell is updating its own controls; show errors in words."""

        def run(event):
            if self.busy:
                return
            try:
                handler(event)
            except Exception as error:  # a widget shows a message, never a traceback
                set_html(
                    self.panes.message,
                    message_html(
                        f"Something went wrong ({type(error).__name__}: {error}). "
                        "Choose another segment, or run the cell again.",
                        "error",
                    ),
                )

        return run

    def _start_at(self, start: str) -> None:
        found = position_of(self.table, self.view, start, self.focus)
        self.position = found or 0
        self._refresh()
        if found is None and len(self.table):
            first = self.table["seg_id"].iloc[0]
            set_html(
                self.panes.message,
                message_html(f"{start!r} is not a segment of this article; starting at {first}."),
            )

    def _anchor(self) -> str | None:
        """The first segment in view, to keep one's place when the view or focus changes."""
        shown = navigation_state(self.table, self.view, self.position, self.focus)["seg_ids"]
        return shown[0] if shown else None

    def _on_view(self, change) -> None:
        anchor = self._anchor()
        self.view = change["new"]
        self.position = position_of(self.table, self.view, anchor, self.focus) or 0
        self._refresh()

    def _on_focus(self, change) -> None:
        anchor = self._anchor()
        self.focus = change["new"]
        self.position = position_of(self.table, self.view, anchor, self.focus) or 0
        self._refresh()

    def _on_jump(self, change) -> None:
        found = position_of(self.table, self.view, change["new"], self.focus)
        if found is not None:
            self.position = found
        self._refresh()

    def _on_term(self, change) -> None:
        set_html(self.panes.card, term_card_html(change["new"]))

    def _step(self, step: int) -> None:
        count = len(reading_units(self.table, self.view, self.focus))
        self.position = step_position(self.position, step, count)
        self._refresh()

    def _refresh(self) -> None:
        c, p = self.controls, self.panes
        state = navigation_state(self.table, self.view, self.position, self.focus)
        self.position = state["position"]
        rows = visible_segments(self.table, self.view, self.position, self.focus)
        self.busy = True
        try:
            jumps = jump_options(self.table, self.focus)
            if list(c.jump.options) != jumps:
                c.jump.options = jumps
            if state["seg_ids"]:
                c.jump.value = state["seg_ids"][0]
            c.jump.disabled = self.view == "article" or not jumps
            chosen = c.terms.value
            c.terms.options = term_options(rows)
            c.terms.value = chosen if chosen in {v for _, v in c.terms.options} else _NO_TERM
        finally:
            self.busy = False
        p.position.value = state["text"]
        c.previous.disabled = not state["has_previous"]
        c.next.disabled = not state["has_next"]
        set_html(p.focus_intro, focus_intro_html(self.focus))
        set_html(p.text, shown_html(rows, pinyin=c.pinyin.value))
        set_html(p.alignment, alignment_html(rows))
        set_html(p.card, term_card_html(c.terms.value))
        set_html(p.message, "")


def reader(table=None, start: str = "P1.1") -> StaticFormBox:
    """The parallel reader: Chinese and English side by side, stepped through part by part.

    ``table`` is the article: the path of an article file in the seed format
    (``reader("seeds/my_article.txt")``), an Article, or a segments table
    (default: the seed, :func:`helpers.segments`). Another article is paired
    automatically; the reader says how sure each pair is. ``start`` is the
    seg_id shown first. The returned box has ``controls`` (view, focus,
    pinyin, previous, next, jump, terms) and ``panes`` (title, position,
    message, focus_intro, legend, alignment, text, card) for tests and
    notebooks; its static form is the whole article.

    Example:
        >>> box = reader(start="P3.4")
        >>> box.panes.position.value
        'Segment 17 of 19'
        >>> box.controls.pinyin.value = True
        >>> "<rt>niú</rt>" in box.panes.text.value
        True
    """
    try:
        table = as_table(table)
        check_segments_table(table)
    except Exception as error:  # a notebook shows a message, never a traceback
        return error_box(str(error))
    shell = _ReaderShell(table, str(start))
    box = StaticFormBox(shell.layout(), static_html=lambda: article_html(table))
    box.controls, box.panes = shell.controls, shell.panes
    box.state = lambda: navigation_state(shell.table, shell.view, shell.position, shell.focus)
    return box
