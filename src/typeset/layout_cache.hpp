#pragma once
// The inside of LayoutCache (typeset.hpp): what typeset() reads and stores.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/files.hpp"
#include "typeset/context.hpp"
#include "typeset/flow.hpp"
#include "typeset/page_builder.hpp"
#include "typeset/typeset.hpp"

namespace octavo::typeset {

/// One chapter's vertical list and the warnings its layout gave (replayed on every
/// build, so that a chapter copied from the cache still reports them).
struct ChapterLayout {
  Flow flow;
  std::vector<Reporter::Entry> reports;
};

/// The pages of a part of the flow (flow_parts) that lies within one chapter, as the
/// build that paginated it made them, in terms of the chapter: a part is paginated from
/// its own slots, their paragraphs and notes alone (and whether it is the flow's last),
/// so a chapter whose layout is copied gives the same pages again.
struct StoredPart {
  std::size_t begin = 0, end = 0;  ///< its slots, counted from the chapter's first
  bool last = false;               ///< the flow's last part
  bool recto = false;              ///< PartPages::recto
  std::vector<BodyPage> pages;     ///< Placed::slot null; see `places`
  /// Each Placed's slot, page after page: an index from the chapter's first slot, or
  /// `replacement` | an index into `replacements`.
  std::vector<std::uint32_t> places;
  static constexpr std::uint32_t replacement = 0x80000000u;
  std::deque<Slot> replacements;   ///< the lines set again that the pages use; their
                                   ///< paragraph and heading counted from the chapter's
  std::vector<Reporter::Entry> reports;
  DrawnPart drawn;                 ///< its pages as last drawn
};

struct LayoutCache::Impl {
  /// What a chapter's tree was parsed from: the file's bytes, its id in the book's
  /// sources (the tree's spans hold it) and the size and time of each image it shows
  /// (their sizes are in the tree).
  struct Source {
    std::string text;
    core::FileId file = 0;
    std::vector<std::pair<std::string, core::FileStamp>> images;
    std::optional<core::FileState> state;  ///< the file's when `text` was read, if settled
  };
  static Source source_of(const doc::Chapter& chapter, std::string_view text, const std::filesystem::path& root,
                          const std::optional<core::FileState>& state);
  /// The state to keep: a settled one alone vouches for the text.
  static std::optional<core::FileState> kept_state(const std::optional<core::FileState>& state) {
    return state && state->settled ? state : std::nullopt;
  }

  struct Entry {
    doc::Chapter tree;              ///< held between builds; lent to the book during one
    const doc::Block* blocks = nullptr;  ///< the tree `layout` points into (its blocks' storage)
    std::vector<std::string> numbers;    ///< the heading numbers it was set with
    /// Between builds, the chapter's vertical list and warnings. During a build its flow
    /// is moved into the book's (not copied: War and Peace's is 30 MB in 50,000 slots,
    /// whose copy and then whose freeing took longer than anything else in a rebuild)
    /// and `flow_lent` is set; typeset() moves it back at the end (give_back_flows).
    std::optional<ChapterLayout> layout;
    bool flow_lent = false;
    std::vector<StoredPart> parts;  ///< paginated with `layout`
    std::optional<Source> source;   ///< what `tree` was parsed from, when known
    bool taken = false;             ///< `tree` was taken by the reader in this build
    bool lent = false;              ///< `tree` is in the book being built
  };
  /// What every layout depends on besides its chapter: the style, the language (for
  /// hyphenation and shaping) and the font files' sizes and times.
  struct Setting {
    style::Style style;
    std::string language;
    std::vector<core::FileStamp> fonts;
    friend bool operator==(const Setting&, const Setting&) = default;
  };
  static Setting setting_of(const style::Style& style, const std::string& language);

  /// What layout needs besides the chapters and is costly to make afresh: the loaded
  /// fonts (parsed font files), the hyphenation dictionary and what the shaper and the
  /// hyphenator have learnt (each distinct word shaped and hyphenated once, across
  /// builds too). Valid for `setting`; kept only when making them reported nothing, so
  /// that a build that takes them has no warning to replay.
  struct Engine {
    std::unique_ptr<FontLibrary> fonts;
    std::shared_ptr<Hyphenator> hyphenator;
    std::unique_ptr<Shaper> shaper;  ///< owns the shared shaping cache
    MarginTexts margins;             ///< running heads and folios as set
  };

  /// Called by typeset() before anything else: forgets every layout and the engine
  /// when the setting changed, and gives the entry of each of `book`'s chapters (null:
  /// none to use or fill), in book order, before any thread starts.
  std::vector<Entry*> prepare(const doc::Book& book, Setting setting);

  /// Waits for the flows a build is still giving back (`returning`). Every use of the
  /// cache but its counts settles first.
  void settle() {
    if (returning.joinable()) returning.join();
  }

  std::map<std::string, Entry> chapters;  ///< by chapter path
  std::map<std::string, Source> parsed;   ///< chapters parsed in this build, by path
  std::filesystem::path root;             ///< the book folder of the build being read
  std::optional<Setting> setting;
  std::optional<Engine> engine;
  Counts counts;
  /// Gives the last build's flows back to `chapters` (give_back_flows) while the build
  /// goes on to make its outputs, which no longer need them (nor the moved-out
  /// remains of the book's flow, freed there too).
  std::thread returning;
};

/// The layout of `chapter` kept in `entry`, if it was made from this very tree with
/// these heading numbers: its flow moved out (the entry's is lent until given back),
/// its warnings copied.
std::optional<ChapterLayout> take_layout(LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                                         const std::vector<std::string>& numbers);

/// Records a layout just made: its warnings, with its flow to be given back.
void store_layout(LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                  const std::vector<std::string>& numbers, const ChapterLayout& layout);

}  // namespace octavo::typeset
