// Whole books through typeset(): front matter, chapter openings on rectos, orphans,
// footnotes on the page of their reference, flush bottoms on the baseline grid.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "support.hpp"
#include "typeset/context.hpp"
#include "typeset/page_builder.hpp"
#include "typeset/typeset.hpp"

using namespace octavo;
using namespace octavo::typeset;
using namespace octavo::typeset::test;

namespace {

// The lines set again by the page builder, in the order they were set (every part's).
std::vector<const Slot*> replaced(const Flow& flow) {
  std::vector<const Slot*> out;
  for (const auto& part : flow.replacements)
    for (const auto& s : part) out.push_back(&s);
  return out;
}

doc::Book make_book() {
  doc::Book book;
  book.sources.add("chapters/one.md");
  book.root = "/tmp";
  book.meta.title = "A Test Book";
  book.meta.authors = {"A. Writer"};
  book.meta.language = "en";
  return book;
}

doc::Chapter chapter(const std::string& title, int paragraphs, int words, int seed = 0) {
  doc::Chapter ch;
  ch.file = 1;
  ch.blocks.push_back(heading(1, title));
  for (int i = 0; i < paragraphs; ++i)
    ch.blocks.push_back(paragraph(filler(words + (i * 37 + seed) % words, i + seed), static_cast<std::uint32_t>(i + 2)));
  return ch;
}

std::string page_text(const Page& p) {
  std::string s;
  for (const auto& r : p.runs) s += std::string(p.runs.text_of(r)) + " ";
  return s;
}

// Body lines of a page: runs at the body size grouped by baseline, top to bottom.
std::map<double, std::vector<const GlyphRun*>, std::greater<>> body_lines(const Page& p, double size) {
  std::map<double, std::vector<const GlyphRun*>, std::greater<>> lines;
  for (const auto& r : p.runs)
    if (std::abs(r.size - size) < 0.01) lines[std::round(r.y * 1000) / 1000].push_back(&r);
  return lines;
}

}  // namespace

TEST_CASE("front matter, then chapters opening on rectos with blank versos") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 3, 40));  // one page: the next chapter needs a blank verso
  book.chapters.push_back(chapter("Two", 3, 40, 5));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  for (const auto& d : diags.all()) INFO(core::format(d));
  CHECK(diags.all().empty());

  // Half-title, blank, title, copyright, contents, blank: the body starts at page 6.
  REQUIRE(doc->pages.size() == 9);
  CHECK(page_text(doc->pages[0]).find("T") != std::string::npos);
  CHECK(doc->pages[1].runs.empty());
  CHECK(page_text(doc->pages[4]).find("C") == 0);  // "Contents" in small capitals
  CHECK(doc->labels.size() == 2);
  CHECK(doc->labels[0].style == PageLabelRange::Style::roman_lower);
  CHECK(doc->labels[1].first_page == 6);
  CHECK(doc->labels[1].style == PageLabelRange::Style::arabic);
  CHECK(doc->labels[1].start == 1);

  // Chapter One on page 6 (a recto), Two on page 8, page 7 left blank.
  REQUIRE(doc->outline.size() == 2);
  CHECK(doc->outline[0].title == "One");
  CHECK(doc->outline[0].page == 6);
  CHECK(doc->outline[1].page == 8);
  CHECK(doc->pages[7].runs.empty());
  // The contents link to both chapters.
  std::set<int> targets;
  for (const auto& l : doc->pages[4].links) targets.insert(l.page);
  CHECK(targets == std::set<int>{6, 8});
  // Chapter openings carry no running head: their only small run is the folio at the foot.
  const PageGeometry g(style);
  for (const auto& r : doc->pages[6].runs) CHECK(r.y < g.height - g.top);
  CHECK(doc->fonts.size() >= 1);
  CHECK(doc->title == "A Test Book");
  CHECK(doc->author == "A. Writer");
}

TEST_CASE("mirrored margins: rectos have the inner margin on the left") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 30, 60));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  REQUIRE(doc->pages.size() > 8);
  auto leftmost = [&](const Page& p) {
    double x = 1e9;
    for (const auto& l : body_lines(p, 11))
      for (const auto* r : l.second) x = std::min(x, r->x);
    return x;
  };
  CHECK(leftmost(doc->pages[7]) == doctest::Approx(style.page.outer));  // verso
  CHECK(leftmost(doc->pages[8]) == doctest::Approx(style.page.inner));  // recto

  // Running heads two lines above the first baseline: the book's title on versos, the
  // chapter on rectos, in small capitals; the folio at the outer corner.
  const PageGeometry g(style);
  const double head_y = g.baseline_y(0) + 2 * g.leading;
  auto head = [&](const Page& p, double* folio_x) {
    std::string text, folio;
    for (const auto& r : p.runs) {
      if (std::abs(r.y - head_y) > 0.01) continue;
      if (std::isdigit(static_cast<unsigned char>(p.runs.text_of(r)[0]))) {
        folio = p.runs.text_of(r);
        *folio_x = r.x;
      } else {
        text += p.runs.text_of(r);
      }
    }
    return text + "|" + folio;
  };
  double verso_folio = 0, recto_folio = 0;
  CHECK(head(doc->pages[7], &verso_folio) == "ATESTBOOK|2");
  CHECK(head(doc->pages[8], &recto_folio) == "ONE|3");
  CHECK(verso_folio == doctest::Approx(style.page.outer));
  CHECK(recto_folio > style.page.inner + g.measure - 10);
}

TEST_CASE("every full page ends on the same baseline, and every body line is on the grid") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 60, 50));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  const PageGeometry g(style);
  const double last = g.baseline_y(g.rows - 1);
  int full = 0, body_pages = 0;
  for (std::size_t i = 7; i + 1 < doc->pages.size(); ++i) {  // body pages but the chapter's last
    auto lines = body_lines(doc->pages[i], 11);
    if (lines.empty()) continue;
    ++body_pages;
    for (const auto& [y, runs] : lines) {
      const double row = (g.baseline_y(0) - y) / g.leading;
      CHECK(std::abs(row - std::round(row)) < 1e-6);
    }
    const double lowest = std::prev(lines.end())->first;
    CHECK(lowest >= last - 1e-6);  // nothing below the last grid line
    if (std::abs(lowest - last) < 1e-6) ++full;
  }
  CHECK(body_pages > 5);
  CHECK(full >= body_pages / 2);  // most pages are full (some end a line short: widows)
}

