#include <doctest/doctest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "style/numbering.hpp"
#include "style/schema.hpp"
#include "style/style.hpp"

using namespace octavo;
namespace fs = std::filesystem;

namespace {

const style::Resources resources{fs::path(OCTAVO_SOURCE_DIR) / "styles",
                                 fs::path(OCTAVO_SOURCE_DIR) / "fonts"};

// Writes `text` as a style file and loads it; returns the diagnostics' first line.
struct Loaded {
  std::optional<style::Styles> style;
  std::string first;
};

Loaded load_text(const std::string& text) {
  const auto dir = fs::temp_directory_path() / "octavo-test-style";
  fs::create_directories(dir);
  const auto file = dir / "mine.toml";
  std::ofstream(file) << text;
  core::Diagnostics diags;
  Loaded out;
  out.style = style::load_style(file.string(), dir, resources, {}, diags);
  const auto all = diags.all();
  if (!all.empty()) out.first = core::format(all.front());
  const auto prefix = file.string();
  if (out.first.starts_with(prefix)) out.first = "mine.toml" + out.first.substr(prefix.size());
  return out;
}

}  // namespace

TEST_CASE("classic loads with its fonts and 6 x 9 in page") {
  core::Diagnostics diags;
  const auto s = style::load_style("", ".", resources, {}, diags);
  REQUIRE(s);
  CHECK(s->pdf.name == "classic");
  CHECK(s->pdf.page.width == doctest::Approx(432));
  CHECK(s->pdf.page.height == doctest::Approx(648));
  CHECK(s->pdf.page.inner == doctest::Approx(54));
  CHECK(s->pdf.body.size == doctest::Approx(11));
  CHECK(s->pdf.body.indent_em == doctest::Approx(1.5));
  CHECK(s->pdf.headings[0].text_case == style::Case::small_caps);
  CHECK(s->pdf.headings[0].recto);
  CHECK(s->pdf.body_font.regular.filename() == "GentiumBookPlus-Regular.ttf");
  CHECK(fs::exists(s->pdf.body_font.bold_italic));
  CHECK(s->pdf.mono_font.name == "DejaVu Sans Mono");
  REQUIRE(s->pdf.fallback.size() == 2);
  CHECK(s->pdf.fallback[0].name == "Charis SIL");
}

TEST_CASE("a style extends another and overrides keys; ems resolve against the body size") {
  const auto r = load_text(
      "extends = \"classic\"\n[page]\nsize = \"a5\"\n[body]\nsize = \"12pt\"\nindent = \"18pt\"\n"
      "[headings.1]\nsize = \"2em\"\n[headings.2]\nsize = \"150%\"\n[footnotes]\nleading = \"110%\"\n");
  REQUIRE(r.style);
  CHECK(r.style->pdf.page.width == doctest::Approx(419.53));
  CHECK(r.style->pdf.body.indent_em == doctest::Approx(1.5));
  CHECK(r.style->pdf.headings[0].size == doctest::Approx(24));
  CHECK(r.style->pdf.headings[1].size == doctest::Approx(18));  // 150% of 12 pt
  CHECK(r.style->pdf.notes.leading == doctest::Approx(13.2));
  CHECK(r.style->pdf.headings[0].recto);  // inherited
}

TEST_CASE("[epub] and [pdf] tables change their output only, after the file's own keys") {
  const auto r = load_text(
      "extends = \"classic\"\n[body]\nsize = \"12pt\"\n[pdf.body]\nsize = \"10pt\"\n"
      "[epub]\nembed-fonts = false\nnotes = \"endnotes\"\nbody.align = \"left\"\n"
      "[epub.verse]\nitalic = true\n");
  REQUIRE(r.style);
  CHECK(r.style->epub.endnotes);
  CHECK_FALSE(r.style->pdf.endnotes);
  CHECK(r.style->epub.body.size == doctest::Approx(12));
  CHECK(r.style->pdf.body.size == doctest::Approx(10));
  CHECK(r.style->epub.body.align == style::Align::left);
  CHECK(r.style->pdf.body.align == style::Align::justify);
  CHECK_FALSE(r.style->epub.embed_fonts);
  CHECK(r.style->pdf.embed_fonts);
  CHECK(r.style->epub.verse.italic);
  CHECK_FALSE(r.style->pdf.verse.italic);
  CHECK(r.style->epub.headings[0].recto);  // the rest is classic's, in both
  // An em length in a target table is of that output's body size.
  const auto em = load_text("[pdf.body]\nsize = \"10pt\"\n[pdf.headings.1]\nsize = \"2em\"\n");
  REQUIRE(em.style);
  CHECK(em.style->pdf.headings[0].size == doctest::Approx(20));
}

