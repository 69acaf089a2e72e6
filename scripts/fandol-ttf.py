#!/usr/bin/python3
"""
The Fandol fonts (Debian's texlive-lang-chinese) as TrueType, for the 公文 PDF.

Fandol ships OpenType fonts with CFF outlines, which Chromium's PDF writer can only embed as unnamed
Type 3 fonts; with TrueType outlines it embeds them as named CID TrueType subsets (FandolFang-Regular …),
as a reviewer's `pdffonts` expects. Converts FandolFang, FandolSong, FandolHei and FandolKai (cubic →
quadratic curves, within 1 font unit) into OUT_DIR (default /usr/local/share/zhongshu/fonts, or
$ZHONGSHU_FANDOL_TTF_DIR); fonts already converted are kept. Needs Debian's python3-fonttools.

    /usr/bin/python3 scripts/fandol-ttf.py [OUT_DIR]
"""
import os
import sys
from concurrent.futures import ProcessPoolExecutor

SRC = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
FONTS = ["FandolFang-Regular", "FandolSong-Regular", "FandolHei-Regular", "FandolKai-Regular"]


def is_variant(cp: int) -> bool:
    """CJK radicals (supplement and Kangxi) and compatibility ideographs."""
    return 0x2E80 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F


def convert(name: str, out_dir: str) -> str:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    src = os.path.join(SRC, name + ".otf")
    dst = os.path.join(out_dir, name + ".ttf")
    if os.path.exists(dst) and os.path.getmtime(dst) >= max(os.path.getmtime(src), os.path.getmtime(__file__)):
        return f"{name}: up to date"
    font = TTFont(src)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for g in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[g].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[g] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for g, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[g] = (hmtx[g][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\0\1\0\0"
    # a glyph shared by a Kangxi radical (⼀ U+2F00) or a compatibility ideograph and a unified ideograph (一 U+4E00):
    # only the unified one maps to it, so the PDF's text (ToUnicode) reads 一, as typed and searched
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        unified = {g for cp, g in table.cmap.items() if not is_variant(cp)}
        table.cmap = {cp: g for cp, g in table.cmap.items() if not (is_variant(cp) and g in unified)}
    tmp = dst + ".tmp"
    font.save(tmp)
    os.replace(tmp, dst)
    return f"{name}: converted"


def main() -> None:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ZHONGSHU_FANDOL_TTF_DIR", "/usr/local/share/zhongshu/fonts")
    if not os.path.isdir(SRC):
        sys.exit(f"{SRC} is missing: apt-get install texlive-lang-chinese")
    os.makedirs(out_dir, exist_ok=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        for line in pool.map(convert, FONTS, [out_dir] * len(FONTS)):
            print(line)


if __name__ == "__main__":
    main()
