#pragma once
// The front matter: half-title (recto), its blank verso, the title page (recto), the
// copyright page (verso), then the table of contents (recto), padded with a blank page
// so that the body starts on a recto.
#include <vector>

#include "typeset/blocks.hpp"
#include "typeset/context.hpp"
#include "typeset/flow.hpp"

namespace octavo::typeset {

class FrontMatter {
public:
  /// Lays out the contents (headings with HeadingInfo::in_toc) to know its length.
  FrontMatter(Context& ctx, FlowBuilder& builder, const Flow& flow);

  /// Pages the front matter takes: always even.
  int page_count() const;

  /// Appends the front matter to ctx.doc.pages. Needs the headings' pages (PDF
  /// indices) resolved; page numbers print as body page labels (index − body_start + 1).
  void draw(const Flow& flow, int body_start);

private:
  struct TocLine {
    RunList runs;                // x from the text block's left edge, y = 0 baseline
    double end = 0;              // where the title ends (on an entry's last line)
    int heading = -1;            // on an entry's last line: the heading it lists
    int page = 0, row = 0;       // in the contents
    bool group = false;          // a top-level entry, with a blank row above it
    double drop = 0;             // points below its row (a page's groups spread out)
  };
  void layout_toc(const Flow& flow);
  /// Adds the front-matter pages that hold text to ctx.doc.page_starts.
  void record_starts(const Flow& flow);
  void add_centered(Page& page, const std::string& text, const TextStyle& style, double baseline,
                    bool recto);
  Page blank() const;

  Context& ctx_;
  FlowBuilder& builder_;
  std::vector<TocLine> toc_;
  int toc_pages_ = 0;
  int title_rows_ = 0;  // rows the "Contents" heading takes on its first page
};

}  // namespace octavo::typeset
