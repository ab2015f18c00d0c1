#include "pdf/glyph_lookup.hpp"

#include <hpdf_fontdef.h>

#include <algorithm>
#include <vector>

namespace octavo::pdf::detail {
namespace {

constexpr HPDF_UINT code_units = 0x10000;

bool is_flat(const HPDF_TTF_CmapRange& cmap) {
  return cmap.format == 4 && cmap.seg_count_x2 == 2 && cmap.end_count[0] == 0xFFFF &&
         cmap.start_count[0] == 0 && cmap.id_delta[0] == 0 && cmap.id_range_offset[0] == 2 &&
         cmap.glyph_id_array_count == code_units;
}

/// The glyph of every code unit as HPDF_TTFontDef_GetGlyphid (libharu 2.3.0) finds it
/// in a format 4 cmap; false where it would read outside the cmap's arrays.
bool glyphs_of(const HPDF_TTF_CmapRange& cmap, std::vector<HPDF_UINT16>& glyphs) {
  const HPDF_UINT seg_count = cmap.seg_count_x2 / 2;
  if (seg_count == 0 || !cmap.end_count || !cmap.start_count || !cmap.id_delta ||
      !cmap.id_range_offset)
    return false;
  glyphs.assign(code_units, 0);
  // libharu takes the first segment whose end is at or after the code unit, in the
  // order of the segments, sorted or not. The segments before code unit u's all end
  // before u, so before u + 1 too: u + 1's is not before u's, and one walk over the code
  // units and the segments together finds every one.
  HPDF_UINT i = 0;
  for (HPDF_UINT u = 0; u < code_units; ++u) {
    while (cmap.end_count[i] < u)
      if (++i == seg_count) return false;  // libharu would read past the segments
    HPDF_UINT16 gid = 0;
    if (cmap.start_count[i] > u) {
      gid = 0;  // not in the segment: undefined
    } else if (cmap.id_range_offset[i] == 0) {
      gid = static_cast<HPDF_UINT16>(static_cast<int>(u) + cmap.id_delta[i]);
    } else {
      // As libharu computes it: int operands, then unsigned (seg_count is).
      const HPDF_UINT idx = static_cast<HPDF_UINT>(cmap.id_range_offset[i] / 2) +
                            static_cast<HPDF_UINT>(static_cast<int>(u) - cmap.start_count[i]) -
                            (seg_count - i);
      if (idx == cmap.glyph_id_array_count ||
          (idx < cmap.glyph_id_array_count && !cmap.glyph_id_array))
        return false;  // libharu would read one past the array (its test is `idx > count`)
      if (idx < cmap.glyph_id_array_count)
        gid = static_cast<HPDF_UINT16>(cmap.glyph_id_array[idx] + cmap.id_delta[i]);
    }
    glyphs[u] = gid;
  }
  return true;
}

}  // namespace

bool flatten_cmap(HPDF_FontDef def) {
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return false;
  HPDF_TTF_CmapRange& cmap = static_cast<HPDF_TTFontDefAttr>(def->attr)->cmap;
  if (cmap.format != 4) return false;
  if (cmap.end_count && cmap.start_count && cmap.id_delta && cmap.id_range_offset && is_flat(cmap))
    return true;
  std::vector<HPDF_UINT16> glyphs;
  if (!glyphs_of(cmap, glyphs)) return false;
  // The arrays in libharu's memory, as its own are: it frees them with the definition.
  auto* end = static_cast<HPDF_UINT16*>(HPDF_GetMem(def->mmgr, sizeof(HPDF_UINT16)));
  auto* start = static_cast<HPDF_UINT16*>(HPDF_GetMem(def->mmgr, sizeof(HPDF_UINT16)));
  auto* delta = static_cast<HPDF_INT16*>(HPDF_GetMem(def->mmgr, sizeof(HPDF_INT16)));
  auto* range = static_cast<HPDF_UINT16*>(HPDF_GetMem(def->mmgr, sizeof(HPDF_UINT16)));
  auto* array = static_cast<HPDF_UINT16*>(HPDF_GetMem(def->mmgr, sizeof(HPDF_UINT16) * code_units));
  if (!end || !start || !delta || !range || !array) {
    for (void* p : {static_cast<void*>(end), static_cast<void*>(start), static_cast<void*>(delta),
                    static_cast<void*>(range), static_cast<void*>(array)})
      HPDF_FreeMem(def->mmgr, p);
    return false;
  }
  // One segment, U+0000 to U+FFFF, through the glyph array (idRangeOffset 2: the entry
  // of code unit u is glyph_id_array[2 / 2 + u - 1] = glyph_id_array[u]), no delta.
  *end = 0xFFFF;
  *start = 0;
  *delta = 0;
  *range = 2;
  std::copy(glyphs.begin(), glyphs.end(), array);
  for (void* old : {static_cast<void*>(cmap.end_count), static_cast<void*>(cmap.start_count),
                    static_cast<void*>(cmap.id_delta), static_cast<void*>(cmap.id_range_offset),
                    static_cast<void*>(cmap.glyph_id_array)})
    HPDF_FreeMem(def->mmgr, old);
  cmap.seg_count_x2 = 2;
  cmap.end_count = end;
  cmap.start_count = start;
  cmap.id_delta = delta;
  cmap.id_range_offset = range;
  cmap.glyph_id_array = array;
  cmap.glyph_id_array_count = code_units;
  return true;
}

}  // namespace octavo::pdf::detail
