#include "epub/container.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include "core/files.hpp"
#include "epub/css.hpp"
#include "epub/names.hpp"
#include "epub/package.hpp"
#include "epub/plan.hpp"
#include "epub/subset.hpp"
#include "epub/xhtml.hpp"

namespace octavo::epub {
namespace {

// Reads every image of the plan; its media type becomes what its header says it is.
bool load_images(const doc::Book& book, Plan& plan, std::vector<std::string>& out,
                 core::Diagnostics& diags) {
  bool ok = true;
  for (auto& r : plan.images) {
    const core::Location where =
        r.span.line != 0 ? book.sources.locate(r.span) : core::Location{r.source.string(), 0, 0};
    const std::string shown = r.source.string();
    if (!book.root.empty() && !core::is_inside(book.root, r.source)) {
      diags.error(where, "image " + shown + " is outside the book folder");
      ok = false;
      continue;
    }
    std::string why;
    auto bytes = core::read_file(r.source, &why);
    if (!bytes) {
      diags.error(where, "cannot read image " + shown + ": " + why);
      ok = false;
      continue;
    }
    const auto info = core::probe_image(*bytes, &why);
    if (!info) {
      diags.error(where, "image " + shown + " is not a usable PNG or JPEG: " + why);
      ok = false;
      continue;
    }
    r.media_type = info->media_type();
    out.push_back(std::move(*bytes));
  }
  return ok;
}

// Reads every font of the plan, each subset to the characters the book sets in it.
bool load_fonts(const Plan& plan, std::vector<std::string>& out, core::Diagnostics& diags, ContainerCache* cache) {
  bool ok = true;
  std::map<std::string, ContainerCache::Subset> kept;
  if (cache) cache->fonts_subset = 0;
  for (const auto& r : plan.fonts) {
    const core::Location where{r.source.string(), 0, 0};
    std::string why;
    auto bytes = core::read_file(r.source, &why);
    if (!bytes) {
      diags.error(where, "cannot read font " + r.source.string() + ": " + why);
      ok = false;
      continue;
    }
    // The same font file drawing the same characters: the same subset as last time.
    if (cache) {
      const auto it = cache->fonts.find(r.source.string());
      if (it != cache->fonts.end() && it->second.characters == r.characters && it->second.font == *bytes) {
        out.push_back(it->second.bytes);
        kept.insert(cache->fonts.extract(it));
        continue;
      }
    }
    if (auto subset = detail::subset_font(*bytes, r.characters, &why)) {
      if (cache) {
        ++cache->fonts_subset;
        kept.insert_or_assign(r.source.string(), ContainerCache::Subset{std::move(*bytes), r.characters, *subset});
      }
      out.push_back(std::move(*subset));
      continue;
    }
    // HarfBuzz cannot subset it (it does not decode WOFF or WOFF2): embedded whole it is
    // larger but still draws every character, and is never a broken font. (Not kept: its
    // warning is given at every build.)
    diags.warning(where, "font " + r.source.string() +
                             " is embedded whole, not subset to the characters the book uses: " +
                             why);
    out.push_back(std::move(*bytes));
  }
  if (cache) cache->fonts = std::move(kept);
  return ok;
}

// Everything chapter_xhtml writes file `index` from (xhtml.cpp: the tree, and of the
// plan the language, the file's ChapterFile, the images' names, the targets of the
// notes it holds and refers to, and its page marks), as one string. Nodes are named by
// address: the same tree revision is the same nodes.
std::string chapter_key(const doc::Book& book, const Plan& plan, std::size_t index) {
  const ChapterFile& f = plan.files[index];
  const doc::Chapter& chapter = book.chapters[f.chapter];
  std::string key;
  const auto add = [&](std::string_view field) {
    key += field;
    key += '\0';
  };
  const auto number = [&](auto n) { add(std::to_string(n)); };
  number(chapter.revision);
  number(reinterpret_cast<std::uintptr_t>(chapter.blocks.data()));
  add(plan.language);
  add(f.name);
  add(f.id);
  add(f.title);
  number(f.part);
  number(f.endnotes_level);
  number(f.heading_ids.size());
  for (const auto& id : f.heading_ids) add(id);
  for (const auto& n : f.heading_numbers) add(n);
  for (const auto& [n, before] : f.refs_before) {
    number(n);
    number(before);
    const auto it = plan.notes.find(n);
    add(it == plan.notes.end() ? "-" : it->second.file);
  }
  add("notes");
  for (const auto& note : chapter.notes) {
    number(note.number);
    const auto it = plan.notes.find(note.number);
    add(it == plan.notes.end() ? "-" : it->second.first_ref_file);
  }
  add("images");
  for (const auto& [path, i] : plan.image_by_path) {
    add(path);
    add(plan.images[i].name);
  }
  add("marks");
  std::vector<const doc::Text*> marked = f.marked_texts;
  std::sort(marked.begin(), marked.end(), std::less<>());
  for (const doc::Text* t : marked) {
    number(reinterpret_cast<std::uintptr_t>(t));
    const auto it = plan.marks.find(t);
    if (it == plan.marks.end()) continue;
    for (const auto& [offset, entry] : it->second) {
      number(offset);
      add(plan.page_list[entry].id);
      add(plan.page_list[entry].label);
    }
  }
  return key;
}

// chapter_xhtml, or the XHTML `cache` holds for the same key.
std::string kept_chapter_xhtml(const doc::Book& book, const Plan& plan, std::size_t index, ContainerCache& cache) {
  const ChapterFile& f = plan.files[index];
  if (book.chapters[f.chapter].revision == 0) return chapter_xhtml(book, plan, index);  // no revision: not kept
  std::string key = chapter_key(book, plan, index);
  ContainerCache::Written& kept = cache.chapters[f.name];
  if (kept.key == key) {
    ++cache.chapters_reused;
    return kept.bytes;
  }
  ++cache.chapters_written;
  kept = {std::move(key), chapter_xhtml(book, plan, index)};
  return kept.bytes;
}

}  // namespace

std::optional<std::vector<ContainerFile>> build_container(const doc::Book& book,
                                                          const style::Style& style,
                                                          const EpubOptions& options,
                                                          core::Diagnostics& diags,
                                                          ContainerCache* cache) {
  if (!detail::is_modified_timestamp(options.modified)) {
    diags.error({}, "invalid modification time \"" + options.modified +
                        "\" for the EPUB: expected YYYY-MM-DDThh:mm:ssZ");
    return std::nullopt;
  }
  if (book.chapters.empty()) {
    diags.error({}, "the book has no chapters to put in the EPUB");
    return std::nullopt;
  }
  Plan plan = make_plan(book, style, options.pages, cache ? &cache->plan : nullptr);
  std::vector<std::string> images, fonts;
  const bool images_ok = load_images(book, plan, images, diags);
  const bool fonts_ok = load_fonts(plan, fonts, diags, cache);
  if (!images_ok || !fonts_ok) return std::nullopt;
  std::optional<std::string> ornament;
  if (plan.ornament) {
    std::string why;
    ornament = core::read_file(plan.ornament->source, &why);
    if (!ornament) {
      diags.error({plan.ornament->source.string(), 0, 0}, "cannot read the scene-break image: " + why);
      return std::nullopt;
    }
  }

  std::vector<ContainerFile> files;
  files.reserve(10 + plan.files.size() + images.size() + fonts.size());
  const std::string dir = "EPUB/";
  files.push_back({"mimetype", "application/epub+zip", false});
  files.push_back({"META-INF/container.xml", container_xml()});
  files.push_back({package_path, package_opf(book, plan, options.modified)});
  files.push_back({dir + "nav.xhtml", nav_xhtml(plan)});
  files.push_back({dir + "toc.ncx", toc_ncx(book.meta, plan)});
  files.push_back({dir + css_path, stylesheet(style, plan)});
  if (plan.has_cover) files.push_back({dir + cover_page_name, cover_xhtml(plan)});
  files.push_back({dir + title_page_name, title_page_xhtml(book.meta, plan)});
  files.push_back({dir + copyright_page_name, copyright_xhtml(book.meta, plan)});
  if (cache) cache->chapters_written = cache->chapters_reused = 0;
  for (std::size_t i = 0; i < plan.files.size(); ++i)
    files.push_back({dir + plan.files[i].name, cache ? kept_chapter_xhtml(book, plan, i, *cache)
                                                     : chapter_xhtml(book, plan, i)});
  if (cache) {
    std::set<std::string_view> names;
    for (const auto& f : plan.files) names.insert(f.name);
    for (auto it = cache->chapters.begin(); it != cache->chapters.end();)
      it = names.count(it->first) ? std::next(it) : cache->chapters.erase(it);
  }
  for (std::size_t i = 0; i < images.size(); ++i)
    files.push_back({dir + plan.images[i].name, std::move(images[i])});
  if (ornament) files.push_back({dir + plan.ornament->name, std::move(*ornament)});
  for (std::size_t i = 0; i < fonts.size(); ++i)
    files.push_back({dir + plan.fonts[i].name, std::move(fonts[i])});
  return files;
}

}  // namespace octavo::epub
