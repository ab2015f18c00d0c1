// parse_chapter: one Markdown file through cmark-gfm into a doc::Chapter.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "manuscript/cmark_private.h"
#include "manuscript/column_map.hpp"
#include "manuscript/convert.hpp"
#include "manuscript/manuscript.hpp"
#include "core/utf8.hpp"

namespace octavo::manuscript {
namespace {

namespace fs = std::filesystem;

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

// GFM with footnotes and typographic punctuation; positions on every node.
constexpr int parser_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS;

// `validate_utf8`: have cmark replace invalid sequences by U+FFFD, so the tree holds
// valid UTF-8 whatever the caller passed. read_book checks files first, and cmark's
// check is slower than ours (a few percent of its parse), so it is asked for only
// when the text is invalid.
ParserPtr make_parser(bool validate_utf8) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  ParserPtr parser(
      cmark_parser_new(parser_options | (validate_utf8 ? CMARK_OPT_VALIDATE_UTF8 : 0)));
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

// A footnote definition as the block parser saw it, before cmark_parser_finish()
// removed the unreferenced ones.
struct SeenDefinition {
  std::string label;
  int line = 0;
  int column = 0;  // cmark's: the byte after "[^label]: "
};

std::vector<SeenDefinition> seen_definitions(cmark_node* root) {
  std::vector<SeenDefinition> out;
  // Iterative preorder walk over blocks only: inlines are not parsed yet, and block
  // quotes may nest deeper than the stack would like.
  cmark_node* node = root;
  while (node) {
    if (cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION) {
      std::size_t length = 0;
      const char* label = octavo_cmark_footnote_label(node, &length);
      out.push_back({label ? std::string(label, length) : std::string(),
                     cmark_node_get_start_line(node), cmark_node_get_start_column(node)});
    }
    if (cmark_node* child = cmark_node_first_child(node)) {
      node = child;
      continue;
    }
    while (node && node != root && !cmark_node_next(node)) node = cmark_node_parent(node);
    node = (node && node != root) ? cmark_node_next(node) : nullptr;
  }
  return out;
}

// cmark matches labels case-insensitively (CommonMark §4.7); ASCII folding is enough
// to recognise a repeated definition.
std::string fold(std::string_view label) {
  std::string out(label);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The byte column of the "[^" that opens a definition whose text starts at
// `content_column`, found by stepping back over "[^label]:" and the spaces after it.
int definition_column(const detail::ColumnMap& columns, const SeenDefinition& def) {
  const std::string_view line = columns.line_text(static_cast<std::uint32_t>(def.line));
  std::size_t p = std::min<std::size_t>(def.column > 0 ? def.column - 1 : 0, line.size());
  while (p > 0 && (line[p - 1] == ' ' || line[p - 1] == '\t')) --p;
  const std::size_t need = def.label.size() + 4;  // "[^" label "]:"
  if (p >= need && line.substr(p - need, need) == "[^" + def.label + "]:") {
    return static_cast<int>(p - need + 1);
  }
  return def.column;
}

std::string source_name(const fs::path& chapter_path, const fs::path& root) {
  const fs::path rel = chapter_path.lexically_normal().lexically_relative(root.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return chapter_path.filename().generic_string();
  return rel.generic_string();
}

}  // namespace

void parse_chapter(std::string_view markdown, const fs::path& chapter_path, doc::Book& book,
                   doc::Chapter& chapter, core::Diagnostics& diags) {
  const core::FileId file = book.sources.add(chapter_path.string());
  parse_chapter(markdown, chapter_path, file, book, chapter, diags);
}

void parse_chapter(std::string_view markdown, const fs::path& chapter_path, core::FileId file, doc::Book& book,
                   doc::Chapter& chapter, core::Diagnostics& diags) {
  chapter.file = file;
  if (chapter.source.empty()) chapter.source = source_name(chapter_path, book.root);
  const detail::ColumnMap columns(markdown);

  ParserPtr parser = make_parser(!core::utf8::is_valid(markdown));
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  // The last line is parsed only once it ends; end it so that the definitions seen
  // below include one written on the file's last line.
  if (!markdown.empty() && markdown.back() != '\n' && markdown.back() != '\r') {
    cmark_parser_feed(parser.get(), "\n", 1);
  }
  const std::vector<SeenDefinition> seen = seen_definitions(octavo_cmark_parser_root(parser.get()));
  const NodePtr document(cmark_parser_finish(parser.get()));

  detail::Converter convert(book, chapter.file, columns, chapter_path.parent_path(), diags);
  std::set<std::pair<int, int>> kept;
  int number = 0;
  for (cmark_node* n = cmark_node_first_child(document.get()); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION) {
      convert.block(n, chapter.blocks, 1);
      continue;
    }
    // Referenced definitions come last, in order of first reference: number them so.
    SeenDefinition def{{}, cmark_node_get_start_line(n), cmark_node_get_start_column(n)};
    std::size_t length = 0;
    if (const char* label = octavo_cmark_footnote_label(n, &length))
      def.label.assign(label, length);
    kept.insert({def.line, def.column});
    chapter.notes.push_back({def.label, ++number, convert.blocks(n, 2),
                             convert.span_at(def.line, definition_column(columns, def))});
  }

  std::map<std::string, int> first_line;  // folded label → line of its first definition
  for (const SeenDefinition& def : seen) {
    const auto where =
        book.sources.locate(convert.span_at(def.line, definition_column(columns, def)));
    const std::string key = fold(def.label);
    const auto earlier = first_line.find(key);
    if (earlier != first_line.end()) {
      diags.error(where, "footnote [^" + def.label + "] is defined more than once",
                  {"the first definition is on line " + std::to_string(earlier->second)});
      continue;
    }
    first_line.emplace(key, def.line);
    if (!kept.count({def.line, def.column})) {
      diags.warning(where, "footnote [^" + def.label + "] is never referenced");
    }
  }
}

}  // namespace octavo::manuscript