TEST_CASE("no page ends with the first line of a paragraph alone") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 80, 45));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  const PageGeometry g(style);
  const double indent = style.body.indent_em * style.body.size;
  int checked = 0;
  for (std::size_t i = 6; i + 1 < doc->pages.size(); ++i) {
    const bool recto = i % 2 == 0;
    auto lines = body_lines(doc->pages[i], 11);
    if (lines.size() < 2) continue;
    // The last line: a paragraph's first line starts indented. Every paragraph here has
    // several lines, so an indented last line would be an orphan.
    double x = 1e9;
    for (const auto* r : std::prev(lines.end())->second) x = std::min(x, r->x);
    CHECK(x < g.left(recto) + indent - 1);
    // The first line: a paragraph's last line alone at the top (a widow) is short; the
    // line after it would start a new paragraph, indented.
    auto first = lines.begin();
    auto second = std::next(first);
    double first_end = 0, second_x = 1e9;
    for (const auto* r : first->second) first_end = std::max(first_end, r->x);
    for (const auto* r : second->second) second_x = std::min(second_x, r->x);
    const bool second_starts_paragraph = second_x > g.left(recto) + indent - 1;
    const bool first_is_short = first_end < g.left(recto) + g.measure * 0.8;
    CHECK_FALSE((second_starts_paragraph && first_is_short));
    ++checked;
  }
  CHECK(checked > 10);
}

TEST_CASE("a footnote lands on the page of its reference, under a rule") {
  doc::Book book = make_book();
  doc::Chapter ch = chapter("One", 40, 50);
  // A reference in the middle of paragraph 20.
  auto& para = std::get<doc::Paragraph>(ch.blocks[20].node);
  para.content.push_back(note_ref(1));
  para.content.push_back(text(" and the sentence goes on for a while after the note."));
  doc::Footnote note;
  note.label = "1";
  note.number = 1;
  note.content.push_back(paragraph("Zanzibar is where the note is, " + filler(30)));
  ch.notes.push_back(std::move(note));
  book.chapters.push_back(std::move(ch));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  int ref_page = -1, note_page = -1;
  double ref_y = 0;
  const PageGeometry g(style);
  for (std::size_t i = 0; i < doc->pages.size(); ++i)
    for (const auto& r : doc->pages[i].runs) {
      if (doc->pages[i].runs.text_of(r) == "1" && r.size < 11 && r.size > 6 && std::fmod(g.baseline_y(0) - r.y, g.leading) > 1) {
        ref_page = static_cast<int>(i);  // the raised number
        ref_y = r.y;
      }
      if (doc->pages[i].runs.text_of(r).find("Zanzibar") != std::string_view::npos) note_page = static_cast<int>(i);
    }
  REQUIRE(ref_page >= 0);
  CHECK(note_page == ref_page);
  const Page& page = doc->pages[static_cast<std::size_t>(note_page)];
  // The separator rule, as wide as the style says, above the note.
  bool rule = false;
  for (const auto& r : page.rules)
    if (std::abs(r.width - style.notes.separator_width) < 0.01) rule = true;
  CHECK(rule);
  // The note text is at the note size, its last line on the last grid baseline or above.
  double lowest = 1e9;
  for (const auto& r : page.runs)
    if (std::abs(r.size - style.notes.size) < 0.01) lowest = std::min(lowest, r.y);
  CHECK(lowest == doctest::Approx(g.baseline_y(g.rows - 1)));
  // The reference links to the note.
  bool linked = false;
  for (const auto& l : page.links)
    if (l.page == note_page && l.y <= ref_y + 8 && l.y + l.height >= ref_y) linked = true;
  CHECK(linked);
}

TEST_CASE("a note too long for its page continues on the next one") {
  doc::Book book = make_book();
  doc::Chapter ch = chapter("One", 40, 50);
  auto& para = std::get<doc::Paragraph>(ch.blocks[12].node);
  para.content.push_back(note_ref(1));
  doc::Footnote note;
  note.number = 1;
  for (int i = 0; i < 12; ++i) note.content.push_back(paragraph("Longnote " + filler(60, i)));
  ch.notes.push_back(std::move(note));
  book.chapters.push_back(std::move(ch));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  std::vector<int> pages;
  int paragraphs = 0;
  for (std::size_t i = 0; i < doc->pages.size(); ++i)
    for (const auto& r : doc->pages[i].runs)
      if (doc->pages[i].runs.text_of(r).find("Longnote") != std::string_view::npos) {
        ++paragraphs;
        if (pages.empty() || pages.back() != static_cast<int>(i)) pages.push_back(static_cast<int>(i));
      }
  CHECK(paragraphs == 12);  // nothing lost
  CHECK(pages.size() >= 2);
}

TEST_CASE("a chapter whose first heading is level 3 continues on the same page") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 2, 30));
  doc::Chapter two;
  two.file = 1;
  two.blocks.push_back(heading(4, "A section"));
  two.blocks.push_back(paragraph(filler(30)));
  book.chapters.push_back(std::move(two));
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  CHECK(doc->pages.size() == 7);  // front matter (6) and one body page
  CHECK(doc->outline.size() == 2);
  CHECK(doc->outline[1].page == 6);
}

namespace {

// A hand-made flow: paragraphs of `lines` one-row slots with widow and orphan rules.
void add_paragraph(Flow& flow, int lines) {
  ParagraphRecord r;
  r.first_slot = flow.slots.size();
  r.lines = lines;
  r.may_lengthen = r.may_shorten = true;
  const int index = static_cast<int>(flow.paragraphs.size());
  flow.paragraphs.push_back(r);
  for (int i = 0; i < lines; ++i) {
    Slot s;
    s.paragraph = index;
    s.break_after = !(lines >= 2 && (i == 0 || i + 2 == lines));
    s.runs.add(0, 0, 11, 0, 0, "p" + std::to_string(index));
    flow.slots.push_back(std::move(s));
  }
}

std::vector<Slot> lines_of(int paragraph, int n) {
  std::vector<Slot> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out[static_cast<std::size_t>(i)].paragraph = paragraph;
    out[static_cast<std::size_t>(i)].break_after = !(n >= 2 && (i == 0 || i + 2 == n));
  }
  return out;
}

