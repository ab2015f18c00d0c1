#include "epub/epub_writer.hpp"

#include "epub/container.hpp"
#include "epub/zip.hpp"

namespace octavo::epub {

bool write_epub(const doc::Book& book, const style::Style& style, const EpubOptions& options,
                const std::filesystem::path& path, core::Diagnostics& diags, EpubSummary* summary) {
  const auto files = build_container(book, style, options, diags);
  if (!files) return false;
  if (!detail::write_zip(*files, path, options.modified, diags)) return false;
  if (summary) summary->files = static_cast<int>(files->size());
  return true;
}

}  // namespace octavo::epub
