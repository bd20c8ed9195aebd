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


def font_face_css(
    text: str, family: str = "Liaoyang Noto Sans CJK SC Subset", unicode_range: str = ""
) -> str:
    """An ``@font-face`` rule embedding the shipped font, cut down to the characters of ``text``.

    For a static page: the font travels inside the page as a base64 ``data:``
    URL (nothing is fetched), holding only the glyphs ``text`` uses, so a page
    of the article weighs tens of kilobytes, not the whole subset's 1.2 MB.
    The family keeps the subset's own name (SIL OFL). ``unicode_range`` (CSS
    syntax) limits the characters the browser takes from it. '' when ``text``
    has no character outside ASCII.

    Example:
        >>> rule = font_face_css("辽阳县")
        >>> rule.startswith('@font-face {font-family: "Liaoyang') and "base64," in rule
        True
        >>> font_face_css("plain ASCII")
        ''
    """
    import base64
    import io

    from fontTools import subset

    wanted = sorted({character for character in text if ord(character) > 0x7F})
    if not wanted:
        return ""
    options = subset.Options()
    options.layout_features, options.notdef_outline, options.hinting = [], True, False
    font = subset.load_font(str(FONT_PATH), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted] + list(range(0x20, 0x7F)))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    limit = f"unicode-range: {unicode_range}; " if unicode_range else ""
    return (
        f'@font-face {{font-family: "{family}"; font-display: block; {limit}'
        f'src: url(data:font/ttf;base64,{data}) format("truetype");}}\n'
    )