int rows_on(const BodyPage& page) {
  int rows = 0;
  for (const auto& p : page.slots) rows += p.slot->rows;
  return rows;
}

}  // namespace

TEST_CASE("a page left short by the orphan rule is filled by a paragraph set a line longer") {
  const style::Style style = classic();
  const PageGeometry g(style);
  REQUIRE(g.rows == 38);
  Flow flow;
  add_paragraph(flow, 10);  // 0: can be set in 11 lines
  add_paragraph(flow, 27);  // 1
  add_paragraph(flow, 3);   // 2: cannot start on the last row
  add_paragraph(flow, 30);
  core::Diagnostics diags;
  auto without = paginate(flow, g, style.notes, diags);
  REQUIRE(without.size() >= 2);
  CHECK(rows_on(without[0]) == 37);

  Flow again = flow;
  int calls = 0;
  Rebreaker longer = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    ++calls;
    if (looseness != 1 || r.first_slot != 0) return std::nullopt;
    return lines_of(0, 11);
  };
  auto with = paginate(again, g, style.notes, diags, longer);
  CHECK(calls >= 1);
  CHECK(rows_on(with[0]) == 38);
  CHECK(replaced(again).size() == 11);
  CHECK(with[0].slots.front().slot == replaced(again).at(0));
  // The next page starts with the three-line paragraph, as before.
  CHECK(with[1].slots.front().slot->paragraph == 2);
}

TEST_CASE("or by a paragraph set a line shorter, making room for the next one") {
  const style::Style style = classic();
  const PageGeometry g(style);
  Flow flow;
  add_paragraph(flow, 10);  // 0
  add_paragraph(flow, 27);  // 1: can be set in 26 lines
  add_paragraph(flow, 2);   // 2: two lines, unbreakable
  add_paragraph(flow, 30);
  core::Diagnostics diags;
  Rebreaker shorter = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (looseness != -1 || r.first_slot != 10) return std::nullopt;
    return lines_of(1, 26);
  };
  auto pages = paginate(flow, g, style.notes, diags, shorter);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(pages[0].slots.back().slot->paragraph == 2);
  CHECK(pages[1].slots.front().slot->paragraph == 3);
}

TEST_CASE("a book without chapters is its front matter") {
  doc::Book book = make_book();
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  CHECK(doc->pages.size() == 4);  // half-title, blank, title, copyright; no contents
  CHECK(doc->labels.size() == 1);
  CHECK(doc->outline.empty());
}

TEST_CASE("layout is deterministic, threads or not") {
  doc::Book book = make_book();
  for (int c = 0; c < 12; ++c) book.chapters.push_back(chapter("Chapter " + std::to_string(c + 1), 12, 40, c));
  style::Style style = classic();
  core::Diagnostics d1, d2;
  auto a = octavo::typeset::typeset(book, style, d1);
  auto b = octavo::typeset::typeset(book, style, d2);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a->pages.size() == b->pages.size());
  for (std::size_t i = 0; i < a->pages.size(); ++i) {
    REQUIRE(a->pages[i].runs.size() == b->pages[i].runs.size());
    for (std::size_t r = 0; r < a->pages[i].runs.size(); ++r) {
      const auto& x = a->pages[i].runs[r];
      const auto& y = b->pages[i].runs[r];
      CHECK((a->pages[i].runs.text(r) == b->pages[i].runs.text(r) && x.x == y.x && x.y == y.y && x.font == y.font && x.size == y.size));
    }
  }
  REQUIRE(a->fonts.size() == b->fonts.size());
  for (std::size_t f = 0; f < a->fonts.size(); ++f) CHECK(a->fonts[f].path == b->fonts[f].path);
}

namespace {

Flow flow_of(const std::vector<int>& paragraphs) {
  Flow flow;
  for (int lines : paragraphs) add_paragraph(flow, lines);
  return flow;
}

// A floating figure `rows` tall with a line of space above and below; its slot index.
std::size_t add_figure(Flow& flow, int rows) {
  Slot space;
  space.kind = Slot::Kind::space;
  Slot figure;
  figure.rows = rows;
  figure.floats = true;
  flow.slots.push_back(space);
  flow.slots.push_back(figure);
  flow.slots.push_back(space);
  return flow.slots.size() - 2;
}

// The paragraphs of the lines on a page, in order, one entry per paragraph.
std::vector<int> paragraphs_on(const BodyPage& page) {
  std::vector<int> out;
  for (const auto& p : page.slots)
    if (out.empty() || out.back() != p.slot->paragraph) out.push_back(p.slot->paragraph);
  return out;
}

}  // namespace

TEST_CASE("a short page nothing on it can fill is filled by a paragraph on the page before") {
  const style::Style style = classic();
  const PageGeometry g(style);
  REQUIRE(g.rows == 38);
  // Page 1: A (20 lines) and 18 lines of B (30). Page 2: the rest of B (12), C (25),
  // and D (3 lines) cannot start on the last row: page 2 is a row short. Only A can be
  // set again (a line longer); that moves a line of B over and fills page 2.
  Flow flow = flow_of({20, 30, 25, 3, 40});
  core::Diagnostics diags;
  Flow plain_flow = flow;
  auto plain = paginate(plain_flow, g, style.notes, diags);
  REQUIRE(plain.size() >= 3);
  CHECK(rows_on(plain[0]) == 38);
  CHECK(rows_on(plain[1]) == 37);

  int calls = 0;
  Rebreaker only_a = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    ++calls;
    if (looseness != 1 || r.first_slot != 0) return std::nullopt;
    return lines_of(0, 21);
  };
  auto pages = paginate(flow, g, style.notes, diags, only_a);
  REQUIRE(pages.size() >= 3);
  CHECK(calls >= 1);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(rows_on(pages[1]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{0, 1});
  CHECK(paragraphs_on(pages[1]) == std::vector<int>{1, 2});
  CHECK(pages[0].slots.front().slot == replaced(flow).at(0));
  CHECK_FALSE(pages[0].feathered);
  CHECK_FALSE(pages[1].feathered);
}

