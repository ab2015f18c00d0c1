#include <doctest/doctest.h>
#include <png.h>

#include "pdf/png_decode.hpp"
#include "pdf_test_support.hpp"

using namespace octavo::pdf::detail;
using namespace octavo::pdf::test;

namespace {

std::string png_bytes(const TempDir& dir, int depth, int colour, bool interlaced, const PixelFn& px,
                      unsigned w = 4, unsigned h = 4) {
  const auto path = dir / "image.png";
  write_png(path, w, h, depth, colour, interlaced, px);
  return slurp(path);
}

}  // namespace

TEST_CASE("which PNGs libharu is spared") {
  TempDir dir;
  const auto grey = [](unsigned x, unsigned) { return std::vector<unsigned>{x * 60}; };
  const auto rgb = [](unsigned, unsigned) { return std::vector<unsigned>{1, 2, 3}; };
  const auto rgba = [](unsigned, unsigned) { return std::vector<unsigned>{1, 2, 3, 4}; };
  CHECK_FALSE(png_needs_decoding(png_bytes(dir, 8, PNG_COLOR_TYPE_RGB, false, rgb)));
  CHECK_FALSE(png_needs_decoding(png_bytes(dir, 8, PNG_COLOR_TYPE_GRAY, false, grey)));
  CHECK(png_needs_decoding(png_bytes(dir, 16, PNG_COLOR_TYPE_RGB, false, rgb)));
  CHECK(png_needs_decoding(png_bytes(dir, 8, PNG_COLOR_TYPE_RGB, true, rgb)));
  CHECK(png_needs_decoding(png_bytes(dir, 8, PNG_COLOR_TYPE_RGB_ALPHA, false, rgba)));

  // A tRNS chunk on an RGB image (a transparent colour key) also needs compositing.
  std::string keyed = png_bytes(dir, 8, PNG_COLOR_TYPE_RGB, false, rgb);
  const std::string trns(
      "\0\0\0\x06tRNS\0\x01\0\x02\0\x03"
      "CRC!",
      18);
  keyed.insert(33, trns);  // right after IHDR
  CHECK(png_needs_decoding(keyed));
}

TEST_CASE("a 16-bit RGBA PNG decodes to 8-bit RGB over white") {
  TempDir dir;
  // Column 0 opaque red, 1 transparent, 2 half-transparent black, 3 opaque mid grey.
  const auto px = [](unsigned x, unsigned) -> std::vector<unsigned> {
    switch (x) {
      case 0:
        return {0xFFFF, 0, 0, 0xFFFF};
      case 1:
        return {0, 0, 0xFFFF, 0};
      case 2:
        return {0, 0, 0, 0x8080};
      default:
        return {0x8080, 0x8080, 0x8080, 0xFFFF};
    }
  };
  std::string error;
  const auto raw = decode_png(png_bytes(dir, 16, PNG_COLOR_TYPE_RGB_ALPHA, false, px), &error);
  REQUIRE_MESSAGE(raw, error);
  CHECK(raw->width == 4);
  CHECK(raw->height == 4);
  CHECK_FALSE(raw->grey);
  REQUIRE(raw->pixels.size() == 4 * 4 * 3);
  const auto at = [&](unsigned x, unsigned y, unsigned c) {
    return int(raw->pixels[(y * 4 + x) * 3 + c]);
  };
  CHECK(at(0, 2, 0) == 255);
  CHECK(at(0, 2, 1) == 0);
  CHECK(at(0, 2, 2) == 0);
  for (unsigned c = 0; c < 3; ++c) {
    CHECK(at(1, 3, c) == 255);
    CHECK(at(2, 0, c) == doctest::Approx(127).epsilon(0.02));  // 255 × (1 − 128/255)
    CHECK(at(3, 1, c) == 128);  // taken as sRGB: 0x8080 → 0x80, not brightened
  }
}

TEST_CASE("an interlaced grey PNG decodes row for row") {
  TempDir dir;
  const auto px = [](unsigned x, unsigned y) { return std::vector<unsigned>{(x * 16 + y) & 0xFF}; };
  std::string error;
  const auto raw = decode_png(png_bytes(dir, 8, PNG_COLOR_TYPE_GRAY, true, px, 16, 9), &error);
  REQUIRE_MESSAGE(raw, error);
  CHECK(raw->grey);
  REQUIRE(raw->pixels.size() == 16 * 9);
  bool all = true;
  for (unsigned y = 0; y < 9; ++y)
    for (unsigned x = 0; x < 16; ++x) all = all && raw->pixels[y * 16 + x] == ((x * 16 + y) & 0xFF);
  CHECK(all);
}

TEST_CASE("a corrupt PNG is refused with a reason") {
  TempDir dir;
  std::string bytes = png_bytes(dir, 8, PNG_COLOR_TYPE_RGB, true, [](unsigned, unsigned) {
    return std::vector<unsigned>{9, 9, 9};
  });
  bytes.resize(bytes.size() / 2);
  std::string error;
  CHECK_FALSE(decode_png(bytes, &error));
  CHECK(error.find("corrupt PNG") == 0);
}
