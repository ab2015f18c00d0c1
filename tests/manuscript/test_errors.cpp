// Every bad input read_book must report, with the exact text and position.
#include <doctest/doctest.h>

#include "manuscript/manuscript.hpp"
#include "temp_book.hpp"

using octavo::core::Diagnostics;
using octavo::manuscript::read_book;
using namespace octavo::manuscript::testing;

namespace {

// Lines 1–4 of a valid book.toml; [build] starts on line 5 when appended.
const std::string book_header =
    "[book]\n"
    "title = \"T\"\n"
    "author = \"A\"\n"
    "identifier = \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n";

// A book with one chapter, chapters/01.md, holding `markdown`.
void one_chapter(const TempBook& book, const std::string& markdown) {
  book.write("book.toml", book_header + "[build]\nchapters = [\"chapters/01.md\"]\n");
  book.write("chapters/01.md", markdown);
}

}  // namespace

TEST_CASE("no book.toml") {
  TempBook book;
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") + ": error: no book.toml found"});
}

TEST_CASE("TOML syntax error: position from toml::parse_error") {
  TempBook book;
  book.write("book.toml", "[book]\ntitle = \"T\nauthor = \"A\"\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") +
                                 ":2:11: error: TOML syntax error in string: unescaped control "
                                 "characters other than TAB (U+0009) are explicitly prohibited"});
}

TEST_CASE("wrong type for a key") {
  TempBook book;
  book.write("book.toml",
             "[book]\ntitle = 3\nauthor = \"A\"\n"
             "identifier = \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") +
                                 ":2:1: error: 'title' must be a string, not an integer"});
}

TEST_CASE("missing required keys") {
  TempBook book;
  book.write("book.toml", "[book]\nsubtitle = \"S\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at =
      book.path("book.toml") + ":1:1: error: [book] is missing the required key ";
  CHECK(messages(diags) ==
        std::vector<std::string>{at + "'title'", at + "'author'", at + "'identifier'"});
}

TEST_CASE("no [book] table at all") {
  TempBook book;
  book.write("book.toml", "[build]\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) == std::vector<std::string>{book.path("book.toml") +
                                                    ": error: book.toml has no [book] table"});
}

TEST_CASE("missing chapter files: every one reported at its array element") {
  TempBook book;
  book.write("book.toml", book_header +
                              "[build]\n"
                              "chapters = [\n"
                              "  \"chapters/01.md\",\n"
                              "  \"chapters/02.md\", \"chapters/03.md\",\n"
                              "]\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{
            book.path("book.toml") + ":8:3: error: chapter file not found: chapters/02.md",
            book.path("book.toml") + ":8:21: error: chapter file not found: chapters/03.md"});
}

TEST_CASE("chapter paths outside the book folder") {
  TempBook outer;  // holds the book folder and a chapter beside it
  TempBook elsewhere;
  const fs::path dir = outer.dir / "book";
  elsewhere.write("x.md", "# Outside\n");
  outer.write("x.md", "# Beside the book\n");  // exists, so only confinement can reject it
  const std::string absolute = (elsewhere.dir / "x.md").string();
  fs::create_directories(dir / "chapters");
  fs::create_symlink(elsewhere.dir / "x.md", dir / "chapters" / "link.md");
  outer.write("book/book.toml", book_header +
                                    "[build]\n"
                                    "chapters = [\"../x.md\",\n"
                                    "  \"" +
                                    absolute +
                                    "\",\n"
                                    "  \"chapters/link.md\"]\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(dir, diags));
  const std::string at = outer.path("book/book.toml");
  CHECK(messages(diags) ==
        std::vector<std::string>{
            at + ":6:13: error: chapter path is outside the book folder: ../x.md",
            at + ":7:3: error: chapter path is outside the book folder: " + absolute,
            at + ":8:3: error: chapter path is outside the book folder: chapters/link.md"});
}

TEST_CASE("a symlink that stays inside the book folder is fine") {
  TempBook book;
  book.write("book.toml", book_header + "[build]\nchapters = [\"chapters/link.md\"]\n");
  book.write("text/real.md", "# Real\n");
  fs::create_directories(book.dir / "chapters");
  fs::create_symlink(book.dir / "text" / "real.md", book.dir / "chapters" / "link.md");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(result->chapters.at(0).source == "chapters/link.md");
}

TEST_CASE("invalid UTF-8 in a chapter: line and column of the bad byte") {
  TempBook book;
  one_chapter(book, "# One\n\nCaf\xC3\xA9 ok, then \xC3(bad\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("chapters/01.md") + ":3:15: error: invalid UTF-8"});
}

TEST_CASE("missing image: position of the image in the chapter") {
  TempBook book;
  one_chapter(book, "# One\n\nSee \xC3\xA9 ![a map](../images/map.png) here.\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  // Column 7 counts code points: "See é " is six characters but seven bytes.
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("chapters/01.md") +
                                 ":3:7: error: image not found: ../images/map.png"});
}

TEST_CASE("corrupt image: a .png full of garbage") {
  TempBook book;
  one_chapter(book, "# One\n\n![x](../images/bad.png)\n");
  book.write("images/bad.png", "this is not an image at all");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{
            book.path("chapters/01.md") +
            ":3:1: error: cannot use image ../images/bad.png: not a PNG or JPEG image"});
}

