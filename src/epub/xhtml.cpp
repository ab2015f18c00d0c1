#include "epub/xhtml.hpp"

#include <algorithm>
#include <set>

#include "epub/names.hpp"

namespace octavo::epub {
namespace {

using detail::Markup;

const char* align_class(doc::Align a) {
  switch (a) {
    case doc::Align::left:
      return "align-left";
    case doc::Align::center:
      return "align-center";
    case doc::Align::right:
      return "align-right";
    case doc::Align::none:
      break;
  }
  return nullptr;
}

bool has_text(const doc::Inlines& ins) {
  const std::string s = doc::plain_text(ins);
  return s.find_first_not_of(" \t\n\r") != std::string::npos;
}

// Writes one chapter's section. Walks the tree in the same order as the Plan's walker
// (blocks depth first, then notes), so that the k-th heading takes the k-th planned id.
class ChapterWriter {
 public:
  ChapterWriter(Markup& m, const Plan& plan, const ChapterFile& file)
      : m_(m), plan_(plan), file_(file), refs_seen_(file.refs_before) {}

  void chapter(const doc::Chapter& ch) {
    m_.open("section");
    m_.attr("epub:type", file_.part ? "part" : "chapter");
    m_.attr("role", file_.part ? "doc-part" : "doc-chapter");
    blocks(ch.blocks);
    if (file_.endnotes_level > 0 && !ch.notes.empty()) {
      endnotes(ch.notes);
    } else {
      // The notes follow the text as EPUB 3 footnote asides (EPUB 3 Structural Semantics
      // Vocabulary, "footnote"): reading systems that pop notes up hide them in the flow.
      for (const auto& n : ch.notes) note(n, "aside");
    }
    m_.close();
  }

 private:
  void blocks(const doc::Blocks& bs) {
    for (const auto& b : bs) block(b);
  }

  void block(const doc::Block& b) {
    std::visit(doc::overloaded{
                   [&](const doc::Paragraph& p) {
                     m_.open("p");
                     // Lines the author broke: verse, styled by the style's [verse].
                     if (doc::has_line_break(p.content)) m_.attr("class", "verse");
                     inlines(p.content);
                     m_.close();
                   },
                   [&](const doc::Heading& h) { heading(h); },
                   [&](const doc::BlockQuote& q) {
                     m_.open("blockquote");
                     blocks(q.children);
                     m_.close();
                   },
                   [&](const doc::List& l) { list(l); },
                   [&](const doc::CodeBlock& c) {
                     m_.open("pre");
                     m_.open_inline("code");
                     std::string_view text = c.text;
                     if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
                     m_.text(std::string(text));
                     m_.close();
                     m_.close();
                   },
                   [&](const doc::SceneBreak&) {
                     m_.open("hr");
                     m_.attr("class", "scene-break");
                     m_.close();
                   },
                   [&](const doc::Table& t) { table(t); },
                   [&](const doc::Figure& f) { figure(f); },
                   [&](const doc::RawBlock& r) {
                     // Raw HTML is shown as the text it is, never passed through as markup.
                     std::string_view html = r.html;
                     while (!html.empty() && (html.back() == '\n' || html.back() == '\r'))
                       html.remove_suffix(1);
                     m_.open("p");
                     m_.text(std::string(html));
                     m_.close();
                   },
               },
               b.node);
  }

