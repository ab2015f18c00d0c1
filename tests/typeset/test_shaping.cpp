// Fonts and shaping: kerning as run splits, ligatures as presentation forms, other scripts.
#include <doctest/doctest.h>

#include "core/utf8.hpp"
#include "typeset/fonts.hpp"
#include "typeset/shaping.hpp"

using namespace octavo::typeset;

namespace {

std::unique_ptr<Face> load(const char* file, std::uint32_t id = 0) {
  std::string error;
  auto face = Face::load(std::string(OCTAVO_SOURCE_DIR "/fonts/") + file, id, &error);
  REQUIRE_MESSAGE(face, error);
  return face;
}

std::u32string code_points(const ShapedText& st) {
  std::u32string s;
  for (const auto& g : st.glyphs) s.push_back(g.cp);
  return s;
}

}  // namespace

TEST_CASE("a face knows its characters and the PDF's advances") {
  auto face = load("GentiumBookPlus-Regular.ttf");
  CHECK(face->upem() == 2048);
  CHECK(face->has(U'a'));
  CHECK(face->has(U'Ж'));
  CHECK_FALSE(face->has(0x1F600));  // beyond the BMP: never drawable through libharu
  // libharu truncates hmtx × 1000 / upem: the space is 451 units → 220.
  CHECK(face->advance_units(face->glyph(' ')) == 451);
  CHECK(face->pdf_advance_of(' ') == 220);
}

TEST_CASE("kerning: AV is narrower than A and V, and V starts a new run") {
  auto face = load("GentiumBookPlus-Regular.ttf");
  Shaper shaper;
  const ShapedText& av = shaper.shape(*face, "AV");
  REQUIRE(av.glyphs.size() == 2);
  const float nominal = static_cast<float>(face->pdf_advance_of('A') + face->pdf_advance_of('V'));
  CHECK(av.width < nominal - 10);
  CHECK_FALSE(av.glyphs[0].nominal);  // A's advance is kerned
  CHECK(av.glyphs[1].nominal);
  CHECK(code_points(av) == U"AV");
}

TEST_CASE("ligatures come out as presentation forms the font maps") {
  auto face = load("GentiumBookPlus-Regular.ttf");
  Shaper shaper;
  const ShapedText& office = shaper.shape(*face, "office");
  // Gentium's liga makes f_f_i, a copy of the glyph its cmap gives U+FB03.
  CHECK(code_points(office) == U"o\uFB03ce");
  CHECK(office.glyphs[1].cluster == 1);
  CHECK(office.glyphs[2].cluster == 4);
  CHECK(office.width == doctest::Approx(face->pdf_advance_of('o') + face->pdf_advance_of(0xFB03) +
                                        face->pdf_advance_of('c') + face->pdf_advance_of('e')));
  CHECK(code_points(shaper.shape(*face, "fish")) == U"\uFB01sh");
  // Without ligatures: the letters themselves.
  CHECK(code_points(shaper.shape(*face, "office", shape_no_ligatures)) == U"office");
  // A split inside the ligature is not a clean cluster boundary.
  bool exact = true;
  CHECK(office.glyph_at(2, &exact) == 2);
  CHECK_FALSE(exact);
  CHECK(office.glyph_at(4, &exact) == 2);
  CHECK(exact);
}

TEST_CASE("a Cyrillic word shapes to its own letters") {
  auto face = load("GentiumBookPlus-Regular.ttf");
  Shaper shaper;
  const ShapedText& word = shaper.shape(*face, "Война");
  CHECK(code_points(word) == U"Война");
  float sum = 0;
  for (char32_t c : std::u32string(U"Война")) sum += static_cast<float>(face->pdf_advance_of(c));
  CHECK(word.width == doctest::Approx(sum));
}

TEST_CASE("shaping is cached per face and text") {
  auto face = load("GentiumBookPlus-Regular.ttf");
  Shaper shaper;
  const ShapedText* a = &shaper.shape(*face, "prince");
  const ShapedText* b = &shaper.shape(*face, "prince");
  CHECK(a == b);
  shaper.shape(*face, "Prince");
  CHECK(shaper.cache_size() == 2);
}

TEST_CASE("the library resolves characters through the fallback families") {
  octavo::style::Style s;
  const std::string dir = OCTAVO_SOURCE_DIR "/fonts/";
  s.body_font = {"Gentium Book Plus", dir + "GentiumBookPlus-Regular.ttf", dir + "GentiumBookPlus-Italic.ttf", "", ""};
  s.mono_font = {"DejaVu Sans Mono", dir + "DejaVuSansMono.ttf", "", "", ""};
  s.fallback = {s.mono_font};
  FontLibrary fonts;
  octavo::core::Diagnostics diags;
  REQUIRE(fonts.load(s, diags, {}));
  const Face& body = fonts.primary(FontRole::body, Variant::regular);
  CHECK(fonts.face_for(U'a', FontRole::body, Variant::regular) == &body);
  // A bold face the family lacks falls back to the regular one.
  CHECK(&fonts.primary(FontRole::body, Variant::bold) == &body);
  // Box drawing is in DejaVu Sans Mono only.
  const Face* box = fonts.face_for(0x2500, FontRole::body, Variant::regular);
  REQUIRE(box != nullptr);
  CHECK(box->path().find("DejaVuSansMono") != std::string::npos);
  CHECK(fonts.face_for(0x1F600, FontRole::body, Variant::regular) == nullptr);
  // Faces are registered in Document::fonts in order of first use.
  std::vector<octavo::typeset::FontFile> files;
  CHECK(fonts.document_font(*box, files) == 0);
  CHECK(fonts.document_font(body, files) == 1);
  CHECK(fonts.document_font(*box, files) == 0);
  CHECK(files.size() == 2);
}

TEST_CASE("a font that cannot be loaded is an error") {
  octavo::style::Style s;
  s.body_font = {"Nothing", "/nonexistent/font.ttf", "", "", ""};
  FontLibrary fonts;
  octavo::core::Diagnostics diags;
  CHECK_FALSE(fonts.load(s, diags, {}));
  CHECK(diags.has_errors());
}
