#pragma once
// What every stage of the engine shares while it lays out one book: the style, the
// fonts, the shaper and hyphenator caches, the diagnostics, and the document whose font
// list grows as faces are first used. Also the engine's own tunables that are not style
// decisions (how to fake small caps, how high a note number sits).
#include <memory>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "style/style.hpp"
#include "typeset/fonts.hpp"
#include "typeset/frame.hpp"
#include "typeset/hyphenate.hpp"
#include "typeset/linebreak.hpp"
#include "typeset/nodes.hpp"
#include "typeset/shaping.hpp"

namespace octavo::typeset {

/// Proportions the engine uses where the style has no field, each with its reason.
struct EngineParams {
  /// Small caps are faked: libharu draws code points, and a font's smcp glyphs have
  /// none, so lowercase letters are set as capitals at this fraction of the size
  /// (close to Gentium's x-height to cap-height ratio plus a little weight).
  double small_caps_scale = 0.8;
  /// Note reference numbers: size and baseline raise as fractions of the text size.
  double superscript_scale = 0.62;
  double superscript_raise = 0.36;
  /// Monospaced text beside a serif face looks large at the same size.
  double code_scale = 0.85;
  /// Ragged and centred lines: stretch of \leftskip/\rightskip, in ems. Finite, so that
  /// the line breaker still evens out line lengths (TeX's \raggedright uses 2 em).
  double ragged_stretch_em = 2;
  /// Emergency stretch for the third pass, in ems of the text size.
  double emergency_stretch_em = 1.5;
  /// Penalties the builder puts into the item list (TeX: \hyphenpenalty,
  /// \exhyphenpenalty); breaking after '/' in a URL costs a little more.
  double hyphen_penalty = 50;
  double ex_hyphen_penalty = 50;
  double url_penalty = 100;
  /// After a dash the text joins to what follows (U+2060): so high that the breaker
  /// takes it only where every other way leaves a line overfull or hopelessly loose.
  double joined_dash_penalty = 9000;
  /// A paragraph set a line longer or shorter to fill a page may be this loose (TeX's
  /// badness; 800 is stretch ratio 2): a little looser than body text, because a page a
  /// line short is the more visible flaw.
  double rebreak_tolerance = 800;
  /// Leading of headings as a multiple of their size.
  double heading_leading = 1.2;
};

/// The text block on the page and its baseline grid, from the style.
struct PageGeometry {
  double width = 432, height = 648;   ///< trim size
  double inner = 54, outer = 43.2, top = 54, bottom = 54;
  double measure = 0;                 ///< text block width
  double leading = 14;                ///< the grid: body baseline to baseline
  double first_baseline = 11;         ///< text block top to the first baseline (TeX's \topskip)
  int rows = 0;                       ///< baselines on a full page

  explicit PageGeometry(const style::Style& s);
  PageGeometry() = default;
  /// PDF y of grid row `row` (0 = the first baseline).
  double baseline_y(double row) const { return height - top - first_baseline - row * leading; }
  /// PDF x of the text block's left edge: rectos have the inner margin on the left.
  double left(bool recto) const { return recto ? inner : outer; }
};

/// Where layout reports problems: straight into Diagnostics, or, in a worker thread,
/// into a buffer that is replayed in book order, so that the report is the same
/// whichever thread set which chapter.
class Reporter {
public:
  struct Entry {
    std::string key;  ///< for warning_once; empty otherwise
    core::Location where;
    std::string message;
  };
  explicit Reporter(core::Diagnostics& diags) : diags_(&diags) {}
  void warning(core::Location where, std::string message);
  void warning_once(std::string key, core::Location where, std::string message);
  /// Buffer from now on (nullptr: report directly again).
  void buffer_into(std::vector<Entry>* buffer) { buffer_ = buffer; }
  static void replay(const std::vector<Entry>& entries, core::Diagnostics& diags);

private:
  core::Diagnostics* diags_;
  std::vector<Entry>* buffer_ = nullptr;
};

/// One layout workspace. The fonts are shared (read-only once loaded), and so are the
/// shaping and hyphenation caches (they lock); the word cache is per workspace, so that
/// worker threads each have their own.
struct Context {
  Context(const doc::Book& b, const style::Style& s, core::Diagnostics& d, const FontLibrary& f)
      : book(b), style(s), diags(d), report(d), fonts(f),
        shaper(s.body.language.empty() ? b.meta.language : s.body.language) {}

  const doc::Book& book;
  const style::Style& style;
  core::Diagnostics& diags;     ///< for the main thread's own reports
  Reporter report;              ///< for layout's reports
  EngineParams engine;
  LineBreakParams breaking;     ///< for body text; copies are adjusted per block
  const FontLibrary& fonts;
  Shaper shaper;
  WordCache words;
  std::shared_ptr<Hyphenator> hyphenator;  ///< shared by the layout threads
  Document doc;                 ///< pages and fonts, filled by the main thread
  PageGeometry page{style};

  core::Location locate(core::Span span) const { return book.sources.locate(span); }
};

}  // namespace octavo::typeset
