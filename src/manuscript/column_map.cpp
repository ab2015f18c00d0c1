#include "manuscript/column_map.hpp"

namespace octavo::manuscript::detail {

ColumnMap::ColumnMap(std::string_view text) : text_(text) {
  starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {
    // The common case, "\n" only: let memchr find the line ends.
    for (std::size_t at = text.find('\n'); at != std::string_view::npos;
         at = text.find('\n', at + 1)) {
      starts_.push_back(static_cast<std::uint32_t>(at + 1));
    }
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    if (c == '\n' || c == '\r') starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

std::string_view ColumnMap::line_text(std::uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  const std::size_t begin = starts_[line - 1];
  std::size_t end = line < starts_.size() ? starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(begin, end - begin);
}

std::uint32_t ColumnMap::code_point_column(std::uint32_t line, std::uint32_t byte_column) const {
  if (line == 0 || byte_column == 0 || line > starts_.size()) return byte_column;
  const std::string_view bytes = line_text(line);
  std::uint32_t byte = 1;
  std::uint32_t column = 1;
  if (line == cached_line_ && byte_column >= cached_byte_) {
    byte = cached_byte_;
    column = cached_column_;
  }
  for (; byte < byte_column; ++byte) {
    // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a code point.
    if (byte > bytes.size() || (static_cast<unsigned char>(bytes[byte - 1]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  cached_line_ = line;
  cached_byte_ = byte_column;
  cached_column_ = column;
  return column;
}

}  // namespace octavo::manuscript::detail
