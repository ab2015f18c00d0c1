#pragma once
// Breaking a paragraph into lines: Knuth & Plass, "Breaking Paragraphs into Lines",
// Software—Practice and Experience 11 (1981), as implemented in TeX: The Program
// §813–890. The paragraph is an ItemList (nodes.hpp); the result is the item index of
// every break, chosen to minimise the total demerits over the whole paragraph.
#include <cstddef>
#include <vector>

#include "typeset/nodes.hpp"

namespace octavo::typeset {

/// Every tunable of the line breaker, with TeX's names and plain TeX's values unless a
/// comment says why not.
struct LineBreakParams {
  /// First pass: no dictionary hyphenation; lines up to this badness are acceptable
  /// (TeX's \pretolerance). Badness 100 is a line stretched to its full stretchability.
  /// Negative skips the pass.
  double pretolerance = 200;
  /// Second pass, with hyphenation (\tolerance).
  double tolerance = 400;
  /// Third, emergency pass: added to every line's stretchability (\emergencystretch),
  /// points. 0 makes the second pass the last. Set from the font size by the caller.
  double emergency_stretch = 0;
  /// Added to every line's badness before squaring (\linepenalty): favours fewer lines.
  double line_penalty = 10;
  /// Demerits for two adjacent lines whose fitness classes are not adjacent
  /// (\adjdemerits): a very loose line next to a tight one.
  double adj_demerits = 10000;
  /// Demerits for two consecutive lines ending in a hyphen (\doublehyphendemerits).
  /// A run of three costs this twice, which makes it rare without forbidding it.
  double double_hyphen_demerits = 10000;
  /// Added for the third hyphen in a row, and for the fourth and every further one
  /// (not in TeX, which knows only pairs; InDesign calls this a hyphen limit). They look
  /// at the best path into the previous break only, so they are a heuristic on top of
  /// the optimisation: runs of three become rare and longer ones happen only when every
  /// alternative has lines far looser than the tolerance.
  double triple_hyphen_demerits = 30000;
  double long_hyphen_run_demerits = 300000;
  /// Hard limit on consecutive lines ending in a hyphen (a GitHub issue; InDesign's
  /// "hyphen limit"). Structural, not a demerit: active nodes are kept apart by the run
  /// of hyphens ending at them (0, 1, 2), so a node ending a run of two is never pruned
  /// in favour of a cheaper one that would force a third, and a hyphenated break that
  /// would exceed the limit is refused. Only if a pass then finds no breaking without
  /// overfull lines is the final pass repeated without the limit. 0 means no limit;
  /// values above 2 are enforced on the best path into each node only.
  int max_consecutive_hyphens = 2;
  /// Demerits for a hyphen at the end of the penultimate line (\finalhyphendemerits).
  double final_hyphen_demerits = 5000;
  /// Try for a paragraph this many lines longer (+) or shorter (−) than the optimum
  /// (\looseness); used by the page builder to fix widows and orphans.
  int looseness = 0;
  /// A line count wanted outright (0: none), the nearest to it taken as with looseness.
  /// Looseness counts from the optimum of the pass that finds the breaks, which at
  /// another tolerance than a paragraph was first set with may have another line count:
  /// the page builder asks for the first setting's count, one more or one fewer.
  int lines = 0;
  /// The break that ends this line (0-based) may not be a hyphen: a page ends after it.
  /// −1: any line may end on one.
  int no_hyphen_line = -1;
  /// Stretchability every line has besides its glue, points: \leftskip + \rightskip
  /// in ragged or centred setting.
  double background_stretch = 0;
  /// Whether dictionary hyphenation points may be used at all.
  bool hyphenate = true;
  /// Whether the last pass accepts lines up to "infinitely bad" (underfull) rather than
  /// only up to the tolerance: a loose line is a blemish, an overfull one runs into the
  /// margin. Off when a result is only wanted if it is good (re-breaking for looseness).
  bool relax_last_pass = true;
};

/// Line lengths: the first lines may differ (e.g. beside a drop cap), the rest are equal.
struct LineWidths {
  std::vector<double> first;
  double rest = 0;
  double at(std::size_t line) const { return line < first.size() ? first[line] : rest; }
};

/// One line: items [begin, end) and the break item `end` (a glue, penalty or disc).
struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool after_disc = false;  ///< starts with the post-break text of the disc at begin − 1
};

struct BreakResult {
  std::vector<LineSpan> lines;
  int pass = 0;             ///< 1 (no hyphenation), 2 (hyphenation), 3 (emergency stretch)
  double demerits = 0;
  bool artificial = false;  ///< no acceptable breaks existed: some line is overfull
};

/// Breaks `items`, which must end with a forced break (a penalty of −kInfPenalty).
BreakResult break_lines(const std::vector<Item>& items, const LineWidths& widths,
                        const LineBreakParams& params);

/// Natural width, stretchability and shrinkability of a line, the break's own
/// material (hyphen, post-break text) included.
struct LineMeasure {
  double width = 0, stretch = 0, shrink = 0, fil = 0;
};
LineMeasure measure_line(const std::vector<Item>& items, const LineSpan& line);

/// TeX's badness (§108): about 100 r³ for adjustment ratio r, capped at 10000.
double badness(double ratio);

}  // namespace octavo::typeset
