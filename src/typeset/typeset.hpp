#pragma once
// The typesetting engine's entry point: document tree + style → positioned pages.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostics.hpp"
#include "core/files.hpp"
#include "doc/tree.hpp"
#include "style/style.hpp"
#include "typeset/frame.hpp"

namespace octavo::typeset {

/// Chapter layouts kept from one build to the next, for `octavo watch`: a chapter whose
/// document tree (spans, note numbers and heading ids included), heading numbers, style,
/// language and fonts are the same as in the last build is not laid out again; its
/// vertical list is copied. A vertical list points into its chapter's tree (headings,
/// paragraphs to set again, where each line's text came from), so the cache owns the
/// trees between builds: `lend` puts into a freshly read book the trees of the last
/// build that are equal to its own, and `take_back` takes every tree back once the
/// build is done with the book (both outputs written).
class LayoutCache {
public:
  LayoutCache();
  ~LayoutCache();
  LayoutCache(const LayoutCache&) = delete;
  LayoutCache& operator=(const LayoutCache&) = delete;

  void lend(doc::Book& book);
  void take_back(doc::Book& book);

  // Reading (manuscript::ChapterStore, through the CLI): the cache also keeps the text
  // each kept tree was parsed from, so that a chapter whose file did not change is not
  // parsed again. A build calls begin_read, then take for each chapter file (a tree
  // taken is the book's, as if lent), parsed for each chapter parsed cleanly, and
  // renumbered for each taken tree that the book-wide passes changed.

  /// Forgets the trees an earlier build took and never gave back; `book_root`: where
  /// the chapters' image paths start.
  void begin_read(const std::filesystem::path& book_root);
  /// Whether the tree kept for `name` was parsed from the file as `state` shows it now
  /// (settled, and equal to the state it was read in). Safe from several threads at once
  /// (it only looks) between begin_read and the first take.
  bool unchanged(const std::string& name, const core::FileState& state) const;
  std::optional<doc::Chapter> take(const std::string& name, std::string_view text, core::FileId file,
                                   const std::optional<core::FileState>& state);
  std::optional<doc::Chapter> take_unchanged(const std::string& name, core::FileId file);
  void parsed(const doc::Chapter& chapter, std::string_view text, const std::optional<core::FileState>& state);
  void renumbered(const doc::Chapter& chapter);
  /// A tree taken, back unused (the build failed before lend).
  void give_back(doc::Chapter&& chapter);

  /// Chapters of the last typeset() copied from the cache, and laid out.
  struct Counts {
    std::size_t reused = 0;
    std::size_t laid_out = 0;
    std::size_t parts_kept = 0;  ///< parts of the flow whose pages were kept
    std::size_t parts = 0;
  };
  Counts last_counts() const;

  struct Impl;
  Impl& impl() { return *impl_; }

private:
  std::unique_ptr<Impl> impl_;
};

/// Lays out the whole book. Problems (missing glyphs, overfull lines) are reported into
/// `diags` as warnings with source positions; nothing is returned only when a font
/// cannot be loaded (an error). `jobs`: threads to lay chapters out on (0: one per
/// core); the result is the same whatever the number. With a `cache` (which has lent
/// its trees to `book`), unchanged chapters are copied from it and the others stored
/// in it; the result is the same as without.
std::optional<Document> typeset(const doc::Book& book, const style::Style& style,
                                core::Diagnostics& diags, unsigned jobs = 0, LayoutCache* cache = nullptr);

}  // namespace octavo::typeset
