#pragma once
// book.toml: [book] metadata, [build] chapters and style, [accessibility] metadata
// (accessibility_toml.hpp), [style] overrides (kept for
// the style stage, not read here).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"

namespace octavo::manuscript::detail {

struct ChapterEntry {
  std::string path;  ///< as written, relative to the book folder
  core::Span span;   ///< the array element in book.toml; line 0 when found by globbing
};

struct BookToml {
  bool chapters_given = false;      ///< [build].chapters was written (even if empty)
  bool chapters_malformed = false;  ///< not an array, or an element not a path (reported)
  core::Span chapters_span;
  std::vector<ChapterEntry> chapters;
};

/// Reads book.toml's `text` (file `file` of book.sources) into book.meta, book.style
/// and book.style_span, checking every key; the cover is checked against book.root.
/// Reports each problem; returns nothing only when the text is not valid TOML.
std::optional<BookToml> read_book_toml(std::string_view text, core::FileId file, doc::Book& book,
                                       core::Diagnostics& diags);

/// Loose BCP 47: a 2–3 letter (or 4–8 letter) language, then subtags of 1–8 letters
/// or digits, joined by '-' ("en", "en-GB", "sr-Latn", "zh-Hant-TW").
bool is_language_tag(std::string_view tag);

/// "urn:uuid:" + 8-4-4-4-12 hex digits, or "isbn:" + an ISBN-10/13 shape (digits,
/// optional hyphens or spaces, an ISBN-10 may end in X).
bool is_identifier(std::string_view id);

/// "1813", "1813-01", "1813-01-28", optionally followed by a time ("T…").
bool is_date(std::string_view date);

}  // namespace octavo::manuscript::detail
