#include <doctest/doctest.h>

#include <regex>

#include "pdf/codes.hpp"
#include "pdf/syntax.hpp"

using namespace octavo::pdf::detail;

namespace {

CodePointSet set_of(std::u16string_view cps) {
  CodePointSet s;
  for (char16_t c : cps) s.insert(c);
  return s;
}

std::string fixed(long long v, int decimals) {
  std::string out = "x";
  append_fixed(out, v, decimals);
  return out.substr(1);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("drawable_text keeps BMP text as it is and records its code points") {
  CodePointSet used;
  std::string cleaned = "untouched";
  CHECK(drawable_text("Медведев “fi”", cleaned, used));
  CHECK(cleaned == "untouched");
  CHECK(used.contains(u'М'));
  CHECK(used.contains(u'“'));
  CHECK(used.contains(u' '));
  CHECK(used.size() == 9);  // М е д в, the space, “ f i ”
}

TEST_CASE("drawable_text drops what libharu cannot draw") {
  CodePointSet used;
  std::string cleaned;
  // U+1D538 (outside the BMP: libharu would draw a space), a tab, and a lone
  // continuation byte, a truncated sequence and an encoded surrogate.
  CHECK_FALSE(
      drawable_text("a\xF0\x9D\x94\xB8"
                    "b\tc\x80"
                    "d\xE2\x80",
                    cleaned, used));
  CHECK(cleaned == "abcd");
  CHECK_FALSE(drawable_text("x\xED\xA0\x80y", cleaned, used));
  CHECK(cleaned == "xy");
  CHECK_FALSE(drawable_text("\xF0\x9F\x98\x80", cleaned, used));
  CHECK(cleaned.empty());
  CHECK(used.size() == 6);  // a b c d x y
}

TEST_CASE("the ToUnicode CMap is a well-formed type 2 CMap") {
  const std::string cmap = to_unicode_cmap(set_of(u"A"));
  CHECK(cmap.find("/CIDInit /ProcSet findresource begin\n") == 0);
  CHECK(cmap.find("begincmap\n") != std::string::npos);
  CHECK(cmap.find("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def") !=
        std::string::npos);
  CHECK(cmap.find("/CMapName /Adobe-Identity-UCS def") != std::string::npos);
  CHECK(cmap.find("/CMapType 2 def") != std::string::npos);
  CHECK(cmap.find("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") !=
        std::string::npos);
  CHECK(cmap.find("1 beginbfchar\n<0041> <0041>\nendbfchar\n") != std::string::npos);
  CHECK(cmap.find("begincidrange") == std::string::npos);
  CHECK(cmap.find("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n") !=
        std::string::npos);
}

TEST_CASE("runs become bfranges that never cross a high byte; ligatures map to letters") {
  // a b c, then U+00FE U+00FF U+0100 U+0101 (crossing 0x00FF/0x0100), fi and ffl ligatures.
  const std::string cmap = to_unicode_cmap(set_of(u"abc\u00FE\u00FF\u0100\u0101\uFB01\uFB04"));
  CHECK(cmap.find("3 beginbfrange\n"
                  "<0061> <0063> <0061>\n"
                  "<00FE> <00FF> <00FE>\n"
                  "<0100> <0101> <0100>\n"
                  "endbfrange\n") != std::string::npos);
  CHECK(cmap.find("2 beginbfchar\n<FB01> <00660069>\n<FB04> <00660066006C>\nendbfchar\n") !=
        std::string::npos);
}

TEST_CASE("every ligature U+FB00-FB06 maps to its decomposition") {
  const std::string cmap = to_unicode_cmap(set_of(u"\uFB00\uFB01\uFB02\uFB03\uFB04\uFB05\uFB06"));
  for (const char* entry :
       {"<FB00> <00660066>", "<FB01> <00660069>", "<FB02> <0066006C>", "<FB03> <006600660069>",
        "<FB04> <00660066006C>", "<FB05> <017F0074>", "<FB06> <00730074>"})
    CHECK_MESSAGE(cmap.find(entry) != std::string::npos, entry);
  CHECK(cmap.find("bfrange") == std::string::npos);
}

TEST_CASE("CMap blocks hold at most 100 entries") {
  CodePointSet used;
  for (char16_t c = 0x400; c < 0x600; c += 2) used.insert(c);  // 256 isolated code points
  const std::string cmap = to_unicode_cmap(used);
  CHECK(count(cmap, "100 beginbfchar\n") == 2);
  CHECK(count(cmap, "56 beginbfchar\n") == 1);
  CHECK(count(cmap, "endbfchar") == 3);
  // One line per code point, and the codespace range's.
  const std::regex entry("<[0-9A-F]{4}> <[0-9A-F]{4}>\n");
  CHECK(std::distance(std::sregex_iterator(cmap.begin(), cmap.end(), entry),
                      std::sregex_iterator()) == 257);

  CodePointSet all;
  for (unsigned c = 0x20; c <= 0xFFFF; ++c) all.insert(static_cast<char16_t>(c));
  const std::string full = to_unicode_cmap(all);
  // 0x0020-0x00FF, then 254 full rows of 256 (0x100-0xFAFF, 0xFC00-0xFFFF), and the
  // rest of row 0xFB around the seven ligatures.
  CHECK(count(full, "100 beginbfrange\n") == 2);
  CHECK(full.find("<0020> <00FF> <0020>") != std::string::npos);
  CHECK(full.find("<FB07> <FBFF> <FB07>") != std::string::npos);
  CHECK(full.find("<FF00> <FFFF> <FF00>") != std::string::npos);
}

TEST_CASE("numbers are written exactly, without exponent or trailing zeros") {
  CHECK(fixed(0, 3) == "0");
  CHECK(fixed(72000, 3) == "72");
  CHECK(fixed(72500, 3) == "72.5");
  CHECK(fixed(-13200, 3) == "-13.2");
  CHECK(fixed(7, 3) == "0.007");
  CHECK(fixed(-50, 3) == "-0.05");
  CHECK(fixed(123456789, 3) == "123456.789");
  CHECK(fixed(-2727, 1) == "-272.7");
  CHECK(fixed(-2720, 1) == "-272");
  CHECK(fixed(5, 1) == "0.5");
}

TEST_CASE("codes are written as a literal string, escaped where they must be") {
  std::string out;
  // A, (, ), U+2829 (bytes '(' ')'), a backslash, U+0D0A (bytes CR LF): high bytes
  // 0 go in raw, LF too; parentheses and backslashes are escaped, CR as \r.
  append_codes(out, u"A()\u2829\\\u0D0A");
  CHECK(out == std::string("(\0A\0\\(\0\\)\\(\\)\0\\\\\\r\n)", 20));
}

TEST_CASE("URIs are made 7-bit ASCII") {
  CHECK(ascii_uri("https://example.org/a?b=c#d") == "https://example.org/a?b=c#d");
  CHECK(ascii_uri("https://ru.wikipedia.org/wiki/Мир war") ==
        "https://ru.wikipedia.org/wiki/%D0%9C%D0%B8%D1%80%20war");
}
