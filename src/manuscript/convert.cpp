#include "manuscript/convert.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>

#include <cmark-gfm-core-extensions.h>

#include "manuscript/cmark_private.h"
#include "manuscript/images.hpp"

namespace octavo::manuscript::detail {
namespace {

std::string literal(cmark_node* node) {
  const char* text = cmark_node_get_literal(node);
  return text ? std::string(text) : std::string();
}

std::string string_or_empty(const char* text) {
  return text ? std::string(text) : std::string();
}

bool type_is(cmark_node* node, const char* name) {
  const char* type = cmark_node_get_type_string(node);
  return type && std::strcmp(type, name) == 0;
}

// The alt text of an image: its description without markup (CommonMark §6.4 renders
// it the same way into the HTML alt attribute).
void append_alt(std::string& out, cmark_node* parent, int depth) {
  if (depth > max_nesting) return;
  for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        out += string_or_empty(cmark_node_get_literal(n));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_FOOTNOTE_REFERENCE:
        break;
      default:
        append_alt(out, n, depth + 1);
    }
  }
}

// pandoc's mark of an unnumbered heading, `{-}` or `{.unnumbered}` at the end of its
// text: removed from `content` (with the space before it). True when it was there.
bool take_unnumbered_mark(doc::Inlines& content) {
  if (content.empty()) return false;
  auto* text = std::get_if<doc::Text>(&content.back().node);
  if (!text) return false;
  for (const std::string_view mark : {"{-}", "{.unnumbered}"}) {
    if (!text->text.ends_with(mark)) continue;
    text->text.resize(text->text.size() - mark.size());
    while (!text->text.empty() && (text->text.back() == ' ' || text->text.back() == '\t')) text->text.pop_back();
    if (text->text.empty()) content.pop_back();
    return true;
  }
  return false;
}

doc::Align align_of(std::uint8_t a) {
  switch (a) {
    case 'l':
      return doc::Align::left;
    case 'c':
      return doc::Align::center;
    case 'r':
      return doc::Align::right;
    default:
      return doc::Align::none;
  }
}

}  // namespace

doc::Span Converter::span_at(int line, int byte_column) const {
  if (line <= 0) return doc::Span{file_, 0, 0};
  const auto l = static_cast<std::uint32_t>(line);
  const auto c = byte_column > 0 ? static_cast<std::uint32_t>(byte_column) : 0u;
  return doc::Span{file_, l, c ? columns_.code_point_column(l, c) : 0u};
}

doc::Span Converter::span(cmark_node* node) const {
  return span_at(cmark_node_get_start_line(node), cmark_node_get_start_column(node));
}

// Raw HTML is never passed through as markup (nothing in a chapter may run script or
// escape the XHTML). A comment is the author's note to self: left out. Anything else
// is set as the text it is, with a warning: true when the node is left out.
bool Converter::raw_html(cmark_node* node, doc::Span where) {
  const std::string text = literal(node);
  std::string_view html = text;
  while (!html.empty() && std::isspace(static_cast<unsigned char>(html.back()))) html.remove_suffix(1);
  while (!html.empty() && std::isspace(static_cast<unsigned char>(html.front()))) html.remove_prefix(1);
  if (html.starts_with("<!--") && html.ends_with("-->")) return true;
  std::size_t cut = std::min<std::size_t>(html.find('\n'), 40);
  while (cut > 0 && cut < html.size() && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) --cut;
  std::string shown(html.substr(0, cut));
  if (shown.size() < html.size()) shown += "\u2026";
  diags_.warning(book_.sources.locate(where), "raw HTML is set as text, not passed through: \u2018" + shown + "\u2019",
                 {"write it in Markdown (emphasis, links, images, tables), or remove it"});
  return false;
}

bool Converter::too_deep(cmark_node* node, int depth) {
  if (depth <= max_nesting) return false;
  if (!reported_depth_) {
    reported_depth_ = true;
    diags_.error(book_.sources.locate(span(node)),
                 "nested more than " + std::to_string(max_nesting) + " levels deep");
  }
  return true;
}

doc::Blocks Converter::blocks(cmark_node* parent, int depth) {
  doc::Blocks out;
  for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    block(n, out, depth);
  }
  return out;
}

doc::Inlines Converter::inline_content(cmark_node* container, int depth) {
  const int line = cmark_node_get_start_line(container);
  const int column = cmark_node_get_start_column(container);
  cursor_ = InlineCursor{};
  cursor_.content_column = column;
  cursor_.last_line = line;
  cursor_.last_end_column = column - 1;
  cursor_.last_start_column = column;
  return inlines(container, depth);
}

