#include "doc/tree.hpp"

#include <atomic>

namespace octavo::doc {
namespace {

void append_plain(std::string& out, const Inlines& inlines) {
  for (const auto& in : inlines) {
    std::visit(overloaded{
                   [&](const Text& t) { out += t.text; },
                   [&](const Code& c) { out += c.text; },
                   [&](const Emphasis& e) { append_plain(out, e.children); },
                   [&](const Strong& s) { append_plain(out, s.children); },
                   [&](const Strikethrough& s) { append_plain(out, s.children); },
                   [&](const Link& l) { append_plain(out, l.children); },
                   [&](const Image& i) { out += i.alt; },
                   [&](const NoteRef&) {},
                   [&](const LineBreak&) { out += ' '; },
                   [&](const SoftBreak&) { out += ' '; },
                   [&](const RawHtml& h) { out += h.html; },
               },
               in.node);
  }
}

void collect_images(std::vector<const Image*>& out, const Inlines& inlines);
void collect_images(std::vector<const Image*>& out, const Blocks& blocks);

void collect_images(std::vector<const Image*>& out, const Inlines& inlines) {
  for (const auto& in : inlines) {
    std::visit(overloaded{
                   [&](const Image& i) { out.push_back(&i); },
                   [&](const Emphasis& e) { collect_images(out, e.children); },
                   [&](const Strong& s) { collect_images(out, s.children); },
                   [&](const Strikethrough& s) { collect_images(out, s.children); },
                   [&](const Link& l) { collect_images(out, l.children); },
                   [&](const auto&) {},
               },
               in.node);
  }
}

void collect_images(std::vector<const Image*>& out, const Blocks& blocks) {
  for (const auto& b : blocks) {
    std::visit(overloaded{
                   [&](const Paragraph& p) { collect_images(out, p.content); },
                   [&](const Heading& h) { collect_images(out, h.content); },
                   [&](const BlockQuote& q) { collect_images(out, q.children); },
                   [&](const List& l) {
                     for (const auto& item : l.items) collect_images(out, item.children);
                   },
                   [&](const Table& t) {
                     for (const auto& c : t.header) collect_images(out, c.content);
                     for (const auto& row : t.rows)
                       for (const auto& c : row) collect_images(out, c.content);
                   },
                   [&](const Figure& f) {
                     out.push_back(&f.image);
                     collect_images(out, f.caption);
                   },
                   [&](const auto&) {},
               },
               b.node);
  }
}

}  // namespace

bool has_line_break(const Inlines& inlines) {
  for (const auto& in : inlines) {
    const bool found = std::visit(overloaded{
                                      [](const LineBreak&) { return true; },
                                      [](const Emphasis& e) { return has_line_break(e.children); },
                                      [](const Strong& e) { return has_line_break(e.children); },
                                      [](const Strikethrough& e) { return has_line_break(e.children); },
                                      [](const Link& e) { return has_line_break(e.children); },
                                      [](const auto&) { return false; },
                                  },
                                  in.node);
    if (found) return true;
  }
  return false;
}

std::string plain_text(const Inlines& inlines) {
  std::string out;
  append_plain(out, inlines);
  return out;
}

const Heading* first_heading(const Chapter& chapter) {
  for (const auto& b : chapter.blocks)
    if (const auto* h = std::get_if<Heading>(&b.node)) return h;
  return nullptr;
}

std::string authors_line(const Metadata& meta) {
  std::string out;
  for (std::size_t i = 0; i < meta.authors.size(); ++i) {
    if (i) out += i + 1 == meta.authors.size() ? " and " : ", ";
    out += meta.authors[i];
  }
  return out;
}

std::vector<std::string> copyright_lines(const Metadata& meta) {
  std::vector<std::string> out;
  out.push_back(meta.title + (meta.subtitle.empty() ? "" : ": " + meta.subtitle));
  if (const std::string authors = authors_line(meta); !authors.empty()) out.push_back(authors);
  if (!meta.date.empty()) out.push_back(meta.date);
  if (!meta.rights.empty()) out.push_back(meta.rights);
  if (!meta.publisher.empty()) out.push_back("Published by " + meta.publisher);
  if (!meta.print_isbn.empty()) out.push_back("ISBN " + meta.print_isbn);
  if (!meta.identifier.empty()) out.push_back(meta.identifier);
  return out;
}

std::vector<const Image*> images(const Chapter& chapter) {
  std::vector<const Image*> out;
  collect_images(out, chapter.blocks);
  for (const auto& n : chapter.notes) collect_images(out, n.content);
  return out;
}

std::vector<const Image*> images(const Book& book) {
  std::vector<const Image*> out;
  for (const auto& ch : book.chapters) {
    collect_images(out, ch.blocks);
    for (const auto& n : ch.notes) collect_images(out, n.content);
  }
  return out;
}

std::uint64_t new_revision() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

}  // namespace octavo::doc
