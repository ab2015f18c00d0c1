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

/// A font's embedded subset as pack_font_files made it, for the next PDF (`octavo watch`).
/// libharu makes a subset from the font file, the subset's name (a tag libharu numbers
/// fonts with, and the font's) and which glyphs are in it (a flag per glyph, set as the
/// glyphs are drawn: hpdf_fontdef_tt.c HPDF_TTFontDef_SaveFontData reads nothing else);
/// those three the same, the subset is the same bytes. The caller forgets the subsets when
/// a font file changes.
struct KeptSubset {
  std::string path;                   ///< the font file
  std::string name;                   ///< libharu's name of the subset ("HPFTAA+…")
  std::vector<unsigned char> glyphs;  ///< libharu's flag of each glyph
  unsigned length1 = 0;               ///< the subset's size, its /Length1
  std::string packed;                 ///< the subset, deflated
};

/// A stream of a font's that pack_font_files deflated (its CIDToGIDMap, its ToUnicode
/// map): the raw bytes and the deflated ones, for the next PDF (`octavo watch`), where a
/// stream of the same raw bytes takes them instead of being deflated again.
struct KeptStream {
  std::string raw;
  std::string packed;
};

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
  /// `kept`, when given: the subsets of the last PDF, made from font files unchanged since,
  /// which a font with the same subset takes instead of making and deflating it again;
  /// replaced by this PDF's. How many were taken: reused_subsets().
  /// `streams`, when given: the font streams of the last PDF, in the same way.
  bool pack_font_files(unsigned jobs, std::string* error, std::vector<KeptSubset>* kept = nullptr,
                       std::vector<KeptStream>* streams = nullptr);
  std::size_t reused_subsets() const { return reused_subsets_; }

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
  std::size_t reused_subsets_ = 0;
};

}  // namespace octavo::pdf::detail
