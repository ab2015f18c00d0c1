#pragma once
// TeX's horizontal-list vocabulary (The TeXbook ch. 12 and 14; Knuth & Plass 1981 §2):
// boxes of fixed width, glue that stretches and shrinks, penalties that make a break
// cheap or impossible, and discretionaries (a hyphenation point: the text drawn when the
// line breaks there, after it, and when it does not).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/span.hpp"
#include "typeset/shaping.hpp"

namespace octavo::doc {
struct Text;
}

namespace octavo::typeset {

/// Where a word came from in the document tree: its first character's byte offset in a
/// Text node. The EPUB writer marks the print edition's page breaks with it.
struct SourcePos {
  const doc::Text* text = nullptr;
  std::uint32_t offset = 0;
};

/// A penalty at or above this never breaks; at or below its negation always does.
constexpr double kInfPenalty = 10000;

/// Something drawn inside a box: a range of a shaped text in one font and size, or an
/// inline image.
struct Piece {
  const ShapedText* shaped = nullptr;  ///< null for an image
  std::uint32_t glyph_begin = 0, glyph_end = 0;
  int font = -1;                       ///< index in Document::fonts
  float size = 11;
  float raise = 0;                     ///< baseline shift, points (superscripts)
  float width = 0;                     ///< points
  int link = -1;                       ///< index in ItemList::links
  int note = 0;                        ///< footnote number, for a note reference
  int image = -1;                      ///< index in ItemList::images, for an inline image
  bool strike = false;                 ///< drawn struck through
  bool cased = false;                  ///< drawn in another case than written (capitals
                                       ///< for small capitals): its word gets replacement text
  core::Span span;
};

/// An image set inside a line.
struct InlineImage {
  std::string path;                    ///< absolute
  float height = 0;
};

/// A range of Paragraph::pieces.
struct PieceRange {
  std::uint32_t begin = 0, end = 0;
  bool empty() const { return begin == end; }
};

enum class ItemType : std::uint8_t { box, glue, penalty, disc };

/// Widths are points; single precision is ample (a millionth of a line) and halves the
/// size of the lists the breaker scans.
struct Item {
  ItemType type = ItemType::box;
  bool flagged = false;      ///< penalty/disc: breaking here ends the line with a hyphen
  bool auto_hyphen = false;  ///< disc from the dictionary: only from the second pass on
  float width = 0;           ///< box, glue: natural width; penalty: width if broken here;
                             ///< disc: width when not broken
  float stretch = 0;         ///< glue: finite stretchability
  float shrink = 0;          ///< glue: shrinkability
  float fil = 0;             ///< glue: infinite stretchability (\parfillskip, \hfil)
  float penalty = 0;         ///< penalty, disc: the cost of breaking here
  float pre_width = 0;       ///< disc: width of the material ending the line
  float post_width = 0;      ///< disc: width of the material starting the next line
  PieceRange content;        ///< box: what it draws; disc: drawn when not broken
  PieceRange pre, post;      ///< disc: drawn before/after a break here
  core::Span span;           ///< box: where its text came from (for overfull warnings)
};

/// A link target of a paragraph: a URI or a footnote.
struct LinkTarget {
  std::string uri;
  int note = 0;
};

/// A paragraph ready for line breaking: the item list and what its boxes draw.
struct ItemList {
  std::vector<Item> items;
  std::vector<Piece> pieces;
  std::vector<LinkTarget> links;
  std::vector<InlineImage> images;
  /// The first item of each word with a known source, in item order.
  std::vector<std::pair<std::uint32_t, SourcePos>> word_starts;

  void clear() {
    items.clear();
    pieces.clear();
    links.clear();
    images.clear();
    word_starts.clear();
  }
};

/// The items and pieces each word produced, copied for every later occurrence of the
/// same word in the same style: a novel repeats its words, and this skips re-segmenting,
/// re-hyphenating and the shaper's lookups. An open-addressing table over flat arrays
/// (a lookup costs a couple of cache misses, where std::unordered_map's nodes cost
/// several). Piece ranges in `items` are relative to the word's first piece; links and
/// source spans are filled in per occurrence.
class WordCache {
public:
  struct Word {
    std::uint32_t item_begin = 0, item_count = 0;
    std::uint32_t piece_begin = 0, piece_count = 0;
    bool content = false;  ///< draws something (not only kerns)
  };
  static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }
  const Word* find(std::string_view key, std::uint64_t h) const;
  /// Stores a word's items and pieces (piece ranges already relative).
  void insert(std::string_view key, std::uint64_t h, const Item* items, std::size_t item_count,
              const Piece* pieces, std::size_t piece_count);
  const Item* items() const { return items_.data(); }
  const Piece* pieces() const { return pieces_.data(); }
  std::size_t size() const { return count_; }

private:
  struct Entry {
    std::uint64_t hash = 0;
    std::uint32_t key_offset = 0, key_size = 0;  // key_size 0: empty slot
    Word word;
  };
  void grow();
  std::vector<Entry> table_;
  std::size_t count_ = 0;
  std::string keys_;
  std::vector<Item> items_;
  std::vector<Piece> pieces_;
};

inline Item make_box(double width, PieceRange content = {}, core::Span span = {}) {
  Item it;
  it.type = ItemType::box;
  it.width = static_cast<float>(width);
  it.content = content;
  it.span = span;
  return it;
}
inline Item make_glue(double width, double stretch, double shrink, double fil = 0) {
  Item it;
  it.type = ItemType::glue;
  it.width = static_cast<float>(width);
  it.stretch = static_cast<float>(stretch);
  it.shrink = static_cast<float>(shrink);
  it.fil = static_cast<float>(fil);
  return it;
}
inline Item make_penalty(double penalty, bool flagged = false, double width = 0) {
  Item it;
  it.type = ItemType::penalty;
  it.penalty = static_cast<float>(penalty);
  it.flagged = flagged;
  it.width = static_cast<float>(width);
  return it;
}

}  // namespace octavo::typeset