TEST_CASE("verse, heading font and number, and the chapter sink are read") {
  const auto r = load_text(
      "[verse]\nindent = \"22pt\"\nsize = \"10pt\"\nitalic = true\n"
      "[headings.2]\nfont = \"body\"\nnumber = \"Chapter {W}\"\n[chapter-opening]\nsink = \"2in\"\n");
  REQUIRE(r.style);
  CHECK(r.style->pdf.verse.indent_em == doctest::Approx(2));  // 22 pt of an 11 pt body
  CHECK(r.style->pdf.verse.size == doctest::Approx(10));
  CHECK(r.style->pdf.verse.italic);
  CHECK(r.style->pdf.headings[1].font == style::FontRole::body);
  CHECK(r.style->pdf.headings[1].number == "Chapter {W}");
  REQUIRE(r.style->pdf.opening.sink);
  CHECK(*r.style->pdf.opening.sink == doctest::Approx(144));
}

TEST_CASE("style and font files outside the book folder are refused, symlinks resolved") {
  const auto dir = fs::temp_directory_path() / "octavo-test-style";
  const auto outside = fs::temp_directory_path() / "octavo-test-style-outside";
  fs::create_directories(dir);
  fs::create_directories(outside);
  fs::copy_file(fs::path(OCTAVO_SOURCE_DIR) / "fonts" / "CharisSIL-Regular.ttf", outside / "face.ttf",
                fs::copy_options::overwrite_existing);
  std::ofstream(outside / "house.toml") << "extends = \"classic\"\n";
  fs::remove(dir / "face.ttf");
  fs::create_symlink(outside / "face.ttf", dir / "face.ttf");
  const std::string hint = "outside the book folder";
  const auto font = load_text("[fonts]\nbody = \"../octavo-test-style-outside/face.ttf\"\n");
  CHECK_FALSE(font.style);
  CHECK(font.first.starts_with(
      "mine.toml:2:1: error: font file '../octavo-test-style-outside/face.ttf' is outside the book folder\n"
      "  hint: styles and fonts are read from the book folder, octavo's own styles and fonts"));
  const auto absolute = load_text("[fonts]\nbody = \"" + (outside / "face.ttf").string() + "\"\n");
  CHECK_FALSE(absolute.style);
  CHECK(absolute.first.find(hint) != std::string::npos);
  const auto link = load_text("[fonts]\nbody = \"face.ttf\"\n");  // a symlink to the file outside
  CHECK_FALSE(link.style);
  CHECK(link.first.find("font file 'face.ttf' is outside the book folder") != std::string::npos);
  const auto parent = load_text("extends = \"../octavo-test-style-outside/house.toml\"\n");
  CHECK_FALSE(parent.style);
  CHECK(parent.first.find("style file '../octavo-test-style-outside/house.toml' is outside the book folder") !=
        std::string::npos);
  // Named on the command line, a style anywhere is read, with what its folder holds.
  core::Diagnostics diags;
  CHECK(style::load_style((outside / "house.toml").string(), dir, resources, {"--style", 0, 0}, diags, {}, true));
  CHECK_FALSE(style::load_style((outside / "house.toml").string(), dir, resources, {}, diags));
  fs::remove(dir / "face.ttf");
  fs::remove_all(outside);
}

TEST_CASE("footnotes.indent: the body indent unless set, in ems") {
  const auto plain = load_text("");
  REQUIRE(plain.style);
  CHECK(plain.style->pdf.notes.indent_em < 0);  // follows body.indent
  const auto flush = load_text("[footnotes]\nindent = \"0\"\n");
  REQUIRE(flush.style);
  CHECK(flush.style->pdf.notes.indent_em == doctest::Approx(0));
  CHECK(flush.style->epub.notes.indent_em == doctest::Approx(0));
  const auto points = load_text("[footnotes]\nindent = \"22pt\"\n");
  REQUIRE(points.style);
  CHECK(points.style->pdf.notes.indent_em == doctest::Approx(2));  // 22 pt of an 11 pt body
  const auto wide = load_text("[footnotes]\nindent = \"12em\"\n");
  CHECK_FALSE(wide.style);
}

