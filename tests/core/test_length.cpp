#include <doctest/doctest.h>

#include "core/length.hpp"

using namespace octavo::core;

TEST_CASE("lengths parse with their units and convert to points") {
  CHECK(parse_length("12pt")->to_points() == doctest::Approx(12));
  CHECK(parse_length("0.75in")->to_points() == doctest::Approx(54));
  CHECK(parse_length("25.4mm")->to_points() == doctest::Approx(72));
  CHECK(parse_length("2.54cm")->to_points() == doctest::Approx(72));
  CHECK(parse_length("1.5em")->to_points(11) == doctest::Approx(16.5));
  CHECK(parse_length("50%")->to_points(0, 300) == doctest::Approx(150));
  CHECK(parse_length("10")->to_points() == doctest::Approx(10));
}

TEST_CASE("bad lengths are refused") {
  CHECK_FALSE(parse_length("12px"));
  CHECK_FALSE(parse_length("pt"));
  CHECK_FALSE(parse_length(""));
  CHECK_FALSE(parse_length("1e999pt"));
}
