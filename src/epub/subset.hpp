#pragma once
// Embedded fonts cut down to the characters the book sets in them, by HarfBuzz's
// subsetter: whole fonts are most of an EPUB's size, and a reader needs only these glyphs.
#include <optional>
#include <set>
#include <string>

namespace octavo::epub::detail {

/// `font` (TrueType or OpenType bytes) reduced to the glyphs of `characters` and those
/// its layout features reach from them (ligatures, marks, kerning, small capitals), with
/// its names, copyright and licence kept. Nothing, and `why` set, when HarfBuzz cannot
/// subset it (a WOFF or WOFF2 file, which HarfBuzz does not decode; a damaged font).
/// Deterministic: the same bytes and characters give the same bytes.
std::optional<std::string> subset_font(const std::string& font,
                                       const std::set<char32_t>& characters, std::string* why);

}  // namespace octavo::epub::detail
