// Book-wide passes: note numbers across chapters and unique heading ids.
#include <doctest/doctest.h>

#include "manuscript/finish.hpp"
#include "manuscript/manuscript.hpp"
#include "temp_book.hpp"

using octavo::core::Diagnostics;
using octavo::manuscript::read_book;
using octavo::manuscript::slug;
using namespace octavo::manuscript::testing;
namespace doc = octavo::doc;

namespace {

const std::string header =
    "[book]\ntitle = \"T\"\nauthor = \"A\"\n"
    "identifier = \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n";

std::vector<std::string> heading_ids(const doc::Book& book) {
  std::vector<std::string> out;
  for (const auto& ch : book.chapters) {
    for (const auto& b : ch.blocks) {
      if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.push_back(h->id);
      if (const auto* q = std::get_if<doc::BlockQuote>(&b.node)) {
        for (const auto& inner : q->children) {
          if (const auto* h = std::get_if<doc::Heading>(&inner.node)) out.push_back(h->id);
        }
      }
    }
  }
  return out;
}

const doc::NoteRef& ref_in(const doc::Chapter& ch, std::size_t paragraph,
                           std::size_t inline_index) {
  const auto& p = std::get<doc::Paragraph>(ch.blocks.at(paragraph).node);
  return std::get<doc::NoteRef>(p.content.at(inline_index).node);
}

}  // namespace

TEST_CASE("slugs") {
  CHECK(slug("Chapter One") == "chapter-one");
  CHECK(slug("  Part I: 1805  ") == "part-i-1805");
  CHECK(slug("Tristram’s Don't") == "tristrams-dont");
  CHECK(slug("Pávlovna, Bezúkhov & Schérer") == "pavlovna-bezukhov-scherer");
  CHECK(slug("Æsop’s Œuvre, Straße, Łódź") == "aesops-oeuvre-strasse-lodz");
  CHECK(slug("1805") == "h-1805");
  CHECK(slug("ΤΑΡΑΣΣΕΙ") == "h");
  CHECK(slug("") == "h");
  CHECK(slug("—") == "h");
  CHECK(slug("A\u2060—\u2060B") == "a-b");
  CHECK(slug("Война и мир: Book One") == "book-one");
  CHECK(slug(std::string(100, 'x')) == std::string(64, 'x'));
  CHECK(slug(std::string(63, 'x') + " yz") == std::string(63, 'x'));  // no trailing dash
}

TEST_CASE("heading ids are unique across the book, in reading order") {
  TempBook book;
  book.write("book.toml", header);
  book.write("chapters/1.md", "# I\n\n## I\n\n# A-2\n");
  book.write("chapters/2.md", "# I\n\n> # I\n\n# A\n\n# A\n\n# 1805\n\n# *I*[^n]\n\n[^n]: x\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(heading_ids(*result) ==
        std::vector<std::string>{"i", "i-2", "a-2", "i-3", "i-4", "a", "a-3", "h-1805", "i-5"});
}

TEST_CASE("a heading marked {-} or {.unnumbered} is unnumbered, the mark removed") {
  TempBook book;
  book.write("book.toml", header);
  book.write("chapters/1.md", "# Preface {-}\n\n# One\n\n## *Two* {.unnumbered}\n\n# {-}\n\n# Set {x}\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  std::vector<std::pair<std::string, bool>> got;
  for (const auto& b : result->chapters[0].blocks)
    if (const auto* h = std::get_if<doc::Heading>(&b.node)) got.emplace_back(doc::plain_text(h->content), h->numbered);
  CHECK(got == std::vector<std::pair<std::string, bool>>{
                   {"Preface", false}, {"One", true}, {"Two", false}, {"", false}, {"Set {x}", true}});
  CHECK(heading_ids(*result).front() == "preface");
}

TEST_CASE("notes are numbered across the book in order of first reference") {
  TempBook book;
  book.write("book.toml", header);
  book.write("chapters/1.md",
             "One[^x] two[^y] one again[^x].\n\n[^y]: Why.\n\n[^x]: Ex, with its own[^z].\n\n[^z]: "
             "Zed.\n");
  book.write("chapters/2.md", "Another[^x] and[^undefined].\n\n[^x]: A second x, in chapter 2.\n");
  book.write("chapters/3.md", "No notes here.\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(diags.all().empty());
  const auto& c1 = result->chapters[0];
  REQUIRE(c1.notes.size() == 3);
  CHECK(c1.notes[0].label == "x");
  CHECK(c1.notes[0].number == 1);
  CHECK(c1.notes[1].label == "y");
  CHECK(c1.notes[1].number == 2);
  CHECK(c1.notes[2].label == "z");
  CHECK(c1.notes[2].number == 3);
  CHECK(ref_in(c1, 0, 1).number == 1);
  CHECK(ref_in(c1, 0, 3).number == 2);
  CHECK(ref_in(c1, 0, 5).number == 1);
  const auto& c2 = result->chapters[1];
  REQUIRE(c2.notes.size() == 1);
  CHECK(c2.notes[0].label == "x");
  CHECK(c2.notes[0].number == 4);
  CHECK(ref_in(c2, 0, 1).number == 4);
  // An undefined note stays text, as cmark leaves it.
  const auto& p = std::get<doc::Paragraph>(c2.blocks[0].node);
  CHECK(std::get<doc::Text>(p.content.at(2).node).text == " and[^undefined].");
}

TEST_CASE("finish_book is idempotent") {
  TempBook book;
  book.write("book.toml", header);
  book.write("chapters/1.md", "# A\n\nx[^1]\n\n[^1]: n\n");
  book.write("chapters/2.md", "# A\n\ny[^1]\n\n[^1]: m\n");
  Diagnostics diags;
  auto result = read_book(book.dir, diags);
  REQUIRE(result);
  octavo::manuscript::finish_book(*result);
  CHECK(heading_ids(*result) == std::vector<std::string>{"a", "a-2"});
  CHECK(result->chapters[1].notes[0].number == 2);
  CHECK(ref_in(result->chapters[1], 1, 1).number == 2);
}
