#pragma once
// Shaping with HarfBuzz, turned into text libharu can draw. libharu draws code points
// with the font's own (hmtx) advances, not glyph ids at positions; so each shaped glyph
// is kept as the code point that draws it (a ligature as U+FB00–FB04 when the cmap maps
// that code point to the ligature glyph) with the advance HarfBuzz gave it, and a glyph
// whose advance differs from the font's own (kerning) is flagged so that the text after
// it starts a new GlyphRun at the right x. Results are cached per (face, flags, text):
// a novel has hundreds of thousands of words but only tens of thousands of distinct ones.
// Shapers of worker threads share one cache, so each distinct text is shaped once per
// face whichever thread meets it first (the result is the same whoever shapes it).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "typeset/fonts.hpp"
#include "typeset/shared_cache.hpp"

struct hb_buffer_t;

namespace octavo::typeset {

/// One drawn glyph. Advances and offsets are in thousandths of an em.
struct Glyph {
  std::uint32_t cluster = 0;  ///< byte offset in the shaped text where its cluster starts
  char32_t cp = 0;            ///< the code point that draws it
  float advance = 0;          ///< what layout uses (HarfBuzz's, or the PDF's own when equal)
  float dx = 0, dy = 0;       ///< mark positioning offsets (rare)
  std::uint16_t utf8_offset = 0;  ///< where `cp` is in ShapedText::utf8
  std::uint8_t utf8_size = 0;
  bool nominal = true;        ///< advance is the PDF's own and no offset: a run may go on after it
};

struct ShapedText {
  std::vector<Glyph> glyphs;
  float width = 0;            ///< sum of advances, thousandths of an em
  std::uint32_t text_size = 0;
  std::string utf8;           ///< the drawn code points, in glyph order

  /// The first glyph whose cluster starts at or after byte `offset`; `exact` says
  /// whether a cluster starts exactly there (a clean place to split the text).
  std::size_t glyph_at(std::uint32_t offset, bool* exact) const;
  /// Sum of advances of glyphs [begin, end).
  float advance(std::size_t begin, std::size_t end) const;
};

enum ShapeFlags : unsigned { shape_default = 0, shape_no_ligatures = 1 };

class Shaper {
public:
  /// `language` (BCP 47) selects language-specific forms (OpenType locl). Construct
  /// shapers on the main thread: HarfBuzz interns language tags lazily.
  explicit Shaper(const std::string& language = "en");
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  /// `text` shaped in `face` (every character must be in the face's cmap; the caller
  /// splits text by face first). Scale by size / 1000 for points. The reference stays
  /// valid as long as some Shaper shares the cache. Safe to call from several threads
  /// on shapers that share a cache (each Shaper itself belongs to one thread).
  const ShapedText& shape(const Face& face, std::string_view text, unsigned flags = shape_default);

  /// From now on, looks up and stores results in `other`'s cache (with its language).
  void share_cache(const Shaper& other);

  std::size_t cache_size() const;

private:
  // Tag: face id × 2 + flags.
  using Store = SharedTextCache<ShapedText>;

  ShapedText shape_uncached(const Face& face, std::string_view text, unsigned flags);
  bool shape_into(const Face& face, std::string_view text, bool ligatures, ShapedText& out);

  hb_buffer_t* buffer_ = nullptr;
  const void* language_ = nullptr;  // hb_language_t
  std::shared_ptr<Store> store_;
};

}  // namespace octavo::typeset
