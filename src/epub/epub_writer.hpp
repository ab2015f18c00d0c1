#pragma once
// The EPUB back end: document tree + style → an EPUB 3 container.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "style/style.hpp"

namespace octavo::epub {

/// A page of the print edition: where its text begins in the tree (a Text node and a
/// byte offset in it: the start of the word the page begins in). The EPUB marks each
/// there and lists them in the navigation's page-list.
struct PageMark {
  std::string label;          ///< the page number as printed
  const doc::Text* text = nullptr;
  std::uint32_t offset = 0;
};

struct EpubOptions {
  /// dcterms:modified, "YYYY-MM-DDThh:mm:ssZ". The CLI derives it from SOURCE_DATE_EPOCH
  /// or the newest input file, so that the same input gives the same bytes.
  std::string modified = "2000-01-01T00:00:00Z";
  /// The print edition's pages, in order; empty: no page list.
  std::vector<PageMark> pages;
};

struct EpubSummary {
  int files = 0;             ///< entries in the container
};

/// The EPUB as bytes; nothing, with an error in `diags`, when it cannot be made.
std::optional<std::string> make_epub(const doc::Book& book, const style::Style& style,
                                     const EpubOptions& options, core::Diagnostics& diags,
                                     EpubSummary* summary = nullptr);

/// Writes the EPUB to `path` (replacing a file there only once it is whole). Returns
/// false, with an error in `diags`, when it cannot.
bool write_epub(const doc::Book& book, const style::Style& style, const EpubOptions& options,
                const std::filesystem::path& path, core::Diagnostics& diags,
                EpubSummary* summary = nullptr);

}  // namespace octavo::epub
