#pragma once
// The page builder: the vertical list → pages. Slots fill the grid rows of a page in
// order; a page ends where the next slot does not fit, moved back to the last slot a
// page may end after (widows, orphans, headings kept with their text); so a page may
// end a line short. Footnotes go to the foot of the page where they are referenced,
// under a short rule, and the body shrinks by whole rows to make room; a note too long
// for the page continues on the next one. Forced breaks start new pages, inserting a
// blank verso before a page that must be a recto.
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "typeset/blocks.hpp"
#include "typeset/context.hpp"
#include "typeset/flow.hpp"

namespace octavo::typeset {

/// Lines [first, last) of a footnote placed on a page.
struct NotePart {
  int number = 0;
  int first = 0, last = 0;
};

/// A body page before it is drawn.
struct BodyPage {
  struct Placed {
    Slot* slot = nullptr;  ///< in Flow::slots or Flow::replacements
    int row = 0;
    double drop = 0;       ///< points below its grid row (a feathered page)
  };
  std::vector<Placed> slots;
  std::vector<NotePart> notes;
  bool blank = false;    ///< an inserted blank verso
  bool opening = false;  ///< starts after a forced break (a chapter opening): no running head
  bool feathered = false;  ///< no re-breaking filled it: the gaps between paragraphs were widened
};

/// Sets a paragraph again with `looseness` more lines, and line `no_hyphen_line`
/// (0-based; −1: none) not ending on a hyphen (FlowBuilder::rebreak).
using Rebreaker =
    std::function<std::optional<std::vector<Slot>>(const ParagraphRecord&, int looseness, int no_hyphen_line)>;

/// A run of the flow's slots that no page crosses: from a forced page break (or the
/// start) to the next. Parts are paginated independently, on several threads at once.
struct FlowPart {
  std::size_t begin = 0, end = 0;
};
std::vector<FlowPart> flow_parts(const Flow& flow);

/// The pages of one part; `recto`: its first page must be a right-hand one (then
/// join_parts puts a blank verso before it where needed).
struct PartPages {
  std::vector<BodyPage> pages;
  bool recto = false;
};

/// Paginates one part, as `paginate` does; lines set again go to `replacements`, which
/// must outlive the pages; warnings to `report`.
PartPages paginate_part(Flow& flow, FlowPart part, const PageGeometry& geometry, const style::Notes& notes,
                        Reporter& report, const Rebreaker& rebreak, std::deque<Slot>& replacements);

/// The parts' pages in order, a blank verso before a part's first page where it must
/// be a recto and would not be. `starts`, when given, receives the index of each part's
/// first page (after its blank verso).
std::vector<BodyPage> join_parts(std::vector<PartPages>&& parts, std::vector<std::size_t>* starts = nullptr);

/// Splits the flow into pages (paginate.cpp). Page 0 is a recto (the body starts on a
/// right-hand page). A page that widow and orphan rules (or a trailing white space)
/// leave up to two rows short, with more running text after it, is filled by setting
/// paragraphs a line longer or shorter (`rebreak`, when given; new lines go to
/// Flow::replacements, one deque per part): one or two paragraphs, on the page or on the two pages before
/// it, which are then set again. A figure that does not fit at the foot of a page floats
/// to the top of the next. A page nothing fills is set as near full as the paragraphs
/// allow, then has its paragraph gaps widened (BodyPage::feathered), so that it still
/// ends on the bottom line.
std::vector<BodyPage> paginate(Flow& flow, const PageGeometry& geometry, const style::Notes& notes,
                               core::Diagnostics& diags, const Rebreaker& rebreak = {});

/// Sets Flow::headings[].page (PDF index) and page_y from the pages.
void locate_headings(Flow& flow, const std::vector<BodyPage>& pages, int first_index,
                     const PageGeometry& geometry);

/// Running heads and folios as set (the first line's runs, at x 0 and y 0), by kind,
/// alignment and text: a chapter's running head repeats on every page of it, and in
/// `octavo watch` every folio is the same from one build to the next.
using MarginTexts = std::unordered_map<std::string, RunList>;

/// The drawn pages of a part of the flow, kept between the builds of `octavo watch`. A
/// part's pages drawn at the same PDF index, after the same running-head mark, with the
/// same book metadata are the same pages (its notes are on its own pages; its heads
/// and folios depend on nothing else), so they are copied rather than drawn again.
struct DrawnPart {
  int first_index = -1;  ///< PDF index of its first page
  std::string mark_before, mark_after;  ///< the running-head mark in force
  std::string meta;                     ///< the title and authors the heads may show
  std::vector<Page> pages;              ///< as drawn: runs hold face ids
  std::vector<PageStart> starts;
};

/// Body pages [begin, end) that are one part of the flow; `kept`: its pages are those
/// of the build that drew `drawn` (null: nothing to keep); `keep_slots`: its slots are
/// kept for the next build, so their runs are copied to the pages rather than moved.
struct PartDraw {
  std::size_t begin = 0, end = 0;
  DrawnPart* drawn = nullptr;
  bool kept = false;
  bool keep_slots = false;
};

/// Draws body pages into ctx.doc.pages; `first_index` is the PDF index of body page 0
/// (even, so that the parity of recto pages holds). Resolves heading and note positions
/// (Flow::headings[].page/page_y) and note links, adds running heads and folios, taking
/// them from `margins` when set before (and adding them when setting them reported
/// nothing). With `parts` (in page order), a kept part drawn before as it would be now
/// is copied, and every part with a DrawnPart is recorded there.
void draw_body_pages(Context& ctx, FlowBuilder& builder, Flow& flow, const std::vector<BodyPage>& pages,
                     int first_index, MarginTexts& margins, const std::vector<PartDraw>& parts = {});

/// The text of a running head template: {title}, {author}, {chapter}.
std::string expand_running_head(const std::string& pattern, const doc::Metadata& meta,
                                const std::string& chapter);

}  // namespace octavo::typeset
