// Unit tests of the EPUB back end: golden files for the sample book, the plan (names,
// ids, the nav tree, notes, fonts), escaping, links, errors, and the zip container.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include <tinyxml2.h>
#include <unistd.h>

#include "core/files.hpp"
#include "epub/container.hpp"
#include "epub/epub_writer.hpp"
#include "epub/names.hpp"
#include "epub/plan.hpp"
#include "sample_book.hpp"

using namespace octavo;
using namespace octavo::epub;
using namespace octavo::epub::test;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> container_map(const doc::Book& book, const style::Style& style,
                                                 core::Diagnostics& diags,
                                                 const EpubOptions& options = {}) {
  std::map<std::string, std::string> out;
  auto files = build_container(book, style, options, diags);
  if (files)
    for (auto& f : *files) out[f.name] = std::move(f.bytes);
  return out;
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) {
      const auto end_a = a.find('\n', i), end_b = b.find('\n', i);
      return "line " + std::to_string(line) + ":\n  got:      " + a.substr(start, end_a - start) +
             "\n  expected: " + b.substr(start, end_b - start);
    }
    if (a[i] == '\n') ++line, start = i + 1;
  }
  return "lengths differ: got " + std::to_string(a.size()) + ", expected " +
         std::to_string(b.size());
}

// Compares `actual` with tests/epub/golden/`name`; OCTAVO_UPDATE_GOLDEN=1 rewrites it
// instead (review the change as a diff).
void check_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(OCTAVO_SOURCE_DIR "/tests/epub/golden") / name;
  const char* update = std::getenv("OCTAVO_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("rewrote " << path.string());
    return;
  }
  const auto expected = core::read_file(path);
  REQUIRE_MESSAGE(expected.has_value(), "missing golden file " << path.string());
  CHECK_MESSAGE(actual == *expected,
                name << " differs from its golden file, " << first_difference(actual, *expected));
}

bool well_formed(const std::string& xml) {
  tinyxml2::XMLDocument doc;
  return doc.Parse(xml.data(), xml.size()) == tinyxml2::XML_SUCCESS;
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "the sample book's package, navigation, style sheet and chapters match the golden files") {
  core::Diagnostics diags;
  const auto files = container_map(sample_book(), sample_style(), diags);
  REQUIRE_FALSE(diags.has_errors());
  for (const char* name :
       {"META-INF/container.xml", "EPUB/content.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx",
        "EPUB/css/book.css", "EPUB/text/cover.xhtml", "EPUB/text/titlepage.xhtml",
        "EPUB/text/copyright.xhtml", "EPUB/text/chapter-001.xhtml", "EPUB/text/chapter-002.xhtml",
        "EPUB/text/chapter-003.xhtml"}) {
    const std::string shown = name;
    CAPTURE(shown);
    REQUIRE(files.count(name) == 1);
    if (!shown.ends_with(".css")) CHECK(well_formed(files.at(name)));
    check_golden(fs::path(name).filename().string(), files.at(name));
  }
}

TEST_CASE("the container holds exactly the planned files, mimetype first and stored") {
  core::Diagnostics diags;
  const auto files = build_container(sample_book(), sample_style(), {}, diags);
  REQUIRE(files);
  std::vector<std::string> names;
  for (const auto& f : *files) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{
                     "mimetype", "META-INF/container.xml", "EPUB/content.opf", "EPUB/nav.xhtml",
                     "EPUB/toc.ncx", "EPUB/css/book.css", "EPUB/text/cover.xhtml",
                     "EPUB/text/titlepage.xhtml", "EPUB/text/copyright.xhtml",
                     "EPUB/text/chapter-001.xhtml", "EPUB/text/chapter-002.xhtml",
                     "EPUB/text/chapter-003.xhtml", "EPUB/images/cover.png",
                     "EPUB/images/map-of-kosovo.png", "EPUB/fonts/GentiumBookPlus-Regular.ttf",
                     "EPUB/fonts/GentiumBookPlus-Italic.ttf", "EPUB/fonts/GentiumBookPlus-Bold.ttf",
                     "EPUB/fonts/DejaVuSansMono.ttf"});
  CHECK((*files)[0].bytes == "application/epub+zip");
  CHECK_FALSE((*files)[0].compress);
  // Fonts are subset to the characters the book sets in them (test_font_subset.cpp).
  const auto whole = core::read_file(OCTAVO_SOURCE_DIR "/fonts/DejaVuSansMono.ttf");
  CHECK(files->back().bytes.size() * 10 < whole->size());
}

