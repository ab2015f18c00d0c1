#pragma once
// The inside of LayoutCache (typeset.hpp): what typeset() reads and stores.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "typeset/context.hpp"
#include "typeset/flow.hpp"
#include "typeset/typeset.hpp"

namespace octavo::typeset {

/// One chapter's vertical list and the warnings its layout gave (replayed on every
/// build, so that a chapter copied from the cache still reports them).
struct ChapterLayout {
  Flow flow;
  std::vector<Reporter::Entry> reports;
};

struct LayoutCache::Impl {
  struct Entry {
    doc::Chapter tree;              ///< held between builds; lent to the book during one
    const doc::Block* blocks = nullptr;  ///< the tree `layout` points into (its blocks' storage)
    std::vector<std::string> numbers;    ///< the heading numbers it was set with
    std::optional<ChapterLayout> layout;
    bool lent = false;              ///< `tree` is in the book being built
  };
  /// What every layout depends on besides its chapter: the style, the language (for
  /// hyphenation and shaping) and the font files' sizes and times.
  struct Setting {
    style::Style style;
    std::string language;
    std::vector<std::pair<std::uintmax_t, std::int64_t>> fonts;
    friend bool operator==(const Setting&, const Setting&) = default;
  };
  static Setting setting_of(const style::Style& style, const std::string& language);

  /// Called by typeset() before laying out: forgets every layout when the setting
  /// changed, and gives the entry of each of `book`'s chapters (null: none to use or
  /// fill), in book order, before any thread starts.
  std::vector<Entry*> prepare(const doc::Book& book, Setting setting);

  std::map<std::string, Entry> chapters;  ///< by chapter path
  std::optional<Setting> setting;
  Counts counts;
};

/// The layout of `chapter` kept in `entry`, if it was made from this very tree with
/// these heading numbers.
const ChapterLayout* cached_layout(const LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                                   const std::vector<std::string>& numbers);

/// Keeps a copy of a layout just made.
void store_layout(LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                  const std::vector<std::string>& numbers, const ChapterLayout& layout);

}  // namespace octavo::typeset
