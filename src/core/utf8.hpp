#pragma once
// UTF-8 helpers: validation with a position, decoding, encoding.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace octavo::core::utf8 {

/// Where the first invalid sequence is: byte offset, 1-based line and column
/// (column counted in code points).
struct InvalidAt {
  std::size_t offset = 0;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// True when `text` is valid UTF-8; fast on ASCII. Same rules as validate().
bool is_valid(std::string_view text);

/// Returns nothing when `text` is valid UTF-8 (no overlongs, surrogates or values
/// above U+10FFFF), else where it first goes wrong.
std::optional<InvalidAt> validate(std::string_view text);

/// Decodes the code point at `pos` and advances `pos`. Invalid bytes give U+FFFD.
char32_t decode(std::string_view text, std::size_t& pos);

/// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

std::u32string to_u32(std::string_view text);
std::string from_u32(std::u32string_view text);

}  // namespace octavo::core::utf8
