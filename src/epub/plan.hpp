#pragma once
// The chunking pass: doc::Book + Style → a Plan of the container, computed without any
// I/O (after pandoc's Text/Pandoc/Chunks.hs, which splits a document into files and
// resolves the table of contents before any HTML is written). The XHTML, OPF, nav and
// CSS writers read only the Plan and the tree, never decide a name or an id themselves.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <unordered_map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "doc/tree.hpp"
#include "epub/epub_writer.hpp"
#include "style/style.hpp"

namespace octavo::epub {

/// One entry of the table of contents (nav.xhtml and toc.ncx).
struct NavEntry {
  std::string label;  ///< plain text of the heading
  std::string href;   ///< relative to EPUB/: "text/chapter-001.xhtml#intro"
  int level = 1;      ///< the heading's level as written
  std::vector<NavEntry> children;
  /// Page-list entries whose markers open its label: the printed contents pages that
  /// begin with this entry.
  std::vector<std::size_t> marks;
};

/// One XHTML file holding one chapter of the book.
struct ChapterFile {
  std::size_t chapter = 0;  ///< index into Book::chapters
  std::string name;         ///< relative to EPUB/: "text/chapter-001.xhtml"
  std::string id;           ///< manifest id: "chapter-001"
  std::string title;        ///< <title>: its first heading's text, else the book's title
  bool part = false;        ///< holds only a heading ("Book I"): epub:type="part"
  /// The id of every heading, in the order the writer meets them (depth first through
  /// the blocks, then through the notes); unique within the file.
  std::vector<std::string> heading_ids;
  /// Each of those headings' number (headings.N.number), "" when it has none.
  std::vector<std::string> heading_numbers;
  /// The heading level of the chapter's endnotes section (epub.notes = "endnotes" and
  /// the chapter has notes: one below its highest heading), else 0: footnote asides.
  int endnotes_level = 0;
  /// For each note number referenced here: how many references to it came in earlier
  /// files (the k-th reference in the book has id noteref-N, noteref-N-2, …).
  std::map<int, int> refs_before;
  /// The Text nodes of the chapter a page of print begins in (Plan::marks), in no order.
  std::vector<const doc::Text*> marked_texts;
};

/// Where a numbered note lives.
struct NoteTarget {
  std::string file;            ///< the file holding its aside
  std::string first_ref_file;  ///< the file holding its first reference; empty if none
};

/// A file copied into the container unchanged: an image or a font.
struct Resource {
  std::filesystem::path source;  ///< where to read it (absolute, or relative to the cwd)
  std::string name;              ///< relative to EPUB/: "images/map.png", "fonts/x.ttf"
  std::string id;                ///< manifest id
  std::string media_type;        ///< from the tree's image header or the font's kind
  std::string properties;        ///< manifest properties ("cover-image") or empty
  core::Span span;               ///< where the book first names it (images)
  /// Fonts: every character the book sets in the font, generated text included (heading
  /// numbers, list markers, the scene-break ornament), which its subset must keep.
  std::set<char32_t> characters;
};

/// One @font-face: a face of a family, pointing at a Resource in Plan::fonts.
struct FontFace {
  std::string family;
  bool bold = false;
  bool italic = false;
  std::size_t resource = 0;  ///< index into Plan::fonts
};

/// An entry of the page-list: a page of the print edition and its marker.
struct PageEntry {
  std::string label;  ///< as printed
  std::string id;     ///< the marker's id, "page-12"
  std::string href;   ///< relative to EPUB/: "text/chapter-003.xhtml#page-12"
};

struct Plan {
  std::string title;               ///< the book's title, or "Untitled"
  std::string language;            ///< a well-formed language tag, else "und"
  std::string identifier;          ///< Metadata::identifier, or one derived from the title
  int nav_depth = 3;               ///< deepest heading level in the table of contents
  std::vector<ChapterFile> files;  ///< in reading order
  std::vector<NavEntry> nav;       ///< the heading tree (never empty when files is not)
  std::map<int, NoteTarget> notes;
  std::vector<Resource> images;                      ///< every distinct image, the cover included
  std::map<std::string, std::size_t> image_by_path;  ///< Image::path → index into images
  bool missing_alt = false;       ///< some image of the text has no alt text
  /// The book carries the print edition's page breaks and nav.xhtml a page-list. Nothing
  /// sets it yet: it is where the page-list feature will switch on the pageBreakMarkers
  /// and pageNavigation accessibility features (epub/accessibility.hpp). Page breaks also
  /// need the print edition named in the package (dc:source or a11y:pageBreakSource:
  /// Ace's rule epub-pagesource, impact serious).
  bool has_page_list = false;
  bool has_cover = false;       ///< Metadata::cover set: cover.xhtml and a cover image
  std::size_t cover_image = 0;  ///< index into images when has_cover
  /// The style's scene-break image, when it has one and the book has a scene break.
  /// Decorative: not counted among the book's images (accessMode, alt text).
  std::optional<Resource> ornament;
  std::vector<Resource> fonts;
  std::vector<FontFace> faces;  ///< body family first, then headings, then monospace
  std::string heading_family;   ///< family name for headings when it differs, else empty
  std::string mono_family;      ///< family name for code when embedded, else empty
  /// The print edition's pages whose start was found in the text, in page order.
  std::vector<PageEntry> page_list;
  /// Text node → (byte offset, index into page_list) of the markers inside it, by offset.
  std::unordered_map<const doc::Text*, std::vector<std::pair<std::uint32_t, std::size_t>>> marks;
  /// Page-list entries of the front matter: the markers that open the title page (the
  /// half-title's and the title page's), the copyright page, and the contents.
  std::vector<std::size_t> title_page_marks, copyright_marks, contents_marks;
};

inline constexpr const char* cover_page_name = "text/cover.xhtml";
inline constexpr const char* title_page_name = "text/titlepage.xhtml";
inline constexpr const char* copyright_page_name = "text/copyright.xhtml";
inline constexpr const char* nav_name = "nav.xhtml";
/// The id of a chapter's endnotes heading, reserved in every file that has one.
inline constexpr const char* endnotes_heading_id = "endnotes";

/// The container's plan for `book`. Pure: reads no file.
/// What make_plan keeps of each chapter's walk for the next plan of the same book
/// (`octavo watch`): a chapter whose tree has the same revision (doc::Chapter) under the
/// same style is not walked again.
class PlanCache {
 public:
  PlanCache();
  ~PlanCache();
  PlanCache(const PlanCache&) = delete;
  PlanCache& operator=(const PlanCache&) = delete;
  /// Chapters walked by the last make_plan, and chapters whose walk it reused.
  std::size_t walked() const;
  std::size_t reused() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// With a `cache` (the one the last make_plan of this book had), the same plan, sooner.
Plan make_plan(const doc::Book& book, const style::Style& style, const std::vector<PageMark>& pages = {},
               PlanCache* cache = nullptr);

/// "noteref-N" for the first reference to note N in the book, "noteref-N-k" for the k-th.
std::string noteref_id(int number, int occurrence);
/// "note-N".
std::string note_id(int number);

/// `target` (relative to EPUB/) as an href from a file in EPUB/text/: same file →
/// "#fragment"; another chapter → "chapter-002.xhtml#fragment"; elsewhere → "../x".
std::string href_from_text(const std::string& current_file, const std::string& target_file,
                           const std::string& fragment);

}  // namespace octavo::epub
