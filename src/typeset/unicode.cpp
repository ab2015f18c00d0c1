#include "typeset/unicode.hpp"

#include "core/utf8.hpp"

namespace octavo::typeset::unicode {
namespace {

// Latin Extended-A (U+0100–U+017F) pairs upper/lower as even/odd, except for a few
// runs that pair odd/even; this table lists those runs.
bool latin_ext_a_odd_upper(char32_t cp) {
  return (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
}

}  // namespace

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x370 && cp <= 0x3FF) return cp != 0x37E && cp != 0x387 && cp != 0x375;
  if (cp >= 0x400 && cp <= 0x52F) return !(cp >= 0x482 && cp <= 0x489);
  if (cp >= 0x1E00 && cp <= 0x1FFF) return true;  // Latin Extended Additional, Greek Extended
  if (cp >= 0xFB00 && cp <= 0xFB06) return true;  // Latin ligatures
  return false;
}

bool is_upper(char32_t cp) { return is_letter(cp) && to_lower(cp) != cp; }
bool is_lower(char32_t cp) { return is_letter(cp) && to_upper(cp) != cp; }

char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130) return 'i';
    if (cp == 0x178) return 0xFF;
    if (latin_ext_a_odd_upper(cp)) return (cp % 2 == 1) ? cp + 1 : cp;
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Greek capitals
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;  // Cyrillic А–Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;  // Ѐ–Џ
  if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
      (cp >= 0x4D0 && cp <= 0x52F))
    return (cp % 2 == 0) ? cp + 1 : cp;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return (cp % 2 == 0) ? cp + 1 : cp;
  return cp;
}

char32_t to_upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp < 0xDF) return cp;
  if (cp >= 0xE0 && cp <= 0xFE) return cp == 0xF7 ? cp : cp - 32;
  if (cp == 0xFF) return 0x178;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x131) return 'I';
    if (latin_ext_a_odd_upper(cp)) return (cp % 2 == 0) ? cp - 1 : cp;
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    return (cp % 2 == 1) ? cp - 1 : cp;
  }
  if (cp >= 0x3B1 && cp <= 0x3CB && cp != 0x3C2) return cp - 32;
  if (cp == 0x3C2) return 0x3A3;  // final sigma
  if (cp == 0x3AC) return 0x386;
  if (cp >= 0x3AD && cp <= 0x3AF) return cp - 37;
  if (cp == 0x3CC) return 0x38C;
  if (cp == 0x3CD || cp == 0x3CE) return cp - 63;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;
  if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
      (cp >= 0x4D0 && cp <= 0x52F))
    return (cp % 2 == 1) ? cp - 1 : cp;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return (cp % 2 == 1) ? cp - 1 : cp;
  return cp;
}

std::string to_lower(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) core::utf8::append(out, to_lower(core::utf8::decode(utf8, pos)));
  return out;
}

std::string to_upper(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = core::utf8::decode(utf8, pos);
    if (cp == 0xDF) {  // ß has no single-character capital in running text
      out += "SS";
      continue;
    }
    core::utf8::append(out, to_upper(cp));
  }
  return out;
}

CharClass classify(char32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case 0x1680: case 0x3000: case 0x205F:
      return CharClass::space;
    case 0xA0: case 0x202F:
      return CharClass::nbsp;
    case 0x200B:
      return CharClass::zwsp;
    case 0x2060: case 0xFEFF:
      return CharClass::joiner;
    case 0xAD:
      return CharClass::soft_hyphen;
    case '-': case 0x2010:
      return CharClass::hyphen;
    case 0x2013: case 0x2014: case 0x2E3A: case 0x2E3B:
      return CharClass::dash;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::fixed_space;
  if ((cp >= 0x200C && cp <= 0x200F) || (cp >= 0x2061 && cp <= 0x206F) || cp == 0x34F ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x202A && cp <= 0x202E) || cp < 0x20 ||
      (cp >= 0x7F && cp < 0xA0))
    return CharClass::ignorable;
  return CharClass::normal;
}

double fixed_space_em(char32_t cp) {
  switch (cp) {
    case 0x2000: case 0x2002: return 0.5;        // en quad, en space
    case 0x2001: case 0x2003: return 1.0;        // em quad, em space
    case 0x2004: return 1.0 / 3;                 // three-per-em
    case 0x2005: return 0.25;                    // four-per-em
    case 0x2006: return 1.0 / 6;                 // six-per-em
    case 0x2007: return 0.5;                     // figure space (a digit's width)
    case 0x2008: return 0.25;                    // punctuation space (about a period's width)
    case 0x2009: return 0.2;                     // thin space
    case 0x200A: return 1.0 / 12;                // hair space: between 1/24 and 1/10 em
    default: return 0.25;
  }
}

std::string_view char_name(char32_t cp) {
  switch (cp) {
    case 0x2E3A: return "TWO-EM DASH";
    case 0x2E3B: return "THREE-EM DASH";
    case 0x2042: return "ASTERISM";
    case 0x2051: return "TWO ASTERISKS ALIGNED VERTICALLY";
    case 0xFFFD: return "REPLACEMENT CHARACTER";
    default: return {};
  }
}

}  // namespace octavo::typeset::unicode
