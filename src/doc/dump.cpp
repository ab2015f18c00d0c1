#include "doc/dump.hpp"

namespace octavo::doc {
namespace {

// Quotes text for the dump: backslash, quote and control characters escaped.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + '"';
}

std::string at(Span s) { return " @" + std::to_string(s.line) + ":" + std::to_string(s.column); }

const char* align_name(Align a) {
  switch (a) {
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
    case Align::none: break;
  }
  return "none";
}

class Dumper {
public:
  std::string out;

  void line(int depth, const std::string& text) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += text;
    out += '\n';
  }

  void inlines(const Inlines& list, int depth) {
    for (const auto& in : list) inline_node(in, depth);
  }

  void inline_node(const Inline& in, int d) {
    const std::string pos = at(in.span);
    std::visit(overloaded{
                   [&](const Text& t) { line(d, "text" + pos + " " + quoted(t.text)); },
                   [&](const Emphasis& e) { line(d, "emph" + pos); inlines(e.children, d + 1); },
                   [&](const Strong& s) { line(d, "strong" + pos); inlines(s.children, d + 1); },
                   [&](const Strikethrough& s) { line(d, "strike" + pos); inlines(s.children, d + 1); },
                   [&](const Code& c) { line(d, "code" + pos + " " + quoted(c.text)); },
                   [&](const Link& l) {
                     line(d, "link" + pos + " url=" + quoted(l.url) +
                                 (l.title.empty() ? "" : " title=" + quoted(l.title)));
                     inlines(l.children, d + 1);
                   },
                   [&](const Image& i) { image(i, pos, d); },
                   [&](const NoteRef& n) {
                     line(d, "noteref" + pos + " label=" + quoted(n.label) + " number=" +
                                 std::to_string(n.number));
                   },
                   [&](const LineBreak&) { line(d, "linebreak" + pos); },
                   [&](const SoftBreak&) { line(d, "softbreak" + pos); },
                   [&](const RawHtml& h) { line(d, "rawhtml" + pos + " " + quoted(h.html)); },
               },
               in.node);
  }

  void image(const Image& i, const std::string& pos, int d) {
    line(d, "image" + pos + " src=" + quoted(i.src) + " path=" + quoted(i.path) +
                " alt=" + quoted(i.alt) + (i.title.empty() ? "" : " title=" + quoted(i.title)) +
                " " + std::to_string(i.info.width) + "x" + std::to_string(i.info.height));
  }

  void blocks(const Blocks& list, int depth) {
    for (const auto& b : list) block(b, depth);
  }

  void block(const Block& b, int d) {
    const std::string pos = at(b.span);
    std::visit(overloaded{
                   [&](const Paragraph& p) { line(d, "para" + pos); inlines(p.content, d + 1); },
                   [&](const Heading& h) {
                     line(d, "heading" + pos + " level=" + std::to_string(h.level) + " id=" + quoted(h.id));
                     inlines(h.content, d + 1);
                   },
                   [&](const BlockQuote& q) { line(d, "blockquote" + pos); blocks(q.children, d + 1); },
                   [&](const List& l) {
                     line(d, std::string(l.ordered ? "ordered_list" : "bullet_list") + pos +
                                 (l.ordered ? " start=" + std::to_string(l.start) : "") +
                                 (l.tight ? " tight" : " loose"));
                     for (const auto& item : l.items) {
                       line(d + 1, "item" + at(item.span));
                       blocks(item.children, d + 2);
                     }
                   },
                   [&](const CodeBlock& c) {
                     line(d, "code_block" + pos + (c.info.empty() ? "" : " info=" + quoted(c.info)) +
                                 " " + quoted(c.text));
                   },
                   [&](const SceneBreak&) { line(d, "scene_break" + pos); },
                   [&](const Table& t) { table(t, pos, d); },
                   [&](const Figure& f) {
                     line(d, "figure" + pos);
                     image(f.image, at(b.span), d + 1);
                     if (!f.caption.empty()) {
                       line(d + 1, "caption");
                       inlines(f.caption, d + 2);
                     }
                   },
                   [&](const RawBlock& r) { line(d, "rawblock" + pos + " " + quoted(r.html)); },
               },
               b.node);
  }

  void table(const Table& t, const std::string& pos, int d) {
    std::string aligns;
    for (auto a : t.align) aligns += std::string(aligns.empty() ? "" : ",") + align_name(a);
    line(d, "table" + pos + " align=" + aligns);
    line(d + 1, "header");
    for (const auto& c : t.header) {
      line(d + 2, "cell" + at(c.span));
      inlines(c.content, d + 3);
    }
    for (const auto& row : t.rows) {
      line(d + 1, "row");
      for (const auto& c : row) {
        line(d + 2, "cell" + at(c.span));
        inlines(c.content, d + 3);
      }
    }
  }

  void chapter(const Chapter& ch, int d) {
    line(d, "chapter " + quoted(ch.source));
    blocks(ch.blocks, d + 1);
    for (const auto& n : ch.notes) {
      line(d + 1, "footnote" + at(n.span) + " label=" + quoted(n.label) + " number=" +
                      std::to_string(n.number));
      blocks(n.content, d + 2);
    }
  }
};

}  // namespace

std::string dump(const Blocks& blocks) {
  Dumper d;
  d.blocks(blocks, 0);
  return d.out;
}

std::string dump(const Chapter& chapter) {
  Dumper d;
  d.chapter(chapter, 0);
  return d.out;
}

std::string dump(const Book& book) {
  Dumper d;
  const auto& m = book.meta;
  d.line(0, "book title=" + quoted(m.title));
  if (!m.subtitle.empty()) d.line(1, "subtitle " + quoted(m.subtitle));
  for (const auto& a : m.authors) d.line(1, "author " + quoted(a));
  d.line(1, "language " + quoted(m.language));
  d.line(1, "identifier " + quoted(m.identifier));
  if (!m.date.empty()) d.line(1, "date " + quoted(m.date));
  if (!m.publisher.empty()) d.line(1, "publisher " + quoted(m.publisher));
  if (!m.description.empty()) d.line(1, "description " + quoted(m.description));
  if (!m.rights.empty()) d.line(1, "rights " + quoted(m.rights));
  if (!m.cover.empty()) d.line(1, "cover " + quoted(m.cover));
  for (const auto& ch : book.chapters) d.chapter(ch, 1);
  return d.out;
}

}  // namespace octavo::doc
