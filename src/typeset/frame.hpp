#pragma once
// Positioned pages: what the typesetter produces and the PDF writer draws. Nothing here
// refers to the document tree or the style; the PDF back end sees only these types.
// Coordinates are PDF points with the origin at the page's bottom-left corner.
#include <string>
#include <vector>

namespace octavo::doc {
struct Text;
struct Heading;
}

namespace octavo::typeset {

/// A font file used by the document; GlyphRun::font indexes Document::fonts.
struct FontFile {
  std::string path;          ///< absolute path of a TrueType file
};

/// Text drawn from (x, y) on the baseline, with the font's own advances. `text` is
/// UTF-8; a ligature is the code point the font maps to the ligature glyph (U+FB01 …).
/// Kerning and justification are expressed by starting a new run, never inside one.
struct GlyphRun {
  int font = 0;
  /// Replacement text (ISO 32000-1 §14.9.4), for words whose glyphs text extraction
  /// would misread. When > 0, this run and the next `actual_runs − 1` are one word (in
  /// capitals of two sizes: faked small capitals), marked as one span whose text is
  /// theirs, after the text of the silent runs just before them. When −1, the run is
  /// silent: drawn, but it reads as nothing there (a drop cap: its letter is read with
  /// the rest of its word, on the first line); −2 the same, for a word of its own (read
  /// with a space after it).
  int actual_runs = 0;
  double size = 11;
  double x = 0;
  double y = 0;
  std::string text;
};

/// A filled rectangle (rules, the footnote separator).
struct Rule {
  double x = 0, y = 0, width = 0, height = 0;
};

/// A raster image scaled into the box (x, y is its bottom-left corner).
struct PlacedImage {
  std::string path;          ///< absolute path of a PNG or JPEG file
  double x = 0, y = 0, width = 0, height = 0;
};

/// A clickable area: to a page of this document (page >= 0), or to a URI.
struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;
  int page = -1;             ///< 0-based target page, or -1 for `uri`
  double target_y = 0;       ///< where on the target page to show
  std::string uri;
};

struct Page {
  double width = 0;
  double height = 0;
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
  std::vector<PlacedImage> images;
  std::vector<LinkArea> links;
};

/// One entry of the PDF outline (bookmarks), in document order.
struct OutlineEntry {
  std::string title;
  int level = 1;             ///< 1 = top; deeper levels nest under the previous shallower one
  int page = 0;
  double y = 0;
};

/// Page labels: from `first_page` (0-based) on, pages are numbered in `style` from `start`.
struct PageLabelRange {
  enum class Style { roman_lower, arabic };
  int first_page = 0;
  Style style = Style::arabic;
  int start = 1;
};

/// The front-matter page a PageStart is, or `text`: a page of the book's text.
enum class PageKind : unsigned char { text, half_title, title_page, copyright_page, contents };

/// Where a page's text begins, for the EPUB's page-break markers. A page of the text: the
/// word its first line starts in (a Text node of the book and a byte offset in it). A
/// front-matter page: its kind, and for a contents page after the first, the heading
/// whose entry opens it.
struct PageStart {
  int page = 0;                 ///< 0-based page of this document
  std::string label;            ///< the page label ("12", "iii")
  const doc::Text* text = nullptr;
  std::uint32_t offset = 0;
  PageKind kind = PageKind::text;
  const doc::Heading* heading = nullptr;  ///< contents: the entry at its top; null: the title
};

struct Document {
  /// Bleed: the PDF's pages are larger than the trim by this much on every side, and
  /// every position here (on the trimmed page) is moved in by it (TrimBox, BleedBox).
  double bleed = 0;
  std::vector<FontFile> fonts;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::vector<PageLabelRange> labels;
  std::vector<PageStart> page_starts;  ///< pages that hold text, in page order
  std::string title;
  std::string author;
  std::string subject;
  std::string language;      ///< BCP 47
};

}  // namespace octavo::typeset
