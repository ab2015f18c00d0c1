#include "epub/css.hpp"

#include <algorithm>

#include "epub/names.hpp"

namespace octavo::epub {
namespace {

using detail::css_string;
using detail::number;

// A length in points as ems of a font of `size` points.
// The body size (points) that the reader's default size stands for.
constexpr double kReaderBodySize = 11;

std::string em(double points, double size) {
  return number(size > 0 ? points / size : 0) + "em";
}

const char* text_align(style::Align a) {
  switch (a) {
    case style::Align::justify:
      return "justify";
    case style::Align::left:
      return "left";
    case style::Align::center:
      return "center";
    case style::Align::right:
      return "right";
  }
  return "left";
}

// Accumulates one rule at a time: selector { property: value; … }.
class Sheet {
 public:
  void rule(const std::string& selector) {
    out_ += selector;
    out_ += " {\n";
  }
  void decl(const char* property, const std::string& value) {
    out_ += "  ";
    out_ += property;
    out_ += ": ";
    out_ += value;
    out_ += ";\n";
  }
  void end() { out_ += "}\n\n"; }
  std::string take() {
    if (out_.size() >= 2) out_.pop_back();  // one newline at the end, not a blank line
    return std::move(out_);
  }

 private:
  std::string out_;
};

void font_faces(Sheet& s, const Plan& plan) {
  for (const auto& face : plan.faces) {
    s.rule("@font-face");
    s.decl("font-family", css_string(face.family));
    s.decl("font-style", face.italic ? "italic" : "normal");
    s.decl("font-weight", face.bold ? "bold" : "normal");
    s.decl("src", "url(" + css_string("../" + plan.fonts[face.resource].name) + ")");
    s.end();
  }
}

std::string mono_family(const style::Style& st, const Plan& plan) {
  if (!plan.mono_family.empty()) return css_string(plan.mono_family) + ", monospace";
  if (!st.mono_font.name.empty()) return css_string(st.mono_font.name) + ", monospace";
  return "monospace";
}

void body(Sheet& s, const style::Style& st) {
  const auto& b = st.body;
  s.rule("body");
  s.decl("font-family",
         st.body_font.name.empty() ? "serif" : css_string(st.body_font.name) + ", serif");
  // The reader's own size is the size of a normal book's text, 11 pt: a style set
  // larger or smaller (large print) scales it by as much. Everything else is relative.
  s.decl("font-size", em(b.size, kReaderBodySize));
  s.decl("line-height", number(b.size > 0 ? b.leading / b.size : 1.2));
  if (b.word_spacing_em != 0) s.decl("word-spacing", number(b.word_spacing_em) + "em");
  s.decl("text-align", text_align(b.align));
  // A word longer than a phone's line (an address, a chemical name) breaks rather than
  // running off the screen.
  s.decl("overflow-wrap", "break-word");
  if (b.hyphenate) {
    s.decl("-webkit-hyphens", "auto");
    s.decl("hyphens", "auto");
  }
  s.end();

  s.rule("p");
  s.decl("margin", "0");
  s.decl("text-indent", "0");
  s.end();
  // Indent only a paragraph that follows a paragraph: never after a heading, a scene
  // break, a quotation or a figure (Bringhurst, The Elements of Typographic Style, 2.3.2).
  if (b.paragraph_spacing > 0 || b.indent_em > 0) {
    s.rule("p + p");
    if (b.paragraph_spacing > 0) s.decl("margin-top", em(b.paragraph_spacing, b.size));
    if (b.indent_em > 0) s.decl("text-indent", number(b.indent_em) + "em");
    s.end();
  }
}

void headings(Sheet& s, const style::Style& st, const Plan& plan) {
  for (int level = 1; level <= 6; ++level) {
    const auto& h = st.headings[level - 1];
    const double size = h.size > 0 ? h.size : st.body.size;
    s.rule("h" + std::to_string(level));
    if (h.font == style::FontRole::heading && !plan.heading_family.empty())
      s.decl("font-family", css_string(plan.heading_family) + ", serif");
    else if (h.font == style::FontRole::mono)
      s.decl("font-family", mono_family(st, plan));
    else if (h.font == style::FontRole::body && !plan.heading_family.empty())
      s.decl("font-family", "inherit");
    s.decl("font-size", em(size, st.body.size));
    s.decl("font-weight", h.bold ? "bold" : "normal");
    s.decl("font-style", h.italic ? "italic" : "normal");
    s.decl("font-variant", h.text_case == style::Case::small_caps ? "small-caps" : "normal");
    s.decl("text-transform", h.text_case == style::Case::upper ? "uppercase" : "none");
    s.decl("text-align", text_align(h.align));
    s.decl("text-indent", "0");
    s.decl("line-height",
           number(st.body.size > 0 ? std::max(1.0, st.body.leading / st.body.size) : 1.2));
    // A heading that opens a page drops by the chapter sink when the style sets one.
    const double before = h.page_break && st.opening.sink ? *st.opening.sink : h.space_before;
    s.decl("margin", em(before, size) + " 0 " + em(h.space_after, size) + " 0");
    s.decl("-webkit-hyphens", "manual");
    s.decl("hyphens", "manual");
    if (h.page_break) s.decl("page-break-before", "always");
    s.decl("page-break-after", "avoid");
    s.end();
  }
  // headings.N.number: the number on a line of its own above the title.
  if (std::none_of(st.headings.begin(), st.headings.end(), [](const style::Heading& h) { return !h.number.empty(); }))
    return;
  s.rule(".heading-number");
  s.decl("display", "block");
  s.decl("margin-bottom", "0.5em");
  s.end();
}

void blocks(Sheet& s, const style::Style& st, const Plan& plan) {
  const double body = st.body.size;
  const double quote = st.blockquote_size > 0 ? st.blockquote_size : body;
  s.rule("blockquote");
  s.decl("font-size", em(quote, body));
  s.decl("margin", em(st.body.leading, quote) + " " + em(st.blockquote_indent_em * body, quote));
  s.end();

  s.rule("hr.scene-break");
  s.decl("border", "0");
  s.decl("height", "auto");
  s.decl("margin", em(st.body.leading, body) + " 0");
  s.decl("text-align", "center");
  s.decl("overflow", "visible");
  s.end();
  if (plan.ornament) {
    // The style's image, centred in a line of its height (decorative: a background).
    const double h = st.scene_break_image_height > 0 ? st.scene_break_image_height : body;
    s.rule("hr.scene-break");
    s.decl("height", em(h, body));
    s.decl("background", "url(" + css_string("../" + plan.ornament->name) + ") no-repeat center");
    s.decl("background-size", "contain");
    s.end();
  } else {
    s.rule("hr.scene-break::after");
    s.decl("content", css_string(st.scene_break));
    s.end();
  }

  // Verse: its own lines, set in from the left.
  const auto& v = st.verse;
  s.rule("p.verse");
  if (v.size > 0) s.decl("font-size", em(v.size, body));
  if (v.italic) s.decl("font-style", "italic");
  s.decl("margin", "0 0 0 " + em(v.indent_em * body, v.size > 0 ? v.size : body));
  s.decl("text-indent", "0");
  s.decl("text-align", "left");
  s.end();
  if (v.italic) {
    s.rule("p.verse em");
    s.decl("font-style", "normal");
    s.end();
  }
  // In a quotation verse keeps the quotation's size and margins.
  s.rule("blockquote p.verse");
  s.decl("font-size", "inherit");
  s.decl("margin", "0");
  s.end();

  s.rule("code, pre");
  s.decl("font-family", mono_family(st, plan));
  s.decl("-webkit-hyphens", "none");
  s.decl("hyphens", "none");
  s.end();
  s.rule("pre");
  s.decl("margin", em(st.body.leading, body) + " 0");
  s.decl("text-align", "left");
  s.decl("white-space", "pre-wrap");
  s.end();

  s.rule("table");
  s.decl("border-collapse", "collapse");
  s.decl("margin", em(st.body.leading, body) + " auto");
  s.end();
  s.rule("th, td");
  s.decl("padding", "0 0.5em");
  s.decl("text-align", "left");
  s.decl("vertical-align", "top");
  s.end();
  for (const char* a : {"left", "center", "right"}) {
    s.rule(std::string(".align-") + a);
    s.decl("text-align", a);
    s.end();
  }

  s.rule("figure");
  s.decl("margin", em(st.body.leading, body) + " 0");
  s.decl("text-align", "center");
  s.end();
  s.rule("img");
  s.decl("max-width", "100%");
  s.decl("height", "auto");
  s.end();
  s.rule("figcaption");
  s.decl("text-align", "center");
  s.decl("text-indent", "0");
  s.end();
  s.rule(".cover");
  s.decl("margin", "0");
  s.decl("padding", "0");
  s.decl("text-align", "center");
  s.end();
  s.rule(".cover img");
  s.decl("max-height", "100%");
  s.end();
}

void notes(Sheet& s, const style::Style& st) {
  const double body = st.body.size;
  const double size = st.notes.size > 0 ? st.notes.size : body;
  s.rule("sup");
  s.decl("line-height", "0");
  s.end();
  s.rule("a[role=\"doc-noteref\"]");
  s.decl("text-decoration", "none");
  s.end();
  s.rule("aside");
  s.decl("font-size", em(size, body));
  s.decl("line-height", number(st.notes.leading / size));
  s.decl("text-align", "left");
  s.end();
  // A note's first line is indented as in print (footnotes.indent).
  const double indent = st.notes.indent_em >= 0 ? st.notes.indent_em : st.body.indent_em;
  if (indent > 0) {
    s.rule("aside > p:first-child");
    s.decl("text-indent", number(indent) + "em");
    s.end();
  }
  // The short rule above a chapter's notes, as in print.
  s.rule("aside:first-of-type");
  s.decl("margin-top", em(st.body.leading, size));
  s.end();
  s.rule("aside:first-of-type::before");
  s.decl("content", "\"\"");
  s.decl("display", "block");
  s.decl("width", em(st.notes.separator_width, size));
  s.decl("max-width", "50%");
  s.decl("border-top", "thin solid");
  s.decl("margin-bottom", em(st.notes.leading / 2, size));
  s.end();
  s.rule("nav#toc ol");
  s.decl("list-style-type", "none");
  s.end();
  if (!st.endnotes) return;
  // Endnotes: a list numbered by the notes' own numbers (each opens with its number),
  // in the notes' size, under a short rule as the footnotes are.
  s.rule("section[role=\"doc-endnotes\"]");
  s.decl("margin-top", em(2 * st.body.leading, body));
  s.end();
  s.rule("section[role=\"doc-endnotes\"] ol");
  s.decl("list-style-type", "none");
  s.decl("margin", "0");
  s.decl("padding", "0");
  s.decl("font-size", em(size, body));
  s.decl("line-height", number(st.notes.leading / size));
  s.decl("text-align", "left");
  s.end();
  s.rule("section[role=\"doc-endnotes\"] li + li");
  s.decl("margin-top", em(st.notes.leading / 2, size));
  s.end();
}

// The title page (as the printed one: the title larger than any heading, then the
// subtitle, the authors, the publisher in small capitals lower down) and the copyright
// page (in the notes' size, a line between its paragraphs).
void front_matter(Sheet& s, const style::Style& st) {
  const double body = st.body.size;
  const double h1 = st.headings[0].size > 0 ? st.headings[0].size : body;
  s.rule(".titlepage");
  s.decl("text-align", "center");
  s.decl("margin-top", "20%");
  s.end();
  s.rule(".titlepage h1.title");
  s.decl("font-size", em(h1 * 1.6, body));  // front_matter.cpp kTitleScale
  s.decl("margin", "0 0 0.5em 0");
  s.decl("page-break-before", "auto");
  s.end();
  s.rule(".titlepage p");
  s.decl("text-align", "center");
  s.decl("text-indent", "0");
  s.decl("margin", "0");
  s.end();
  s.rule(".titlepage p.subtitle");
  s.decl("font-size", em(h1 * 0.9, body));
  s.decl("font-style", "italic");
  s.end();
  s.rule(".titlepage p.author");
  s.decl("font-size", em(h1 * 0.8, body));
  s.decl("margin-top", "3em");
  s.end();
  s.rule(".titlepage p.publisher");
  s.decl("font-variant", "small-caps");
  s.decl("margin-top", "6em");
  s.end();
  const double size = st.notes.size > 0 ? st.notes.size : body;
  s.rule(".copyright-page p");
  s.decl("font-size", em(size, body));
  s.decl("text-align", "left");
  s.decl("text-indent", "0");
  s.decl("margin", "0 0 " + em(st.notes.leading > 0 ? st.notes.leading : size * 1.2, size) + " 0");
  s.end();
}

// A chapter's first paragraph: the one right after the heading that opens its section
// (a chapter's: not the title page's subtitle). CSS cannot count words, so the small
// capitals run to the end of the first line.
void chapter_opening(Sheet& s, const style::Style& st) {
  const auto& op = st.opening;
  // The heading may come after the marker of the printed page it opens.
  const auto selector = [](const char* pseudo) {
    std::string out;
    for (int level = 1; level <= 6; ++level) {
      const std::string h = "h" + std::to_string(level);
      if (level > 1) out += ",\n";
      out += "section[role=\"doc-chapter\"] > " + h + ":first-child + p" + pseudo + ",\n";
      out += "section[role=\"doc-chapter\"] > span[role=\"doc-pagebreak\"]:first-child + " + h +
             " + p" + pseudo;
    }
    return out;
  };
  if (op.drop_cap >= 2) {
    // The letter's cap height (about two thirds of its size) spans N − 1 leadings and
    // the first line's capitals, as in print.
    constexpr double cap = 0.66;
    const double lines = st.body.size > 0 ? st.body.leading / st.body.size : 1.2;
    s.rule(selector("::first-letter"));
    s.decl("float", "left");
    s.decl("font-size", number(((op.drop_cap - 1) * lines + cap) / cap) + "em");
    s.decl("line-height", "1");
    s.decl("margin", "0 0.1em 0 0");
    s.end();
  }
  if (op.small_caps_words > 0) {
    s.rule(selector("::first-line"));
    s.decl("font-variant", "small-caps");
    s.end();
  }
}

}  // namespace

std::string stylesheet(const style::Style& style, const Plan& plan) {
  Sheet s;
  font_faces(s, plan);
  body(s, style);
  headings(s, style, plan);
  chapter_opening(s, style);
  front_matter(s, style);
  blocks(s, style, plan);
  notes(s, style);
  return s.take();
}

}  // namespace octavo::epub
