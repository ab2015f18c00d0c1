#pragma once
// Blocks → the vertical list (flow.hpp). Paragraphs are justified and indented (not
// after a heading, a scene break or at the start of a quote), verse (a paragraph with
// hard line breaks) is set ragged with one source line per line, headings follow
// style.headings, quotes are indented both sides in a smaller size, lists hang their
// labels, code is set line by line, tables and figures are in block_extras.cpp.
#include <optional>
#include <string_view>
#include <vector>

#include "doc/tree.hpp"
#include "typeset/context.hpp"
#include "typeset/flow.hpp"
#include "typeset/inline_builder.hpp"
#include "typeset/line_setter.hpp"

namespace octavo::typeset {

class FlowBuilder {
public:
  FlowBuilder(Context& ctx, Flow& flow);

  /// Appends one chapter file: a page break when it opens a new page (its first heading
  /// is of level 1 or 2 or breaks the page, or it has no heading), then its blocks, and
  /// sets its footnotes into Flow::notes. `numbers`: the numbers of the headings among
  /// its blocks (style::number_headings), or nothing when none are numbered.
  void add_chapter(const doc::Chapter& chapter, const std::vector<std::string>* numbers = nullptr);

  /// Sets inlines as lines of `width`; `list` receives the items (for link targets).
  std::vector<SetLine> set_inlines(const doc::Inlines& inlines, const TextStyle& style,
                                   double width, LineAlign align, ItemList& list);
  /// Sets a recorded paragraph again, `looseness` lines longer (TeX §875) than its
  /// optimum, and line `no_hyphen_line` (0-based; −1: none) not ending on a hyphen,
  /// and its last line at least `last_line_short` points short of the measure.
  /// Nothing when that cannot be had within the tolerance.
  std::optional<std::vector<Slot>> rebreak(const ParagraphRecord& record, int looseness,
                                          double* demerits, int no_hyphen_line = -1,
                                          double last_line_short = 0);

  /// Sets plain text (title pages, running heads, ornaments).
  std::vector<SetLine> set_text(std::string_view text, const TextStyle& style, double width,
                                LineAlign align);
  /// A slot holding one set line, shifted right by `x`.
  static Slot line_slot(SetLine& line, const ItemList& list, double x);

  TextStyle body_style(float size) const;

private:
  void add_blocks(const doc::Blocks& blocks, const BlockEnv& env);
  void lengthen_full_last_line();
  /// Sets a chapter's first paragraph with the style's drop cap and small-capital
  /// lead-in; false when it does not apply (the caller sets it as any other).
  bool opening_paragraph(const doc::Inlines& content, const BlockEnv& env);
  void add_block(const doc::Block& block, const BlockEnv& env);
  void paragraph(const doc::Inlines& content, const BlockEnv& env, std::string_view prefix = {});
  /// Builds a paragraph's items into `list`; false when it draws nothing.
  bool paragraph_items(const doc::Inlines& content, const BlockEnv& env, bool indent,
                       std::string_view prefix, LineAlign align, ItemList& list);
  void heading(const doc::Heading& h, const BlockEnv& env);
  void quote(const doc::BlockQuote& q, const BlockEnv& env);     // block_simple.cpp
  void list(const doc::List& l, const BlockEnv& env);             // block_simple.cpp
  void code(const std::string& text, const BlockEnv& env);        // block_simple.cpp
  void scene_break(const BlockEnv& env);                          // block_simple.cpp
  void table(const doc::Table& t, core::Span span, const BlockEnv& env);    // block_extras.cpp
  void figure(const doc::Figure& f, core::Span span, const BlockEnv& env);  // block_extras.cpp
  void set_note(const doc::Footnote& note);

  /// Appends lines as one slot each; paragraphs keep their first two and last two lines
  /// together (no orphan, no widow).
  void add_lines(std::vector<SetLine>& lines, const ItemList& list, double x, bool widow_control);
  void add_slot(Slot slot);
  void add_space(int rows);
  double measure(const BlockEnv& env) const;
  LineBreakParams params_for(float size, LineAlign align, bool hyphenate) const;

  Context& ctx_;
  Flow& flow_;
  std::vector<Slot>* out_;
  ItemList scratch_;
  bool suppress_indent_ = true;
  bool chapter_opened_ = false;
  /// Whether the slots being added follow a previous chapter's text on the same page.
  bool continues_flow() const { return out_ == &flow_.slots && !chapter_opened_ && in_chapter_; }
  bool in_chapter_ = false;
  bool seen_heading_ = false;
  const std::vector<std::string>* numbers_ = nullptr;  ///< the chapter's heading numbers
  std::size_t top_headings_ = 0;  ///< headings met so far among the chapter's blocks
  bool opening_pending_ = false;  ///< the chapter's first paragraph is still to come
  int keep_next_ = 0;
};

}  // namespace octavo::typeset
