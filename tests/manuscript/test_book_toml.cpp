// book.toml: metadata, chapter order, style, and the key checks.
#include <doctest/doctest.h>

#include "doc/dump.hpp"
#include "manuscript/book_toml.hpp"
#include "manuscript/manuscript.hpp"
#include "temp_book.hpp"

using octavo::core::Diagnostics;
using octavo::manuscript::read_book;
using namespace octavo::manuscript::detail;
using namespace octavo::manuscript::testing;

namespace {

const std::string identity =
    "title = \"T\"\nauthor = \"A\"\nidentifier = "
    "\"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n";

std::vector<std::string> hints(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.all()) out.insert(out.end(), d.hints.begin(), d.hints.end());
  return out;
}

}  // namespace

TEST_CASE("a complete book.toml") {
  TempBook book;
  book.write("book.toml",
             "[book]\n"
             "title = \"Pride and Prejudice\"\n"
             "subtitle = \"A Novel\"\n"
             "author = [\"Jane Austen\", \"A. N. Other\"]\n"
             "language = \"en-GB\"\n"
             "identifier = \"isbn:978-0-14-143951-8\"\n"
             "date = \"1813-01-28\"\n"
             "publisher = \"T. Egerton\"\n"
             "description = \"It is a truth universally acknowledged…\"\n"
             "rights = \"Public domain\"\n"
             "cover = \"images/cover.jpg\"\n"
             "print-isbn = \"978-0-14-143951-8\"\n"
             "\n"
             "[build]\n"
             "style = \"classic\"\n"
             "chapters = [\"text/b.md\", \"text/a.md\"]\n"
             "\n"
             "[style]\n"
             "font_size = \"11pt\"\n"
             "[style.heading]\n"
             "anything = 1\n");
  book.write("images/cover.jpg", jpeg(600, 900));
  book.write("text/a.md", "# A\n");
  book.write("text/b.md", "# B\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(diags.all().empty());
  const auto& m = result->meta;
  CHECK(m.title == "Pride and Prejudice");
  CHECK(m.subtitle == "A Novel");
  CHECK(m.authors == std::vector<std::string>{"Jane Austen", "A. N. Other"});
  CHECK(m.language == "en-GB");
  CHECK(m.identifier == "isbn:978-0-14-143951-8");
  CHECK(m.date == "1813-01-28");
  CHECK(m.publisher == "T. Egerton");
  CHECK(m.description == "It is a truth universally acknowledged…");
  CHECK(m.rights == "Public domain");
  CHECK(m.cover == "images/cover.jpg");
  CHECK(m.print_isbn == "978-0-14-143951-8");
  CHECK(m.cover_info.format == octavo::core::ImageFormat::jpeg);
  CHECK(m.cover_info.width == 600);
  CHECK(m.cover_info.height == 900);
  CHECK(result->style == "classic");
  CHECK(result->sources.locate(result->style_span).line == 15);
  CHECK(result->sources.locate(result->style_span).column == 1);
  CHECK(result->sources.locate(result->style_span).path == book.path("book.toml"));
  REQUIRE(result->chapters.size() == 2);
  CHECK(result->chapters[0].source == "text/b.md");  // reading order as listed
  CHECK(result->chapters[1].source == "text/a.md");
  CHECK(result->sources.path(result->chapters[1].file) == book.path("text/a.md"));
  CHECK(result->root == book.dir);
}

TEST_CASE("defaults: language en, chapters/*.md sorted by name, no style") {
  TempBook book;
  book.write("book.toml", "[book]\n" + identity + "date = 2008-02-26\n");
  book.write("chapters/10-ten.md", "# Ten\n");
  book.write("chapters/02-two.md", "# Two\n");
  book.write("chapters/01-one.md", "# One\n");
  book.write("chapters/readme.txt", "not a chapter\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(result->meta.language == "en");
  CHECK(result->meta.date == "2008-02-26");  // a TOML date is accepted
  CHECK(result->style.empty());
  CHECK(result->style_span.line == 0);
  REQUIRE(result->chapters.size() == 3);
  CHECK(result->chapters[0].source == "chapters/01-one.md");
  CHECK(result->chapters[1].source == "chapters/02-two.md");
  CHECK(result->chapters[2].source == "chapters/10-ten.md");
  CHECK(octavo::doc::dump(*result).starts_with(
      "book title=\"T\"\n  author \"A\"\n  language \"en\"\n"
      "  identifier \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n  date \"2008-02-26\"\n"
      "  chapter \"chapters/01-one.md\"\n"));
}

TEST_CASE("unknown keys name the valid ones and the nearest") {
  TempBook book;
  book.write("book.toml", "[book]\n" + identity +
                              "subtitel = \"S\"\n"
                              "[build]\n"
                              "chapter = []\n"
                              "[styles]\n"
                              "x = 1\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) == std::vector<std::string>{
                               at + ":5:1: error: unknown key 'subtitel' in [book]",
                               at + ":7:1: error: unknown key 'chapter' in [build]",
                               at + ":8:2: error: unknown table [styles]",
                           });
  CHECK(hints(diags) ==
        std::vector<std::string>{
            "did you mean 'subtitle'?",
            "valid keys in [book]: title, subtitle, author, language, identifier, date, publisher, "
            "description, rights, cover, print-isbn",
            "did you mean 'chapters'?", "valid keys in [build]: chapters, style",
            "did you mean [style]?", "valid tables: [book], [build], [style], [accessibility]"});
}

TEST_CASE("print-isbn must be an ISBN") {
  TempBook book;
  book.write("book.toml",
             "[book]\ntitle = \"T\"\nauthor = \"A\"\n"
             "identifier = \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\nprint-isbn = \"978-0-14\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(octavo::core::format(diags.all()[0]) ==
        book.path("book.toml") + ":5:1: error: 'print-isbn' must be an ISBN-13 or ISBN-10, not \"978-0-14\"\n"
                                 "  hint: for example \"978-0-14-143951-8\"");
}

TEST_CASE("a key far from every valid one gets no guess") {
  TempBook book;
  book.write("book.toml", "[book]\n" + identity + "zzzzzz = 1\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].hints.size() == 1);
  CHECK(diags.all()[0].hints[0].starts_with("valid keys in [book]: "));
}

TEST_CASE("a [book] key at the top level") {
  TempBook book;
  book.write("book.toml", "title = \"T\"\n[book]\n" + identity);
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) == std::vector<std::string>{book.path("book.toml") +
                                                    ":1:1: error: 'title' must be inside a table"});
  CHECK(hints(diags) == std::vector<std::string>{"put it under [book]"});
}

