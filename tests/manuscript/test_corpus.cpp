// The three corpus books (../shared/corpus beside the repository) read without
// problems and hold the counts the corpus README gives.
#include <doctest/doctest.h>

#include "manuscript/manuscript.hpp"

using namespace octavo;

namespace {

struct Counts {
  std::size_t chapters = 0, notes = 0, images = 0, tables = 0;
};

std::size_t tables_in(const doc::Blocks& blocks) {
  std::size_t n = 0;
  for (const auto& b : blocks) {
    if (std::holds_alternative<doc::Table>(b.node)) ++n;
    if (const auto* q = std::get_if<doc::BlockQuote>(&b.node)) n += tables_in(q->children);
    if (const auto* l = std::get_if<doc::List>(&b.node)) {
      for (const auto& item : l->items) n += tables_in(item.children);
    }
  }
  return n;
}

Counts read_counts(const char* slug) {
  const std::filesystem::path dir = std::string(OCTAVO_SOURCE_DIR) + "/../shared/corpus/" + slug;
  core::Diagnostics diags;
  const auto book = manuscript::read_book(dir, diags);
  for (const auto& d : diags.all()) MESSAGE(core::format(d));
  REQUIRE(book);
  CHECK(diags.all().empty());
  Counts c;
  c.chapters = book->chapters.size();
  for (const auto& ch : book->chapters) {
    c.notes += ch.notes.size();
    c.tables += tables_in(ch.blocks);
    for (const auto& n : ch.notes) c.tables += tables_in(n.content);
  }
  c.images = doc::images(*book).size();
  // Notes are numbered 1…n across the book.
  int expected = 0;
  for (const auto& ch : book->chapters)
    for (const auto& n : ch.notes) CHECK(n.number == ++expected);
  return c;
}

}  // namespace

TEST_CASE("mid: Pride and Prejudice") {
  const Counts c = read_counts("mid");
  CHECK(c.chapters == 61);
  CHECK(c.notes == 0);
  CHECK(c.images == 0);
  CHECK(c.tables == 0);
}

TEST_CASE("large: War and Peace") {
  const Counts c = read_counts("large");
  CHECK(c.chapters == 387);
  CHECK(c.notes == 137);
  CHECK(c.images == 0);
  CHECK(c.tables == 4);
}

TEST_CASE("notes: Tristram Shandy") {
  const Counts c = read_counts("notes");
  CHECK(c.chapters == 331);
  CHECK(c.notes == 39);
  CHECK(c.images == 6);
  CHECK(c.tables == 3);
}