TEST_CASE("heading numbers: formats, and the count restarts under a higher heading") {
  CHECK(style::format_number("{n}", 12) == "12");
  CHECK(style::format_number("Chapter {R}", 14) == "Chapter XIV");
  CHECK(style::format_number("{r}.", 1999) == "mcmxcix.");
  CHECK(style::format_number("{w}", 21) == "twenty-one");
  CHECK(style::format_number("Book {W}", 7) == "Book Seven");
  CHECK(style::format_number("{W}", 140) == "140");
  CHECK(style::format_number("{R}", 4000) == "4000");
  CHECK_FALSE(style::number_format_problem("Part {n} of {R}"));
  CHECK(style::number_format_problem("{").value() == "'{' without '}'");

  style::Style s;
  s.headings[0].number = "Book {R}";
  s.headings[1].number = "{n}";
  style::HeadingNumbers numbers(s);
  const auto h = [](int level, bool numbered = true) {
    doc::Heading out;
    out.level = level;
    out.numbered = numbered;
    return out;
  };
  CHECK(numbers.next(h(2)) == "1");  // before any book
  CHECK(numbers.next(h(1)) == "Book I");
  CHECK(numbers.next(h(2)) == "1");
  CHECK(numbers.next(h(2)) == "2");
  CHECK(numbers.next(h(3)) == "");    // level 3 is not numbered
  CHECK(numbers.next(h(2, false)) == "");
  CHECK(numbers.next(h(2)) == "3");
  CHECK(numbers.next(h(1)) == "Book II");
  CHECK(numbers.next(h(2)) == "1");
  CHECK(style::numbered_title("Book II", "Peace") == "Book II\u2003Peace");
  CHECK(style::numbered_title("", "Peace") == "Peace");
}