TEST_CASE("the plan: files, part detection, nav nesting over skipped levels, ids, notes") {
  const auto book = sample_book();
  const Plan plan = make_plan(book, sample_style());
  REQUIRE(plan.files.size() == 3);
  CHECK(plan.files[0].name == "text/chapter-001.xhtml");
  CHECK(plan.files[0].id == "chapter-001");
  CHECK_FALSE(plan.files[0].part);
  CHECK(plan.files[1].part);
  CHECK_FALSE(plan.files[2].part);
  CHECK(plan.files[2].title == "Analysis");
  CHECK(plan.nav_depth == 3);  // toc_depth 2 is raised to reach chapters

  // Article (1); Part Two (1) > Analysis (3), Note 2 (2); "deep" (4) is left out.
  REQUIRE(plan.nav.size() == 2);
  CHECK(plan.nav[0].children.empty());
  REQUIRE(plan.nav[1].children.size() == 2);
  CHECK(plan.nav[1].children[0].label == "Analysis");
  CHECK(plan.nav[1].children[0].href == "text/chapter-003.xhtml#analysis");
  CHECK(plan.nav[1].children[1].level == 2);
  // The heading id "note-2" would clash with note 2's aside: it is renamed.
  CHECK(plan.files[2].heading_ids == std::vector<std::string>{"analysis", "note-2-2", "deep"});
  CHECK(plan.nav[1].children[1].href == "text/chapter-003.xhtml#note-2-2");

  REQUIRE(plan.notes.count(1));
  CHECK(plan.notes.at(1).file == "text/chapter-001.xhtml");
  CHECK(plan.notes.at(1).first_ref_file == "text/chapter-001.xhtml");
  CHECK(plan.files[2].refs_before == std::map<int, int>{{1, 2}, {2, 0}});
  CHECK(noteref_id(1, 1) == "noteref-1");
  CHECK(noteref_id(1, 3) == "noteref-1-3");
  CHECK(href_from_text("text/chapter-003.xhtml", "text/chapter-001.xhtml", "note-1") ==
        "chapter-001.xhtml#note-1");
  CHECK(href_from_text("text/chapter-001.xhtml", "text/chapter-001.xhtml", "note-1") == "#note-1");
  CHECK(href_from_text("text/cover.xhtml", "images/a.png", "") == "../images/a.png");

  // Images: the cover first, then the figure under a safe name.
  REQUIRE(plan.images.size() == 2);
  CHECK(plan.has_cover);
  CHECK(plan.images[0].properties == "cover-image");
  CHECK(plan.images[1].name == "images/map-of-kosovo.png");
  CHECK(plan.images[1].span.line == 12);
  // Fonts: only the faces the text uses (no bold italic); monospace for the code.
  std::vector<std::pair<bool, bool>> body_faces;
  for (const auto& f : plan.faces)
    if (f.family == "Gentium Book Plus") body_faces.emplace_back(f.bold, f.italic);
  CHECK(body_faces ==
        std::vector<std::pair<bool, bool>>{{false, false}, {false, true}, {true, false}});
  CHECK(plan.mono_family == "DejaVu Sans Mono");
  CHECK(plan.heading_family.empty());
}