TEST_CASE("a paragraph sent whole to the next page, set a line longer, starts on this one") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A (20 lines) and B (16) leave two rows; C (3 lines) cannot be split, so it goes
  // whole to page 2. Set in four lines, it can: two on page 1, two on page 2.
  Flow flow = flow_of({20, 16, 3, 40});
  core::Diagnostics diags;
  Flow plain_flow = flow;
  auto plain = paginate(plain_flow, g, style.notes, diags);
  REQUIRE(plain.size() >= 2);
  CHECK(rows_on(plain[0]) == 36);
  Rebreaker only_c = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (looseness != 1 || r.first_slot != 36) return std::nullopt;
    return lines_of(2, 4);
  };
  auto pages = paginate(flow, g, style.notes, diags, only_c);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{0, 1, 2});
  CHECK(paragraphs_on(pages[1]) == std::vector<int>{2, 3});
  CHECK_FALSE(pages[0].feathered);
}

TEST_CASE("a page three rows short is filled by three paragraphs set a line longer") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A, B, C (10 lines each) and D (5) leave three rows; a table four rows tall follows.
  // Each of A, B and C can be set a line longer, nothing else can be set again: two of
  // them leave a row empty, all three fill the page.
  Flow flow = flow_of({10, 10, 10, 5});
  Slot table;
  table.rows = 4;
  flow.slots.push_back(table);
  add_paragraph(flow, 40);
  core::Diagnostics diags;
  Rebreaker abc = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (looseness != 1 || r.first_slot >= 30) return std::nullopt;
    return lines_of(static_cast<int>(r.first_slot / 10), 11);
  };
  auto pages = paginate(flow, g, style.notes, diags, abc);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{0, 1, 2, 3});
  CHECK(pages[0].slots.size() == 38);
  CHECK(pages[0].slots[10].slot == replaced(flow).at(10));  // A set in eleven lines
  CHECK(pages[0].slots[11].slot->paragraph == 1);
  CHECK_FALSE(pages[0].feathered);
}

TEST_CASE("a page two rows short is filled by a paragraph set two lines longer") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A (20 lines) and B (16) leave two rows; C (3 lines) cannot be split, nor set again.
  // A can be set a line longer, or two: two fill the page.
  Flow flow = flow_of({20, 16, 3, 40});
  core::Diagnostics diags;
  Rebreaker only_a = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (looseness < 1 || r.first_slot != 0) return std::nullopt;
    return lines_of(0, 20 + looseness);
  };
  auto pages = paginate(flow, g, style.notes, diags, only_a);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{0, 1});
  CHECK(paragraphs_on(pages[1]).front() == 2);
  CHECK_FALSE(pages[0].feathered);
}

TEST_CASE("a paragraph set a line longer may go a second line so, with others set again") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A, B, C (10 lines each) and D (5) leave three rows before a table four rows tall.
  // A can be set a line or two longer, B a line longer, nothing else: A and B a line
  // longer each leave a row empty; A two lines longer and B one fill the page.
  Flow flow = flow_of({10, 10, 10, 5});
  Slot table;
  table.rows = 4;
  flow.slots.push_back(table);
  add_paragraph(flow, 40);
  core::Diagnostics diags;
  Rebreaker ab = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (r.first_slot == 0 && (looseness == 1 || looseness == 2)) return lines_of(0, 10 + looseness);
    if (r.first_slot == 10 && looseness == 1) return lines_of(1, 11);
    return std::nullopt;
  };
  auto pages = paginate(flow, g, style.notes, diags, ab);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{0, 1, 2, 3});
  CHECK(pages[0].slots[12].slot->paragraph == 1);  // A in twelve lines
  CHECK(pages[0].slots[23].slot->paragraph == 2);  // B in eleven
  CHECK_FALSE(pages[0].feathered);
}

TEST_CASE("a page nothing can fill is set as near full as it can be, then feathered") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A (20 lines), B and C (8 each) leave two rows; D (3 lines) cannot be split. Two
  // gaps cannot take two rows (a row each), but A can be set a line longer: then the
  // one row left is shared by the two gaps, and the page ends on the bottom line.
  Flow flow = flow_of({20, 8, 8, 3, 40});
  core::Diagnostics diags;
  Rebreaker none = [](const ParagraphRecord&, int, int) -> std::optional<std::vector<Slot>> { return std::nullopt; };
  Flow plain_flow = flow;
  auto plain = paginate(plain_flow, g, style.notes, diags, none);
  REQUIRE(plain.size() >= 2);
  CHECK(rows_on(plain[0]) == 36);
  CHECK_FALSE(plain[0].feathered);

  Rebreaker only_a = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (looseness != 1 || r.first_slot != 0) return std::nullopt;
    return lines_of(0, 21);
  };
  auto pages = paginate(flow, g, style.notes, diags, only_a);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 37);
  CHECK(pages[0].slots.front().slot == replaced(flow).at(0));
  REQUIRE(pages[0].feathered);
  const auto& last = pages[0].slots.back();
  CHECK(g.baseline_y(last.row) - last.drop == doctest::Approx(g.baseline_y(g.rows - 1)));
  CHECK(paragraphs_on(pages[1]).front() == 3);
}

TEST_CASE("a chapter's last paragraph is not set again to end on a line that fills the measure") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A (20 lines) and B (16) leave two rows; C (3 lines) ends the chapter and cannot be
  // split. Set in two lines it would fill them, but its last line would fill the
  // measure: the chapter would seem to break off in mid-paragraph.
  for (const bool full : {true, false}) {
    CAPTURE(full);
    Flow flow = flow_of({20, 16, 3});
    Slot br;
    br.kind = Slot::Kind::page_break;
    br.rows = 0;
    flow.slots.push_back(br);
    add_paragraph(flow, 40);
    core::Diagnostics diags;
    Rebreaker shorter_c = [&](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
      if (looseness != -1 || r.first_slot != 36) return std::nullopt;
      auto lines = lines_of(2, 2);
      lines.back().full = full;
      return lines;
    };
    auto pages = paginate(flow, g, style.notes, diags, shorter_c);
    REQUIRE(pages.size() >= 2);
    CHECK(rows_on(pages[0]) == (full ? 36 : 38));
    CHECK(paragraphs_on(pages[1]).front() == (full ? 2 : 3));
  }
}