TEST_CASE("invalid style files give a positioned diagnostic") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"[body]\nsize = \"11px\"\n",
       "mine.toml:2:1: error: 'body.size': '11px' is not a length\n"
       "  hint: write a number with a unit: pt, mm, cm, in or em (e.g. \"11pt\")"},
      {"[body]\nsise = \"11pt\"\n",
       "mine.toml:2:1: error: unknown style key 'body.sise'\n  hint: did you mean 'body.size'?"},
      {"[body]\nhyphenate = \"yes\"\n", "mine.toml:2:1: error: 'body.hyphenate' must be true or false"},
      {"[body]\nsize = \"400pt\"\n",
       "mine.toml:2:1: error: 'body.size' is out of range\n  hint: allowed: 5–72 pt"},
      {"[body]\nalign = \"justified\"\n",
       "mine.toml:2:1: error: 'body.align': unknown value 'justified'\n"
       "  hint: valid values: justify, left, center, right"},
      {"[fonts]\nbody = \"Comic Sans\"\n",
       "mine.toml:2:1: error: unknown font family 'Comic Sans'\n"
       "  hint: shipped families: Charis SIL, DejaVu Sans Mono, Gentium Book Plus\n"
       "  hint: or give the path of a .ttf file"},
      {"[body\nsize = 3\n", "mine.toml:1:6: error: "},
      {"extends = \"gothic\"\n",
       "mine.toml:1:11: error: unknown style 'gothic'\n  hint: shipped styles: classic"},
      {"[headings.7]\nsize = \"12pt\"\n", "mine.toml:1:11: error: unknown style key 'headings.7'"},
      {"[toc]\ndepth = 1.5\n", "mine.toml:2:1: error: 'toc.depth' must be a whole number"},
      {"[page]\nsize = \"6x9in\"\ninner = \"3in\"\nouter = \"3in\"\n",
       "mine.toml:4:1: error: the inner and outer margins (3 in + 3 in) leave less than a fifth of the "
       "page's 6 in for text"},
      {"[body]\nsize = \"1.2em\"\n", "mine.toml:2:1: error: 'body.size' cannot be in em or %: it defines the em"},
      {"extends = \"mine.toml\"\n",
       "mine.toml:1:11: error: 'extends' goes round in a circle: 'mine.toml' is already being loaded"},
      {"[fonts]\nfallback = \"Charis SIL\"\n", "mine.toml:2:1: error: 'fonts.fallback' must be an array of strings"},
      {"[page]\ninner = \"10%\"\n", "mine.toml:2:1: error: 'page.inner' must be a length in pt, mm, cm, in or em"},
      {"[body]\nsize = \"120%\"\n", "mine.toml:2:1: error: 'body.size' cannot be in em or %: it defines the em"},
      {"[toc]\ndepth = \"2\"\n", "mine.toml:2:1: error: 'toc.depth' must be a whole number"},
      {"colour = \"red\"\n", "mine.toml:1:1: error: unknown style key 'colour'\n  hint: see docs/styles.md"},
      {"[fonts]\nbody = \"missing.ttf\"\n", "mine.toml:2:1: error: font file 'missing.ttf' does not exist"},
      {"[headings.1]\nnumber = \"Chapter {x}\"\n",
       "mine.toml:2:1: error: 'headings.1.number': unknown field {x}\n  hint: write {n} (1, 2, 3)"},
      {"[headings.2]\nnumber = \"Chapter\"\n", "mine.toml:2:1: error: 'headings.2.number': no field for the number"},
      {"[epub.page]\nsize = \"a5\"\n",
       "mine.toml:2:1: error: 'epub.page.size' has no meaning in an EPUB, which has no pages\n"
       "  hint: set it in the style itself or under [pdf]"},
      {"[pdf]\nembed-fonts = false\n",
       "mine.toml:2:1: error: unknown style key 'pdf.embed-fonts'\n  hint: did you mean 'epub.embed-fonts'?"},
      {"[epub]\nnotes = \"sidenotes\"\n",
       "mine.toml:2:1: error: 'epub.notes': unknown value 'sidenotes'\n  hint: valid values: footnotes, endnotes"},
      {"[pdf.body]\nsise = \"10pt\"\n",
       "mine.toml:2:1: error: unknown style key 'pdf.body.sise'\n  hint: did you mean 'pdf.body.size'?"},
      {"[epub.body]\nsize = \"9px\"\n", "mine.toml:2:1: error: 'epub.body.size': '9px' is not a length"},
      {"[scene-break]\nimage = \"https://example.org/a.png\"\n",
       "mine.toml:2:1: error: 'scene-break.image': 'https://example.org/a.png' is a URL; images are read from "
       "files, never fetched"},
      {"[scene-break]\nimage = \"none.png\"\n", "mine.toml:2:1: error: 'scene-break.image': 'none.png' does not exist"},
      {"[scene-break]\nimage = \"mine.toml\"\n",
       "mine.toml:2:1: error: 'scene-break.image': 'mine.toml' is not a usable PNG or JPEG"},
      {"[verse]\nitalic = 1\n", "mine.toml:2:1: error: 'verse.italic' must be true or false"},
      {"[headings.1]\nfont = \"script\"\n",
       "mine.toml:2:1: error: 'headings.1.font': unknown value 'script'\n  hint: valid values: heading, body, mono"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto r = load_text(c.text);
    CHECK_FALSE(r.style);
    if (c.expected) {
      CHECK(r.first.substr(0, std::string(c.expected).size()) == c.expected);
    } else {
      CHECK_FALSE(r.first.empty());
    }
  }
}

TEST_CASE("an unknown style name lists the shipped ones") {
  core::Diagnostics diags;
  CHECK_FALSE(style::load_style("gothic", ".", resources, {"book.toml", 12, 9}, diags));
  const auto text = core::format(diags.all().at(0));
  CHECK(text.starts_with("book.toml:12:9: error: unknown style 'gothic'\n  hint: shipped styles: classic"));
}

TEST_CASE("every shipped style loads and describes itself") {
  const auto styles = style::shipped_styles(resources);
  REQUIRE_FALSE(styles.empty());
  for (const auto& [name, description] : styles) {
    const auto& name_ = name;  // clang 14: a lambda cannot capture a binding
    CAPTURE(name_);
    core::Diagnostics diags;
    CHECK(style::load_style(name, ".", resources, {}, diags));
    CHECK_FALSE(description.empty());
  }
}

