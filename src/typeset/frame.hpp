#pragma once
// Positioned pages: what the typesetter produces and the PDF writer draws. Nothing here
// refers to the document tree or the style; the PDF back end sees only these types.
// Coordinates are PDF points with the origin at the page's bottom-left corner.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octavo::doc {
struct Text;
struct Heading;
}

namespace octavo::typeset {

/// A font file used by the document; GlyphRun::font indexes Document::fonts.
struct FontFile {
  std::string path;          ///< absolute path of a TrueType file
  friend bool operator==(const FontFile&, const FontFile&) = default;
};

/// Text drawn from (x, y) on the baseline, with the font's own advances. Its text (UTF-8;
/// a ligature is the code point the font maps to the ligature glyph, U+FB01 …) is held by
/// the RunList the run is in. Kerning and justification are expressed by starting a new
/// run, never inside one.
///
/// Every word of a book is a run, and a long book's runs are held until their pages are
/// drawn: a run is a few numbers (32 bytes), not a string of its own. Positions stay
/// doubles, as computed, so that the PDF gets the very numbers the layout made. Sizes
/// are floats, as TextStyle's are (a drop cap's computed size keeps seven digits: the
/// PDF writes thousandths of a point).
class GlyphRun {
public:
  double x = 0;
  double y = 0;
  float size = 11;
  /// During layout a face id (FontLibrary::face), then an index into Document::fonts.
  std::int32_t font = 0;
  /// Replacement text (ISO 32000-1 §14.9.4), for words whose glyphs text extraction
  /// would misread. When > 0, this run and the next `actual_runs − 1` are one word (in
  /// capitals of two sizes: faked small capitals), marked as one span whose text is
  /// theirs, after the text of the silent runs just before them. When −1, the run is
  /// silent: drawn, but it reads as nothing there (a drop cap: its letter is read with
  /// the rest of its word, on the first line); −2 the same, for a word of its own (read
  /// with a space after it).
  std::int32_t actual_runs = 0;

private:
  friend class RunList;
  std::uint32_t text_end_ = 0;  ///< its text ends here in the list's text, and begins
                                ///< where the previous run's ends
};
static_assert(sizeof(GlyphRun) == 32);

/// Glyph runs in drawing order and their text, one buffer for all of them: a line, a
/// slot or a page is two blocks of memory however many words it has. Runs may be
/// changed in place (moved, given another font); their text only through the list.
class RunList {
public:
  using iterator = std::vector<GlyphRun>::iterator;
  using const_iterator = std::vector<GlyphRun>::const_iterator;

  bool empty() const { return runs_.empty(); }
  std::size_t size() const { return runs_.size(); }
  GlyphRun& operator[](std::size_t i) { return runs_[i]; }
  const GlyphRun& operator[](std::size_t i) const { return runs_[i]; }
  GlyphRun& front() { return runs_.front(); }
  const GlyphRun& front() const { return runs_.front(); }
  GlyphRun& back() { return runs_.back(); }
  const GlyphRun& back() const { return runs_.back(); }
  iterator begin() { return runs_.begin(); }
  iterator end() { return runs_.end(); }
  const_iterator begin() const { return runs_.begin(); }
  const_iterator end() const { return runs_.end(); }

  /// The text of run `i`.
  std::string_view text(std::size_t i) const {
    const std::uint32_t from = i == 0 ? 0 : runs_[i - 1].text_end_;
    return std::string_view(text_).substr(from, runs_[i].text_end_ - from);
  }
  /// The text of `run`, one of this list's runs.
  std::string_view text_of(const GlyphRun& run) const {
    return text(static_cast<std::size_t>(&run - runs_.data()));
  }
  /// Every run's text, in order, without separators.
  const std::string& all_text() const { return text_; }

  /// Adds a run at the end.
  GlyphRun& add(int font, int actual_runs, double size, double x, double y, std::string_view text = {});
  /// Appends `text` to the last run's (there must be one).
  void append_text(std::string_view text);
  /// Adds copies of `from`'s runs at the end, moved by (dx, dy).
  void append(const RunList& from, double dx = 0, double dy = 0);
  /// Puts copies of `from`'s runs before this list's own.
  void prepend(const RunList& from);
  /// Room for `runs` more runs and `bytes` more bytes of text.
  void reserve(std::size_t runs, std::size_t bytes);
  /// The same runs in blocks of their exact size (a list written into a reused scratch
  /// list is copied out so).
  RunList exact_copy() const;
  void clear() {
    runs_.clear();
    text_.clear();
  }
  /// The same runs (compared byte for byte: the numbers the PDF is written from) and text.
  friend bool operator==(const RunList& a, const RunList& b) {
    return a.text_ == b.text_ && a.runs_.size() == b.runs_.size() &&
           (a.runs_.empty() || std::memcmp(a.runs_.data(), b.runs_.data(), a.runs_.size() * sizeof(GlyphRun)) == 0);
  }
  /// Empties the list and frees its storage.
  void release() {
    std::vector<GlyphRun>().swap(runs_);
    std::string().swap(text_);
  }

private:
  std::vector<GlyphRun> runs_;
  std::string text_;
};

inline GlyphRun& RunList::add(int font, int actual_runs, double size, double x, double y, std::string_view text) {
  GlyphRun& run = runs_.emplace_back();
  run.x = x;
  run.y = y;
  run.size = static_cast<float>(size);
  run.font = font;
  run.actual_runs = actual_runs;
  text_.append(text);
  run.text_end_ = static_cast<std::uint32_t>(text_.size());  // offsets are 32-bit, as in doc::Text
  return run;
}

inline void RunList::append_text(std::string_view text) {
  text_.append(text);
  runs_.back().text_end_ = static_cast<std::uint32_t>(text_.size());
}

inline void RunList::append(const RunList& from, double dx, double dy) {
  const auto base = static_cast<std::uint32_t>(text_.size());
  const std::size_t first = runs_.size();
  runs_.insert(runs_.end(), from.runs_.begin(), from.runs_.end());
  for (std::size_t i = first; i < runs_.size(); ++i) {
    GlyphRun& run = runs_[i];
    run.x += dx;
    run.y += dy;
    run.text_end_ += base;
  }
  text_ += from.text_;
}

inline void RunList::prepend(const RunList& from) {
  RunList joined;
  joined.reserve(from.size() + size(), from.text_.size() + text_.size());
  joined.append(from);
  joined.append(*this);
  *this = std::move(joined);
}

inline void RunList::reserve(std::size_t runs, std::size_t bytes) {
  runs_.reserve(runs_.size() + runs);
  text_.reserve(text_.size() + bytes);
}

inline RunList RunList::exact_copy() const {
  RunList copy;
  copy.runs_.assign(runs_.begin(), runs_.end());  // assign to an empty vector allocates the exact size
  copy.text_ = std::string(text_);
  return copy;
}

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
  /// Which drawing the runs are: a number given when a page that may be kept for the
  /// next build (octavo watch) is drawn, and carried by its copies, so that the PDF's
  /// page cache knows an unchanged page without comparing its runs byte for byte. Two
  /// pages with the same number have the same runs once their fonts are registered
  /// against the same fonts. 0: not known (compare the runs).
  std::uint64_t drawing = 0;
  RunList runs;
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
