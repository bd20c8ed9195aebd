"""The shipped Chinese font draws every character the collection shows."""

import warnings
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.ft2font import FT2Font

from helpers.model.paths import DATA_DIR, PROJECT_DIR
from helpers.render.fonts import font_path, use_chinese_font
from helpers.render.plots import new_figure


def _characters_shown():
    files = [path for path in DATA_DIR.rglob("*") if path.is_file()]
    files += list((PROJECT_DIR / "seeds").glob("*.txt"))
    text = "".join(Path(path).read_text(encoding="utf-8") for path in files)
    return {char for char in text if ord(char) > 127}


def test_every_character_of_the_article_and_the_data_is_in_the_font():
    covered = FT2Font(str(font_path())).get_charmap()
    missing = sorted(char for char in _characters_shown() if ord(char) not in covered)
    assert not missing, f"run tools/make_font_subset.py: missing {''.join(missing)}"


def test_a_chinese_title_draws_without_a_missing_glyph_warning():
    assert use_chinese_font() == "Liaoyang Noto Sans CJK SC Subset"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure, axes = new_figure()
        axes.set_title("中共中央东北局农村工作部通报辽阳县经验：牛犋 niújù")
        figure.canvas.draw()
    plt.close(figure)
