#pragma once
// Reads a book folder: book.toml and the Markdown chapters → doc::Book.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"

namespace octavo::manuscript {

/// Reads `book_dir`/book.toml and every chapter it names. Reports each problem into
/// `diags` as `path:line:col: error: …`; returns nothing when any error was reported.
std::optional<doc::Book> read_book(const std::filesystem::path& book_dir, core::Diagnostics& diags);

/// Parses one chapter's Markdown (already checked to be UTF-8) into `chapter`.
/// `chapter_dir` resolves image paths; `book` receives the source file and supplies
/// the root for confinement checks. Used by read_book and by the tests.
void parse_chapter(std::string_view markdown, const std::filesystem::path& chapter_path,
                   doc::Book& book, doc::Chapter& chapter, core::Diagnostics& diags);

}  // namespace octavo::manuscript
