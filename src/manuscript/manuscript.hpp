#pragma once
// Reads a book folder: book.toml and the Markdown chapters → doc::Book.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/diagnostics.hpp"
#include "core/files.hpp"
#include "doc/tree.hpp"

namespace octavo::manuscript {

/// Chapters kept between the builds of `octavo watch`, so that a chapter whose file did
/// not change is not parsed again (nor read, when its state says so): read_book offers
/// every chapter file to the store before parsing it, and tells it what it parsed and
/// what the book-wide passes changed.
class ChapterStore {
public:
  virtual ~ChapterStore() = default;
  /// Whether the tree kept for chapter `name` was parsed from its file as `state` shows
  /// it now (a settled state, the same as when that file was read): then the file need
  /// not be read again, and take_unchanged gives the tree. Called from several threads
  /// at once, before the first take.
  virtual bool unchanged(const std::string& name, const core::FileState& state) const = 0;
  /// The tree of chapter `name` parsed earlier from exactly `text` with its spans in
  /// `file`, and still valid (its images unchanged), moved out of the store; nothing
  /// when there is none to use. `state`: the file's, when it was read.
  virtual std::optional<doc::Chapter> take(const std::string& name, std::string_view text, core::FileId file,
                                           const std::optional<core::FileState>& state) = 0;
  /// take, for a chapter unchanged() vouched for (nothing: read the file after all).
  virtual std::optional<doc::Chapter> take_unchanged(const std::string& name, core::FileId file) = 0;
  /// `chapter` was parsed from `text`, read from its file in `state`, and parsing it
  /// reported nothing.
  virtual void parsed(const doc::Chapter& chapter, std::string_view text,
                      const std::optional<core::FileState>& state) = 0;
  /// The book-wide passes (note numbers, heading ids) changed `chapter`, one taken.
  virtual void renumbered(const doc::Chapter& chapter) = 0;
  /// A chapter taken, given back unused: reading the book failed.
  virtual void give_back(doc::Chapter&& chapter) = 0;
};

/// Reads `book_dir`/book.toml and every chapter it names. Reports each problem into
/// `diags` as `path:line:col: error: …`; returns nothing when any error was reported.
/// With a `store`, chapters it keeps are taken from it rather than parsed. `jobs`:
/// threads to parse chapters on (0: one per core); the book is the same whatever the number.
std::optional<doc::Book> read_book(const std::filesystem::path& book_dir, core::Diagnostics& diags,
                                   ChapterStore* store = nullptr, unsigned jobs = 0);

/// Parses one chapter's Markdown (already checked to be UTF-8) into `chapter`.
/// `chapter_dir` resolves image paths; `book` receives the source file and supplies
/// the root for confinement checks. Used by read_book and by the tests.
void parse_chapter(std::string_view markdown, const std::filesystem::path& chapter_path,
                   doc::Book& book, doc::Chapter& chapter, core::Diagnostics& diags);
/// The same, with the chapter's file already in book.sources as `file`.
void parse_chapter(std::string_view markdown, const std::filesystem::path& chapter_path, core::FileId file,
                   doc::Book& book, doc::Chapter& chapter, core::Diagnostics& diags);

}  // namespace octavo::manuscript
