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
  /// Fonts listed twice (the same path) share one slot; slots count from 0.
  std::size_t slot_count() const { return slots_.size(); }
  std::size_t slot(int index) const { return slot_of_[index]; }

  /// The libharu font for Document::fonts[index] (a valid index), loaded on first use;
  /// nullptr with `error` set when libharu cannot load it. On the libharu thread only.
  HPDF_Font font(int index, std::string* error);

  // The two below only read, so any number of threads may call them at once, as long as
  // the libharu thread meanwhile neither loads a font nor calls mark_drawn.

  /// The font `font` has loaded for Document::fonts[index], nullptr before.
  HPDF_Font loaded(int index) const { return slots_[slot_of_[index]].font; }
  /// The advance of `cp` in thousandths of an em in a loaded slot's font: the truncated
  /// value libharu writes into the font's /W array for this CID (hpdf_font_cid.c takes
  /// HPDF_TTFontDef_GetGidWidth of the CID's glyph).
  int advance(std::size_t slot, char16_t cp) const;

  /// Records that `slot` draws `cp`: for its ToUnicode map and, through libharu, for the
  /// embedded subset. On the libharu thread only. The first call for each glyph must come
  /// in the order the glyphs are first drawn in the book: libharu adds a composite glyph's
  /// components to the subset only when that glyph is asked for before them.
  void mark_drawn(std::size_t slot, char16_t cp);

  /// Replaces libharu's ToUnicode CMap of every loaded font with a correct one.
  bool write_to_unicode_maps(std::string* error);

  /// Makes the embedded subsets and deflates them on up to `jobs` threads (0: one per
  /// core), rather than leaving both to HPDF_SaveToStream, which deflates one font after
  /// another at the end. Call last before saving: nothing may be added to the document
  /// after (see fonts.cpp).
  /// `kept`, when given: the subsets (raw, deflated) of the last PDF, whose deflated
  /// bytes a subset with the same raw bytes takes; replaced by this PDF's.
  bool pack_font_files(unsigned jobs, std::string* error,
                       std::vector<std::pair<std::string, std::string>>* kept = nullptr);

 private:
  struct Slot {
    std::string path;
    HPDF_Font font = nullptr;
    CodePointSet used;  // the code points marked drawn
  };
  HaruDoc& doc_;
  std::vector<std::size_t> slot_of_;  // Document::fonts index → slots_ index
  std::vector<Slot> slots_;           // one per distinct path, in first-listed order
  std::vector<HPDF_Font> load_order_;  // each font once, in the order libharu made them
};

}  // namespace octavo::pdf::detail
