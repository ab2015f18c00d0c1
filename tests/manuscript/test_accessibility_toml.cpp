// book.toml's [accessibility]: the writer's values, and what is wrong with bad ones.
#include <doctest/doctest.h>

#include "manuscript/manuscript.hpp"
#include "temp_book.hpp"

using octavo::core::Diagnostics;
using octavo::manuscript::read_book;
using namespace octavo::manuscript::testing;

namespace {

// Lines 1–4; [accessibility] starts on line 5 when appended.
const std::string book_header =
    "[book]\n"
    "title = \"T\"\n"
    "author = \"A\"\n"
    "identifier = \"urn:uuid:12345678-1234-1234-1234-123456789abc\"\n";

std::vector<std::string> hints(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.all()) out.insert(out.end(), d.hints.begin(), d.hints.end());
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("every [accessibility] key is read as written") {
  TempBook book;
  book.write("book.toml", book_header +
                              "[accessibility]\n"
                              "summary = \"Maps are described in the text around them.\"\n"
                              "access-modes = [\"textual\", \"visual\", \"textual\"]\n"
                              "access-mode-sufficient = [\"textual\", \" textual , visual \"]\n"
                              "features = [\"alternativeText\", \"tableOfContents\"]\n"
                              "hazards = [\"noFlashingHazard\", \"sound\"]\n"
                              "conforms-to = \"EPUB Accessibility 1.1 - WCAG 2.2 Level AAA\"\n"
                              "certified-by = \"Accessible Books Ltd\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(diags.all().empty());
  const auto& a = result->meta.accessibility;
  CHECK(a.summary == "Maps are described in the text around them.");
  CHECK(a.access_modes == Strings{"textual", "visual"});  // the repeat is dropped
  CHECK(a.access_mode_sufficient == Strings{"textual", "textual,visual"});
  CHECK(a.features == Strings{"alternativeText", "tableOfContents"});
  CHECK(a.hazards == Strings{"noFlashingHazard", "sound"});
  CHECK(a.conforms_to == "EPUB Accessibility 1.1 - WCAG 2.2 Level AAA");
  CHECK(a.certified_by == "Accessible Books Ltd");
}

TEST_CASE("keys left out stay unset; conforms-to = false claims nothing") {
  TempBook book;
  book.write("book.toml", book_header + "[accessibility]\nconforms-to = false\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(diags.all().empty());
  const auto& a = result->meta.accessibility;
  CHECK(a.conforms_to == std::string());
  CHECK_FALSE(a.summary);
  CHECK_FALSE(a.access_modes);
  CHECK_FALSE(a.features);
  CHECK_FALSE(a.hazards);
  CHECK_FALSE(a.certified_by);
}

TEST_CASE("a conformance URL is accepted") {
  TempBook book;
  book.write("book.toml", book_header +
                              "[accessibility]\n"
                              "conforms-to = \"https://www.w3.org/TR/WCAG21/\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  const auto result = read_book(book.dir, diags);
  REQUIRE(result);
  CHECK(result->meta.accessibility.conforms_to == "https://www.w3.org/TR/WCAG21/");
}

TEST_CASE("[accessibility]: unknown keys, wrong types and empty values at their position") {
  TempBook book;
  book.write("book.toml", book_header +
                              "[accessibility]\n"
                              "sumary = \"x\"\n"
                              "summary = \"  \"\n"
                              "hazards = \"none\"\n"
                              "features = []\n"
                              "access-modes = [\"textual\", 3]\n"
                              "conforms-to = true\n"
                              "certified-by = 1\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) ==
        Strings{
            at + ":6:1: error: unknown key 'sumary' in [accessibility]",
            at + ":7:1: error: 'summary' must not be empty",
            at + ":8:1: error: 'hazards' must be an array of strings, not a string",
            at + ":9:1: error: 'features' must list at least one term",
            at + ":10:28: error: each term of 'access-modes' must be a string, not an integer",
            at + ":11:1: error: 'conforms-to' must be a conformance string or false, not true",
            at + ":12:1: error: 'certified-by' must be a string, not an integer",
        });
  CHECK(hints(diags)[0] == "did you mean 'summary'?");
  CHECK(hints(diags)[1] ==
        "valid keys in [accessibility]: summary, access-modes, access-mode-sufficient, features, "
        "hazards, conforms-to, certified-by");
}

TEST_CASE("[accessibility]: terms outside the vocabulary, with the nearest as a hint") {
  TempBook book;
  book.write("book.toml", book_header +
                              "[accessibility]\n"
                              "access-modes = [\"textual\", \"visaul\"]\n"
                              "access-mode-sufficient = [\"textual,chartOnVisual\"]\n"
                              "features = [\"tableOfContent\"]\n"
                              "hazards = [\"none\", \"flashing\"]\n"
                              "conforms-to = \"WCAG 2.1 AA\"\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) ==
        Strings{
            at + ":6:28: error: unknown term \"visaul\" in 'access-modes'",
            at + ":7:27: error: unknown term \"chartOnVisual\" in 'access-mode-sufficient'",
            at + ":8:13: error: unknown term \"tableOfContent\" in 'features'",
            at + ":9:1: error: \"none\" in 'hazards' cannot stand with other terms",
            at + ":10:1: error: 'conforms-to' must name what the book conforms to, not \"WCAG 2.1 AA\"",
        });
  const auto h = hints(diags);
  CHECK(h[0] == "did you mean \"visual\"?");
  CHECK(h[1].starts_with("valid terms: auditory, tactile, textual, visual, chartOnVisual"));
  CHECK(h[2] == "valid terms: auditory, tactile, textual, visual");  // nothing near enough
  CHECK(h[3] == "did you mean \"tableOfContents\"?");
}

TEST_CASE("[accessibility]: a hazard cannot be both present and absent") {
  TempBook book;
  book.write("book.toml", book_header +
                              "[accessibility]\n"
                              "hazards = [\"flashing\", \"noSoundHazard\", \"noFlashingHazard\"]\n");
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  CHECK(messages(diags) ==
        Strings{book.path("book.toml") +
                ":6:1: error: 'hazards' says both \"flashing\" and \"noFlashingHazard\""});
}

TEST_CASE("an [accessibility] key at the top level, and [accessibility] not a table") {
  TempBook book;
  book.write("book.toml", "summary = \"S\"\naccessibility = 1\n" + book_header);
  book.write("chapters/01.md", "# One\n");
  Diagnostics diags;
  CHECK_FALSE(read_book(book.dir, diags));
  const std::string at = book.path("book.toml");
  CHECK(messages(diags) == Strings{at + ":1:1: error: 'summary' must be inside a table",
                                   at + ":2:1: error: 'accessibility' must be a table, not an integer"});
  CHECK(hints(diags) == Strings{"put it under [accessibility]"});
}
