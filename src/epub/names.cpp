#include "epub/names.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace octavo::epub::detail {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}
bool is_hex(char c) {
  return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f');
}

// Reads exactly `n` digits at `pos` into `value`.
bool digits(std::string_view s, std::size_t& pos, int n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (int i = 0; i < n; ++i) {
    if (!is_digit(s[pos + i])) return false;
    value = value * 10 + (s[pos + i] - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// The same safe set for ids and file names; runs of anything else become one '-'.
std::string keep_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool dash = false;
  for (char c : text) {
    if (is_ascii_alnum(c) || c == '_' || c == '.' || c == '-') {
      out += c;
      dash = false;
    } else if (!dash) {
      out += '-';
      dash = true;
    }
  }
  const auto first = out.find_first_not_of("-.");
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of('-');
  return out.substr(first, last - first + 1);
}

}  // namespace

std::string safe_id(std::string_view text) {
  return keep_safe(text);
}

std::string safe_file_name(std::string_view name) {
  const auto dot = name.rfind('.');
  std::string stem = keep_safe(dot == std::string_view::npos ? name : name.substr(0, dot));
  std::string ext = dot == std::string_view::npos ? "" : keep_safe(name.substr(dot + 1));
  for (char& c : ext) c = lower(c);
  if (stem.empty()) stem = "file";
  return ext.empty() ? stem : stem + "." + ext;
}

std::optional<std::string> safe_href(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string scheme;
  for (char c : url.substr(0, colon)) scheme += lower(c);
  if (scheme != "http" && scheme != "https" && scheme != "mailto") return std::nullopt;

  // RFC 3986 forbids these characters anywhere in a URL; a second '#' is not allowed
  // either. Percent-encoding them keeps EPUBCheck's URL check and every reader happy.
  static constexpr std::string_view forbidden = "\"<>\\^`{|}";
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out = scheme;
  bool fragment = false;
  for (std::size_t i = colon; i < url.size(); ++i) {
    const auto b = static_cast<unsigned char>(url[i]);
    const bool pct_ok = b == '%' && i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2]);
    const bool encode = b <= 0x20 || b >= 0x7f || forbidden.find(char(b)) != forbidden.npos ||
                        (b == '%' && !pct_ok) || (b == '#' && fragment);
    if (b == '#') fragment = true;
    if (encode) {
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 15];
    } else {
      out += char(b);
    }
  }
  return out;
}

bool is_w3c_date(std::string_view s) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!digits(s, pos, 4, year)) return false;
  if (pos == s.size()) return true;
  if (!expect(s, pos, '-') || !digits(s, pos, 2, month) || month < 1 || month > 12) return false;
  if (pos == s.size()) return true;
  if (!expect(s, pos, '-') || !digits(s, pos, 2, day) || day < 1 || day > 31) return false;
  if (pos == s.size()) return true;
  int hh = 0, mm = 0, ss = 0;
  if (!expect(s, pos, 'T') || !digits(s, pos, 2, hh) || hh > 23 || !expect(s, pos, ':') ||
      !digits(s, pos, 2, mm) || mm > 59)
    return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!digits(s, pos, 2, ss) || ss > 59) return false;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      while (pos < s.size() && is_digit(s[pos])) ++pos;
      if (pos == start) return false;
    }
  }
  if (pos < s.size() && s[pos] == 'Z') return pos + 1 == s.size();
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    ++pos;
    int zh = 0, zm = 0;
    return digits(s, pos, 2, zh) && zh <= 23 && expect(s, pos, ':') && digits(s, pos, 2, zm) &&
           zm <= 59 && pos == s.size();
  }
  return false;  // a time needs a zone designator
}

bool is_modified_timestamp(std::string_view s) {
  return s.size() == 20 && s[10] == 'T' && s[19] == 'Z' && s[13] == ':' && is_w3c_date(s);
}

bool is_language_tag(std::string_view s) {
  std::size_t pos = 0;
  bool first = true;
  while (true) {
    const std::size_t start = pos;
    while (pos < s.size() && is_ascii_alnum(s[pos])) {
      if (first && is_digit(s[pos])) return false;
      ++pos;
    }
    const std::size_t len = pos - start;
    if (len < (first ? 2u : 1u) || len > 8) return false;
    first = false;
    if (pos == s.size()) return true;
    if (s[pos] != '-') return false;
    ++pos;
  }
}

std::string number(double value) {
  if (!std::isfinite(value)) return "0";
  std::array<char, 64> buf{};
  const auto res =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed, 3);
  std::string out(buf.data(), res.ptr);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::string css_string(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || b == 0x7f) {
      // CSS hex escape; the trailing space ends it (CSS Syntax 3, §4.3.7).
      out += '\\';
      if (b >> 4) out += hex[b >> 4];
      out += hex[b & 15];
      out += ' ';
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string contents_label(const std::string& lang) {
  const std::string primary = lang.substr(0, lang.find('-'));
  if (primary == "de") return "Inhalt";
  if (primary == "fr") return "Table des matières";
  if (primary == "es") return "Índice";
  if (primary == "it") return "Indice";
  if (primary == "ru") return "Содержание";
  if (primary == "hr" || primary == "sr" || primary == "bs") return "Sadržaj";
  return "Contents";
}

std::string notes_label(const std::string& lang) {
  const std::string primary = lang.substr(0, lang.find('-'));
  if (primary == "de") return "Anmerkungen";
  if (primary == "es") return "Notas";
  if (primary == "it") return "Note";
  if (primary == "ru") return "Примечания";
  if (primary == "hr" || primary == "sr" || primary == "bs") return "Bilješke";
  return "Notes";
}

}  // namespace octavo::epub::detail
