#pragma once
// Fonts: each TrueType face is loaded once with HarfBuzz; a family is four faces; the
// library resolves which face draws a character (the role's family, then the style's
// fallback families) and registers the faces a document uses.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "style/style.hpp"
#include "typeset/frame.hpp"

struct hb_font_t;

namespace octavo::typeset {

enum class Variant : std::uint8_t { regular, italic, bold, bold_italic };
inline Variant variant_of(bool bold, bool italic) {
  return static_cast<Variant>((bold ? 2 : 0) + (italic ? 1 : 0));
}

/// The family a piece of text is set in.
enum class FontRole : std::uint8_t { body, heading, mono };

/// One TrueType face. Metrics are in font units or, where named so, in thousandths of
/// an em as the PDF draws them.
class Face {
public:
  /// Loads `path`; nothing (and `error` set) when HarfBuzz finds no usable face.
  static std::unique_ptr<Face> load(const std::filesystem::path& path, std::uint32_t id,
                                    std::string* error);
  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  hb_font_t* hb_font() const { return font_; }
  const std::string& path() const { return path_; }
  std::uint32_t id() const { return id_; }
  unsigned upem() const { return upem_; }

  /// The glyph the cmap maps `cp` to, or 0. Only the Basic Multilingual Plane: libharu
  /// writes text as 16-bit code points, so nothing beyond it can be drawn.
  std::uint32_t glyph(char32_t cp) const { return cp < 0x10000 ? cmap_[cp] : 0; }
  bool has(char32_t cp) const { return glyph(cp) != 0; }

  /// A glyph's advance in font units (hmtx).
  int advance_units(std::uint32_t gid) const { return gid < advance_.size() ? advance_[gid] : 0; }
  /// A glyph's advance in thousandths of an em as libharu writes it into the PDF's
  /// widths: hmtx × 1000 / upem, truncated (hpdf_fontdef_tt.c). Positions computed from
  /// these match what a viewer draws exactly.
  int pdf_advance(std::uint32_t gid) const {
    return static_cast<int>(static_cast<unsigned>(advance_units(gid)) * 1000u / upem_);
  }
  /// The PDF advance of `cp`'s nominal glyph (0 when the face lacks it).
  int pdf_advance_of(char32_t cp) const { return pdf_advance(glyph(cp)); }

  /// Whether code point `cp` draws glyph `gid`: its cmap glyph is `gid`, or a duplicate
  /// of it (same advance, same outline). Fonts often map U+FB01 to a glyph that is a copy
  /// of the ligature their liga feature produces (Gentium: f_i and uniFB01).
  bool draws(char32_t cp, std::uint32_t gid) const;

  /// How far `cp`'s glyph rises above the baseline, in ems (0 when it has none).
  double top_em(char32_t cp) const;
  double ascender_em() const { return ascender_; }    ///< hhea ascender / upem
  double descender_em() const { return descender_; }  ///< hhea descender / upem (negative)

private:
  friend class FontLibrary;  // numbers faces loaded ahead, in the order it takes them
  Face() = default;
  std::string path_;
  std::uint32_t id_ = 0;
  hb_font_t* font_ = nullptr;
  unsigned upem_ = 1000;
  double ascender_ = 0.8, descender_ = -0.2;
  std::vector<std::uint16_t> cmap_;   // BMP code point → glyph
  std::vector<std::int32_t> advance_; // glyph → advance in font units
  mutable std::mutex outline_mutex_;  // faces are shared by layout threads
  mutable std::map<std::uint32_t, std::uint64_t> outline_hash_;  // computed on demand
  std::uint64_t outline_hash(std::uint32_t gid) const;
};

/// Every face a style names, loaded once each.
class FontLibrary {
public:
  /// Loads the body, heading, mono and fallback families. A face the style leaves empty
  /// falls back to its family's regular face. Returns false, with an error in `diags`,
  /// when a face cannot be loaded.
  /// `jobs`: threads to read the faces on (0: one per core).
  bool load(const style::Style& style, core::Diagnostics& diags, const core::Location& where, unsigned jobs = 0);

  /// The role's own face for `variant`.
  const Face& primary(FontRole role, Variant variant) const;
  /// The face that draws `cp`: the role's family, then (for the heading role) the body
  /// family, then the style's fallback families in order; nullptr when none has it.
  const Face* face_for(char32_t cp, FontRole role, Variant variant) const;

  /// `face`'s index in `fonts`, registering it on first use (so the order is the order
  /// of first use, which is deterministic).
  int document_font(const Face& face, std::vector<FontFile>& fonts) const;
  /// Forgets which faces document_font registered: for the next document.
  void forget_document_fonts() const { doc_index_.clear(); }

  /// The face with Face::id() `id`. During layout GlyphRun::font holds face ids; they
  /// become Document::fonts indices once the pages are done (see typeset.cpp).
  const Face& face(int id) const { return *faces_[static_cast<std::size_t>(id)]; }

  std::size_t face_count() const { return faces_.size(); }

private:
  using Family = std::array<const Face*, 4>;
  const Face* load_face(const std::filesystem::path& path, core::Diagnostics& diags,
                        const core::Location& where, const std::string& family);
  bool load_family(const style::FontFamily& f, Family& out, core::Diagnostics& diags,
                   const core::Location& where);

  std::vector<std::unique_ptr<Face>> faces_;
  std::map<std::string, const Face*> by_path_;
  /// Faces loaded ahead, side by side, by normalised path (with the error of one that
  /// failed), taken by load_face in the order it asks for them.
  std::map<std::string, std::pair<std::unique_ptr<Face>, std::string>> ahead_;
  std::array<Family, 3> roles_{};
  std::vector<Family> fallback_;
  mutable std::vector<int> doc_index_;  // face id → index in Document::fonts, or -1
};

}  // namespace octavo::typeset
