#pragma once
// The few Unicode properties the typesetter needs, for the scripts the shipped fonts
// cover (Latin, Greek, Cyrillic). Not a general Unicode database: characters outside
// these ranges are treated as caseless non-letters, which only means they are never
// hyphenated or case-mapped.
#include <string>
#include <string_view>

namespace octavo::typeset::unicode {

bool is_letter(char32_t cp);
bool is_upper(char32_t cp);
bool is_lower(char32_t cp);
char32_t to_lower(char32_t cp);
char32_t to_upper(char32_t cp);

std::string to_lower(std::string_view utf8);
std::string to_upper(std::string_view utf8);

/// What a character means to line breaking (see inline_builder.cpp for how each is set).
enum class CharClass {
  normal,      ///< drawn, part of a word
  space,       ///< interword space: a break opportunity with stretchable glue
  nbsp,        ///< U+00A0, U+202F: space-width glue that never breaks
  fixed_space, ///< U+2000–U+200A (but not U+200B): a fixed-width space, not a break point
  zwsp,        ///< U+200B: zero width, a break opportunity
  joiner,      ///< U+2060, U+FEFF: zero width, prevents a break; not drawn
  soft_hyphen, ///< U+00AD: a hyphenation point, drawn only when the line breaks there
  ignorable,   ///< other default-ignorable format characters (ZWNJ, ZWJ, marks of direction…)
  hyphen,      ///< '-' or U+2010: a break may follow (flagged: it counts as a hyphen)
  dash,        ///< en/em dashes and the long dashes U+2E3A/2E3B: a break may follow
};
CharClass classify(char32_t cp);

/// Width of a fixed space (U+2000–U+200A) in ems, for faces that lack its glyph.
double fixed_space_em(char32_t cp);

/// The Unicode name of the few characters a diagnostic names; otherwise "".
std::string_view char_name(char32_t cp);

}  // namespace octavo::typeset::unicode
