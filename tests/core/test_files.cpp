#include <doctest/doctest.h>

#include <fstream>

#include "core/files.hpp"

using namespace octavo::core;

namespace {
fs::path fresh_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("octavo-test-files-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("is_inside resolves .. and symlinks") {
  const auto dir = fresh_dir("inside");
  fs::create_directories(dir / "book" / "chapters");
  std::ofstream(dir / "secret.txt") << "x";
  CHECK(is_inside(dir / "book", dir / "book" / "chapters" / "a.md"));
  CHECK_FALSE(is_inside(dir / "book", dir / "book" / ".." / "secret.txt"));
  CHECK_FALSE(is_inside(dir / "book", dir / "bookshelf" / "a.md"));
  fs::create_symlink(dir / "secret.txt", dir / "book" / "link.md");
  CHECK_FALSE(is_inside(dir / "book", dir / "book" / "link.md"));
  fs::remove_all(dir);
}

TEST_CASE("a confinement resolves .. and symlinks, of files and of their folders") {
  const auto dir = fresh_dir("confinement");
  fs::create_directories(dir / "book" / "chapters");
  fs::create_directories(dir / "elsewhere");
  std::ofstream(dir / "secret.txt") << "x";
  std::ofstream(dir / "elsewhere" / "b.md") << "x";
  std::ofstream(dir / "book" / "chapters" / "a.md") << "x";
  fs::create_symlink(dir / "secret.txt", dir / "book" / "chapters" / "link.md");
  fs::create_symlink(dir / "elsewhere", dir / "book" / "away");
  fs::create_symlink(dir / "book" / "chapters" / "a.md", dir / "book" / "inner.md");
  const Confinement inside(dir / "book");
  // Asked twice each: the second answer comes from the folder already resolved.
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    CHECK(inside.contains(dir / "book" / "chapters" / "a.md"));
    CHECK(inside.contains(dir / "book" / "chapters" / "missing.md"));
    CHECK(inside.contains(dir / "book" / "inner.md"));                  // a link to a file inside
    CHECK_FALSE(inside.contains(dir / "book" / "chapters" / "link.md"));  // a link to one outside
    CHECK_FALSE(inside.contains(dir / "book" / "away" / "b.md"));       // in a linked folder outside
    CHECK_FALSE(inside.contains(dir / "book" / ".." / "secret.txt"));
    CHECK_FALSE(inside.contains(dir / "book" / "chapters" / ".." / ".." / "secret.txt"));
    CHECK_FALSE(inside.contains(dir / "bookshelf" / "a.md"));
  }
  fs::remove_all(dir);
}

TEST_CASE("read_file reads a file whole, and refuses a folder") {
  const auto dir = fresh_dir("read");
  std::string big(200000, 'x');
  big[123456] = 'y';
  std::ofstream(dir / "big.txt", std::ios::binary) << big;
  std::ofstream(dir / "empty.txt");
  std::string error;
  CHECK(read_file(dir / "big.txt", &error) == big);
  CHECK(read_file(dir / "empty.txt", &error) == std::string());
  CHECK_FALSE(read_file(dir, &error));
  CHECK(error == "is a directory");
  fs::remove_all(dir);
}

TEST_CASE("an output file replaces the target only on commit, and leaves nothing else") {
  const auto dir = fresh_dir("pending");
  const auto target = dir / "book.epub";
  std::ofstream(target) << "old";
  const auto entries = [&] { return std::distance(fs::directory_iterator(dir), fs::directory_iterator{}); };
  {
    OutputFile out(target);
    CHECK(out.write("half-written"));
    CHECK(entries() == 1);  // unnamed until it is committed
    // destroyed without commit
  }
  CHECK(*read_file(target) == "old");
  CHECK(entries() == 1);
  {
    OutputFile out(target);
    std::string error;
    CHECK_FALSE(out.commit(&error));  // nothing written: the target stays
    CHECK(error == "nothing was written");
  }
  CHECK(*read_file(target) == "old");
  CHECK(write_file_atomically(target, "new"));
  CHECK(*read_file(target) == "new");
  CHECK(entries() == 1);
  CHECK((fs::status(target).permissions() & fs::perms::owner_read) != fs::perms::none);
  fs::remove_all(dir);
}

TEST_CASE("an output file in a folder that cannot be written reports why") {
  std::string error;
  OutputFile out("/nonexistent/octavo/book.pdf");
  CHECK_FALSE(out.write("x", &error));
  CHECK(error.find("cannot create a file in /nonexistent/octavo") == 0);
}

TEST_CASE("read_file reports a missing file") {
  std::string error;
  CHECK_FALSE(read_file("/nonexistent/octavo/file", &error));
  CHECK_FALSE(error.empty());
}
