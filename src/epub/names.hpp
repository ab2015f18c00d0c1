#pragma once
// Small pure helpers for the EPUB back end: what may become an id, a file name, a link,
// a date or a language tag, and how numbers are printed into CSS.
#include <optional>
#include <string>
#include <string_view>

namespace octavo::epub::detail {

/// A fragment identifier made only of ASCII letters, digits, '-', '_' and '.', so that it
/// survives every reading system's URL handling unescaped. Other runs become one '-';
/// empty when nothing is left.
std::string safe_id(std::string_view text);

/// A container file name made of the same safe ASCII set (EPUBCheck warns on spaces and
/// non-ASCII names); keeps the extension, lower-cased. Never empty.
std::string safe_file_name(std::string_view name);

/// The href for an external link when its scheme is http, https or mailto (any case),
/// with characters that are not allowed in a URL percent-encoded; nothing otherwise
/// (javascript:, data:, file:, relative paths … become plain text).
std::optional<std::string> safe_href(std::string_view url);

/// A W3C date (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM or YYYY-MM-DD, with
/// an optional time part "Thh:mm[:ss[.s]]" and zone "Z" or "±hh:mm" after a full date.
bool is_w3c_date(std::string_view text);

/// "YYYY-MM-DDThh:mm:ssZ", the only form dcterms:modified allows in EPUB 3.
bool is_modified_timestamp(std::string_view text);

/// A well-formed BCP 47 tag, loosely: letters (2–8), then subtags of 1–8 letters/digits.
bool is_language_tag(std::string_view text);

/// `value` with at most three decimals and no trailing zeros: 1.5 → "1.5", 2 → "2".
/// Locale-independent.
std::string number(double value);

/// `text` as a double-quoted CSS string (quotes, backslashes and control characters
/// escaped as CSS hex escapes).
std::string css_string(std::string_view text);

/// The heading of the table of contents in the language `lang` (a BCP 47 tag) where
/// known, else "Contents".
std::string contents_label(const std::string& lang);

/// The heading of a chapter's endnotes in the language `lang` where known, else "Notes".
std::string notes_label(const std::string& lang);

}  // namespace octavo::epub::detail
