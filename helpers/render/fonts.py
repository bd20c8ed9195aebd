"""Make matplotlib draw Chinese: register the shipped font subset once.

matplotlib's default font has no Chinese glyphs, so titles in Chinese would
show empty boxes. ``helpers/fonts/`` ships a small subset of Noto Sans CJK SC
(SIL Open Font License) that covers every character of the article.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.model.paths import PACKAGE_DIR

FONT_PATH = PACKAGE_DIR / "fonts" / "LiaoyangNotoSansSC-Subset.ttf"


@lru_cache(maxsize=1)
def use_chinese_font() -> str:
    """Register the Chinese font with matplotlib (once) and make it the default.

    Returns the font's family name. Calling it again does nothing more.

    Example:
        >>> use_chinese_font()
        'Liaoyang Noto Sans CJK SC Subset'
    """
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_PATH))
    family = font_manager.FontProperties(fname=str(FONT_PATH)).get_name()
    rc = matplotlib.rcParams
    rc["font.family"] = ["sans-serif"]
    rc["font.sans-serif"] = [family, *[f for f in rc["font.sans-serif"] if f != family]]
    rc["axes.unicode_minus"] = True
    rc["pdf.fonttype"] = 42
    rc["svg.fonttype"] = "path"
    return family


def font_path() -> Path:
    """The path of the shipped Chinese font file.

    Example:
        >>> font_path().suffix
        '.ttf'
    """
    return FONT_PATH