TEST_CASE("a page nothing can fill is feathered: its paragraph gaps share the missing row") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // Page 2: the rest of B (12 lines), C, D, E (5 each), F (10): 37 rows; G (3 lines)
  // cannot start on the last row. Nothing may be set again.
  Flow flow = flow_of({20, 30, 5, 5, 5, 10, 3, 40});
  core::Diagnostics diags;
  Rebreaker none = [](const ParagraphRecord&, int, int) -> std::optional<std::vector<Slot>> { return std::nullopt; };
  auto pages = paginate(flow, g, style.notes, diags, none);
  REQUIRE(pages.size() >= 3);
  CHECK_FALSE(pages[0].feathered);
  REQUIRE(rows_on(pages[1]) == 37);
  REQUIRE(pages[1].feathered);
  // Four gaps (B|C, C|D, D|E, E|F) take a quarter of the row each.
  for (const auto& p : pages[1].slots)
    CHECK(p.drop == doctest::Approx((p.slot->paragraph - 1) * g.leading / 4));
  // Its last line sits on the bottom row, like every full page's.
  const auto& last = pages[1].slots.back();
  CHECK(g.baseline_y(last.row) - last.drop == doctest::Approx(g.baseline_y(g.rows - 1)));
}

TEST_CASE("a page is not feathered by more than half a row per gap") {
  const style::Style style = classic();
  const PageGeometry g(style);
  Flow flow = flow_of({20, 30, 25, 3, 40});  // page 2: one gap, a row short
  core::Diagnostics diags;
  Rebreaker none = [](const ParagraphRecord&, int, int) -> std::optional<std::vector<Slot>> { return std::nullopt; };
  auto pages = paginate(flow, g, style.notes, diags, none);
  REQUIRE(pages.size() >= 3);
  CHECK(rows_on(pages[1]) == 37);
  CHECK_FALSE(pages[1].feathered);
  for (const auto& p : pages[1].slots) CHECK(p.drop == 0);
}

TEST_CASE("white space at the foot of a page leaves it short, and is filled like any other") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // A (36 lines), a space, B: the page would end with the space, B's first line alone
  // after it being an orphan. Setting A a line shorter fills it with the space and B's
  // first two lines.
  Flow flow;
  add_paragraph(flow, 36);
  Slot space;
  space.kind = Slot::Kind::space;
  flow.slots.push_back(space);
  add_paragraph(flow, 30);
  core::Diagnostics diags;
  Rebreaker shorter = [](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (looseness != -1 || r.first_slot != 0) return std::nullopt;
    return lines_of(0, 35);
  };
  Flow plain_flow = flow;
  auto plain = paginate(plain_flow, g, style.notes, diags);
  REQUIRE(plain.size() >= 2);
  CHECK(rows_on(plain[0]) == 37);
  CHECK(plain[0].slots.back().slot->kind == Slot::Kind::space);
  auto pages = paginate(flow, g, style.notes, diags, shorter);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(pages[0].slots.back().slot->paragraph == 1);
  CHECK_FALSE(pages[0].feathered);
}

TEST_CASE("a figure that does not fit floats to the next page, and the text after it fills this one") {
  const style::Style style = classic();
  const PageGeometry g(style);
  Flow flow;
  add_paragraph(flow, 30);  // 0
  const std::size_t figure_at = add_figure(flow, 10);
  add_paragraph(flow, 20);  // 1
  add_paragraph(flow, 40);  // 2
  const Slot* figure_slot = &flow.slots[figure_at];
  core::Diagnostics diags;
  auto pages = paginate(flow, g, style.notes, diags);
  REQUIRE(pages.size() >= 3);
  // Page 1: paragraph 0 and the first 8 lines of paragraph 1 in the figure's place.
  // (Without floating, it would end with paragraph 0, eight rows short.)
  CHECK(rows_on(pages[0]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{0, 1});
  // Page 2: the rest of paragraph 1, then the figure with the space above it.
  REQUIRE(pages[1].slots.size() > 13);
  CHECK(pages[1].slots[11].slot->paragraph == 1);
  CHECK(pages[1].slots[12].slot->kind == Slot::Kind::space);
  CHECK(pages[1].slots[13].slot == figure_slot);
}

TEST_CASE("a page does not end on a hyphen when its paragraph can be broken elsewhere there") {
  const style::Style style = classic();
  const PageGeometry g(style);
  // Page 1: A (20) and 18 lines of B (30), whose 18th line ends on a hyphen.
  Flow flow = flow_of({20, 30, 40});
  flow.slots[20 + 17].hyphenated = true;
  std::vector<std::pair<int, int>> asked;  // (looseness, line) for paragraph B
  Rebreaker rebreak = [&](const ParagraphRecord& r, int looseness, int no_hyphen) -> std::optional<std::vector<Slot>> {
    if (r.first_slot != 20) return std::nullopt;
    asked.push_back({looseness, no_hyphen});
    if (looseness != 0 || no_hyphen != 17) return std::nullopt;
    return lines_of(1, 30);  // the same number of lines, no hyphen at the 18th
  };
  core::Diagnostics diags;
  auto pages = paginate(flow, g, style.notes, diags, rebreak);
  REQUIRE(pages.size() >= 2);
  CHECK(rows_on(pages[0]) == 38);
  CHECK_FALSE(pages[0].slots.back().slot->hyphenated);
  CHECK(pages[0].slots.back().slot == replaced(flow).at(17));
  // The same-lines change is the first one asked for.
  REQUIRE_FALSE(asked.empty());
  CHECK(asked.front() == std::pair<int, int>{0, 17});

  // Without a way to avoid it, the page ends on the hyphen, full.
  Flow again = flow_of({20, 30, 40});
  again.slots[20 + 17].hyphenated = true;
  auto plain = paginate(again, g, style.notes, diags);
  CHECK(rows_on(plain[0]) == 38);
  CHECK(plain[0].slots.back().slot->hyphenated);
}

TEST_CASE("a figure that would end a page with text after it goes to the top of the page") {
  const style::Style style = classic();
  const PageGeometry g(style);
  Flow flow;
  add_paragraph(flow, 10);  // 0
  const std::size_t figure_at = add_figure(flow, 25);
  add_paragraph(flow, 30);  // 1: its first line alone cannot end the page
  const Slot* figure_slot = &flow.slots[figure_at];
  core::Diagnostics diags;
  auto pages = paginate(flow, g, style.notes, diags);
  REQUIRE(pages.size() >= 2);
  // The figure, the space under it, paragraph 0, the first two lines of paragraph 1.
  CHECK(pages[0].slots.front().slot == figure_slot);
  CHECK(pages[0].slots[1].slot->kind == Slot::Kind::space);
  CHECK(rows_on(pages[0]) == 38);
  CHECK(paragraphs_on(pages[0]) == std::vector<int>{-1, 0, 1});
  CHECK(pages[0].slots.back().slot->paragraph == 1);
}

TEST_CASE("a chapter opens with a drop cap over three lines and its first words in small capitals") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 3, 60));
  style::Style style = classic();
  style.opening.drop_cap = 3;
  style.opening.small_caps_words = 2;
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  const Page& page = doc->pages.at(6);
  const PageGeometry g(style);
  // The letter: larger than anything else on the page, its baseline two rows down.
  const GlyphRun* letter = nullptr;
  for (const auto& r : page.runs)
    if (!letter || r.size > letter->size) letter = &r;
  REQUIRE(letter);
  CHECK(page.runs.text_of(*letter) == "T");  // filler() begins "the": its first letter, as a capital
  CHECK(letter->size > 3 * style.body.size);
  // The paragraph's lines: every run but the letter and the heading, by baseline.
  std::map<double, std::vector<const GlyphRun*>, std::greater<>> lines;
  for (const auto& r : page.runs)
    if (&r != letter && r.size <= style.body.size) lines[std::round(r.y * 1000) / 1000].push_back(&r);
  REQUIRE(lines.size() >= 4);
  auto row = lines.begin();
  const double first_baseline = row->first;
  CHECK(letter->y == doctest::Approx(first_baseline - 2 * g.leading));
  // The three lines beside it start right of it; the fourth at the margin.
  double left[4];
  for (int i = 0; i < 4; ++i, ++row) {
    left[i] = 1e9;
    for (const GlyphRun* r : row->second) left[i] = std::min(left[i], r->x);
  }
  CHECK(left[0] > letter->x + 0.5 * letter->size);
  CHECK(left[1] == doctest::Approx(left[0]));
  CHECK(left[2] == doctest::Approx(left[0]));
  CHECK(left[3] < left[0] - 20);
  CHECK(left[3] == doctest::Approx(letter->x));
  // The rest of the first word and the next in small capitals: capitals, at 0.8 size.
  const auto& first_line = lines.begin()->second;
  bool small = false;
  for (const GlyphRun* r : first_line)
    if (std::abs(r->size - 0.8 * style.body.size) < 0.01 && page.runs.text_of(*r) == "HE") small = true;
  CHECK(small);
}