doc::Span Converter::inline_span(cmark_node* node) {
  InlineCursor& c = cursor_;
  const auto type = cmark_node_get_type(node);
  const int line = cmark_node_get_start_line(node);
  if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
    c.after_break = true;  // a break is where its line ends, just after the last node
    return span_at(c.last_line + c.line_shift, std::max(1, c.last_end_column + 1 - c.column_shift));
  }
  if (line <= 0) {
    if (type == CMARK_NODE_LINK) return c.autolink = find_autolink(node);
    cmark_node* parent = cmark_node_parent(node);
    if (parent && cmark_node_get_type(parent) == CMARK_NODE_LINK &&
        cmark_node_get_start_line(parent) <= 0) {
      return c.autolink;  // the text of such a link
    }
    // Text the autolink extension split off after a link it found: it follows on, and
    // (punctuation made typographic aside) is as long as it was in the source.
    const doc::Span here =
        span_at(c.last_line + c.line_shift, std::max(1, c.last_end_column + 1 - c.column_shift));
    const char* text = type == CMARK_NODE_TEXT ? cmark_node_get_literal(node) : nullptr;
    if (text) {
      c.last_start_column = c.last_end_column + 1;
      c.last_end_column += static_cast<int>(std::strlen(text));
    }
    return here;
  }
  int column = cmark_node_get_start_column(node);
  if (!c.after_break && line == c.last_line && column <= c.last_end_column) {
    column = c.last_end_column + 1;  // the autolink extension starts "www." links one early
  }
  if (c.after_break) {
    c.after_break = false;
    if (line <= c.last_line) {
      // Still on the line before the break: the backslash case. The node starts its
      // line's content, which cmark's column model puts at content_column.
      ++c.line_shift;
      c.column_shift = column - c.content_column;
    } else {
      c.column_shift = 0;  // handle_newline got it right
    }
  }
  c.last_start_column = column;
  if (!cmark_node_first_child(node)) passed(node);
  return span_at(line + c.line_shift, std::max(1, column - c.column_shift));
}

// Moves the cursor past `node`, whose end cmark reports (for text, the end of what it
// was before extensions split it, so only leaves and closed containers are used).
void Converter::passed(cmark_node* node) {
  if (cmark_node_get_end_line(node) <= 0) return;
  cursor_.last_line = cmark_node_get_end_line(node);
  cursor_.last_end_column = cmark_node_get_end_column(node);
}

// The autolink extension gives the links it finds in text no position. Their text is
// the URL as written, so look for it on the current line after the last node.
doc::Span Converter::find_autolink(cmark_node* link) {
  InlineCursor& c = cursor_;
  const int line = c.last_line + c.line_shift;
  const int from = std::max(0, c.last_start_column - c.column_shift - 1);
  cmark_node* text = cmark_node_first_child(link);
  const char* literal = text ? cmark_node_get_literal(text) : nullptr;
  const std::string_view source = columns_.line_text(static_cast<std::uint32_t>(std::max(line, 0)));
  if (literal && *literal && static_cast<std::size_t>(from) <= source.size()) {
    const std::size_t at = source.find(literal, static_cast<std::size_t>(from));
    if (at != std::string_view::npos) {
      c.last_start_column = static_cast<int>(at) + 1 + c.column_shift;
      c.last_end_column = static_cast<int>(at + std::strlen(literal)) + c.column_shift;
      c.last_line = line - c.line_shift;
      return span_at(line, static_cast<int>(at) + 1);
    }
  }
  return span_at(line, std::max(1, c.last_end_column + 1 - c.column_shift));
}

doc::Inlines Converter::inlines(cmark_node* parent, int depth) {
  doc::Inlines out;
  for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    inline_node(n, out, depth);
  }
  return out;
}

void Converter::block(cmark_node* node, doc::Blocks& out, int depth) {
  if (too_deep(node, depth)) return;
  const doc::Span where = span(node);
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH: {
      cmark_node* only = cmark_node_first_child(node);
      if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
        doc::Figure figure{image(only, span(only)), {}};
        if (!figure.image.title.empty()) {
          figure.caption.push_back({doc::Text{figure.image.title}, span(only)});
        }
        out.push_back({std::move(figure), where});
      } else {
        out.push_back({doc::Paragraph{inline_content(node, depth + 1)}, where});
      }
      return;
    }
    case CMARK_NODE_HEADING: {
      doc::Heading heading{cmark_node_get_heading_level(node), inline_content(node, depth + 1), {}};
      heading.numbered = !take_unnumbered_mark(heading.content);
      out.push_back({std::move(heading), where});
      return;
    }
    case CMARK_NODE_BLOCK_QUOTE:
      out.push_back({doc::BlockQuote{blocks(node, depth + 1)}, where});
      return;
    case CMARK_NODE_LIST:
      out.push_back({list(node, depth), where});
      return;
    case CMARK_NODE_CODE_BLOCK:
      out.push_back(
          {doc::CodeBlock{string_or_empty(cmark_node_get_fence_info(node)), literal(node)}, where});
      return;
    case CMARK_NODE_HTML_BLOCK:
      if (!raw_html(node, where)) out.push_back({doc::RawBlock{literal(node)}, where});
      return;
    case CMARK_NODE_THEMATIC_BREAK:
      out.push_back({doc::SceneBreak{}, where});
      return;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      return;  // cmark moves every referenced definition to the document's end
    default:
      if (type_is(node, "table")) {
        out.push_back({table(node, depth), where});
      } else {
        // Custom blocks only come from API users; keep what they hold.
        for (cmark_node* n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
          block(n, out, depth + 1);
        }
      }
  }
}

