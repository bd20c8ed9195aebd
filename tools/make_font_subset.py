"""Build the small Chinese font that ships in ``helpers/fonts/``.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs, and a full CJK
font is far too big to commit. This script cuts Noto Sans CJK SC Regular down
to the characters the course needs and writes it as
``helpers/fonts/LiaoyangNotoSansSC-Subset.ttf`` (about 1.2 MB), so that plots
render Chinese after ``pip install`` alone, with no system font.

It is a *build-time* tool, run by a maintainer, never by the notebooks:

* it needs Debian's ``fonts-noto-cjk`` package (the source font) and
  ``fontTools`` (``python3 -m pip install fonttools``)::

      apt-get install -y --no-install-recommends fonts-noto-cjk
      python tools/make_font_subset.py

* the committed font file is what the notebooks use at run time.

What the subset covers:

* printable ASCII, Latin-1 punctuation and signs, common typographic
  punctuation (curly quotes, dashes, ellipsis, middle dot), a few plot symbols
  (minus sign, <=, >=, degrees Celsius, ...), pinyin vowels with tone marks;
* CJK symbols and punctuation (U+3000-U+303F) and full-width forms
  (U+FF00-U+FFEF);
* the GB2312 symbol rows (0xA1-0xA9: circled numbers, Greek, arrows, ...) and
  all 3,755 GB2312 level-1 hanzi (rows 0xB0-0xD7);
* every character of every file under ``seeds/`` (the article: it has e.g.
  犋, which is outside level 1) and under ``helpers/data/`` if that exists.
  When text there changes (a glossary, new exercises), run the script again.

The output is re-named "Liaoyang Noto Sans CJK SC Subset" (a modified OFL font
gets its own family name) and is converted from CFF to TrueType outlines,
which embed cleanly in PDF. It stays under the SIL Open Font License 1.1: see
``helpers/fonts/OFL.txt``. The build is deterministic: the same inputs give
the same bytes, so re-running it without changes leaves git clean.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parent.parent

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCE_FAMILY = "Noto Sans CJK SC"
SOURCE_STYLE = "Regular"

OUTPUT = REPO_ROOT / "helpers" / "fonts" / "LiaoyangNotoSansSC-Subset.ttf"
FAMILY = "Liaoyang Noto Sans CJK SC Subset"
POSTSCRIPT_NAME = "LiaoyangNotoSansCJKsc-Subset-Regular"

# Folders whose text must be fully covered, relative to the repository root.
TEXT_DIRS = ("seeds", "helpers/data")

# Largest allowed distance (font units) between a cubic curve and its
# quadratic approximation, and the glyph-name table format of the TTF:
# the values of fontTools' own otf2ttf snippet.
CU2QU_MAX_ERR = 1.0
POST_FORMAT = 2.0


# --------------------------------------------------------------------------
# Which characters to keep
# --------------------------------------------------------------------------

PINYIN_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
TYPOGRAPHIC = "‘’‚“”„–—―‐‑‒…·•‰′″‹›€"
PLOT_SYMBOLS = "−±×÷°≤≥≠≈∞℃"


def chars_in_ranges(*ranges: tuple[int, int]) -> set[str]:
    """Return the characters of the inclusive code point ranges given."""
    return {chr(cp) for first, last in ranges for cp in range(first, last + 1)}


def gb2312_rows(first_row: int, last_row: int) -> set[str]:
    """Decode every cell of GB2312 rows ``first_row``..``last_row`` (lead bytes).

    Cells run from 0xA1 to 0xFE; unassigned cells (which the codec refuses)
    are skipped.
    """
    chars = set()
    for lead in range(first_row, last_row + 1):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def gb2312_level1_hanzi() -> set[str]:
    """The 3,755 level-1 (most common) hanzi of GB2312, rows 0xB0-0xD7."""
    return gb2312_rows(0xB0, 0xD7)


def gb2312_symbols() -> set[str]:
    """GB2312 rows 0xA1-0xA9: punctuation, numbers in circles and brackets,
    full-width ASCII, kana, Greek, Cyrillic, pinyin/bopomofo, box drawing."""
    return gb2312_rows(0xA1, 0xA9)


def text_files(root: Path) -> list[Path]:
    """Every file under ``root`` (recursively, sorted), or [] if it is absent."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def chars_of_text_dirs() -> tuple[set[str], list[Path]]:
    """Characters of every UTF-8 text file under TEXT_DIRS.

    Returns the characters (control characters such as newlines left out,
    fonts do not draw them) and the list of files read. Files that are not
    UTF-8 text are reported and skipped.
    """
    chars: set[str] = set()
    read: list[Path] = []
    for folder in TEXT_DIRS:
        root = REPO_ROOT / folder
        if not root.is_dir():
            print(f"note: {folder}/ does not exist, nothing to add from it")
            continue
        for path in text_files(root):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                print(f"note: skipping {path.relative_to(REPO_ROOT)} (not UTF-8 text)")
                continue
            chars.update(c for c in text if unicodedata.category(c) != "Cc")
            read.append(path)
    return chars, read