TEST_CASE("wrong types, each at its key or element") {
  TempBook book;
  book.write("book.toml",
             "[book]\n"
             "title = \"T\"\n"
             "author = [\"A\", 7]\n"
             "identifier = \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n"
             "language = 2\n"
             "date = 1813\n"
             "[build]\n"
             "style = true\n"
             "chapters = \"chapters/01.md\"\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) ==
        std::vector<std::string>{
            at + ":3:16: error: each author must be a string, not an integer",
            at + ":5:1: error: 'language' must be a string, not an integer",
            at + ":6:1: error: 'date' must be a string, not an integer",
            at + ":8:1: error: 'style' must be a string, not a boolean",
            at + ":9:1: error: 'chapters' must be an array of paths, not a string",
        });
}

TEST_CASE("values with the wrong shape") {
  TempBook book;
  book.write("book.toml",
             "[book]\n"
             "title = \"\"\n"
             "author = []\n"
             "identifier = \"urn:uuid:not-a-uuid\"\n"
             "language = \"en_GB\"\n"
             "date = \"28 January 1813\"\n"
             "[build]\n"
             "chapters = [\"chapters/01.md\", 3]\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) ==
        std::vector<std::string>{
            at + ":2:1: error: 'title' must not be empty",
            at + ":3:1: error: 'author' must name at least one author",
            at + ":4:1: error: 'identifier' must be \"urn:uuid:\" and a UUID, or \"isbn:\" and an "
                 "ISBN",
            at + ":5:1: error: 'language' must be a BCP 47 language tag, not \"en_GB\"",
            at + ":6:1: error: 'date' must be a year, year-month or year-month-day, not \"28 "
                 "January 1813\"",
            at + ":8:31: error: each chapter must be a path string, not an integer",
        });
}

TEST_CASE("cover problems are reported at the cover key") {
  TempBook book;
  book.write("book.toml", "[book]\n" + identity + "cover = \"images/none.png\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") +
                                 ":5:1: error: cover image not found: images/none.png"});
}

TEST_CASE("a cover outside the book folder") {
  TempBook book;
  book.write("book.toml", "[book]\n" + identity + "cover = \"../cover.png\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{
            book.path("book.toml") +
            ":5:1: error: cover image path is outside the book folder: ../cover.png"});
}

TEST_CASE("language tags, loosely BCP 47") {
  for (const std::string good :
       {"en", "en-GB", "sr-Latn", "zh-Hant-TW", "de-CH-1901", "grc", "es-419"}) {
    CAPTURE(good);
    CHECK(is_language_tag(good));
  }
  for (const std::string bad :
       {"", "e", "en_GB", "en-", "-en", "en--GB", "englishlanguage", "1en", "en-GB-"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_language_tag(bad));
  }
}

TEST_CASE("identifiers: urn:uuid and isbn shapes") {
  for (const std::string good :
       {"urn:uuid:7e44ba14-5368-5370-9784-d8b5caa79f89",
        "urn:uuid:7E44BA14-5368-5370-9784-D8B5CAA79F89", "isbn:9780141439518",
        "isbn:978-0-14-143951-8", "isbn:0-14-143951-X", "isbn:0141439513"}) {
    CAPTURE(good);
    CHECK(is_identifier(good));
  }
  for (const std::string bad :
       {"", "7e44ba14-5368-5370-9784-d8b5caa79f89", "urn:uuid:7e44ba14536853709784d8b5caa79f89",
        "urn:uuid:7e44ba14-5368-5370-9784-d8b5caa79f8g", "isbn:", "isbn:12345",
        "isbn:978014143951X", "isbn:-9780141439518", "ISBN:9780141439518", "doi:10.1000/182"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_identifier(bad));
  }
}

TEST_CASE("dates") {
  for (const std::string good : {"1813", "1813-01", "1813-01-28", "2008-02-26T10:00:00Z"}) {
    CAPTURE(good);
    CHECK(is_date(good));
  }
  for (const std::string bad : {"", "813", "1813-1", "1813/01/28", "1813-01-28x", "January 1813"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_date(bad));
  }
}