doc::List Converter::list(cmark_node* node, int depth) {
  doc::List list;
  list.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
  list.start = list.ordered ? cmark_node_get_list_start(node) : 1;
  list.tight = cmark_node_get_list_tight(node) != 0;
  for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
    list.items.push_back({blocks(item, depth + 2), span(item)});
  }
  return list;
}

doc::Table Converter::table(cmark_node* node, int depth) {
  doc::Table table;
  const std::size_t columns = cmark_gfm_extensions_get_table_columns(node);
  const std::uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(node);
  for (std::size_t i = 0; i < columns; ++i) table.align.push_back(align_of(aligns ? aligns[i] : 0));
  bool seen_header = false;
  for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
    std::vector<doc::TableCell> cells;
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
      cells.push_back({inline_content(cell, depth + 3), span(cell)});
    }
    // Keep the table rectangular: later stages index cells by column.
    while (cells.size() < columns) cells.push_back({{}, span(row)});
    if (cells.size() > columns) cells.resize(columns);
    if (!seen_header && cmark_gfm_extensions_get_table_row_is_header(row)) {
      seen_header = true;
      table.header = std::move(cells);
    } else {
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

void Converter::inline_node(cmark_node* node, doc::Inlines& out, int depth) {
  if (too_deep(node, depth)) return;
  const doc::Span where = inline_span(node);
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
      out.push_back({doc::Text{literal(node)}, where});
      return;
    case CMARK_NODE_SOFTBREAK:
      out.push_back({doc::SoftBreak{}, where});
      return;
    case CMARK_NODE_LINEBREAK:
      out.push_back({doc::LineBreak{}, where});
      return;
    case CMARK_NODE_CODE:
      out.push_back({doc::Code{literal(node)}, where});
      return;
    case CMARK_NODE_HTML_INLINE:
      if (!raw_html(node, where)) out.push_back({doc::RawHtml{literal(node)}, where});
      return;
    case CMARK_NODE_EMPH:
      out.push_back({doc::Emphasis{inlines(node, depth + 1)}, where});
      passed(node);
      return;
    case CMARK_NODE_STRONG:
      out.push_back({doc::Strong{inlines(node, depth + 1)}, where});
      passed(node);
      return;
    case CMARK_NODE_LINK:
      out.push_back(
          {doc::Link{string_or_empty(cmark_node_get_url(node)),
                     string_or_empty(cmark_node_get_title(node)), inlines(node, depth + 1)},
           where});
      passed(node);
      return;
    case CMARK_NODE_IMAGE:
      out.push_back({image(node, where), where});
      passed(node);
      return;
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
      // After cmark_parser_finish the reference's literal is the note's number in
      // this file (order of first reference); the label is the definition's.
      std::size_t length = 0;
      const char* label = octavo_cmark_footnote_label(node, &length);
      doc::NoteRef ref{label ? std::string(label, length) : std::string(), 0};
      ref.number = std::atoi(literal(node).c_str());
      out.push_back({std::move(ref), where});
      return;
    }
    default:
      if (type_is(node, "strikethrough")) {
        out.push_back({doc::Strikethrough{inlines(node, depth + 1)}, where});
        passed(node);
      } else {
        for (cmark_node* n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
          inline_node(n, out, depth + 1);
        }
      }
  }
}

doc::Image Converter::image(cmark_node* node, doc::Span where) {
  doc::Image image;
  image.src = string_or_empty(cmark_node_get_url(node));
  image.title = string_or_empty(cmark_node_get_title(node));
  append_alt(image.alt, node, 0);
  const ImageCheck check = check_image(image.src, chapter_dir_, book_.root);
  if (check.ok) {
    image.path = check.path;
    image.info = check.info;
  } else {
    diags_.error(book_.sources.locate(where), check.error, check.hints);
  }
  return image;
}

}  // namespace octavo::manuscript::detail