TEST_CASE("the print edition's front matter: title page, copyright page and contents markers") {
  const auto book = sample_book();
  const auto* analysis = std::get_if<doc::Heading>(&book.chapters[2].blocks[0].node);
  const auto* deep = std::get_if<doc::Heading>(&book.chapters[2].blocks[4].node);
  const auto* first = std::get_if<doc::Paragraph>(&book.chapters[0].blocks[1].node);
  REQUIRE(analysis);
  REQUIRE(deep);
  REQUIRE(first);
  const auto* em = std::get_if<doc::Emphasis>(&first->content[0].node);
  REQUIRE(em);
  const auto* words = std::get_if<doc::Text>(&em->children[0].node);
  REQUIRE(words);
  using K = PageMark::Kind;
  EpubOptions options;
  options.pages = {{"i", nullptr, 0, K::half_title, nullptr},
                   {"iii", nullptr, 0, K::title_page, nullptr},
                   {"iv", nullptr, 0, K::copyright_page, nullptr},
                   {"v", nullptr, 0, K::contents, nullptr},
                   {"vi", nullptr, 0, K::contents, analysis},
                   // A heading the navigation leaves out, with no entry after it: unmarked.
                   {"vii", nullptr, 0, K::contents, deep},
                   {"1", words, 0, K::text, nullptr}};
  const Plan plan = make_plan(book, sample_style(), options.pages);
  std::vector<std::string> hrefs;
  for (const auto& p : plan.page_list) hrefs.push_back(p.label + " " + p.href);
  CHECK(hrefs == std::vector<std::string>{
                     "i text/titlepage.xhtml#page-i", "iii text/titlepage.xhtml#page-iii",
                     "iv text/copyright.xhtml#page-iv", "v nav.xhtml#page-v",
                     "vi nav.xhtml#page-vi", "1 text/chapter-001.xhtml#page-1"});

  core::Diagnostics diags;
  const auto files = container_map(book, sample_style(), diags, options);
  REQUIRE_FALSE(diags.has_errors());
  const std::string mark = R"(<span epub:type="pagebreak" role="doc-pagebreak" id="page-)";
  const auto& title = files.at("EPUB/text/titlepage.xhtml");
  CHECK(contains(title, mark + R"(i" aria-label="i"/>)" + mark + R"(iii" aria-label="iii"/>)"));
  CHECK(title.find("page-iii") < title.find("<h1"));
  const auto& copyright = files.at("EPUB/text/copyright.xhtml");
  CHECK(copyright.find("page-iv") < copyright.find("<p>Medvedev: Russia"));
  CHECK(contains(copyright, "<p>Published by KosovoCompromise</p>"));
  const auto& nav = files.at("EPUB/nav.xhtml");
  CHECK(nav.find("id=\"page-v\"") < nav.find("<nav epub:type=\"toc\""));
  CHECK(contains(nav, R"(<a href="text/chapter-003.xhtml#analysis">)" + mark +
                          R"(vi" aria-label="vi"/>Analysis</a>)"));
  CHECK_FALSE(contains(nav, "page-vii"));
  // The contents are read in order, after the title and copyright pages.
  const auto& opf = files.at("EPUB/content.opf");
  CHECK(contains(opf,
                 "<itemref idref=\"cover\"/>\n    <itemref idref=\"titlepage\"/>\n    "
                 "<itemref idref=\"copyright\"/>\n    <itemref idref=\"nav\"/>"));
  CHECK(well_formed(title));
  CHECK(well_formed(copyright));
  CHECK(well_formed(nav));
}

