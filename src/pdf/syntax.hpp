#pragma once
// Bits of PDF syntax written by hand (PDF 32000-1:2008 §7.3). No libharu here.
#include <string>
#include <string_view>

namespace octavo::pdf::detail {

/// Appends `scaled` / 10^`decimals` as a PDF number: "-12.5", "3", "0.007" (no exponent,
/// no trailing zeros). `decimals` is 1 to 3.
void append_fixed(std::string& out, long long scaled, int decimals);

/// Appends a literal string of two-byte big-endian codes: "(…)". Only the parentheses
/// and the backslash need escaping inside, and CR, since an unescaped end of line inside
/// a string reads as LF (§7.3.4.2); other bytes go in raw, half the size of hex.
void append_codes(std::string& out, std::u16string_view codes);

/// `uri` with every byte outside printable ASCII, and the space, percent-encoded: a URI
/// action's URI is 7-bit ASCII (§12.6.4.7).
std::string ascii_uri(std::string_view uri);

}  // namespace octavo::pdf::detail