def wanted_characters() -> tuple[set[str], set[str], list[Path]]:
    """Return (all characters to keep, those that come from text files,
    the text files read)."""
    from_text, files = chars_of_text_dirs()
    chars = set(from_text)
    chars |= chars_in_ranges((0x20, 0x7E))  # printable ASCII
    chars |= chars_in_ranges((0xA0, 0xBF))  # Latin-1 punctuation, signs
    chars |= set(TYPOGRAPHIC + PLOT_SYMBOLS)
    chars |= set(PINYIN_VOWELS + PINYIN_VOWELS.upper())
    chars |= chars_in_ranges((0x3000, 0x303F))  # CJK symbols, punctuation
    chars |= chars_in_ranges((0xFF00, 0xFFEF))  # full-width forms
    chars |= gb2312_symbols()
    chars |= gb2312_level1_hanzi()
    return chars, from_text, files


# --------------------------------------------------------------------------
# Source font
# --------------------------------------------------------------------------


def english_name(font: TTFont, name_id: int) -> str | None:
    """The Windows/English name record ``name_id`` of ``font``, if any."""
    record = font["name"].getName(name_id, 3, 1, 0x409)
    return record.toUnicode() if record else None


def find_source_face(source: Path | None) -> tuple[Path, int]:
    """Locate the Noto Sans CJK SC Regular face in Debian's collections.

    The .ttc files hold the JP, KR, SC, TC and HK faces (and their Mono
    variants); the face is chosen by its family and style names, not by a
    fixed index. Returns the collection path and the face index.
    """
    if source and not source.is_file():
        sys.exit(f"error: {source} does not exist")
    candidates = [source] if source else sorted(SOURCE_DIR.glob("*.tt[cf]"))
    for path in candidates:
        if path.suffix.lower() == ".ttc":
            faces = TTCollection(str(path), lazy=True).fonts
        else:
            faces = [TTFont(str(path), lazy=True)]
        for index, face in enumerate(faces):
            family = english_name(face, 16) or english_name(face, 1)
            style = english_name(face, 17) or english_name(face, 2)
            if family == SOURCE_FAMILY and style == SOURCE_STYLE:
                return path, index
    sys.exit(
        f"error: no '{SOURCE_FAMILY} {SOURCE_STYLE}' face found in "
        f"{source or SOURCE_DIR}. Install it with:\n"
        "    apt-get install -y --no-install-recommends fonts-noto-cjk"
    )


# --------------------------------------------------------------------------
# Building the subset
# --------------------------------------------------------------------------