TEST_CASE("a contents page that a part title moved on from is spread to end on the bottom line") {
  doc::Book book = make_book();
  // Nine parts of five chapters: two contents pages; a part title and its first two
  // chapters never start at the foot of one.
  for (int part = 0; part < 9; ++part) {
    doc::Chapter opening;
    opening.file = 1;
    opening.blocks.push_back(heading(1, "Part " + std::to_string(part + 1)));
    book.chapters.push_back(std::move(opening));
    for (int c = 0; c < 5; ++c) {
      doc::Chapter ch;
      ch.file = 1;
      ch.blocks.push_back(heading(2, "Chapter " + std::to_string(part * 5 + c + 1)));
      ch.blocks.push_back(paragraph(filler(30)));
      book.chapters.push_back(std::move(ch));
    }
  }
  style::Style style = classic();
  core::Diagnostics diags;
  auto doc = octavo::typeset::typeset(book, style, diags);
  REQUIRE(doc);
  const PageGeometry g(style);
  // The first contents page follows the copyright page (page 4).
  const Page& contents = doc->pages.at(4);
  double lowest = 1e9;
  for (const auto& r : contents.runs)
    if (std::abs(r.size - style.body.size) < 0.01) lowest = std::min(lowest, r.y);
  CHECK(lowest == doctest::Approx(g.baseline_y(g.rows - 1)));
  // And it continues on the next page.
  bool more = false;
  for (const auto& r : doc->pages.at(5).runs) more = more || doc->pages.at(5).runs.text_of(r).find("Chapter") != std::string_view::npos;
  CHECK(more);

  // The EPUB's page markers for the front matter: every page with text, labelled as the
  // page labels number it; the second contents page names the heading whose entry tops it.
  std::vector<std::string> front;
  const doc::Heading* opening = nullptr;
  for (const auto& start : doc->page_starts)
    if (start.kind != PageKind::text) {
      front.push_back(start.label);
      if (start.page == 5) opening = start.heading;
      if (start.page == 4) CHECK(start.heading == nullptr);  // opens with its title
    }
  CHECK(front == std::vector<std::string>{"i", "iii", "iv", "v", "vi"});
  REQUIRE(opening);
  double top = -1e9;
  for (const auto& r : doc->pages.at(5).runs) top = std::max(top, r.y);
  std::vector<std::pair<double, std::string>> line;
  for (const auto& r : doc->pages.at(5).runs)
    if (r.y > top - 0.5) line.emplace_back(r.x, doc->pages.at(5).runs.text_of(r));
  std::sort(line.begin(), line.end());
  std::string first_line, title;
  for (const auto& [x, t] : line)
    for (char c : t)
      if (c != ' ') first_line += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char c : doc::plain_text(opening->content))
    if (c != ' ') title += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CAPTURE(first_line);
  CHECK(first_line.rfind(title, 0) == 0);
}

