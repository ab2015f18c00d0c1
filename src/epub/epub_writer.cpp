#include "epub/epub_writer.hpp"

#include "core/files.hpp"
#include "core/timings.hpp"
#include "epub/container.hpp"
#include "epub/zip.hpp"

namespace octavo::epub {

std::optional<std::string> make_epub(const doc::Book& book, const style::Style& style,
                                     const EpubOptions& options, core::Diagnostics& diags,
                                     EpubSummary* summary) {
  std::optional<core::timings::Stage> stage(std::in_place, "EPUB: files");
  const auto files = build_container(book, style, options, diags);
  if (!files) return std::nullopt;
  stage.emplace("EPUB: zipped");
  auto bytes = detail::zip_bytes(*files, options.modified, {}, diags);
  if (!bytes) return std::nullopt;
  if (summary) summary->files = static_cast<int>(files->size());
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
