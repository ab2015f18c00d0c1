#include "pdf/codes.hpp"

#include <array>
#include <vector>

namespace octavo::pdf::detail {
namespace {

constexpr char32_t invalid = 0xFFFFFFFF;

bool continuation(unsigned char b) {
  return (b & 0xC0) == 0x80;
}

/// Decodes one UTF-8 sequence at `pos` and advances past it; returns `invalid` (and
/// advances one byte) for an ill-formed sequence: overlongs, surrogates, stray
/// continuation bytes, truncation (Unicode 15, Table 3-7).
char32_t decode(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++pos;
    return invalid;
  }
  if (pos + len > s.size()) {
    ++pos;
    return invalid;
  }
  const auto b1 = static_cast<unsigned char>(s[pos + 1]);
  if (b1 < lo || b1 > hi) {
    ++pos;
    return invalid;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if (!continuation(b)) {
      ++pos;
      return invalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += len;
  return cp;
}

/// The Latin ligatures U+FB00–FB06 and their canonical/compatibility decompositions
/// (UnicodeData.txt): ff, fi, fl, ffi, ffl, long s + t, st.
struct Ligature {
  char16_t code;
  std::array<char16_t, 3> letters;  // 0-terminated when shorter
};
constexpr std::array<Ligature, 7> ligatures{{
    {0xFB00, {u'f', u'f', 0}},
    {0xFB01, {u'f', u'i', 0}},
    {0xFB02, {u'f', u'l', 0}},
    {0xFB03, {u'f', u'f', u'i'}},
    {0xFB04, {u'f', u'f', u'l'}},
    {0xFB05, {0x017F, u't', 0}},
    {0xFB06, {u's', u't', 0}},
}};

bool is_ligature(char32_t cp) {
  return cp >= 0xFB00 && cp <= 0xFB06;
}

void append_hex4(std::string& out, char32_t v) {
  static constexpr char digits[] = "0123456789ABCDEF";
  out += digits[(v >> 12) & 0xF];
  out += digits[(v >> 8) & 0xF];
  out += digits[(v >> 4) & 0xF];
  out += digits[v & 0xF];
}

struct Range {
  char32_t first;
  char32_t last;
};

/// Writes `count` entries in blocks of at most 100, each entry written by `entry(i)`.
template <class Entry>
void write_blocks(std::string& out, std::size_t count, const char* name, Entry entry) {
  constexpr std::size_t block = 100;
  for (std::size_t start = 0; start < count; start += block) {
    const std::size_t n = std::min(block, count - start);
    out += std::to_string(n);
    out += " begin";
    out += name;
    out += '\n';
    for (std::size_t i = start; i < start + n; ++i) entry(i);
    out += "end";
    out += name;
    out += '\n';
  }
}

/// What libharu's UTF-8 path can draw: the BMP without C0 controls and DEL.
bool drawable(char32_t cp) {
  return cp != invalid && cp >= 0x20 && cp != 0x7F && cp <= 0xFFFF;
}

/// Calls keep(cp, start, end) for each drawable character of `text` and drop(start) for
/// each dropped sequence; [start, end) are its bytes.
template <class Keep, class Drop>
void for_each_character(std::string_view text, Keep keep, Drop drop) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode(text, pos);
    if (drawable(cp))
      keep(static_cast<char16_t>(cp), start, pos);
    else
      drop(start);
  }
}

}  // namespace

bool drawable_text(std::string_view text, std::string& cleaned, CodePointSet& used) {
  bool verbatim = true;
  for_each_character(
      text,
      [&](char16_t cp, std::size_t start, std::size_t end) {
        used.insert(cp);
        if (!verbatim) cleaned.append(text.substr(start, end - start));
      },
      [&](std::size_t start) {
        if (verbatim) cleaned.assign(text.substr(0, start));
        verbatim = false;
      });
  return verbatim;
}

void drawable_code_units(std::string_view text, std::u16string& units) {
  units.clear();
  for_each_character(
      text, [&](char16_t cp, std::size_t, std::size_t) { units.push_back(cp); }, [](std::size_t) {});
}

bool has_drawable(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();)
    if (drawable(decode(text, pos))) return true;
  return false;
}

std::string to_unicode_cmap(const CodePointSet& used) {
  // Identity runs of two or more within one high byte become bfrange entries (a bfrange
  // may only vary the last byte); everything else, ligatures included, is a bfchar.
  std::vector<Range> ranges;
  std::vector<char32_t> singles;
  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    if (!used.contains(static_cast<char16_t>(cp))) continue;
    if (is_ligature(cp)) {
      singles.push_back(cp);
      continue;
    }
    char32_t last = cp;
    while (last < 0xFFFF && (last & 0xFF) != 0xFF &&
           used.contains(static_cast<char16_t>(last + 1)) && !is_ligature(last + 1))
      ++last;
    if (last == cp)
      singles.push_back(cp);
    else
      ranges.push_back({cp, last});
    cp = last;
  }

  std::string out;
  out.reserve(400 + 12 * singles.size() + 18 * ranges.size());
  out +=
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  write_blocks(out, singles.size(), "bfchar", [&](std::size_t i) {
    const char32_t cp = singles[i];
    out += '<';
    append_hex4(out, cp);
    out += "> <";
    if (is_ligature(cp)) {
      for (char16_t letter : ligatures[cp - 0xFB00].letters)
        if (letter != 0) append_hex4(out, letter);
    } else {
      append_hex4(out, cp);
    }
    out += ">\n";
  });
  write_blocks(out, ranges.size(), "bfrange", [&](std::size_t i) {
    out += '<';
    append_hex4(out, ranges[i].first);
    out += "> <";
    append_hex4(out, ranges[i].last);
    out += "> <";
    append_hex4(out, ranges[i].first);
    out += ">\n";
  });
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace octavo::pdf::detail
