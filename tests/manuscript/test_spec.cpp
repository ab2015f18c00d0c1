// Golden tests in cmark's spec format (spec_tests.py reads the same layout): each
// example is Markdown, a line ".", the expected doc::dump of the chapter followed by
// one line per diagnostic ("error L:C: …"), between lines of 32 backticks. "→" in the
// Markdown stands for a tab.
//
// Set OCTAVO_SPEC_PRINT=1 to print what each failing example produced instead, for
// reviewing a change by eye (never to paste in blindly).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "doc/dump.hpp"
#include "manuscript/finish.hpp"
#include "manuscript/manuscript.hpp"
#include "temp_book.hpp"

using namespace octavo;
using namespace octavo::manuscript::testing;

namespace {

struct Example {
  int line = 0;  // of the opening fence
  std::string markdown;
  std::string expected;
};

const std::string fence(32, '`');

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::vector<Example> read_examples(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  std::vector<Example> out;
  std::string line;
  int number = 0;
  int state = 0;  // 0 prose, 1 markdown, 2 expected
  while (std::getline(in, line)) {
    ++number;
    if (state == 0 && line == fence + " example") {
      out.push_back({number, {}, {}});
      state = 1;
    } else if (state == 1 && line == ".") {
      state = 2;
    } else if (state == 1) {
      out.back().markdown += replace_all(line, "→", "\t") + "\n";
    } else if (state == 2 && line == fence) {
      state = 0;
    } else if (state == 2) {
      out.back().expected += line + "\n";
    }
  }
  CHECK_MESSAGE(state == 0, path << ": the last example is not closed");
  return out;
}

// The book folder every example reads from: chapters/spec.md beside images/.
struct SpecBook {
  SpecBook() {
    folder.write("images/map.png", png(300, 200));
    folder.write("images/photo.jpg", jpeg(1400, 2100));
    folder.write("images/bad.png", "garbage");
    std::filesystem::create_directories(folder.dir / "chapters");
  }
  TempBook folder;
};

std::string render(const SpecBook& spec, const std::string& markdown) {
  doc::Book book;
  book.root = spec.folder.dir;
  core::Diagnostics diags;
  doc::Chapter chapter;
  manuscript::parse_chapter(markdown, spec.folder.dir / "chapters" / "spec.md", book, chapter,
                            diags);
  book.chapters.push_back(std::move(chapter));
  manuscript::finish_book(book);
  std::string out = doc::dump(book.chapters[0]);
  for (const auto& d : diags.all()) {
    out += d.severity == core::Severity::error ? "error " : "warning ";
    out += std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message +
           "\n";
  }
  return out;
}

void run_file(const std::string& name) {
  const std::string path = std::string(OCTAVO_TEST_DATA) + "/manuscript/" + name;
  const auto examples = read_examples(path);
  CHECK(!examples.empty());
  const bool print = std::getenv("OCTAVO_SPEC_PRINT") != nullptr;
  SpecBook spec;
  int failures = 0;
  for (const auto& ex : examples) {
    const std::string got = render(spec, ex.markdown);
    if (got != ex.expected) {
      ++failures;
      if (print) std::cout << name << ":" << ex.line << "\n" << got << fence << "\n";
    }
    CHECK_MESSAGE(got == ex.expected, name << ":" << ex.line << ": example differs\n--- expected\n"
                                           << ex.expected << "--- got\n"
                                           << got);
  }
  MESSAGE(name << ": " << examples.size() << " examples, " << failures << " failed");
}

}  // namespace

TEST_CASE("spec.txt") {
  run_file("spec.txt");
}
TEST_CASE("regressions.txt") {
  run_file("regressions.txt");
}
