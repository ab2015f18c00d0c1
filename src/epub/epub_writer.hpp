#pragma once
// The EPUB back end: document tree + style → an EPUB 3 container.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "style/style.hpp"

namespace octavo::epub {

/// A page of the print edition and where its text begins. A page of the text: a Text
/// node of the tree and a byte offset in it (the start of the word the page begins in).
/// A front-matter page: the EPUB's page that holds the same text (the half-title's and
/// the title page's marker open the title page; the copyright page's, the copyright
/// page; the first contents page's, the contents; a later one's, the entry of the
/// heading that opens it). The EPUB marks each there and lists them in the page-list.
struct PageMark {
  enum class Kind : unsigned char { text, half_title, title_page, copyright_page, contents };
  std::string label;  ///< the page label as the print edition has it ("12", "iii")
  const doc::Text* text = nullptr;
  std::uint32_t offset = 0;
  Kind kind = Kind::text;
  const doc::Heading* heading = nullptr;  ///< contents: the entry at its top; null: the title
};

struct EpubOptions {
  /// dcterms:modified, "YYYY-MM-DDThh:mm:ssZ". The CLI derives it from SOURCE_DATE_EPOCH
  /// or the newest input file, so that the same input gives the same bytes.
  std::string modified = "2000-01-01T00:00:00Z";
  /// The print edition's pages, in order; empty: no page list.
  std::vector<PageMark> pages;
};

struct EpubSummary {
  int files = 0;  ///< entries in the container
};

namespace detail {
class ZipCache;
}
class ContainerCache;

/// What `octavo watch` keeps of one build's EPUB for the next, so that a rebuild does
/// again only what its changes need. The EPUB's bytes are the same with it as without.
class EpubCache {
 public:
  /// The last EPUB's entries: deflated data copied from the EPUB before (a file whose
  /// name and bytes did not change), deflated anew.
  struct Counts {
    std::size_t reused = 0;
    std::size_t deflated = 0;
    std::size_t chapters_walked = 0;   ///< by the plan (the others' walks kept)
    std::size_t chapters_written = 0;  ///< as XHTML (the others' kept)
    std::size_t fonts_subset = 0;      ///< embedded fonts subset anew (the others' kept)
  };

  EpubCache();
  ~EpubCache();
  EpubCache(const EpubCache&) = delete;
  EpubCache& operator=(const EpubCache&) = delete;

  Counts last_counts() const;

 private:
  friend std::optional<std::string> make_epub(const doc::Book&, const style::Style&,
                                              const EpubOptions&, core::Diagnostics&, EpubSummary*,
                                              EpubCache*);
  std::unique_ptr<ContainerCache> files_;
  std::unique_ptr<detail::ZipCache> zip_;
};

/// The EPUB as bytes; nothing, with an error in `diags`, when it cannot be made. With a
/// `cache` (the one the last make_epub of this book had), the same bytes, sooner.
std::optional<std::string> make_epub(const doc::Book& book, const style::Style& style,
                                     const EpubOptions& options, core::Diagnostics& diags,
                                     EpubSummary* summary = nullptr, EpubCache* cache = nullptr);

/// Writes the EPUB to `path` (replacing a file there only once it is whole). Returns
/// false, with an error in `diags`, when it cannot.
bool write_epub(const doc::Book& book, const style::Style& style, const EpubOptions& options,
                const std::filesystem::path& path, core::Diagnostics& diags,
                EpubSummary* summary = nullptr);

}  // namespace octavo::epub
