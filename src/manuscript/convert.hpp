#pragma once
// cmark-gfm's syntax tree → doc:: nodes. One walk; positions are copied here once, with
// cmark's byte columns turned into code-point columns.
#include <filesystem>

#include <cmark-gfm.h>

#include "core/diagnostics.hpp"
#include "doc/tree.hpp"
#include "manuscript/column_map.hpp"

namespace octavo::manuscript::detail {

/// Deeper nesting than this (block quotes in block quotes, emphasis in emphasis …) is
/// reported and cut off: every later stage walks the tree recursively.
constexpr int max_nesting = 100;

class Converter {
 public:
  Converter(doc::Book& book, core::FileId file, const ColumnMap& columns,
            std::filesystem::path chapter_dir, core::Diagnostics& diags)
      : book_(book),
        file_(file),
        columns_(columns),
        chapter_dir_(std::move(chapter_dir)),
        diags_(diags) {}

  /// One block node (not a footnote definition) appended to `out`.
  void block(cmark_node* node, doc::Blocks& out, int depth);
  /// The children of a block container.
  doc::Blocks blocks(cmark_node* parent, int depth);
  /// The inline content of a paragraph, heading or table cell.
  doc::Inlines inline_content(cmark_node* container, int depth);

  doc::Span span(cmark_node* node) const;
  doc::Span span_at(int line, int byte_column) const;

 private:
  // cmark 0.29.0.gfm.6 leaves some inline positions wrong or empty: after a backslash
  // hard break (handle_backslash skips the line end without the line and column
  // bookkeeping handle_newline does) every later node of the paragraph is reported on
  // the line before, with columns running on from it; soft and hard breaks, and the
  // bare URLs and e-mail addresses the autolink extension finds, have no position at
  // all; its "www." links start a column early. The cursor follows a paragraph's
  // inlines in reading order and repairs these (see inline_span).
  struct InlineCursor {
    int content_column = 1;  // cmark's column of the container's first content byte
    int line_shift = 0;      // backslash breaks so far: lines cmark is behind by
    int column_shift = 0;    // bytes cmark's columns run on by since the last one
    int last_line = 0;       // cmark's end position of the last node with a position
    int last_end_column = 0;
    int last_start_column = 0;
    bool after_break = false;
    doc::Span autolink;  // where the last link without a position was found
  };

  doc::Inlines inlines(cmark_node* parent, int depth);
  doc::Span inline_span(cmark_node* node);
  doc::Span find_autolink(cmark_node* link);
  void passed(cmark_node* node);
  void inline_node(cmark_node* node, doc::Inlines& out, int depth);
  doc::Image image(cmark_node* node, doc::Span where);
  doc::Table table(cmark_node* node, int depth);
  doc::List list(cmark_node* node, int depth);
  bool too_deep(cmark_node* node, int depth);
  bool raw_html(cmark_node* node, doc::Span where);

  doc::Book& book_;
  core::FileId file_;
  const ColumnMap& columns_;
  std::filesystem::path chapter_dir_;
  core::Diagnostics& diags_;
  bool reported_depth_ = false;
  InlineCursor cursor_;
};

}  // namespace octavo::manuscript::detail