TEST_CASE("nearest_key finds misspellings only") {
  CHECK(style::nearest_key("body.sise") == "body.size");
  CHECK(style::nearest_key("headings.1.cas") == "headings.1.case");
  CHECK(style::nearest_key("completely.different") == "");
}

namespace {

// docs/styles.md, cut into sections at its "### `key`" headings.
std::map<std::string, std::string> documented_keys() {
  std::ifstream in(fs::path(OCTAVO_SOURCE_DIR) / "docs" / "styles.md");
  REQUIRE(in);
  std::map<std::string, std::string> sections;
  std::string line, key;
  while (std::getline(in, line)) {
    if (line.rfind("### `", 0) == 0 && line.size() > 6 && line.back() == '`') {
      key = line.substr(5, line.size() - 6);
      sections[key];
    } else if (line.rfind("## ", 0) == 0) {
      key.clear();
    } else if (!key.empty()) {
      sections[key] += line + "\n";
    }
  }
  return sections;
}

// "headings.3.size" is documented once, as "headings.N.size".
std::string documented_name(const std::string& key) {
  if (key.rfind("headings.", 0) == 0 && key.size() > 10 && std::isdigit(static_cast<unsigned char>(key[9])))
    return "headings.N" + key.substr(10);
  return key;
}

}  // namespace

TEST_CASE("docs/styles.md describes every key of the style model, with type, default and example") {
  const auto docs = documented_keys();
  std::set<std::string> known;
  for (const auto& spec : style::schema()) {
    const std::string name = documented_name(spec.path);
    known.insert(name);
    INFO("key: ", spec.path);
    const auto it = docs.find(name);
    REQUIRE_MESSAGE(it != docs.end(), (std::string("docs/styles.md has no section ### `") + name + "`"));
    CHECK(it->second.find("- Type:") != std::string::npos);
    CHECK(it->second.find("- Default:") != std::string::npos);
    CHECK(it->second.find("- Example:") != std::string::npos);
    // The example is a line a style file could hold for this key.
    const std::string leaf = name.substr(name.rfind('.') + 1);
    CHECK(it->second.find("- Example: `" + leaf + " = ") != std::string::npos);
  }
  // And nothing is documented that the model does not have.
  for (const auto& entry : docs)
    CHECK_MESSAGE(known.count(entry.first), (std::string("documented but unknown: ") + entry.first));
}

TEST_CASE("a book's [style] table changes keys of its style for that book alone") {
  const auto dir = fs::temp_directory_path() / "octavo-test-book-style";
  fs::create_directories(dir);
  const auto book = dir / "book.toml";
  std::ofstream(book) << "[book]\ntitle = \"T\"\n\n[style]\nbody.size = \"12pt\"\n\n[style.page]\nsize = \"a5\"\n";
  core::Diagnostics diags;
  const auto s = style::load_style("classic", dir, resources, {}, diags, book);
  REQUIRE(s);
  CHECK(s->pdf.body.size == doctest::Approx(12));
  CHECK(s->pdf.page.width == doctest::Approx(419.53));
  CHECK(s->pdf.headings[0].text_case == style::Case::small_caps);  // the rest is classic's
  // Without the book, classic as shipped.
  const auto plain = style::load_style("classic", dir, resources, {}, diags);
  REQUIRE(plain);
  CHECK(plain->pdf.body.size == doctest::Approx(11));

  // Its keys are checked like a style file's, positioned in book.toml.
  std::ofstream(book) << "[book]\ntitle = \"T\"\n\n[style]\nbody.sise = \"12pt\"\nextends = \"modern\"\n";
  core::Diagnostics bad;
  CHECK_FALSE(style::load_style("classic", dir, resources, {}, bad, book));
  REQUIRE(bad.all().size() == 2);
  CHECK(core::format(bad.all()[0]).starts_with(book.string() + ":6:1: error: 'extends' belongs in a style file"));
  CHECK(core::format(bad.all()[1]) == book.string() + ":5:6: error: unknown style key 'body.sise'\n  hint: did you mean 'body.size'?");
}