TEST_CASE("epub.notes = endnotes: each chapter's notes in an endnotes section at its end") {
  auto book = sample_book();
  // A heading whose id the endnotes heading needs: it is renamed.
  book.chapters[2].blocks.push_back(heading(2, "Endnotes", "endnotes"));
  auto style = sample_style();
  style.endnotes = true;
  core::Diagnostics diags;
  const auto files = container_map(book, style, diags);
  REQUIRE_FALSE(diags.has_errors());
  const auto& one = files.at("EPUB/text/chapter-001.xhtml");
  CHECK_FALSE(contains(one, "<aside"));
  // One level below the chapter's h1, after the text, before the section closes.
  CHECK(
      contains(one, R"(<section epub:type="endnotes" role="doc-endnotes" aria-labelledby="endnotes">
        <h2 id="endnotes">Notes</h2>
        <ol>
          <li epub:type="endnote" id="note-1">
            <p><a href="#noteref-1" role="doc-backlink">1</a> Vojislav Kostunica was Prime Minister of Serbia.</p>
          </li>
        </ol>
      </section>
    </section>)"));
  // DPUB-ARIA 1.1 deprecates doc-endnote: the items carry no role.
  CHECK_FALSE(contains(one, "doc-endnote\""));
  CHECK_FALSE(contains(files.at("EPUB/text/chapter-002.xhtml"), "endnotes"));  // no notes
  const auto& three = files.at("EPUB/text/chapter-003.xhtml");
  CHECK(contains(three, R"(<h3 id="endnotes">Notes</h3>)"));  // its highest heading is an h2
  CHECK(contains(three, R"(<h2 id="endnotes-2">Endnotes</h2>)"));
  CHECK(contains(three, R"(<li epub:type="endnote" id="note-2">)"));
  CHECK(contains(three, R"(href="chapter-001.xhtml#note-1")"));  // a note of another chapter
  CHECK(well_formed(one));
  CHECK(well_formed(three));
  const auto& css = files.at("EPUB/css/book.css");
  CHECK(contains(css, "section[role=\"doc-endnotes\"] ol {\n  list-style-type: none;"));
  CHECK(contains(files.at("EPUB/content.opf"), "2 endnotes linked to and from the text"));
  const Plan plan = make_plan(book, style);
  CHECK(plan.files[0].endnotes_level == 2);
  CHECK(plan.files[1].endnotes_level == 0);
  CHECK(plan.files[2].endnotes_level == 3);
}

TEST_CASE("images with the same file name in different folders get distinct names") {
  doc::Book book;
  doc::Chapter ch;
  for (const char* path : {"a/x.png", "b/x.png", "a/x.png", "c/X Y.png"}) {
    doc::Image img;
    img.path = path;
    ch.blocks.push_back({doc::Figure{img, {}}, {}});
  }
  book.chapters.push_back(ch);
  const Plan plan = make_plan(book, style::Style{});
  REQUIRE(plan.images.size() == 3);
  CHECK(plan.images[0].name == "images/x.png");
  CHECK(plan.images[1].name == "images/x-2.png");
  CHECK(plan.images[2].name == "images/X-Y.png");
  CHECK(plan.image_by_path.at("b/x.png") == 1);
}

TEST_CASE("a book without headings still gets a table of contents, one entry per file") {
  doc::Book book;
  book.meta.title = "Plain";
  doc::Chapter ch;
  ch.blocks.push_back(para({text("Only text.")}));
  book.chapters.push_back(ch);
  book.chapters.push_back(ch);
  const Plan plan = make_plan(book, style::Style{});
  REQUIRE(plan.nav.size() == 2);
  CHECK(plan.nav[1].label == "Plain");
  CHECK(plan.nav[1].href == "text/chapter-002.xhtml");
  CHECK(plan.faces.empty());  // no font paths in a default Style: nothing to embed
  CHECK(plan.identifier.rfind("urn:octavo:", 0) == 0);
  CHECK(plan.language == "en");
}

TEST_CASE("user text and attributes are escaped; raw HTML and unsafe links stay text") {
  doc::Book book;
  book.meta.title = "Q&A <Part> \"One\"";
  book.meta.authors = {"Tom & Jerry"};
  book.meta.language = "not a tag!";
  book.meta.identifier = "urn:x:<1>";
  book.meta.date = "February 2008";  // not a W3C date: left out
  doc::Chapter ch;
  ch.blocks.push_back(heading(1, "A < B & \"C\" ]]>", "a b"));
  ch.blocks.push_back(para({text("x < y & z \"q\" ]]> \x01tab"),
                            {RawHtml{"<b onclick=\"x()\">"}, {}},
                            {Link{"javascript:alert('x')", "", {text("js")}}, {}},
                            {Link{"http://a.example/p q\"<x>", "t\"<", {text("web")}}, {}},
                            {Link{"MAILTO:someone@example.org", "", {text("mail")}}, {}},
                            {Link{"file:///etc/passwd", "", {text("file")}}, {}}}));
  ch.blocks.push_back({doc::RawBlock{"<script>alert(1)</script>"}, {}});
  book.chapters.push_back(ch);
  core::Diagnostics diags;
  const auto files = container_map(book, style::Style{}, diags);
  REQUIRE_FALSE(diags.has_errors());
  for (const auto& [name, bytes] : files) {
    const auto& name_ = name;  // clang 14: a lambda cannot capture a binding
    CAPTURE(name_);
    if (name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx") ||
        name.ends_with(".xml"))
      CHECK(well_formed(bytes));
  }
  const auto& x = files.at("EPUB/text/chapter-001.xhtml");
  CHECK(contains(x, "<title>A &lt; B &amp; \"C\" ]]&gt;</title>"));
  CHECK(contains(x, "<h1 id=\"a-b\">A &lt; B &amp; \"C\" ]]&gt;</h1>"));
  CHECK(contains(x, "x &lt; y &amp; z \"q\" ]]&gt; tab"));  // the C0 control is dropped
  CHECK(contains(x, "&lt;b onclick=\"x()\"&gt;"));
  CHECK(contains(x, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  CHECK_FALSE(contains(x, "<script"));
  CHECK_FALSE(contains(x, "javascript:"));
  CHECK_FALSE(contains(x, "file:"));
  CHECK(contains(x, "js"));
  CHECK(contains(x, "<a href=\"http://a.example/p%20q%22%3Cx%3E\" title=\"t&quot;&lt;\">web</a>"));
  CHECK(contains(x, "<a href=\"mailto:someone@example.org\">mail</a>"));
  CHECK(contains(x, "lang=\"und\" xml:lang=\"und\""));
  const auto& opf = files.at("EPUB/content.opf");
  CHECK(contains(opf, "<dc:title id=\"title\">Q&amp;A &lt;Part&gt; \"One\"</dc:title>"));
  CHECK(contains(opf, ">Tom &amp; Jerry</dc:creator>"));
  CHECK(contains(opf, ">urn:x:&lt;1&gt;</dc:identifier>"));
  CHECK_FALSE(contains(opf, "dc:date"));
  CHECK(contains(files.at("EPUB/toc.ncx"), "<meta name=\"dtb:uid\" content=\"urn:x:&lt;1&gt;\"/>"));
}

TEST_CASE("helpers: W3C dates, language tags, safe names and hrefs, numbers, CSS strings") {
  using namespace octavo::epub::detail;
  CHECK(is_w3c_date("1813"));
  CHECK(is_w3c_date("2008-02"));
  CHECK(is_w3c_date("2008-02-26"));
  CHECK(is_w3c_date("2008-02-26T10:20Z"));
  CHECK(is_w3c_date("2008-02-26T10:20:30.5+01:00"));
  CHECK_FALSE(is_w3c_date(""));
  CHECK_FALSE(is_w3c_date("26 February 2008"));
  CHECK_FALSE(is_w3c_date("2008-13-01"));
  CHECK_FALSE(is_w3c_date("2008-02-26T10:20"));
  CHECK(is_modified_timestamp("2000-01-01T00:00:00Z"));
  CHECK_FALSE(is_modified_timestamp("2000-01-01"));
  CHECK(is_language_tag("en"));
  CHECK(is_language_tag("en-GB"));
  CHECK(is_language_tag("sr-Latn-RS"));
  CHECK_FALSE(is_language_tag("e"));
  CHECK_FALSE(is_language_tag("en_GB"));
  CHECK_FALSE(is_language_tag("en-"));
  CHECK(safe_id("Book I: 1805") == "Book-I-1805");
  CHECK(safe_id("глава") == "");
  CHECK(safe_file_name("Map of Kosovo.PNG") == "Map-of-Kosovo.png");
  CHECK(safe_file_name("ĉapitro.jpg") == "apitro.jpg");
  CHECK(safe_file_name("..png") == "file.png");
  CHECK(safe_href("https://ex.org/a b#c#d") == "https://ex.org/a%20b#c%23d");
  CHECK(safe_href("HTTP://ex.org/%41%zz") == "http://ex.org/%41%25zz");
  CHECK(safe_href("https://ex.org/café") == "https://ex.org/caf%C3%A9");
  CHECK_FALSE(safe_href("javascript:alert(1)"));
  CHECK_FALSE(safe_href(" https://x"));
  CHECK_FALSE(safe_href("chapter-2.md"));
  CHECK(number(1.5) == "1.5");
  CHECK(number(2) == "2");
  CHECK(number(14.0 / 11.0) == "1.273");
  CHECK(number(-0.0001) == "0");
  CHECK(css_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\a \"");
}

TEST_CASE("unreadable fonts and images are errors naming the file; nothing is built") {
  SUBCASE("a font") {
    auto style = sample_style();
    style.body_font.italic = "/nonexistent/Italic.ttf";
    core::Diagnostics diags;
    CHECK_FALSE(build_container(sample_book(), style, {}, diags));
    REQUIRE(diags.error_count() == 1);
    CHECK(contains(diags.all()[0].message, "/nonexistent/Italic.ttf"));
  }
  SUBCASE("an image, reported where the chapter uses it") {
    auto book = sample_book();
    auto& fig = std::get<doc::Figure>(book.chapters[0].blocks[11].node);
    fig.image.path = "data/missing.png";
    core::Diagnostics diags;
    CHECK_FALSE(build_container(book, sample_style(), {}, diags));
    REQUIRE(diags.error_count() == 1);
    const auto d = diags.all()[0];
    CHECK(d.where.path == "chapters/01-article.md");
    CHECK(d.where.line == 12);
    CHECK(contains(d.message, "missing.png"));
  }
  SUBCASE("a file that is not an image") {
    auto book = sample_book();
    book.meta.cover = "sample_book.hpp";
    core::Diagnostics diags;
    CHECK_FALSE(build_container(book, sample_style(), {}, diags));
    REQUIRE(diags.error_count() == 1);
    CHECK(contains(diags.all()[0].message, "not a usable PNG or JPEG"));
  }
  SUBCASE("an image outside the book folder") {
    auto book = sample_book();
    book.meta.cover = "../../fonts/OFL-GentiumBookPlus.txt";
    core::Diagnostics diags;
    CHECK_FALSE(build_container(book, sample_style(), {}, diags));
    REQUIRE(diags.error_count() == 1);
    CHECK(contains(diags.all()[0].message, "outside the book folder"));
  }
  SUBCASE("a malformed modification time") {
    core::Diagnostics diags;
    CHECK_FALSE(build_container(sample_book(), sample_style(), {"2000-01-01"}, diags));
    CHECK(diags.error_count() == 1);
  }
  SUBCASE("a path libzip cannot write") {
    core::Diagnostics diags;
    CHECK_FALSE(write_epub(sample_book(), sample_style(), {}, "/nonexistent-dir/book.epub", diags));
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.all()[0].where.path == "/nonexistent-dir/book.epub");
  }
}

TEST_CASE("write_epub: mimetype first and stored; the same book gives the same bytes in any zone") {
  const fs::path dir =
      fs::temp_directory_path() / ("octavo-epub-unit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto book = sample_book();
  const auto style = sample_style();
  auto write = [&](const char* tz, const std::string& name) {
    ::setenv("TZ", tz, 1);
    ::tzset();
    core::Diagnostics diags;
    EpubSummary summary;
    const bool ok = write_epub(book, style, {"2008-02-26T10:30:00Z"}, dir / name, diags, &summary);
    CHECK(ok);
    CHECK(summary.files == 18);
    return *core::read_file(dir / name);
  };
  const std::string a = write("UTC", "a.epub");
  const std::string b = write("America/New_York", "b.epub");
  const std::string c = write("Asia/Kolkata", "c.epub");
  ::unsetenv("TZ");
  ::tzset();
  CHECK(a == b);
  CHECK(a == c);
  // Local file header: signature, method 0 (stored) at offset 8, name at 30, no extra field.
  REQUIRE(a.size() > 60);
  CHECK(a.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(a[8] == 0);
  CHECK(a[9] == 0);
  CHECK(a[28] == 0);
  CHECK(a[29] == 0);
  CHECK(a.substr(30, 8) == "mimetype");
  CHECK(a.substr(38, 20) == "application/epub+zip");
  // DOS time and date of the entry: 10:30:00 on 2008-02-26.
  const unsigned time = std::uint8_t(a[10]) | std::uint8_t(a[11]) << 8;
  const unsigned date = std::uint8_t(a[12]) | std::uint8_t(a[13]) << 8;
  CHECK(time == ((10u << 11) | (30u << 5)));
  CHECK(date == (((2008u - 1980u) << 9) | (2u << 5) | 26u));
  fs::remove_all(dir);
}
