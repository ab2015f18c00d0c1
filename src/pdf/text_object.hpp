#pragma once
// A page's glyph runs as one PDF text object, written directly (not through libharu's
// text calls): one `TJ` array per line and font, literal strings of CIDs, kerning and
// justification as TJ displacements.
//
// In two steps, so that pages can be written on several threads while every libharu
// call stays on one: register_page_fonts (libharu thread, pages in order) loads the
// fonts the page draws with and names them in its resources; write_text_object (any
// thread) then only reads.
#include <cstdint>
#include <string>
#include <vector>

#include "pdf/codes.hpp"
#include "pdf/fonts.hpp"
#include "pdf/haru.hpp"
#include "typeset/frame.hpp"

namespace octavo::pdf::detail {

/// A font a page draws with and its name in the page's resources ("F1").
struct PageFont {
  HPDF_Font font = nullptr;
  std::string name;
  int index = 0;  ///< in Document::fonts (the first run's that used it)
};

/// A code unit a page draws with a font slot, recorded the first time the page does.
struct GlyphUse {
  std::uint32_t slot;
  char16_t cp;
};

/// What one thread keeps from page to page: the advances it has looked up (the lookup
/// walks the font's cmap) and which glyphs the current page has drawn so far.
class TextScratch {
 public:
  explicit TextScratch(const FontTable& fonts);
  /// fonts.advance(slot, cp), remembered.
  int advance(std::size_t slot, char16_t cp);
  /// Appends {slot, cp} to `uses` unless the page has drawn it already.
  void note(std::size_t slot, char16_t cp, std::vector<GlyphUse>& uses);
  /// Forgets the page's glyphs (those in `uses`), for the next page.
  void end_page(const std::vector<GlyphUse>& uses);

  std::u16string units;  // one run's code units

 private:
  static constexpr std::int16_t unknown = INT16_MIN;
  const FontTable& fonts_;
  std::vector<std::vector<std::int16_t>> advances_;  // by slot, then code unit
  std::vector<CodePointSet> seen_;                    // by slot, on this page
};

/// Loads the fonts `runs` draw with and adds them to `page`'s resources, in the order
/// the page first uses them (libharu names them so, and the order fonts are first loaded
/// in decides their object numbers); fills `fonts_out`. False with `error` set when a run
/// names a font the document does not list, a number is unusable, a font cannot be
/// loaded or libharu fails: what write_text_object would refuse, at the same run.
bool register_page_fonts(HPDF_Page page, const typeset::RunList& runs, int page_number,
                         FontTable& fonts, std::vector<PageFont>& fonts_out, std::string* error);

/// The same for runs that register_page_fonts accepted before (in a PDF of the same
/// fonts), given the Document::fonts indices it registered, in order (PageFont::index):
/// the same libharu calls, without going through the runs again.
bool register_known_fonts(HPDF_Page page, const std::vector<int>& indices, int page_number, FontTable& fonts,
                          std::vector<PageFont>& fonts_out, std::string* error);

/// Appends `BT … ET` for `runs` to `out` with the fonts register_page_fonts gave, and
/// appends to `uses` each glyph the page draws, once, in the order it first does. Touches
/// no libharu state: safe on any thread once the page's fonts are registered.
bool write_text_object(const typeset::RunList& runs, int page_number, const FontTable& fonts,
                       const std::vector<PageFont>& page_fonts, TextScratch& scratch,
                       std::vector<GlyphUse>& uses, std::string& out, std::string* error);

}  // namespace octavo::pdf::detail
