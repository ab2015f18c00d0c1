#pragma once
// The whole container in memory, file by file, before it is zipped: what write_epub
// writes and what the golden tests read.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "epub/epub_writer.hpp"
#include "style/style.hpp"

namespace octavo::epub {

struct ContainerFile {
  std::string name;  ///< path inside the zip: "mimetype", "EPUB/text/chapter-001.xhtml"
  std::string bytes;
  bool compress = true;  ///< false only for "mimetype" (OCF 3.2 §4.3: stored, first)
};

/// Every file of the EPUB in container order: mimetype, META-INF/container.xml, the
/// package, nav, NCX, style sheet, cover page, chapters, images, fonts. Reads the images
/// and fonts; reports what cannot be read (or is not an image) and then returns nothing.
std::optional<std::vector<ContainerFile>> build_container(const doc::Book& book,
                                                          const style::Style& style,
                                                          const EpubOptions& options,
                                                          core::Diagnostics& diags);

}  // namespace octavo::epub
