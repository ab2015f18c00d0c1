#include "typeset/layout_cache.hpp"

#include "core/files.hpp"

#include <filesystem>
#include <system_error>

namespace octavo::typeset {

LayoutCache::LayoutCache() : impl_(std::make_unique<Impl>()) {}
LayoutCache::~LayoutCache() { impl_->settle(); }

LayoutCache::Counts LayoutCache::last_counts() const { return impl_->counts; }

// A kept tree that equals the fresh one goes into the book in its place (the fresh one,
// the same nodes, is dropped): the kept layout points into it. Any other entry, of a
// chapter changed, renamed or gone, is forgotten.
void LayoutCache::lend(doc::Book& book) {
  impl_->settle();
  std::map<std::string, Impl::Entry> kept;
  for (auto& chapter : book.chapters) {
    const auto it = impl_->chapters.find(chapter.source);
    if (it == impl_->chapters.end()) continue;
    Impl::Entry& entry = it->second;
    if (entry.taken) {  // in the book already
      kept.emplace(chapter.source, std::move(entry));
      continue;
    }
    if (!entry.layout || entry.lent || !(entry.tree == chapter)) continue;
    std::swap(entry.tree, chapter);  // vectors swap their storage: the layout's pointers follow
    entry.tree = doc::Chapter{};
    entry.lent = true;
    kept.emplace(chapter.source, std::move(entry));
  }
  impl_->chapters = std::move(kept);
}

void LayoutCache::take_back(doc::Book& book) {
  impl_->settle();
  for (auto& chapter : book.chapters) {
    const auto it = impl_->chapters.find(chapter.source);
    if (it == impl_->chapters.end()) continue;
    Impl::Entry& entry = it->second;
    if (!entry.lent || !entry.layout || entry.flow_lent || entry.blocks != chapter.blocks.data()) {
      impl_->chapters.erase(it);
      continue;
    }
    entry.tree = std::move(chapter);  // moved, not copied: the storage the layout points into
    entry.lent = false;
    // A tree taken was parsed from the text its entry holds; any other, from what this
    // build read (unless its parsing reported something: then it is parsed every time).
    if (const auto p = impl_->parsed.find(it->first); p != impl_->parsed.end())
      entry.source = std::move(p->second);
    else if (!entry.taken)
      entry.source.reset();
    entry.taken = false;
  }
  impl_->parsed.clear();
  for (auto it = impl_->chapters.begin(); it != impl_->chapters.end();)
    it = it->second.lent ? impl_->chapters.erase(it) : std::next(it);  // never given back
}

void LayoutCache::begin_read(const std::filesystem::path& book_root) {
  impl_->settle();
  impl_->root = book_root;
  for (auto it = impl_->chapters.begin(); it != impl_->chapters.end();)
    it = it->second.lent ? impl_->chapters.erase(it) : std::next(it);
  impl_->parsed.clear();
}

bool LayoutCache::unchanged(const std::string& name, const core::FileState& state) const {
  if (!state.settled) return false;
  const auto it = impl_->chapters.find(name);
  if (it == impl_->chapters.end()) return false;
  const Impl::Entry& entry = it->second;
  return !entry.lent && entry.layout && entry.source && entry.source->state && *entry.source->state == state;
}

namespace {
// Takes the entry's tree for the book, if it was parsed with spans in `file` and its
// images are as they were (the tree holds their sizes).
std::optional<doc::Chapter> take_tree(LayoutCache::Impl::Entry& entry, core::FileId file,
                                      const std::filesystem::path& root) {
  if (entry.lent || !entry.layout || !entry.source || entry.source->file != file) return std::nullopt;
  for (const auto& [path, stamp] : entry.source->images)
    if (core::file_stamp(root / path) != stamp) return std::nullopt;
  entry.lent = entry.taken = true;
  doc::Chapter out = std::move(entry.tree);  // the vectors' storage, which the layout points into, moves
  entry.tree = doc::Chapter{};
  return out;
}
}  // namespace

std::optional<doc::Chapter> LayoutCache::take(const std::string& name, std::string_view text, core::FileId file,
                                              const std::optional<core::FileState>& state) {
  impl_->settle();
  const auto it = impl_->chapters.find(name);
  if (it == impl_->chapters.end()) return std::nullopt;
  Impl::Entry& entry = it->second;
  if (!entry.source || entry.source->text != text) return std::nullopt;
  auto out = take_tree(entry, file, impl_->root);
  if (out) entry.source->state = Impl::kept_state(state);  // the same bytes, perhaps touched
  return out;
}

std::optional<doc::Chapter> LayoutCache::take_unchanged(const std::string& name, core::FileId file) {
  impl_->settle();
  const auto it = impl_->chapters.find(name);
  if (it == impl_->chapters.end()) return std::nullopt;
  return take_tree(it->second, file, impl_->root);
}

void LayoutCache::parsed(const doc::Chapter& chapter, std::string_view text,
                         const std::optional<core::FileState>& state) {
  impl_->settle();
  impl_->parsed.insert_or_assign(chapter.source, Impl::source_of(chapter, text, impl_->root, state));
}

void LayoutCache::renumbered(const doc::Chapter& chapter) {
  impl_->settle();
  const auto it = impl_->chapters.find(chapter.source);
  if (it == impl_->chapters.end() || !it->second.taken) return;
  it->second.layout.reset();  // laid out again (and stored) in this build
  it->second.parts.clear();
}

void LayoutCache::give_back(doc::Chapter&& chapter) {
  impl_->settle();
  const auto it = impl_->chapters.find(chapter.source);
  if (it == impl_->chapters.end()) return;
  Impl::Entry& entry = it->second;
  if (!entry.taken || entry.blocks != chapter.blocks.data()) return;
  entry.tree = std::move(chapter);
  entry.lent = entry.taken = false;
}

LayoutCache::Impl::Source LayoutCache::Impl::source_of(const doc::Chapter& chapter, std::string_view text,
                                                       const std::filesystem::path& root,
                                                       const std::optional<core::FileState>& state) {
  Source s{std::string(text), chapter.file, {}, kept_state(state)};
  for (const doc::Image* image : doc::images(chapter))
    s.images.emplace_back(image->path, core::file_stamp(root / image->path));
  return s;
}

LayoutCache::Impl::Setting LayoutCache::Impl::setting_of(const style::Style& style, const std::string& language) {
  Setting s{style, language, {}};
  std::vector<const style::FontFamily*> families = {&style.body_font, &style.heading_font, &style.mono_font};
  for (const auto& f : style.fallback) families.push_back(&f);
  for (const auto* family : families)
    for (const auto* path : {&family->regular, &family->italic, &family->bold, &family->bold_italic})
      s.fonts.push_back(core::file_stamp(*path));
  return s;
}

std::vector<LayoutCache::Impl::Entry*> LayoutCache::Impl::prepare(const doc::Book& book, Setting now) {
  settle();
  if (!setting || !(*setting == now)) {
    for (auto& [path, entry] : chapters) {
      entry.layout.reset();
      entry.parts.clear();
    }
    engine.reset();
    setting = std::move(now);
  }
  for (auto& [path, entry] : chapters)
    if (entry.flow_lent) {  // a build that ended before giving it back: it is gone
      entry.layout.reset();
      entry.parts.clear();
      entry.flow_lent = false;
    }
  counts = {};
  std::vector<Entry*> entries;
  entries.reserve(book.chapters.size());
  for (const auto& chapter : book.chapters) entries.push_back(&chapters[chapter.source]);
  return entries;
}

std::optional<ChapterLayout> take_layout(LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                                         const std::vector<std::string>& numbers) {
  if (!entry || !entry->lent || !entry->layout || entry->flow_lent || entry->blocks != chapter.blocks.data() ||
      entry->numbers != numbers)
    return std::nullopt;
  ChapterLayout out{std::move(entry->layout->flow), entry->layout->reports};
  entry->layout->flow = Flow{};
  entry->flow_lent = true;
  return out;
}

void store_layout(LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                  const std::vector<std::string>& numbers, const ChapterLayout& layout) {
  if (!entry) return;
  entry->layout = ChapterLayout{Flow{}, layout.reports};
  entry->flow_lent = true;
  entry->parts.clear();
  entry->numbers = numbers;
  entry->blocks = chapter.blocks.data();
  entry->lent = true;  // the tree is the book's until take_back
}

}  // namespace octavo::typeset
