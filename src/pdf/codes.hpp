#pragma once
// What libharu's UTF-8 text path can draw, and the ToUnicode CMap that describes it.
// No libharu here: these are pure functions, tested on their own.
//
// libharu 2.3 draws UTF-8 text with a Type0 font whose CIDs are the characters' Unicode
// code points (UTF-16BE, Basic Multilingual Plane only; hpdf_encoder_utf.c turns anything
// above U+FFFF into a space), and a CIDToGIDMap maps CIDs to glyphs. So the text a font
// shows is known exactly from the code points it was given.
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>

namespace octavo::pdf::detail {

/// The BMP code points one font was asked to draw.
class CodePointSet {
 public:
  void insert(char16_t cp) { bits_.set(cp); }
  void erase(char16_t cp) { bits_.reset(cp); }
  bool contains(char16_t cp) const { return bits_.test(cp); }
  bool empty() const { return bits_.none(); }
  std::size_t size() const { return bits_.count(); }

 private:
  std::bitset<0x10000> bits_;
};

/// Prepares `text` (UTF-8) for libharu and records its code points in `used`. Drops
/// what libharu cannot draw or should not see: code points above U+FFFF (it would draw
/// a space), C0 controls and DEL, and invalid UTF-8. Returns true when `text` can be
/// passed as it is; otherwise the drawable rest is in `cleaned` (possibly empty).
bool drawable_text(std::string_view text, std::string& cleaned, CodePointSet& used);

/// The same selection as drawable_text, as the CIDs libharu's font expects (one UTF-16
/// code unit per character); replaces the contents of `units`.
void drawable_code_units(std::string_view text, std::u16string& units);
/// Whether drawable_code_units would give anything for `text`.
bool has_drawable(std::string_view text);

/// The ToUnicode CMap (PDF 32000-1:2008 §9.10.3; Adobe Technical Note #5411) for a font
/// drawn through libharu's UTF-8 path: the identity over `used`, except the Latin
/// ligatures U+FB00–FB06, which map to their letters. Entries come in `bfchar` and
/// `bfrange` blocks of at most 100 (the limit the note sets), ranges never cross a
/// change of the high byte.
std::string to_unicode_cmap(const CodePointSet& used);

}  // namespace octavo::pdf::detail
