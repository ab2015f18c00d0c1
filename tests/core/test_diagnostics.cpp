#include <doctest/doctest.h>

#include "core/diagnostics.hpp"

using namespace octavo::core;

TEST_CASE("diagnostics render as path:line:col: severity: message") {
  Diagnostics diags;
  diags.error({"book/book.toml", 3, 9}, "expected a string", {"write title = \"…\""});
  diags.warning({"book/chapters/a.md", 0, 0}, "no heading");
  diags.warning_once("glyph:U+1F4D6", {"a.md", 1, 2}, "no font has U+1F4D6");
  diags.warning_once("glyph:U+1F4D6", {"a.md", 5, 2}, "no font has U+1F4D6");
  const auto all = diags.all();
  REQUIRE(all.size() == 3);
  CHECK(format(all[0]) == "book/book.toml:3:9: error: expected a string\n  hint: write title = \"…\"");
  CHECK(format(all[1]) == "book/chapters/a.md: warning: no heading");
  CHECK(diags.error_count() == 1);
}
