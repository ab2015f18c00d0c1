#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <regex>

#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"

using namespace octavo;
using namespace octavo::pdf::test;

namespace {

typeset::GlyphRun& add_run(typeset::RunList& runs, int font, double x, double y, std::string_view text,
                           double size = 11) {
  return runs.add(font, 0, size, x, y, text);
}

/// Three 6 × 9 in pages: text in three scripts, a rule, links both ways, an outline with
/// non-Latin titles, roman then arabic page labels.
typeset::Document sample_book() {
  typeset::Document doc;
  // Charis is listed but never used: it must not be embedded. Font 3 repeats font 0.
  doc.fonts = {{gentium}, {gentium_italic}, {charis}, {gentium}};
  doc.title = "Война и мир — Μῆνις";
  doc.author = "Лев Толстой";
  doc.subject = "Testing the PDF writer";
  doc.language = "ru";
  for (int i = 0; i < 3; ++i) {
    typeset::Page page;
    page.width = 432;
    page.height = 648;
    doc.pages.push_back(page);
  }
  auto& p0 = doc.pages[0].runs;
  add_run(p0, 0, 72, 576, "Медведев");
  add_run(p0, 0, 72, 560, "Μῆνιν ἄειδε");
  add_run(p0, 0, 72, 544, "Pávlovna");
  add_run(p0, 0, 72, 528, "“Quoted”");
  add_run(p0, 0, 120.25, 528, "—");
  add_run(p0, 0, 135.5, 528, "dashes");
  add_run(p0, 1, 72, 512, "di\uFB03cult \uFB01nal", 11.5);  // ffi and fi ligatures
  add_run(p0, 3, 72, 496, "Tolstoy");
  add_run(p0, 0, 72, 480, "x\U0001D538y");  // the non-BMP letter is skipped
  auto& p1 = doc.pages[1];
  add_run(p1.runs, 0, 72, 576, "Second page");
  p1.rules.push_back({72, 300, 144, 0.5});
  p1.links.push_back({72, 570, 60, 12, 2, 600, ""});
  p1.links.push_back({72, 550, 60, 12, -1, 0, "https://example.org/война"});
  add_run(doc.pages[2].runs, 0, 72, 576, "Last page");
  doc.outline = {{"Часть первая", 1, 0, 600}, {"Глава 1", 2, 1, 600}, {"Épilogue", 1, 2, 600}};
  doc.labels = {{0, typeset::PageLabelRange::Style::roman_lower, 1},
                {1, typeset::PageLabelRange::Style::arabic, 1}};
  return doc;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

fs::path written(const TempDir& dir, const typeset::Document& doc,
                 const std::string& name = "book.pdf") {
  const fs::path path = dir / name;
  std::string error;
  const bool ok = pdf::write_pdf(doc, path, &error);
  INFO(error);
  REQUIRE(ok);
  REQUIRE(error.empty());
  return path;
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

/// JSON without the whitespace outside strings, for matching qpdf's pretty output.
std::string compact(const std::string& json) {
  std::string out;
  bool in_string = false, escaped = false;
  for (const char c : json) {
    if (in_string) {
      in_string = escaped || c != '"';
      escaped = !escaped && c == '\\';
    } else if (c == '"') {
      in_string = true;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      continue;
    }
    out += c;
  }
  return out;
}

bool matches(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern));
}

/// The value of a "Name:   value" line of pdfinfo's output.
std::string field(const std::string& info, const std::string& name) {
  const std::string text = "\n" + info;
  const auto at = text.find("\n" + name + ":");
  if (at == std::string::npos) return "(missing)";
  auto start = text.find_first_not_of(' ', at + name.size() + 2);
  return text.substr(start, text.find('\n', start) - start);
}

}  // namespace

TEST_CASE("qpdf --check passes") {
  TempDir dir;
  const auto path = written(dir, sample_book());
  const auto check = run("qpdf --check " + quoted(path));
  INFO(check.out, check.err);
  CHECK(check.status == 0);
  CHECK(contains(check.out, "No syntax or stream encoding errors found"));
  CHECK_FALSE(contains(check.out + check.err, "WARNING"));
}

