#include "typeset/layout_cache.hpp"

#include <filesystem>
#include <system_error>

namespace octavo::typeset {

LayoutCache::LayoutCache() : impl_(std::make_unique<Impl>()) {}
LayoutCache::~LayoutCache() = default;

LayoutCache::Counts LayoutCache::last_counts() const { return impl_->counts; }

// A kept tree that equals the fresh one goes into the book in its place (the fresh one,
// the same nodes, is dropped): the kept layout points into it. Any other entry, of a
// chapter changed, renamed or gone, is forgotten.
void LayoutCache::lend(doc::Book& book) {
  std::map<std::string, Impl::Entry> kept;
  for (auto& chapter : book.chapters) {
    const auto it = impl_->chapters.find(chapter.source);
    if (it == impl_->chapters.end()) continue;
    Impl::Entry& entry = it->second;
    if (!entry.layout || entry.lent || !(entry.tree == chapter)) continue;
    std::swap(entry.tree, chapter);  // vectors swap their storage: the layout's pointers follow
    entry.tree = doc::Chapter{};
    entry.lent = true;
    kept.emplace(chapter.source, std::move(entry));
  }
  impl_->chapters = std::move(kept);
}

void LayoutCache::take_back(doc::Book& book) {
  for (auto& chapter : book.chapters) {
    const auto it = impl_->chapters.find(chapter.source);
    if (it == impl_->chapters.end()) continue;
    Impl::Entry& entry = it->second;
    if (!entry.lent || !entry.layout || entry.blocks != chapter.blocks.data()) {
      impl_->chapters.erase(it);
      continue;
    }
    entry.tree = std::move(chapter);  // moved, not copied: the storage the layout points into
    entry.lent = false;
  }
  for (auto it = impl_->chapters.begin(); it != impl_->chapters.end();)
    it = it->second.lent ? impl_->chapters.erase(it) : std::next(it);  // never given back
}

LayoutCache::Impl::Setting LayoutCache::Impl::setting_of(const style::Style& style, const std::string& language) {
  Setting s{style, language, {}};
  std::vector<const style::FontFamily*> families = {&style.body_font, &style.heading_font, &style.mono_font};
  for (const auto& f : style.fallback) families.push_back(&f);
  for (const auto* family : families)
    for (const auto* path : {&family->regular, &family->italic, &family->bold, &family->bold_italic}) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(*path, ec);
      const auto time = std::filesystem::last_write_time(*path, ec);
      s.fonts.emplace_back(ec ? 0 : size, ec ? 0 : time.time_since_epoch().count());
    }
  return s;
}

std::vector<LayoutCache::Impl::Entry*> LayoutCache::Impl::prepare(const doc::Book& book, Setting now) {
  if (!setting || !(*setting == now)) {
    for (auto& [path, entry] : chapters) {
      entry.layout.reset();
      entry.parts.clear();
    }
    engine.reset();
    setting = std::move(now);
  }
  counts = {};
  std::vector<Entry*> entries;
  entries.reserve(book.chapters.size());
  for (const auto& chapter : book.chapters) entries.push_back(&chapters[chapter.source]);
  return entries;
}

const ChapterLayout* cached_layout(const LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                                   const std::vector<std::string>& numbers) {
  if (!entry || !entry->lent || !entry->layout || entry->blocks != chapter.blocks.data() ||
      entry->numbers != numbers)
    return nullptr;
  return &*entry->layout;
}

void store_layout(LayoutCache::Impl::Entry* entry, const doc::Chapter& chapter,
                  const std::vector<std::string>& numbers, const ChapterLayout& layout) {
  if (!entry) return;
  entry->layout = layout;
  entry->parts.clear();
  entry->numbers = numbers;
  entry->blocks = chapter.blocks.data();
  entry->lent = true;  // the tree is the book's until take_back
}

}  // namespace octavo::typeset