TEST_CASE("truncated PNG") {
  TempBook book;
  one_chapter(book, "# One\n\n![x](../images/cut.png)\n");
  book.write("images/cut.png", png(4, 4).substr(0, 20));
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{
            book.path("chapters/01.md") +
            ":3:1: error: cannot use image ../images/cut.png: corrupt PNG: no IHDR header"});
}

TEST_CASE("image path outside the book folder") {
  TempBook book;
  TempBook elsewhere;
  elsewhere.write("pic.png", png(2, 2));
  one_chapter(book, "# One\n\nText ![x](../../" + elsewhere.dir.filename().string() +
                        "/pic.png) and ![y](../images/link.png).\n");
  fs::create_directories(book.dir / "images");
  fs::create_symlink(elsewhere.dir / "pic.png", book.dir / "images" / "link.png");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("chapters/01.md");
  const auto got = messages(diags);
  REQUIRE(got.size() == 2);
  CHECK(got[0] == at + ":3:6: error: image path is outside the book folder: ../../" +
                      elsewhere.dir.filename().string() + "/pic.png");
  CHECK(got[1].starts_with(at + ":3:"));
  CHECK(got[1].ends_with(": error: image path is outside the book folder: ../images/link.png"));
}

TEST_CASE("remote images are not fetched") {
  TempBook book;
  one_chapter(book, "![x](https://example.com/a.png)\n\n![y](//example.com/b.png)\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("chapters/01.md");
  CHECK(messages(diags) ==
        std::vector<std::string>{
            at + ":1:1: error: remote images are not fetched: https://example.com/a.png",
            at + ":3:1: error: remote images are not fetched: //example.com/b.png"});
}

TEST_CASE("empty book: chapters = []") {
  TempBook book;
  book.write("book.toml", book_header + "[build]\nchapters = []\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") + ":6:1: error: the book has no chapters"});
}

TEST_CASE("empty book: no chapters/*.md") {
  TempBook book;
  book.write("book.toml", book_header);
  book.write("chapters/notes.txt", "not a chapter");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") + ": error: the book has no chapters"});
}

TEST_CASE("many problems are reported in one run") {
  TempBook book;
  book.write("book.toml",
             "[book]\ntitle = 3\nauthor = \"A\"\nidentifier = \"nope\"\n"
             "[build]\nchapters = [\"a.md\", \"b.md\", \"c.md\"]\n");
  book.write("b.md", "![x](missing.png)\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) ==
        std::vector<std::string>{at + ":2:1: error: 'title' must be a string, not an integer",
                                 at + ":4:1: error: 'identifier' must be \"urn:uuid:\" and a UUID, "
                                      "or \"isbn:\" and an ISBN",
                                 at + ":6:13: error: chapter file not found: a.md",
                                 book.path("b.md") + ":1:1: error: image not found: missing.png",
                                 at + ":6:29: error: chapter file not found: c.md"});
}

TEST_CASE("a chapter listed twice") {
  TempBook book;
  book.write("book.toml", book_header + "[build]\nchapters = [\"a.md\",\n  \"./a.md\"]\n");
  book.write("a.md", "# A\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) == std::vector<std::string>{book.path("book.toml") +
                                                    ":7:3: error: chapter listed twice: ./a.md"});
}

TEST_CASE("a footnote never referenced is a warning; the book still reads") {
  TempBook book;
  one_chapter(book, "Text.[^a]\n\n[^a]: Used.\n\n> [^b]: Unused, in a quote.\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("chapters/01.md") +
                                 ":5:3: warning: footnote [^b] is never referenced"});
  CHECK(result->chapters[0].notes.size() == 1);
}

TEST_CASE("a footnote defined twice is an error") {
  TempBook book;
  one_chapter(book, "Text.[^a]\n\n[^a]: One.\n\n[^A]: Two.\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("chapters/01.md") +
                                 ":5:1: error: footnote [^A] is defined more than once"});
}

TEST_CASE("a chapter path that is a folder") {
  TempBook book;
  book.write("book.toml", book_header + "[build]\nchapters = [\"chapters\"]\n");
  fs::create_directories(book.dir / "chapters");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{book.path("book.toml") +
                                 ":6:13: error: chapter is not a file: chapters"});
}

TEST_CASE("errors already in the sink do not fail a good book") {
  TempBook book;
  one_chapter(book, "# One\n");
  Diagnostics diags;
  diags.error({"elsewhere", 1, 1}, "an earlier stage's problem");
  CHECK(read_book(book.dir, diags));
}
