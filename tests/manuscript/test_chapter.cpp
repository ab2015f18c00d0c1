// parse_chapter on inputs the golden files cannot hold (line endings, bad bytes,
// missing final newline) and on pathological ones; the column map; the UTF-8 check.
#include <doctest/doctest.h>

#include <chrono>

#include "core/utf8.hpp"
#include "doc/dump.hpp"
#include "manuscript/column_map.hpp"
#include "manuscript/finish.hpp"
#include "manuscript/manuscript.hpp"
#include "core/utf8.hpp"
#include "temp_book.hpp"

using namespace octavo;
using namespace octavo::manuscript::testing;
using namespace std::string_view_literals;

namespace {

struct Parsed {
  doc::Book book;
  core::Diagnostics diags;
  const doc::Chapter& chapter() const { return book.chapters.at(0); }
};

// Parses `markdown` as chapters/x.md of a book in `folder`.
std::unique_ptr<Parsed> parse(const TempBook& folder, std::string_view markdown) {
  auto p = std::make_unique<Parsed>();
  p->book.root = folder.dir;
  doc::Chapter chapter;
  manuscript::parse_chapter(markdown, folder.dir / "chapters" / "x.md", p->book, chapter, p->diags);
  p->book.chapters.push_back(std::move(chapter));
  manuscript::finish_book(p->book);
  return p;
}

int depth_of(const doc::Blocks& blocks) {
  int deepest = 0;
  for (const auto& b : blocks) {
    if (const auto* q = std::get_if<doc::BlockQuote>(&b.node)) {
      deepest = std::max(deepest, 1 + depth_of(q->children));
    }
  }
  return deepest;
}

double seconds_to_parse(const TempBook& folder, const std::string& markdown) {
  const auto start = std::chrono::steady_clock::now();
  parse(folder, markdown);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("chapter source and file id") {
  TempBook folder;
  const auto p = parse(folder, "# One\n");
  CHECK(p->chapter().source == "chapters/x.md");
  CHECK(p->book.sources.path(p->chapter().file) == (folder.dir / "chapters" / "x.md").string());
}

TEST_CASE("a definition on the last line without a line end") {
  TempBook folder;
  SUBCASE("referenced") {
    const auto p = parse(folder, "Text[^a].\n\n[^a]: The end");
    REQUIRE(p->chapter().notes.size() == 1);
    CHECK(p->diags.all().empty());
  }
  SUBCASE("never referenced") {
    const auto p = parse(folder, "Text.\n\n[^a]: The end");
    CHECK(p->chapter().notes.empty());
    REQUIRE(p->diags.all().size() == 1);
    CHECK(p->diags.all()[0].severity == core::Severity::warning);
    CHECK(p->diags.all()[0].where.line == 3);
    CHECK(p->diags.all()[0].where.column == 1);
  }
}

TEST_CASE("CRLF line endings give the same tree and positions as LF") {
  TempBook folder;
  const std::string lf = "# Title\n\n> one\\\n> two\n> three\n\nText[^n].\n\n[^n]: Note.\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const auto a = parse(folder, lf);
  const auto b = parse(folder, crlf);
  CHECK(doc::dump(a->chapter()) == doc::dump(b->chapter()));
  CHECK(doc::dump(a->chapter()).find("text @4:3 \"two\"") != std::string::npos);
}

TEST_CASE("invalid UTF-8 given straight to parse_chapter becomes U+FFFD") {
  TempBook folder;
  const auto p = parse(folder, "caf\xC3 au lait and a \xFF byte, a NUL \0 too\n"sv);
  const auto& para = std::get<doc::Paragraph>(p->chapter().blocks.at(0).node);
  const std::string& text = std::get<doc::Text>(para.content.at(0).node).text;
  CHECK_FALSE(core::utf8::validate(text));
  CHECK(text == "caf\xEF\xBF\xBD au lait and a \xEF\xBF\xBD byte, a NUL \xEF\xBF\xBD too");
}

TEST_CASE("a byte-order mark is not text") {
  TempBook folder;
  const auto p = parse(folder, "\xEF\xBB\xBF# Title\n");
  const auto* h = doc::first_heading(p->chapter());
  REQUIRE(h);
  CHECK(h->id == "title");
}

TEST_CASE("nesting deeper than the limit is reported and cut off") {
  TempBook folder;
  const auto p = parse(folder, std::string(150, '>') + " deep\n");
  CHECK(depth_of(p->chapter().blocks) == 100);  // detail::max_nesting
  REQUIRE(p->diags.all().size() == 1);
  CHECK(p->diags.all()[0].message == "nested more than 100 levels deep");
  CHECK(p->diags.all()[0].where.line == 1);
}

TEST_CASE("pathological inputs finish quickly and do not crash") {
  TempBook folder;
  // After cmark's own pathological tests (test/pathological_tests.py).
  const std::vector<std::pair<const char*, std::string>> inputs = {
      {"nested brackets", std::string(50000, '[') + "a" + std::string(50000, ']')},
      {"unclosed emphasis",
       [] {
         std::string s;
         for (int i = 0; i < 50000; ++i) s += "*a ";
         return s;
       }()},
      {"nested emphasis", std::string(20000, '*') + "a" + std::string(20000, '*')},
      {"nested lists",
       [] {
         std::string s;
         for (int i = 0; i < 1000; ++i)
           s += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- a\n";
         return s;
       }()},
      {"many note references",
       [] {
         std::string s;
         for (int i = 0; i < 20000; ++i) s += "x[^" + std::to_string(i % 500) + "] ";
         s += "\n\n";
         for (int i = 0; i < 500; ++i) s += "[^" + std::to_string(i) + "]: n\n";
         return s;
       }()},
      {"backslash breaks",
       [] {
         std::string s;
         for (int i = 0; i < 20000; ++i) s += "> verse line\\\n";
         return s;
       }()},
  };
  for (const auto& [name, markdown] : inputs) {
    const auto& name_ = name;  // clang 14: a lambda cannot capture a binding
    CAPTURE(name_);
    CHECK(seconds_to_parse(folder, markdown) < 2.0);
  }
}

TEST_CASE("column map: cmark's byte columns to code points") {
  const std::string text =
      "ab\xC3\xA9"
      "cd\n\xE2\x80\x94x\r\nlast";
  manuscript::detail::ColumnMap map(text);
  CHECK(map.line_text(1) ==
        "ab\xC3\xA9"
        "cd");
  CHECK(map.line_text(2) == "\xE2\x80\x94x");
  CHECK(map.line_text(3) == "last");
  CHECK(map.line_text(4).empty());
  CHECK(map.code_point_column(1, 1) == 1);
  CHECK(map.code_point_column(1, 5) == 4);  // 'c' after the two-byte é
  CHECK(map.code_point_column(1, 3) == 3);
  CHECK(map.code_point_column(1, 6) == 5);
  CHECK(map.code_point_column(2, 4) == 2);  // 'x' after the three-byte dash
  CHECK(map.code_point_column(1, 9) == 8);  // past the end: one column a byte
  CHECK(map.code_point_column(9, 5) == 5);  // unknown line: as given
}


TEST_CASE("raw HTML: comments are left out, anything else is text with a warning") {
  TempBook folder;
  const auto p = parse(folder,
                       "# One\n\n<!-- a note to self -->\n\nText <!-- inline note --> and <span onclick=\"x()\">this</span>.\n\n"
                       "<script>alert(1)</script>\n");
  const auto& blocks = p->chapter().blocks;
  REQUIRE(blocks.size() == 3);  // the heading, the paragraph, the script as text
  const auto* para = std::get_if<doc::Paragraph>(&blocks[1].node);
  REQUIRE(para);
  int raw = 0;
  for (const auto& in : para->content) raw += std::holds_alternative<doc::RawHtml>(in.node);
  CHECK(raw == 2);  // <span …> and </span>; the comment is gone
  const auto* script = std::get_if<doc::RawBlock>(&blocks[2].node);
  REQUIRE(script);
  CHECK(script->html.starts_with("<script>"));
  const auto all = p->diags.all();
  REQUIRE(all.size() == 3);
  const std::string at = (folder.dir / "chapters" / "x.md").string();
  CHECK(core::format(all[0]).starts_with(
      at + ":5:31: warning: raw HTML is set as text, not passed through: \u2018<span onclick=\"x()\">\u2019"));
  CHECK(core::format(all[2]).starts_with(
      at + ":7:1: warning: raw HTML is set as text, not passed through: \u2018<script>alert(1)</script>\u2019"));
}
