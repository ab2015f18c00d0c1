#include "epub/subset.hpp"

#include <memory>

#include <hb-subset.h>
#include <hb.h>

namespace octavo::epub::detail {
namespace {

struct BlobFree {
  void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};
struct FaceFree {
  void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
struct InputFree {
  void operator()(hb_subset_input_t* i) const { hb_subset_input_destroy(i); }
};
using Blob = std::unique_ptr<hb_blob_t, BlobFree>;
using Face = std::unique_ptr<hb_face_t, FaceFree>;
using Input = std::unique_ptr<hb_subset_input_t, InputFree>;

// What HarfBuzz keeps besides the characters. Its defaults (HarfBuzz 6) keep the layout
// features a shaper applies unasked (ccmp, locl, liga, calt, kern, mark, mkmk, …) but not
// smcp, which the style sheet's `font-variant: small-caps` asks for; and only name IDs
// 0–6, while the SIL Open Font License wants its notice and licence to travel with every
// copy of the font (IDs 13, 14: licence description and URL).
void keep_extras(hb_subset_input_t* input) {
  hb_set_t* features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
  hb_set_add(features, HB_TAG('s', 'm', 'c', 'p'));
  hb_set_t* names = hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
  hb_set_add(names, 13);
  hb_set_add(names, 14);
}

}  // namespace

std::optional<std::string> subset_font(const std::string& font,
                                       const std::set<char32_t>& characters, std::string* why) {
  auto fail = [&](const char* reason) -> std::optional<std::string> {
    if (why) *why = reason;
    return std::nullopt;
  };
  // HarfBuzz reads the bytes in place (HB_MEMORY_MODE_READONLY): `font` outlives the blob.
  const Blob blob(hb_blob_create(font.data(), static_cast<unsigned>(font.size()),
                                 HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  const Face face(hb_face_create(blob.get(), 0));
  // A file HarfBuzz cannot parse (WOFF, WOFF2, not a font) gives an empty face, not an error.
  if (hb_face_get_glyph_count(face.get()) == 0)
    return fail("HarfBuzz reads no glyphs from it (WOFF and WOFF2 are not decoded)");

  const Input input(hb_subset_input_create_or_fail());
  if (!input) return fail("HarfBuzz could not allocate a subset plan");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  for (char32_t c : characters) hb_set_add(unicodes, c);
  keep_extras(input.get());

  const Face subset(hb_subset_or_fail(face.get(), input.get()));
  if (!subset) return fail("HarfBuzz's subsetter failed on it");
  const Blob out(hb_face_reference_blob(subset.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(out.get(), &length);
  if (!data || length == 0) return fail("HarfBuzz's subsetter gave an empty font");
  return std::string(data, length);
}

}  // namespace octavo::epub::detail
