#pragma once
// Heading numbers: the text a style's `headings.N.number` gives each numbered heading.
// Both back ends count with HeadingNumbers over the same tree, so the EPUB and the PDF
// number alike.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "doc/tree.hpp"
#include "style/style.hpp"

namespace octavo::style {

/// What is wrong with a number format ("unknown field {x}", "no field"), or nothing.
std::optional<std::string> number_format_problem(const std::string& format);

/// `format` with its field replaced by `n`: {n} 12, {R} XII, {r} xii, {w} twelve,
/// {W} Twelve. Numbers from 1 to 3999 in roman; words up to 99, then digits.
std::string format_number(const std::string& format, int n);

/// Counts the headings of a book in reading order.
class HeadingNumbers {
public:
  explicit HeadingNumbers(const Style& style) : style_(style) {}

  /// The number of `heading` (the next at its level), or "" when its level is not
  /// numbered or the heading says it is not ({-} after its text). A heading resets the
  /// count of every deeper level.
  std::string next(const doc::Heading& heading);

private:
  const Style& style_;
  std::array<int, 6> count_{};
};

/// The numbers of the headings among each chapter's blocks (not those in quotations,
/// lists or notes): [chapter][k] for its k-th such heading, "" when unnumbered. Pure, so
/// that chapters laid out in parallel number as one pass through the book would.
std::vector<std::vector<std::string>> number_headings(const doc::Book& book, const Style& style);

/// A heading's text as the table of contents shows it: its number, an em space, its
/// title (or only one of the two).
std::string numbered_title(const std::string& number, const std::string& title);

}  // namespace octavo::style
