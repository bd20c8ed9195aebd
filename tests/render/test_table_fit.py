"""Wide tables fit a narrow notebook: cards below the width they need, never a sideways scroll.

The browser measures it (tests/test_browser_tables_fit.py); these check, without a browser,
the HTML and CSS that make it so: each wide table carries a ``ly-stack-N`` class the style
sheet knows, each of its cells its heading, and the widths the style sheet and the estimate
use agree.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers.analysis.compare import deviations_table, table_and_steps
from helpers.render.html import table_html
from helpers.render.table import column_class
from helpers.render.table_fit import STACK_BELOW, column_em, stack_class, text_em
from helpers.render.templates import css

# The page's text is about 14 px in JupyterLab: its output area at 1024 px with the file
# browser open is about 572 px (40.8 em), with it closed about 824 px (58.8 em).
NARROWEST_EM = 572 / 14


def stack_of(html: str) -> int:
    found = re.search(r'<table class="ly-table ly-stack-(\d+)"', html)
    return int(found.group(1)) if found else 0


def cells_with_heads(html: str) -> list[tuple[str, str]]:
    """(data-head, the heading above the cell's column) for every body cell."""
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
    heads = [re.sub(r"<wbr>", "", head) for head in heads]
    pairs = []
    for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], re.S):
        cells = re.findall(r'<t[dh][^>]*?(?: data-head="([^"]*)")?>', row)
        pairs += list(zip(cells, heads, strict=True))
    return pairs


WIDE = {
    "ladder": lambda: helpers.ladder()._repr_html_(),
    "argument_table": lambda: helpers.argument_table()._repr_html_(),
    "glossary": lambda: helpers.glossary()._repr_html_(),
}


@pytest.mark.parametrize("name", sorted(WIDE))
def test_a_table_too_wide_for_a_narrow_notebook_turns_to_cards_there(name):
    html = WIDE[name]()
    below = stack_of(html)
    assert below > NARROWEST_EM, f"{name} would scroll sideways at 1024 px (stacks below {below})"
    pairs = cells_with_heads(html)
    assert pairs and all(head == above for head, above in pairs), pairs[:3]


def test_the_tables_that_fit_stay_tables_at_1024_px():
    """actors_by_move (a cross-table of counts) and compare's deviations read as a grid."""
    for html in (
        helpers.actors_by_move()._repr_html_(),
        table_html(deviations_table(*table_and_steps())),
    ):
        assert stack_of(html) <= NARROWEST_EM - 0.5, re.search(r"<table[^>]*>", html).group(0)


def test_every_stack_width_has_its_rule_in_the_style_sheet():
    sheet = css("table.css")
    for below in STACK_BELOW:
        rule = rf"@container ly-table \(max-width: {below}em\) "
        rule += rf"\{{table\.ly-table\.ly-stack-{below} "
        assert re.search(rule + r"\{--ly-stack: 1;", sheet), below
    assert re.search(r"\.ly-table-scroll \{[^}]*container: ly-table / inline-size", sheet)
    cards = sheet.split("@container style(--ly-stack: 1)")[1]
    assert "content: attr(data-head)" in cards and "display: block" in cards
    assert re.search(r"> thead \{position: absolute;[^}]*clip-path", cards)  # hidden, still read
    assert re.search(r":first-child \{flex: 1 1 100%;\s*order: -2;", cards)  # the title first
    assert re.search(
        r"td\.ly-short, td\.ly-num, td\.ly-date\):not\(:empty\) \{\s*flex: 0 1 auto", cards
    )


def test_the_estimate_uses_the_style_sheets_least_widths():
    sheet = css("table.css")
    zh = float(re.search(r"\.ly-zh-col \{min-width: ([\d.]+)em", sheet).group(1))
    long = float(re.search(r"\.ly-long \{min-width: ([\d.]+)em", sheet).group(1))
    assert zh >= 10  # Chinese never squeezed below ten characters a line
    assert column_em("zh", ["互助组"], "ly-zh-col", True) >= zh
    assert column_em("x", ["a b"], "ly-long", True) >= long
    assert text_em("互助组") == 3 * text_em("ab")


def test_a_few_chinese_words_in_english_do_not_make_a_chinese_column():
    english = "Some peasants came to believe (认为) that the district thinks more of a cooperative"
    assert column_class("en", [english]) == "ly-long"
    assert column_class("zh", ["辽阳县农民经过总路线教育和爱国售粮运动之后"]) == "ly-zh-col"


def test_number_headings_wrap_at_hyphens_and_read_the_same():
    html = table_html(pd.DataFrame({"middle-peasants": [1], "deviation-1": [4]}))
    assert '<th scope="col" class="ly-num-head">middle-<wbr>peasants</th>' in html
    assert re.search(r"\.ly-num-head \{text-align: right", css("table.css"))


def test_stack_class_picks_the_least_width_that_holds_the_table():
    assert stack_class([10.0, 10.0]) == ""
    assert stack_class([20.0, 20.0]) == "ly-stack-40"  # 40 em * 0.95 * 1.04 = 39.5 em
    assert stack_class([21.0, 20.0]) == "ly-stack-42"
    assert stack_class([500.0]) == f"ly-stack-{STACK_BELOW[-1]}"


def test_move_badges_keep_a_readable_size_in_a_margin_wide_enough():
    sheet = css("style.css")
    margin = re.search(r"\.ly-seg \{[^}]*grid-template-columns: ([\d.]+)em", sheet)
    assert float(margin.group(1)) >= 8  # "Middle peasants' strong-with-strong teams" on 3 lines
    badge = re.search(r"\n\.ly-move \{([^}]*)\}", sheet).group(1)
    size = float(re.search(r"font-size: ([\d.]+)em", badge).group(1))
    margin_size = float(re.search(r"\.ly-margin \{[^}]*font-size: ([\d.]+)em", sheet).group(1))
    assert size * margin_size >= 0.8, "a move badge squeezed into tiny type"
    assert "white-space: normal" in badge and "monospace" not in badge
    assert not re.search(r"\.ly-margin \{[^}]*monospace", sheet)
