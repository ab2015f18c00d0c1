#pragma once
// What the fuzz targets share: a scratch book folder, the shipped styles, and a chapter
// parsed the way read_book parses one.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <unistd.h>

#include "core/diagnostics.hpp"
#include "core/utf8.hpp"
#include "doc/tree.hpp"
#include "manuscript/finish.hpp"
#include "manuscript/manuscript.hpp"
#include "style/style.hpp"

namespace octavo::fuzz {

/// A book folder of this process's own, with a chapters/ folder (images are looked up
/// there and found missing: the fuzzer does not write files).
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("octavo-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d / "chapters");
    return d;
  }();
  return dir;
}

inline style::Resources resources() {
  return {std::filesystem::path(OCTAVO_SOURCE_DIR) / "styles", std::filesystem::path(OCTAVO_SOURCE_DIR) / "fonts"};
}

/// The input as one chapter of a book, as read_book reads it: only valid UTF-8 reaches
/// the parser (read_book reports anything else).
inline bool parse(const std::uint8_t* data, std::size_t size, doc::Book& book, core::Diagnostics& diags) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!core::utf8::is_valid(text)) return false;
  book.root = scratch();
  book.meta.title = "Fuzz";
  book.meta.language = "en";
  book.meta.identifier = "urn:uuid:00000000-0000-4000-8000-000000000000";
  book.chapters.emplace_back();
  manuscript::parse_chapter(text, scratch() / "chapters" / "01.md", book, book.chapters.back(), diags);
  manuscript::finish_book(book);
  return true;
}

}  // namespace octavo::fuzz
