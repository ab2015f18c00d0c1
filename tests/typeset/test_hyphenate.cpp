// Hyphenation with libhyphen's en-US patterns.
#include <doctest/doctest.h>

#include "typeset/hyphenate.hpp"

using namespace octavo::typeset;
using Points = std::vector<std::uint16_t>;

TEST_CASE("the dictionary is found from the language tag") {
  CHECK(find_dictionary("en").filename().string().rfind("hyph_en", 0) == 0);
  CHECK(find_dictionary("en-US").filename() == "hyph_en_US.dic");
  CHECK_FALSE(find_dictionary("en-GB").empty());  // falls back to another English
  CHECK(find_dictionary("tlh").empty());
}

TEST_CASE("hyphenation → hy-phen-ation") {
  octavo::core::Diagnostics diags;
  Hyphenator h("en", {6, 2, 3}, diags, {});
  REQUIRE(h.available());
  CHECK(h.points("hyphenation") == Points{2, 6});
  CHECK(h.points("Hyphenation") == Points{2, 6});  // case does not matter
  CHECK(h.points("conversation") == Points{3, 6, 8});
  CHECK(diags.all().empty());
}

TEST_CASE("left, right and word minimums are honoured, in characters") {
  octavo::core::Diagnostics diags;
  Hyphenator left3("en", {6, 3, 3}, diags, {});
  CHECK(left3.points("hyphenation") == Points{6});
  Hyphenator right6("en", {6, 2, 6}, diags, {});
  CHECK(right6.points("hyphenation") == Points{2});
  Hyphenator normal("en", {6, 2, 3}, diags, {});
  CHECK(normal.points("table").empty());       // five letters: too short
  CHECK(normal.points("office") == Points{2});  // of-fice
  Hyphenator long_words("en", {12, 2, 3}, diags, {});
  CHECK(long_words.points("hyphenation").empty());
}

TEST_CASE("a language without a dictionary warns once and uses English") {
  octavo::core::Diagnostics diags;
  Hyphenator h("tlh", {6, 2, 3}, diags, {"book.toml", 3, 1});
  CHECK(h.available());
  CHECK(h.points("hyphenation") == Points{2, 6});
  auto all = diags.all();
  REQUIRE(all.size() == 1);
  CHECK(all[0].message.find("tlh") != std::string::npos);
  Hyphenator again("tlh", {6, 2, 3}, diags, {"book.toml", 3, 1});
  CHECK(diags.all().size() == 1);
}
