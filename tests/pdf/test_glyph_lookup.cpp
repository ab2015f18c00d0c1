#include <doctest/doctest.h>

#include <hpdf_fontdef.h>

#include <vector>

#include "pdf/glyph_lookup.hpp"
#include "pdf/haru.hpp"
#include "pdf_test_support.hpp"

using namespace octavo;
using namespace octavo::pdf::test;

namespace {

/// libharu's glyph for every code unit.
std::vector<HPDF_UINT16> lookups(HPDF_FontDef def) {
  std::vector<HPDF_UINT16> glyphs;
  for (unsigned u = 0; u < 0x10000; ++u)
    glyphs.push_back(HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(u)));
  return glyphs;
}

const HPDF_TTF_CmapRange& cmap_of(HPDF_FontDef def) {
  return static_cast<HPDF_TTFontDefAttr>(def->attr)->cmap;
}

/// A TrueType font definition holding only a cmap made of these arrays, in `doc`'s
/// memory as libharu's own are (flatten_cmap frees them).
struct FakeFont {
  HPDF_FontDef_Rec def{};
  HPDF_TTFontDefAttr_Rec attr{};
  FakeFont(pdf::detail::HaruDoc& doc, std::vector<HPDF_UINT16> ends,
           std::vector<HPDF_UINT16> starts, std::vector<HPDF_INT16> deltas,
           std::vector<HPDF_UINT16> ranges, std::vector<HPDF_UINT16> array) {
    def.mmgr = doc.get()->mmgr;
    def.error = &doc.get()->error;
    def.type = HPDF_FONTDEF_TYPE_TRUETYPE;
    def.attr = &attr;
    auto& cmap = attr.cmap;
    cmap.format = 4;
    cmap.seg_count_x2 = static_cast<HPDF_UINT16>(ends.size() * 2);
    cmap.end_count = copy(ends);
    cmap.start_count = copy(starts);
    cmap.id_delta = copy(deltas);
    cmap.id_range_offset = copy(ranges);
    cmap.glyph_id_array = array.empty() ? nullptr : copy(array);
    cmap.glyph_id_array_count = static_cast<HPDF_UINT>(array.size());
  }
  ~FakeFont() {
    auto& cmap = attr.cmap;
    for (void* p : {static_cast<void*>(cmap.end_count), static_cast<void*>(cmap.start_count),
                    static_cast<void*>(cmap.id_delta), static_cast<void*>(cmap.id_range_offset),
                    static_cast<void*>(cmap.glyph_id_array)})
      HPDF_FreeMem(def.mmgr, p);
  }
  template <typename T>
  T* copy(const std::vector<T>& values) {
    auto* out =
        static_cast<T*>(HPDF_GetMem(def.mmgr, static_cast<HPDF_UINT>(sizeof(T) * values.size())));
    std::copy(values.begin(), values.end(), out);
    return out;
  }
};

}  // namespace

TEST_CASE("a flattened cmap gives libharu's glyph for every code unit, in one segment") {
  for (const std::string& path : {gentium, gentium_italic, charis}) {
    CAPTURE(path);
    pdf::detail::HaruDoc doc;
    HPDF_UseUTFEncodings(doc.get());
    const char* name = HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_TRUE);
    REQUIRE(name);
    HPDF_FontDef def = HPDF_Doc_FindFontDef(doc.get(), name);
    REQUIRE(def);
    CHECK(cmap_of(def).seg_count_x2 > 100);  // the real cmap: many segments
    const auto before = lookups(def);
    CHECK(before[u'Ж'] != 0);
    CHECK(pdf::detail::flatten_cmap(def));
    CHECK(cmap_of(def).seg_count_x2 == 2);
    CHECK(lookups(def) == before);
    CHECK(pdf::detail::flatten_cmap(def));  // again: left as it is
    CHECK(lookups(def) == before);
    // The font is then made and written as before.
    CHECK(HPDF_GetFont(doc.get(), name, "UTF-8"));
    CHECK_FALSE(doc.failed());
  }
}

TEST_CASE("a flattened cmap keeps libharu's arithmetic: deltas that wrap, ends out of order") {
  pdf::detail::HaruDoc doc;
  // Segments: 0x20-0x7E by delta; 0x100-0x1FF also reached by 0x80-0xFF (the second
  // segment's end is below the first's: libharu takes the first that reaches); 0x300-0x303
  // through the glyph array; 0x400-0x4FF with a delta that wraps below zero; the last
  // ends at 0xFFFF with an idRangeOffset past the array (libharu gives glyph 0).
  FakeFont font(doc, {0x7E, 0x1FF, 0x100, 0x303, 0x4FF, 0xFFFF},
                {0x20, 0x80, 0x50, 0x300, 0x400, 0xF000}, {-29, 5, 7, 100, -0x500, 1},
                {0, 0, 0, 8, 0, 40}, {11, 12, 13, 14, 15, 16});
  const auto before = lookups(&font.def);
  CHECK(before[0x41] == 0x41 - 29);
  CHECK(before[0x150] == 0x150 + 5);
  CHECK(before[0x301] == 13 + 100);  // glyph_id_array[8 / 2 + 1 - (6 - 3)]
  CHECK(before[0xF001] == 0);
  CHECK(before[0x401] == static_cast<HPDF_UINT16>(0x401 - 0x500));
  CHECK(pdf::detail::flatten_cmap(&font.def));
  CHECK(cmap_of(&font.def).seg_count_x2 == 2);
  CHECK(lookups(&font.def) == before);
  CHECK_FALSE(doc.failed());
}

TEST_CASE("a cmap libharu would read past is not flattened") {
  pdf::detail::HaruDoc doc;
  // No segment reaches 0xFFFF: libharu's lookup of U+FFFF reads past the segments.
  FakeFont short_segments(doc, {0x7E}, {0x20}, {-29}, {0}, {});
  CHECK_FALSE(pdf::detail::flatten_cmap(&short_segments.def));
  CHECK(cmap_of(&short_segments.def).seg_count_x2 == 2);
  CHECK(cmap_of(&short_segments.def).end_count[0] == 0x7E);
  // An idRangeOffset that lands exactly one past the glyph array (libharu tests `>`).
  FakeFont one_past(doc, {0x7E, 0xFFFF}, {0x20, 0xFFFF}, {0, 1}, {4, 0}, {1, 2});
  CHECK_FALSE(pdf::detail::flatten_cmap(&one_past.def));
  CHECK(cmap_of(&one_past.def).seg_count_x2 == 4);
}
