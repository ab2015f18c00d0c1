#include <doctest/doctest.h>

#include "core/image_info.hpp"

using namespace octavo::core;

namespace {
std::string png_header(unsigned w, unsigned h, unsigned depth, unsigned colour) {
  std::string b("\x89PNG\r\n\x1a\n", 8);
  b += std::string("\0\0\0\x0dIHDR", 8);
  for (unsigned v : {w, h})
    for (int s = 24; s >= 0; s -= 8) b += static_cast<char>((v >> s) & 0xFF);
  b += static_cast<char>(depth);
  b += static_cast<char>(colour);
  b += std::string("\0\0\0", 3);
  b += "CRC!";
  b += std::string("\0\0\0\0IDAT", 8) + "CRC!" + std::string("\0\0\0\0IEND", 8) + "CRC!";
  return b;
}
}  // namespace

TEST_CASE("a PNG header gives size, depth and channels") {
  std::string error;
  const auto info = probe_image(png_header(1400, 2100, 16, 6), &error);
  REQUIRE(info);
  CHECK(info->format == ImageFormat::png);
  CHECK(info->width == 1400);
  CHECK(info->height == 2100);
  CHECK(info->bit_depth == 16);
  CHECK(info->channels == 4);
}

TEST_CASE("a JPEG frame header gives its size") {
  // SOI, APP0 of length 4, SOF0: length 11, depth 8, height 300, width 200, 3 components
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x11\x08\x01\x2C\x00\xC8\x03", 18);
  std::string error;
  const auto info = probe_image(jpeg, &error);
  REQUIRE(info);
  CHECK(info->width == 200);
  CHECK(info->height == 300);
  CHECK(info->channels == 3);
}

TEST_CASE("corrupt and unknown images are refused with a reason") {
  std::string error;
  CHECK_FALSE(probe_image("GIF89a....", &error));
  CHECK(error == "not a PNG or JPEG image");
  CHECK_FALSE(probe_image(png_header(10, 10, 8, 2).substr(0, 20), &error));
  CHECK(error.find("corrupt PNG") == 0);
  CHECK_FALSE(probe_image(std::string("\xFF\xD8\xFF\xE0\x00\x04\x00\x00", 8), &error));
  CHECK(error.find("corrupt JPEG") == 0);
}
