#pragma once
// The document's fonts in libharu: loaded on first use (embedded, subset, UTF-8), with
// the code points each one draws, from which its ToUnicode CMap is written at the end.
#include <cstdint>
#include <string>
#include <vector>

#include "pdf/codes.hpp"
#include "pdf/haru.hpp"
#include "typeset/frame.hpp"

namespace octavo::pdf::detail {

class FontTable {
 public:
  FontTable(HaruDoc& doc, const std::vector<typeset::FontFile>& files);

  bool valid_index(int index) const {
    return index >= 0 && static_cast<std::size_t>(index) < slot_of_.size();
  }
  /// The libharu font for Document::fonts[index] (a valid index), loaded on first use;
  /// nullptr with `error` set when libharu cannot load it.
  HPDF_Font font(int index, std::string* error);
  /// The code points drawn with Document::fonts[index] (files with the same path share).
  CodePointSet& used(int index) { return slots_[slot_of_[index]].used; }
  /// The advance of `cp` in thousandths of an em, as the font's /W array gives it, for a
  /// font already loaded. Also marks the glyph for the subset.
  int advance(int index, char16_t cp);

  /// Replaces libharu's ToUnicode CMap of every loaded font with a correct one.
  bool write_to_unicode_maps(std::string* error);

 private:
  struct Slot {
    std::string path;
    HPDF_Font font = nullptr;
    CodePointSet used;
    std::vector<std::int16_t> advances;  // by code point; `unknown` until asked
  };
  static constexpr std::int16_t unknown = INT16_MIN;
  HaruDoc& doc_;
  std::vector<std::size_t> slot_of_;  // Document::fonts index → slots_ index
  std::vector<Slot> slots_;           // one per distinct path, in first-listed order
};

}  // namespace octavo::pdf::detail
