#pragma once
// cmark counts columns in bytes; octavo's diagnostics (and core::utf8::validate) count
// code points. ColumnMap converts one to the other for a chapter's text. Lines end at
// "\n", "\r\n" or "\r", as in cmark (CommonMark spec §2.1).
#include <cstdint>
#include <string_view>
#include <vector>

namespace octavo::manuscript::detail {

class ColumnMap {
 public:
  explicit ColumnMap(std::string_view text);

  /// The code-point column of 1-based byte column `byte_column` on 1-based `line`.
  /// Positions cmark reports past a line's end are extended one column per byte.
  std::uint32_t code_point_column(std::uint32_t line, std::uint32_t byte_column) const;

  /// The bytes of 1-based `line` without its line ending (empty when out of range).
  std::string_view line_text(std::uint32_t line) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_;  // byte offset of each line's first byte
  // Nodes arrive in reading order, so most lookups continue from the previous one on
  // the same line: remember it to keep long one-line paragraphs linear.
  mutable std::uint32_t cached_line_ = 0;
  mutable std::uint32_t cached_byte_ = 1;
  mutable std::uint32_t cached_column_ = 1;
};

}  // namespace octavo::manuscript::detail
