#include <doctest/doctest.h>

#include "core/utf8.hpp"

using namespace octavo::core;

TEST_CASE("valid UTF-8 passes, including Greek, Cyrillic and four-byte sequences") {
  CHECK_FALSE(utf8::validate("plain ASCII"));
  CHECK_FALSE(utf8::validate("Μῆνιν ἄειδε — Медведев — \xF0\x9F\x93\x96"));
}

TEST_CASE("invalid UTF-8 is located by line and column") {
  const std::string text = "first line\nab\xC3(cd";
  const auto bad = utf8::validate(text);
  REQUIRE(bad);
  CHECK(bad->offset == 13);
  CHECK(bad->line == 2);
  CHECK(bad->column == 3);
}

TEST_CASE("overlongs, surrogates and values past U+10FFFF are rejected") {
  CHECK(utf8::validate("\xC0\xAF"));          // overlong '/'
  CHECK(utf8::validate("\xE0\x80\xAF"));      // overlong, three bytes
  CHECK(utf8::validate("\xED\xA0\x80"));      // U+D800
  CHECK(utf8::validate("\xF4\x90\x80\x80"));  // U+110000
  CHECK(utf8::validate("\xE2\x82"));          // truncated
}

TEST_CASE("decode and append round-trip") {
  const std::string text = "a\u00e9\u2014\U0001F4D6";
  const auto u32 = utf8::to_u32(text);
  REQUIRE(u32.size() == 4);
  CHECK(u32[1] == 0xE9);
  CHECK(u32[2] == 0x2014);
  CHECK(u32[3] == 0x1F4D6);
  CHECK(utf8::from_u32(u32) == text);
  std::size_t pos = 0;
  CHECK(utf8::decode("\xFF" "a", pos) == 0xFFFD);
  CHECK(pos == 1);
}

TEST_CASE("the fast check agrees with known answers, across its eight-byte ASCII steps") {
  const std::pair<std::string, bool> cases[] = {
      {"", true},
      {"abcdefgh", true},
      {"abcdefgh\xFF", false},
      {"abcdefghijklmno\xE2\x80", false},
      {"12345678\xC3\xA9" "12345678", true},
      {"\xEF\xBF\xBD", true},
      {"\xF4\x8F\xBF\xBF", true},
      {"\xF5\x80\x80\x80", false},
      {"\x80", false},
      {"\xED\xA0\x80", false},
  };
  for (const auto& [text, valid] : cases) {
    const auto& text_ = text;  // clang 14: a lambda cannot capture a binding
    CAPTURE(text_);
    CHECK(utf8::is_valid(text) == valid);
    CHECK(utf8::validate(text).has_value() == !valid);
  }
}