TEST_CASE("pdffonts: only the used fonts, each embedded, subset and with a ToUnicode map") {
  TempDir dir;
  const auto path = written(dir, sample_book());
  const auto fonts = run("pdffonts " + quoted(path));
  INFO(fonts.out, fonts.err);
  CHECK(fonts.status == 0);
  CHECK(fonts.err.empty());
  // name, type, encoding, emb, sub, uni, object id; the header takes two lines.
  std::vector<std::string> rows;
  std::size_t at = 0;
  for (std::string line; at < fonts.out.size();) {
    const auto end = fonts.out.find('\n', at);
    line = fonts.out.substr(at, end - at);
    at = end == std::string::npos ? fonts.out.size() : end + 1;
    if (line.rfind("HPDFA", 0) == 0) rows.push_back(line);
  }
  REQUIRE(rows.size() == 2);  // Gentium regular and italic, not Charis
  CHECK(contains(rows[0] + rows[1], "+GentiumBookPlus "));
  CHECK(contains(rows[0] + rows[1], "+GentiumBookPlus-Italic"));
  for (const auto& row : rows) {
    CHECK(contains(row, "CID TrueType"));
    CHECK(contains(row, "Identity-H"));
    CHECK(contains(row, " yes yes yes "));  // emb sub uni
  }
}

TEST_CASE("pdftotext reads every script back without a warning") {
  TempDir dir;
  const auto path = written(dir, sample_book());
  const auto text = run("pdftotext -enc UTF-8 " + quoted(path) + " -");
  INFO(text.out, text.err);
  CHECK(text.status == 0);
  CHECK(text.err.empty());
  for (const char* word : {"Медведев", "Μῆνιν ἄειδε", "Pávlovna", "“Quoted”", "—", "dashes",
                           "difficult final", "Tolstoy", "xy", "Second page", "Last page"})
    CHECK_MESSAGE(contains(text.out, word), word);
}

TEST_CASE("each font has exactly one ToUnicode map, and libharu's broken one is gone") {
  TempDir dir;
  const auto path = written(dir, sample_book());
  const auto streams = inflated_streams(path);
  std::size_t cmaps = 0;
  for (const auto& s : streams) {
    CHECK_FALSE(contains(s, "begincidrange"));
    if (contains(s, "/CIDInit /ProcSet findresource")) ++cmaps;
  }
  CHECK(cmaps == 2);
  const std::string pdf = slurp(path);
  CHECK(count(pdf, "/ToUnicode ") == 2);
}

TEST_CASE("pdfinfo: title, author, subject, page count and size") {
  TempDir dir;
  const auto path = written(dir, sample_book());
  const auto info = run("pdfinfo -enc UTF-8 " + quoted(path));
  INFO(info.out, info.err);
  CHECK(info.status == 0);
  CHECK(info.err.empty());
  CHECK(field(info.out, "Title") == "Война и мир — Μῆνις");
  CHECK(field(info.out, "Author") == "Лев Толстой");
  CHECK(field(info.out, "Subject") == "Testing the PDF writer");
  CHECK(field(info.out, "Pages") == "3");
  CHECK(field(info.out, "Page size") == "432 x 648 pts");
  CHECK(field(info.out, "PDF version") == "1.4");
  CHECK_FALSE(contains(info.out, "CreationDate"));
  CHECK_FALSE(contains(info.out, "ModDate"));
}

TEST_CASE("the same document gives the same bytes") {
  TempDir dir;
  const auto first = written(dir, sample_book(), "first.pdf");
  const auto second = written(dir, sample_book(), "second.pdf");
  const std::string a = slurp(first), b = slurp(second);
  CHECK(a.size() > 1000);
  CHECK(a == b);
}

