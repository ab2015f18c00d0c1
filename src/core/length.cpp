#include "core/length.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace octavo::core {

double Length::to_points(double em, double whole) const {
  switch (unit) {
    case Unit::pt: return value;
    case Unit::mm: return value * points_per_mm;
    case Unit::cm: return value * 10 * points_per_mm;
    case Unit::in: return value * points_per_inch;
    case Unit::em: return value * em;
    case Unit::percent: return value / 100 * whole;
  }
  return value;
}

std::optional<Length> parse_length(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || !std::isfinite(value)) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (unit.empty() || unit == "pt") return Length{value, Unit::pt};
  if (unit == "mm") return Length{value, Unit::mm};
  if (unit == "cm") return Length{value, Unit::cm};
  if (unit == "in") return Length{value, Unit::in};
  if (unit == "em") return Length{value, Unit::em};
  if (unit == "%") return Length{value, Unit::percent};
  return std::nullopt;
}

}  // namespace octavo::core
