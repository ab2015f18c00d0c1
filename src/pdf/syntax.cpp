#include "pdf/syntax.hpp"

namespace octavo::pdf::detail {

void append_fixed(std::string& out, long long scaled, int decimals) {
  if (scaled < 0) {
    out += '-';
    scaled = -scaled;
  }
  long long unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  out += std::to_string(scaled / unit);
  long long frac = scaled % unit;
  if (frac == 0) return;
  out += '.';
  while (frac % 10 == 0) frac /= 10, --decimals;  // drop trailing zeros
  const std::string digits = std::to_string(frac);
  out.append(static_cast<std::size_t>(decimals) - digits.size(), '0');
  out += digits;
}

void append_codes(std::string& out, std::u16string_view codes) {
  // Written in place (room for every byte escaped, then cut to size): appending byte by
  // byte cost a capacity check each, for most of the bytes of a book's content.
  const std::size_t start = out.size();
  out.resize(start + 2 + 4 * codes.size());
  char* p = out.data() + start;
  *p++ = '(';
  for (const char16_t code : codes) {
    for (const auto b :
         {static_cast<unsigned char>(code >> 8), static_cast<unsigned char>(code & 0xFF)}) {
      if (b == '(' || b == ')' || b == '\\') {
        *p++ = '\\';
        *p++ = static_cast<char>(b);
      } else if (b == '\r') {
        *p++ = '\\';
        *p++ = 'r';
      } else {
        *p++ = static_cast<char>(b);
      }
    }
  }
  *p++ = ')';
  out.resize(static_cast<std::size_t>(p - out.data()));
}

std::string ascii_uri(std::string_view uri) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(uri.size());
  for (const char ch : uri) {
    const auto b = static_cast<unsigned char>(ch);
    if (b <= 0x20 || b >= 0x7F) {
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace octavo::pdf::detail