TEST_CASE("folios go where the style puts them, in its format") {
  doc::Book book = make_book();
  book.chapters.push_back(chapter("One", 12, 60));  // several pages
  style::Style style = classic();
  const PageGeometry g(style);
  const double head_y = g.baseline_y(0) + 2 * g.leading;
  const double foot_y = g.baseline_y(g.rows - 1) - 2 * g.leading;
  // Every run on a baseline, as text.
  const auto text_at = [](const Page& page, double y) {
    std::string s;
    for (const auto& r : page.runs)
      if (std::abs(r.y - y) < 0.01) s += page.runs.text_of(r);
    return s;
  };
  core::Diagnostics diags;
  auto plain = octavo::typeset::typeset(book, style, diags);
  REQUIRE(plain);
  REQUIRE(plain->pages.size() >= 9);
  // Body page 2 (a verso after the opening): its number at the head, nothing at the foot.
  CHECK(text_at(plain->pages[7], head_y).find('2') != std::string::npos);
  CHECK(text_at(plain->pages[7], foot_y).empty());

  style.folio.position = style::Folio::Position::foot_center;
  style.folio.format = "\u2013 {page} \u2013";
  auto moved = octavo::typeset::typeset(book, style, diags);
  REQUIRE(moved);
  CHECK(text_at(moved->pages[7], foot_y) == "\u20132\u2013");  // spaces are glue, not text
  CHECK(text_at(moved->pages[7], head_y).find('2') == std::string::npos);
  // Centred on the text block.
  double left = 1e9, right = -1e9;
  for (const auto& r : moved->pages[7].runs)
    if (std::abs(r.y - foot_y) < 0.01) left = std::min(left, r.x), right = std::max(right, r.x);
  const double middle = g.left(false) + g.measure / 2;
  CHECK(left < middle);
  CHECK(right > middle - 12);
}

TEST_CASE("a page that holds only an illustration has neither running head nor folio") {
  // A tall figure that ends a chapter and does not fit under its text goes to a page of
  // its own. Chapters of more and more paragraphs: some leave the figure on the last
  // text page, some send it on alone.
  style::Style style = classic();
  int alone = 0, with_text = 0;
  for (int paragraphs = 1; paragraphs <= 8; ++paragraphs) {
    doc::Book book = make_book();
    doc::Chapter one = chapter("One", paragraphs, 60);
    doc::Figure figure;
    figure.image.path = "picture.png";
    figure.image.info.width = 600;
    figure.image.info.height = 900;
    one.blocks.push_back(doc::Block{std::move(figure), {1, 90, 1}});
    book.chapters.push_back(std::move(one));
    book.chapters.push_back(chapter("Two", 3, 40));
    core::Diagnostics diags;
    auto doc = octavo::typeset::typeset(book, style, diags);
    REQUIRE(doc);
    for (const auto& page : doc->pages) {
      if (page.images.empty()) continue;
      const bool text = std::any_of(page.runs.begin(), page.runs.end(),
                                    [](const GlyphRun& r) { return std::abs(r.size - 11) < 0.01; });
      if (text) {
        ++with_text;
        continue;
      }
      ++alone;
      CAPTURE(paragraphs);
      CHECK(page.runs.empty());  // no running head (9 pt small capitals), no folio
    }
  }
  CHECK(alone >= 1);
  CHECK(with_text >= 1);
}

TEST_CASE("a note's first line is indented by footnotes.indent, the body indent unless set") {
  doc::Book book = make_book();
  doc::Chapter ch = chapter("One", 10, 50);
  auto& para = std::get<doc::Paragraph>(ch.blocks[3].node);
  para.content.push_back(note_ref(1));
  doc::Footnote note;
  note.label = "1";
  note.number = 1;
  note.content.push_back(paragraph(filler(60)));
  ch.notes.push_back(std::move(note));
  book.chapters.push_back(std::move(ch));
  // Where the note's first and second lines begin, on the page that holds it.
  const auto starts = [&](const style::Style& style) {
    core::Diagnostics diags;
    auto doc = octavo::typeset::typeset(book, style, diags);
    REQUIRE(doc);
    std::map<double, double, std::greater<>> lines;  // baseline → leftmost x, below the head
    for (const auto& page : doc->pages) {
      if (page.rules.empty()) continue;  // the rule above the notes
      for (const auto& r : page.runs)
        if (std::abs(r.size - style.notes.size) < 0.01 && r.y < PageGeometry(style).baseline_y(0) - 1) {
          auto [it, fresh] = lines.try_emplace(r.y, r.x);
          if (!fresh) it->second = std::min(it->second, r.x);
        }
      break;
    }
    REQUIRE(lines.size() >= 2);
    return std::pair{lines.begin()->second, std::next(lines.begin())->second};
  };
  style::Style style = classic();
  const auto [first, second] = starts(style);
  CHECK(first - second == doctest::Approx(style.body.indent_em * style.notes.size));
  style.notes.indent_em = 0;
  const auto [flush_first, flush_second] = starts(style);
  CHECK(flush_first == doctest::Approx(flush_second));
  style.notes.indent_em = 3;
  const auto [deep_first, deep_second] = starts(style);
  CHECK(deep_first - deep_second == doctest::Approx(3 * style.notes.size));
}

TEST_CASE("the flow splits into parts at forced page breaks, and parts join with blank versos") {
  Flow flow;
  const auto add = [&](Slot::Kind kind, bool recto = false) {
    Slot s;
    s.kind = kind;
    s.recto = recto;
    flow.slots.push_back(std::move(s));
  };
  add(Slot::Kind::page_break, true);  // 0: a chapter on a recto
  add(Slot::Kind::content);
  add(Slot::Kind::content);
  add(Slot::Kind::page_break);        // 3: a new page, either side
  add(Slot::Kind::content);
  add(Slot::Kind::page_break, true);  // 5: a recto wanted, but nothing follows before…
  add(Slot::Kind::page_break);        // 6: … the next break, which inherits it
  add(Slot::Kind::content);
  const auto parts = flow_parts(flow);
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].begin == 0);
  CHECK(parts[0].end == 3);
  CHECK(parts[1].begin == 3);
  CHECK(parts[1].end == 5);
  CHECK(parts[2].begin == 5);
  CHECK(parts[2].end == 6);
  CHECK(parts[3].begin == 6);
  CHECK(parts[3].end == 8);

  const auto pages = [](int n, bool recto) {
    PartPages p;
    p.pages.resize(static_cast<std::size_t>(n));
    p.recto = recto;
    return p;
  };
  std::vector<PartPages> in;
  in.push_back(pages(3, true));   // pages 0–2
  in.push_back(pages(2, true));   // odd count so far: a blank verso (3), then 4–5
  in.push_back(pages(1, false));  // 6: no recto wanted
  in.push_back(pages(0, true));   // nothing, but its recto passes on…
  in.push_back(pages(1, false));  // … to this one: blank 7, then 8
  const auto joined = join_parts(std::move(in));
  REQUIRE(joined.size() == 9);
  for (std::size_t i = 0; i < joined.size(); ++i) CHECK(joined[i].blank == (i == 3 || i == 7));
}

