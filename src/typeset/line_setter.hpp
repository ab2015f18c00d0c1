#pragma once
// Breaks → positioned lines. Justified lines distribute the shortfall over the glue by
// the adjustment ratio (TeX §658–§667: hpack's glue setting); ragged and centred lines
// keep natural spaces. Every box becomes one or more GlyphRuns at its own x (PDF word
// spacing does not work with CID fonts); runs that meet exactly are merged.
#include <vector>

#include "typeset/context.hpp"
#include "typeset/linebreak.hpp"
#include "typeset/nodes.hpp"

namespace octavo::typeset {

enum class LineAlign { justify, left, center, right };

/// A clickable stretch of a line: [x0, x1] over the line's height.
struct LinkRect {
  double x0 = 0, x1 = 0;
  int target = -1;  ///< index in ItemList::links
};

struct SetLine {
  RunList runs;                      ///< x from the line's left edge, y from its baseline
  std::vector<PlacedImage> images;   ///< same coordinates
  std::vector<Rule> rules;           ///< strike-through lines, same coordinates
  std::vector<LinkRect> links;
  std::vector<int> notes;            ///< footnote numbers referenced on the line
  double width = 0;                  ///< where the drawn content ends (≤ the measure unless overfull)
  double size = 0;                   ///< the largest type size on the line
  bool hyphenated = false;           ///< ends at a hyphen or dash (a flagged break)
  std::size_t first_word_runs = 0;   ///< runs of the line's first word (a drop cap joins them)
  SourcePos source;                  ///< where the word the line starts in came from
};

/// Sets every line of `result`. Lines that stick out of their measure are reported as
/// warnings with the source position of their widest word.
std::vector<SetLine> set_lines(Context& ctx, const ItemList& list, const BreakResult& result,
                               const LineWidths& widths, LineAlign align);

/// Breaks and sets `list` in one go.
std::vector<SetLine> break_and_set(Context& ctx, const ItemList& list, const LineWidths& widths,
                                   const LineBreakParams& params, LineAlign align);

}  // namespace octavo::typeset