  void heading(const doc::Heading& h) {
    static const char* const tags[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    // A page that begins with the heading: its marker stands before it, not in the
    // heading's text (which names the section).
    leading_page_breaks(h.content);
    m_.open(tags[std::clamp(h.level, 1, 6) - 1]);
    if (heading_ < file_.heading_ids.size()) m_.attr("id", file_.heading_ids[heading_]);
    if (heading_ < file_.heading_numbers.size() && !file_.heading_numbers[heading_].empty()) {
      // On a line of its own above the title (CSS), and read before it.
      m_.open_inline("span");
      m_.attr("class", "heading-number");
      m_.text(file_.heading_numbers[heading_]);
      m_.close();
      if (has_text(h.content)) m_.text(" ");
    }
    ++heading_;
    inlines(h.content);
    m_.close();
  }

  void list(const doc::List& l) {
    m_.open(l.ordered ? "ol" : "ul");
    if (l.ordered && l.start != 1) m_.attr("start", std::to_string(l.start));
    for (const auto& item : l.items) {
      m_.open("li");
      for (const auto& child : item.children) {
        // A tight list's paragraphs are its items' bare text, as in HTML.
        const auto* p = std::get_if<doc::Paragraph>(&child.node);
        if (l.tight && p) {
          inlines(p->content);
        } else {
          block(child);
        }
      }
      m_.close();
    }
    m_.close();
  }

  void row(const std::vector<doc::TableCell>& cells, const std::vector<doc::Align>& align,
           const char* tag) {
    m_.open("tr");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      // An empty header cell labels nothing: a td keeps the grid without a blank header.
      const bool blank = std::string_view(tag) == "th" && !has_text(cells[i].content);
      m_.open(blank ? "td" : tag);
      if (i < align.size())
        if (const char* cls = align_class(align[i])) m_.attr("class", cls);
      inlines(cells[i].content);
      m_.close();
    }
    m_.close();
  }

  void table(const doc::Table& t) {
    m_.open("table");
    const bool header = std::any_of(t.header.begin(), t.header.end(),
                                    [](const doc::TableCell& c) { return has_text(c.content); });
    if (header) {
      m_.open("thead");
      row(t.header, t.align, "th");
      m_.close();
    }
    if (!t.rows.empty()) {
      m_.open("tbody");
      for (const auto& r : t.rows) row(r, t.align, "td");
      m_.close();
    }
    m_.close();
  }

  // The image's file in the container, or nothing when the plan has none for it.
  const Resource* resource(const doc::Image& img) const {
    const auto it = plan_.image_by_path.find(img.path);
    return it == plan_.image_by_path.end() ? nullptr : &plan_.images[it->second];
  }

  void figure(const doc::Figure& f) {
    const Resource* r = resource(f.image);
    if (!r) {
      m_.open("p");
      m_.text(f.image.alt);
      m_.close();
      return;
    }
    m_.open("figure");
    m_.open("img");
    m_.attr("src", "../" + r->name);
    m_.attr("alt", f.image.alt);
    m_.close();
    if (!f.caption.empty()) {
      m_.open("figcaption");
      inlines(f.caption);
      m_.close();
    }
    m_.close();
  }

