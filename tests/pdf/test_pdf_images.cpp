#include <doctest/doctest.h>
#include <png.h>

#include <array>
#include <fstream>
#include <sstream>

#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"

using namespace octavo;
using namespace octavo::pdf::test;

namespace {

using Samples = std::vector<unsigned>;

typeset::PlacedImage placed(const fs::path& path, double x, double y) {
  return typeset::PlacedImage{path.string(), x, y, 100, 100};
}

/// The rows of `pdfimages -list`, split into fields.
std::vector<std::vector<std::string>> image_rows(const std::string& listing) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(listing);
  std::string line;
  int skip = 2;  // header and rule
  while (std::getline(in, line)) {
    if (skip-- > 0) continue;
    std::istringstream fields(line);
    std::vector<std::string> row;
    for (std::string f; fields >> f;) row.push_back(f);
    if (!row.empty()) rows.push_back(row);
  }
  return rows;
}

/// True when the rendered pixel is within 8 of `rgb` in every channel.
bool near(const Raster& r, double pdf_x, double pdf_y, std::array<int, 3> rgb) {
  // pdftoppm at 72 dpi: one pixel per point, rows from the top.
  const auto* p = r.at(static_cast<unsigned>(pdf_x), static_cast<unsigned>(r.height - pdf_y));
  for (int c = 0; c < 3; ++c)
    if (std::abs(int(p[c]) - rgb[c]) > 8) {
      MESSAGE("pixel at (", pdf_x, ", ", pdf_y, ") is ", int(p[0]), " ", int(p[1]), " ", int(p[2]));
      return false;
    }
  return true;
}

}  // namespace

TEST_CASE("PNG (8-bit, 16-bit RGBA, interlaced) and JPEG images are drawn as they look") {
  TempDir dir;
  const auto plain = dir / "plain.png", deep = dir / "deep.png",
             interlaced = dir / "interlaced.png";
  // 8-bit RGB, solid green: libharu's own loader takes it.
  write_png(plain, 16, 16, 8, PNG_COLOR_TYPE_RGB, false, [](unsigned, unsigned) {
    return Samples{0, 160, 0};
  });
  // 16-bit RGBA: the left half opaque red, the right half transparent.
  write_png(deep, 20, 20, 16, PNG_COLOR_TYPE_RGB_ALPHA, false, [](unsigned x, unsigned) {
    return x < 10 ? Samples{0xFFFF, 0, 0, 0xFFFF} : Samples{0, 0, 0xFFFF, 0};
  });
  // Adam7-interlaced 8-bit RGB, odd size: the top half blue, the bottom half yellow.
  write_png(interlaced, 37, 23, 8, PNG_COLOR_TYPE_RGB, true, [](unsigned, unsigned y) {
    return y < 11 ? Samples{0, 0, 255} : Samples{255, 220, 0};
  });

  typeset::Document doc;
  for (int i = 0; i < 2; ++i) doc.pages.push_back(typeset::Page{432, 648, {}, {}, {}, {}});
  doc.pages[0].images = {placed(plain, 36, 500), placed(deep, 200, 500),
                         placed(interlaced, 36, 300), placed(jpeg_sample, 200, 300)};
  doc.pages[1].images = {placed(plain, 36, 36)};  // the same file again: one image object
  const auto path = dir / "images.pdf";
  std::string error;
  REQUIRE_MESSAGE(pdf::write_pdf(doc, path, &error), error);

  const auto check = run("qpdf --check '" + path.string() + "'");
  INFO(check.out, check.err);
  CHECK(check.status == 0);
  CHECK(check.out.find("WARNING") == std::string::npos);

  const auto list = run("pdfimages -list '" + path.string() + "'");
  INFO(list.out, list.err);
  CHECK(list.err.empty());
  const auto rows = image_rows(list.out);
  // page num type width height color comp bpc enc interp object ID ...
  REQUIRE(rows.size() == 5);
  const std::vector<std::array<std::string, 4>> expected = {{"16", "16", "rgb", "image"},
                                                            {"20", "20", "rgb", "image"},
                                                            {"37", "23", "rgb", "image"},
                                                            {"1400", "2100", "rgb", "jpeg"},
                                                            {"16", "16", "rgb", "image"}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() >= 11);
    CHECK(rows[i][3] == expected[i][0]);
    CHECK(rows[i][4] == expected[i][1]);
    CHECK(rows[i][5] == expected[i][2]);
    CHECK(rows[i][7] == "8");  // bits per component
    CHECK(rows[i][8] == expected[i][3]);
  }
  CHECK(rows[0][10] == rows[4][10]);  // same object for the repeated file
  CHECK(rows[0][10] != rows[1][10]);

  const auto render =
      run("pdftoppm -r 72 -f 1 -l 1 '" + path.string() + "' '" + (dir / "page").string() + "'");
  INFO(render.err);
  REQUIRE(render.status == 0);
  CHECK(render.err.empty());
  const Raster page = read_ppm(dir / "page-1.ppm");
  REQUIRE(page.width == 432);
  REQUIRE(page.height == 648);
  CHECK(near(page, 86, 550, {0, 160, 0}));       // plain: green
  CHECK(near(page, 225, 550, {255, 0, 0}));      // deep, left half: red
  CHECK(near(page, 275, 550, {255, 255, 255}));  // deep, right half: transparent over white
  CHECK(near(page, 86, 375, {0, 0, 255}));       // interlaced, top: blue
  CHECK(near(page, 86, 325, {255, 220, 0}));     // interlaced, bottom: yellow
  CHECK(near(page, 10, 10, {255, 255, 255}));    // the page itself
}

TEST_CASE("an image that is missing or corrupt fails with a message naming it") {
  TempDir dir;
  typeset::Document doc;
  doc.pages.push_back(typeset::Page{432, 648, {}, {}, {}, {}});
  doc.pages[0].images = {placed(dir / "missing.png", 0, 0)};
  std::string error;
  CHECK_FALSE(pdf::write_pdf(doc, dir / "a.pdf", &error));
  CHECK(error.find("cannot read image " + (dir / "missing.png").string()) == 0);

  const auto broken = dir / "broken.png";
  write_png(broken, 30, 30, 16, PNG_COLOR_TYPE_RGB, false, [](unsigned, unsigned) {
    return Samples{1, 2, 3};
  });
  std::string bytes = slurp(broken);
  bytes.resize(bytes.size() - 40);  // cut into the image data
  std::ofstream(broken, std::ios::binary) << bytes;
  doc.pages[0].images = {placed(broken, 0, 0)};
  CHECK_FALSE(pdf::write_pdf(doc, dir / "b.pdf", &error));
  CHECK(error.find("cannot use image " + broken.string() + ": corrupt PNG") == 0);
}
