#include "epub/epub_writer.hpp"

#include "core/files.hpp"
#include "core/timings.hpp"
#include "epub/container.hpp"
#include "epub/zip.hpp"

namespace octavo::epub {

EpubCache::EpubCache() : files_(std::make_unique<ContainerCache>()), zip_(std::make_unique<detail::ZipCache>()) {}
EpubCache::~EpubCache() = default;

EpubCache::Counts EpubCache::last_counts() const {
  const auto zipped = zip_->last_counts();
  return {zipped.reused, zipped.deflated, files_->plan.walked(), files_->chapters_written, files_->fonts_subset};
}

std::optional<std::string> make_epub(const doc::Book& book, const style::Style& style,
                                     const EpubOptions& options, core::Diagnostics& diags,
                                     EpubSummary* summary, EpubCache* cache) {
  std::optional<core::timings::Stage> stage(std::in_place, "EPUB: files");
  auto files = build_container(book, style, options, diags, cache ? cache->files_.get() : nullptr);
  if (!files) return std::nullopt;
  if (cache) {
    const ContainerCache& kept = *cache->files_;
    stage->note(std::to_string(kept.plan.walked()) + " of " + std::to_string(kept.plan.walked() + kept.plan.reused()) +
                " chapters walked, " + std::to_string(kept.chapters_written) + " written");
  }
  const auto count = files->size();
  stage.emplace("EPUB: zipped");
  auto bytes = detail::zip_bytes(std::move(*files), options.modified, {}, diags,
                                 cache ? cache->zip_.get() : nullptr);
  if (!bytes) return std::nullopt;
  if (cache) {
    const auto counts = cache->last_counts();
    stage->note(std::to_string(counts.reused) + " of " +
                std::to_string(counts.reused + counts.deflated) + " entries reused");
  }
  if (summary) summary->files = static_cast<int>(count);
  return bytes;
}

bool write_epub(const doc::Book& book, const style::Style& style, const EpubOptions& options,
                const std::filesystem::path& path, core::Diagnostics& diags, EpubSummary* summary) {
  const auto bytes = make_epub(book, style, options, diags, summary);
  if (!bytes) return false;
  std::string error;
  if (!core::write_file_atomically(path, *bytes, &error)) {
    diags.error({path.string(), 0, 0}, "cannot write the EPUB: " + error);
    return false;
  }
  return true;
}

}  // namespace octavo::epub