TEST_CASE("any number of threads gives the same bytes, and the same first error") {
  // Enough pages for several writers; the italic and the repeated font are first drawn
  // late, while writers are at work on earlier pages.
  typeset::Document doc = sample_book();
  doc.bleed = 9;
  for (int i = 0; i < 60; ++i) {
    typeset::Page page;
    page.width = 432;
    page.height = 648;
    for (int line = 0; line < 30; ++line)
      add_run(page.runs, (i > 40 && line % 7 == 0) ? 1 + 2 * (line % 2) : 0, 72, 600 - 18 * line,
              "line " + std::to_string(line) + " of page " + std::to_string(i) + " — Ωμέγα (x) \\");
    if (i % 10 == 0) page.rules.push_back({72, 40, 288, 0.5});
    doc.pages.push_back(std::move(page));
  }
  std::string error;
  const auto one = pdf::make_pdf(doc, &error, 1);
  REQUIRE_MESSAGE(one, error);
  for (const unsigned jobs : {2u, 3u, 8u, 0u}) {
    const auto many = pdf::make_pdf(doc, &error, jobs);
    REQUIRE_MESSAGE(many, error);
    CHECK_MESSAGE(*many == *one, "jobs ", jobs);
  }

  add_run(doc.pages[50].runs, 9, 72, 72, "lost");
  add_run(doc.pages[57].runs, 0, 72, 72, "far").x = 1e12;
  CHECK_FALSE(pdf::make_pdf(doc, &error, 1));
  const std::string serial = error;
  CHECK(serial == "page 51: a run uses font 9, which the document does not list");
  for (const unsigned jobs : {2u, 8u}) {
    error.clear();
    CHECK_FALSE(pdf::make_pdf(doc, &error, jobs));
    CHECK(error == serial);
  }
}

