#include "typeset/shaping.hpp"

#include <hb.h>

#include <cmath>

#include "core/utf8.hpp"

namespace octavo::typeset {
namespace {

// Differences below this (thousandths of an em) are not worth a new run: 1/1000 em is
// 0.011 pt at 11 pt. HarfBuzz's advances are exact; the PDF's are truncated to whole
// thousandths, so an unkerned glyph differs from its PDF width by less than one.
constexpr float kKernThreshold = 1.0f;

// The presentation forms a font may map its f-ligatures to.
char32_t ligature_code_point(std::u32string_view chars) {
  if (chars == U"ff") return 0xFB00;
  if (chars == U"fi") return 0xFB01;
  if (chars == U"fl") return 0xFB02;
  if (chars == U"ffi") return 0xFB03;
  if (chars == U"ffl") return 0xFB04;
  if (chars == U"\u017Ft") return 0xFB05;
  if (chars == U"st") return 0xFB06;
  return 0;
}

Glyph make_glyph(const Face& face, std::uint32_t cluster, char32_t cp, hb_codepoint_t gid,
                 const hb_glyph_position_t& pos) {
  Glyph g;
  g.cluster = cluster;
  g.cp = cp;
  const float scale = 1000.0f / static_cast<float>(face.upem());
  const float exact = static_cast<float>(pos.x_advance) * scale;
  const auto pdf = static_cast<float>(face.pdf_advance(gid));
  g.dx = static_cast<float>(pos.x_offset) * scale;
  g.dy = static_cast<float>(pos.y_offset) * scale;
  if (std::fabs(exact - pdf) < kKernThreshold && g.dx == 0 && g.dy == 0) {
    g.advance = pdf;
  } else {
    g.advance = exact;
    g.nominal = false;
  }
  return g;
}

}  // namespace

std::size_t ShapedText::glyph_at(std::uint32_t offset, bool* exact) const {
  std::size_t i = 0;
  while (i < glyphs.size() && glyphs[i].cluster < offset) ++i;
  if (exact) *exact = (i < glyphs.size()) ? glyphs[i].cluster == offset : offset == text_size;
  return i;
}

float ShapedText::advance(std::size_t begin, std::size_t end) const {
  float w = 0;
  for (std::size_t i = begin; i < end && i < glyphs.size(); ++i) w += glyphs[i].advance;
  return w;
}

Shaper::Shaper(const std::string& language)
    : buffer_(hb_buffer_create()),
      language_(hb_language_from_string(language.empty() ? "en" : language.c_str(), -1)),
      store_(std::make_shared<Store>()) {
  hb_language_get_default();  // interned now, not lazily in some worker thread
}
Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

std::size_t Shaper::cache_size() const { return store_->size(); }

void Shaper::share_cache(const Shaper& other) {
  store_ = other.store_;
  language_ = other.language_;
}

const ShapedText& Shaper::shape(const Face& face, std::string_view text, unsigned flags) {
  const auto tag = static_cast<std::uint32_t>(face.id() * 2 + (flags & shape_no_ligatures));
  // Shaped outside the cache's lock, with this Shaper's own buffer.
  return store_->get(tag, text, [&] { return shape_uncached(face, text, flags); });
}

ShapedText Shaper::shape_uncached(const Face& face, std::string_view text, unsigned flags) {
  ShapedText out;
  bool ligatures = (flags & shape_no_ligatures) == 0;
  // A cluster that cannot be drawn as code points (a ligature with no presentation form
  // in the cmap, a contextual alternate) is retried without ligatures; shape_into falls
  // back to nominal glyphs for whatever is still left.
  if (!shape_into(face, text, ligatures, out) && ligatures) shape_into(face, text, false, out);
  return out;
}

// Returns false when some cluster had to be set from nominal glyphs.
bool Shaper::shape_into(const Face& face, std::string_view text, bool ligatures, ShapedText& out) {
  out.glyphs.clear();
  out.width = 0;
  out.text_size = static_cast<std::uint32_t>(text.size());
  hb_buffer_clear_contents(buffer_);
  hb_buffer_add_utf8(buffer_, text.data(), static_cast<int>(text.size()), 0,
                     static_cast<int>(text.size()));
  hb_buffer_set_language(buffer_, static_cast<hb_language_t>(language_));
  hb_buffer_guess_segment_properties(buffer_);
  hb_feature_t off[3];
  unsigned feature_count = 0;
  if (!ligatures) {
    const char* tags[3] = {"liga", "clig", "dlig"};
    for (const char* t : tags) {
      off[feature_count] = {hb_tag_from_string(t, 4), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
      ++feature_count;
    }
  }
  hb_shape(face.hb_font(), buffer_, off, feature_count);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer_, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer_, nullptr);

  bool all_drawable = true;
  std::u32string chars;
  for (unsigned i = 0; i < n;) {
    unsigned j = i + 1;
    while (j < n && info[j].cluster == info[i].cluster) ++j;
    const std::uint32_t begin = info[i].cluster;
    const std::uint32_t end = (j < n) ? info[j].cluster : out.text_size;
    chars.clear();
    for (std::size_t p = begin; p < end;) chars.push_back(core::utf8::decode(text, p));
    const unsigned glyph_count = j - i;

    bool drawn = false;
    if (glyph_count == chars.size()) {
      // One glyph per character, each the character's own: the common case.
      drawn = true;
      for (unsigned k = 0; k < glyph_count; ++k)
        if (face.glyph(chars[k]) != info[i + k].codepoint) drawn = false;
      if (drawn)
        for (unsigned k = 0; k < glyph_count; ++k)
          out.glyphs.push_back(make_glyph(face, begin, chars[k], info[i + k].codepoint, pos[i + k]));
    } else if (glyph_count == 1) {
      char32_t lig = ligature_code_point(chars);
      if (lig && face.draws(lig, info[i].codepoint)) {
        out.glyphs.push_back(make_glyph(face, begin, lig, info[i].codepoint, pos[i]));
        drawn = true;
      }
    }
    if (!drawn) {
      all_drawable = false;
      // Nominal glyphs, one per character, each its own cluster so it can be split.
      std::uint32_t at = begin;
      for (char32_t c : chars) {
        Glyph g;
        g.cluster = at;
        g.cp = c;
        g.advance = static_cast<float>(face.pdf_advance_of(c));
        out.glyphs.push_back(g);
        std::string tmp;
        core::utf8::append(tmp, c);
        at += static_cast<std::uint32_t>(tmp.size());
      }
    }
    i = j;
  }
  out.utf8.clear();
  for (auto& g : out.glyphs) {
    out.width += g.advance;
    g.utf8_offset = static_cast<std::uint16_t>(out.utf8.size());
    core::utf8::append(out.utf8, g.cp);
    g.utf8_size = static_cast<std::uint8_t>(out.utf8.size() - g.utf8_offset);
  }
  return all_drawable;
}

}  // namespace octavo::typeset