  // The chapter's notes as endnotes: a section with a heading and a list (DPUB-ARIA 1.1:
  // doc-endnotes on the section; its doc-endnote role for the items is deprecated, and
  // Ace's rules flag it, so the items carry only epub:type="endnote").
  void endnotes(const std::vector<doc::Footnote>& notes) {
    static const char* const tags[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    m_.open("section");
    m_.attr("epub:type", "endnotes");
    m_.attr("role", "doc-endnotes");
    m_.attr("aria-labelledby", endnotes_heading_id);
    m_.open(tags[std::clamp(file_.endnotes_level, 1, 6) - 1]);
    m_.attr("id", endnotes_heading_id);
    m_.text(detail::notes_label(plan_.language));
    m_.close();
    m_.open("ol");
    for (const auto& n : notes) note(n, "li");
    m_.close();
    m_.close();
  }

  // A note as a footnote <aside> or an endnote <li>: its number, a link back to its
  // first reference, opens its first paragraph.
  void note(const doc::Footnote& n, const char* tag) {
    const bool aside = std::string_view(tag) == "aside";
    m_.open(tag);
    m_.attr("epub:type", aside ? "footnote" : "endnote");
    if (aside) m_.attr("role", "doc-footnote");
    if (n.number > 0) m_.attr("id", note_id(n.number));
    const auto* first =
        n.content.empty() ? nullptr : std::get_if<doc::Paragraph>(&n.content[0].node);
    m_.open("p");
    backlink(n);
    if (first) {
      m_.text(" ");
      inlines(first->content);
    }
    m_.close();
    for (std::size_t i = first ? 1 : 0; i < n.content.size(); ++i) block(n.content[i]);
    m_.close();
  }

  // The note's number, linking back to its first reference.
  void backlink(const doc::Footnote& n) {
    const std::string label = n.number > 0 ? std::to_string(n.number) : n.label;
    const auto it = plan_.notes.find(n.number);
    if (n.number <= 0 || it == plan_.notes.end() || it->second.first_ref_file.empty()) {
      m_.text(label);
      return;
    }
    m_.open_inline("a");
    m_.attr("href", href_from_text(file_.name, it->second.first_ref_file, noteref_id(n.number, 1)));
    m_.attr("role", "doc-backlink");
    m_.text(label);
    m_.close();
  }

  void inlines(const doc::Inlines& ins) {
    for (const auto& in : ins) inline_(in);
  }

  // A Text node, with the print edition's page-break markers where its pages begin.
  void text(const doc::Text& t) {
    const auto it = plan_.marks.find(&t);
    if (it == plan_.marks.end()) {
      m_.text(t.text);
      return;
    }
    std::size_t done = 0;
    for (const auto& [offset, entry] : it->second) {
      if (written_.count(entry)) continue;
      const std::size_t at = std::min<std::size_t>(offset, t.text.size());
      if (at > done) m_.text(t.text.substr(done, at - done));
      page_break(entry);
      done = std::max(done, at);
    }
    if (done < t.text.size()) m_.text(t.text.substr(done));
  }

  void page_break(std::size_t entry) {
    written_.insert(entry);
    detail::page_break(m_, plan_.page_list[entry]);
  }

  // The markers of the pages that begin at the very start of `content`.
  void leading_page_breaks(const doc::Inlines& content) {
    if (content.empty()) return;
    const auto* t = std::get_if<doc::Text>(&content.front().node);
    if (!t) return;
    const auto it = plan_.marks.find(t);
    if (it == plan_.marks.end()) return;
    for (const auto& [offset, entry] : it->second)
      if (offset == 0 && !written_.count(entry)) page_break(entry);
  }

  void wrap(const char* tag, const doc::Inlines& children) {
    m_.open_inline(tag);
    inlines(children);
    m_.close();
  }

  void inline_(const doc::Inline& in) {
    std::visit(doc::overloaded{
                   [&](const doc::Text& t) { text(t); },
                   [&](const doc::Emphasis& e) { wrap("em", e.children); },
                   [&](const doc::Strong& s) { wrap("strong", s.children); },
                   [&](const doc::Strikethrough& s) { wrap("del", s.children); },
                   [&](const doc::Code& c) {
                     m_.open_inline("code");
                     m_.text(c.text);
                     m_.close();
                   },
                   [&](const doc::Link& l) { link(l); },
                   [&](const doc::Image& i) { image(i); },
                   [&](const doc::NoteRef& r) { note_ref(r); },
                   [&](const doc::LineBreak&) {
                     m_.open_inline("br");
                     m_.close();
                     m_.text("\n");
                   },
                   [&](const doc::SoftBreak&) { m_.text("\n"); },
                   [&](const doc::RawHtml& h) { m_.text(h.html); },
               },
               in.node);
  }

  void link(const doc::Link& l) {
    // Only web and mail links become links: anything else (javascript:, file:, data:,
    // relative paths that point nowhere in the container) stays as its text.
    const auto href = detail::safe_href(l.url);
    if (!href || in_link_) {
      inlines(l.children);
      return;
    }
    m_.open_inline("a");
    m_.attr("href", *href);
    if (!l.title.empty()) m_.attr("title", l.title);
    in_link_ = true;
    inlines(l.children);
    in_link_ = false;
    m_.close();
  }

  void image(const doc::Image& img) {
    const Resource* r = resource(img);
    if (!r) {
      m_.text(img.alt);
      return;
    }
    m_.open_inline("img");
    m_.attr("src", "../" + r->name);
    m_.attr("alt", img.alt);
    if (!img.title.empty()) m_.attr("title", img.title);
    m_.close();
  }

  void note_ref(const doc::NoteRef& r) {
    m_.open_inline("sup");
    if (r.number <= 0) {
      m_.text(r.label);
      m_.close();
      return;
    }
    const std::string id = noteref_id(r.number, ++refs_seen_[r.number]);
    const std::string label = std::to_string(r.number);
    const auto it = plan_.notes.find(r.number);
    if (it == plan_.notes.end() || it->second.file.empty() || in_link_) {
      // No note to link to (or already inside a link, where <a> may not nest): keep the
      // id, which the note's back link may point at.
      m_.attr("id", id);
      m_.text(label);
      m_.close();
      return;
    }
    m_.open_inline("a");
    m_.attr("epub:type", "noteref");
    m_.attr("role", "doc-noteref");
    m_.attr("id", id);
    m_.attr("href", href_from_text(file_.name, it->second.file, note_id(r.number)));
    m_.text(label);
    m_.close();
    m_.close();
  }

  Markup& m_;
  const Plan& plan_;
  const ChapterFile& file_;
  std::map<int, int> refs_seen_;
  std::size_t heading_ = 0;
  bool in_link_ = false;
  std::set<std::size_t> written_;  // page-list entries whose marker is written
};

}  // namespace

namespace detail {

void open_page(Markup& m, const Plan& plan, const std::string& title, const std::string& css_href) {
  m.prolog(true);
  m.open("html");
  m.attr("xmlns", "http://www.w3.org/1999/xhtml");
  m.attr("xmlns:epub", "http://www.idpf.org/2007/ops");
  m.attr("lang", plan.language);
  m.attr("xml:lang", plan.language);
  m.open("head");
  m.open("meta");
  m.attr("charset", "utf-8");
  m.close();
  m.element("title", title);
  m.open("link");
  m.attr("rel", "stylesheet");
  m.attr("type", "text/css");
  m.attr("href", css_href);
  m.close();
  m.close();
  m.open("body");
}

void close_page(Markup& m) {
  m.close();  // body
  m.close();  // html
}

void page_break(Markup& m, const PageEntry& page) {
  m.open_inline("span");
  m.attr("epub:type", "pagebreak");
  m.attr("role", "doc-pagebreak");
  m.attr("id", page.id);
  m.attr("aria-label", page.label);
  m.close();
}

}  // namespace detail

std::string chapter_xhtml(const doc::Book& book, const Plan& plan, std::size_t index) {
  const ChapterFile& file = plan.files[index];
  Markup m;
  detail::open_page(m, plan, file.title, "../css/book.css");
  ChapterWriter(m, plan, file).chapter(book.chapters[file.chapter]);
  detail::close_page(m);
  return m.str();
}

std::string cover_xhtml(const Plan& plan) {
  Markup m;
  detail::open_page(m, plan, plan.title, "../css/book.css");
  m.open("section");
  m.attr("epub:type", "cover");
  m.attr("class", "cover");
  m.open("img");
  m.attr("src", "../" + plan.images[plan.cover_image].name);
  m.attr("alt", plan.title);
  m.attr("role", "doc-cover");
  m.close();
  m.close();
  detail::close_page(m);
  return m.str();
}

namespace {

void paragraph(Markup& m, const char* cls, const std::string& text) {
  if (text.empty()) return;
  m.open("p");
  if (cls) m.attr("class", cls);
  m.text(text);
  m.close();
}

void page_breaks(Markup& m, const Plan& plan, const std::vector<std::size_t>& entries) {
  for (std::size_t entry : entries) detail::page_break(m, plan.page_list[entry]);
}

}  // namespace

std::string title_page_xhtml(const doc::Metadata& meta, const Plan& plan) {
  Markup m;
  detail::open_page(m, plan, plan.title, "../css/book.css");
  // The structural semantics' titlepage; DPUB-ARIA has no role for it (nor needs one).
  m.open("section");
  m.attr("epub:type", "titlepage");
  m.attr("class", "titlepage");
  page_breaks(m, plan, plan.title_page_marks);
  m.open("h1");
  m.attr("class", "title");
  m.text(plan.title);
  m.close();
  paragraph(m, "subtitle", meta.subtitle);
  paragraph(m, "author", doc::authors_line(meta));
  paragraph(m, "publisher", meta.publisher);
  m.close();
  detail::close_page(m);
  return m.str();
}

std::string copyright_xhtml(const doc::Metadata& meta, const Plan& plan) {
  Markup m;
  detail::open_page(m, plan, plan.title, "../css/book.css");
  m.open("section");
  m.attr("epub:type", "copyright-page");
  m.attr("class", "copyright-page");
  page_breaks(m, plan, plan.copyright_marks);
  for (const auto& line : doc::copyright_lines(meta)) paragraph(m, nullptr, line);
  m.close();
  detail::close_page(m);
  return m.str();
}

}  // namespace octavo::epub
