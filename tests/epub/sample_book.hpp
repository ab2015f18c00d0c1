#pragma once
// A small hand-built book for the EPUB tests: the sample article of /work/main/manuscript
// (heading, emphasised standfirst, dateline, paragraphs with curly quotes), extended with
// what a real book needs: notes (one referenced three times, across files), a block quote,
// lists, tables, a scene break, a figure, code, verse, raw HTML, a part file and headings
// that skip a level. Built directly, so these tests do not depend on the manuscript reader.
#include <string>
#include <utility>

#include "doc/tree.hpp"
#include "style/style.hpp"

namespace octavo::epub::test {

using namespace octavo::doc;

inline Inline text(std::string s, Span sp = {}) {
  return {Text{std::move(s)}, sp};
}
inline Inline em(Inlines c) {
  return {Emphasis{std::move(c)}, {}};
}
inline Inline strong(Inlines c) {
  return {Strong{std::move(c)}, {}};
}
inline Inline ref(int n) {
  return {NoteRef{std::to_string(n), n}, {}};
}
inline Block para(Inlines c, Span sp = {}) {
  return {Paragraph{std::move(c)}, sp};
}
inline Block heading(int level, std::string title, std::string id) {
  return {Heading{level, {text(std::move(title))}, std::move(id)}, {}};
}
inline TableCell cell(std::string s) {
  return {{text(std::move(s))}, {}};
}

inline Book sample_book() {
  Book book;
  book.root = OCTAVO_SOURCE_DIR "/tests/epub";
  auto& m = book.meta;
  m.title = "Medvedev: Russia will help Kosovo remain part of Serbia";
  m.authors = {"KosovoCompromise Staff"};
  m.language = "en";
  m.identifier = "urn:uuid:90520538-e3ec-53c5-829f-58e39587b89f";
  m.date = "2008-02-26";
  m.publisher = "KosovoCompromise";
  m.description =
      "Russia and Serbia stood firmly in defense of Belgrade\u2019s territorial integrity.";
  m.cover = "data/cover.png";

  // ---- 01-article.md ----
  Chapter a;
  a.file = book.sources.add("chapters/01-article.md");
  a.source = "chapters/01-article.md";
  a.blocks.push_back(heading(1, m.title, "medvedev-russia-will-help-kosovo-remain-part-of-serbia"));
  a.blocks.push_back(para({em(
      {text("Russia and Serbia stood firmly in defense of Belgrade\u2019s territorial integrity "
            "Monday, pledging to annul the unilaterally declared independence of Kosovo.")})}));
  a.blocks.push_back(para({text("(KosovoCompromise Staff) Tuesday, February 26, 2008")}));
  a.blocks.push_back(
      para({text("In a sign of Moscow\u2019s continued support, a Russian delegation "
                 "promised to stand by Serbia in its diplomatic struggle."),
            ref(1)}));
  a.blocks.push_back(
      para({text("\u201cThe actions behind Kosovo\u2019s split destroy the international security "
                 "system,\u201d Medvedev "),
            {Link{"https://example.org/medvedev?a=1&b=2", "The speech", {text("said")}}, {}},
            text(" after a series of meetings in "),
            strong({text("Belgrade")}),
            text(".")}));
  a.blocks.push_back({BlockQuote{{para({text("\u201cI am convinced that there will be no "
                                             "stability in the region.\u201d")})}},
                      {}});
  a.blocks.push_back({SceneBreak{}, {}});
  List steps;
  steps.ordered = true;
  steps.start = 3;
  steps.items.push_back({{para({text("Annul the declaration")})}, {}});
  steps.items.push_back({{para({text("Coordinate with "), strong({text("Moscow")})}),
                          {List{false, 1, true, {{{para({text("at the UN")})}, {}}}}, {}}},
                         {}});
  a.blocks.push_back({steps, {}});
  List loose;
  loose.tight = false;
  loose.items.push_back({{para({text("First point.")}), para({text("More on it.")})}, {}});
  a.blocks.push_back({loose, {}});
  Table t;
  t.align = {Align::left, Align::right, Align::none};
  t.header = {cell("City"), cell("Visits"), cell("")};
  t.rows = {{cell("Belgrade"), cell("2"), cell("yes")}, {cell("Moscow"), cell("1"), cell("no")}};
  a.blocks.push_back({t, {}});
  Table bare;  // a table whose source had no header row
  bare.align = {Align::none, Align::center};
  bare.header = {cell(""), cell("")};
  bare.rows = {{cell("A"), cell("1")}};
  a.blocks.push_back({bare, {}});
  Image map{
      "../data/map of kosovo.png", "data/map of kosovo.png", "Map of Kosovo and Serbia", "", {}};
  a.blocks.push_back(
      {Figure{map, {text("The disputed "), em({text("province")})}}, {a.file, 12, 1}});
  a.blocks.push_back(para({text("Use "),
                           {Code{"a < b && c"}, {}},
                           text(", not "),
                           {Strikethrough{{text("force")}}, {}},
                           text("; "),
                           {Link{"javascript:alert(1)", "", {text("click")}}, {}},
                           ref(1)}));
  a.blocks.push_back(para({text("Hark, hark!"),
                           {LineBreak{}, {}},
                           text("\u00a0\u00a0The watch-dogs bark;"),
                           {SoftBreak{}, {}},
                           text("Bow-wow.")}));
  a.blocks.push_back({CodeBlock{"cpp", "int main() {\n  return 0;\n}\n"}, {}});
  a.blocks.push_back({RawBlock{"<div class=\"x\">raw</div>\n"}, {}});
  a.notes.push_back(
      {"1", 1, {para({text("Vojislav Kostunica was Prime Minister of Serbia.")})}, {}});
  book.chapters.push_back(std::move(a));

  // ---- 02-part.md: only a heading ----
  Chapter p;
  p.file = book.sources.add("chapters/02-part.md");
  p.source = "chapters/02-part.md";
  p.blocks.push_back(heading(1, "Part Two", "part-two"));
  book.chapters.push_back(std::move(p));

  // ---- 03-analysis.md: a skipped level, a clashing id, a second note ----
  Chapter c;
  c.file = book.sources.add("chapters/03-analysis.md");
  c.source = "chapters/03-analysis.md";
  c.blocks.push_back(heading(3, "Analysis", "analysis"));
  c.blocks.push_back(
      para({text("The reaction was swift."), ref(2), text(" See also"), ref(1), text(".")}));
  c.blocks.push_back(heading(2, "Note 2", "note-2"));
  c.blocks.push_back(para({text("Second section.")}));
  c.blocks.push_back(heading(4, "Too deep for the contents", "deep"));
  c.blocks.push_back(para({text("Last words.")}));
  c.notes.push_back({"2",
                     2,
                     {{BlockQuote{{para({text("Quoted in the note.")})}}, {}},
                      para({text("A second paragraph.")})},
                     {}});
  book.chapters.push_back(std::move(c));
  return book;
}

inline style::Style sample_style() {
  style::Style s;
  s.name = "test";
  const std::string fonts = OCTAVO_SOURCE_DIR "/fonts/";
  s.body_font = {"Gentium Book Plus", fonts + "GentiumBookPlus-Regular.ttf",
                 fonts + "GentiumBookPlus-Italic.ttf", fonts + "GentiumBookPlus-Bold.ttf",
                 fonts + "GentiumBookPlus-BoldItalic.ttf"};
  s.heading_font = s.body_font;
  s.mono_font = {"DejaVu Sans Mono", fonts + "DejaVuSansMono.ttf",
                 fonts + "DejaVuSansMono-Oblique.ttf", fonts + "DejaVuSansMono-Bold.ttf",
                 fonts + "DejaVuSansMono-BoldOblique.ttf"};
  s.headings[0] = {18,  style::Case::small_caps, style::Align::center, false, false, 72, 24, true,
                   true};
  s.headings[1] = {14,   style::Case::normal, style::Align::center, false, true, 14, 14, false,
                   false};
  s.headings[2] = {12, style::Case::upper, style::Align::left, true, false, 14, 7, false, false};
  s.toc_depth = 2;
  return s;
}

}  // namespace octavo::epub::test
