#include "style/numbering.hpp"

#include <algorithm>

namespace octavo::style {
namespace {

std::string roman(int n) {
  static const std::pair<int, const char*> digits[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  std::string out;
  for (const auto& [value, text] : digits)
    for (; n >= value; n -= value) out += text;
  return out;
}

std::string words(int n) {
  static const char* const ones[] = {"zero",    "one",     "two",       "three",    "four",
                                     "five",    "six",     "seven",     "eight",    "nine",
                                     "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static const char* const tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  if (n < 20) return ones[n];
  if (n < 100) return std::string(tens[n / 10]) + (n % 10 ? std::string("-") + ones[n % 10] : "");
  return std::to_string(n);
}

const std::string fields = "nRrwW";

}  // namespace

std::optional<std::string> number_format_problem(const std::string& format) {
  int found = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '{') continue;
    const auto close = format.find('}', i);
    if (close == std::string::npos) return "'{' without '}'";
    const std::string field = format.substr(i + 1, close - i - 1);
    if (field.size() != 1 || fields.find(field[0]) == std::string::npos)
      return "unknown field {" + field + "}";
    ++found;
    i = close;
  }
  if (found == 0 && !format.empty()) return "no field for the number";
  return std::nullopt;
}

std::string format_number(const std::string& format, int n) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 2 < format.size() && format[i + 2] == '}') {
      const char f = format[i + 1];
      std::string value;
      if (f == 'n') value = std::to_string(n);
      if (f == 'R' || f == 'r') {
        value = n >= 1 && n <= 3999 ? roman(n) : std::to_string(n);
        if (f == 'r') std::transform(value.begin(), value.end(), value.begin(), [](char c) { return char(c - 'A' + 'a'); });
      }
      if (f == 'w' || f == 'W') {
        value = n >= 0 ? words(n) : std::to_string(n);
        if (f == 'W' && !value.empty() && value[0] >= 'a' && value[0] <= 'z') value[0] = char(value[0] - 'a' + 'A');
      }
      out += value;
      i += 2;
      continue;
    }
    out += format[i];
  }
  return out;
}

std::string HeadingNumbers::next(const doc::Heading& heading) {
  const int level = std::clamp(heading.level, 1, 6);
  for (int deeper = level; deeper < 6; ++deeper) count_[static_cast<std::size_t>(deeper)] = 0;
  const auto& format = style_.headings[static_cast<std::size_t>(level - 1)].number;
  if (format.empty() || !heading.numbered) return {};
  return format_number(format, ++count_[static_cast<std::size_t>(level - 1)]);
}

std::vector<std::vector<std::string>> number_headings(const doc::Book& book, const Style& style) {
  HeadingNumbers numbers(style);
  std::vector<std::vector<std::string>> out(book.chapters.size());
  for (std::size_t c = 0; c < book.chapters.size(); ++c)
    for (const auto& block : book.chapters[c].blocks)
      if (const auto* h = std::get_if<doc::Heading>(&block.node)) out[c].push_back(numbers.next(*h));
  return out;
}

std::string numbered_title(const std::string& number, const std::string& title) {
  if (number.empty()) return title;
  if (title.empty()) return number;
  return number + "\u2003" + title;
}

}  // namespace octavo::style
