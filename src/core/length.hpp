#pragma once
// Lengths with units. Everything is laid out in PostScript points (1/72 in).
#include <optional>
#include <string_view>

namespace octavo::core {

enum class Unit { pt, mm, cm, in, em, percent };

struct Length {
  double value = 0;
  Unit unit = Unit::pt;

  /// In points; `em` is the size of an em, `whole` what a percentage is of.
  double to_points(double em = 0, double whole = 0) const;
  bool relative() const { return unit == Unit::em || unit == Unit::percent; }
};

constexpr double points_per_inch = 72.0;
constexpr double points_per_mm = 72.0 / 25.4;

/// Parses "12pt", "0.75in", "20mm", "2.5cm", "1.2em", "80%". A bare number is
/// points. Returns nothing when the text is not a length.
std::optional<Length> parse_length(std::string_view text);

}  // namespace octavo::core
