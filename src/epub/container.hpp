#pragma once
// The whole container in memory, file by file, before it is zipped: what write_epub
// writes and what the golden tests read.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "epub/epub_writer.hpp"
#include "epub/plan.hpp"
#include "style/style.hpp"

namespace octavo::epub {

struct ContainerFile {
  std::string name;  ///< path inside the zip: "mimetype", "EPUB/text/chapter-001.xhtml"
  std::string bytes;
  bool compress = true;  ///< false only for "mimetype" (OCF 3.2 §4.3: stored, first)
};

/// What `octavo watch` keeps of one EPUB's files for the next: the plan's walks of the
/// chapters, and each chapter's XHTML with a description of everything it was written
/// from (its tree's revision and what the plan gives it: names, ids, note targets, page
/// marks), taken again when that is the same.
class ContainerCache {
 public:
  PlanCache plan;
  struct Written {
    std::string key;
    std::string bytes;
  };
  std::map<std::string, Written> chapters;  ///< by file name
  std::size_t chapters_written = 0, chapters_reused = 0;
  /// The embedded fonts of the last EPUB, by source path: what each was made from (the
  /// file's bytes and the characters it had to draw) and what was embedded. HarfBuzz's
  /// subsetting of a book's few fonts was a third of a rebuild's EPUB.
  struct Subset {
    std::string font;
    std::set<char32_t> characters;
    std::string bytes;
  };
  std::map<std::string, Subset> fonts;
  std::size_t fonts_subset = 0;
};

/// Every file of the EPUB in container order: mimetype, META-INF/container.xml, the
/// package, nav, NCX, style sheet, cover page, chapters, images, fonts. Reads the images
/// and fonts; reports what cannot be read (or is not an image) and then returns nothing.
/// `cache`: the one the last build_container of this book had (octavo watch), or null.
std::optional<std::vector<ContainerFile>> build_container(const doc::Book& book,
                                                          const style::Style& style,
                                                          const EpubOptions& options,
                                                          core::Diagnostics& diags,
                                                          ContainerCache* cache = nullptr);

}  // namespace octavo::epub
