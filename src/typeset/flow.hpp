#pragma once
// The vertical list: the book's body as a sequence of slots on the baseline grid, ready
// for the page builder. Every slot takes a whole number of grid rows, which is what keeps
// every full page's last baseline in the same place (flush bottoms without vertical
// stretching): headings, space and figures round themselves up to whole rows.
#include <deque>
#include <map>
#include <string>
#include <iterator>
#include <vector>

#include "doc/tree.hpp"
#include "typeset/frame.hpp"

namespace octavo::typeset {

/// Where and how blocks are set: indents from the measure's edges and the text size.
struct BlockEnv {
  double left = 0, right = 0;
  float size = 11;
  bool indent_paragraphs = true;
  int quote_depth = 0;
  int list_depth = 0;
  bool italic = false;  ///< text set in the italic face (verse.italic)
  float indent_em = -1;  ///< a paragraph's first-line indent in ems; −1: body.indent's
};

/// A link inside a slot: to a URI, to a footnote (resolved to the note's page), or to a
/// heading (resolved to its page).
struct SlotLink {
  double x = 0, y = 0, width = 0, height = 0;
  std::string uri;
  int note = 0;
  int heading = -1;
};

struct Slot {
  enum class Kind : unsigned char {
    content,     ///< lines, a heading, a figure…
    space,       ///< white space, dropped at the top of a page
    page_break,  ///< the next slot starts a new page (a recto when `recto`)
  };
  Kind kind = Kind::content;
  int rows = 1;                     ///< grid rows taken
  bool break_after = true;          ///< a page may end after this slot
  bool recto = false;               ///< page_break: to a right-hand page
  bool hyphenated = false;          ///< a line that ends at a hyphen (a page should not)
  bool full = false;                ///< a line that reaches the right edge of the measure
  bool floats = false;              ///< a figure: may go to the top of the next page, the
                                    ///< text after it filling this one
  int heading = -1;                 ///< index in Flow::headings of a heading set here
  int paragraph = -1;               ///< index in Flow::paragraphs of the paragraph this line is of
  // Content; x from the text block's left edge, y from the slot's first baseline (up).
  RunList runs;
  std::vector<Rule> rules;
  std::vector<PlacedImage> images;
  std::vector<SlotLink> links;
  std::vector<int> notes;           ///< footnotes referenced here, in order
  SourcePos source;                 ///< where its first word came from (the first line's)

  /// Moves `line`'s content into this slot, `dy` points lower (down is negative).
  void absorb(Slot&& line, double dy) {
    for (auto& l : line.links) l.y += dy;
    for (auto& im : line.images) im.y += dy;
    for (auto& r : line.rules) r.y += dy;
    const auto move_all = [](auto& into, auto& from) {
      into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    };
    runs.append(line.runs, 0, dy);
    move_all(rules, line.rules);
    move_all(images, line.images);
    move_all(links, line.links);
    move_all(notes, line.notes);
    if (!source.text) source = line.source;
  }
};

/// A heading as the outline, the table of contents and the running heads need it.
struct HeadingInfo {
  const doc::Heading* node = nullptr;  ///< the heading in the book
  std::string title;
  std::string number;               ///< from headings.N.number, or empty
  int level = 1;
  bool in_toc = false;
  double top = 0;                   ///< y of its top edge relative to its slot's first baseline
  int page = -1;                    ///< 0-based body page, once paginated
  double page_y = 0;                ///< PDF y of its top edge, once paginated
};

/// What it takes to set a paragraph again with another line count (TeX's \looseness):
/// the page builder lengthens a paragraph by a line to fill a page that widow and
/// orphan rules would leave a line short.
struct ParagraphRecord {
  const doc::Inlines* content = nullptr;
  BlockEnv env;
  bool indent = false;
  std::string prefix;       ///< a footnote's number, set before the text
  std::size_t first_slot = 0;
  int lines = 0;
  double demerits = 0;      ///< of the current breaks
  bool keep_first = false;  ///< its first line is kept with a heading above
  RunList label;            ///< drawn beside its first line (a list item's bullet)
  /// Quick necessary conditions, so that hopeless attempts cost nothing: the lines but
  /// the last could take in the last line's text (fully shrunk), or give away enough
  /// text to fill it (stretched to the re-break tolerance).
  bool may_shorten = false;
  bool may_lengthen = false;
  /// The badness its lines may have when set again, when more than the engine's
  /// re-break tolerance (0: that): a ragged paragraph's lines may fall short of the
  /// measure as far as a line that still reads as full.
  double tolerance = 0;
};

/// A footnote set for the foot of the page: one slot per line, in note leading.
struct NoteBlock {
  int number = 0;
  std::vector<Slot> lines;
};

struct Flow {
  std::vector<Slot> slots;
  std::vector<HeadingInfo> headings;
  std::map<int, NoteBlock> notes;   ///< by number
  std::vector<ParagraphRecord> paragraphs;
  /// Lines of paragraphs set again by the page builder, one deque per part of the flow
  /// (flow_parts), each filled by the thread that paginates that part (deques: pages
  /// point into them as they grow).
  std::deque<std::deque<Slot>> replacements;
};

}  // namespace octavo::typeset