/// sample_book's fonts and 24 pages of 20 lines, font 1 on some lines of the last pages,
/// a rule on every sixth; line 3 of page `changed_page` says `word` instead of "line".
typeset::Document lined_book(int changed_page = -1, const std::string& word = "") {
  typeset::Document doc = sample_book();
  doc.pages.clear();
  for (int i = 0; i < 24; ++i) {
    typeset::Page page;
    page.width = 432;
    page.height = 648;
    for (int line = 0; line < 20; ++line)
      add_run(page.runs, (i > 15 && line % 5 == 0) ? 1 : 0, 72, 600 - 18 * line,
              (i == changed_page && line == 3 ? word : "line") + " " + std::to_string(line) + " of " +
                  std::to_string(i));
    if (i % 6 == 0) page.rules.push_back({72, 40, 288, 0.5});
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

/// make_pdf without a cache and with `cache`, the bytes or a failed check.
struct CacheRun {
  std::string error;
  pdf::PageCache cache;
  std::string fresh(typeset::Document doc) {
    auto bytes = pdf::make_pdf(std::move(doc), &error, 2);
    REQUIRE_MESSAGE(bytes, error);
    return *bytes;
  }
  std::string cached(typeset::Document doc) {
    auto bytes = pdf::make_pdf(std::move(doc), &error, 2, &cache);
    REQUIRE_MESSAGE(bytes, error);
    return *bytes;
  }
};

TEST_CASE("a page cache reuses the streams of unchanged pages and gives a fresh PDF's bytes") {
  CacheRun r;
  auto& cache = r.cache;
  const std::size_t pages = lined_book().pages.size();
  const std::string first = r.cached(lined_book());
  CHECK(first == r.fresh(lined_book()));
  CHECK(cache.last_reused() == 0);
  CHECK(r.cached(lined_book()) == first);
  CHECK(cache.last_reused() == pages);
  // One page changed: written again, the others reused; the same bytes as a fresh PDF.
  const std::string changed = r.cached(lined_book(10, "word"));
  CHECK(changed == r.fresh(lined_book(10, "word")));
  CHECK(changed != first);
  CHECK(cache.last_reused() == pages - 1);
  // A page with more text, one more page: as fresh, the new page written.
  typeset::Document longer = lined_book(10, "word");
  longer.pages.push_back(longer.pages.back());
  add_run(longer.pages[12].runs, 0, 72, 60, "more");
  CHECK(r.cached(typeset::Document(longer)) == r.fresh(typeset::Document(longer)));
  CHECK(cache.last_reused() == pages - 1);
  // Fewer pages: those left are reused, but page 12, without the line `longer` added.
  typeset::Document shorter = lined_book(10, "word");
  shorter.pages.resize(pages - 4);
  CHECK(r.cached(typeset::Document(shorter)) == r.fresh(typeset::Document(shorter)));
  CHECK(cache.last_reused() == pages - 5);
  // The same runs but another rule (what libharu draws): that page is written again.
  CHECK(r.cached(lined_book(10, "word")) == changed);
  typeset::Document ruled = lined_book(10, "word");
  ruled.pages[6].rules.front().width = 144;
  CHECK(r.cached(typeset::Document(ruled)) == r.fresh(typeset::Document(ruled)));
  CHECK(cache.last_reused() == pages - 1);
  // A run moved by a hundredth of a point: written again.
  typeset::Document moved = lined_book(10, "word");
  moved.pages[20].runs[7].x += 0.01;
  CHECK(r.cached(typeset::Document(moved)) == r.fresh(typeset::Document(moved)));
  CHECK(cache.last_reused() == pages - 2);
  // A bleed moves everything on every page: nothing reused.
  typeset::Document bled = lined_book(10, "word");
  bled.bleed = 9;
  CHECK(r.cached(typeset::Document(bled)) == r.fresh(typeset::Document(bled)));
  CHECK(cache.last_reused() == 0);
  // Other fonts: nothing reused.
  typeset::Document refonted = lined_book(10, "word");
  std::swap(refonted.fonts[0], refonted.fonts[1]);
  CHECK(r.cached(typeset::Document(refonted)) == r.fresh(typeset::Document(refonted)));
  CHECK(cache.last_reused() == 0);
}

/// lined_book with Page::drawing set: page i is drawing first + i.
typeset::Document drawn_book(std::uint64_t first, int changed_page = -1, const std::string& word = "") {
  typeset::Document doc = lined_book(changed_page, word);
  for (std::size_t i = 0; i < doc.pages.size(); ++i) doc.pages[i].drawing = first + i;
  return doc;
}

TEST_CASE("a page cache knows a page of the same drawing without comparing its runs") {
  CacheRun r;
  auto& cache = r.cache;
  const std::size_t pages = lined_book().pages.size();
  CHECK(r.cached(drawn_book(100)) == r.fresh(lined_book()));
  // The same drawings: every page reused.
  CHECK(r.cached(drawn_book(100)) == r.fresh(lined_book()));
  CHECK(cache.last_reused() == pages);
  // Page 10 drawn again (another number) with another word: written again.
  typeset::Document redrawn = drawn_book(100, 10, "word");
  redrawn.pages[10].drawing = 500;
  CHECK(r.cached(typeset::Document(redrawn)) == r.fresh(lined_book(10, "word")));
  CHECK(cache.last_reused() == pages - 1);
  // Every page drawn again, the same runs: compared, and all reused.
  CHECK(r.cached(drawn_book(1000, 10, "word")) == r.fresh(lined_book(10, "word")));
  CHECK(cache.last_reused() == pages);
  // Pages of unknown drawing (0) are compared too.
  CHECK(r.cached(lined_book(10, "word")) == r.fresh(lined_book(10, "word")));
  CHECK(cache.last_reused() == pages);
  // The number is what the cache goes by: a page claiming the last one's drawing is
  // taken as it was, its runs not read (what makes a rebuild of a long book quick).
  CHECK(r.cached(drawn_book(2000)) == r.fresh(lined_book()));
  CHECK(r.cached(drawn_book(2000, 3, "nine")) == r.fresh(lined_book()));
  CHECK(cache.last_reused() == pages);
  // Unless libharu's part of the page differs (a rule): then it is written again.
  typeset::Document ruled = drawn_book(2000);
  ruled.pages[6].rules.front().width = 144;
  typeset::Document ruled_fresh = lined_book();
  ruled_fresh.pages[6].rules.front().width = 144;
  CHECK(r.cached(typeset::Document(ruled)) == r.fresh(typeset::Document(ruled_fresh)));
  CHECK(cache.last_reused() == pages - 1);
}

TEST_CASE("a page cache reuses the font subsets whose glyphs did not change") {
  CacheRun r;
  auto& cache = r.cache;
  // Two fonts drawn (Gentium and its italic): two subsets.
  CHECK(r.cached(lined_book()) == r.fresh(lined_book()));
  CHECK(cache.last_reused_subsets() == 0);
  CHECK(r.cached(lined_book()) == r.fresh(lined_book()));
  CHECK(cache.last_reused_subsets() == 2);
  // Other words of letters drawn already: the same subsets.
  CHECK(r.cached(lined_book(3, "nine")) == r.fresh(lined_book(3, "nine")));
  CHECK(cache.last_reused_subsets() == 2);
  CHECK(cache.last_reused() == 23);
  // A letter the roman font has not drawn: its subset is made again, the italic's kept.
  const std::string grown = r.cached(lined_book(3, "Жир"));
  CHECK(grown == r.fresh(lined_book(3, "Жир")));
  CHECK(cache.last_reused_subsets() == 1);
  // And one fewer again: as fresh, nothing taken from the subset that had it.
  CHECK(r.cached(lined_book(3, "nine")) == r.fresh(lined_book(3, "nine")));
  CHECK(cache.last_reused_subsets() == 1);

  // A font file changed in place, its size and name the same: one byte of its hinting
  // program (the 'fpgm' table, which libharu copies into the subset as it is). The file's
  // time tells: the subsets and pages made from the old file are not reused.
  TempDir dir;
  const fs::path font = dir / "font.ttf";
  fs::copy_file(gentium, font);
  const auto at_temp_path = [&] {
    typeset::Document doc = lined_book();
    doc.fonts[0].path = font.string();
    return doc;
  };
  const std::string before = r.cached(at_temp_path());
  CHECK(before == r.fresh(at_temp_path()));
  CHECK(r.cached(at_temp_path()) == before);
  CHECK(cache.last_reused_subsets() == 2);
  CHECK(cache.last_reused() == 24);
  std::string bytes = slurp(font);
  const auto u32 = [&](std::size_t at) {
    return std::uint32_t(std::uint8_t(bytes[at])) << 24 | std::uint32_t(std::uint8_t(bytes[at + 1])) << 16 |
           std::uint32_t(std::uint8_t(bytes[at + 2])) << 8 | std::uint8_t(bytes[at + 3]);
  };
  const std::size_t tables = u32(4) >> 16;
  std::size_t fpgm = 0;
  for (std::size_t i = 0; i < tables; ++i)
    if (bytes.compare(12 + 16 * i, 4, "fpgm") == 0) fpgm = u32(12 + 16 * i + 8) + u32(12 + 16 * i + 12) / 2;
  REQUIRE(fpgm > 0);
  bytes[fpgm] = static_cast<char>(bytes[fpgm] ^ 0x01);
  const auto time = fs::last_write_time(font);
  {
    std::ofstream out(font, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  fs::last_write_time(font, time + std::chrono::seconds(1));
  const std::string after = r.cached(at_temp_path());
  CHECK(after == r.fresh(at_temp_path()));
  CHECK(after != before);
  CHECK(cache.last_reused_subsets() == 0);
  CHECK(cache.last_reused() == 0);
}

TEST_CASE("qpdf --json: page labels, nested outline, links, /Lang and page mode") {
  TempDir dir;
  const auto path = written(dir, sample_book());
  const auto json = run("qpdf --json --json-key=pagelabels --json-key=outlines --json-key=qpdf '" +
                        path.string() + "'");
  REQUIRE(json.status == 0);
  const std::string j = compact(json.out);
  INFO(j.substr(0, 2000));
  CHECK(contains(j, R"("pagelabels":[{"index":0,"label":{"/S":"/r","/St":1}},)"
                    R"({"index":1,"label":{"/S":"/D","/St":1}}])"));
  // Two top-level entries, the first open with its level-2 child; titles decoded by
  // qpdf from UTF-16; each to its page at y = 600.
  const std::string dest = R"("dest":\["\d+ 0 R","/XYZ",null,600,null\])";
  const std::string obj = R"("object":"\d+ 0 R")";
  CHECK(matches(j, R"("outlines":\[\{)" + dest + R"(,"destpageposfrom1":1,"kids":\[\{)" + dest +
                       R"(,"destpageposfrom1":2,"kids":\[\],)" + obj +
                       R"(,"open":true,"title":"Глава 1"\}\],)" + obj +
                       R"(,"open":true,"title":"Часть первая"\},\{)" + dest +
                       R"(,"destpageposfrom1":3,"kids":\[\],)" + obj +
                       R"(,"open":true,"title":"Épilogue"\}\])"));
  CHECK(count(j, R"("/Subtype":"/Link")") == 2);
  CHECK(matches(j, R"(\{"/Border":\[0,0,0\],"/Dest":"\d+ 0 R","/P":"\d+ 0 R",)"
                   R"("/Rect":\[72,570,132,582\],"/Subtype":"/Link","/Type":"/Annot"\})"));
  CHECK(contains(j, R"("/URI":"u:https://example.org/%D0%B2%D0%BE%D0%B9%D0%BD%D0%B0")"));
  CHECK(contains(j, R"("/Lang":"u:ru")"));
  CHECK(contains(j, R"("/PageMode":"/UseOutlines")"));
  // Outline items carry no /Type (libharu's /Type /Outlines is removed from them).
  CHECK(count(j, R"("/Type":"/Outlines")") == 1);
}

TEST_CASE("runs start exactly where the typesetter put them") {
  // One baseline, several runs (kerning and spacing gaps, a font change, a size change),
  // then a second line: what pdftotext reports as each word's left edge.
  typeset::Document doc;
  doc.fonts = {{gentium}, {gentium_italic}};
  doc.pages.push_back(typeset::Page{432, 648, {}, {}, {}, {}});
  auto& runs = doc.pages[0].runs;
  const std::vector<std::pair<std::string, double>> words = {
      {"alpha", 72},    {"beta", 110.123}, {"gamma", 151.4567}, {"delta", 200.25},
      {"epsilon", 250}, {"zeta", 300.5},   {"Wave", 340}};
  add_run(runs, 0, 72, 600, "alpha");
  add_run(runs, 0, 110.123, 600, "beta");
  add_run(runs, 0, 151.4567, 600, "gamma");
  add_run(runs, 1, 200.25, 600, "delta");
  add_run(runs, 0, 250, 600, "epsilon", 14);
  add_run(runs, 0, 300.5, 600, "zeta", 14);
  add_run(runs, 0, 340, 600, "Wa");  // a kerned pair split into two runs
  add_run(runs, 0, 352.7, 600, "ve");
  add_run(runs, 0, 90.5, 586.4, "next");
  TempDir dir;
  const auto path = written(dir, doc);
  const auto bbox = run("pdftotext -bbox '" + path.string() + "' -");
  INFO(bbox.out);
  REQUIRE(bbox.status == 0);
  const auto x_min = [&](const std::string& word) {
    const auto at = bbox.out.find(">" + word + "</word>");
    if (at == std::string::npos) return -1.0;
    const auto attr = bbox.out.rfind("xMin=\"", at);
    return std::stod(bbox.out.substr(attr + 6));
  };
  // Displacements are whole thousandths of an em: at most 0.007 pt off at 14 pt.
  for (const auto& [word, x] : words) {
    const auto& shown = word;  // clang 14: a lambda cannot capture a binding
    CHECK_MESSAGE(std::abs(x_min(word) - x) <= 0.0071, shown);
  }
  CHECK(std::abs(x_min("next") - 90.5) < 0.001);
}

TEST_CASE("a missing font file fails with a message naming it") {
  TempDir dir;
  auto doc = sample_book();
  doc.fonts[1].path = (dir / "no-such-font.ttf").string();
  std::string error;
  CHECK_FALSE(pdf::write_pdf(doc, dir / "book.pdf", &error));
  CHECK(contains(error, "cannot load font " + (dir / "no-such-font.ttf").string()));
  CHECK(contains(error, "libharu error 0x1017"));
}

TEST_CASE("a run naming a font the document does not list fails") {
  TempDir dir;
  auto doc = sample_book();
  add_run(doc.pages[2].runs, 7, 72, 72, "lost");
  std::string error;
  CHECK_FALSE(pdf::write_pdf(doc, dir / "book.pdf", &error));
  CHECK(error == "page 3: a run uses font 7, which the document does not list");
}

TEST_CASE("a link to a page that does not exist fails") {
  TempDir dir;
  auto doc = sample_book();
  doc.pages[0].links.push_back({0, 0, 10, 10, 3, 0, ""});
  std::string error;
  CHECK_FALSE(pdf::write_pdf(doc, dir / "book.pdf", &error));
  CHECK(error == "page 1: a link points to page 4 of 3");
}

TEST_CASE("a document without pages is refused, an empty page is fine") {
  TempDir dir;
  typeset::Document doc;
  std::string error;
  CHECK_FALSE(pdf::write_pdf(doc, dir / "none.pdf", &error));
  CHECK(error == "the document has no pages");
  CHECK_FALSE(fs::exists(dir / "none.pdf"));
  doc.pages.push_back(typeset::Page{432, 648, {}, {}, {}, {}});
  const auto path = written(dir, doc);
  const auto check = run("qpdf --check " + quoted(path));
  CHECK(check.status == 0);
  CHECK(run("pdftotext " + quoted(path) + " -").err.empty());
}

TEST_CASE("a word in capitals of two sizes (faked small capitals) reads back as one word") {
  typeset::Document doc = sample_book();
  auto& runs = doc.pages[2].runs;
  // "Pride" as small capitals: a capital P at 11 pt, "RIDE" at 8.8 pt, then a plain word.
  add_run(runs, 0, 72, 500, "P").actual_runs = 2;
  add_run(runs, 0, 79.5, 500, "RIDE", 8.8);
  add_run(runs, 0, 110, 500, "Smith");
  TempDir dir;
  const auto path = written(dir, doc);
  const auto text = run("pdftotext -enc UTF-8 -f 3 -l 3 " + quoted(path) + " -");
  INFO(text.out, text.err);
  CHECK(text.err.empty());
  CHECK(contains(text.out, "PRIDE"));
  CHECK(contains(text.out, "Smith"));
  CHECK_FALSE(contains(text.out, "P RIDE"));
  // The span is marked content around whole TJ arrays, and it is closed.
  const auto content = run("qpdf --qdf --object-streams=disable " + quoted(path) + " -");
  // (qpdf writes hex strings in lowercase.)
  CHECK(count(content.out, "/Span <</ActualText <feff00500052004900440045>>> BDC") == 1);
  CHECK(matches(content.out, "BDC\n(?:[^\n]*\n){0,6}[^\n]*\\] TJ\nEMC\n"));
}

TEST_CASE("a drop cap reads with the rest of its word, where the word goes on") {
  typeset::Document doc = sample_book();
  auto& runs = doc.pages[2].runs;
  // A large "M" dropped two lines, then "R." at the start of the first line, then words.
  add_run(runs, 0, 72, 472, "M", 44).actual_runs = -1;  // silent: read with what follows
  add_run(runs, 0, 110, 500, "R.").actual_runs = 1;
  add_run(runs, 0, 125, 500, "Bennet");
  add_run(runs, 0, 72, 372, "I", 44).actual_runs = -2;  // a word of its own: read with a space
  add_run(runs, 0, 110, 400, "am").actual_runs = 1;
  TempDir dir;
  const auto path = written(dir, doc);
  const auto text = run("pdftotext -enc UTF-8 -f 3 -l 3 " + quoted(path) + " -");
  INFO(text.out);
  CHECK(text.err.empty());
  CHECK(contains(text.out, "MR. Bennet"));
  CHECK(contains(text.out, "I am"));
  CHECK(count(text.out, "M") == 1);
}