def subset_font(font: TTFont, chars: set[str]) -> None:
    """Cut ``font`` down to ``chars`` in place.

    Same as ``pyftsubset --layout-features='' --notdef-outline --no-hinting
    --name-IDs='*'``: no OpenType layout features (matplotlib does not use
    them), an outline for the .notdef glyph, no hinting, all name records.
    """
    options = subset.Options()
    options.layout_features = []
    options.notdef_outline = True
    options.hinting = False
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)


def cff_to_truetype(font: TTFont) -> None:
    """Replace the CFF (cubic) outlines of ``font`` by TrueType (quadratic)
    ones, in place. This follows fontTools' ``Snippets/otf2ttf.py``."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:  # vertical origins table: CFF fonts only
        del font["VORG"]
    glyf.compile(font)

    # Left side bearings must match the new outlines' bounding boxes.
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        len(getattr(glyph, "components", [])) for glyph in glyf.glyphs.values()
    )
    font["maxp"] = maxp
    maxp.compile(font)

    post = font["post"]
    post.formatType = POST_FORMAT
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order

    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont) -> None:
    """Give the subset its own family name in every name record that holds
    one (all platforms and languages), as the OFL asks of modified fonts."""
    version = english_name(font, 5) or ""
    version_number = version.split(";")[0].replace("Version", "").strip()
    names = {
        1: FAMILY,  # family
        2: "Regular",  # style
        3: f"{version_number};{POSTSCRIPT_NAME}",  # unique id
        4: f"{FAMILY} Regular",  # full name
        6: POSTSCRIPT_NAME,  # PostScript name
    }
    table = font["name"]
    # Drop every record we rewrite (including localised ones, such as the
    # Chinese family name) and the typographic family/style (16, 17).
    table.names = [r for r in table.names if r.nameID not in set(names) | {16, 17}]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:  # OTF output: the CFF table carries a name too
        font["CFF "].cff.fontNames = [POSTSCRIPT_NAME]


def build(source: Path | None, output: Path, allow_missing: bool) -> int:
    """Make the subset and write it to ``output``. Returns an exit status."""
    path, index = find_source_face(source)
    print(f"source: {path} face #{index} ({SOURCE_FAMILY} {SOURCE_STYLE})")

    chars, from_text, files = wanted_characters()
    for file in files:
        print(f"text:   {file.relative_to(REPO_ROOT)}")

    # recalcTimestamp=False keeps head.modified from the source font, so the
    # output bytes depend only on the inputs.
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
    source_cmap = font.getBestCmap()

    missing_from_text = sorted(c for c in from_text if ord(c) not in source_cmap)
    if missing_from_text:
        listed = " ".join(f"{c!r} U+{ord(c):04X}" for c in missing_from_text)
        print(
            f"{'warning' if allow_missing else 'error'}: the source font has "
            f"no glyph for these characters of the text files: {listed}"
        )
        if not allow_missing:
            print("Re-run with --allow-missing to build the font anyway.")
            return 1
    # Characters of the fixed ranges that Noto lacks (unassigned code points
    # in U+3000-303F and U+FF00-FFEF, for example) are simply left out.
    chars = {c for c in chars if ord(c) in source_cmap}

    subset_font(font, chars)
    if output.suffix.lower() == ".ttf":
        cff_to_truetype(font)
    rename(font)

    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))

    saved = TTFont(str(output))
    print(
        f"wrote:  {output} ({output.stat().st_size:,} bytes, "
        f"{len(saved.getBestCmap()):,} code points, "
        f"{len(saved.getGlyphOrder()):,} glyphs)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        help=f"font file (.ttc/.otf) to take '{SOURCE_FAMILY}' from (default: search {SOURCE_DIR})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=OUTPUT,
        help="where to write the subset; a .otf name keeps CFF outlines (default: %(default)s)",
    )
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="build even if the text files use characters the source font lacks",
    )
    args = parser.parse_args(argv)
    return build(args.source, args.output, args.allow_missing)


if __name__ == "__main__":
    sys.exit(main())