TEST_CASE("a footnote that runs past its chapter's last page ends on pages of that chapter") {
  // The reference is in the chapter's last paragraph and the note is longer than a
  // page: its lines go on pages of their own before the next chapter opens, never onto
  // that chapter's opening page (each chapter is paginated on its own, maybe on
  // another thread).
  doc::Book book = make_book();
  doc::Chapter one = chapter("One", 6, 40);
  auto& last = std::get<doc::Paragraph>(one.blocks.back().node);
  last.content.push_back(note_ref(1));
  doc::Footnote note;
  note.label = "1";
  note.number = 1;
  note.content.push_back(paragraph("Zanzibar " + filler(900)));
  one.notes.push_back(std::move(note));
  doc::Chapter two;
  two.file = 1;
  two.blocks.push_back(heading(1, "Two"));
  two.blocks.push_back(paragraph("Xylophone is the first word of the second chapter."));
  book.chapters.push_back(std::move(one));
  book.chapters.push_back(std::move(two));
  style::Style style = classic();
  core::Diagnostics diags;
  for (unsigned jobs : {1u, 2u}) {
    auto doc = octavo::typeset::typeset(book, style, diags, jobs);
    REQUIRE(doc);
    int note_page = -1, two_page = -1;
    for (std::size_t i = 0; i < doc->pages.size(); ++i) {
      const std::string t = page_text(doc->pages[i]);
      if (t.find("Zanzibar") != std::string::npos) note_page = static_cast<int>(i);
      if (t.find("Xylophone") != std::string::npos) two_page = static_cast<int>(i);
    }
    REQUIRE(note_page >= 0);
    REQUIRE(two_page > note_page + 1);  // the note took more than its first page
    const Page& opening = doc->pages[static_cast<std::size_t>(two_page)];
    CHECK(opening.rules.empty());  // no separator: no note lines on it
    const Page& before = doc->pages[static_cast<std::size_t>(two_page - 1)];
    CHECK((before.rules.size() == 1 || page_text(before).find_first_not_of(' ') == std::string::npos));
  }
}

// Figures on `pages` with lines of one paragraph above and below them.
int figures_inside_paragraphs(const std::vector<BodyPage>& pages) {
  int splits = 0;
  for (const auto& page : pages)
    for (std::size_t k = 0; k < page.slots.size(); ++k) {
      if (!page.slots[k].slot->floats) continue;
      std::size_t before = k, after = k + 1;
      while (before > 0 && page.slots[before - 1].slot->kind == Slot::Kind::space) --before;
      while (after < page.slots.size() && page.slots[after].slot->kind == Slot::Kind::space) ++after;
      if (before > 0 && after < page.slots.size() && page.slots[after].slot->paragraph >= 0 &&
          page.slots[before - 1].slot->paragraph == page.slots[after].slot->paragraph)
        ++splits;
    }
  return splits;
}

TEST_CASE("no line is on two pages when a figure goes to the top of a page and paragraphs are set again") {
  // A paragraph that runs from one page onto the next, a figure after it that goes to
  // the top of that page (figure_to_top), and pages set again: the paragraph's lines on
  // the page before, or on either side of the figure, were once replaced by all of its
  // lines, which then stood on two pages (the second time drawn as blank rows).
  const style::Style style = classic();
  const PageGeometry g(style);
  Rebreaker any = [](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    return lines_of(-1, r.lines + looseness);  // its paragraph: set by the page builder
  };
  int cases = 0;
  for (int first = 39; first <= 60; ++first)
    for (int figure = 4; figure <= 30; figure += 2) {
      Flow flow;
      add_paragraph(flow, first);
      add_figure(flow, figure);
      add_paragraph(flow, 7);
      add_paragraph(flow, 3);
      add_paragraph(flow, 40);
      core::Diagnostics diags;
      const auto pages = paginate(flow, g, style.notes, diags, any);
      std::set<const Slot*> seen;
      bool twice = false;
      int first_lines = 0;  // lines of the first paragraph, in whatever setting
      for (const auto& page : pages)
        for (const auto& placed : page.slots) {
          twice = twice || !seen.insert(placed.slot).second;
          first_lines += placed.slot->paragraph == 0;
        }
      CAPTURE(first);
      CAPTURE(figure);
      CHECK_FALSE(twice);
      CHECK(figures_inside_paragraphs(pages) == 0);
      CHECK(std::abs(first_lines - first) <= 2);
      ++cases;
    }
  CHECK(cases > 0);
}

TEST_CASE("a figure that would stand inside a paragraph carried over to its page goes to the top") {
  // Tristram Shandy's black page once stood under the first line of the page, the rest
  // of that line's paragraph below it: the figure had been placed after the paragraph
  // straddling the page break, which was then set again with other lines on the page
  // before. A short paragraph, a long one, a figure: every size that moved it so.
  const style::Style style = classic();
  const PageGeometry g(style);
  Rebreaker any = [](const ParagraphRecord& r, int looseness, int) -> std::optional<std::vector<Slot>> {
    if (r.lines + looseness < 1) return std::nullopt;
    return lines_of(-1, r.lines + looseness);
  };
  int cases = 0, at_top = 0;
  for (int a = 1; a <= 44; ++a)
    for (int b = 2; b <= 40; b += 2)
      for (int figure = 4; figure <= 28; figure += 6) {
        Flow flow;
        add_paragraph(flow, a);
        add_paragraph(flow, b);
        add_figure(flow, figure);
        add_paragraph(flow, 5);
        add_paragraph(flow, 40);
        core::Diagnostics diags;
        const auto pages = paginate(flow, g, style.notes, diags, any);
        CAPTURE(a);
        CAPTURE(b);
        CAPTURE(figure);
        CHECK(figures_inside_paragraphs(pages) == 0);
        for (std::size_t p = 1; p < pages.size(); ++p)
          at_top += !pages[p].slots.empty() && pages[p].slots.front().slot->floats;
        ++cases;
      }
  CHECK(cases == 44 * 20 * 5);
  CHECK(at_top > 0);
}
