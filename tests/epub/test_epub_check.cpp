// Integration: EPUBCheck 4.2.6 must find nothing (no fatal error, error or warning) in
// the books this back end writes, and two writes of a book must give the same bytes.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <regex>

#include <sys/wait.h>
#include <unistd.h>

#include "core/files.hpp"
#include "epub/epub_writer.hpp"
#include "sample_book.hpp"

using namespace octavo;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("octavo-epubcheck-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

struct CheckResult {
  int exit_code = -1;
  std::string output;
  int fatals = -1, errors = -1, warnings = -1;
};

// Runs EPUBCheck on `epub` and reads its summary line
// "Messages: F fatals / E errors / W warnings / I infos".
CheckResult epubcheck(const fs::path& epub) {
  CheckResult r;
  const std::string cmd = "java -jar /usr/bin/epubcheck '" + epub.string() + "' 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf;
  while (std::fgets(buf.data(), buf.size(), pipe)) r.output += buf.data();
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::smatch m;
  static const std::regex summary(R"(Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?)");
  if (std::regex_search(r.output, m, summary)) {
    r.fatals = std::stoi(m[1]);
    r.errors = std::stoi(m[2]);
    r.warnings = std::stoi(m[3]);
  } else if (r.output.find("No errors or warnings detected") != std::string::npos) {
    r.fatals = r.errors = r.warnings = 0;
  }
  return r;
}

void require_clean(const fs::path& epub) {
  const CheckResult r = epubcheck(epub);
  INFO("EPUBCheck said:\n" << r.output);
  CHECK(r.fatals == 0);
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
  CHECK(r.exit_code == 0);
}

}  // namespace

TEST_CASE("EPUBCheck passes the sample book without a warning; two writes are identical") {
  TempDir tmp;
  const auto book = epub::test::sample_book();
  const auto style = epub::test::sample_style();
  core::Diagnostics diags;
  REQUIRE(epub::write_epub(book, style, {}, tmp.path / "a.epub", diags));
  REQUIRE(epub::write_epub(book, style, {}, tmp.path / "b.epub", diags));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(*core::read_file(tmp.path / "a.epub") == *core::read_file(tmp.path / "b.epub"));
  require_clean(tmp.path / "a.epub");
}

TEST_CASE("EPUBCheck passes a book of hostile text: markup characters, raw HTML, bad links") {
  TempDir tmp;
  using namespace epub::test;
  doc::Book book;
  book.meta.title = "Q&A <Part> \"One\" ]]>";
  book.meta.authors = {"Tom & Jerry", "Анна Каренина"};
  book.meta.language = "ru";
  book.meta.date = "1813";
  book.meta.subtitle = "A <sub>title";
  doc::Chapter ch;
  ch.blocks.push_back(heading(2, "Глава & <первая>", "глава-первая"));
  ch.blocks.push_back(
      para({text("x < y & z \"q\" ]]> \x01"),
            {doc::RawHtml{"<b onclick=\"x()\">"}, {}},
            {doc::Link{"javascript:alert('x')", "", {text("js")}}, {}},
            {doc::Link{"http://a.example/p q\"<x>é", "", {text("web")}}, {}},
            {doc::NoteRef{"9", 9}, {}},
            {doc::Link{"https://example.org/", "", {text("linked"), ref(1)}}, {}}}));
  ch.blocks.push_back({doc::RawBlock{"<script>alert(1)</script>"}, {}});
  ch.blocks.push_back(heading(1, "", "empty"));
  ch.notes.push_back(
      {"1", 1, {para({text("A note whose only reference sits inside a link.")})}, {}});
  book.chapters.push_back(ch);
  core::Diagnostics diags;
  REQUIRE(
      epub::write_epub(book, style::Style{}, {"2024-05-06T07:08:09Z"}, tmp.path / "h.epub", diags));
  require_clean(tmp.path / "h.epub");
}
