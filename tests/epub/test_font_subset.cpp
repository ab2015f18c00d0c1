// The EPUB's fonts are subset to the characters the book sets in each of them: read back
// with HarfBuzz, each embedded face holds every character of its text (and of the text
// the writer and the style sheet add), none the book never uses, and is a fraction of
// the font file.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include <hb-ot.h>
#include <hb.h>

#include "core/files.hpp"
#include "core/utf8.hpp"
#include "epub/container.hpp"
#include "sample_book.hpp"

using namespace octavo;
using namespace octavo::epub;
using namespace octavo::epub::test;

namespace {

const std::string fonts_dir = OCTAVO_SOURCE_DIR "/fonts/";

// A HarfBuzz face over `bytes`, which must outlive it.
struct FontView {
  explicit FontView(const std::string& bytes)
      : blob(hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()),
                            HB_MEMORY_MODE_READONLY, nullptr, nullptr)),
        face(hb_face_create(blob, 0)) {}
  ~FontView() {
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
  FontView(const FontView&) = delete;
  FontView& operator=(const FontView&) = delete;

  std::set<char32_t> unicodes() const {
    hb_set_t* set = hb_set_create();
    hb_face_collect_unicodes(face, set);
    std::set<char32_t> out;
    for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(set, &c);) out.insert(c);
    hb_set_destroy(set);
    return out;
  }

  bool has_feature(hb_tag_t table, const char* tag) const {
    hb_tag_t tags[256];
    unsigned count = 256;
    hb_ot_layout_table_get_feature_tags(face, table, 0, &count, tags);
    for (unsigned i = 0; i < count; ++i)
      if (tags[i] == hb_tag_from_string(tag, -1)) return true;
    return false;
  }

  std::string name(hb_ot_name_id_t id) const {
    char buf[256];
    unsigned size = sizeof buf;
    hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, buf);
    return std::string(buf, size);
  }

  hb_blob_t* blob;
  hb_face_t* face;
};

// The characters of `text` that the original `font` has: the ones its subset must keep.
std::set<char32_t> expected_in(const std::string& text, const std::string& font) {
  const auto whole = *core::read_file(fonts_dir + font);
  const auto has = FontView(whole).unicodes();
  std::set<char32_t> out;
  for (char32_t c : core::utf8::to_u32(text))
    if (has.count(c)) out.insert(c);
  return out;
}

std::string missing(const std::set<char32_t>& expected, const std::set<char32_t>& got) {
  std::string out;
  for (char32_t c : expected)
    if (!got.count(c)) core::utf8::append(out, c);
  return out;
}

// A short book that uses each face for different letters, and none of them a 'Q'.
doc::Book small_book() {
  doc::Book book;
  book.root = OCTAVO_SOURCE_DIR "/tests/epub";
  book.meta.title = "Fonts";
  book.meta.language = "en";
  doc::Chapter c;
  c.file = book.sources.add("chapters/01.md");
  c.blocks.push_back(heading(1, "Opening words", "opening"));
  c.blocks.push_back(para({text("The brave bat runs to the office.")}));
  c.blocks.push_back(para({text("A hum, "),
                           em({text("xylophone")}),
                           text(", "),
                           strong({text("kiwi")}),
                           text(" and "),
                           {Code{"int zed;"}, {}},
                           ref(7)}));
  c.blocks.push_back({SceneBreak{}, {}});
  doc::List list;
  list.ordered = true;
  list.start = 9;
  for (const char* item : {"one", "two", "ten"}) list.items.push_back({{para({text(item)})}, {}});
  c.blocks.push_back({list, {}});
  c.notes.push_back({"7", 7, {para({text("See p.")})}, {}});
  book.chapters.push_back(std::move(c));
  return book;
}

std::map<std::string, std::string> fonts_of(const doc::Book& book, const style::Style& style,
                                            core::Diagnostics& diags) {
  std::map<std::string, std::string> out;
  const auto files = build_container(book, style, {}, diags);
  REQUIRE(files);
  for (const auto& f : *files)
    if (f.name.starts_with("EPUB/fonts/")) out[f.name.substr(11)] = f.bytes;
  return out;
}

}  // namespace

