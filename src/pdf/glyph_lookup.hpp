#pragma once
// libharu's lookup of a code point's glyph, made one step instead of a search.
//
// HPDF_TTFontDef_GetGlyphid (hpdf_fontdef_tt.c) finds a code point's segment of a format
// 4 cmap by walking the segments from the first, each time. When a font is first paired
// with the UTF-8 encoder, CIDFontType2_New (hpdf_font_cid.c) asks it for all 65,536 code
// units, to write the /W widths and the CIDToGIDMap: with Gentium's cmap, 10 ms per font
// in every PDF, half the time a watch rebuild spent preparing its pages.
//
// flatten_cmap gives the font definition an equivalent cmap of one segment covering
// U+0000–U+FFFF, whose glyph array holds, for every code unit, the glyph the original
// lookup gives (computed here the way it computes it, segment walk and unsigned
// arithmetic included). The lookup then takes one step and gives the same glyphs, so the
// PDF is the same: libharu writes the font's /W, CIDToGIDMap and subset from those
// glyphs, and its subset's 'cmap' table is copied from the font file, not from this.
#include <hpdf.h>

namespace octavo::pdf::detail {

/// Replaces `def`'s cmap (a TrueType font definition's) by its flat equivalent. False,
/// leaving it as it is, when it is not a format 4 cmap, when libharu's lookup would read
/// outside the cmap's arrays for some code unit (a malformed font: no equivalent then),
/// or when memory runs out. A flat cmap is left as it is (true).
bool flatten_cmap(HPDF_FontDef def);

}  // namespace octavo::pdf::detail