TEST_CASE("each embedded font holds the characters set in it, and only those") {
  core::Diagnostics diags;
  const auto fonts = fonts_of(small_book(), sample_style(), diags);
  CHECK(diags.all().empty());
  REQUIRE(fonts.count("GentiumBookPlus-Regular.ttf") == 1);
  REQUIRE(fonts.count("GentiumBookPlus-Italic.ttf") == 1);
  REQUIRE(fonts.count("GentiumBookPlus-Bold.ttf") == 1);
  REQUIRE(fonts.count("DejaVuSansMono.ttf") == 1);
  CHECK(fonts.size() == 4);  // no bold italic text: no bold italic face

  const FontView regular(fonts.at("GentiumBookPlus-Regular.ttf"));
  const FontView italic(fonts.at("GentiumBookPlus-Italic.ttf"));
  const FontView bold(fonts.at("GentiumBookPlus-Bold.ttf"));
  const FontView mono(fonts.at("DejaVuSansMono.ttf"));
  const auto in_regular = regular.unicodes(), in_italic = italic.unicodes(),
             in_bold = bold.unicodes(), in_mono = mono.unicodes();

  SUBCASE("the text and what the writer and the style sheet add to it") {
    // The paragraphs; the note's number (reference and back link) and text; the list's
    // numbers (9–11) and full stops; the scene-break ornament "*\u2002*\u2002*"; the
    // contents page's heading and entries; a space and the hyphens a reader inserts.
    const std::string body =
        "The brave bat runs to the office. A hum, , and 7 See p. 9. 10. 11. one two ten "
        "*\u2002*\u2002* Contents Opening words -\u2010\u00a0";
    CHECK(missing(expected_in(body, "GentiumBookPlus-Regular.ttf"), in_regular) == "");
    CHECK(missing(expected_in("xylophone ", "GentiumBookPlus-Italic.ttf"), in_italic) == "");
    CHECK(missing(expected_in("kiwi ", "GentiumBookPlus-Bold.ttf"), in_bold) == "");
    CHECK(missing(expected_in("int zed; ", "DejaVuSansMono.ttf"), in_mono) == "");
  }

  SUBCASE("small-caps headings keep both cases of their letters") {
    // h1 is small caps in the sample style: its lower-case letters become small capitals
    // (smcp) or, where a reader synthesises them, scaled capitals.
    CHECK(missing(expected_in("OPENINGWORDSCONTENTS openingwordscontents",
                              "GentiumBookPlus-Regular.ttf"),
                  in_regular) == "");
    CHECK(regular.has_feature(HB_OT_TAG_GSUB, "smcp"));
    CHECK(regular.has_feature(HB_OT_TAG_GSUB, "liga"));  // "office": the ffi ligature
    CHECK(regular.has_feature(HB_OT_TAG_GPOS, "kern"));
  }

  SUBCASE("characters the book does not set in a face are not in it") {
    for (const auto* set : {&in_regular, &in_italic, &in_bold, &in_mono}) {
      CHECK_FALSE(set->count(U'Q'));
      CHECK_FALSE(set->count(U'q'));
    }
    for (char32_t c : {U'x', U'y', U'l'}) {  // only in italic
      CAPTURE(static_cast<char>(c));
      CHECK_FALSE(in_regular.count(c));
    }
    CHECK_FALSE(in_italic.count(U'T'));
    CHECK_FALSE(in_italic.count(U'k'));
    CHECK_FALSE(in_bold.count(U'x'));
    CHECK_FALSE(in_mono.count(U'T'));
    CHECK_FALSE(in_mono.count(U'k'));
  }

  SUBCASE("the subsets are a fraction of the files, and keep their names and licence") {
    for (const auto& [name, bytes] : fonts) {
      const auto& name_ = name;  // clang 14: a lambda cannot capture a binding
      CAPTURE(name_);
      const auto whole = *core::read_file(fonts_dir + name);
      CHECK(bytes.size() * 10 < whole.size());
    }
    CHECK(regular.name(1) == "Gentium Book Plus");
    CHECK(italic.name(2) == "Italic");
    CHECK(regular.name(13).find("Open Font License") != std::string::npos);
  }
}

TEST_CASE("text in a face the family lacks goes to the face a reader draws it with") {
  // No bold italic file: bold italic text is drawn with the italic (style before weight).
  auto style = sample_style();
  style.body_font.bold_italic.clear();
  auto book = small_book();
  book.chapters[0].blocks.push_back(para({em({strong({text("jazz")})})}));
  core::Diagnostics diags;
  const auto fonts = fonts_of(book, style, diags);
  CHECK(fonts.count("GentiumBookPlus-BoldItalic.ttf") == 0);
  const auto in_italic = FontView(fonts.at("GentiumBookPlus-Italic.ttf")).unicodes();
  CHECK(in_italic.count(U'j'));
  CHECK(in_italic.count(U'z'));
}

TEST_CASE("the subsets are the same bytes on every build") {
  core::Diagnostics diags;
  CHECK(fonts_of(small_book(), sample_style(), diags) ==
        fonts_of(small_book(), sample_style(), diags));
}

TEST_CASE("epub.embed-fonts = false embeds no font at all") {
  auto style = sample_style();
  style.embed_fonts = false;
  core::Diagnostics diags;
  CHECK(fonts_of(small_book(), style, diags).empty());
}

TEST_CASE("a font HarfBuzz cannot subset is embedded whole, with a warning") {
  // Not a font at all: HarfBuzz reads no glyphs from it (as from a WOFF2 file).
  auto style = sample_style();
  style.body_font.italic = fonts_dir + "OFL-GentiumBookPlus.txt";
  core::Diagnostics diags;
  const auto fonts = fonts_of(small_book(), style, diags);
  REQUIRE(fonts.count("OFL-GentiumBookPlus.txt") == 1);
  CHECK(fonts.at("OFL-GentiumBookPlus.txt") == *core::read_file(style.body_font.italic));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].severity == core::Severity::warning);
  CHECK(diags.all()[0].message.find("embedded whole") != std::string::npos);
  CHECK_FALSE(diags.has_errors());
}
